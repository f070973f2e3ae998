"""Long work off the GUI thread: how long the window stops answering.

A 50,000 x 1000 CrossEntropyLoss window (float32) measures the longest gap
between the ticks of a 5 ms timer (the event loop's longest stall) while

``evaluate``
    a reduction switch re-evaluates the whole batch, until the new result is
    shown;
``open``
    File > Open reads that batch's ``.lossgui`` container (and evaluates it),
    until it is shown;
``save``
    File > Save writes the container.

Each is run with the worker thread (``background``) and with the thresholds
raised so everything runs in the GUI thread (``GUI thread``, as before
:mod:`lossgui.ui.background`), alternating, in one offscreen process. Run:
``python -m tests.benchmarks.bench_background [rows] [columns]``.
"""

from __future__ import annotations

import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROUNDS = 3
TICK_MS = 5


def _document(rows: int, columns: int) -> Any:
    from lossgui.session import startup_document, switch_loss

    doc = switch_loss(startup_document(), "CrossEntropyLoss")
    doc.set_setting("dtype", "float32")
    doc.resize(rows, columns)
    rng = np.random.default_rng(3)
    doc.tensors["input"][...] = rng.normal(0, 2, size=(rows, columns))
    doc.tensors["target"][...] = rng.integers(0, columns, size=rows)
    return doc


def _longest_stall(
    app: Any, start: Callable[[], None], done: Callable[[], bool]
) -> float:
    """Seconds of the longest event-loop stall from ``start()`` until ``done()``."""
    from PySide6.QtCore import QTimer

    ticks = [time.perf_counter()]
    timer = QTimer()
    timer.setInterval(TICK_MS)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    app.processEvents()
    start()
    ticks.append(time.perf_counter())
    while not done():
        app.processEvents()
        time.sleep(0.001)
    app.processEvents()
    ticks.append(time.perf_counter())
    timer.stop()
    return max(b - a for a, b in itertools.pairwise(ticks))


def main(rows: int = 50_000, columns: int = 1000) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from lossgui.io.session_file import write_session
    from lossgui.ui import background
    from lossgui.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    folder = tempfile.mkdtemp(prefix="lossgui-bench-")
    settings = QSettings(f"{folder}/settings.ini", QSettings.Format.IniFormat)
    doc = _document(rows, columns)
    path = Path(folder) / "batch.lossgui"
    write_session(path, doc)
    window = MainWindow(document=doc, settings=settings)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    defaults = (
        background.EVALUATION_VALUES,
        background.BACKGROUND_BYTES,
        background.BACKGROUND_VALUES,
    )
    huge = 1 << 62

    def mode(worker: bool) -> None:
        values = defaults if worker else (huge, huge, huge)
        (
            background.EVALUATION_VALUES,
            background.BACKGROUND_BYTES,
            background.BACKGROUND_VALUES,
        ) = values

    results: dict[tuple[str, str], list[float]] = {}
    idle = lambda: not window.background.busy  # noqa: E731
    for _ in range(ROUNDS):
        for worker in (False, True):
            mode(worker)
            name = "background" if worker else "GUI thread"
            current = window.controller.document.setting("reduction")
            value = "sum" if current == "mean" else "mean"
            stall = _longest_stall(
                app,
                lambda v=value: window.controller.set_setting("reduction", v),
                lambda v=value: idle() and window.evaluation.reduction == v,
            )
            results.setdefault(("evaluate", name), []).append(stall)
            stall = _longest_stall(
                app, lambda: window.files.sessions.open_path(path, fresh=True), idle
            )
            results.setdefault(("open", name), []).append(stall)
            stall = _longest_stall(
                app,
                lambda: window.files.sessions.save_to(Path(folder) / "saved.lossgui"),
                idle,
            )
            results.setdefault(("save", name), []).append(stall)
    mode(True)
    print(f"longest event-loop stall, {rows:,} x {columns:,} CrossEntropyLoss float32")
    print(f"{'job':10} {'GUI thread':>22} {'background':>22}")
    for job in ("evaluate", "open", "save"):
        cells = []
        for name in ("GUI thread", "background"):
            runs = results[(job, name)]
            cells.append(
                f"{min(runs) * 1000:8.0f} / {statistics.median(runs) * 1000:6.0f} ms"
            )
        print(f"{job:10} {cells[0]:>22} {cells[1]:>22}")
    print("(fastest / median of", ROUNDS, "alternating runs)")
    window.files.sessions.history.mark_current_saved()
    window.close()


if __name__ == "__main__":
    main(*(int(a) for a in sys.argv[1:3]))
