"""The Qt half of :func:`lossgui.show`: a window on a document, blocking or not.

In a plain script there is no ``QApplication``: :func:`show_document`
creates one (named and themed as the ``lossgui`` command does) and runs an
event loop until the window closes, as ``plt.show()`` does. Where Qt already
runs — IPython or Jupyter after ``%gui qt``, an application that made its own
``QApplication``, a call from inside a running event loop — it returns at once
and the window stays live; shown windows are kept referenced until closed, so
an unassigned ``lossgui.show(...)`` does not vanish. Ctrl+C in the terminal
ends a blocking ``show`` with ``KeyboardInterrupt``.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from types import FrameType

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import QApplication

from lossgui.session.document import SessionDocument
from lossgui.system_libs import missing_libraries_hint
from lossgui.ui.app import install_excepthook
from lossgui.ui.idle_gc import idle_collection
from lossgui.ui.main_window import APPLICATION, ORGANIZATION, MainWindow
from lossgui.ui.theme import apply_theme

__all__ = [
    "CloseWatcher",
    "application",
    "event_loop_running",
    "open_windows",
    "should_block",
    "show_document",
]

#: The dynamic property marking a QApplication that lossgui created itself.
OWNED_PROPERTY = "lossguiCreatedByShow"
#: How often a blocking loop lets Python see Ctrl+C (ms).
_SIGNAL_POLL_MS = 200

_open: set[MainWindow] = set()


def open_windows() -> list[MainWindow]:
    """The windows :func:`show_document` opened that are not closed yet."""
    return list(_open)


def application() -> tuple[QApplication, bool]:
    """The running QApplication, or a new one; and whether it was created now.

    Raises
    ------
    RuntimeError
        When Qt cannot open a window (missing Linux system libraries: the
        hint names them), or a ``QCoreApplication`` without widgets runs.
    """
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError(
                QCoreApplication.translate(
                    "show",
                    "a QCoreApplication without widgets is running in this process; "
                    "lossgui.show needs a QApplication",
                )
            )
        return existing, False
    hint = missing_libraries_hint()
    if hint is not None:
        raise RuntimeError(hint)
    app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "lossgui"])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("lossgui")
    app.setProperty(OWNED_PROPERTY, True)
    return app, True


def event_loop_running() -> bool:
    """Whether this thread is inside a running Qt event loop."""
    return QThread.currentThread().loopLevel() > 0


def should_block(app: QApplication, block: bool | None) -> bool:
    """Whether :func:`show_document` runs an event loop until the window closes.

    ``block`` when given; otherwise only when lossgui created the
    QApplication (a plain script) and no event loop is running: someone
    else's QApplication (``%gui qt``, the user's own application) keeps the
    window live without blocking.
    """
    if block is not None:
        return bool(block)
    return bool(app.property(OWNED_PROPERTY)) and not event_loop_running()


class CloseWatcher(QObject):
    """Emits :attr:`closed` once a close of the window was accepted.

    A close the window refuses (the user cancels "Save changes?") leaves it
    visible and emits nothing.
    """

    closed = Signal()

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: after each Close event, check whether the window went away."""
        if watched is self._window and event.type() == QEvent.Type.Close:
            QTimer.singleShot(0, self._check)
        return False

    def _check(self) -> None:
        if not self._window.isVisible():
            self.closed.emit()


@contextlib.contextmanager
def _interrupt_quits(quit_loop: Callable[[], None]) -> Iterator[list[int]]:
    """While inside: Ctrl+C quits the loop; yields the signals received."""
    received: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield received
        return

    def handler(signum: int, _frame: FrameType | None) -> None:
        received.append(signum)
        quit_loop()

    previous = signal.signal(signal.SIGINT, handler)
    poll = QTimer()
    poll.timeout.connect(lambda: None)  # returns to Python, which runs handlers
    poll.start(_SIGNAL_POLL_MS)
    try:
        yield received
    finally:
        poll.stop()
        signal.signal(
            signal.SIGINT, previous if previous is not None else signal.SIG_DFL
        )


def _run_until_closed(window: MainWindow, watcher: CloseWatcher, owned: bool) -> None:
    """Run an event loop until the window closes.

    In lossgui's own application (a plain script) garbage is collected from
    the loop while it runs, as in the app (:mod:`lossgui.ui.idle_gc`);
    someone else's application keeps its own collection.
    """
    loop = QEventLoop()
    watcher.closed.connect(loop.quit)
    window.destroyed.connect(loop.quit)
    previous_hook = install_excepthook(window)
    collecting = idle_collection() if owned else contextlib.nullcontext()
    try:
        with _interrupt_quits(loop.quit) as interrupted, collecting:
            if window.isVisible():
                loop.exec()
    finally:
        sys.excepthook = previous_hook
    if interrupted:  # gone without "Save changes?": the script is stopping
        window.hide()
        _open.discard(window)
        window.deleteLater()  # nobody gets it back: show raises
        raise KeyboardInterrupt


def show_document(doc: SessionDocument, block: bool | None = None) -> MainWindow:
    """Open a window on ``doc``; see :func:`lossgui.show`.

    Parameters
    ----------
    doc : SessionDocument
        The document the window starts with (its undo history starts clean).
    block : bool, optional
        Run an event loop until the window closes; by default only in a plain
        script (see :func:`should_block`).

    Returns
    -------
    MainWindow
        The window (closed already when the call blocked).
    """
    app, created = application()
    window = MainWindow(document=doc)
    if created:
        apply_theme(app, str(window.settings.value("view/theme", "system")))
    watcher = CloseWatcher(window)
    _open.add(window)
    ref = weakref.ref(window)  # the connections must not keep a closed window alive
    watcher.closed.connect(lambda: _open.discard(ref()))
    window.destroyed.connect(lambda: _open.discard(ref()))
    window.show()
    window.raise_()
    window.activateWindow()
    if should_block(app, block):
        _run_until_closed(window, watcher, bool(app.property(OWNED_PROPERTY)))
    return window
