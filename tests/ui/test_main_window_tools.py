"""Grid tools: typing in a cell, shape controls, insert/remove, fill, one-hot, random."""

from __future__ import annotations

import numpy as np
from conftest import label, table
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QSpinBox

from lossgui.session.grid_ops import one_hot, random_logits


def test_typing_into_a_cell_goes_through_the_editor(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    index = view.model().index(0, 0)
    view.setCurrentIndex(index)
    assert view.edit(index, view.EditTrigger.AllEditTriggers, None)
    qtbot.wait(1)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "1.25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    qtbot.waitUntil(lambda: window.controller.document.tensors["input"][0] == 1.25)
    assert label(window, "lossValue").text() != "1.0828"


def test_shape_spin_boxes_resize_every_tensor(make_window):
    window = make_window()
    window.findChild(QSpinBox, "rowsSpin").setValue(5)
    window.findChild(QSpinBox, "columnsSpin").setValue(2)
    doc = window.controller.document
    assert doc.tensors["input"].shape == (5, 2)
    assert table(window, "targetTable").model().rowCount() == 5
    assert table(window, "resultTable").model().rowCount() == 5
    window.controller.undo_stack.undo()
    assert window.findChild(QSpinBox, "columnsSpin").value() == 1


def test_insert_and_remove_rows_and_columns(make_window):
    window = make_window()
    actions = window.window_actions
    view = table(window, "inputTable")
    actions.set_active_view(view)
    view.setCurrentIndex(view.model().index(0, 0))
    actions.insert_row_action.trigger()
    doc = window.controller.document
    assert doc.tensors["input"].tolist() == [-0.8, 0.0, 0.7, 0.5]
    view = table(window, "inputTable")
    actions.set_active_view(view)
    view.setCurrentIndex(view.model().index(1, 0))
    actions.remove_rows_action.trigger()
    assert doc.tensors["input"].tolist() == [-0.8, 0.7, 0.5]
    actions.insert_column_action.trigger()
    assert doc.tensors["input"].shape == (3, 2)
    assert label(window, "lossValue").text() != ""


def test_context_menu_offers_the_edit_actions(make_window, monkeypatch):
    window = make_window()
    shown = []
    monkeypatch.setattr(QMenu, "popup", lambda menu, pos: shown.append(menu.actions()))
    view = table(window, "inputTable")
    view.customContextMenuRequested.emit(view.rect().center())
    texts = [a.text() for a in shown[0] if not a.isSeparator()]
    assert "&Copy" in texts and "&Paste" in texts and "Insert &row below" in texts


def test_fill_column_asks_for_a_value(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("0.5", True))
    view = table(window, "targetTable")
    window.window_actions.set_active_view(view)
    view.setCurrentIndex(view.model().index(0, 0))
    window.window_actions.fill_action.trigger()
    assert window.controller.document.tensors["target"].tolist() == [0.5, 0.5, 0.5]
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("abc", True))
    window.window_actions.fill_action.trigger()
    assert "Fill refused" in window.statusBar().currentMessage()


def test_one_hot_from_typed_indices(make_window, monkeypatch):
    window = make_window()
    window.controller.set_loss("MultiLabelSoftMarginLoss")
    window.controller.resize(3, 3)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("2, 0, 1, 1", True))
    window.window_actions.one_hot_action.trigger()
    doc = window.controller.document
    np.testing.assert_array_equal(
        doc.tensors["target"], one_hot(np.array([2, 0, 1, 1]), 3)
    )
    assert table(window, "inputTable").model().rowCount() == 4
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("5", True))
    window.window_actions.one_hot_action.trigger()
    assert "One-hot refused" in window.statusBar().currentMessage()


def test_one_hot_is_disabled_without_class_labels(make_window):
    window = make_window()
    assert not window.window_actions.one_hot_action.isEnabled()
    window.controller.set_loss("NLLLoss")
    assert not window.window_actions.one_hot_action.isEnabled()  # NLL: indices only
    window.controller.set_loss("CrossEntropyLoss")
    assert window.window_actions.one_hot_action.isEnabled()


def test_random_logits_are_seeded_and_undoable(make_window):
    window = make_window()
    window.window_actions.random_action.trigger()
    np.testing.assert_array_equal(
        window.controller.document.tensors["input"], random_logits((3,), 1)
    )
    assert "seed 1" in window.statusBar().currentMessage()
    window.controller.undo_stack.undo()
    assert label(window, "lossValue").text() == "1.0828"


def test_new_session_returns_to_the_example(make_window):
    window = make_window()
    window.controller.set_loss("HuberLoss")
    window.window_actions.new_action.trigger()
    assert window.controller.document.loss == "BCEWithLogitsLoss"
    assert label(window, "lossValue").text() == "1.0828"
