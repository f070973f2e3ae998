"""Putting the curve panel into the main window and linking it to the grids.

:func:`install_curves` docks a :class:`CurvesPanel` (as a view, so it gets
every evaluation) and keeps its selection in step with the grids: moving the
current cell of any row-aligned grid (logits, target, weight, results)
selects that element's markers, and clicking a marker makes its cell current
in the logits grid.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt

from lossgui.ui.plots.panel import CurvesPanel

__all__ = ["CurveSelectionLink", "install_curves"]

_LINKED = "lossgui_curves_linked"


class CurveSelectionLink(QObject):
    """Two-way link between the grids' current cell and the panel's selection."""

    def __init__(self, window, panel: CurvesPanel):
        super().__init__(panel)
        self._window = window
        self._panel = panel
        panel.elementPicked.connect(self.select_in_grid)
        window.controller.changed.connect(lambda *_: self.link_views())
        self.link_views()

    def _views(self) -> list:
        return [*self._window.tensor_panel.views(), self._window.result_editor.view]

    def link_views(self) -> None:
        """Follow the current cell of every grid that does not yet report it."""
        for view in self._views():
            selection = view.selectionModel()
            if selection is None or view.property(_LINKED) is selection:
                continue
            view.setProperty(_LINKED, selection)
            selection.currentChanged.connect(
                lambda current, _previous, v=view: self._on_current(v, current)
            )

    def _column(self, view, index: QModelIndex) -> int | None:
        """The logits-grid column of ``index`` in ``view`` (None: not per column)."""
        model = view.model()
        if view is self._window.result_editor.view:
            return model.column(index.column()).index
        name = getattr(model, "name", None)
        doc = self._window.controller.document
        try:
            role = doc.slot(name).role
        except KeyError:
            return None
        if role == "rows":
            return self._panel.selected()[1]
        return index.column() if role == "grid" else None

    def _on_current(self, view, current: QModelIndex) -> None:
        if not current.isValid():
            return
        column = self._column(view, current)
        if column is not None:
            self._panel.set_selected(current.row(), column)

    def select_in_grid(self, row: int, column: int) -> None:
        """Make ``(row, column)`` the current cell of the logits grid."""
        views = self._window.tensor_panel.views()
        if not views:
            return
        view = views[0]
        model = view.model()
        if not (0 <= row < model.rowCount() and 0 <= column < model.columnCount()):
            return
        index = model.index(row, column)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)
        view.setFocus(Qt.FocusReason.OtherFocusReason)


def install_curves(window) -> CurvesPanel:
    """Dock the curve panel in ``window`` (right of the grids) and link it.

    Returns
    -------
    CurvesPanel
        The panel (also reachable as ``window.findChild(CurvesPanel)``).
    """
    panel = CurvesPanel()
    dock = window.add_dock_view(panel, "Curves")
    # behind another dock tab the panel stays "visible" to Qt: catch up on switches
    dock.visibilityChanged.connect(panel.on_visibility)
    dock.setMinimumWidth(360)
    window.resizeDocks([dock], [470], Qt.Orientation.Horizontal)
    panel.message.connect(window.show_message)
    panel.link = CurveSelectionLink(window, panel)
    return panel
