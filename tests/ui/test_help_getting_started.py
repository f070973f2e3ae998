"""Help > Getting started: an in-app page for the first minute, plus About."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QTextBrowser

from lossgui.ui.getting_started import README_LINK, START_LINK


def _help_texts(window) -> list[str]:
    return [
        a.text().replace("&", "") for a in window.window_actions.help_menu.actions()
    ]


def test_help_menu_has_getting_started_on_f1_and_about(make_window):
    window = make_window()
    assert _help_texts(window)[:1] == ["Getting started"]
    assert "About lossgui" in _help_texts(window)
    action = window.window_actions.getting_started_action
    assert action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)


def test_the_page_says_what_to_edit_where_results_are_and_how_to_start(
    make_window, qtbot
):
    window = make_window()
    window.window_actions.getting_started_action.trigger()
    browser = window.findChild(QTextBrowser, "gettingStartedView")
    assert browser is not None and browser.isVisible()
    text = browser.toPlainText()
    for words in (
        "input",  # what to edit
        "target",
        "Loss and parameters",  # the loss on the left
        "results",  # per-element results
        "Curves",
        "Examples menu",
        "File > Import",
        "Copy as PyTorch",
        "README",
    ):
        assert words in text, words


def test_the_readme_link_shows_the_readme_and_comes_back(make_window):
    window = make_window()
    window.window_actions.getting_started_action.trigger()
    browser = window.findChild(QTextBrowser, "gettingStartedView")
    assert README_LINK in browser.toHtml()
    browser.anchorClicked.emit(QUrl(README_LINK))
    assert "Set-up" in browser.toPlainText()  # the README's own section
    browser.anchorClicked.emit(QUrl(START_LINK))
    assert "Getting started" in browser.toPlainText()
    assert "Set-up" not in browser.toPlainText()
