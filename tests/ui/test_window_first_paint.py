"""The first paint of a new window shows its settled layout, and no more work.

A window resized between construction and ``show()`` (as the start-up
benchmark and the screenshot tool do) is laid out for its final size before
Qt shows it: the docks do not move after the first paint, and the panels
behind the Curves tab are not brought to the front one by one (which made
Explain and Compare losses compute at start-up).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QDockWidget

from lossgui.ui.main_window import MainWindow


def _front_tab(window: MainWindow) -> list[str]:
    """The titles of the panel docks a user sees (not behind another tab)."""
    return sorted(
        dock.windowTitle()
        for dock in window.findChildren(QDockWidget)
        if dock is not window.controls_dock
        and dock.isVisible()
        and not dock.visibleRegion().isEmpty()
    )


def _geometry(window: MainWindow) -> dict[str, tuple[int, int, int, int]]:
    central = window.centralWidget()
    assert central is not None
    shown = {
        dock.objectName(): dock.geometry().getRect()
        for dock in window.findChildren(QDockWidget)
        if not dock.visibleRegion().isEmpty()
    }
    return {"central": central.geometry().getRect(), **shown}


class _FirstPaint(QObject):
    """Records the window's layout when the first paint event arrives."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.seen: tuple[dict[str, tuple[int, int, int, int]], list[str]] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self.seen is None and event.type() == QEvent.Type.Paint:
            self.seen = (_geometry(self.window), _front_tab(self.window))
        return False


@pytest.mark.parametrize("size", [None, (1200, 800), (1600, 1000)])
def test_first_paint_shows_the_layout_that_stays(qtbot, qsettings_tmp, size):
    window = MainWindow(settings=qsettings_tmp)
    qtbot.addWidget(window)
    if size is not None:
        window.resize(*size)
    app = QApplication.instance()
    watcher = _FirstPaint(window)
    app.installEventFilter(watcher)
    try:
        window.show()
        qtbot.waitUntil(lambda: watcher.seen is not None)
    finally:
        app.removeEventFilter(watcher)
    qtbot.wait(200)  # every scheduled re-layout has run
    assert watcher.seen is not None
    first_geometry, first_front = watcher.seen
    assert first_front == ["Curves"]
    assert first_geometry == _geometry(window)
    assert _front_tab(window) == ["Curves"]


def test_panels_behind_curves_wait_until_raised(qtbot, qsettings_tmp):
    window = MainWindow(settings=qsettings_tmp)
    qtbot.addWidget(window)
    window.resize(1200, 800)  # the controls move left of the grids at show
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(100)
    explain = window.understanding.explain
    compare = window.understanding.compare
    assert explain.explanation is None  # never brought to the front
    assert compare.comparison is None
    window.understanding.explain_dock.raise_()
    qtbot.waitUntil(lambda: explain.explanation is not None)
    assert "1.0828" in explain.toPlainText() or "1.1711" in explain.toPlainText()
    window.understanding.compare_dock.raise_()
    qtbot.waitUntil(lambda: compare.comparison is not None)
