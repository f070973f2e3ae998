"""Putting the curve panel into the main window and linking it to the selection.

:func:`install_curves` docks a :class:`CurvesPanel` (as a view, so it gets
every evaluation) and ties its marker highlight to the window's one
:class:`~lossgui.ui.element_tracker.ElementTracker`: the element selected in
any grid is highlighted, and clicking a marker selects that element
everywhere (its cell becomes current in the logits grid).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt

from lossgui.ui.element_tracker import ElementTracker
from lossgui.ui.plots.panel import CurvesPanel

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["CurveSelectionLink", "install_curves"]


class CurveSelectionLink(QObject):
    """Two-way link between the window's selected element and the panel."""

    def __init__(self, window: MainWindow, panel: CurvesPanel) -> None:
        super().__init__(panel)
        self.tracker = ElementTracker.for_window(window)
        self.tracker.elementChanged.connect(panel.set_selected)
        panel.elementPicked.connect(self.tracker.select)
        panel.set_selected(*self.tracker.element)


def install_curves(window: MainWindow) -> CurvesPanel:
    """Dock the curve panel in ``window`` (right of the grids) and link it.

    Returns
    -------
    CurvesPanel
        The panel (also reachable as ``window.findChild(CurvesPanel)``).
    """
    panel = CurvesPanel()
    dock = window.add_dock_view(
        panel, QCoreApplication.translate("CurvesPanel", "Curves"), name="Curves"
    )
    # behind another dock tab the panel stays "visible" to Qt: catch up on switches
    dock.visibilityChanged.connect(panel.on_visibility)
    dock.setMinimumWidth(360)
    window.resizeDocks([dock], [470], Qt.Orientation.Horizontal)
    panel.message.connect(window.show_message)
    panel.link = CurveSelectionLink(window, panel)
    return panel
