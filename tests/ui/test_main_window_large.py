"""Big tensors open, scroll and edit without per-cell work on the whole array."""

from __future__ import annotations

import time

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
    start = time.perf_counter()
    window = make_window(big_document(1_000_000, 1))
    view = table(window, "inputTable")
    results = table(window, "resultTable")
    assert view.model().rowCount() == 1_000_000
    assert results.model().rowCount() == 1_000_000
    view.scrollToBottom()
    qtbot.wait(10)
    assert results.verticalScrollBar().value() == view.verticalScrollBar().value()
    model = view.model()
    assert model.setData(model.index(999_999, 0), "5")
    assert window.controller.document.tensors["input"][-1] == 5.0
    assert results.model().value(999_999, 1) > 4.9  # loss of logit 5 with target 0
    window.controller.undo_stack.undo()
    assert time.perf_counter() - start < 20


def test_hundred_thousand_by_ten(make_window):
    start = time.perf_counter()
    window = make_window(big_document(100_000, 10))
    model = table(window, "inputTable").model()
    assert (model.rowCount(), model.columnCount()) == (100_000, 10)
    assert model.setData(model.index(50_000, 9), "-1")
    assert table(window, "resultTable").model().columnCount() == 30
    assert time.perf_counter() - start < 20
