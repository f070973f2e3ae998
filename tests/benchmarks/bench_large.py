"""Large data: reading, importing, ranking and opening a million samples.

Wall-clock numbers that used to be asserts in the tests (which now check
only what happens, not how fast): each stage's median over a few runs in
one offscreen process, next to the budget it is meant to stay within.

``read CSV``
    :func:`lossgui.io.arrays.load_arrays` on a 1,000,000-row ``logit,label``
    CSV (the chunked reader, no Qt).
``import CSV``
    File > Import of that file in a window: read with progress, assign
    (``logit`` -> input, ``label`` -> target), evaluate, show.
``hardest order``
    :func:`lossgui.session.hardest.hardest_order` of 1,000,000 losses.
``hardest refresh``
    The hardest-samples panel re-ranking the imported million.
``open 1,000,000x1`` / ``open 100,000x10``
    A window built on such a document, shown, scrolled to the bottom, one
    cell edited and the edit undone.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from tests.benchmarks.timing import median_seconds

ROWS = 1_000_000

#: The budget of each stage in seconds (the bounds the tests used to assert).
BUDGETS = {
    "read CSV": 10.0,
    "import CSV": 20.0,
    "hardest order": 1.0,
    "hardest refresh": 2.0,
    "open 1,000,000x1": 20.0,
    "open 100,000x10": 20.0,
}


def write_csv(folder: str) -> Path:
    """A 1,000,000-row ``logit,label`` CSV, as a model's outputs would be saved."""
    rng = np.random.default_rng(7)
    logits = np.round(rng.normal(0, 3, size=ROWS), 4)
    labels = (rng.random(ROWS) < 0.5).astype(int)
    path = Path(folder) / "preds.csv"
    path.write_text(
        "logit,label\n"
        + "\n".join(
            f"{z},{y}" for z, y in zip(logits.tolist(), labels.tolist(), strict=True)
        )
    )
    return path


def _big_document(rows: int, columns: int) -> Any:
    from lossgui.session import startup_document

    doc = startup_document()
    doc.resize(rows, columns)
    doc.tensors["input"][...] = np.linspace(-3, 3, doc.tensors["input"].size).reshape(
        doc.tensors["input"].shape
    )
    return doc


def run(repeats: int = 3) -> dict[str, float]:
    """Median seconds of each stage (see the module docstring)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTableView

    import lossgui.ui.file_session as file_session
    from lossgui.io.arrays import load_arrays
    from lossgui.session.hardest import hardest_order
    from lossgui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    file_session.ask_save_changes = lambda parent, name: "discard"
    folder = tempfile.mkdtemp(prefix="lossgui-bench-large-")
    settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
    settings.setValue("autosave/enabled", False)
    path = write_csv(folder)
    result = {"read CSV": median_seconds(lambda: load_arrays(path), repeats)}
    losses = np.random.default_rng(0).random(ROWS)
    result["hardest order"] = median_seconds(lambda: hardest_order(losses), repeats)

    def close(window: Any) -> None:
        window.controller.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()

    imports, refreshes = [], []
    for _ in range(repeats):
        window = MainWindow(settings=settings)
        window.show()
        app.processEvents()
        start = time.perf_counter()
        assert window.files.importer.import_file(path)
        app.processEvents()
        imports.append(time.perf_counter() - start)
        refreshes.append(median_seconds(window.files.hardest.refresh, 1))
        close(window)
    result["import CSV"] = statistics.median(imports)
    result["hardest refresh"] = statistics.median(refreshes)

    for rows, columns in ((ROWS, 1), (100_000, 10)):
        times = []
        for _ in range(repeats):
            doc = _big_document(rows, columns)
            start = time.perf_counter()
            window = MainWindow(document=doc, settings=settings)
            window.show()
            view = window.findChild(QTableView, "inputTable")
            view.scrollToBottom()
            app.processEvents()
            model = view.model()
            assert model.setData(model.index(rows - 1, columns - 1), "5")
            window.controller.undo_stack.undo()
            app.processEvents()
            times.append(time.perf_counter() - start)
            close(window)
        result[f"open {rows:,}x{columns}"] = statistics.median(times)
    return result


def table(result: dict[str, float]) -> str:
    """Stages as text lines: median seconds against their budget."""
    lines = [f"{'stage':18} {'median s':>9} {'budget s':>9}"]
    for stage, seconds in result.items():
        budget = BUDGETS[stage]
        over = "  OVER BUDGET" if seconds > budget else ""
        lines.append(f"{stage:18} {seconds:9.2f} {budget:9.1f}{over}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run(int(sys.argv[1]) if len(sys.argv) > 1 else 3)))
