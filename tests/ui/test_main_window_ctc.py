"""CTCLoss in the window: one sequence's logits, a label sequence and two lengths."""

from __future__ import annotations

import numpy as np
from conftest import label, select_loss, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSpinBox

from lossgui.engine import compute
from lossgui.engine.pipeline import compute_from_logits


def direct_value(window):
    evaluation = window.evaluation
    arrays = [array for _, array in evaluation.inputs]
    kwargs = dict(evaluation.kwargs)
    return compute_from_logits("CTCLoss", *arrays, input_mode="logits", **kwargs)


def shown(window) -> str:
    return label(window, "lossValue").text()


def test_selecting_ctc_shows_its_example(make_window):
    window = make_window()
    select_loss(window, "CTCLoss")
    assert window.evaluation.ok, window.evaluation.error
    assert label(window, "errorLabel").isHidden()
    expected = direct_value(window)
    assert shown(window) == f"{float(expected.loss.value):.5g}"
    np.testing.assert_array_equal(window.evaluation.value, expected.loss.value)
    assert table(window, "inputTable").model().rowCount() == 6
    assert table(window, "inputTable").model().columnCount() == 4
    targets = table(window, "targetsTable").model()
    assert (targets.rowCount(), targets.columnCount()) == (1, 3)
    for name in ("inputLengthsTable", "targetLengthsTable"):
        model = table(window, name).model()
        assert (model.rowCount(), model.columnCount()) == (1, 1)
    lengths = table(window, "inputLengthsTable").model()
    assert lengths.data(lengths.index(0, 0)) == "6"
    assert window.evaluation.result.grad.shape == (6, 4)
    rows_label = window.grid_controls.rows_label
    assert isinstance(rows_label, QLabel) and "T" in rows_label.text()


def test_editing_a_target_label_changes_the_value(make_window):
    window = make_window()
    select_loss(window, "CTCLoss")
    before = shown(window)
    model = table(window, "targetsTable").model()
    assert model.setData(model.index(0, 2), "3")
    assert window.controller.document.tensors["targets"].tolist() == [1, 2, 3]
    logits = window.evaluation.grid
    lp = logits - logits.max(axis=1, keepdims=True)
    lp = lp - np.log(np.exp(lp).sum(axis=1, keepdims=True))
    expected = compute("CTCLoss", lp, np.array([1, 2, 3]), np.array(6), np.array(3))
    assert shown(window) != before
    assert shown(window) == f"{float(direct_value(window).loss.value):.5g}"
    np.testing.assert_allclose(window.evaluation.value, expected.value, rtol=1e-5)
    window.controller.undo_stack.undo()
    assert shown(window) == before


def test_sequence_length_spin_and_time_steps_keep_lengths(make_window):
    window = make_window()
    select_loss(window, "CTCLoss")
    spin = window.findChild(QSpinBox, "targetsTableLengthSpin")
    assert spin is not None and spin.value() == 3
    spin.setValue(4)
    doc = window.controller.document
    assert doc.tensors["targets"].tolist() == [1, 2, 2, 1]
    assert int(doc.tensors["target_lengths"]) == 4
    assert table(window, "targetsTable").model().columnCount() == 4
    assert window.evaluation.ok
    window.grid_controls.rows_spin.setValue(8)
    assert int(window.controller.document.tensors["input_lengths"]) == 8
    assert window.evaluation.ok
    assert shown(window) == f"{float(direct_value(window).loss.value):.5g}"
    window.controller.undo_stack.undo()
    window.controller.undo_stack.undo()
    assert spin.value() == 3


def test_multilabel_margin_target_explains_the_terminator(make_window):
    window = make_window()
    select_loss(window, "MultiLabelMarginLoss")
    view = table(window, "targetTable")
    assert "-1" in view.toolTip()
    editor = window.tensor_panel.editors["target"]
    assert "-1 ends the list" in editor.title.text()
    model = view.model()
    row = int(np.argmax(window.controller.document.tensors["target"][0] == -1))
    tip = model.data(model.index(0, row), Qt.ItemDataRole.ToolTipRole)
    assert "end" in tip


def test_pasting_a_longer_label_sequence_grows_s_not_c(make_window):
    window = make_window()
    select_loss(window, "CTCLoss")
    window.controller.paste("targets", 0, 0, np.array([[1, 2, 3, 3, 1]]))
    doc = window.controller.document
    assert doc.tensors["targets"].tolist() == [1, 2, 3, 3, 1]
    assert (doc.rows, doc.columns) == (6, 4)
    assert int(doc.tensors["target_lengths"]) == 5
    assert window.evaluation.ok
