"""An edit repaints what it changed: the edited cells and the results they moved."""

from __future__ import annotations

import numpy as np
from conftest import table

from lossgui.session import new_document


def _spy(model):
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(
        lambda a, b, *_: seen.append((a.row(), b.row(), a.column(), b.column()))
    )
    return seen


def _window(make_window, rows=6, columns=4):
    doc = new_document("BCEWithLogitsLoss")
    doc.resize(rows, columns)
    doc.tensors["input"][...] = np.linspace(-2, 2, rows * columns).reshape(
        rows, columns
    )
    return make_window(doc)


def test_editing_a_cell_repaints_that_cell_of_the_grid(make_window):
    window = _window(make_window)
    model = table(window, "inputTable").model()
    seen = _spy(model)
    assert model.setData(model.index(3, 2), "0.25")
    assert seen and set(seen) == {(3, 3, 2, 2)}


def test_results_repaint_only_the_moved_element_when_the_scale_holds(make_window):
    window = _window(make_window)
    results = table(window, "resultTable").model()
    before = [results.value(r, c) for r in range(6) for c in range(12)]
    seen = _spy(results)
    model = table(window, "inputTable").model()
    # a middling logit: the largest |loss| and |gradient| stay where they are
    assert model.setData(model.index(2, 1), "-0.1")
    assert seen == [(2, 2, 1, 9)]  # row 2: prob[1], loss[1], grad[1] (sections 1..9)
    after = [results.value(r, c) for r in range(6) for c in range(12)]
    moved = {
        divmod(i, 12)
        for i, (a, b) in enumerate(zip(before, after, strict=True))
        if a != b
    }
    assert moved == {(2, 1), (2, 5), (2, 9)}


def test_results_repaint_everything_when_the_colour_scale_changes(make_window):
    window = _window(make_window)
    results = table(window, "resultTable").model()
    seen = _spy(results)
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 0), "-30")  # a new largest loss
    assert seen == [(0, 5, 0, 11)]


def test_a_pasted_block_repaints_its_bounding_box(make_window):
    window = _window(make_window)
    view = table(window, "inputTable")
    seen = _spy(view.model())
    window.controller.set_cells("input", [1, 4], [0, 2], [0.5, 0.75], "Paste")
    assert (1, 4, 0, 2) in seen
    assert all(s == (1, 4, 0, 2) for s in seen)


def test_undo_repaints_the_same_region(make_window):
    window = _window(make_window)
    model = table(window, "inputTable").model()
    assert model.setData(model.index(5, 3), "1.5")
    seen = _spy(model)
    window.controller.undo_stack.undo()
    assert seen == [(5, 5, 3, 3)]
    assert model.data(model.index(5, 3)) == "2"


def test_views_ask_only_for_the_roles_models_answer(make_window):
    from PySide6.QtCore import Qt

    window = _window(make_window)
    model = table(window, "inputTable").model()
    index = model.index(0, 0)
    assert model.data(index, Qt.ItemDataRole.FontRole) is None
    assert model.data(index, Qt.ItemDataRole.DisplayRole) == "-2"


def test_results_written_in_place_repaint_the_rewritten_rows(make_window, monkeypatch):
    """A large batch's results are rewritten in place: nothing to compare with."""
    import lossgui.session.incremental as incremental

    monkeypatch.setattr(incremental, "IN_PLACE_MIN_SIZE", 1)
    window = _window(make_window)
    window.controller.set_setting("reduction", "sum")  # row-local, incremental
    results = table(window, "resultTable").model()
    grad = window.evaluation.result.grad
    seen = _spy(results)
    model = table(window, "inputTable").model()
    assert model.setData(model.index(2, 1), "-0.1")
    assert window.evaluation.result.grad is grad  # the same array, rewritten
    assert seen == [(2, 2, 0, 11)]  # the whole row: no old numbers to compare
    assert results.value(2, 9) == window.evaluation.result.grad[2, 1]


def test_an_edit_that_moves_the_curves_draws_each_plot_once(make_window, qtbot):
    """The plots' y-range is fitted before the paint: a fit made while painting
    moved the range mid-frame, and Qt drew the plot a second time."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication

    window = make_window(new_document("CrossEntropyLoss"))
    window.resize(1400, 900)
    window.curves_panel.parentWidget().raise_()
    qtbot.wait(20)
    plots = {
        window.curves_panel.loss_plot.viewport(): "loss",
        window.curves_panel.grad_plot.viewport(): "grad",
    }
    painted: list[str] = []

    class Count(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint and obj in plots:
                painted.append(plots[obj])
            return False

    model = table(window, "inputTable").model()
    view = table(window, "inputTable")
    counter = Count()
    for value in ("2.5", "-3", "4"):  # the selected row: every curve moves
        view.setCurrentIndex(model.index(0, 1))
        QApplication.processEvents()
        painted.clear()
        QApplication.instance().installEventFilter(counter)
        try:
            assert model.setData(model.index(0, 1), value)
            QApplication.processEvents()
        finally:
            QApplication.instance().removeEventFilter(counter)
        assert sorted(painted) == ["grad", "loss"], value
