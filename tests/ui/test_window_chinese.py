"""The window's own text in Chinese: menus, docks' names, file dialogs.

The window area's catalogue (``window_zh_CN.ts``) translates what the menus,
dialogs and status bar say; what is code (loss names, file patterns) stays,
and what the program finds widgets by (object names) is English in every
language.
"""

from __future__ import annotations

import re
import zipfile
from unittest.mock import MagicMock

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDockWidget, QFileDialog, QMenu

from lossgui import i18n
from lossgui.ui.file_session import CONTAINER_FILTER, JSON_FILTER

CJK = re.compile(r"[\u3400-\u9fff]")
#: What the window's menu bar holds, by object name, in this order.
MENUS = (
    "fileMenu",
    "editMenu",
    "viewMenu",
    "examplesMenu",
    "toolsMenu",
    "helpMenu",
)
#: Docks that code and saved layouts find by name (English in every language).
DOCKS = (
    "controlsDock",
    "CurvesDock",
    "ExplainDock",
    "ComparelossesDock",
    "ExampleDock",
    "HardestsamplesDock",
)


@pytest.fixture
def chinese_window(make_window, qsettings_tmp):
    qsettings_tmp.setValue("view/language", "zh_CN")
    window = make_window()
    assert i18n.language() == "zh_CN"
    return window


def _menus(window) -> list[QMenu]:
    return [a.menu() for a in window.menuBar().actions() if a.menu() is not None]


def test_the_menu_bar_is_chinese_and_in_its_order(chinese_window):
    menus = _menus(chinese_window)
    assert [m.objectName() for m in menus] == list(MENUS)
    titles = [m.title() for m in menus]
    assert titles[0] == "文件(&F)" and titles[-1] == "帮助(&H)"
    assert all(CJK.search(title) for title in titles), titles


@pytest.mark.parametrize("name", ["fileMenu", "editMenu", "toolsMenu", "helpMenu"])
def test_every_action_of_a_menu_says_it_in_chinese(chinese_window, name):
    menu = chinese_window.findChild(QMenu, name)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts
    assert [t for t in texts if not CJK.search(t)] == []


def test_docks_keep_english_object_names_and_show_chinese_titles(chinese_window):
    for name in DOCKS:
        dock = chinese_window.findChild(QDockWidget, name)
        assert dock is not None, name
        assert CJK.search(dock.windowTitle()), (name, dock.windowTitle())


def test_the_examples_menu_shows_translated_titles(chinese_window):
    actions = chinese_window.files.example_actions
    titles = [action.text() for action in actions.values()]
    assert titles and all(CJK.search(title) for title in titles[:5]), titles[:5]


def test_save_as_in_chinese_offers_translated_filters_with_their_patterns(
    chinese_window, monkeypatch, tmp_path
):
    dialog = MagicMock(return_value=("", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", dialog)
    chinese_window.files.save_as_action.trigger()
    _, title, _, filters, chosen = dialog.call_args.args
    assert CJK.search(title)
    assert "(*.json)" in chosen and CJK.search(chosen)
    assert "(*.lossgui)" in filters and "(*)" in filters
    assert JSON_FILTER not in filters  # shown in Chinese, not English
    # the translated container filter picks the container's extension
    container = QCoreApplication.translate("SessionFiles", CONTAINER_FILTER)
    assert container != CONTAINER_FILTER
    dialog.return_value = (str(tmp_path / "run"), container)
    chinese_window.files.save_as_action.trigger()
    assert zipfile.is_zipfile(tmp_path / "run.lossgui")


def test_status_messages_are_chinese(chinese_window):
    chinese_window.window_actions.random_logits()
    message = chinese_window.statusBar().currentMessage()
    assert CJK.search(message) and "Ctrl+Z" in message
    assert chinese_window.window_actions.undo_action.text().startswith("撤销")
