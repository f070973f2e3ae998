"""Switching losses, reductions and parameters: every view follows the registry."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import label, select_loss, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from lossgui.engine import LOSSES
from lossgui.engine.pipeline import compute_from_logits
from lossgui.ui.param_panel import vector_object_name


def expected_value(window):
    evaluation = window.evaluation
    arrays = [array for _, array in evaluation.inputs]
    return compute_from_logits(
        evaluation.loss,
        arrays[0],
        *arrays[1:],
        input_mode=evaluation.input_mode,
        **dict(evaluation.kwargs),
    )


@pytest.mark.parametrize("name", [n for n in LOSSES if n != "BCEWithLogitsLoss"])
def test_every_loss_builds_its_controls_from_the_registry(make_window, name):
    window = make_window()
    select_loss(window, name)
    spec = LOSSES[name]
    doc = window.controller.document
    assert doc.loss == name
    reductions = window.findChild(QComboBox, "reductionCombo")
    assert [reductions.itemText(i) for i in range(reductions.count())] == list(
        spec.reductions
    )
    for param in spec.params:
        if param.kind == "tensor" and param.required:  # no on/off: always a grid
            assert window.controller.document.slot(param.name).optional is False
            assert param.name in window.tensor_panel.editors
        elif param.kind == "tensor":
            check = window.findChild(QCheckBox, f"enable_{param.name}")
            assert check is not None and param.doc.split(".")[0] in check.toolTip()
        else:
            editor = window.findChild(QWidget, f"param_{param.name}")
            assert editor is not None and editor.toolTip()
    table(window, "inputTable")
    if window.evaluation.ok:
        expected = expected_value(window)
        np.testing.assert_array_equal(window.evaluation.value, expected.loss.value)
        assert label(window, "errorLabel").isHidden()
    else:
        assert label(window, "errorLabel").text() == window.evaluation.error.torch_text


def test_switching_to_cross_entropy_keeps_the_value(make_window):
    window = make_window()
    select_loss(window, "CrossEntropyLoss")
    assert label(window, "lossValue").text() == "1.0828"
    model = table(window, "inputTable").model()
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    target = table(window, "targetTable").model()
    assert [target.data(target.index(r, 0)) for r in range(3)] == ["1", "0", "0"]
    assert (
        label(window, "receiptLabel").text()
        == "sum of losses 3.2484 / 3 non-ignored rows"
    )
    window.controller.undo_stack.undo()
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    combo = window.findChild(QComboBox, "lossCombo")
    assert combo.currentData(Qt.ItemDataRole.UserRole) == "BCEWithLogitsLoss"


def test_target_mode_toggle_and_one_hot(make_window):
    window = make_window()
    select_loss(window, "CrossEntropyLoss")
    modes = window.findChild(QComboBox, "targetModeCombo")
    assert modes.isVisible()
    before = window.evaluation.value
    modes.setCurrentIndex(1)  # probabilities
    target = table(window, "targetTable").model()
    assert target.columnCount() == 2
    assert window.evaluation.value == pytest.approx(before, rel=1e-6)
    window.controller.undo_stack.undo()
    assert table(window, "targetTable").model().columnCount() == 1
    window.window_actions.one_hot()  # class indices -> one-hot probabilities
    assert window.controller.document.target_mode == "probability"


def test_reduction_change_updates_value_receipt_and_gradient(make_window):
    window = make_window()
    select_loss(window, "NLLLoss")
    window.findChild(QComboBox, "reductionCombo").setCurrentText("sum")
    expected = expected_value(window)
    assert window.evaluation.reduction == "sum"
    np.testing.assert_array_equal(window.evaluation.result.grad, expected.grad)
    assert label(window, "receiptLabel").text().startswith("reduction='sum'")


def test_parameter_editors_change_the_loss_and_undo_merges(make_window):
    window = make_window()
    select_loss(window, "HuberLoss")
    delta = window.findChild(QWidget, "param_delta")
    delta.setValue(0.5)
    delta.setValue(0.25)
    assert window.controller.document.params["delta"] == 0.25
    assert window.evaluation.kwargs and dict(window.evaluation.kwargs)["delta"] == 0.25
    np.testing.assert_array_equal(
        window.evaluation.value, expected_value(window).loss.value
    )
    window.controller.undo_stack.undo()  # both spin steps were one undo step
    assert window.controller.document.params["delta"] == 1.0
    assert delta.value() == 1.0


def test_tensor_parameters_switch_on_and_edit(make_window):
    window = make_window()
    check = window.findChild(QCheckBox, "enable_pos_weight")
    check.setChecked(True)
    view = window.findChild(QWidget, vector_object_name("pos_weight"))
    assert view.isEnabled()
    model = view.model()
    assert model.setData(model.index(0, 0), "3")
    assert "pos_weight=torch.tensor([3.])" in label(window, "callLabel").text()
    np.testing.assert_array_equal(
        window.evaluation.value, expected_value(window).loss.value
    )
    assert label(window, "receiptLabel").text().startswith("sum of weighted losses")


def test_per_element_weight_gets_its_own_grid(make_window):
    window = make_window()
    assert window.findChild(QWidget, "weightTable") is None
    window.findChild(QCheckBox, "enable_weight").setChecked(True)
    weight = table(window, "weightTable").model()
    assert weight.rowCount() == 3
    assert weight.setData(weight.index(2, 0), "0")
    np.testing.assert_array_equal(
        window.evaluation.value, expected_value(window).loss.value
    )
    window.findChild(QCheckBox, "enable_weight").setChecked(False)
    assert (
        window.findChild(QWidget, "weightTable") is None
        or not table(window, "weightTable").isVisible()
    )


def test_dtype_and_input_mode(make_window):
    window = make_window()
    window.findChild(QComboBox, "dtypeCombo").setCurrentText("float64")
    assert window.evaluation.value.dtype == np.float64
    select_loss(window, "BCELoss")
    mode = window.findChild(QComboBox, "inputModeCombo")
    assert mode.isEnabled()
    mode.setCurrentIndex(1)  # raw: the grid holds probabilities
    assert window.evaluation.input_mode == "raw"
    assert label(window, "errorLabel").isVisible()  # -0.8 is not a probability


@pytest.mark.parametrize("name", [n for n, s in LOSSES.items() if not s.in_torch])
def test_losses_beyond_torch_are_marked_with_their_reference(make_window, name):
    window = make_window()
    select_loss(window, name)
    summary = label(window, "lossSummary").text()
    assert "not in torch.nn" in summary
    assert LOSSES[name].reference in summary
    combo = window.findChild(QComboBox, "lossCombo")
    assert "not in torch.nn" in combo.currentText()


def test_torch_losses_carry_no_marker(make_window):
    window = make_window()
    assert "not in torch.nn" not in label(window, "lossSummary").text()
