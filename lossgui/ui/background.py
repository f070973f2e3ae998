"""Long work off the GUI thread: a worker thread, a status-bar indicator, Cancel.

:class:`BackgroundRunner` (one per window, ``window.background``) runs a
Python callable ``job(progress)`` in a worker thread. NumPy releases the GIL
in its big loops, so the window repaints, scrolls and selects meanwhile. The
job may call ``progress(fraction)`` (0..1) between chunks; it returns False
once the user pressed Cancel, and a cooperative job then stops by raising its
own cancellation exception.

The indicator (a label, a progress bar and a Cancel button in the status
bar) appears only when the job is still running after :data:`SHOW_AFTER_MS`,
so short jobs do not flash. The result, or the job's exception, is handed to
callbacks in the GUI thread; no exception reaches Qt's event loop (a failing
callback is reported through ``window.report_error``).

Two ways to wait:

- :meth:`BackgroundRunner.start` returns at once and calls ``done`` /
  ``failed`` / ``cancelled`` later (the main window's large evaluations);
- :meth:`BackgroundRunner.run` returns the job's result to its caller, running
  a local event loop meanwhile (the File menu's open, save, import and export
  keep their synchronous signatures this way).

A job that does not poll ``progress`` cannot be stopped: Cancel then
abandons it (``cancelled`` runs at once, the thread finishes unobserved and
its late result goes to ``discard``, e.g. to delete a temporary file). A
cooperative job (``wait=True``) is asked to stop and its outcome delivered as
it is.

While a job runs, editing is held off (``lock``): the controller is read-only
(grids refuse to open editors), the controls dock and Undo/Redo are disabled,
and the window refuses to close. Scrolling and selecting still work.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QProgressBar,
    QToolButton,
    QWidget,
)
from shiboken6 import isValid

if TYPE_CHECKING:
    from lossgui.session import SessionDocument

__all__ = [
    "BACKGROUND_BYTES",
    "BACKGROUND_VALUES",
    "EVALUATION_VALUES",
    "BackgroundRunner",
    "BackgroundTask",
    "Cancelled",
    "Progress",
    "is_large",
]

log = logging.getLogger(__name__)
T = TypeVar("T")
Progress = Callable[[float], bool]

# Files larger than this (bytes) are read in the worker thread.
BACKGROUND_BYTES = 1 << 20
# Sessions holding more values than this are saved and exported in the worker.
BACKGROUND_VALUES = 100_000
# Documents with a tensor of more values than this are evaluated in the
# worker (a 50,000 x 1000 CrossEntropyLoss evaluation takes 1-2.5 s).
EVALUATION_VALUES = 2_000_000
# The indicator appears only for a job still running after this long.
SHOW_AFTER_MS = 250
# How often the progress bar reads the job's last reported fraction.
POLL_MS = 50
_STEPS = 1000


def is_large(doc: SessionDocument) -> bool:
    """Whether evaluating ``doc`` belongs in the worker thread.

    The cost follows the largest tensor (the logits grid), not their sum.
    """
    arrays = (*doc.tensors.values(), *doc.tensor_params.values())
    return max((int(a.size) for a in arrays), default=0) > EVALUATION_VALUES


class Cancelled(Exception):
    """The user cancelled a job run with :meth:`BackgroundRunner.run`."""


class BackgroundTask(QObject, Generic[T]):
    """One job in a worker thread; created by :class:`BackgroundRunner`."""

    _finished = Signal()

    def __init__(self, label: str, job: Callable[[Progress], T], wait: bool) -> None:
        super().__init__()
        self.label = label
        self.wait = wait
        # Someone waits for it in a local event loop (BackgroundRunner.run):
        # it is told of a cancellation even when a newer job supersedes it.
        self.blocking = False
        self._job = job
        self._stop = threading.Event()
        # The last fraction the job reported (None: it reports none).
        self.fraction: float | None = None
        self.result: T | None = None
        self.error: BaseException | None = None
        self.on_end: Callable[[BackgroundTask[T]], None] = lambda task: None
        # Called in the GUI thread (see :meth:`BackgroundRunner.start`).
        self.done: Callable[[T], object] | None = None
        self.failed: Callable[[BaseException], object] | None = None
        self.cancelled: Callable[[], object] | None = None
        self.discard: Callable[[T], object] | None = None
        self._finished.connect(self._end, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        """Start the worker thread."""
        threading.Thread(target=self._run, name="lossgui-job", daemon=True).start()

    def _run(self) -> None:  # the worker thread
        try:
            self.result = self._job(self.progress)
        except BaseException as exc:  # delivered to the GUI thread, never raised here
            self.error = exc
        with contextlib.suppress(RuntimeError):  # the window and runner are gone
            self._finished.emit()

    def progress(self, fraction: float) -> bool:
        """The job's callback: note ``fraction``; False once cancelled."""
        self.fraction = max(0.0, min(1.0, float(fraction)))
        return not self._stop.is_set()

    @property
    def stopping(self) -> bool:
        """Whether Cancel was pressed."""
        return self._stop.is_set()

    def request_stop(self) -> None:
        """Ask the job to stop (its next ``progress`` call returns False)."""
        self._stop.set()

    def _end(self) -> None:  # the GUI thread, after the job returned or raised
        self.on_end(self)


class BusyIndicator(QWidget):
    """The status bar's label, progress bar and Cancel button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backgroundIndicator")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.label.setObjectName("backgroundLabel")
        self.label.setAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        self.bar = QProgressBar()
        self.bar.setObjectName("backgroundProgress")
        self.bar.setTextVisible(False)
        self.bar.setFixedWidth(self.fontMetrics().horizontalAdvance("M") * 12)
        self.bar.setMaximumHeight(self.fontMetrics().height())
        self.cancel = QToolButton()
        self.cancel.setObjectName("backgroundCancel")
        self.cancel.setText(QCoreApplication.translate("Background", "Cancel"))
        self.cancel.setAutoRaise(False)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel)

    def show_task(self, task: BackgroundTask[Any]) -> None:
        """Show ``task``'s label and progress."""
        self.label.setText(task.label)
        self.update_progress(task)
        self.cancel.setEnabled(not task.stopping)
        self.show()

    def update_progress(self, task: BackgroundTask[Any]) -> None:
        """Move the bar to the job's fraction (a busy bar if it reports none)."""
        if task.fraction is None:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, _STEPS)
            self.bar.setValue(int(task.fraction * _STEPS))


def lock_editing(window: QMainWindow, locked: bool) -> None:
    """Hold edits off (or allow them again) in ``window``; see the module docstring."""
    controller = getattr(window, "controller", None)
    if controller is not None:
        controller.read_only = locked
    dock = getattr(window, "controls_dock", None)
    if dock is not None and dock.widget() is not None:
        dock.widget().setEnabled(not locked)
    actions = getattr(window, "window_actions", None)
    if actions is not None and controller is not None:
        stack = controller.undo_stack
        actions.undo_action.setEnabled(not locked and stack.canUndo())
        actions.redo_action.setEnabled(not locked and stack.canRedo())


class BackgroundRunner(QObject):
    """Runs one job at a time for ``window``; see the module docstring.

    Signals
    -------
    busyChanged(bool)
        A job started, or the last one ended.
    """

    busyChanged = Signal(bool)

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.task: BackgroundTask[Any] | None = None
        # Abandoned tasks whose threads still run (kept alive until they end).
        self._abandoned: set[BackgroundTask[Any]] = set()
        self._retired: list[BackgroundTask[Any]] = []
        self._locked = False
        self._watching = False
        self.indicator = BusyIndicator()
        self.indicator.hide()
        self.indicator.cancel.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.indicator)
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.timeout.connect(self._show_indicator)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._update_indicator)
        window.installEventFilter(self)

    @property
    def busy(self) -> bool:
        """Whether a job is running (abandoned ones do not count)."""
        return self.task is not None

    @property
    def idle(self) -> bool:
        """Whether no worker thread of this runner is alive (abandoned ones too)."""
        return self.task is None and not self._abandoned

    # ------------------------------------------------------------------ start
    def start(
        self,
        label: str,
        job: Callable[[Progress], T],
        done: Callable[[T], object],
        failed: Callable[[BaseException], object] | None = None,
        cancelled: Callable[[], object] | None = None,
        discard: Callable[[T], object] | None = None,
        lock: bool = True,
        wait: bool = False,
    ) -> BackgroundTask[T]:
        """Start ``job(progress)`` in the worker thread and return at once.

        Parameters
        ----------
        label : str
            What the indicator says ("Opening batch.lossgui…").
        job : callable
            Runs in the worker; must not touch Qt objects.
        done, failed, cancelled : callable
            Called in the GUI thread with the result, the job's exception, or
            nothing after Cancel (``failed`` defaults to ``window.report_error``).
        discard : callable, optional
            Gets the result of a job that finished after it was abandoned.
        lock : bool
            Hold editing off while the job runs.
        wait : bool
            The job polls ``progress``: Cancel asks it to stop and its outcome
            (often its own cancellation exception) goes to ``done``/``failed``.

        Raises
        ------
        RuntimeError
            When another job is running (callers check :attr:`busy`).
        """
        if self.task is not None:
            raise RuntimeError("a background job is already running")
        task: BackgroundTask[T] = BackgroundTask(label, job, wait)
        task.on_end = self._ended
        task.done, task.failed = done, failed or self._report
        task.cancelled, task.discard = cancelled, discard
        self.task = task
        self._set_locked(lock)
        self.busyChanged.emit(True)
        task.start()
        self._show_timer.start(SHOW_AFTER_MS)
        return task

    def run(
        self,
        label: str,
        job: Callable[[Progress], T],
        lock: bool = True,
        wait: bool = False,
        discard: Callable[[T], object] | None = None,
    ) -> T:
        """Run ``job`` in the worker and return its result; the GUI stays live.

        A local event loop runs until the job ends (see :meth:`start` for the
        parameters).

        Raises
        ------
        Cancelled
            When the user abandoned a job that does not poll ``progress``.
        BaseException
            Whatever the job raised (a cooperative job's own cancellation too).
        """
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def finish(key: str, value: object = None) -> None:
            outcome[key] = value
            loop.quit()

        task = self.start(
            label,
            job,
            done=lambda result: finish("result", result),
            failed=lambda exc: finish("error", exc),
            cancelled=lambda: finish("cancelled"),
            discard=discard,
            lock=lock,
            wait=wait,
        )
        task.blocking = True
        if not outcome:
            loop.exec()
        if "cancelled" in outcome:
            raise Cancelled
        if "error" in outcome:
            raise outcome["error"]
        result: T = outcome["result"]
        return result

    # ----------------------------------------------------------------- cancel
    def cancel(self, quiet: bool = False) -> None:
        """Cancel the running job (the indicator's button).

        ``quiet``: abandon it without calling its ``cancelled`` callback (a
        newer job supersedes it).
        """
        task = self.task
        if task is None:
            return
        task.request_stop()
        if task.wait and not quiet:
            self.indicator.cancel.setEnabled(False)
            return
        self._abandoned.add(task)
        self._finish_task()
        if not quiet or task.blocking:
            self._call(task.cancelled)

    # --------------------------------------------------------------- internal
    def _ended(self, task: BackgroundTask[Any]) -> None:
        # Freed on a later turn of the event loop, never inside its own slot.
        self._retired.append(task)
        QTimer.singleShot(0, self._retired.clear)
        if task in self._abandoned:
            self._abandoned.discard(task)
            if task.error is None:
                self._call(task.discard, task.result)
            return
        if task is not self.task:
            return
        self._finish_task()
        if task.error is None:
            self._call(task.done, task.result)
        else:
            self._call(task.failed, task.error)

    def _finish_task(self) -> None:
        self.task = None
        self._show_timer.stop()
        self._poll.stop()
        if isValid(self.indicator):
            self.indicator.hide()
        self._set_locked(False)
        self.busyChanged.emit(False)

    def _set_locked(self, locked: bool) -> None:
        if locked != self._locked and isValid(self.window):
            self._locked = locked
            lock_editing(self.window, locked)
            controller = getattr(self.window, "controller", None)
            if locked and controller is not None and not self._watching:
                # the stack re-enables Undo/Redo after the push that started
                # the job; these run after its own connections
                self._watching = True
                stack = controller.undo_stack
                stack.canUndoChanged.connect(self._keep_locked)
                stack.canRedoChanged.connect(self._keep_locked)

    def _keep_locked(self, _can: bool) -> None:
        if self._locked and isValid(self.window):
            lock_editing(self.window, True)

    def _show_indicator(self) -> None:
        if self.task is not None and isValid(self.indicator):
            self.indicator.show_task(self.task)
            self._poll.start()

    def _update_indicator(self) -> None:
        if self.task is not None and isValid(self.indicator):
            self.indicator.update_progress(self.task)

    def _call(self, callback: Callable[..., object] | None, *args: object) -> None:
        """Run a callback; an exception is reported, never raised into Qt."""
        if callback is None:
            return
        try:
            callback(*args)
        except Exception as exc:
            self._report(exc)

    def _report(self, exc: BaseException) -> None:
        report = getattr(self.window, "report_error", None)
        if report is not None and isValid(self.window):
            report(exc)
        else:
            log.error("background job failed", exc_info=exc)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: the window does not close while a job runs (its indicator shows)."""
        if (
            watched is self.window
            and event.type() == QEvent.Type.Close
            and self.task is not None
        ):
            event.ignore()
            self._show_indicator()
            return True
        return False
