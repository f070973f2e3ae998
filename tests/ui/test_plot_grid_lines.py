"""The plots' grid: opaque lines beneath the data, the colour the old ones showed.

pyqtgraph's translucent grid lines (drawn over the curves) cost about 2.7 ms
per axis redraw; the grid is now opaque and drawn beneath the view box.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication

from lossgui.ui.plots.grid_axis import GridAxis, over


def _set_theme(window, name):
    window.window_actions.set_theme(name)
    QApplication.processEvents()


def _grid_lines(axis, base=False):
    """``(pen, start, stop)`` of each grid line the axis draws now (``base``:
    as pyqtgraph's own axis would, translucent)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32_Premultiplied)
    painter = QPainter(image)
    try:
        make = pg.AxisItem.generateDrawSpecs if base else type(axis).generateDrawSpecs
        specs = make(axis, painter)
    finally:
        painter.end()
    assert specs is not None
    return specs[1]


def _colours_along(plot, axis, start) -> list[list[QColor]]:
    """Across the view box, the colours of the pixel rows at a horizontal
    grid line (the row above and below too: the view maps to whole pixels)."""
    box = plot.getPlotItem().getViewBox().sceneBoundingRect()
    y = axis.mapToScene(start).y()
    image = plot.grab().toImage()
    ratio = image.devicePixelRatio()
    out = []
    for i in range(1, 20):
        point = plot.mapFromScene(box.left() + box.width() * i / 20, y)
        x, row = int(point.x() * ratio), int(point.y() * ratio)
        out.append([image.pixelColor(x, r) for r in (row - 1, row, row + 1)])
    return out


def _close(a: QColor, b: QColor) -> bool:
    return (
        max(
            abs(a.red() - b.red()), abs(a.green() - b.green()), abs(a.blue() - b.blue())
        )
        <= 3
    )


def test_grid_lines_are_opaque_mixes_of_the_old_colours_under_the_data(make_window):
    window = make_window()
    for theme in ("light", "dark"):
        _set_theme(window, theme)
        for plot in (window.curves_panel.loss_plot, window.curves_panel.grad_plot):
            item = plot.getPlotItem()
            background = plot.backgroundBrush().color()
            for side in ("left", "bottom"):
                axis = item.getAxis(side)
                assert isinstance(axis, GridAxis)
                assert axis.zValue() < item.getViewBox().zValue()
                lines = _grid_lines(axis)
                before = _grid_lines(axis, base=True)
                assert len(lines) == len(before) > 3
                for (pen, start, stop), (old, *where) in zip(
                    lines, before, strict=True
                ):
                    assert [start, stop] == where
                    assert old.color().alpha() < 255
                    assert pen.color().alpha() == 255
                    assert pen.color() == over(old.color(), background)


def test_a_grid_line_shows_the_colour_its_pen_says_after_a_theme_switch(make_window):
    window = make_window()
    plot = window.curves_panel.loss_plot
    axis = plot.getPlotItem().getAxis("left")
    for theme in ("dark", "light", "dark"):
        _set_theme(window, theme)
        plot.repaint()
        background = plot.backgroundBrush().color()
        lines = _grid_lines(axis)
        box = plot.getPlotItem().getViewBox().sceneBoundingRect()
        middle = min(  # the line nearest the middle: clear of legend and bands
            lines, key=lambda line: abs(axis.mapToScene(line[1]).y() - box.center().y())
        )
        wanted = middle[0].color()
        assert wanted != background
        along = _colours_along(plot, axis, middle[1])
        # curves cross the line at a few places; the rest shows the grid
        hits = sum(any(_close(c, wanted) for c in rows) for rows in along)
        assert hits >= len(along) * 2 // 3, (
            theme,
            wanted.getRgb(),
            [[c.getRgb() for c in rows] for rows in along],
        )


def test_over_blends_like_the_translucent_colour_on_its_background():
    colour = QColor(0, 0, 0, 51)  # 20 % black
    mixed = over(colour, QColor(255, 255, 255))
    assert mixed.alpha() == 255
    assert (mixed.red(), mixed.green(), mixed.blue()) == (204, 204, 204)
    assert over(QColor(255, 255, 255, 255), QColor(0, 0, 0)) == QColor(255, 255, 255)


def test_a_png_exported_after_a_theme_switch_has_the_new_themes_grid(
    make_window, tmp_path
):
    """The axes' cached drawing is dropped with the theme: an export made in
    the light theme, then one in the dark, gives the dark grid (a cached
    light grid came back in the second export)."""
    from lossgui.ui.plots.export import export_image

    window = make_window()
    plot = window.curves_panel.loss_plot
    grids = {}
    for theme in ("light", "dark"):
        _set_theme(window, theme)
        png = export_image(plot, tmp_path / f"{theme}.png")
        image = QImage(str(png))
        column = {
            image.pixelColor(image.width() // 2, y).rgb() for y in range(image.height())
        }
        background = plot.backgroundBrush().color()
        grids[theme] = {
            pen.color().rgb()
            for pen, _start, _stop in _grid_lines(plot.getPlotItem().getAxis("left"))
        }
        assert background.rgb() in column, theme
        assert grids[theme] & column, (theme, "no grid line of this theme")
    assert not grids["light"] & column, "a light-theme grid line in the dark export"
