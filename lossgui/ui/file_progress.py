"""Long file jobs (loading, exporting) behind a cancellable progress dialog.

The job runs in the GUI thread in chunks: it calls ``progress(fraction)``
between chunks, the dialog repaints and handles the Cancel button there
(``QProgressDialog.setValue`` processes events when window-modal), and a
False return tells the job to stop. A job that ends within half a second
never shows the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

__all__ = ["run_with_progress"]

T = TypeVar("T")
_STEPS = 1000


def run_with_progress(
    parent: QWidget,
    label: str,
    job: Callable[[Callable[[float], bool]], T],
) -> T:
    """Run ``job(progress)`` with a progress dialog; returns what it returns.

    Parameters
    ----------
    parent : QWidget
        The window the dialog belongs to.
    label : str
        What is happening ("Loading preds.csv…").
    job : callable
        Receives ``progress(fraction) -> bool`` and should stop (raise its
        own cancellation exception) when it returns False.
    """
    cancel = QCoreApplication.translate("FileProgress", "Cancel")
    dialog = QProgressDialog(label, cancel, 0, _STEPS, parent)
    dialog.setObjectName("fileProgressDialog")
    dialog.setWindowTitle("lossgui")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)

    def progress(fraction: float) -> bool:
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * _STEPS))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        return job(progress)
    finally:
        QApplication.restoreOverrideCursor()
        dialog.close()
        dialog.deleteLater()
