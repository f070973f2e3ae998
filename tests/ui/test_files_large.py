"""A million-row file loads in the background with progress and opens the hardest-samples panel.

How fast: ``python -m tests.benchmarks large`` (tests/benchmarks/bench_large.py).
"""

from __future__ import annotations

import numpy as np
from conftest import table

from lossgui.ui.background import BackgroundTask


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
    original = BackgroundTask.progress

    def record(self, fraction):
        shown.append(fraction)
        return original(self, fraction)

    monkeypatch.setattr(BackgroundTask, "progress", record)
    assert window.files.importer.import_file(path)  # logit -> input, label -> target
    doc = window.controller.document
    assert doc.rows == 1_000_000
    np.testing.assert_array_equal(doc.tensors["input"], logits)
    np.testing.assert_array_equal(doc.tensors["target"], labels)
    assert len(shown) > 10 and shown == sorted(shown)  # progress moved in steps
    results = table(window, "resultTable").model()
    assert results.rowCount() == 1_000_000
    # the last row shows the loss of the last sample, BCE-with-logits by hand
    z, y = logits[-1], labels[-1]
    expected = max(z, 0) - z * y + np.log1p(np.exp(-abs(z)))
    assert np.isclose(float(results.value(999_999, 1)), expected, rtol=1e-6)
    # the import opened the hardest-samples panel, ranked largest loss first
    panel = window.files.hardest
    assert window.files.hardest_dock.isVisible()
    panel.refresh()
    losses = window.evaluation.result.loss.elementwise
    top = int(panel.model.order[0])
    assert losses[top] == losses.max()
    assert panel.model.data(panel.model.index(0, 0)) == str(top)
    panel._activated(panel.model.index(0, 0))
    assert table(window, "inputTable").currentIndex().row() == top
