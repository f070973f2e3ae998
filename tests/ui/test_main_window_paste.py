"""Copy and paste with spreadsheets (TSV), growing the grid, and undo."""

from __future__ import annotations

import numpy as np
from conftest import label, table
from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtGui import QGuiApplication

from lossgui.engine import compute


def select(view, top, left, bottom, right):
    model = view.model()
    selection = view.selectionModel()
    selection.setCurrentIndex(
        model.index(top, left), QItemSelectionModel.SelectionFlag.NoUpdate
    )
    selection.select(
        QItemSelection(model.index(top, left), model.index(bottom, right)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )


def test_copy_gives_exact_tsv(make_window):
    window = make_window()
    view = table(window, "inputTable")
    select(view, 0, 0, 2, 0)
    text = view.copy_selection()
    assert text == "-0.8\n0.7\n0.5\n"
    assert QGuiApplication.clipboard().text() == text
    results = table(window, "resultTable")
    select(results, 0, 0, 0, 2)
    assert (
        results.copy_selection() == "0.3100255\t1.1711006\t-0.2299915\n"
    )  # torch: 1.1711006164550781


def test_paste_block_at_current_cell(make_window):
    window = make_window()
    view = table(window, "inputTable")
    select(view, 1, 0, 1, 0)
    assert view.paste_text("0.1\n\u22120.2\n")
    assert window.controller.document.tensors["input"].tolist() == [-0.8, 0.1, -0.2]
    expected = compute("BCEWithLogitsLoss", [-0.8, 0.1, -0.2], [1.0, 0.0, 0.0])
    assert window.evaluation.value == expected.value
    window.controller.undo_stack.undo()
    assert label(window, "lossValue").text() == "1.0828"


def test_paste_larger_block_grows_rows_and_columns(make_window):
    window = make_window()
    view = table(window, "inputTable")
    select(view, 2, 0, 2, 0)
    assert view.paste_text("1\t2\n3\t4\n5\t6\n")
    doc = window.controller.document
    assert doc.tensors["input"].shape == (5, 2)
    np.testing.assert_array_equal(doc.tensors["input"][2:], [[1, 2], [3, 4], [5, 6]])
    assert doc.tensors["target"].shape == (5, 2)
    assert table(window, "targetTable").model().rowCount() == 5
    assert table(window, "resultTable").model().rowCount() == 5
    window.controller.undo_stack.undo()  # one step undoes the growth and the values
    assert doc.tensors["input"].tolist() == [-0.8, 0.7, 0.5]


def test_paste_pytorch_repr(make_window):
    window = make_window()
    view = table(window, "inputTable")
    select(view, 0, 0, 0, 0)
    assert view.paste_text("tensor([1.5, -2.0, 0.25, 4.0])")
    assert window.controller.document.tensors["input"].tolist() == [
        1.5,
        -2.0,
        0.25,
        4.0,
    ]
    assert window.controller.document.rows == 4


def test_single_value_fills_the_selection(make_window):
    window = make_window()
    view = table(window, "targetTable")
    select(view, 0, 0, 2, 0)
    assert view.paste_text("1")
    assert window.controller.document.tensors["target"].tolist() == [1.0, 1.0, 1.0]


def test_paste_refuses_text_that_does_not_parse(make_window):
    window = make_window()
    view = table(window, "inputTable")
    select(view, 0, 0, 0, 0)
    assert not view.paste_text("1\tabc\n")
    assert "Paste refused" in window.statusBar().currentMessage()
    assert window.controller.document.tensors["input"].tolist() == [-0.8, 0.7, 0.5]
    assert window.controller.undo_stack.count() == 0


def test_paste_into_class_indices(make_window):
    window = make_window()
    window.controller.set_loss("CrossEntropyLoss")
    view = table(window, "targetTable")
    select(view, 0, 0, 0, 0)
    assert not view.paste_text("0.5\n1\n")
    assert "whole numbers" in window.statusBar().currentMessage()
    assert not view.paste_text("0\t1\n")  # a one-per-row tensor cannot grow columns
    assert view.paste_text("0\n1\n1\n1\n")
    doc = window.controller.document
    assert doc.tensors["target"].tolist() == [0, 1, 1, 1]
    assert doc.tensors["input"].shape == (4, 2)


def test_edit_menu_paste_uses_the_clipboard(make_window):
    window = make_window()
    view = table(window, "inputTable")
    view.setFocus()
    window.window_actions.set_active_view(view)
    select(view, 0, 0, 0, 0)
    QGuiApplication.clipboard().setText("3\n")
    window.window_actions.paste_action.trigger()
    assert window.controller.document.tensors["input"][0] == 3.0
