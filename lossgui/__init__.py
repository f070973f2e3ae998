"""lossgui: a desktop loss explorer that computes PyTorch's losses exactly.

Packages: :mod:`lossgui.engine` (NumPy loss engine), :mod:`lossgui.session`
(the document), :mod:`lossgui.io` (files and text) — none of them import Qt —
and :mod:`lossgui.ui` (the PySide6 / pyqtgraph window).
"""

from __future__ import annotations

__version__ = "0.1.0"
