"""Start-up and memory, each in a fresh subprocess (offscreen).

Start-up: from launching ``python`` to the first paint event of the main
window, for lossgui's window (``MainWindow`` as ``lossgui`` builds it) and for
a bare PySide6 + pyqtgraph window (a ``QMainWindow`` holding one
``PlotWidget``) started the same way. Median of several launches.

Memory: peak RSS (``ru_maxrss``) of the bare window, of lossgui's default
window, and of lossgui with a 1,000,000-element session (1,000,000 x 1
BCEWithLogitsLoss logits) loaded and evaluated.

Launches are warm, as a user's second start of an installed app: bytecode
caches are allowed (``PYTHONDONTWRITEBYTECODE`` is dropped; the caches go
to a temporary ``PYTHONPYCACHEPREFIX``) and one unmeasured launch of each
kind fills them first. Without caches every launch compiles every module
of numpy, PySide6's Python parts, pyqtgraph and lossgui from source.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from typing import Any

CHILD = r"""
import os, sys, time, resource
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
kind, rows = sys.argv[1], int(sys.argv[2])
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])

class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"painted {time.time():.6f}", flush=True)
            app.removeEventFilter(self)
            QTimer.singleShot(0, app.quit)
        return False

if kind == "bare":
    import pyqtgraph as pg
    from PySide6.QtWidgets import QMainWindow
    window = QMainWindow()
    window.setCentralWidget(pg.PlotWidget())
else:
    from lossgui.ui.main_window import MainWindow
    doc = None
    if rows:
        import numpy as np
        from lossgui.session import startup_document
        doc = startup_document()
        doc.resize(rows, 1)
        doc.tensors["input"][...] = np.linspace(-3, 3, rows).reshape(doc.tensors["input"].shape)
    settings = QSettings(os.path.join(sys.argv[3], "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(document=doc, settings=settings)
    window.settings.setValue("autosave/enabled", False)
watcher = FirstPaint()
app.installEventFilter(watcher)
window.resize(1200, 800)
window.show()
app.exec()
# VmHWM, not ru_maxrss: the latter survives exec() from a bigger parent
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")]
kb = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(f"maxrss_kb {kb}", flush=True)
os._exit(0)
"""


_PYCACHE = tempfile.mkdtemp(prefix="lossgui-bench-pycache-")


def _launch(kind: str, rows: int = 0) -> tuple[float, int]:
    """(seconds from launch to first paint, peak RSS in bytes)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=_PYCACHE)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as folder:
        env["HOME"] = folder  # no user settings, no autosave recovery
        env["XDG_CONFIG_HOME"] = folder
        env["XDG_DATA_HOME"] = folder
        start = time.time()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, kind, str(rows), folder],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            timeout=120,
        ).stdout
    painted = rss = None
    for line in out.splitlines():
        if line.startswith("painted "):
            painted = float(line.split()[1])
        if line.startswith("maxrss_kb "):
            rss = int(line.split()[1]) * 1024
    assert painted is not None and rss is not None, out
    return painted - start, rss


def run(repeats: int = 7) -> dict[str, Any]:
    """Median start-up times and peak RSS of each kind of window."""
    result: dict[str, Any] = {}
    for kind in ("bare", "lossgui"):
        _launch(kind)  # fills the bytecode caches
    times: dict[str, list[float]] = {"bare": [], "lossgui": []}
    for _ in range(repeats):  # interleaved: load changes hit both kinds alike
        for kind in ("bare", "lossgui"):
            t, rss = _launch(kind)
            times[kind].append(t)
            result[f"rss_{kind}"] = rss
    for kind, values in times.items():
        result[f"startup_{kind}"] = statistics.median(values)
    rsss = [_launch("lossgui", 1_000_000)[1] for _ in range(3)]
    result["rss_lossgui_1M"] = statistics.median(rsss)
    return result


def table(r: dict[str, Any]) -> str:
    """Start-up and memory as text lines."""
    mib = 1024 * 1024
    raw = 2 * 1_000_000 * 4  # the session's float32 logits and targets
    extra = r["rss_lossgui_1M"] - r["rss_bare"]
    own = r["rss_lossgui_1M"] - r["rss_lossgui"]
    return "\n".join(
        [
            f"start-up bare PySide6+pyqtgraph window  {r['startup_bare'] * 1e3:8.0f} ms",
            f"start-up lossgui window                 {r['startup_lossgui'] * 1e3:8.0f} ms"
            f"   ratio {r['startup_lossgui'] / r['startup_bare']:.2f}",
            f"peak RSS bare window                    {r['rss_bare'] / mib:8.1f} MiB",
            f"peak RSS lossgui default window         {r['rss_lossgui'] / mib:8.1f} MiB",
            f"peak RSS lossgui, 1,000,000 elements    {r['rss_lossgui_1M'] / mib:8.1f} MiB"
            f"   above bare: {extra / mib:.1f} MiB = {extra / raw:.1f}x the raw"
            f" float32 tensors (logits + targets, 8 MB); above lossgui's own window:"
            f" {own / mib:.1f} MiB = {own / raw:.1f}x",
        ]
    )


if __name__ == "__main__":
    print(table(run()))
