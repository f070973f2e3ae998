"""The window fits a laptop screen and shows every result (issue: first contact).

Every bundled example, with each dock tab in front, at 1366x768 and
1024x700: every column of the input, target and results grids lies inside
its grid's viewport, the window is no larger than asked, and no visible
label of the central area is narrower than its text.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QTableView

from lossgui.io.bundled import list_examples
from lossgui.ui.elided_label import ElidedLabel
from lossgui.ui.main_window import DEFAULT_SIZE
from lossgui.ui.window_layout import WIDE_WIDTH

SIZES = [(1366, 768), (1024, 700)]
GRIDS = ("inputTable", "targetTable", "resultTable")
EXAMPLES = [e.path.stem for e in list_examples()]


def settle(qtbot) -> None:
    """Let resizes, deferred layout passes and dock moves run."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(1)


def panel_docks(window) -> list[QDockWidget]:
    """The docks shown as tabs beside the grids (every visible dock but the controls)."""
    return [
        d
        for d in window.findChildren(QDockWidget)
        if d is not window.controls_dock and not d.isHidden()
    ]


def hidden_columns(view: QTableView) -> list[str]:
    """Titles of the columns not wholly inside ``view``'s viewport."""
    model = view.model()
    room = view.viewport().width()
    return [
        str(model.headerData(c, Qt.Orientation.Horizontal))
        for c in range(model.columnCount())
        if view.columnViewportPosition(c) < 0
        or view.columnViewportPosition(c) + view.columnWidth(c) > room
    ]


def clipped_labels(window) -> list[str]:
    """Visible labels of the central area whose text does not fit them."""
    clipped = []
    for label in window.centralWidget().findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        if isinstance(label, ElidedLabel):
            # elided on purpose: the whole text must be in the tooltip
            if label.text() not in label.toolTip():
                clipped.append(f"{label.objectName()}: tooltip lacks the text")
            continue
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                clipped.append(f"{label.objectName()} (wrapped): {label.text()[:60]}")
            continue
        if label.width() < label.sizeHint().width():
            clipped.append(
                f"{label.objectName() or type(label).__name__} "
                f"{label.width()} < {label.sizeHint().width()}: {label.text()[:60]}"
            )
    return clipped


def check_everything_in_view(window, context: str) -> None:
    for name in GRIDS:
        view = window.findChild(QTableView, name)
        if view is None or not view.isVisible():
            assert name == "targetTable", f"{context}: no {name}"
            continue
        assert hidden_columns(view) == [], f"{context}: {name} hides columns"
    assert clipped_labels(window) == [], context


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_example_shows_every_column_with_any_tab_in_front(
    make_window, qtbot, width, height
):
    window = make_window()
    window.resize(width, height)
    settle(qtbot)
    for stem in EXAMPLES:
        window.files.example_actions[stem].trigger()
        settle(qtbot)
        docks = panel_docks(window)
        assert docks, "no panel tabs"
        for dock in docks:
            dock.raise_()
            settle(qtbot)
            context = f"{stem} at {width}x{height}, {dock.windowTitle()} in front"
            size = (window.width(), window.height())
            assert size[0] <= width and size[1] <= height, f"{context}: {size}"
            check_everything_in_view(window, context)


def test_a_narrow_window_puts_the_controls_under_the_grids(make_window, qtbot):
    """Below 1200 px the grids get the whole width: 15 result columns fit 1024."""
    window = make_window()
    window.resize(1024, 700)
    window.files.example_actions["004-bceloss-weight-columns"].trigger()
    settle(qtbot)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    assert window.dockWidgetArea(window.controls_dock) == bottom
    assert window.controls_dock.geometry().right() < (
        window.curves_panel.parent().geometry().left()
    )  # the controls are left of the panel tabs
    assert window.result_editor.model.columnCount() == 15
    check_everything_in_view(window, "15 result columns at 1024x700")
    window.resize(1366, 768)
    settle(qtbot)
    left = Qt.DockWidgetArea.LeftDockWidgetArea
    assert window.dockWidgetArea(window.controls_dock) == left
    check_everything_in_view(window, "15 result columns at 1366x768")


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_weights_and_five_classes_fit(make_window, qtbot, width, height):
    """The widest cases: a per-element weight grid, and five classes per row."""
    window = make_window()
    window.resize(width, height)
    window.files.example_actions["000-multilabel-bcewithlogits"].trigger()
    window.controller.set_setting("enabled.weight", True)
    settle(qtbot)
    assert window.findChild(QTableView, "weightTable").isVisible()
    check_everything_in_view(window, "multi-label with weight")
    hidden = hidden_columns(window.findChild(QTableView, "weightTable"))
    assert hidden == [], "weightTable hides columns"
    window.files.example_actions["003-crossentropy-five-classes"].trigger()
    window.controller.set_setting("enabled.weight", True)
    settle(qtbot)
    assert window.result_editor.model.columnCount() == 11
    check_everything_in_view(window, "five classes with a class weight")


def test_first_window_is_a_small_laptop_window(make_window, qtbot):
    window = make_window()
    settle(qtbot)
    assert (window.width(), window.height()) == DEFAULT_SIZE
    assert window.minimumSizeHint().width() <= 1024
    check_everything_in_view(window, "first window")
    assert window.findChild(QLabel, "lossValue").text() not in ("", "—")


def test_maximising_gives_the_space_back_to_the_grids(make_window, qtbot):
    window = make_window()
    window.files.example_actions["003-crossentropy-five-classes"].trigger()
    window.resize(1024, 700)
    settle(qtbot)
    narrow = window.grid_area.height()
    window.resize(1920, 1080)
    settle(qtbot)
    assert window.grid_area.height() > narrow  # the panels moved out from under
    assert window.grid_area.width() >= window.grid_area.stacked_width()
    area = window.dockWidgetArea(window.curves_panel.parent())
    assert area == Qt.DockWidgetArea.RightDockWidgetArea  # wide: panels beside
    check_everything_in_view(window, "1920x1080")
    window.resize(1024, 700)
    settle(qtbot)
    assert window.dockWidgetArea(window.curves_panel.parent()) == (
        Qt.DockWidgetArea.BottomDockWidgetArea
    )
    assert (
        window.controls_dock.width()
        >= window.controls_dock.widget().widget().minimumSizeHint().width()
    )
    check_everything_in_view(window, "back to 1024x700")
    assert window.width() < WIDE_WIDTH


def test_a_panel_moved_by_hand_stays_where_the_user_put_it(make_window, qtbot):
    window = make_window()
    window.resize(1024, 700)
    settle(qtbot)
    dock = window.curves_panel.parent()
    window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
    settle(qtbot)
    assert not window.window_layout.automatic
    window.resize(1900, 1000)
    settle(qtbot)
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.LeftDockWidgetArea
    window.window_layout.auto_action.setChecked(True)
    settle(qtbot)
    assert window.dockWidgetArea(dock) == Qt.DockWidgetArea.RightDockWidgetArea


def test_the_call_line_elides_with_the_whole_call_in_tooltip_and_copy(
    make_window, qtbot
):
    window = make_window()
    window.resize(1024, 700)
    window.files.example_actions["000-multilabel-softmargin"].trigger()
    settle(qtbot)
    call = window.summary.call_label
    assert call.text().startswith("nn.MultiLabelSoftMarginLoss(")
    assert call.text().endswith("(input, target)")
    assert call.text() in call.toolTip()
    window.summary.copy_call_button.click()
    assert QApplication.clipboard().text() == call.text()


def test_every_warning_is_shown_whole(make_window, qtbot):
    window = make_window()
    window.resize(1024, 700)
    window.files.example_actions["102-divergence-kldiv-mean"].trigger()
    settle(qtbot)
    warning = window.summary.warning_label
    assert warning.isVisible()
    assert "batchmean" in warning.text()
    assert warning.height() >= warning.heightForWidth(warning.width())
