"""The one place that changes the document: every edit becomes an undo step.

Widgets and table models never write to the :class:`SessionDocument`
themselves; they call a :class:`SessionController` method, which pushes a
command on its ``QUndoStack``. Running the command (now, on undo, on redo)
emits :attr:`SessionController.changed`, which the main window routes to its
single recompute slot.

While a background job reads or replaces the document
(:mod:`lossgui.ui.background`), :attr:`SessionController.read_only` is set
and every edit method returns without changing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QUndoStack

from lossgui.session import (
    SessionDocument,
    switch_loss,
    switch_target_mode,
    target_modes,
)
from lossgui.session.layout import TargetMode
from lossgui.session.paste_fit import plan_paste
from lossgui.ui.commands import CellsCommand, Change, DocumentCommand, SettingCommand

__all__ = ["Change", "SessionController"]

# Undo steps kept; a whole-document step holds the state it replaced (swapped
# in and out, never copied: see commands.DocumentCommand).
UNDO_LIMIT = 100


class SessionController(QObject):
    """Owns the document and its undo stack.

    Parameters
    ----------
    document : SessionDocument
        The document to edit (kept, not copied).

    Signals
    -------
    changed(int, object)
        After every edit, undo and redo: a :class:`Change` flag set and the
        tuple of tensor names whose values changed.
    """

    changed = Signal(int, object)

    def __init__(self, document: SessionDocument, parent: QObject | None = None):
        super().__init__(parent)
        self._document = document
        self.edited_region: tuple[range, range] | None = None
        # Edits are held off (a background job reads the document); the
        # grids open no editors and every edit method does nothing.
        self.read_only = False
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(UNDO_LIMIT)

    @property
    def document(self) -> SessionDocument:
        """The live document (read it; change it only through this controller)."""
        return self._document

    def notify(
        self,
        change: Change,
        names: Sequence[str] = (),
        region: tuple[range, range] | None = None,
    ) -> None:
        """Tell listeners what changed (commands call this).

        ``region`` (rows, columns of the 2-D table) bounds the cells of
        ``names`` that changed, when the edit knows it; listeners read it
        from :attr:`edited_region` while the signal is delivered.
        """
        self.edited_region = region
        try:
            self.changed.emit(int(change), tuple(names))
        finally:
            self.edited_region = None

    # ------------------------------------------------------------- value edits
    def set_cells(
        self,
        name: str,
        rows: npt.ArrayLike,
        columns: npt.ArrayLike,
        values: npt.ArrayLike,
        text: str | None = None,
    ) -> None:
        """Write values into tensor ``name`` at 2-D table positions.

        ``text`` names the undo step (default "Edit cell").
        """
        if self.read_only:
            return
        if text is None:
            text = QCoreApplication.translate("SessionController", "Edit cell")
        self.undo_stack.push(CellsCommand(self, name, rows, columns, values, text))

    def fill_column(self, name: str, column: int, value: float) -> None:
        """Set every row of one column of a tensor to ``value``."""
        rows = np.arange(self._document.table(name).shape[0])
        self.set_cells(
            name,
            rows,
            np.full(rows.shape, column),
            np.full(rows.shape, value),
            QCoreApplication.translate(
                "SessionController", "Fill column {column} of {name}"
            ).format(column=column, name=name),
        )

    # ---------------------------------------------------------------- settings
    def set_setting(self, key: str, value: object, text: str | None = None) -> None:
        """Change one setting key (``"reduction"``, ``"param.beta"``, ...)."""
        if self.read_only or self._document.setting(key) == value:
            return
        label = text or QCoreApplication.translate(
            "SessionController", "Set {key} to {value}"
        ).format(key=key.partition(".")[2] or key, value=value)
        self.undo_stack.push(SettingCommand(self, key, value, label))

    # -------------------------------------------------------- document changes
    def apply(
        self, edit: Callable[[SessionDocument], SessionDocument | None], text: str
    ) -> None:
        """Run ``edit`` on a copy of the document and push it as one undo step.

        ``edit`` either changes the copy in place (returning ``None``) or
        returns a new document.
        """
        if self.read_only:
            return
        draft = self._document.copy()
        result = edit(draft)
        self.replace(draft if result is None else result, text)

    def replace(self, document: SessionDocument, text: str) -> None:
        """Show ``document`` (handed over, not copied) as one undo step.

        The step keeps the current arrays for undo without copying them (see
        :class:`~lossgui.ui.commands.DocumentCommand`).
        """
        if not self.read_only:
            self.undo_stack.push(DocumentCommand(self, None, document, text))

    def set_loss(self, name: str) -> None:
        """Switch loss, carrying the numbers over where they still make sense."""
        if name != self._document.loss:
            self.apply(
                lambda doc: switch_loss(doc, name),
                QCoreApplication.translate(
                    "SessionController", "Switch to {name}"
                ).format(name=name),
            )

    def set_target_mode(self, mode: str) -> None:
        """Class indices <-> probability rows (CrossEntropyLoss).

        A mode the loss does not offer (:func:`~lossgui.session.target_modes`)
        changes nothing.
        """
        offered: dict[str, TargetMode] = {
            choice: choice for choice in target_modes(self._document.spec)
        }
        target = offered.get(mode)
        if target is not None and target != self._document.target_mode:
            self.apply(
                lambda doc: switch_target_mode(doc, target),
                QCoreApplication.translate(
                    "SessionController", "Targets as {mode}"
                ).format(mode=target),
            )

    def resize(self, rows: int, columns: int) -> None:
        """Set ``N`` and ``C``."""
        doc = self._document
        if (rows, columns) != (doc.rows, doc.columns):
            self.apply(
                lambda d: d.resize(rows, columns),
                QCoreApplication.translate(
                    "SessionController", "Resize to {rows}×{columns}"
                ).format(rows=rows, columns=columns),
            )

    def insert_rows(self, at: int, count: int = 1) -> None:
        """Insert samples before row ``at``."""
        self.apply(
            lambda d: d.insert_rows(at, count),
            QCoreApplication.translate("SessionController", "Insert rows"),
        )

    def remove_rows(self, at: int, count: int = 1) -> None:
        """Remove samples starting at row ``at``."""
        self.apply(
            lambda d: d.remove_rows(at, count),
            QCoreApplication.translate("SessionController", "Remove rows"),
        )

    def insert_columns(self, at: int, count: int = 1) -> None:
        """Insert classes before column ``at``."""
        self.apply(
            lambda d: d.insert_columns(at, count),
            QCoreApplication.translate("SessionController", "Insert columns"),
        )

    def remove_columns(self, at: int, count: int = 1) -> None:
        """Remove classes starting at column ``at``."""
        self.apply(
            lambda d: d.remove_columns(at, count),
            QCoreApplication.translate("SessionController", "Remove columns"),
        )

    def randomize(self, seed: int) -> None:
        """Replace the logits with seeded random values."""
        self.apply(
            lambda d: d.randomize(seed),
            QCoreApplication.translate(
                "SessionController", "Random logits (seed {seed})"
            ).format(seed=seed),
        )

    def paste(self, name: str, row: int, column: int, block: np.ndarray) -> None:
        """Write a 2-D block at ``(row, column)``, growing N or C when it is larger.

        The fit and growth rules are :func:`lossgui.session.paste_fit.plan_paste`'s.

        Raises
        ------
        ValueError
            When the block is wider or taller than a tensor that cannot grow
            that way (a one-value-per-row target, say).
        """
        plan = plan_paste(self._document, name, row, column, block.shape)
        if not plan.grows:
            self.set_cells(
                name,
                plan.rows,
                plan.columns,
                block.ravel(),
                QCoreApplication.translate("SessionController", "Paste"),
            )
            return
        self.apply(
            lambda draft: plan.write(draft, block),
            QCoreApplication.translate("SessionController", "Paste (grow grid)"),
        )
