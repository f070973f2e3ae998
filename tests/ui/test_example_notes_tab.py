"""The Example tab: the open example's full description and its article's numbers."""

from __future__ import annotations

from conftest import table
from PySide6.QtWidgets import QDockWidget

from lossgui.io.bundled import list_examples


def _open(window, stem: str) -> None:
    window.files.example_actions[stem].trigger()  # Examples menu, as a user does


def test_the_example_tab_is_a_dock_beside_curves_explain_compare(make_window):
    window = make_window()
    dock = window.findChild(QDockWidget, "ExampleDock")
    assert dock is not None
    tabbed = {d.objectName() for d in window.tabifiedDockWidgets(dock)}
    assert {"CurvesDock", "ExplainDock", "ComparelossesDock"} <= tabbed


def test_seed_000_slip_is_shown_with_the_right_row(make_window):
    window = make_window()
    _open(window, "000-multilabel-bcewithlogits")
    notes = window.example_notes
    text = notes.text()
    assert "Multi-label: BCEWithLogitsLoss" in text
    assert "[0.7311, 0.5000, 0.5000]" in text
    assert "[0.3100, 0.6682, 0.6225]" in text
    assert "sigmoid of the labels [1, 0, 0]" in text
    assert "✗" in text and "✓" in text


def test_the_full_description_is_shown(make_window):
    window = make_window()
    _open(window, "002-crossentropy-class-index")
    description = next(
        e.description
        for e in list_examples()
        if e.path.stem == "002-crossentropy-class-index"
    )
    assert len(description) > 200
    assert " ".join(description.split()) in " ".join(
        window.example_notes.text().split()
    )


def test_seed_002_log_slip_is_explained(make_window):
    window = make_window()
    _open(window, "002-bcewithlogits-one-hot")
    text = window.example_notes.text()
    assert "loss_2 = -(0*log(0.5250)) + (1-0) * log(0.5250))" in text
    assert "0.7444" in text
    assert "log(1 - p)" in text


def test_an_edit_says_the_numbers_no_longer_apply_and_undo_restores(make_window):
    window = make_window()
    _open(window, "000-bcewithlogits-cat-dog")
    model = table(window, "inputTable").model()
    assert model.setData(model.index(0, 0), "3")
    text = window.example_notes.text()
    assert "BCEWithLogitsLoss, cat/dog batch" in text
    assert "no longer the example's" in text
    assert "printed for" not in text  # no printed-vs-computed table
    window.controller.undo_stack.undo()
    assert "printed for" in window.example_notes.text()
    assert "tensor([1.1711, 1.1032, 0.9741])" in window.example_notes.text()
