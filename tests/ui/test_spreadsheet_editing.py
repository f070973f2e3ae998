"""Editing as in a spreadsheet: Delete clears, rows go down to one, refused text stays.

Also the labels that say what they mean for the loss in front ("Random
inputs", "per-element weight"), and disabled actions that say why.
"""

from __future__ import annotations

from conftest import select_loss, table
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from lossgui.ui.torch_actions import TorchActions


def _select(view, top: int, left: int, bottom: int, right: int) -> None:
    model = view.model()
    view.setCurrentIndex(model.index(top, left))
    selection = view.selectionModel()
    selection.clearSelection()
    for row in range(top, bottom + 1):
        for col in range(left, right + 1):
            selection.select(
                model.index(row, col), QItemSelectionModel.SelectionFlag.Select
            )


def test_delete_clears_the_selected_cells_as_one_undo_step(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    view.setFocus()
    _select(view, 0, 0, 1, 0)
    stack = window.controller.undo_stack
    before = stack.count()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.controller.document.tensors["input"].tolist() == [0.0, 0.0, 0.5]
    assert stack.count() == before + 1
    assert view.model().data(view.model().index(0, 0)) == "0"
    stack.undo()
    assert window.controller.document.tensors["input"].tolist() == [-0.8, 0.7, 0.5]


def test_backspace_clears_class_indices_to_zero(make_window, qtbot):
    window = make_window()
    select_loss(window, "CrossEntropyLoss")
    view = table(window, "targetTable")
    view.setFocus()
    _select(view, 0, 0, 2, 0)
    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    target = window.controller.document.tensors["target"]
    assert target.dtype.kind == "i"
    assert target.tolist() == [0, 0, 0]


def test_delete_gives_weights_their_neutral_one(make_window, qtbot):
    window = make_window()
    window.controller.set_setting("enabled.weight", True)
    window.controller.set_cells("weight", [0, 1], [0, 0], [3.0, 4.0])
    view = table(window, "weightTable")
    view.setFocus()
    _select(view, 0, 0, 1, 0)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert window.controller.document.tensor_params["weight"].tolist()[:2] == [
        1.0,
        1.0,
    ]


def test_rows_spin_stops_at_one_and_says_so(make_window):
    window = make_window()
    spin = window.grid_controls.rows_spin
    assert spin.minimum() == 1
    assert "at least 1" in spin.toolTip()


def test_remove_rows_is_disabled_at_one_row_and_says_why(make_window):
    window = make_window()
    window.controller.resize(1, 1)
    view = table(window, "inputTable")
    window.window_actions.set_active_view(view)
    window.window_actions.update_enabled()
    action = window.window_actions.remove_rows_action
    assert not action.isEnabled()
    assert "one row" in action.toolTip()
    window.controller.resize(2, 1)
    window.window_actions.update_enabled()
    assert action.isEnabled()


def test_remove_columns_is_disabled_at_one_class_and_says_why(make_window):
    window = make_window()
    select_loss(window, "CrossEntropyLoss")
    window.controller.resize(3, 1)
    view = table(window, "inputTable")
    window.window_actions.set_active_view(view)
    window.window_actions.update_enabled()
    action = window.window_actions.remove_columns_action
    assert not action.isEnabled()
    assert "one column" in action.toolTip()


def _open_editor(qtbot, view, row: int, col: int) -> QLineEdit:
    index = view.model().index(row, col)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.findChild(QLineEdit)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible, timeout=1000)
    return editor


def test_refused_text_stays_in_the_editor_marked_with_the_reason(make_window, qtbot):
    window = make_window()
    view = table(window, "inputTable")
    editor = _open_editor(qtbot, view, 0, 0)
    editor.setText("abc")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert editor.isVisible()
    assert editor.text() == "abc"
    assert "not a number" in editor.toolTip()
    assert editor.property("refused") is True
    assert "not a number" in window.statusBar().currentMessage()
    assert window.controller.document.tensors["input"][0] == -0.8
    editor.setText("0.25")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    QApplication.processEvents()
    assert window.controller.document.tensors["input"][0] == 0.25
    assert window.statusBar().currentMessage() == ""


def test_a_class_index_that_is_not_whole_stays_in_the_editor(make_window, qtbot):
    window = make_window()
    select_loss(window, "CrossEntropyLoss")
    view = table(window, "targetTable")
    before = int(window.controller.document.tensors["target"][0])
    editor = _open_editor(qtbot, view, 0, 0)
    editor.setText("1.5")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    QApplication.processEvents()
    assert editor.isVisible()
    assert editor.text() == "1.5"
    assert "whole" in editor.toolTip()
    assert window.controller.document.tensors["target"][0] == before


def test_random_button_names_what_it_replaces(make_window):
    window = make_window()
    button = window.grid_controls.random_button
    assert button.text() == "Random logits"  # BCEWithLogitsLoss: logits
    select_loss(window, "MSELoss")
    assert button.text() == "Random inputs"
    assert window.window_actions.random_action.text().replace("&", "") == (
        "Random inputs"
    )
    select_loss(window, "BCELoss")
    window.controller.set_setting("input_mode", "raw")
    assert button.text() == "Random inputs"


def test_functional_weight_label_says_what_it_is(make_window, qtbot):
    window = make_window()
    select_loss(window, "MSELoss")
    qtbot.waitUntil(lambda: bool(window.param_panel.findChildren(QLabel)))
    texts = [w.text() for w in window.param_panel.findChildren(QLabel)]
    assert not any("(F.)" in text for text in texts)
    assert "per-element weight (functional `weight=`)" in texts


def test_verify_without_torch_says_how_to_enable_it(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr("lossgui.ui.torch_actions.torch_available", lambda: False)
    actions = TorchActions(window)
    assert not actions.verify_action.isEnabled()
    assert actions.verify_action.toolTip() == (
        "install torch to enable: pip install torch"
    )
    assert actions.verify_action.statusTip() == actions.verify_action.toolTip()
