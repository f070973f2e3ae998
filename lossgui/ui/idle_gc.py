"""Cyclic garbage collection from the event loop, never inside a Qt call.

Python's cyclic garbage collector normally starts whenever enough container
objects were allocated, which may be anywhere: inside a Qt function that
called back into Python (PySide asking whether a method is overridden, a
signal delivered to a Python slot, a model's ``data``) or in a worker
thread. If that collection frees QObjects, their C++ destructors run right
there. Qt is not written for that: a collection that starts inside
``QObject::disconnect`` and frees an old window makes ``QObject::~QObject``
wait on the signal mutex ``disconnect`` holds, and the process hangs (seen
in CI; the tests guard against it in ``tests/ui/conftest.py``). A worker
thread that triggers a collection deletes GUI objects from the wrong
thread. For the user either means a frozen or crashed window and lost work.

The remedy, used by PyQt and PySide applications since it was suggested on
the PyQt mailing list in 2011 (pyqtgraph ships it as
``pyqtgraph.util.garbage_collector.GarbageCollector``, the ``qtpygc``
package packages it), is to turn automatic collection off in the GUI
process and collect from the GUI thread's event loop, where no Qt call is
in progress: :class:`IdleCollector` checks :func:`gc.get_count` on a timer
and collects the generations the interpreter itself would have collected
by now, so the cost stays that of automatic collection and a full
collection still happens now and then. Reference counting frees everything
that is not in a cycle at once, as before; only cycles wait for the next
tick. Checked at idle, the count of young objects is the net growth since
the last collection (temporaries are freed by then), so after a quiet spell
a few cycles holding large arrays or closed dialogs could wait long for
the count to pass the threshold: young objects are also collected once
they are :data:`MAX_WAIT_MS` old.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QTimer

__all__ = [
    "INTERVAL_MS",
    "MAX_WAIT_MS",
    "IdleCollector",
    "collection_due",
    "idle_collection",
]

#: How often the collector looks at the allocation counts (ms). A tick that
#: finds nothing to do costs a few microseconds.
INTERVAL_MS = 200
#: The longest young objects wait for a collection (ms), when fewer were
#: allocated than make one due.
MAX_WAIT_MS = 5000


def collection_due() -> int | None:
    """The generation automatic collection would collect now, if any.

    Follows the interpreter's rule: once more container objects were
    allocated than ``threshold0``, the oldest generation whose count
    exceeds its threshold is collected (counts of the older generations are
    numbers of collections of the next younger one).

    Returns
    -------
    int or None
        0, 1 or 2; None when no collection is due (or automatic collection
        is switched off by a threshold of 0).
    """
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    if thresholds[0] <= 0 or counts[0] <= thresholds[0]:
        return None
    for generation in range(min(len(counts), len(thresholds), 3) - 1, 0, -1):
        limit = thresholds[generation]
        if limit > 0 and counts[generation] > limit:
            return generation
    return 0


class IdleCollector(QObject):
    """Automatic garbage collection off; due collections run on a Qt timer.

    Parameters
    ----------
    interval_ms : int
        How often to check whether a collection is due.
    max_wait_ms : int
        Collect the young generation at least this often while it is not
        empty.
    parent : QObject, optional
        The Qt parent (the collector must live in the GUI thread).

    Notes
    -----
    :meth:`install` records whether automatic collection was on and
    :meth:`uninstall` puts that back, so installs nest.
    """

    def __init__(
        self,
        interval_ms: int = INTERVAL_MS,
        max_wait_ms: int = MAX_WAIT_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.max_wait = max_wait_ms / 1000
        self._last = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.CoarseTimer)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_if_due)
        self._was_enabled: bool | None = None
        #: Collections run so far, per generation.
        self.collections = [0, 0, 0]

    @property
    def installed(self) -> bool:
        """Whether automatic collection is replaced by this collector now."""
        return self._was_enabled is not None

    def install(self) -> None:
        """Turn automatic collection off and start the timer."""
        if self.installed:
            return
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._last = time.monotonic()
        self._timer.start()

    def uninstall(self) -> None:
        """Stop the timer and restore automatic collection as it was."""
        if self._was_enabled is None:
            return
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    def collect_if_due(self) -> int | None:
        """Collect the generation that is due (see :func:`collection_due`).

        The young generation is also collected when it is not empty and
        nothing was collected for ``max_wait_ms``.

        Returns
        -------
        int or None
            The generation collected, or None.
        """
        generation = collection_due()
        now = time.monotonic()
        if generation is None and gc.get_count()[0] > 0:
            generation = 0 if now - self._last >= self.max_wait else None
        if generation is not None:
            gc.collect(generation)
            self.collections[generation] += 1
            self._last = now
        return generation


@contextmanager
def idle_collection(
    interval_ms: int = INTERVAL_MS,
    max_wait_ms: int = MAX_WAIT_MS,
    parent: QObject | None = None,
) -> Iterator[IdleCollector]:
    """While inside, garbage is collected by an installed :class:`IdleCollector`.

    Needs a ``QCoreApplication``; the event loop must run inside (or the
    collector never collects). On leaving, automatic collection is as it was.

    Yields
    ------
    IdleCollector
        The installed collector.
    """
    collector = IdleCollector(interval_ms, max_wait_ms, parent)
    collector.install()
    try:
        yield collector
    finally:
        collector.uninstall()
        collector.deleteLater()
