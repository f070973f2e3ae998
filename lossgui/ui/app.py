"""Starting the application: QApplication, theme, window, exception hook.

While :func:`run` runs, cyclic garbage is collected from the event loop
(:mod:`lossgui.ui.idle_gc`), never inside a Qt call.
"""

from __future__ import annotations

import contextlib
import sys
import traceback
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import cast

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from lossgui.ui.idle_gc import idle_collection
from lossgui.ui.main_window import APPLICATION, ORGANIZATION, MainWindow
from lossgui.ui.theme import apply_theme

__all__ = ["install_excepthook", "run"]

ExceptHook = Callable[
    [type[BaseException], BaseException, TracebackType | None], object
]


def install_excepthook(window: MainWindow) -> ExceptHook:
    """Report uncaught exceptions in the status bar (and on stderr), never crash.

    Returns
    -------
    callable
        The previous ``sys.excepthook``, to restore it.
    """
    previous = sys.excepthook

    def hook(
        kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        traceback.print_exception(kind, exc, tb)
        with contextlib.suppress(RuntimeError):  # the window may already be gone
            window.statusBar().showMessage(
                QCoreApplication.translate(
                    "MainWindow", "Internal error: {kind}: {error}"
                ).format(kind=kind.__name__, error=exc),
                15000,
            )

    sys.excepthook = hook
    return previous


def run(argv: Sequence[str], session_file: str | None = None) -> int:
    """Show the main window and run the event loop; returns the exit code.

    ``session_file`` (a session or an array file) is opened once the window
    shows; without one, an autosave left by a crash is recovered. Automatic
    garbage collection is off until the call returns (see
    :mod:`lossgui.ui.idle_gc`): collections run from the event loop.
    """
    # an existing instance (tests) is a QApplication too: widgets need one
    running = cast("QApplication | None", QApplication.instance())
    app = running or QApplication(list(argv))
    # from before the window exists: building it allocates enough to collect
    with idle_collection(parent=app):
        app.setOrganizationName(ORGANIZATION)
        app.setApplicationName(APPLICATION)
        app.setApplicationDisplayName("lossgui")
        window = MainWindow()
        apply_theme(app, str(window.settings.value("view/theme", "system")))
        previous = install_excepthook(window)
        window.show()
        # open the file given (or recover an autosave) once the window is up
        QTimer.singleShot(0, lambda: window.files.startup(session_file))
        try:
            return int(app.exec())
        finally:
            sys.excepthook = previous
