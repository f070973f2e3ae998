"""A batch too wide to show beside its results keeps rows of every grid in view."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from lossgui.session.convert import new_document
from tests.ui.conftest import table


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_inputs_keep_two_rows_under_a_tall_results_grid(make_window, qtbot, size):
    doc = new_document("CrossEntropyLoss")
    doc.resize(3000, 400)  # wider than any window: inputs and results stack
    window = make_window(doc)
    window.resize(*size)
    qtbot.waitExposed(window)
    window.window_layout.apply()
    QApplication.processEvents()
    for name in ("inputTable", "targetTable"):
        view = table(window, name)
        rows = view.viewport().height() / view.rowHeight(0)
        assert rows >= 2, (name, rows)
    results = table(window, "resultTable")
    assert results.viewport().height() / results.rowHeight(0) >= 3
