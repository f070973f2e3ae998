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
import json
import subprocess
import sys
import textwrap
import weakref

import pytest
from conftest import private_env
from PySide6.QtCore import QObject

from lossgui.ui.idle_gc import IdleCollector, collection_due, idle_collection

MARK = "@@IDLEGC@@"


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
    assert deleted == [True]  # the C++ object went too, not only its wrapper


def test_a_lone_cycle_goes_at_the_next_tick(qtbot):
    gc.collect()
    with idle_collection(interval_ms=10) as collector:
        ref = _cycle()  # far fewer objects than the interpreter's threshold0
        assert gc.get_count()[0] < gc.get_threshold()[0]
        qtbot.waitUntil(lambda: ref() is None, timeout=2000)
        assert collector.collections[0] >= 1


def test_nothing_is_collected_while_nothing_was_allocated(qtbot):
    with idle_collection(interval_ms=10) as collector:
        qtbot.wait(50)
        gc.collect(0)
        generation = collector.collect_if_due()  # allocates nothing that stays
        assert generation is None
        assert collector.collections[2] == 0  # no full collection so soon


@pytest.mark.parametrize(
    ("counts", "full_allowed", "expected"),
    [
        ((0, 0, 0), True, None),
        ((0, 11, 11), True, None),
        ((1, 0, 0), True, 0),
        ((701, 0, 0), True, 0),
        ((5, 11, 0), True, 1),
        ((5, 11, 11), True, 2),
        ((5, 5, 11), True, 2),
        ((5, 11, 11), False, 1),
        ((5, 5, 11), False, 0),
    ],
)
def test_the_generation_follows_the_interpreters_rule(
    monkeypatch, counts, full_allowed, expected
):
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: counts)
    assert collection_due(full_allowed) == expected


def test_full_collections_wait_for_a_quarter_more_survivors(monkeypatch):
    monkeypatch.setattr(gc, "get_threshold", lambda: (700, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (5, 11, 11))
    sizes = {0: 10, 1: 5, 2: 100}  # young, middle, old generation
    monkeypatch.setattr(gc, "get_objects", lambda generation: [0] * sizes[generation])
    collected: list[int] = []
    monkeypatch.setattr(
        gc, "collect", lambda generation=2: collected.append(generation) or 0
    )
    collector = IdleCollector()
    collector.install()  # keeps 100 old objects
    try:
        assert collector.collect_if_due() == 1  # 15 survivors < 25
        assert collector.collect_if_due() == 1  # 30 survivors
        assert collector.full_allowed
        assert collector.collect_if_due() == 2
        assert not collector.full_allowed
        assert collector.collect_if_due() == 1
    finally:
        collector.uninstall()
    assert collected == [1, 1, 2, 1]
    assert collector.collections == [0, 3, 1]


def test_a_zero_threshold_means_never(monkeypatch):
    monkeypatch.setattr(gc, "get_threshold", lambda: (0, 10, 10))
    monkeypatch.setattr(gc, "get_count", lambda: (10**6, 100, 100))
    assert collection_due() is None


RUN = textwrap.dedent(
    f"""
    import gc, json, sys, weakref
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    import lossgui.ui.file_session as file_session
    from lossgui.ui.app import run
    from lossgui.ui.idle_gc import IdleCollector

    file_session.ask_save_changes = lambda parent, name: "discard"
    seen = {{}}

    class Node:
        pass

    def inside():
        seen["enabled"] = gc.isenabled()
        seen["collectors"] = sum(c.installed for c in app.findChildren(IdleCollector))
        node = Node()
        node.me = node
        seen["ref"] = weakref.ref(node)

    def leave():
        seen["collected"] = seen.pop("ref")() is None
        for widget in QApplication.topLevelWidgets():
            widget.close()
        app.quit()

    app = QApplication(sys.argv)
    QTimer.singleShot(0, inside)
    QTimer.singleShot(1000, leave)
    seen["before"] = gc.isenabled()
    seen["code"] = run(sys.argv)
    seen["after"] = gc.isenabled()
    print("{MARK}" + json.dumps(seen), flush=True)
    """
)


def test_run_collects_from_the_event_loop_and_restores_gc(tmp_path):
    # in a process of its own: run() names the application and quits it
    env = private_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", RUN],
        env=env,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARK)]
    assert done.returncode == 0 and lines, done.stdout + done.stderr
    seen = json.loads(lines[-1][len(MARK) :])
    assert seen == {
        "before": True,
        "enabled": False,
        "collectors": 1,
        "collected": True,
        "code": 0,
        "after": True,
    }
