"""What the user sees when the window opens."""

from __future__ import annotations

import numpy as np
from conftest import label, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QStatusBar

from lossgui.engine import LOSSES, compute


def test_cat_dog_example_shows_1_0828(make_window):
    window = make_window()
    value = label(window, "lossValue")
    assert value.text() == "1.0828"
    assert value.isVisible()
    assert value.toolTip() == "1.0827879 (float32)"
    assert label(window, "receiptLabel").text() == "sum of losses 3.2484 / 3 elements"
    assert (
        label(window, "callLabel").text()
        == "nn.BCEWithLogitsLoss(reduction='mean')(input, target)"
    )


def test_stable_object_names_exist(make_window):
    window = make_window()
    for name in ("lossCombo", "reductionCombo"):
        assert window.findChild(QComboBox, name) is not None
    for name in ("inputTable", "targetTable", "resultTable"):
        table(window, name)
    assert window.findChild(QStatusBar, "statusBar") is window.statusBar()
    loss = window.findChild(QComboBox, "lossCombo")
    assert loss.currentData(Qt.ItemDataRole.UserRole) == "BCEWithLogitsLoss"


def test_loss_combo_is_grouped_by_family_and_lists_every_loss(make_window):
    combo = make_window().findChild(QComboBox, "lossCombo")
    names = [combo.itemData(i, Qt.ItemDataRole.UserRole) for i in range(combo.count())]
    assert sorted(n for n in names if n) == sorted(LOSSES)
    headers = [combo.itemText(i) for i, n in enumerate(names) if n is None]
    assert "Binary / multi-label" in headers and "Multi-class" in headers
    model = combo.model()
    header_row = names.index(None)
    assert not (model.item(header_row).flags() & Qt.ItemFlag.ItemIsSelectable)


def test_results_grid_shows_probability_loss_and_gradient(make_window):
    window = make_window()
    model = table(window, "resultTable").model()
    headers = [
        model.headerData(c, Qt.Orientation.Horizontal)
        for c in range(model.columnCount())
    ]
    assert headers == ["σ(z)", "loss", "∂L/∂z"]
    expected = compute("BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 0.0, 0.0])
    none = compute(
        "BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 0.0, 0.0], reduction="none"
    )
    for row in range(3):
        assert model.value(row, 1) == float(none.value[row])
        assert model.value(row, 2) == float(expected.grad[row])
    assert model.data(model.index(0, 2)).endswith(
        "↑"
    )  # negative gradient: descent raises z
    assert model.data(model.index(1, 2)).endswith("↓")
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_reduction_combo_offers_exactly_what_the_loss_accepts(make_window, qtbot):
    window = make_window()
    combo = window.findChild(QComboBox, "reductionCombo")
    items = [combo.itemText(i) for i in range(combo.count())]
    assert items == list(LOSSES["BCEWithLogitsLoss"].reductions)
    combo.setCurrentText("sum")
    assert label(window, "lossValue").text() == "3.2484"
    combo.setCurrentText("none")
    assert label(window, "lossValue").text() == "[1.1711, 1.1032, 0.97408]"
    assert np.isclose(window.evaluation.value.sum(), 3.2484, atol=1e-4)
