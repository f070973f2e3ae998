"""CrossEntropyLoss -> BCEWithLogitsLoss with class indices, as seed article 002.

The target grid keeps the index, the error label shows torch's size error,
and the diagnostics banner's "One-hot the target" converts it in one undo step.
"""

from __future__ import annotations

import numpy as np
import pytest
from conftest import label, select_loss, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QPushButton

from lossgui.session import new_document

SEED_002_ERROR = (
    "ValueError: Target size (torch.Size([1])) must be the same as input size "
    "(torch.Size([1, 3]))"
)


def cells(window, name):
    model = table(window, name).model()
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def seed_002_window(make_window):
    doc = new_document("CrossEntropyLoss")
    doc.tensors["input"] = np.array([[2.0, 3.0, 0.1]])
    doc.tensors["target"] = np.array([1], dtype=np.int64)
    return make_window(document=doc)


def test_switch_keeps_the_index_and_the_banner_one_hots_it(make_window, qtbot):
    window = seed_002_window(make_window)
    errors = []
    window.report_error = errors.append
    assert float(label(window, "lossValue").text()) == pytest.approx(0.3527, abs=5e-5)
    select_loss(window, "BCEWithLogitsLoss")

    assert cells(window, "targetTable") == [["1"]]
    assert label(window, "errorLabel").text() == SEED_002_ERROR
    assert label(window, "errorLabel").isVisible()
    curves = window.findChild(QDockWidget, "CurvesDock")
    for dock in (curves, *window.tabifiedDockWidgets(curves)):
        dock.raise_()  # every panel shows the error state without failing
        qtbot.wait(0)
    assert errors == []

    button = window.findChild(QPushButton, "fix_class-indices-to-binary_0")
    assert button is not None and button.isVisible()
    assert button.text() == "One-hot the target"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert cells(window, "targetTable") == [["0", "1", "0"]]
    assert label(window, "errorLabel").isHidden()
    shown = float(label(window, "lossValue").text())
    assert shown == pytest.approx(0.9733, abs=5e-5)  # seed 002's one-hot value

    window.controller.undo_stack.undo()  # one step: the index and the error again
    assert cells(window, "targetTable") == [["1"]]
    assert label(window, "errorLabel").text() == SEED_002_ERROR
    window.controller.undo_stack.undo()
    assert window.controller.document.loss == "CrossEntropyLoss"
    assert cells(window, "targetTable") == [["1"]]
    assert errors == []
