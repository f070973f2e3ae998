"""Interaction: one cell edit -> every view of the window updated.

Times ``model.setData(index, text)`` on the logits grid up to the end of
``QApplication.processEvents()``: the undo command, the one recompute slot
(engine + receipt), and every view the window has registered (results grid,
reduced value, receipt, curves, explain panels, ...), whatever views exist,
plus the repaint of the visible cells. Medians of repeated edits in one
process, offscreen, at 8x3, 1,000x10 and 100,000x10 logits, once with the
Curves tab in front and once with the Explain tab in front (the docks share
one tab area; a view behind another tab does not compute).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from typing import Any

import numpy as np

SIZES = ((8, 3), (1_000, 10), (100_000, 10))
LOSSES = ("BCEWithLogitsLoss", "CrossEntropyLoss")
DOCKS = ("CurvesDock", "ExplainDock")


def _document(loss: str, rows: int, columns: int):
    from lossgui.session import startup_document, switch_loss

    doc = startup_document()
    if loss != doc.loss:
        doc = switch_loss(doc, loss) or doc
    doc.resize(rows, columns)
    first = doc.first_name
    doc.tensors[first][...] = np.linspace(-3, 3, doc.tensors[first].size).reshape(
        doc.tensors[first].shape
    )
    return doc


def run(repeats: int = 15) -> list[dict[str, Any]]:
    """Median seconds per edit for each loss and size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QDockWidget, QTableView

    import lossgui.ui.file_session as file_session
    from lossgui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    file_session.ask_save_changes = lambda parent, name: "discard"
    folder = tempfile.mkdtemp(prefix="lossgui-bench-")
    rows_out = []
    for loss in LOSSES:
        for rows, columns in SIZES:
            for dock in DOCKS:
                settings = QSettings(
                    os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat
                )
                window = MainWindow(
                    document=_document(loss, rows, columns), settings=settings
                )
                window.resize(1400, 900)
                window.show()
                window.findChild(QDockWidget, dock).raise_()
                app.processEvents()
                view = window.findChild(QTableView, "inputTable")
                model = view.model()
                times = []
                for i in range(repeats + 1):
                    index = model.index((i * 7919) % rows, i % columns)
                    view.setCurrentIndex(index)  # the explain panel follows it
                    app.processEvents()
                    text = f"{(i % 5) - 2.5:.3f}"
                    start = time.perf_counter()
                    assert model.setData(index, text)
                    app.processEvents()
                    times.append(time.perf_counter() - start)
                window.controller.undo_stack.setClean()
                window.close()
                window.deleteLater()
                app.processEvents()
                rows_out.append(
                    {
                        "loss": loss,
                        "shape": f"{rows}x{columns}",
                        "front": dock.removesuffix("Dock"),
                        "median": statistics.median(times[1:]),
                    }
                )
    return rows_out


def table(rows: list[dict[str, Any]]) -> str:
    """Rows as a fixed-width text table."""
    lines = [f"{'loss':20} {'shape':>10} {'tab in front':>13} {'edit->views ms':>15}"]
    for r in rows:
        lines.append(
            f"{r['loss']:20} {r['shape']:>10} {r['front']:>13} "
            f"{r['median'] * 1e3:15.1f}"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run()))
