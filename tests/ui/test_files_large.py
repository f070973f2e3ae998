"""A million-row file loads with progress, and the hardest samples sort fast."""

from __future__ import annotations

import time

import numpy as np
from conftest import table
from PySide6.QtWidgets import QProgressDialog

from lossgui.session.hardest import hardest_order


def test_million_row_csv_imports_with_progress(
    make_window, monkeypatch, tmp_path, qtbot
):
    rng = np.random.default_rng(7)
    logits = np.round(rng.normal(0, 3, size=1_000_000), 4)
    labels = (rng.random(1_000_000) < 0.5).astype(int)
    path = tmp_path / "preds.csv"
    path.write_text(
        "logit,label\n"
        + "\n".join(
            f"{z},{y}" for z, y in zip(logits.tolist(), labels.tolist(), strict=True)
        )
    )
    window = make_window()
    shown = []
    original = QProgressDialog.setValue

    def record(self, value):
        shown.append(value)
        original(self, value)

    monkeypatch.setattr(QProgressDialog, "setValue", record)
    start = time.perf_counter()
    assert window.files.importer.import_file(path)  # logit -> input, label -> target
    elapsed = time.perf_counter() - start
    doc = window.controller.document
    assert doc.rows == 1_000_000
    np.testing.assert_array_equal(doc.tensors["input"], logits)
    assert len(shown) > 10 and shown == sorted(shown)  # progress moved in steps
    assert table(window, "resultTable").model().rowCount() == 1_000_000
    assert elapsed < 20
    # the import opened the hardest-samples panel, ranked largest loss first
    panel = window.files.hardest
    assert window.files.hardest_dock.isVisible()
    start = time.perf_counter()
    panel.refresh()
    assert time.perf_counter() - start < 2
    losses = window.evaluation.result.loss.elementwise
    top = int(panel.model.order[0])
    assert losses[top] == losses.max()
    assert panel.model.data(panel.model.index(0, 0)) == str(top)
    panel._activated(panel.model.index(0, 0))
    assert table(window, "inputTable").currentIndex().row() == top


def test_hardest_order_is_descending_and_puts_nan_first():
    values = np.array([0.2, np.nan, 3.0, 0.2, 1.0])
    assert hardest_order(values).tolist() == [1, 2, 4, 0, 3]
    big = np.random.default_rng(0).random(1_000_000)
    start = time.perf_counter()
    order = hardest_order(big)
    assert time.perf_counter() - start < 1
    assert np.all(np.diff(big[order]) <= 0)
