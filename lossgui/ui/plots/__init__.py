"""Loss and gradient curves: the ``lossPlot``/``gradPlot`` panel and its parts.

``install_curves(window)`` docks a :class:`CurvesPanel` in the main window.
"""

from __future__ import annotations

from lossgui.ui.plots.panel import CurvesPanel
from lossgui.ui.plots.wiring import install_curves

__all__ = ["CurvesPanel", "install_curves"]
