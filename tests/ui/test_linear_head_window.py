"""LinearCrossEntropyLoss in the window: its grids, the logits, ``ignore_index=None``."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import select_loss, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QSpinBox

from lossgui.engine import LOSSES

NAME = "LinearCrossEntropyLoss"
pytestmark = pytest.mark.skipif(NAME not in LOSSES, reason="not registered")


def _headers(view) -> list[str]:
    model = view.model()
    return [
        model.headerData(i, Qt.Orientation.Horizontal)
        for i in range(model.columnCount())
    ]


def test_hidden_states_weight_matrix_and_targets_are_grids(make_window):
    window = make_window()
    select_loss(window, NAME)
    hidden = table(window, "inputTable").model()
    weight = table(window, "linearWeightTable").model()
    target = table(window, "targetTable").model()
    assert (hidden.rowCount(), hidden.columnCount()) == (5, 4)
    assert (weight.rowCount(), weight.columnCount()) == (4, 8)  # Wᵀ: x · Wᵀ = z
    assert target.rowCount() == 5
    assert window.findChild(QCheckBox, "enable_linear_weight") is None  # required


def test_results_show_the_logits(make_window):
    window = make_window()
    select_loss(window, NAME)
    view = table(window, "resultTable")
    headers = _headers(view)
    assert [h for h in headers if h.startswith("z[")] == [f"z[{j}]" for j in range(8)]
    logits = window.evaluation.result.loss.derived["logits"]
    model = view.model()
    column = headers.index("z[5]")
    assert model.value(1, column) == logits[1, 5]
    grads = [h for h in headers if h.startswith("∂L/∂")]
    assert grads == [f"∂L/∂x[{h}]" for h in range(4)]  # w.r.t. the hidden states


def test_ignore_index_none_is_a_spin_box_step(make_window, qtbot):
    window = make_window()
    select_loss(window, NAME)
    spin = window.findChild(QSpinBox, "param_ignore_index")
    assert spin.text() == "None"
    spin.setValue(5)  # the target of row 1: ignored
    qtbot.waitUntil(lambda: window.controller.document.params["ignore_index"] == 5)
    loss = window.evaluation.result.loss.elementwise
    assert loss[1] == 0 and np.all(loss[[0, 2, 3, 4]] > 0)
    spin.setValue(spin.minimum())
    qtbot.waitUntil(lambda: window.controller.document.params["ignore_index"] is None)
    assert spin.text() == "None"
