"""Big tensors open, scroll and edit, and every grid shows the whole array.

How fast: ``python -m tests.benchmarks large`` (tests/benchmarks/bench_large.py).
"""

from __future__ import annotations

import numpy as np
from conftest import table

from lossgui.session import startup_document


def big_document(rows, columns):
    doc = startup_document()
    doc.resize(rows, columns)
    doc.tensors["input"][...] = np.linspace(-3, 3, doc.tensors["input"].size).reshape(
        doc.tensors["input"].shape
    )
    return doc


def test_million_rows_open_scroll_and_edit(make_window, qtbot):
    window = make_window(big_document(1_000_000, 1))
    view = table(window, "inputTable")
    results = table(window, "resultTable")
    assert view.model().rowCount() == 1_000_000
    assert results.model().rowCount() == 1_000_000
    view.scrollToBottom()
    bottom = view.verticalScrollBar().value()
    assert bottom == view.verticalScrollBar().maximum() > 0
    qtbot.waitUntil(lambda: results.verticalScrollBar().value() == bottom)
    model = view.model()
    assert model.setData(model.index(999_999, 0), "5")
    assert window.controller.document.tensors["input"][-1] == 5.0
    # BCE-with-logits of logit 5, target 0: log(1 + e^5)
    assert np.isclose(float(results.model().value(999_999, 1)), np.log1p(np.exp(5.0)))
    window.controller.undo_stack.undo()
    assert window.controller.document.tensors["input"][-1] == 3.0


def test_hundred_thousand_by_ten(make_window):
    window = make_window(big_document(100_000, 10))
    model = table(window, "inputTable").model()
    assert (model.rowCount(), model.columnCount()) == (100_000, 10)
    assert model.setData(model.index(50_000, 9), "-1")
    assert window.controller.document.tensors["input"][50_000, 9] == -1.0
    results = table(window, "resultTable").model()
    assert results.columnCount() == 30  # sigmoid, loss and gradient per class
    assert results.rowCount() == 100_000
