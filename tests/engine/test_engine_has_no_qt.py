"""The engine, session and io packages never import Qt or pyqtgraph.

Each package that exists, and every module inside it, is imported in a fresh
interpreter; afterwards ``sys.modules`` must hold no PySide6 / shiboken6 /
pyqtgraph (or PyQt) module. Packages that do not exist yet are skipped.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest

QT_FREE = ("lossgui.engine", "lossgui.session", "lossgui.io")
FORBIDDEN = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6")

PROBE = """
import importlib, json, pkgutil, sys
root = importlib.import_module(sys.argv[1])
imported = [root.__name__]
for info in pkgutil.walk_packages(getattr(root, "__path__", []), root.__name__ + "."):
    importlib.import_module(info.name)
    imported.append(info.name)
forbidden = tuple(sys.argv[2].split(","))
loaded = sorted(m for m in sys.modules if m.split(".")[0] in forbidden)
print(json.dumps({"imported": imported, "qt": loaded}))
"""


def _exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize("package", QT_FREE)
def test_package_imports_without_qt(package: str) -> None:
    if not _exists(package):
        pytest.skip(f"{package} does not exist (yet)")
    done = subprocess.run(
        [sys.executable, "-c", PROBE, package, ",".join(FORBIDDEN)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["imported"][0] == package
    assert report["qt"] == [], (
        f"importing {package} (modules {report['imported']}) loaded {report['qt']}"
    )


def test_the_engine_is_checked() -> None:
    assert _exists("lossgui.engine")
