"""The PyTorch actions: "Copy as PyTorch" and "Verify with PyTorch".

"Copy as PyTorch" (``copyTorchAction``) puts a runnable script on the
clipboard that prints what the window shows. "Verify with PyTorch"
(``verifyTorchAction``) is enabled when torch is installed; it runs that
script in torch (imported only then) and reports the largest difference in
value and gradient.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from lossgui.session.torch_snippet import MissingSnippetDefinition, torch_snippet
from lossgui.session.torch_verify import Verification, torch_available, verify
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["TorchActions"]


class TorchActions(QObject):
    """Creates the two actions for ``window`` (menus are the caller's)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_snippet = ""
        self.last_verification: Verification | None = None
        self.copy_action = named(
            QAction(
                QCoreApplication.translate("TorchActions", "Copy as &PyTorch"), window
            ),
            "copyTorchAction",
        )
        self.copy_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.copy_action.setToolTip(
            QCoreApplication.translate(
                "TorchActions",
                "Copy a runnable PyTorch script that prints this value and gradient",
            )
        )
        self.copy_action.triggered.connect(lambda _=False: self.copy())
        self.verify_action = named(
            QAction(
                QCoreApplication.translate("TorchActions", "&Verify with PyTorch"),
                window,
            ),
            "verifyTorchAction",
        )
        self.verify_action.setToolTip(
            QCoreApplication.translate(
                "TorchActions", "Recompute this session in torch and compare"
            )
        )
        self.verify_action.triggered.connect(lambda _=False: self.verify())
        available = torch_available()
        self.verify_action.setEnabled(available)
        if not available:
            tip = QCoreApplication.translate(
                "TorchActions", "install torch to enable: pip install torch"
            )
            self.verify_action.setToolTip(tip)
            self.verify_action.setStatusTip(tip)

    def copy(self) -> str:
        """Put the session's PyTorch script on the clipboard and return it.

        A loss with no PyTorch form gets a warning and leaves the clipboard
        alone (returns ``""``): a script naming a class torch does not have
        would fail far from the cause.
        """
        window = self.window
        doc = window.controller.document
        try:
            code = torch_snippet(doc, window.evaluation).code
        except MissingSnippetDefinition as exc:
            title = QCoreApplication.translate("TorchActions", "Copy as PyTorch")
            window.show_message(f"{title}: {exc}")
            QMessageBox.warning(window, title, str(exc))
            return ""
        QGuiApplication.clipboard().setText(code)
        self.last_snippet = code
        window.show_message(
            QCoreApplication.translate(
                "TorchActions",
                "Copied a PyTorch script ({lines} lines): run it to print "
                "the same loss and gradient",
            ).format(lines=code.count(chr(10)))
        )
        return code

    def verify(self) -> Verification:
        """Recompute the session in torch; report the largest differences."""
        window = self.window
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = verify(window.controller.document)
        finally:
            QApplication.restoreOverrideCursor()
        self.last_verification = result
        window.show_message(result.message)
        box = QMessageBox.information if result.agree else QMessageBox.warning
        title = QCoreApplication.translate("TorchActions", "Verify with PyTorch")
        box(window, title, result.message)
        return result
