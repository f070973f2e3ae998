"""``WindowLayout``: where the panels go at each window size.

The per-element results are the star, so the grids get their width first:

- the controls dock stays on the left at its compact width, full height;
- the panels that explain the numbers (Curves, Explain, Compare losses, ...)
  are tabs on the right when the window is wide enough to keep the grids
  whole beside them (:data:`WIDE_WIDTH`), and under the grids otherwise,
  where the curves lie side by side;
- the grids sit beside or under each other (:class:`~lossgui.ui.grid_area.GridArea`).

Every resize (restore, maximise, a drag of the window edge) re-applies the
rules, so space that comes back goes to the grids. Once the user drags a
panel somewhere else by hand, the panels stay where the user put them
(View > Arrange panels automatically brings the rules back).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar

from lossgui.ui.precision import precision_signals
from lossgui.ui.table_views import SCROLL_ROWS

__all__ = ["WIDE_WIDTH", "WindowLayout"]

#: From this window width on, the panels go right of the grids.
WIDE_WIDTH = 1600
#: The controls dock's width: the loss selector and its parameters, compact.
CONTROLS_WIDTH = 258
#: The panels' share of a wide window, and their narrowest and widest.
RIGHT_SHARE = 0.42
RIGHT_MIN = 480
#: The panels' tab bar and title, beside the height given to resizeDocks.
PANEL_CHROME = 30
#: The height left to panels under the grids: at least this, at most a share.
BOTTOM_MIN = 250
BOTTOM_SHARE = 0.62
#: Rows of the grids kept in view when the panels are under the grids.
PANEL_ROWS = 5
#: Rows of the inputs kept in view when the results go under them.
INPUT_ROWS_SHOWN = 8
_AREAS = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)


class WindowLayout(QObject):
    """Applies the layout rules to ``window`` now and after every resize.

    Parameters
    ----------
    window : MainWindow
        Its ``controls_dock``, ``grid_area``, ``tensor_panel`` and
        ``result_editor`` are arranged; every other dock is a panel tab.
    """

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window
        self._order: list[QDockWidget] = []
        self._moving = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.apply)
        window.setCorner(
            Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        window.setCorner(Qt.Corner.TopLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks
            | QMainWindow.DockOption.AllowTabbedDocks
            | QMainWindow.DockOption.GroupedDragging
        )
        self.auto_action = QAction("Arrange panels &automatically", window)
        self.auto_action.setObjectName("autoLayoutAction")
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(True)
        self.auto_action.setToolTip(
            "Keep every grid column in view: panels go right of the grids in a "
            "wide window and under them in a narrow one."
        )
        self.auto_action.toggled.connect(self._on_auto_toggled)
        window.installEventFilter(self)
        precision_signals().changed.connect(self._on_precision_changed)

    # ------------------------------------------------------------------ state
    @property
    def automatic(self) -> bool:
        """Whether the panels follow the window's width."""
        return self.auto_action.isChecked()

    def panel_docks(self) -> list[QDockWidget]:
        """The docks that are panel tabs (every dock but the controls), in order."""
        others = [
            dock
            for dock in self.window.findChildren(QDockWidget)
            if dock is not self.window.controls_dock
            and dock.parent() is self.window
            and dock not in self._order
        ]
        return [*self._order, *others]

    def watch(self, dock: QDockWidget) -> None:
        """Keep ``dock`` among the panels, in order; notice when the user moves it."""
        self._order.append(dock)
        dock.dockLocationChanged.connect(self._on_dock_moved)
        dock.topLevelChanged.connect(self._on_dock_floated)

    def schedule(self) -> None:
        """Re-apply the rules once control returns to the event loop."""
        self._timer.start()

    # ----------------------------------------------------------------- events
    def eventFilter(self, watched, event):
        """Qt: re-apply the rules after the window is resized or shown."""
        if watched is self.window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.WindowStateChange,
        ):
            self.schedule()
        return False

    def _on_dock_moved(self, area: Qt.DockWidgetArea) -> None:
        if not self._moving and self.window.isVisible():
            wanted = self._panel_area()
            if area != wanted:
                self.auto_action.setChecked(False)

    def _on_dock_floated(self, floating: bool) -> None:
        if floating and not self._moving:
            self.auto_action.setChecked(False)

    def _on_precision_changed(self, _digits: int) -> None:
        """Numbers got shorter or longer: size every grid's columns anew."""
        for view in self.window.grid_views():
            view.fit_columns()
        self.schedule()

    def _on_auto_toggled(self, on: bool) -> None:
        if on:
            self.apply()

    # ------------------------------------------------------------------ rules
    def _panel_area(self) -> Qt.DockWidgetArea:
        if self.window.width() >= WIDE_WIDTH:
            return Qt.DockWidgetArea.RightDockWidgetArea
        return Qt.DockWidgetArea.BottomDockWidgetArea

    def apply(self) -> None:
        """Place the panels and size the grids for the window's current size."""
        window = self.window
        self.arrange_grids()
        if self.automatic and self._place_panels(self._panel_area()):
            # sizes are right only once the moved docks are laid out: size again
            self.schedule()
        for dock in self.panel_docks():
            orient = getattr(dock.widget(), "set_plots_side_by_side", None)
            if orient is not None:
                bottom = window.dockWidgetArea(dock) == _AREAS[1]
                orient(bottom and not dock.isFloating())
        self._size_docks()
        self.arrange_grids()

    def _place_panels(self, area: Qt.DockWidgetArea) -> bool:
        """Move the visible panel docks, as tabs, to ``area``; True if any moved."""
        docks = [d for d in self.panel_docks() if not d.isHidden()]
        if not docks or all(
            self.window.dockWidgetArea(d) == area and not d.isFloating() for d in docks
        ):
            return False
        front = self._front_dock(docks)
        self._moving = True
        try:
            for dock in docks:
                dock.setFloating(False)
            first = docks[0]
            self.window.addDockWidget(area, first)
            for dock in docks[1:]:
                self.window.tabifyDockWidget(first, dock)
            if front is not None:
                front.raise_()
        finally:
            self._moving = False
        return True

    def _front_dock(self, docks: list[QDockWidget]) -> QDockWidget | None:
        """The dock whose tab is in front, if they are tabs."""
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is not self.window or bar.count() == 0:
                continue
            title = bar.tabText(bar.currentIndex())
            for dock in docks:
                if dock.windowTitle() == title:
                    return dock
        return None

    def _size_docks(self) -> None:
        window = self.window
        docks = [
            d for d in self.panel_docks() if not d.isHidden() and not d.isFloating()
        ]
        controls = window.controls_dock
        if controls.isVisible() and not controls.isFloating():
            window.resizeDocks([controls], [CONTROLS_WIDTH], Qt.Orientation.Horizontal)
        if not docks:
            return
        area = window.dockWidgetArea(docks[0])
        if area == Qt.DockWidgetArea.RightDockWidgetArea:
            width = window.width()
            left = controls.width() if controls.isVisible() else 0
            grids = window.grid_area.stacked_width() + 16
            room = width - left - grids
            panel = int(min(max(room, RIGHT_MIN), width * RIGHT_SHARE))
            window.resizeDocks(docks[:1], [panel], Qt.Orientation.Horizontal)
        elif area == Qt.DockWidgetArea.BottomDockWidgetArea:
            height = window.height()
            used = window.menuBar().height() + window.statusBar().height()
            room = height - used - self._grids_height() - PANEL_CHROME
            panel = int(min(max(room, BOTTOM_MIN), height * BOTTOM_SHARE))
            window.resizeDocks(docks[:1], [panel], Qt.Orientation.Vertical)

    def _grids_height(self) -> int:
        """The height the summary and the grids want in the central area."""
        window = self.window
        central = window.centralWidget()
        above = sum(
            w.sizeHint().height()
            for w in central.findChildren(type(window.summary))
            if w.isVisible()
        )
        banner = (
            window.understanding.banner if hasattr(window, "understanding") else None
        )
        if banner is not None and banner.isVisible():
            above += banner.sizeHint().height()
        rows = min(window.controller.document.rows, PANEL_ROWS)
        inputs = window.tensor_panel.rows_height(rows)
        results = window.result_editor.title.height() + (
            window.result_editor.view.preferred_height(rows)
        )
        area = window.grid_area
        beside = area.side_by_side_width() <= self._central_width()
        grids = (
            max(inputs, results) if beside else inputs + results + area.handleWidth()
        )
        return above + grids + 16

    def _central_width(self) -> int:
        window = self.window
        width = window.width()
        controls = window.controls_dock
        if controls.isVisible() and not controls.isFloating():
            width -= controls.width()
        return width - 16

    def arrange_grids(self) -> None:
        """Give each grid its columns' width; results beside or under the inputs."""
        window = self.window
        area = window.grid_area
        results = window.result_editor
        rows = min(window.controller.document.rows, INPUT_ROWS_SHOWN)
        area.set_wanted(
            window.tensor_panel.column_widths(),
            max(results.view.preferred_width(), results.title.sizeHint().width()),
            window.tensor_panel.rows_height(rows),
            results.title.height() + results.view.preferred_height(SCROLL_ROWS) + 4,
        )
