"""Importing real model outputs: array files and pasted tensors.

Every import is one undoable step on the controller's stack ("Import
preds.npz"), so Ctrl+Z brings the previous tensors back. A large file is
loaded, and a large result evaluated, in the window's worker thread
(:mod:`lossgui.ui.background`): the document changes only when both
finished, and Cancel changes nothing. A file that cannot be used is
explained in a dialog and changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QDialog, QFileDialog

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.io.arrays import ARRAY_SUFFIXES
from lossgui.io.errors import FileFormatError
from lossgui.session import SessionDocument
from lossgui.ui import background
from lossgui.ui.background import Cancelled
from lossgui.ui.file_session import show_file_error

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["ARRAY_FILTER", "Importer"]

#: The filters' descriptions, translated where the dialog shows them.
ARRAYS_NAME = QT_TRANSLATE_NOOP("Importer", "Arrays")
ALL_FILES_NAME = QT_TRANSLATE_NOOP("Importer", "All files")
ARRAY_FILTER = (
    f"{ARRAYS_NAME} (" + " ".join(f"*{s}" for s in ARRAY_SUFFIXES) + ");;"
    "NumPy (*.npy *.npz);;CSV / TSV (*.csv *.tsv *.txt);;PyTorch (*.pt *.pth);;"
    f"{ALL_FILES_NAME} (*)"
)


def shown_array_filter() -> str:
    """:data:`ARRAY_FILTER` with its descriptions in the window's language."""
    arrays = QCoreApplication.translate("Importer", ARRAYS_NAME)
    every = QCoreApplication.translate("Importer", ALL_FILES_NAME)
    return ARRAY_FILTER.replace(f"{ARRAYS_NAME} (", f"{arrays} (", 1).replace(
        f"{ALL_FILES_NAME} (*)", f"{every} (*)"
    )


LAST_DIR_KEY = "files/import_dir"
#: Show the hardest-samples panel after importing at least this many samples.
HARDEST_AFTER_ROWS = 100


class Importer(QObject):
    """Runs File > Import and Paste as tensor for ``window``."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.controller = window.controller

    # ------------------------------------------------------------------ files
    def import_dialog(self) -> None:
        """File > Import arrays…: choose a file, then which array goes where."""
        folder = str(self.window.settings.value(LAST_DIR_KEY, "") or "")
        name, _ = QFileDialog.getOpenFileName(
            self.window,
            QCoreApplication.translate("Importer", "Import arrays"),
            folder,
            shown_array_filter(),
        )
        if name:
            self.import_file(name, ask=True)

    def load(self, path: Path) -> dict[str, np.ndarray] | None:
        """Load every array of ``path`` with progress; None (explained) on failure."""
        # The readers and dialogs of an import are imported when one runs,
        # not at start-up (they are rarely used).
        from lossgui.io.arrays import load_arrays
        from lossgui.io.table_reader import LoadCancelled

        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # load_arrays says why
        try:
            if size <= background.BACKGROUND_BYTES:
                arrays = load_arrays(path)
            else:
                arrays = self.window.background.run(
                    QCoreApplication.translate("Importer", "Loading {file}…").format(
                        file=path.name
                    ),
                    lambda progress: load_arrays(path, progress),
                )
        except (Cancelled, LoadCancelled):
            self._cancelled(path)
            return None
        except FileFormatError as exc:
            self._refuse(path, exc)
            return None
        self.window.settings.setValue(LAST_DIR_KEY, str(path.parent))
        return arrays

    def import_file(
        self, path: str | Path, preferred: str | None = None, ask: bool = False
    ) -> bool:
        """Import the arrays of ``path``; True when the document changed.

        Parameters
        ----------
        path : str or Path
            An array file (``.npy``, ``.npz``, ``.pt``, ``.csv``, ...).
        preferred : str, optional
            The tensor a single array should replace (the grid it was dropped on).
        ask : bool
            Always show the assignment dialog; otherwise it is shown only when
            the file's arrays do not map obviously onto the tensors.
        """
        if self.window.background.busy:
            return False
        file = Path(path)
        arrays = self.load(file)
        if arrays is None:
            return False
        from lossgui.session.assign_guess import guess_by_name
        from lossgui.session.import_arrays import assign_arrays  # deferred, see load
        from lossgui.ui.file_assign_dialog import AssignDialog

        doc = self.controller.document
        new: SessionDocument | None = None
        if not ask:
            guess = guess_by_name(doc, list(arrays), preferred)
            if guess and len(guess) == len(arrays):
                try:
                    new = assign_arrays(doc, {t: arrays[a] for t, a in guess.items()})
                except FileFormatError as exc:
                    if len(arrays) == 1:  # nothing to choose: say why it does not fit
                        self._refuse(file, exc)
                        return False
        if new is None:
            dialog = AssignDialog(doc, arrays, file.name, preferred, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            new = dialog.result_document
            if new is None:
                return False
        evaluation = None
        if background.is_large(new):
            document = new
            try:
                evaluation = self.window.background.run(
                    QCoreApplication.translate(
                        "MainWindow", "Evaluating {loss}…"
                    ).format(loss=new.loss),
                    lambda progress: document.evaluate(progress),
                )
            except Cancelled:
                self._cancelled(file)
                return False
        self.window.prime(evaluation)
        try:
            self._apply(
                new,
                QCoreApplication.translate("Importer", "Import {file}").format(
                    file=file.name
                ),
            )
        finally:
            self.window.prime(None)
        return True

    def _cancelled(self, path: Path) -> None:
        self.window.show_message(
            QCoreApplication.translate(
                "Importer", "Loading {file} cancelled; nothing changed"
            ).format(file=path.name)
        )

    def _refuse(self, path: Path, exc: FileFormatError) -> None:
        """Say in a dialog and the status bar why ``path`` cannot be imported."""
        show_file_error(
            self.window,
            QCoreApplication.translate("Importer", "Cannot import"),
            path,
            exc,
        )
        self.window.show_message(
            QCoreApplication.translate(
                "Importer", "Cannot import {file}: {error}"
            ).format(file=path.name, error=exc)
        )

    def _apply(self, new: SessionDocument, text: str) -> None:
        self.controller.replace(new, text)
        doc = self.controller.document
        self.window.show_message(
            QCoreApplication.translate(
                "Importer", "{step}: N = {rows}, C = {columns} (undo with Ctrl+Z)"
            ).format(step=text, rows=f"{doc.rows:,}", columns=f"{doc.columns:,}")
        )
        files = getattr(self.window, "files", None)
        if files is not None and doc.rows >= HARDEST_AFTER_ROWS:
            files.show_hardest()

    # ------------------------------------------------------------------ paste
    def paste_as_tensor(self, preferred: str | None = None) -> bool:
        """Edit > Paste as tensor…: replace one tensor with pasted text."""
        if preferred is None:
            view = self.window.window_actions.active_view()
            preferred = getattr(view.model(), "name", None)
        from lossgui.ui.file_paste_dialog import PasteTensorDialog  # deferred, see load

        dialog = PasteTensorDialog(self.controller.document, preferred, self.window)
        if (
            dialog.exec() != QDialog.DialogCode.Accepted
            or dialog.result_document is None
        ):
            return False
        self._apply(
            dialog.result_document,
            QCoreApplication.translate("Importer", "Paste as tensor"),
        )
        return True
