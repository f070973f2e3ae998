"""The one-line hint for missing Qt system libraries, printed before Qt starts."""

from __future__ import annotations

import subprocess
import sys
import types

import pytest

from lossgui import cli
from lossgui.system_libs import XCB_LIBRARIES, missing_libraries_hint, uses_xcb

X11 = {"DISPLAY": ":0"}
ABSENT = ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")


def _without(*sonames: str):
    return lambda soname: soname not in sonames


@pytest.fixture
def gui_started(monkeypatch):
    """The files the GUI was started with; ``lossgui.ui.app`` is a stand-in.

    The stand-in module is what ``cli.main`` imports to start the window, so
    these tests run (and Qt never starts) where PySide6 is not installed.
    """
    calls: list[object] = []
    app = types.ModuleType("lossgui.ui.app")
    app.run = lambda argv, session_file=None: calls.append(session_file) or 0
    monkeypatch.setitem(sys.modules, "lossgui.ui.app", app)
    return calls


def _x11_session(monkeypatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(sys, "platform", "linux")


def test_missing_libraries_give_one_line_and_a_failing_exit(
    monkeypatch, capsys, gui_started
):
    _x11_session(monkeypatch)
    monkeypatch.setattr(
        "lossgui.cli.missing_libraries_hint",
        lambda: missing_libraries_hint(load=_without(*ABSENT)),
    )
    assert cli.main([]) == 1
    assert gui_started == []  # Qt never started
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("lossgui: Qt cannot open a window: missing system libraries")
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in err
    assert "apt install libxcb-icccm4 libxcb-keysyms1" in err


def test_the_real_lookup_patched_to_fail_names_every_library(
    monkeypatch, capsys, gui_started
):
    _x11_session(monkeypatch)

    def refuse(soname, *args, **kwargs):
        raise OSError(f"{soname}: cannot open shared object file")

    monkeypatch.setattr("ctypes.CDLL", refuse)
    assert cli.main([]) == 1
    err = capsys.readouterr().err
    for soname, package in XCB_LIBRARIES.items():
        assert soname in err and package in err
    assert gui_started == []


def test_nothing_is_printed_when_every_library_loads(monkeypatch, capsys, gui_started):
    _x11_session(monkeypatch)
    monkeypatch.setattr("ctypes.CDLL", lambda soname, *a, **k: object())
    assert cli.main([]) == 0
    assert gui_started == [None]
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    ("environ", "platform", "expected"),
    [
        ({"DISPLAY": ":0"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({}, "linux", False),
        ({"DISPLAY": ":0"}, "darwin", False),
        ({"DISPLAY": ":0"}, "win32", False),
    ],
)
def test_only_an_xcb_start_is_checked(environ, platform, expected):
    assert uses_xcb(environ, platform) is expected
    hint = missing_libraries_hint(environ, platform, load=lambda soname: False)
    assert (hint is not None) is expected


def test_this_machine_s_check_runs_without_qt():
    code = (
        "import sys; from lossgui.system_libs import missing_libraries; "
        "missing_libraries(); assert 'PySide6' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
