"""The Qt model contract for every table model (pytest-qt's model tester)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from lossgui.session import new_document, startup_document
from lossgui.ui.controller import SessionController
from lossgui.ui.result_model import ResultTableModel
from lossgui.ui.tensor_model import TensorTableModel


@pytest.mark.parametrize(
    ("loss", "name"),
    [
        ("BCEWithLogitsLoss", "input"),
        ("BCEWithLogitsLoss", "target"),
        ("BCEWithLogitsLoss", "weight"),
        ("BCEWithLogitsLoss", "pos_weight"),
        ("CrossEntropyLoss", "input"),
        ("CrossEntropyLoss", "target"),
        ("CrossEntropyLoss", "weight"),
        ("NLLLoss", "target"),
        ("MultiLabelSoftMarginLoss", "weight"),
    ],
)
def test_tensor_model_contract(qtmodeltester, loss, name):
    controller = SessionController(new_document(loss))
    model = TensorTableModel(controller, name)
    qtmodeltester.check(model)
    assert model.setData(model.index(0, 0), "1")
    qtmodeltester.check(model)
    controller.resize(5, 4)
    model.reset()
    qtmodeltester.check(model)


@pytest.mark.parametrize(
    "loss", ["BCEWithLogitsLoss", "CrossEntropyLoss", "KLDivLoss", "L1Loss"]
)
def test_result_model_contract(qtmodeltester, loss):
    model = ResultTableModel()
    qtmodeltester.check(model)
    doc = new_document(loss)
    model.show_evaluation(doc.evaluate())
    qtmodeltester.check(model)
    doc.resize(7, 3)
    model.show_evaluation(doc.evaluate())
    qtmodeltester.check(model)
    assert model.rowCount() == 7


def test_result_model_keeps_layout_when_only_values_change(qtbot):
    model = ResultTableModel()
    doc = startup_document()
    model.show_evaluation(doc.evaluate())
    doc.tensors["input"][0] = 1.0
    with (
        qtbot.assertNotEmitted(model.modelReset),
        qtbot.waitSignal(model.dataChanged, timeout=0),
    ):
        model.show_evaluation(doc.evaluate())


def test_tensor_model_refuses_without_dialogs(qtbot):
    controller = SessionController(startup_document())
    model = TensorTableModel(controller, "input")
    with qtbot.waitSignal(model.rejected, timeout=0) as blocker:
        assert not model.setData(model.index(0, 0), "abc")
    assert "not a number" in blocker.args[0]
    assert not model.setData(model.index(0, 0), True)
    assert not model.setData(model.index(0, 0), "1", Qt.ItemDataRole.DisplayRole)
    assert model.data(model.index(0, 0), Qt.ItemDataRole.EditRole) == "-0.8"
    assert "as float32: -0.800000011920929" in model.data(
        model.index(0, 0), Qt.ItemDataRole.ToolTipRole
    )


def test_tensor_model_flags_and_headers(qtbot):
    controller = SessionController(new_document("CrossEntropyLoss"))
    grid = TensorTableModel(controller, "input")
    assert grid.flags(grid.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert grid.headerData(4, Qt.Orientation.Horizontal) == "4"
    assert grid.headerData(2, Qt.Orientation.Vertical) == "2"
    target = TensorTableModel(controller, "target")
    assert target.headerData(0, Qt.Orientation.Horizontal) == "target"
    assert target.is_index() and not grid.is_index()
    assert np.asarray(target.table()).dtype == np.int64
