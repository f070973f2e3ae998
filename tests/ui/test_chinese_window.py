"""中文界面: the window started in Chinese shows Chinese text.

What the user reads first is counted: the menu titles and every action in
them, labels, buttons, check boxes, group boxes, dock titles and tabs. Text
that is code stays as it is and is not counted: loss and parameter names,
dtypes, reductions, file formats, numbers and formulas (see
``is_code_or_number``).
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QDockWidget,
    QGroupBox,
    QLabel,
    QMenu,
    QTabBar,
    QTextBrowser,
    QWidget,
)

from lossgui import i18n
from lossgui.engine import LOSSES

CJK = re.compile(r"[\u3400-\u9fff]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
ENGLISH_RUN = re.compile(r"[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}[ ,]+[A-Za-z]{2,}")

#: English words that are code or names, not prose (they stay untranslated).
CODE_WORDS = {
    *LOSSES,
    *(p.name for spec in LOSSES.values() for p in spec.params),
    "lossgui",
    "PyTorch",
    "torch",
    "nn",
    "CSV",
    "JSON",
    "npy",
    "npz",
    "pt",
    "logits",
    "sigmoid",
    "softmax",
    "log_softmax",
    "one-hot",
    "float32",
    "float64",
    "int64",
    "mean",
    "sum",
    "none",
    "batchmean",
    "raw",
    "English",
    "Ctrl",
    "Shift",
    "Alt",
    "Del",
    "Esc",
    "Tab",
    "Enter",
    "Return",
}


def plain(text: str) -> str:
    """Text as shown: accelerator ampersands and markup removed."""
    text = re.sub(r"<[^>]+>", " ", text).replace("&&", "\0").replace("&", "")
    return text.replace("\0", "&").strip()


def is_code_or_number(text: str) -> bool:
    """True for text with neither Chinese nor an English prose word.

    Names, numbers and formulas read the same in every language.
    """
    words = [w for w in WORD.findall(text) if w not in CODE_WORDS]
    return not words and not CJK.search(text)


def visible_texts(window) -> list[tuple[str, str]]:
    """``(kind, text)`` of what the window shows in words."""
    found: list[tuple[str, str]] = []

    def walk_menu(menu: QMenu) -> None:
        found.append(("menu", menu.title()))
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            if action.menu() is not None:
                walk_menu(action.menu())
            else:
                found.append(("action", action.text()))

    for action in window.menuBar().actions():
        if action.menu() is not None:
            walk_menu(action.menu())
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel):
            found.append(("label", widget.text()))
        elif isinstance(widget, QAbstractButton):
            found.append(("button", widget.text()))
        elif isinstance(widget, QGroupBox):
            found.append(("group", widget.title()))
        elif isinstance(widget, QDockWidget):
            found.append(("dock", widget.windowTitle()))
        elif isinstance(widget, QTabBar):
            found += [("tab", widget.tabText(i)) for i in range(widget.count())]
    return [(kind, plain(text)) for kind, text in found if plain(text)]


@pytest.fixture
def chinese_window(make_window, qsettings_tmp):
    qsettings_tmp.setValue("view/language", "zh_CN")
    window = make_window()
    assert i18n.language() == "zh_CN"
    return window


def test_at_least_95_percent_of_the_visible_text_is_chinese(chinese_window):
    texts = [
        (k, t) for k, t in visible_texts(chinese_window) if not is_code_or_number(t)
    ]
    english = sorted({f"{k}: {t}" for k, t in texts if not CJK.search(t)})
    share = 1 - len([1 for _, t in texts if not CJK.search(t)]) / len(texts)
    assert len(texts) > 60  # the count covers the whole window
    assert share >= 0.95, f"{share:.1%} Chinese; English:\n" + "\n".join(english)


def test_the_explain_page_is_chinese(chinese_window, qtbot):
    page = chinese_window.findChild(QTextBrowser, "explainView")
    chinese_window.understanding.explain_dock.raise_()
    qtbot.waitUntil(lambda: bool(page.html), timeout=3000)
    lines = page.toPlainText().splitlines()
    # prose: Chinese, or three English words in a row (formulas have none)
    prose = [line for line in lines if CJK.search(line) or ENGLISH_RUN.search(line)]
    english = [line for line in prose if not CJK.search(line)]
    assert len(prose) >= 5 and not english, "\n".join(english)


def test_view_language_offers_both_and_remembers_the_choice(
    chinese_window, qsettings_tmp
):
    menu = chinese_window.findChild(QMenu, "languageMenu")
    actions = {a.objectName(): a for a in menu.actions()}
    assert actions["language_zh_CN"].isChecked()
    assert actions["language_en"].text() == "English"
    actions["language_en"].trigger()
    assert qsettings_tmp.value("view/language") == "en"
    message = chinese_window.statusBar().currentMessage()
    assert "English" in message and CJK.search(message)
    # said in the chosen language too: its reader may not read Chinese
    assert "lossgui starts in English next time." in message


def test_an_english_window_stays_english(make_window):
    window = make_window()
    assert i18n.language() == "en"
    texts = [t for _, t in visible_texts(window)]
    assert not [t for t in texts if CJK.search(t) and t != "简体中文"]
