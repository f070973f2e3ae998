"""lossgui: a desktop loss explorer that computes PyTorch's losses exactly.

Packages: :mod:`lossgui.engine` (NumPy loss engine), :mod:`lossgui.session`
(the document), :mod:`lossgui.io` (files and text) — none of them import Qt —
and :mod:`lossgui.ui` (the PySide6 / pyqtgraph window).

From training code: :func:`lossgui.show` opens the window on one loss call,
:func:`lossgui.save` writes it to a session file without Qt (see
:mod:`lossgui.api`). They are loaded on first use, so ``import lossgui``
stays cheap and imports neither NumPy nor Qt.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing would cost ~10 ms
if TYPE_CHECKING:
    from typing import Any

    from lossgui.api import save, show

__version__ = "0.1.0"
__all__ = ["__version__", "save", "show"]


def __getattr__(name: str) -> Any:
    """``lossgui.show`` and ``lossgui.save``, imported when first used."""
    if name in ("show", "save"):
        from lossgui import api

        return getattr(api, name)
    raise AttributeError(f"module 'lossgui' has no attribute {name!r}")
