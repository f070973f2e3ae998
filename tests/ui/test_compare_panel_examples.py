"""Compare losses in front while examples open: a whole table, honest notes.

Issue 14: with the Compare tab in front, Article 2's "BCELoss on
probabilities" raised IndexError in ``_fill`` and left a half-drawn table
whose caption said "5 rows share a value".
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QTableWidget

from lossgui.session.receipt import short


def open_with_compare_in_front(window, qtbot, stem):
    dock = window.understanding.compare_dock
    dock.show()
    dock.raise_()
    qtbot.wait(0)
    window.files.example_actions[stem].trigger()
    qtbot.wait(0)
    return window.understanding.compare


@pytest.mark.parametrize(
    "stem", ["001-bce-probabilities", "001-bce-weighted", "001-kldiv-distillation"]
)
def test_article_two_examples_draw_a_whole_table(make_window, qtbot, stem):
    window = make_window()
    errors = []
    window.report_error = errors.append
    panel = open_with_compare_in_front(window, qtbot, stem)
    assert errors == []
    comparison = panel.comparison
    assert comparison is not None
    table = window.findChild(QTableWidget, "compareTable")
    assert table.rowCount() == len(comparison.rows)
    for r, row in enumerate(comparison.rows):
        assert table.item(r, 0).text() == row.label
        shown = table.item(r, 1).text()
        assert shown == ("—" if row.absent else short(row.value, 5))
        assert table.item(r, table.columnCount() - 1).text().endswith(row.note)
    session = comparison.rows[0]
    assert table.item(0, 1).text() == short(float(window.evaluation.value), 5)
    assert session.current


def test_probabilities_say_so_and_the_absent_logit_rows_say_why(make_window, qtbot):
    window = make_window()
    panel = open_with_compare_in_front(window, qtbot, "001-bce-probabilities")
    caption = window.findChild(QLabel, "compareCaption").text()
    assert caption.startswith("Probabilities with 0/1 targets.")
    assert "share a value" not in caption and "agree" not in caption
    table = window.findChild(QTableWidget, "compareTable")
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    row = labels.index("BCEWithLogitsLoss")
    assert table.item(row, 1).text() == "—"
    assert "no finite logit" in table.item(row, table.columnCount() - 1).text()
    assert panel.comparison.rows[row].absent


def test_agreeing_rows_are_named(make_window, qtbot):
    window = make_window()
    open_with_compare_in_front(window, qtbot, "000-bcewithlogits-cat-dog")
    caption = window.findChild(QLabel, "compareCaption").text()
    assert caption.startswith("Logits with 0/1 targets.")
    assert "BCEWithLogitsLoss (session), BCELoss ∘ σ" in caption
    assert "agree: the same loss in another form." in caption
