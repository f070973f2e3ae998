"""Load a script of the repository (``tools/*.py``, a test file) as a module.

The tools are scripts, not a package; tests that reuse their code load them
here, once per process. The module is put in ``sys.modules`` under ``name``
before it runs: dataclasses look their module up there.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


def load_module(name: str, path: Path) -> ModuleType:
    """The module ``name`` made from ``path`` (the same one on every call)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_tool(script: str) -> ModuleType:
    """``tools/<script>.py`` as the module ``_lossgui_<script>``."""
    return load_module(f"_lossgui_{script}", ROOT / "tools" / f"{script}.py")
