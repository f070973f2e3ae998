"""One precision control: header, results grid, Explain and Compare show the same digits."""

from __future__ import annotations

import re

import numpy as np
import pytest
from conftest import label, table
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QTableWidget, QTextBrowser

from lossgui.io.bundled import examples_dir
from lossgui.io.session_file import read_session
from lossgui.session import number_format


@pytest.fixture(autouse=True)
def _restore_precision():
    before = number_format.significant_digits()
    yield
    number_format.set_significant_digits(before)


def _front(dock) -> None:
    dock.show()
    dock.raise_()
    QApplication.processEvents()


def _explained_total(text: str) -> str:
    """The value of Explain's ``L = … = value`` step (the reduced loss)."""
    match = re.search(r"\nL\n= \n[^\n]*\n\n= \n[^\n]*\n\n= \n(\S+)", text)
    assert match is not None, text
    return match.group(1)


def _views(window) -> dict[str, str]:
    """The reduced value as the header, the grid, Explain and Compare show it."""
    value = float(np.asarray(window.evaluation.value))
    header = label(window, "lossValue").text()
    explain = window.findChild(QTextBrowser, "explainView")
    _front(window.understanding.explain_dock)
    explain_text = explain.toPlainText().replace("−", "-")
    _front(window.understanding.compare_dock)
    compare = window.findChild(QTableWidget, "compareTable")
    current = [
        r
        for r in range(compare.rowCount())
        if compare.item(r, 0) is not None and compare.item(r, 0).font().bold()
    ]
    assert current, "the session's own loss row"
    return {
        "value": str(value),
        "header": header,
        "explain": _explained_total(explain_text),
        "compare": compare.item(current[0], 1).text(),
    }


def _example(stem: str):
    return read_session(examples_dir() / f"{stem}.json").document


def test_the_same_value_shows_the_same_digits_in_every_view(make_window):
    window = make_window(_example("002-crossentropy-class-index"))
    shown = _views(window)
    default = number_format.DEFAULT_DIGITS
    assert shown["header"] == number_format.fmt(float(shown["value"]), default)
    assert shown["compare"] == shown["header"] == shown["explain"]
    # the per-element loss of the one sample is the same number in the grid
    grid = table(window, "resultTable")
    model = grid.model()
    losses = [
        model.index(0, c).data()
        for c in range(model.columnCount())
        if model.headerData(c, Qt.Orientation.Horizontal).startswith("loss")
    ]
    assert losses == [shown["header"]]


def test_view_precision_menu_changes_every_view_and_is_remembered(
    make_window, qsettings_tmp
):
    window = make_window(_example("000-bceloss-sigmoid-cat-dog"))
    value = window.evaluation.value
    before = _views(window)
    assert before["header"] == number_format.fmt(value, number_format.DEFAULT_DIGITS)
    window.window_actions.precision_actions[3].trigger()
    after = _views(window)
    assert after["header"] == "1.08" == after["compare"] == after["explain"]
    assert qsettings_tmp.value("view/precision") in (3, "3")
    window.window_actions.precision_actions[8].trigger()
    assert label(window, "lossValue").text() == number_format.fmt(value, 8)
    assert label(window, "lossValue").text() == "1.082788"  # float32's own digits
    grid = table(window, "resultTable")
    cell = grid.model().index(0, 0).data()
    assert cell == number_format.fmt(grid.model().value(0, 0), 8)


def test_explain_digit_links_set_the_same_precision(make_window, qsettings_tmp):
    window = make_window()
    _front(window.understanding.explain_dock)
    browser = window.findChild(QTextBrowser, "explainView")
    browser.anchorClicked.emit(QUrl("digits:6"))
    assert window.window_actions.precision_actions[6].isChecked()
    assert label(window, "lossValue").text() == "1.08279"
    assert _explained_total(browser.toPlainText()) == "1.08279"
    assert qsettings_tmp.value("view/precision") in (6, "6")
    # a new window starts with the remembered precision
    number_format.set_significant_digits(number_format.DEFAULT_DIGITS)
    second = make_window()
    assert second.window_actions.precision_actions[6].isChecked()
    assert label(second, "lossValue").text() == "1.08279"
