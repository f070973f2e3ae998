"""Every plot text follows the theme: legend labels, axis labels, title.

Issue 14: in the dark theme the legends were black text on a dark background.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication


def legend_colours(plot) -> list[QColor]:
    """The colour each legend label is drawn in (read from its html)."""
    colours = []
    for _sample, label in plot.legend.items:
        match = re.search(r"color:\s*(#[0-9a-fA-F]{6,8}|\w+)", label.item.toHtml())
        assert match, label.item.toHtml()
        colours.append(QColor(match.group(1)))
    return colours


def axis_colours(plot) -> list[QColor]:
    item = plot.getPlotItem()
    colours = []
    for side in ("left", "bottom"):
        axis = item.getAxis(side)
        colours.append(QColor(axis.labelStyle["color"]))
        colours.append(axis.textPen().color())
    return colours


def set_theme(window, name):
    window.window_actions.set_theme(name)
    QApplication.processEvents()


def test_dark_theme_legends_and_axes_are_light_and_follow_switches(make_window):
    window = make_window()
    panel = window.curves_panel
    set_theme(window, "dark")
    for plot in (panel.loss_plot, panel.grad_plot):
        assert plot.legend.items, "no legend"
        assert all(c.lightness() > 160 for c in legend_colours(plot))
        assert all(c.lightness() > 160 for c in axis_colours(plot))
    set_theme(window, "light")
    for plot in (panel.loss_plot, panel.grad_plot):
        assert all(c.lightness() < 100 for c in legend_colours(plot))
        assert all(c.lightness() < 100 for c in axis_colours(plot))


def test_legends_made_after_the_switch_are_light_too(make_window):
    window = make_window()
    set_theme(window, "dark")
    window.controller.set_loss("CrossEntropyLoss")
    QApplication.processEvents()
    plot = window.curves_panel.loss_plot
    assert plot.legend.items
    assert all(c.lightness() > 160 for c in legend_colours(plot))
    title = plot.getPlotItem().titleLabel.item.toHtml()
    match = re.search(r"color:\s*(#[0-9a-fA-F]{6,8})", title)
    assert match and QColor(match.group(1)).lightness() > 160
