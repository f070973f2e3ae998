"""Curves compare: varied values are checked against the parameter.

Issue 14: ``ignore_index`` with "0, 0.5, 1, 2, 5" drew 0.5 as a second
``ignore_index=0`` and added 5 for a 3-class problem.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from lossgui.session import new_document


def vary(window, name, text):
    panel = window.curves_panel
    panel.set_mode("compare")
    panel.compare.param.setCurrentText(name)
    panel.compare.values.setText(text)
    panel.compare._vary()
    return panel


def test_non_integer_and_out_of_range_indices_are_refused_visibly(make_window):
    doc = new_document("CrossEntropyLoss")
    window = make_window(doc)
    classes = window.controller.document.columns
    panel = vary(window, "ignore_index", "0, 0.5, 1, 2, 5")
    assert panel.compare.list.count() == 0
    reason = panel.compare.findChild(QLabel, "compareRefused")
    assert reason.isVisible() and "0.5 is not an integer" in reason.text()
    panel.compare.values.setText(f"0, 1, {classes}")
    panel.compare._vary()
    assert panel.compare.list.count() == 0
    assert f"no class of this {classes}-class problem" in reason.text()
    panel.compare.values.setText("0, 1, 2")
    panel.compare._vary()
    labels = [panel.compare.list.item(i).text() for i in range(3)]
    assert len(set(labels)) == 3 and not reason.isVisible()


def test_duplicates_after_conversion_are_refused(make_window):
    window = make_window(new_document("MultiMarginLoss"))
    panel = vary(window, "p", "1, 1.0")
    assert panel.compare.list.count() == 0
    assert "given twice" in panel.compare.findChild(QLabel, "compareRefused").text()
