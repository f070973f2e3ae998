"""Per-loss edits: one cell edit -> every view updated, for every loss and dock tab.

Every loss of :data:`lossgui.engine.registry.LOSSES` with its example
document resized to 1,000 x 10 (the example's values repeated along each
axis, so the batch keeps the example's mix of targets), each tab of the
panel area in front in turn (Curves, Explain, Compare losses, Example,
whatever tabs exist), then each panel that starts hidden (Hardest samples)
shown beside the tabs with the default tab (Example) in front. An edit is ``model.setData`` on a
cell of the first tensor's grid up to the end of
``QApplication.processEvents()``, the edited cell selected first (as a user
selects before typing); the new value is one of the example's own values,
so it stays inside the input's domain. Medians of repeated edits in one
process, offscreen, window 1400 x 900.

    uv run python -m tests.benchmarks edits
    uv run python -m tests.benchmarks.bench_edits CrossEntropyLoss BCELoss
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from typing import Any

import numpy as np

ROWS, COLUMNS = 1_000, 10
#: The budget of one edit at up to 1,000 x 10 (a frame at 60 Hz).
FRAME_MS = 16.0


def _tiled(array: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``array`` repeated along each axis up to ``shape`` (same ndim)."""
    out = array
    for axis, size in enumerate(shape):
        if out.shape[axis] == 0:
            return np.resize(array, shape)
        out = np.take(out, np.arange(size) % out.shape[axis], axis=axis)
    return out


def document(loss: str, rows: int = ROWS, columns: int = COLUMNS) -> Any:
    """``loss``'s example resized to ``rows x columns``, its values repeated."""
    from lossgui.session import new_document

    doc = new_document(loss)
    before = {name: np.array(a, copy=True) for name, a in doc.tensors.items()}
    doc.resize(rows, columns)
    for name, array in doc.tensors.items():
        old = before.get(name)
        if old is None or old.shape == array.shape or old.size == 0:
            continue
        if old.ndim == array.ndim:
            array[...] = _tiled(old, array.shape)
        elif old.ndim == 1:  # a vector shown as a grid: fill row by row
            array[...] = np.resize(old, array.shape)
    return doc


def _edit_values(doc: Any) -> list[float]:
    """Values to type into the first grid: the example's own, and midpoints."""
    values = np.unique(np.asarray(doc.tensors[doc.first_name], dtype=np.float64))
    values = values[np.isfinite(values)]
    middles = (values[1:] + values[:-1]) / 2
    return sorted({*values.tolist(), *middles.tolist()}) or [0.5]


def _cases(window: Any) -> list[tuple[str, Any, bool]]:
    """``(name, dock, shown_beside)``: every tab of the panel area (by name),
    then each hidden panel dock (Hardest samples) to be shown beside them."""
    from PySide6.QtWidgets import QDockWidget

    docks = sorted(window.findChildren(QDockWidget), key=lambda d: d.objectName())
    tabs = [d for d in docks if d.isVisible() and window.tabifiedDockWidgets(d)]
    hidden = [d for d in docks if not d.isVisible()]
    return [(d.objectName(), d, False) for d in tabs] + [
        (d.objectName(), d, True) for d in hidden
    ]


def _front(window: Any) -> Any:
    """The panel tab in front now (None if the panels are not tabs)."""
    from PySide6.QtWidgets import QDockWidget

    for dock in window.findChildren(QDockWidget):
        if window.tabifiedDockWidgets(dock) and not dock.visibleRegion().isEmpty():
            return dock
    return None


def run(
    losses: list[str] | None = None, repeats: int = 9, docks: list[str] | None = None
) -> list[dict[str, Any]]:
    """Median seconds per edit for each loss and dock tab in front."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QTableView

    import lossgui.ui.file_session as file_session
    from lossgui.engine.registry import LOSSES
    from lossgui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    file_session.ask_save_changes = lambda parent, name: "discard"
    folder = tempfile.mkdtemp(prefix="lossgui-bench-")
    settings = QSettings(
        os.path.join(folder, "settings.ini"), QSettings.Format.IniFormat
    )
    out = []
    for loss in losses or list(LOSSES):
        doc = document(loss)
        window = MainWindow(document=doc, settings=settings)
        window.resize(1400, 900)
        window.show()
        app.processEvents()
        view = window.findChild(QTableView, "inputTable")
        model = view.model()
        rows, columns = model.rowCount(), model.columnCount()
        values = _edit_values(window.controller.document)
        default = _front(window)
        for name, dock, beside in _cases(window):
            if docks and name not in docks:
                continue
            if beside:  # beside the tabs, the default tab in front
                dock.toggleViewAction().trigger()
                if default is not None:
                    default.raise_()
            dock.raise_()
            app.processEvents()
            times = []
            for i in range(repeats + 1):
                index = model.index((i * 7919) % rows, (i * 3) % columns)
                view.setCurrentIndex(index)  # the explain panel follows it
                app.processEvents()
                current = index.data()
                text = f"{values[i % len(values)]:.6g}"
                if text == current:
                    text = f"{values[(i + 1) % len(values)]:.6g}"
                start = time.perf_counter()
                model.setData(index, text)
                app.processEvents()
                times.append(time.perf_counter() - start)
            out.append(
                {
                    "loss": loss,
                    "shape": f"{rows}x{columns}",
                    "front": name.removesuffix("Dock"),
                    "median": statistics.median(times[1:]),
                    "max": max(times[1:]),
                }
            )
            if beside:
                dock.toggleViewAction().trigger()
        window.controller.undo_stack.setClean()
        window.close()
        window.deleteLater()
        app.processEvents()
    return out


def table(rows: list[dict[str, Any]]) -> str:
    """Rows as a fixed-width text table (``*`` over the frame budget)."""
    lines = [
        f"{'loss':30} {'shape':>9} {'tab in front':>15} {'median ms':>10} {'max ms':>8}"
    ]
    for r in rows:
        ms = r["median"] * 1e3
        flag = " *" if ms > FRAME_MS else ""
        lines.append(
            f"{r['loss']:30} {r['shape']:>9} {r['front']:>15} {ms:10.1f} "
            f"{r['max'] * 1e3:8.1f}{flag}"
        )
    over = sum(r["median"] * 1e3 > FRAME_MS for r in rows)
    lines.append(f"{over} of {len(rows)} over {FRAME_MS:g} ms (*)")
    return "\n".join(lines)


if __name__ == "__main__":
    print(table(run(sys.argv[1:] or None)))
