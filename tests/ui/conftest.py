"""Qt fixtures: a window factory that never touches the user's settings."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QTableView

from lossgui.ui.language import uninstall_language
from lossgui.ui.main_window import MainWindow
from lossgui.ui.theme import apply_theme


@pytest.fixture(autouse=True)
def _garbage_collected_after_each_test():
    """Collect cyclic garbage only between tests, never inside a Qt call.

    A collection that starts while Qt holds its signal mutex (a
    ``disconnect`` asks Python for an override, which may trigger the GC)
    and frees an old window deletes QObjects that need the same mutex: the
    process hangs (seen once in CI, in ``QObject::~QObject`` under
    ``QObject::disconnect``). This fixture is set up before and torn down
    after the test's own fixtures, so the windows are closed by then.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect()


@pytest.fixture
def make_window(qtbot, qsettings_tmp, monkeypatch):
    """``make_window(document=None)`` -> a shown MainWindow, closed after the test.

    Closing a window with unsaved changes discards them without asking
    (tests of the prompt patch ``ask_save_changes`` themselves).
    """
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes", lambda parent, name: "discard"
    )

    def factory(document=None) -> MainWindow:
        window = MainWindow(document=document, settings=qsettings_tmp)
        qtbot.addWidget(window)
        window.show()
        return window

    yield factory
    apply_theme(QApplication.instance(), "system")
    uninstall_language()


def table(window: MainWindow, name: str) -> QTableView:
    """The grid with objectName ``name``."""
    view = window.findChild(QTableView, name)
    assert view is not None, f"no table {name}"
    return view


def label(window: MainWindow, name: str) -> QLabel:
    """The label with objectName ``name``."""
    widget = window.findChild(QLabel, name)
    assert widget is not None, f"no label {name}"
    return widget


def select_loss(window: MainWindow, name: str) -> None:
    """Pick ``name`` in the loss combo as a user would."""
    combo = window.findChild(QComboBox, "lossCombo")
    for row in range(combo.count()):
        if combo.itemData(row, Qt.ItemDataRole.UserRole) == name:
            combo.setCurrentIndex(row)
            return
    raise AssertionError(name)


def answer(monkeypatch, reply: str) -> list[str]:
    """Make "Save the changes?" answer ``reply``; returns the names it was asked about."""
    asked: list[str] = []
    monkeypatch.setattr(
        "lossgui.ui.file_session.ask_save_changes",
        lambda parent, name: asked.append(name) or reply,
    )
    return asked


def private_env(tmp_path: Path) -> dict[str, str]:
    """The environment for a lossgui subprocess: offscreen, and its settings,
    autosaves and home inside ``tmp_path`` (never the user's)."""
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        LOSSGUI_AUTOSAVE_DIR=str(tmp_path / "autosave"),
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        HOME=str(tmp_path / "home"),
    )
    return env
