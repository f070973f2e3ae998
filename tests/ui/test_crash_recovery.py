"""Crash recovery for real: a lossgui process is SIGKILLed, the next start restores.

The first process builds the window as ``lossgui.ui.app.run`` does, edits
(switches loss, changes a cell and a parameter), waits until the autosave
file is on disk, prints the document it holds and kills itself with SIGKILL:
no ``closeEvent``, no clean-exit bookkeeping. The second process is the real
``lossgui.ui.app.run`` start-up (no file given); once it is up it prints what
it shows and leaves. Both run offscreen with ``LOSSGUI_AUTOSAVE_DIR`` and the
settings folder in ``tmp_path``.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap

import pytest
from conftest import private_env

from lossgui.io.session_file import documents_equal, loads_session

pytestmark = pytest.mark.skipif(
    sys.platform == "win32", reason="SIGKILL and pid checks are POSIX"
)

MARK = "@@LOSSGUI@@"

CRASHER = textwrap.dedent(
    f"""
    import json, os, signal, sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from lossgui.io.session_file import dumps_session
    from lossgui.ui.main_window import MainWindow

    app = QApplication(sys.argv)
    app.setOrganizationName("lossgui")
    app.setApplicationName("lossgui")
    window = MainWindow()
    window.show()
    window.files.startup(None)
    window.controller.set_loss("HuberLoss")
    window.controller.set_setting("param.delta", 0.25)
    model = window.tensor_panel.views()[0].model()
    assert model.setData(model.index(1, 0), "4.25")
    target = window.files.autosave.file
    deadline = time.monotonic() + 30

    def poll():
        if target.exists():
            text = dumps_session(window.controller.document)
            print("{MARK}" + json.dumps(text), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        if time.monotonic() > deadline:
            print("no autosave written", flush=True)
            os._exit(3)
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    app.exec()
    """
)

RESTARTER = textwrap.dedent(
    f"""
    import json, os, sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from lossgui.io.session_file import dumps_session
    from lossgui.ui.app import run
    from lossgui.ui.main_window import MainWindow

    def report():
        (window,) = [
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)
        ]
        print("{MARK}" + json.dumps({{
            "session": dumps_session(window.controller.document),
            "modified": window.isWindowModified(),
            "status": window.statusBar().currentMessage(),
            "shown": window.summary.value_label.text(),
        }}), flush=True)
        os._exit(0)

    QApplication(sys.argv)
    QTimer.singleShot(500, report)
    run(sys.argv)
    """
)


def _run(code: str, env: dict[str, str], timeout: float = 90):
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _payload(out: str) -> str:
    lines = [line for line in out.splitlines() if line.startswith(MARK)]
    assert lines, out
    return lines[-1][len(MARK) :]


def test_a_killed_lossgui_is_restored_on_the_next_start(tmp_path):
    env = private_env(tmp_path)
    crashed = _run(CRASHER, env)
    assert crashed.returncode == -signal.SIGKILL, crashed.stdout + crashed.stderr
    before = loads_session(json.loads(_payload(crashed.stdout))).document
    left = list((tmp_path / "autosave").glob("autosave-*.lossgui"))
    assert len(left) == 1, left

    restarted = _run(RESTARTER, env)
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    state = json.loads(_payload(restarted.stdout))
    after = loads_session(state["session"]).document
    assert after.loss == "HuberLoss" and after.params["delta"] == 0.25
    assert documents_equal(before, after)
    assert state["modified"]
    assert "Recovered unsaved changes" in state["status"]
    expected = after.evaluate()
    assert state["shown"] != "error" and expected.ok
    assert not left[0].exists()  # the orphan was taken over by the new process
