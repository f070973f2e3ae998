"""Legends keep to a corner: at most a quarter of the plot, collapsed when long.

Issue 14: a legend could cover about a quarter of a plot (five entries on
a 250-px-high plot), half of it in Curves compare.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRectF

from lossgui.io.bundled import list_examples

STEMS = [example.path.stem for example in list_examples()]
SIZES = [(1024, 700), (1366, 768)]
CORNER = 14.0  # px between the legend's corner and the plot's


def legend_rects(plot) -> tuple[QRectF, QRectF]:
    """The legend's and the view box's rectangles, in scene pixels."""
    legend = plot.legend
    return (
        legend.mapRectToScene(legend.boundingRect()),
        plot.getViewBox().sceneBoundingRect(),
    )


def in_a_corner(legend: QRectF, view: QRectF) -> bool:
    near = [
        abs(legend.left() - view.left()) <= CORNER,
        abs(legend.right() - view.right()) <= CORNER,
        abs(legend.top() - view.top()) <= CORNER,
        abs(legend.bottom() - view.bottom()) <= CORNER,
    ]
    return (near[0] or near[1]) and (near[2] or near[3])


def assert_legend_keeps_to_a_corner(plot, what):
    if not plot.legend.isVisible():
        return
    legend, view = legend_rects(plot)
    area = legend.width() * legend.height()
    assert area <= 0.25 * view.width() * view.height(), (what, legend, view)
    assert view.contains(legend), (what, legend, view)
    assert in_a_corner(legend, view), (what, legend, view)


def settle(qtbot, window):
    qtbot.wait(10)
    window.grab()  # lays out and paints as on screen


@pytest.mark.parametrize("size", SIZES)
def test_every_example_legend_is_a_corner(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    panel = window.curves_panel
    for stem in STEMS:
        window.files.example_actions[stem].trigger()
        settle(qtbot, window)
        for plot in (panel.loss_plot, panel.grad_plot):
            assert_legend_keeps_to_a_corner(plot, (stem, plot.objectName()))


def compare_six(window):
    """Curves compare mode with the first preset loaded (six curves)."""
    panel = window.curves_panel
    panel.set_mode("compare")
    panel.compare.preset.setCurrentIndex(0)
    panel.compare.load_preset()
    return panel


@pytest.mark.parametrize("size", SIZES)
def test_compare_legends_collapse_to_a_corner(make_window, qtbot, size):
    window = make_window()
    window.resize(*size)
    panel = compare_six(window)
    settle(qtbot, window)
    for plot in (panel.loss_plot, panel.grad_plot):
        assert plot.legend.isVisible()
        assert_legend_keeps_to_a_corner(plot, plot.objectName())
        assert plot.legend_labels()[0] == "BCEWithLogitsLoss"


def test_a_small_plot_shows_the_first_entries_and_how_many_more(make_window, qtbot):
    window = make_window()
    plot = compare_six(window).loss_plot
    plot.setFixedHeight(170)
    settle(qtbot, window)
    assert_legend_keeps_to_a_corner(plot, "small")
    shown = plot.legend.shown_texts()
    assert 1 <= len(shown) < 6
    hidden = 6 - (len(shown) - 1)
    assert shown[-1] == f"+{hidden} more"
    assert list(shown[:-1]) == list(plot.legend_labels()[: len(shown) - 1])
    tip = plot.legend.toolTip()
    assert all(label in tip for label in plot.legend_labels())


def test_the_context_menu_hides_and_shows_the_legend(make_window, qtbot):
    window = make_window()
    plot = window.curves_panel.loss_plot
    settle(qtbot, window)
    assert plot.legend.isVisible()
    action = plot.legend_action
    assert action in plot.getViewBox().menu.actions()
    assert action.isChecked()
    action.trigger()
    assert not plot.legend.isVisible()
    window.controller.set_cells("input", [0], [0], [1.5])  # a redraw keeps it off
    settle(qtbot, window)
    assert not plot.legend.isVisible()
    action.trigger()
    assert plot.legend.isVisible()


def test_legend_entries_are_compact(make_window, qtbot):
    window = make_window()
    plot = window.curves_panel.loss_plot
    settle(qtbot, window)
    rows = len(plot.legend.shown_texts())
    assert rows == 2
    assert plot.legend.boundingRect().height() <= 18 * rows + 8
    assert plot.legend.mapToScene(QPoint(0, 0)) is not None


def test_the_legend_leaves_the_off_scale_labels_readable(make_window, qtbot):
    window = make_window()
    window.resize(1366, 768)
    window.files.example_actions["001-bce-probabilities"].trigger()
    settle(qtbot, window)
    for plot in (window.curves_panel.loss_plot, window.curves_panel.grad_plot):
        labels = plot.off_scale.labels()
        assert labels, "no off-scale label"
        legend, _ = legend_rects(plot)
        for label in labels:
            box = label.mapRectToScene(label.boundingRect())
            assert not legend.intersects(box), (plot.objectName(), legend, box)


def test_a_collapsed_legend_keeps_the_selected_curve(make_window, qtbot):
    window = make_window()
    panel = window.curves_panel
    window.files.example_actions["003-crossentropy-five-classes"].trigger()
    plot = panel.loss_plot
    plot.setFixedHeight(150)
    panel.set_selected(0, 4)  # the last of five curves
    settle(qtbot, window)
    labels = plot.legend_labels()
    chosen = [c.label for c in panel.curve_set.curves if c.selected]
    shown = plot.legend.shown_texts()
    assert len(labels) == 5 and shown[-1].endswith(" more"), shown
    assert chosen and chosen[0] not in labels[: len(shown) - 1]  # not among the first
    assert chosen[0] in shown


def test_a_resize_refits_the_legend_only_when_it_no_longer_fits(make_window, qtbot):
    """Growing the plot keeps the whole legend as it is (refilling one costs
    milliseconds per resize); shrinking it below the legend collapses it, and
    growing back shows every entry again."""
    window = make_window()
    plot = compare_six(window).loss_plot
    plot.setFixedHeight(420)
    settle(qtbot, window)
    whole = plot.legend.shown_texts()
    assert whole == plot.legend_labels()
    rows = [label for _sample, label in plot.legend.items]
    plot.setFixedHeight(440)
    settle(qtbot, window)
    assert plot.legend.shown_texts() == whole
    assert [label for _sample, label in plot.legend.items] == rows  # not refilled
    plot.setFixedHeight(170)
    settle(qtbot, window)
    assert plot.legend.shown_texts()[-1].endswith("more")
    assert_legend_keeps_to_a_corner(plot, "shrunk")
    plot.setFixedHeight(420)
    settle(qtbot, window)
    assert plot.legend.shown_texts() == whole
    assert_legend_keeps_to_a_corner(plot, "grown back")


def test_every_edit_places_both_legends_for_their_new_curves(make_window, qtbot):
    """Edits that move one plot's y-range and not the other's: each plot's
    legend is placed for the curves it shows now (the unmoved plot's legend
    was once skipped when the other plot's range moved)."""
    import numpy as np
    from conftest import table

    from lossgui.session.convert import new_document

    window = make_window(new_document("BCEWithLogitsLoss"))
    window.resize(1400, 900)
    settle(qtbot, window)
    panel = window.curves_panel
    placed: list[str] = []
    for name, plot in (("loss", panel.loss_plot), ("grad", panel.grad_plot)):
        real = plot.place_legend

        def spy(data=None, _real=real, _name=name):
            placed.append(_name)
            return _real(data)

        plot.place_legend = spy
    model = table(window, "inputTable").model()
    rng = np.random.default_rng(3)
    one_moved = 0
    for _ in range(40):
        ranges = [
            p.getPlotItem().getViewBox().viewRange()
            for p in (panel.loss_plot, panel.grad_plot)
        ]
        placed.clear()
        row = int(rng.integers(0, model.rowCount()))
        assert model.setData(model.index(row, 0), f"{rng.uniform(-6, 6):.2f}")
        after = [
            p.getPlotItem().getViewBox().viewRange()
            for p in (panel.loss_plot, panel.grad_plot)
        ]
        one_moved += (after[0] != ranges[0]) != (after[1] != ranges[1])
        assert {"loss", "grad"} <= set(placed), placed
    assert one_moved > 0  # the case this test is about happened
