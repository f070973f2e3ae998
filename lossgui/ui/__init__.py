"""The Qt user interface: the only package that imports PySide6 and pyqtgraph.

PySide6 is imported here, before anything can import pyqtgraph, so pyqtgraph
always binds to PySide6 (it would otherwise pick the first binding it finds).
"""

from __future__ import annotations

import PySide6.QtCore  # noqa: F401  (binds pyqtgraph to PySide6; keep first)
