"""``WindowLayout``: where the panels go at each window size.

The per-element results are the star, so the grids get their width first:

- the panels that explain the numbers (Curves, Explain, Compare losses, ...)
  are tabs on the right when the window is wide enough to keep the grids
  whole beside them (:data:`WIDE_WIDTH`), and under the grids otherwise,
  where the curves lie side by side;
- the controls dock is on the left at its compact width (wider only if its
  content needs it), full height; in a window narrower than
  :data:`NARROW_WIDTH` it goes under the grids too, left of the panel tabs,
  so that five classes of results (15 columns) fit 1024 pixels;
- the grids sit beside or under each other (:class:`~lossgui.ui.grid_area.GridArea`).

Every resize (restore, maximise, a drag of the window edge) re-applies the
rules, so space that comes back goes to the grids. Once the user drags a
panel somewhere else by hand, the panels stay where the user put them
(View > Arrange panels automatically brings the rules back).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QTabBar

from lossgui.ui.precision import precision_signals
from lossgui.ui.table_views import SCROLL_ROWS

if TYPE_CHECKING:
    from lossgui.ui.main_window import MainWindow

__all__ = ["WIDE_WIDTH", "WindowLayout"]

#: From this window width on, the panels go right of the grids.
WIDE_WIDTH = 1600
#: Below this window width the controls go under the grids too, left of the
#: panels, so the grids get the window's whole width.
NARROW_WIDTH = 1200
#: The controls dock's width: the loss selector and its parameters, compact.
CONTROLS_WIDTH = 268
CONTROLS_MAX_WIDTH = 340
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
#: Rows of each input grid that stay in view however tall the results are.
INPUT_ROWS_KEPT = 2
_AREAS = (Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.BottomDockWidgetArea)


class WindowLayout(QObject):
    """Applies the layout rules to ``window`` now and after every resize.

    Parameters
    ----------
    window : MainWindow
        Its ``controls_dock``, ``grid_area``, ``tensor_panel`` and
        ``result_editor`` are arranged; every other dock is a panel tab.
    """

    def __init__(self, window: MainWindow) -> None:
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
        self.auto_action = QAction(
            QCoreApplication.translate("WindowLayout", "Arrange panels &automatically"),
            window,
        )
        self.auto_action.setObjectName("autoLayoutAction")
        self.auto_action.setCheckable(True)
        self.auto_action.setChecked(True)
        self.auto_action.setToolTip(
            QCoreApplication.translate(
                "WindowLayout",
                "Keep every grid column in view: panels go right of the grids in a "
                "wide window and under them in a narrow one.",
            )
        )
        self.auto_action.toggled.connect(self._on_auto_toggled)
        window.installEventFilter(self)
        self._notice_moves(window.controls_dock)
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
        self._notice_moves(dock)

    def _notice_moves(self, dock: QDockWidget) -> None:
        dock.dockLocationChanged.connect(
            lambda area, moved=dock: self._on_dock_moved(moved, area)
        )
        dock.topLevelChanged.connect(self._on_dock_floated)

    def schedule(self) -> None:
        """Re-apply the rules once control returns to the event loop."""
        self._timer.start()

    # ----------------------------------------------------------------- events
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Qt: re-apply the rules after the window is resized or shown."""
        if watched is self.window and event.type() in (
            QEvent.Type.Resize,
            QEvent.Type.Show,
            QEvent.Type.WindowStateChange,
        ):
            self.schedule()
        return False

    def _on_dock_moved(self, dock: QDockWidget, area: Qt.DockWidgetArea) -> None:
        if not self._moving and self.window.isVisible():
            controls = dock is self.window.controls_dock
            wanted = self._controls_area() if controls else self._panel_area()
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

    def _controls_area(self) -> Qt.DockWidgetArea:
        if self.window.width() >= NARROW_WIDTH:
            return Qt.DockWidgetArea.LeftDockWidgetArea
        return Qt.DockWidgetArea.BottomDockWidgetArea

    def apply(self) -> None:
        """Place the panels and size the grids for the window's current size."""
        window = self.window
        self.arrange_grids()
        if self.automatic and self._place(self._panel_area(), self._controls_area()):
            # sizes are right only once the moved docks are laid out: lay them
            # out now (not when the event loop gets to it, after the first
            # paint of a window just shown), and size again then too
            self._lay_out()
            self.schedule()
        for dock in self.panel_docks():
            orient = getattr(dock.widget(), "set_plots_side_by_side", None)
            if orient is not None:
                bottom = window.dockWidgetArea(dock) == _AREAS[1]
                orient(bottom and not dock.isFloating())
        self._size_docks()  # the grid area re-arranges itself when it resizes
        self._lay_out()

    def _lay_out(self) -> None:
        """Give the docks and the central area their geometry now.

        Also in a hidden window: its widgets get the geometry without a
        resize event, and get one resize event, at their final size, when
        the window shows (see :meth:`MainWindow.setVisible`).
        """
        layout = self.window.layout()
        if layout is not None:
            layout.activate()

    def _place(
        self, panels_area: Qt.DockWidgetArea, controls_area: Qt.DockWidgetArea
    ) -> bool:
        """Move the panels, as tabs, and the controls; True if anything moved.

        With both under the grids, the controls sit left of the panel tabs.
        """
        window = self.window
        controls = window.controls_dock
        docks = [d for d in self.panel_docks() if not d.isHidden()]
        placed = all(
            window.dockWidgetArea(d) == panels_area and not d.isFloating()
            for d in docks
        )
        if controls.isHidden():
            controls_placed = True
        else:
            controls_placed = (
                window.dockWidgetArea(controls) == controls_area
                and not controls.isFloating()
            )
        if placed and controls_placed:
            return False
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        if placed and controls_area != bottom:
            # Only the controls move (a window widened past NARROW_WIDTH, as
            # at start-up): the panel tabs stay as they are. Tabifying them
            # again would bring each one briefly to the front, and a panel in
            # front catches up with the evaluation (Explain, Compare losses).
            self._moving = True
            try:
                controls.setFloating(False)
                window.addDockWidget(controls_area, controls)
            finally:
                self._moving = False
            return True
        front = self._front_dock(docks)
        self._moving = True
        try:
            for dock in [*docks, controls]:
                dock.setFloating(False)
            if not controls.isHidden():
                if controls_area == bottom:  # first, so it is left of the panels
                    window.addDockWidget(bottom, controls, Qt.Orientation.Horizontal)
                else:
                    window.addDockWidget(controls_area, controls)
            if docks:
                first = docks[0]
                window.addDockWidget(panels_area, first, Qt.Orientation.Horizontal)
                for dock in docks[1:]:
                    window.tabifyDockWidget(first, dock)
            if front is not None:
                front.raise_()
        finally:
            self._moving = False
        return True

    def _front_dock(self, docks: list[QDockWidget]) -> QDockWidget | None:
        """The dock whose tab is in front, if they are tabs.

        Qt keeps tab bars it no longer uses, and in a window not shown yet
        it updates none of them, so several may hold stale tabs: the one
        holding most of ``docks`` (shown, in a shown window) is theirs.
        """
        titles = {dock.windowTitle(): dock for dock in docks}
        visible = self.window.isVisible()
        front, most = None, 0
        for bar in self.window.findChildren(QTabBar):
            if bar.parent() is not self.window or (visible and not bar.isVisible()):
                continue
            held = sum(bar.tabText(i) in titles for i in range(bar.count()))
            if held > most:
                front, most = titles.get(bar.tabText(bar.currentIndex())), held
        return front

    def _size_docks(self) -> None:
        window = self.window
        docks = [
            d for d in self.panel_docks() if not d.isHidden() and not d.isFloating()
        ]
        controls = window.controls_dock
        wanted = self._controls_width()
        if controls.isVisible() and not controls.isFloating():
            window.resizeDocks([controls], [wanted], Qt.Orientation.Horizontal)
        if docks and window.dockWidgetArea(controls) == window.dockWidgetArea(docks[0]):
            # side by side under the grids: the panels get the rest of the width
            panels = window.width() - wanted
            window.resizeDocks(docks[:1], [panels], Qt.Orientation.Horizontal)
        if not docks:
            return
        area = window.dockWidgetArea(docks[0])
        if area == Qt.DockWidgetArea.RightDockWidgetArea:
            width = window.width()
            left = wanted if controls.isVisible() else 0
            grids = window.grid_area.stacked_width() + 28
            room = width - left - grids
            panel = int(min(max(room, RIGHT_MIN), width * RIGHT_SHARE))
            window.resizeDocks(docks[:1], [panel], Qt.Orientation.Horizontal)
        elif area == Qt.DockWidgetArea.BottomDockWidgetArea:
            height = window.height()
            used = window.menuBar().height() + window.statusBar().height()
            room = height - used - self._grids_height() - PANEL_CHROME
            panel = int(min(max(room, BOTTOM_MIN), height * BOTTOM_SHARE))
            window.resizeDocks(docks[:1], [panel], Qt.Orientation.Vertical)

    def _controls_width(self) -> int:
        """The controls' compact width, or what their content needs, if more."""
        # the controls dock holds a scroll area (MainWindow._build_controls_dock)
        scroll = cast(QScrollArea, self.window.controls_dock.widget())
        body = scroll.widget()
        assert body is not None  # the controls' body, set at build
        needed = (
            body.minimumSizeHint().width()
            + scroll.verticalScrollBar().sizeHint().width()
            + 2 * scroll.frameWidth()
            + 4
        )
        return min(max(CONTROLS_WIDTH, needed), CONTROLS_MAX_WIDTH)

    def _grids_height(self) -> int:
        """The height the summary and the grids want in the central area."""
        window = self.window
        above = window.summary.sizeHint().height()
        banner = window.understanding.banner
        if banner.isVisible():
            above += banner.sizeHint().height()
        rows = min(window.controller.document.rows, PANEL_ROWS)
        inputs = window.tensor_panel.rows_height(rows)
        results = window.result_editor.title.height() + (
            window.result_editor.view.preferred_height(rows)
        )
        area = window.grid_area
        width = self._central_width()
        if area.arrangement(width)[0]:
            grids = max(inputs, results)
        else:
            count = area.stacked_inputs(width)
            grids = count * inputs + results + count * area.handleWidth()
        return above + grids + 16

    def _central_width(self) -> int:
        window = self.window
        width = window.width()
        controls = window.controls_dock
        beside = window.dockWidgetArea(controls) in (
            Qt.DockWidgetArea.LeftDockWidgetArea,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        if controls.isVisible() and not controls.isFloating() and beside:
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
            window.tensor_panel.rows_height(min(rows, INPUT_ROWS_KEPT)),
        )
