"""Cyclic garbage is collected from the event loop while automatic GC is off.

``lossgui.ui.app.run`` installs :class:`IdleCollector` so that no collection
starts inside a Qt call (a collection inside ``QObject::disconnect`` that
frees an old window deadlocks on Qt's signal mutex). Cycles must still go:
these tests make cycles (plain Python ones and ones through a QObject),
spin the event loop and check that they are gone, that automatic collection
is off while the collector is installed and as it was afterwards.
"""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

from lossgui.ui import app as app_module
from lossgui.ui.idle_gc import IdleCollector, collection_due, idle_collection
from lossgui.ui.main_window import MainWindow
from lossgui.ui.theme import apply_theme


class Node:
    """An object that can sit in a reference cycle and be weakly referenced."""

    def __init__(self) -> None:
        self.other: object = None


def _cycle() -> weakref.ref[Node]:
    """A two-node cycle nobody else references; a weak reference into it."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def _allocate_past_threshold() -> None:
    """Allocate (and free) enough containers that a collection is due."""
    threshold = gc.get_threshold()[0]
    for _ in range(threshold + 10):
        _cycle()


class Holder(QObject):
    """A QObject whose Python side references itself through a closure."""

    def __init__(self) -> None:
        super().__init__()
        self.keep = lambda: self


def test_collector_turns_automatic_gc_off_and_restores_it():
    gc.enable()  # the UI fixture turned it off; no event loop runs in here
    try:
        collector = IdleCollector()
        collector.install()
        assert collector.installed and not gc.isenabled()
        collector.install()  # twice: still one record of the state before
        collector.uninstall()
        assert not collector.installed and gc.isenabled()
        collector.uninstall()  # twice: harmless
        assert gc.isenabled()
    finally:
        gc.disable()


def test_installs_nest_and_a_disabled_gc_stays_disabled():
    assert not gc.isenabled()  # the UI fixture's state
    with idle_collection() as outer:
        with idle_collection() as inner:
            assert inner.installed and not gc.isenabled()
        assert outer.installed and not gc.isenabled()
    assert not gc.isenabled()


def test_cycles_are_collected_from_the_event_loop(qtbot):
    gc.collect()
    with idle_collection(interval_ms=10) as collector:
        refs = [_cycle() for _ in range(50)]
        _allocate_past_threshold()
        assert all(ref() is not None for ref in refs)  # nothing collected yet
        qtbot.waitUntil(lambda: all(ref() is None for ref in refs), timeout=2000)
        assert not gc.isenabled()
        assert sum(collector.collections) >= 1
    assert not gc.isenabled()


def test_qobjects_in_cycles_are_deleted_in_the_event_loop(qtbot):
    gc.collect()
    deleted: list[bool] = []
    with idle_collection(interval_ms=10):
        holder = Holder()
        holder.destroyed.connect(lambda: deleted.append(True))
        ref = weakref.ref(holder)
        del holder
        _allocate_past_threshold()
        assert ref() is not None  # a cycle: reference counting cannot free it
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)
    assert ref() is None


def test_nothing_is_collected_before_a_collection_is_due(qtbot):
    gc.collect()
    with idle_collection(interval_ms=10) as collector:
        ref = _cycle()
        qtbot.wait(50)
        assert collection_due() is None
        assert collector.collections == [0, 0, 0]
        assert ref() is not None  # the interpreter would not have collected yet
    del ref


def test_a_few_cycles_wait_at_most_max_wait(qtbot):
    gc.collect()
    with idle_collection(interval_ms=10, max_wait_ms=100) as collector:
        ref = _cycle()  # far fewer objects than make a collection due
        assert collection_due() is None
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)
        assert collector.collections[0] >= 1


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((10, 0, 0), None),
        ((701, 0, 0), 0),
        ((701, 11, 0), 1),
        ((701, 11, 11), 2),
        ((701, 5, 11), 2),
        ((700, 11, 11), None),
    ],
)
def test_the_due_generation_follows_the_interpreters_rule(
    monkeypatch, counts, expected
):
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    assert collection_due() == expected


def test_a_zero_threshold_means_never(monkeypatch):
    monkeypatch.setattr(gc, "get_threshold", lambda: (0, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (10**6, 100, 100))
    assert collection_due() is None


def test_run_collects_from_the_event_loop_and_restores_gc(qsettings_tmp, monkeypatch):
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes", lambda parent, name: "discard"
    )
    app = QApplication.instance()
    names = app.organizationName(), app.applicationName()
    display = app.applicationDisplayName()
    seen: dict[str, object] = {}

    def inside() -> None:
        seen["enabled"] = gc.isenabled()
        seen["collectors"] = [c for c in app.findChildren(IdleCollector) if c.installed]
        seen["ref"] = _cycle()
        _allocate_past_threshold()

    def leave() -> None:
        seen["collected"] = seen["ref"]() is None
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MainWindow):
                widget.close()
        app.quit()

    QTimer.singleShot(0, inside)
    QTimer.singleShot(1000, leave)
    gc.enable()  # as in a real start: run() turns it off and back on
    try:
        assert app_module.run(["lossgui"]) == 0
        assert gc.isenabled()
    finally:
        gc.disable()
        app.setOrganizationName(names[0])
        app.setApplicationName(names[1])
        app.setApplicationDisplayName(display)
        apply_theme(app, "system")
    assert seen["enabled"] is False
    assert len(seen["collectors"]) == 1
    assert seen["collected"] is True
