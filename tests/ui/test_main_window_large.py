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


def test_million_row_colours_follow_edits_of_the_peak_row(make_window):
    """After an edit of one row of a million, the colour scale's peak is the
    whole column's, whether the edit raised it or removed it."""
    from PySide6.QtCore import Qt

    from lossgui.session.colour_scale import cell

    window = make_window(big_document(1_000_000, 1))
    doc = window.controller.document
    model = table(window, "inputTable").model()
    results = table(window, "resultTable").model()
    loss_column = 1  # sigmoid, loss, gradient

    def losses():  # BCE with logits of every row, in float64
        x = doc.tensors["input"].astype(np.float64).reshape(-1)
        y = doc.tensors["target"].astype(np.float64).reshape(-1)
        return np.maximum(x, 0) - x * y + np.log1p(np.exp(-np.abs(x)))

    def check(when):
        every = losses()
        for row in (0, 12_345, int(every.argmax()), 999_999):
            brush = results.index(row, loss_column).data(Qt.ItemDataRole.BackgroundRole)
            shown = 0 if brush is None else brush.color().alpha()
            value = results.value(row, loss_column)
            assert np.isclose(float(value), every[row])
            assert shown == cell(value, float(every.max()))[0], (when, row)

    check("opened")
    raise_row = int(np.flatnonzero(doc.tensors["target"].reshape(-1) == 0)[400_000])
    assert model.setData(model.index(raise_row, 0), "40")  # loss 40: a new peak
    check("raised")
    assert model.setData(model.index(raise_row, 0), "0")  # the peak goes again
    check("lowered")
    top = int(losses().argmax())
    assert model.setData(model.index(top, 0), "0")  # the old peak row removed
    check("peak row edited")
