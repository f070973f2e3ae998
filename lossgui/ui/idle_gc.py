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
in progress. :class:`IdleCollector` does that on a timer. Reference counting
still frees everything that is not in a cycle at once; cycles wait for the
next tick:

- the young generation is collected at each tick that finds it grown. That
  is cheap (the cost is proportional to the objects allocated since the
  last tick, not to all objects: under 0.2 ms a tick while editing) and
  keeps cyclic garbage at most one tick old. Automatic collection counts
  the same net allocations but only collects past ``threshold0`` (700): a
  cycle holding a large array can wait many edits for that.
- the older generations follow the interpreter's rules: a generation is
  collected once the next younger one was collected ``threshold`` times,
  and a full collection, which looks at every object of the window (tens
  of milliseconds), only once the objects that outlived younger
  collections since the last full one are a quarter of those it kept. So
  a window left idle, where a stray object survives now and then, does
  not pay for full collections.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt, QTimer

__all__ = ["INTERVAL_MS", "IdleCollector", "collection_due", "idle_collection"]

#: How often the collector looks at the allocation counts (ms). A tick costs
#: about a tenth of a millisecond of CPU, nearly all of it waking up to run
#: a Python slot: about 0.1 % of one core while the window is idle.
INTERVAL_MS = 200


def collection_due(full_allowed: bool = True) -> int | None:
    """The generation to collect now, if any.

    Parameters
    ----------
    full_allowed : bool
        Whether a full collection (generation 2) may run now.

    Returns
    -------
    int or None
        None when no container object was allocated since the last
        collection (or automatic collection is switched off by a
        ``threshold0`` of 0); otherwise the oldest generation whose count
        (for the older generations: collections of the next younger one)
        exceeds its threshold, at least 0.
    """
    thresholds = gc.get_threshold()
    counts = gc.get_count()
    if thresholds[0] <= 0 or counts[0] <= 0:
        return None
    oldest = min(len(counts), len(thresholds), 3) - 1
    for generation in range(oldest, 0, -1):
        limit = thresholds[generation]
        if limit > 0 and counts[generation] > limit:
            if generation == 2 and not full_allowed:
                continue
            return generation
    return 0


class IdleCollector(QObject):
    """Automatic garbage collection off; due collections run on a Qt timer.

    Parameters
    ----------
    interval_ms : int
        How often to check whether a collection is due.
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
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        # the interpreter's long_lived_total and long_lived_pending
        self._kept = 0
        self._pending = 0
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
        self._kept = len(gc.get_objects(2))
        self._pending = 0
        self._timer.start()

    def uninstall(self) -> None:
        """Stop the timer and restore automatic collection as it was."""
        if self._was_enabled is None:
            return
        self._timer.stop()
        if self._was_enabled:
            gc.enable()
        self._was_enabled = None

    @property
    def full_allowed(self) -> bool:
        """Whether a full collection may run: the interpreter's damping rule.

        Objects that survived younger collections since the last full one
        must be at least a quarter of those it kept.
        """
        return self._pending >= self._kept // 4

    def collect_if_due(self) -> int | None:
        """Collect the generation that is due (see :func:`collection_due`).

        Returns
        -------
        int or None
            The generation collected, or None.
        """
        generation = collection_due(self.full_allowed)
        if generation == 2:
            gc.collect(2)
            self._kept = len(gc.get_objects(2))
            self._pending = 0
        elif generation == 1:  # the survivors of both go to the oldest
            examined = len(gc.get_objects(0)) + len(gc.get_objects(1))
            self._pending += max(0, examined - gc.collect(1))
        elif generation == 0:
            gc.collect(0)
        if generation is not None:
            self.collections[generation] += 1
        return generation


@contextmanager
def idle_collection(
    interval_ms: int = INTERVAL_MS,
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
    collector = IdleCollector(interval_ms, parent)
    collector.install()
    try:
        yield collector
    finally:
        collector.uninstall()
        collector.deleteLater()
