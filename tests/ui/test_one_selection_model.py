"""One selection: every grid, Explain and the curves agree on the selected element."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import table
from PySide6.QtCore import Qt

from lossgui.io.bundled import list_examples
from lossgui.session import new_document


def click(qtbot, view, row, column):
    """Click cell ``(row, column)`` of ``view`` as a user would."""
    index = view.model().index(row, column)
    view.scrollTo(index)
    qtbot.mouseClick(
        view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(index).center()
    )


def shown_elements(window):
    """(Explain's element, the curves' highlighted element, the tracker's)."""
    explain = window.understanding.explain
    return (
        (explain.row, explain.column),
        window.curves_panel.selected(),
        (window.understanding.tracker.row, window.understanding.tracker.column),
    )


def cells(view, limit=4):
    model = view.model()
    rows = sorted({0, model.rowCount() - 1, model.rowCount() // 2})
    columns = sorted({0, model.columnCount() - 1, model.columnCount() // 2})
    return [(r, c) for r in rows[:limit] for c in columns[:limit] if r >= 0 <= c]


def test_a_per_class_weight_selects_the_same_element_in_explain_and_curves(
    make_window, qtbot
):
    window = make_window(new_document("CrossEntropyLoss"))
    window.controller.set_setting("enabled.weight", True)
    click(qtbot, table(window, "inputTable"), 1, 1)
    assert shown_elements(window) == ((1, 1),) * 3
    weight = window.param_panel.views["weight"]
    click(qtbot, weight, 0, 3)  # weight[3] belongs to class 3 of the same sample
    assert shown_elements(window) == ((1, 3),) * 3


@pytest.mark.parametrize("example", list_examples(), ids=lambda e: e.path.stem)
def test_every_tensor_of_every_example_selects_one_element_everywhere(
    make_window, qtbot, example
):
    window = make_window()
    window.files.example_actions[example.path.stem].trigger()
    doc = window.controller.document
    for slot in doc.slots():
        if slot.optional and not doc.enabled.get(slot.name):
            window.controller.set_setting(f"enabled.{slot.name}", True)
    grid_rows, grid_columns = doc.table(doc.first_name).shape
    logits = window.tensor_panel.views()[0]
    for view in window.grid_views():
        if not view.isVisible() or view.model().rowCount() == 0:
            continue
        for row, column in cells(view):
            click(qtbot, logits, grid_rows - 1, grid_columns - 1)  # a known start
            click(qtbot, view, row, column)
            explain, curves, tracker = shown_elements(window)
            where = f"{view.objectName()}[{row}, {column}]"
            assert explain == curves == tracker, where
            assert 0 <= explain[0] < grid_rows and 0 <= explain[1] < grid_columns
            if view is logits:
                assert explain == (row, column), where


def test_clicking_a_marker_selects_the_element_everywhere(make_window, qtbot):
    window = make_window(new_document("CrossEntropyLoss"))
    panel = window.curves_panel
    markers = panel.curve_set.markers
    k = int(np.flatnonzero((markers.rows == 2) & (markers.cols == 4))[0])
    panel._on_marker(k)  # what a click on that marker runs
    assert shown_elements(window) == ((2, 4),) * 3
    current = table(window, "inputTable").currentIndex()
    assert (current.row(), current.column()) == (2, 4)
