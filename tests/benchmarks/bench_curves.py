"""The curve panel's share of a repaint after one cell edit.

Run with ``uv run python tests/benchmarks/bench_curves.py``. For 8x3,
1,000x10 and 100,000x10 logits (BCEWithLogitsLoss and CrossEntropyLoss),
medians over repeated edits in one offscreen window:

``edit->views``
    ``model.setData`` on the logits grid up to the end of
    ``processEvents()``: undo command, the one recompute, every view.
``curves``
    The part of that spent in the curve panel's ``show_evaluation``
    (sweeps through the engine, markers, ``setData`` on the plot items).
``sweep``
    :func:`lossgui.session.curves.batch_curves` alone (no Qt).
``paint``
    Rendering both plots from scratch (``grab()``), i.e. a full repaint.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from typing import Any

import numpy as np

SIZES = ((8, 3), (1_000, 10), (100_000, 10))
LOSSES = ("BCEWithLogitsLoss", "CrossEntropyLoss")


def _document(loss: str, rows: int, columns: int):
    from lossgui.session import new_document

    doc = new_document(loss)
    doc.resize(rows, columns)
    first = doc.first_name
    size = doc.tensors[first].size
    doc.tensors[first][...] = np.linspace(-3, 3, size).reshape(doc.tensors[first].shape)
    for name, array in doc.tensors.items():
        if array.dtype.kind == "i":  # class indices that exist in C columns
            array[...] = np.arange(array.size).reshape(array.shape) % columns
        elif name != first:
            array[...] = np.arange(array.size).reshape(array.shape) % 2
    assert doc.evaluate().ok, loss
    return doc


def _timed(record: list[float], method):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            record.append(time.perf_counter() - start)

    return wrapper


def measure(loss: str, rows: int, columns: int, repeats: int) -> dict[str, Any]:
    """Median seconds of each stage for one loss and grid size."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTableView

    from lossgui.session.curves import batch_curves
    from lossgui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    folder = tempfile.mkdtemp(prefix="lossgui-bench-curves-")
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(document=_document(loss, rows, columns), settings=settings)
    window.resize(1600, 900)
    window.show()
    app.processEvents()
    panel = window.curves_panel
    curves: list[float] = []
    panel.show_evaluation = _timed(curves, panel.show_evaluation)
    model = window.findChild(QTableView, "inputTable").model()
    edits, sweeps, paints = [], [], []
    for i in range(repeats + 1):
        index = model.index((i * 7919) % rows, i % columns)
        start = time.perf_counter()
        assert model.setData(index, f"{(i % 5) - 2.5:.3f}")
        app.processEvents()
        edits.append(time.perf_counter() - start)
        start = time.perf_counter()
        batch_curves(window.evaluation, panel.selected())
        sweeps.append(time.perf_counter() - start)
        start = time.perf_counter()
        panel.loss_plot.grab()
        panel.grad_plot.grab()
        paints.append(time.perf_counter() - start)
    markers = len(panel.loss_plot.marker_data()[0])
    window.hide()  # no close(): nothing to ask about unsaved edits
    window.deleteLater()
    app.processEvents()
    return {
        "loss": loss,
        "shape": f"{rows}x{columns}",
        "edit": statistics.median(edits[1:]),
        "curves": statistics.median(curves[1:]),
        "sweep": statistics.median(sweeps[1:]),
        "paint": statistics.median(paints[1:]),
        "markers": markers,
    }


def run(repeats: int = 9) -> list[dict[str, Any]]:
    """Every loss and size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return [
        measure(loss, rows, columns, repeats)
        for loss in LOSSES
        for rows, columns in SIZES
    ]


def table(rows: list[dict[str, Any]]) -> str:
    """Rows as a fixed-width text table (milliseconds)."""
    head = (
        f"{'loss':18} {'shape':>10} {'edit->views':>12} {'curves':>8} "
        f"{'sweep':>7} {'paint':>7} {'markers':>8}"
    )
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['loss']:18} {r['shape']:>10} {r['edit'] * 1e3:12.1f} "
            f"{r['curves'] * 1e3:8.1f} {r['sweep'] * 1e3:7.1f} "
            f"{r['paint'] * 1e3:7.1f} {r['markers']:8d}"
        )
    return "\n".join([*lines, "(milliseconds, medians; markers drawn per plot)"])


if __name__ == "__main__":
    print(table(run(int(sys.argv[1]) if len(sys.argv) > 1 else 9)))
