"""The ``lossgui`` entry point and ``python -m lossgui``."""

from __future__ import annotations

import subprocess
import sys

from lossgui import cli


def test_version_flag():
    done = subprocess.run(
        [sys.executable, "-m", "lossgui", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert done.stdout.startswith("lossgui ")


def test_main_runs_the_gui(monkeypatch):
    calls = []
    monkeypatch.setattr(
        "lossgui.ui.app.run",
        lambda argv, session_file=None: calls.append(session_file) or 0,
    )
    assert cli.main([]) == 0
    assert calls == [None]


def test_a_session_file_is_handed_to_the_window(monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(
        "lossgui.ui.app.run",
        lambda argv, session_file=None: calls.append(session_file) or 0,
    )
    assert cli.main(["my.lossgui.json"]) == 0
    assert calls == ["my.lossgui.json"]
    assert capsys.readouterr().err == ""
