"""Typing an index outside 0…C-1 into kept class indices (CE -> BCEWithLogits).

The banner keeps its "Class indices fed to BCEWithLogitsLoss" row and says
why no plain one-hot is offered, as torch's ``F.one_hot`` would refuse it.
"""

from __future__ import annotations

import numpy as np
from conftest import select_loss, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPushButton

from lossgui.session import new_document


def type_into(window, qtbot, name, row, column, text):
    """Type ``text`` into a cell's editor and press Enter."""
    view = table(window, name)
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    assert view.edit(index, view.EditTrigger.AllEditTriggers, None)
    editor = view.findChild(QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    doc = window.controller.document
    qtbot.waitUntil(lambda: str(doc.tensors[name.removesuffix("Table")][row]) == text)


def banner_row(window, code="class-indices-to-binary"):
    """The banner's row for finding ``code`` that is on screen, or None."""
    rows = window.findChildren(QFrame, f"finding_{code}")
    shown = [row for row in rows if row.isVisible()]
    assert len(shown) <= 1
    return shown[0] if shown else None


def test_a_negative_index_keeps_the_finding_and_explains_it(make_window, qtbot):
    doc = new_document("CrossEntropyLoss")
    doc.tensors["input"] = np.array([[2.0, 3.0, 0.1], [0.5, 0.2, 1.0]])
    doc.tensors["target"] = np.array([1, 2], dtype=np.int64)
    window = make_window(document=doc)
    errors = []
    window.report_error = errors.append
    select_loss(window, "BCEWithLogitsLoss")
    assert banner_row(window).findChild(QPushButton).text() == "One-hot the target"

    type_into(window, qtbot, "targetTable", 0, 0, "-1")

    assert window.controller.document.tensors["target"].tolist() == [-1, 2]
    qtbot.waitUntil(lambda: banner_row(window) is not None)  # rows show queued
    row = banner_row(window)
    text = row.findChild(QLabel).text()
    assert "0…2" in text and "Class values must be non-negative." in text
    assert row.findChildren(QPushButton) == []
    assert banner_row(window, "labels-out-of-range") is None

    type_into(window, qtbot, "targetTable", 0, 0, "5")
    qtbot.waitUntil(lambda: banner_row(window) is not None)
    buttons = banner_row(window).findChildren(QPushButton)
    assert [b.text() for b in buttons] == ["Add classes up to 5 (C = 6), then one-hot"]
    assert errors == []
