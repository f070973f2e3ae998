"""The one place that changes the document: every edit becomes an undo step.

Widgets and table models never write to the :class:`SessionDocument`
themselves; they call a :class:`SessionController` method, which pushes a
command on its ``QUndoStack``. Running the command (now, on undo, on redo)
emits :attr:`SessionController.changed`, which the main window routes to its
single recompute slot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from lossgui.session import SessionDocument, switch_loss, switch_target_mode
from lossgui.ui.commands import CellsCommand, Change, DocumentCommand, SettingCommand

__all__ = ["Change", "SessionController"]

#: Undo steps kept; whole-document steps hold two copies of every tensor.
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
        self, name: str, rows, columns, values, text: str = "Edit cell"
    ) -> None:
        """Write values into tensor ``name`` at 2-D table positions."""
        self.undo_stack.push(CellsCommand(self, name, rows, columns, values, text))

    def fill_column(self, name: str, column: int, value: float) -> None:
        """Set every row of one column of a tensor to ``value``."""
        rows = np.arange(self._document.table(name).shape[0])
        self.set_cells(
            name,
            rows,
            np.full(rows.shape, column),
            np.full(rows.shape, value),
            f"Fill column {column} of {name}",
        )

    # ---------------------------------------------------------------- settings
    def set_setting(self, key: str, value, text: str | None = None) -> None:
        """Change one setting key (``"reduction"``, ``"param.beta"``, ...)."""
        if self._document.setting(key) == value:
            return
        label = text or f"Set {key.partition('.')[2] or key} to {value}"
        self.undo_stack.push(SettingCommand(self, key, value, label))

    # -------------------------------------------------------- document changes
    def apply(
        self, edit: Callable[[SessionDocument], SessionDocument | None], text: str
    ) -> None:
        """Run ``edit`` on a copy of the document and push it as one undo step.

        ``edit`` either changes the copy in place (returning ``None``) or
        returns a new document.
        """
        before = self._document.copy()
        draft = self._document.copy()
        result = edit(draft)
        after = draft if result is None else result
        self.undo_stack.push(DocumentCommand(self, before, after, text))

    def set_loss(self, name: str) -> None:
        """Switch loss, carrying the numbers over where they still make sense."""
        if name != self._document.loss:
            self.apply(lambda doc: switch_loss(doc, name), f"Switch to {name}")

    def set_target_mode(self, mode: str) -> None:
        """Class indices <-> probability rows (CrossEntropyLoss)."""
        if mode != self._document.target_mode:
            self.apply(lambda doc: switch_target_mode(doc, mode), f"Targets as {mode}")

    def resize(self, rows: int, columns: int) -> None:
        """Set ``N`` and ``C``."""
        doc = self._document
        if (rows, columns) != (doc.rows, doc.columns):
            self.apply(lambda d: d.resize(rows, columns), f"Resize to {rows}×{columns}")

    def insert_rows(self, at: int, count: int = 1) -> None:
        """Insert samples before row ``at``."""
        self.apply(lambda d: d.insert_rows(at, count), "Insert rows")

    def remove_rows(self, at: int, count: int = 1) -> None:
        """Remove samples starting at row ``at``."""
        self.apply(lambda d: d.remove_rows(at, count), "Remove rows")

    def insert_columns(self, at: int, count: int = 1) -> None:
        """Insert classes before column ``at``."""
        self.apply(lambda d: d.insert_columns(at, count), "Insert columns")

    def remove_columns(self, at: int, count: int = 1) -> None:
        """Remove classes starting at column ``at``."""
        self.apply(lambda d: d.remove_columns(at, count), "Remove columns")

    def randomize(self, seed: int) -> None:
        """Replace the logits with seeded random values."""
        self.apply(lambda d: d.randomize(seed), f"Random logits (seed {seed})")

    def paste(self, name: str, row: int, column: int, block: np.ndarray) -> None:
        """Write a 2-D block at ``(row, column)``, growing N or C when it is larger.

        Raises
        ------
        ValueError
            When the block is wider or taller than a tensor that cannot grow
            that way (a one-value-per-row target, say).
        """
        doc = self._document
        role = doc.slot(name).role
        table = doc.table(name)
        need_rows, need_cols = row + block.shape[0], column + block.shape[1]
        grow_rows = max(0, need_rows - table.shape[0])
        grow_cols = max(0, need_cols - table.shape[1])
        if (grow_rows and role in ("classes", "sequence", "scalar")) or (
            grow_cols and role in ("rows", "scalar")
        ):
            raise ValueError(
                f"the pasted block ({block.shape[0]}×{block.shape[1]}) does not fit "
                f"{name} ({table.shape[0]}×{table.shape[1]})"
            )
        rows, cols = np.meshgrid(
            np.arange(row, need_rows), np.arange(column, need_cols), indexing="ij"
        )
        if not grow_rows and not grow_cols:
            self.set_cells(name, rows.ravel(), cols.ravel(), block.ravel(), "Paste")
            return

        def grow_and_write(draft: SessionDocument) -> None:
            if role == "sequence":  # a longer label sequence: S grows, not C
                draft.resize_sequence(name, need_cols)
            elif role == "classes":
                draft.resize(draft.rows, draft.columns + grow_cols)
            else:
                draft.resize(draft.rows + grow_rows, draft.columns + grow_cols)
            draft.set_values(name, rows.ravel(), cols.ravel(), block.ravel())

        self.apply(grow_and_write, "Paste (grow grid)")
