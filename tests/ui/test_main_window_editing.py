"""Editing cells through the models: live recompute, undo/redo, refused input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from conftest import label, table
from PySide6.QtCore import Qt

from lossgui.engine import compute


def shown_value(window) -> str:
    return label(window, "lossValue").text()


def test_cell_edit_recomputes_everything_in_the_same_turn(make_window, qtbot):
    window = make_window()
    model = table(window, "inputTable").model()
    with qtbot.waitSignal(model.dataChanged, timeout=0):
        assert model.setData(model.index(0, 0), "2.5")
    expected = compute("BCEWithLogitsLoss", [2.5, 0.7, 0.5], [1.0, 0.0, 0.0])
    assert shown_value(window) == f"{float(expected.value):.5g}"
    assert window.evaluation.value == expected.value
    results = table(window, "resultTable").model()
    assert results.value(0, 2) == expected.grad[0]
    assert model.data(model.index(0, 0)) == "2.5"


def test_target_edit_and_undo_redo(make_window):
    window = make_window()
    model = table(window, "targetTable").model()
    assert model.setData(model.index(1, 0), "1")
    changed = compute("BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 1.0, 0.0])
    assert window.evaluation.value == changed.value
    stack = window.controller.undo_stack
    stack.undo()
    assert shown_value(window) == "1.0828"
    assert model.data(model.index(1, 0)) == "0"
    stack.redo()
    assert window.evaluation.value == changed.value


def test_undo_action_has_the_standard_shortcut(make_window):
    window = make_window()
    assert window.window_actions.undo_action.shortcut().matches(
        Qt.KeyboardModifier.ControlModifier | Qt.Key.Key_Z
    )
    model = table(window, "inputTable").model()
    model.setData(model.index(2, 0), "-1")
    window.window_actions.undo_action.trigger()
    assert shown_value(window) == "1.0828"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nan", math.nan),
        ("inf", math.inf),
        ("-inf", -math.inf),
        ("1e-300", 1e-300),
        ("\u22120.5", -0.5),
        ("  0.25  ", 0.25),
    ],
)
def test_special_values_are_accepted(make_window, text, expected):
    window = make_window()
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 0), text)
    stored = window.controller.document.tensors["input"][0]
    assert (math.isnan(stored) and math.isnan(expected)) or stored == expected
    assert window.evaluation.ok  # BCEWithLogits takes any logit


def test_nan_logit_gives_nan_loss_and_a_hatched_cell(make_window):
    window = make_window()
    model = table(window, "inputTable").model()
    model.setData(model.index(0, 0), "nan")
    assert shown_value(window) == "nan"
    results = table(window, "resultTable").model()
    assert results.data(results.index(0, 1)) == "nan"
    brush = results.data(results.index(0, 1), Qt.ItemDataRole.BackgroundRole)
    assert brush.style() == Qt.BrushStyle.BDiagPattern
    assert results.data(results.index(1, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_inf_logit_keeps_the_colour_scale_readable(make_window):
    window = make_window()
    model = table(window, "inputTable").model()
    model.setData(model.index(1, 0), "inf")  # target 0 and +inf logit: loss inf
    results = table(window, "resultTable").model()
    assert results.data(results.index(1, 1)) == "inf"
    assert (
        results.data(results.index(1, 1), Qt.ItemDataRole.BackgroundRole)
        .color()
        .alpha()
        > 0
    )
    # finite losses keep their own scale (not flattened to zero by inf)
    assert (
        results.data(results.index(0, 1), Qt.ItemDataRole.BackgroundRole)
        .color()
        .alpha()
        > 100
    )


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("abc", "'abc' is not a number"),
        ("", "empty cell"),
        ("1,5", "is not a number"),
        ("1 2", "is not a number"),
        ("0x10", "is not a number"),
        ("1_000", "is not a number"),
    ],
)
def test_text_that_does_not_parse_is_refused(make_window, qtbot, text, reason):
    window = make_window()
    model = table(window, "inputTable").model()
    with qtbot.assertNotEmitted(model.dataChanged):
        assert not model.setData(model.index(0, 0), text)
    assert window.controller.document.tensors["input"][0] == -0.8
    assert reason in window.statusBar().currentMessage()
    assert "input[0, 0]" in window.statusBar().currentMessage()
    assert window.controller.undo_stack.count() == 0
    assert shown_value(window) == "1.0828"


@pytest.mark.parametrize("text", ["1.5", "nan", "inf", "abc"])
def test_class_index_cells_take_whole_numbers_only(make_window, text):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    model = table(window, "targetTable").model()
    assert not model.setData(model.index(0, 0), text)
    assert window.controller.document.tensors["target"][0] == 1
    assert window.statusBar().currentMessage()


def test_class_index_edit_recomputes(make_window):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    model = table(window, "targetTable").model()
    assert model.setData(model.index(0, 0), "0.0")
    doc = window.controller.document
    expected = compute(
        "CrossEntropyLoss", doc.tensors["input"].astype(np.float32), np.array([0, 0, 0])
    )
    assert window.evaluation.value == expected.value


def test_invalid_configuration_shows_torch_error_and_stays_editable(make_window):
    window = make_window()
    window.controller.set_loss("BCELoss")
    window.controller.set_setting("input_mode", "raw")
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 0), "1.5")
    error = label(window, "errorLabel")
    assert error.isVisible()
    assert (
        error.text() == "RuntimeError: all elements of input should be between 0 and 1"
    )
    assert shown_value(window) == "error"
    assert model.setData(model.index(0, 0), "0.5")
    assert not error.isVisible()
    expected = compute("BCELoss", [0.5, 0.7, 0.5], [1.0, 0.0, 0.0])
    assert window.evaluation.value == expected.value


def test_class_index_out_of_range_shows_index_error(make_window):
    window = make_window()
    window.controller.set_loss("NLLLoss")
    model = table(window, "targetTable").model()
    assert model.setData(model.index(0, 0), "7")
    assert (
        label(window, "errorLabel").text() == "IndexError: Target 7 is out of bounds."
    )
