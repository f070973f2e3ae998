"""lossgui.show: the window's value is the torch module's, and when show blocks.

Expected values come from torch (the module on the same tensors); torch is
imported inside the tests that need it.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from _torch_loss_cases import PENDING, TORCH_NN_LOSSES, as_float, torch_case
from conftest import private_env
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

import lossgui
from lossgui.ui import show as show_module


@pytest.fixture
def shown(qtbot, qsettings_tmp, monkeypatch):
    """Calls lossgui.show and closes every window it opened after the test."""
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes", lambda parent, name: "discard"
    )
    windows = []

    def call(*tensors, **kwargs):
        window = lossgui.show(*tensors, **kwargs)
        windows.append(window)
        return window

    yield call
    for window in windows:
        window.close()
    qtbot.waitUntil(lambda: not show_module.open_windows(), timeout=2000)


def assert_same_value(shown_value, expected):
    np.testing.assert_allclose(
        np.asarray(shown_value, np.float64), expected, rtol=1e-6, atol=1e-6
    )


@pytest.mark.parametrize("name", TORCH_NN_LOSSES)
def test_every_torch_loss_module_shows_its_value_and_saved_file_opens_the_same(
    name, shown, tmp_path
):
    torch = pytest.importorskip("torch")
    assert hasattr(torch.nn, name), f"the registry says torch.nn has {name}"
    if name in PENDING:
        pytest.skip(f"{name}: {PENDING[name]}")
    module, tensors = torch_case(torch, name)
    expected = as_float(module(*tensors))
    window = shown(*tensors, loss=module, block=False)
    assert window.isVisible()
    assert window.evaluation is not None and window.evaluation.ok
    assert window.evaluation.loss == name
    assert_same_value(window.evaluation.value, expected)
    # save -> open, as `lossgui PATH` opens it (FileActions.startup)
    path = lossgui.save(tmp_path / f"{name}.json", *tensors, loss=module)
    window.files.startup(str(path))
    assert window.files.sessions.path == path.resolve()
    assert_same_value(window.evaluation.value, expected)


def test_show_returns_at_once_under_a_running_event_loop(shown, qtbot):
    returned = []

    def call_from_the_loop():
        assert show_module.event_loop_running()
        start = time.perf_counter()
        window = shown([0.5, -1.0], [1.0, 0.0], loss="BCEWithLogitsLoss")
        returned.append((window, time.perf_counter() - start))

    QTimer.singleShot(0, call_from_the_loop)
    qtbot.waitUntil(lambda: bool(returned), timeout=10000)
    window, _elapsed = returned[0]
    assert window.isVisible()  # still live: nobody closed it, show did not wait


def test_show_returns_at_once_with_someone_elses_application(shown):
    app = QApplication.instance()
    assert app is not None and not app.property(show_module.OWNED_PROPERTY)
    assert not show_module.event_loop_running()
    assert not show_module.should_block(app, None)
    window = shown([0.5, -1.0], [1.0, 0.0], loss="BCEWithLogitsLoss")
    assert window.isVisible() and window in show_module.open_windows()


def test_an_application_lossgui_created_blocks_unless_a_loop_runs(qapp, monkeypatch):
    app = qapp
    monkeypatch.setattr(app, "property", lambda key: key == show_module.OWNED_PROPERTY)
    assert show_module.should_block(app, None)
    assert not show_module.should_block(app, False)
    monkeypatch.setattr(show_module, "event_loop_running", lambda: True)
    assert not show_module.should_block(app, None)


def test_block_true_runs_until_the_window_is_closed(shown):
    closed_at = []

    def close_the_window():
        closed_at.append(time.perf_counter())
        for window in show_module.open_windows():
            window.close()

    QTimer.singleShot(300, close_the_window)
    window = shown([[2.0, 3.0, 0.1]], [1], loss="CrossEntropyLoss", block=True)
    assert closed_at, "show returned before the window was closed"
    assert not window.isVisible()
    assert window not in show_module.open_windows()


def test_a_refused_close_keeps_blocking(shown, monkeypatch):
    answers = iter(["cancel", "discard"])
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes", lambda parent, name: next(answers)
    )
    attempts = []

    def edit_then_close():
        window = show_module.open_windows()[0]
        window.controller.apply(lambda doc: doc.randomize(seed=1), "Randomize")
        attempts.append(window.close())  # "Save changes?" -> Cancel: refused
        QTimer.singleShot(200, lambda: attempts.append(window.close()))  # Discard

    QTimer.singleShot(100, edit_then_close)
    window = shown([0.5], [1.0], loss="BCEWithLogitsLoss", block=True)
    assert attempts == [False, True]  # show returned only after the second close
    assert not window.isVisible()


def test_ctrl_c_ends_a_blocking_show(shown, qtbot):
    handler = signal.getsignal(signal.SIGINT)
    seen = []

    def press_ctrl_c():
        seen.extend(show_module.open_windows())
        signal.raise_signal(signal.SIGINT)

    QTimer.singleShot(200, press_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        shown([0.5], [1.0], loss="BCEWithLogitsLoss", block=True)
    assert signal.getsignal(signal.SIGINT) is handler  # restored
    assert len(seen) == 1 and not show_module.open_windows()
    qtbot.waitUntil(lambda: not isValid(seen[0]))  # deleted: nobody holds it


_SCRIPT = """
import gc, json, sys, threading, time
import lossgui
from PySide6.QtCore import QMetaObject, Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import isValid

posted = []

def close_later():
    while QApplication.instance() is None:
        time.sleep(0.05)
    time.sleep(0.8)
    posted.append(gc.isenabled())  # inside show's event loop
    QMetaObject.invokeMethod(
        QApplication.instance(), "closeAllWindows", Qt.ConnectionType.QueuedConnection
    )

threading.Thread(target=close_later, daemon=True).start()
window = lossgui.show([[2.0, 3.0, 0.1]], [1], loss="CrossEntropyLoss")
print(json.dumps({"closed_first": bool(posted), "visible": window.isVisible(),
                  "value": float(window.evaluation.value),
                  "gc_in_loop": posted[0] if posted else None,
                  "gc_after": gc.isenabled()}))
"""


def test_a_plain_script_blocks_until_the_window_closes(tmp_path):
    env = private_env(tmp_path)
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    logits = np.array([2.0, 3.0, 0.1], dtype=np.float32)
    expected = -(logits[1] - np.log(np.exp(logits.astype(np.float64)).sum()))
    assert report["closed_first"] and not report["visible"]
    # garbage is collected from the loop, never inside a Qt call; restored after
    assert report["gc_in_loop"] is False and report["gc_after"] is True
    assert report["value"] == pytest.approx(expected, rel=1e-6)
