"""Scale: an ImageNet-validation-sized batch (50,000 x 1000 float32 logits).

Issue 16's budget for ``CrossEntropyLoss`` on 50,000 x 1000 float32 logits
with int64 labels (191 MiB of raw tensors), next to an 8 x 3 session in the
same run:

``open``
    File > Open of the ``.lossgui`` container in a shown window (1600x1000)
    until its evaluation is on screen; budget 2 s.
``edit``
    One cell edit -> every view updated (``setData`` to the end of
    ``processEvents``), the edited cell selected, with the Curves and with
    the Explain tab in front; median of repeated edits of different rows.
    Budget: at most 3x the 8 x 3 edit with the same tab in front.
``memory``
    Peak RSS from just before the open (the window built, every module
    imported; the kernel's peak counter reset) to the end of the edits,
    over the raw tensors; budget 3x.

Each size runs in its own offscreen subprocess, so the peak is its own.

    python -m tests.benchmarks.bench_scale [repeats] [--before DIR]

``--before DIR`` runs the same children with another revision's ``lossgui``
package first on the path (a checkout of it in ``DIR``), alternating before
and after for each size, and prints both columns.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

SIZES = ((8, 3), (50_000, 1000))
BUDGET = {"open_s": 2.0, "edit_ratio": 3.0, "memory_ratio": 3.0}

CHILD = r"""
import json, os, statistics, sys, time
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
path, rows, cols, repeats, folder = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]

def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDockWidget, QTableView
import lossgui.ui.file_session as file_session
from lossgui.ui.main_window import MainWindow

app = QApplication([])
file_session.ask_save_changes = lambda parent, name: "discard"
settings = QSettings(os.path.join(folder, "s.ini"), QSettings.Format.IniFormat)
settings.setValue("autosave/enabled", False)
window = MainWindow(settings=settings)
window.resize(1600, 1000)
window.show()
app.processEvents()
base = status("VmRSS:")
try:  # reset the peak (VmHWM) to the current RSS
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
except OSError:
    pass
start = time.perf_counter()
window.files.sessions.open_path(path)

def shown():
    ev = window.evaluation
    return ev is not None and ev.grid.shape[0] == rows and ev.loss == "CrossEntropyLoss"

while not shown():  # opening may finish in the background
    app.processEvents()
    time.sleep(0.002)
app.processEvents()
opened = time.perf_counter() - start
view = window.findChild(QTableView, "inputTable")
model = view.model()
edits = {}
for k, dock in enumerate(("CurvesDock", "ExplainDock")):
    window.findChild(QDockWidget, dock).raise_()
    app.processEvents()
    times = []
    for i in range(repeats + 1):
        index = model.index((i * 7919 + k) % rows, (i + k) % cols)
        view.setCurrentIndex(index)
        app.processEvents()
        text = f"{(i % 5) - 2.5 + 0.125 * k:.3f}"
        t = time.perf_counter()
        assert model.setData(index, text)
        app.processEvents()
        times.append(time.perf_counter() - t)
    edits[dock.removesuffix("Dock")] = statistics.median(times[1:])
print("RESULT " + json.dumps({"open_s": opened, "edit_s": edits,
      "peak_over_base": status("VmHWM:") - base}), flush=True)
window.controller.undo_stack.setClean()
os._exit(0)
"""


def write_session(path: Path, rows: int, columns: int) -> int:
    """A CrossEntropyLoss container of float32 logits; returns its raw bytes."""
    from lossgui.io.session_file import write_session as write
    from lossgui.session import new_document

    doc = new_document("CrossEntropyLoss")
    doc.resize(rows, columns)
    rng = np.random.default_rng(16)
    logits = rng.normal(0.0, 2.0, (rows, columns)).astype(np.float32)
    doc.tensors["input"] = logits.astype(np.float64)
    doc.tensors["target"] = rng.integers(0, columns, rows).astype(np.int64)
    doc.dtype = "float32"
    write(path.with_suffix(".lossgui"), doc)
    return logits.nbytes + doc.tensors["target"].nbytes


def _child(
    path: Path, rows: int, columns: int, repeats: int, code: str | None = None
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=folder)
        env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = folder
        if code is not None:  # another revision's lossgui first on the path
            env["PYTHONPATH"] = code
        out = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                str(path),
                str(rows),
                str(columns),
                str(repeats),
                folder,
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=folder,  # not the checkout: "-c" puts the working folder first
            check=True,
            timeout=900,
        ).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    result: dict[str, Any] = json.loads(line.removeprefix("RESULT "))
    return result


def run(repeats: int = 9, before: str | None = None) -> dict[str, Any]:
    """Open, edit and memory of each size, each in its own subprocess.

    With ``before`` (a checkout of another revision) each size runs with that
    revision first, then with this one; its results are under ``"before"``.
    """
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        for rows, columns in SIZES:
            path = Path(folder) / f"ce-{rows}x{columns}.lossgui"
            raw = write_session(path, rows, columns)
            key = f"{rows}x{columns}"
            if before is not None:
                old = _child(path, rows, columns, repeats, before)
                old["raw_bytes"] = raw
                out.setdefault("before", {})[key] = old
            result = _child(path, rows, columns, repeats)
            result["raw_bytes"] = raw
            out[key] = result
    return out


def table(result: dict[str, Any]) -> str:
    """The figures next to their budgets (and the other revision's, if run)."""
    lines = ["CrossEntropyLoss, float32 logits, int64 labels (offscreen, 1600x1000)"]
    runs = [("", result)]
    if "before" in result:
        runs = [("before: ", result["before"]), ("after:  ", result)]
    mib = 1024 * 1024
    for tag, r in runs:
        small, large = r["8x3"], r["50000x1000"]
        lines += [
            f"{tag + 'size':32} {'8 x 3':>10} {'50,000 x 1000':>14} {'budget':>10}",
            f"{tag + 'open (s)':32} {small['open_s']:10.2f} {large['open_s']:14.2f}"
            f" {BUDGET['open_s']:>10}",
        ]
        for front, small_edit in small["edit_s"].items():
            ratio = large["edit_s"][front] / small_edit
            lines.append(
                f"{tag + 'edit, ' + front + ' in front (ms)':32}"
                f" {small_edit * 1e3:10.1f} {large['edit_s'][front] * 1e3:14.1f}"
                f"   ratio {ratio:.1f} (<= {BUDGET['edit_ratio']})"
            )
        ratio = large["peak_over_base"] / large["raw_bytes"]
        lines.append(
            f"{tag + 'peak memory over base (MiB)':32}"
            f" {small['peak_over_base'] / mib:10.1f}"
            f" {large['peak_over_base'] / mib:14.1f}   {ratio:.2f}x the raw"
            f" {large['raw_bytes'] / mib:.0f} MiB (<= {BUDGET['memory_ratio']})"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> None:
    """``[repeats] [--before DIR]``."""
    before = None
    if "--before" in argv:
        at = argv.index("--before")
        before = argv[at + 1]
        argv = argv[:at] + argv[at + 2 :]
    print(table(run(int(argv[0]) if argv else 9, before)))


if __name__ == "__main__":
    main(sys.argv[1:])
