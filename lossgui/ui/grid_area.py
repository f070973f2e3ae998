"""``GridArea``: the tensor grids and the results grid, beside or under each other.

The inputs (``inputSplitter``: logits, target, weight, ...) and the results
grid share one splitter (``gridSplitter``). When both fit side by side every
row reads straight across; when they do not, the results go under their
inputs and get the whole width. Either way every grid is as wide as its
columns' text, so at 1366x768 (and 1024x700) no column of an example hides
behind a scroll bar. :meth:`GridArea.arrange` is called after every change of
shape and on every resize of the window.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QSplitter, QSplitterHandle, QWidget

from lossgui.ui.naming import named

__all__ = ["GridArea", "GripSplitter", "styled_splitter"]

#: Splitter handles wide enough to grab, with a grip drawn on them.
HANDLE_WIDTH = 9
_GRIP_DOTS = 3
_GRIP_GAP = 5


class GripHandle(QSplitterHandle):
    """A splitter handle with a row of dots in its middle: it says "drag me"."""

    def __init__(self, orientation: Qt.Orientation, parent: QSplitter) -> None:
        super().__init__(orientation, parent)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setToolTip(
            QCoreApplication.translate(
                "GripHandle", "Drag to give this grid more or less room"
            )
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: three dots across the middle, in the palette's mid colour."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        role = (
            QPalette.ColorRole.Highlight
            if self.underMouse()
            else QPalette.ColorRole.Mid
        )
        painter.setBrush(self.palette().color(role))
        painter.setPen(Qt.PenStyle.NoPen)
        centre = self.rect().center()
        span = (_GRIP_DOTS - 1) * _GRIP_GAP
        for k in range(_GRIP_DOTS):
            offset = k * _GRIP_GAP - span // 2
            if self.orientation() == Qt.Orientation.Horizontal:
                point = QPointF(centre.x() + 0.5, centre.y() + offset)
            else:
                point = QPointF(centre.x() + offset, centre.y() + 0.5)
            painter.drawEllipse(point, 1.6, 1.6)
        painter.end()


class GripSplitter(QSplitter):
    """A splitter that never collapses a child and shows grips on its handles."""

    def __init__(
        self, orientation: Qt.Orientation, parent: QWidget | None = None
    ) -> None:
        super().__init__(orientation, parent)
        self.setChildrenCollapsible(False)
        self.setHandleWidth(HANDLE_WIDTH)

    def createHandle(self) -> QSplitterHandle:
        """Qt: a :class:`GripHandle`."""
        return GripHandle(self.orientation(), self)


def styled_splitter(orientation: Qt.Orientation, name: str) -> QSplitter:
    """A :class:`GripSplitter` named ``name``."""
    return named(GripSplitter(orientation), name)


def _orient(splitter: QSplitter, horizontal: bool) -> None:
    """Lay ``splitter``'s children side by side or under each other."""
    wanted = Qt.Orientation.Horizontal if horizontal else Qt.Orientation.Vertical
    if splitter.orientation() != wanted:
        splitter.setOrientation(wanted)


class GridArea(GripSplitter):
    """The ``gridSplitter``: an ``inputSplitter`` of tensor grids and the results.

    Parameters
    ----------
    results : QWidget
        The results editor (a :class:`~lossgui.ui.results_panel.ResultEditor`).
    """

    def __init__(self, results: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("gridSplitter")
        self.inputs = styled_splitter(Qt.Orientation.Horizontal, "inputSplitter")
        self.results = results
        self.addWidget(self.inputs)
        self.addWidget(results)
        self.setStretchFactor(0, 0)
        self.setStretchFactor(1, 1)
        self._input_widths: list[int] = []
        self._results_width = 0
        self._input_height = 0
        self._results_height = 0
        self._input_floor = 0

    # ---------------------------------------------------------------- sizing
    def set_wanted(
        self,
        input_widths: list[int],
        results_width: int,
        input_height: int,
        results_height: int,
        input_floor: int = 0,
    ) -> None:
        """What the grids need, in pixels, then :meth:`arrange` them.

        Parameters
        ----------
        input_widths : list of int
            The width of each column of the inputs splitter.
        results_width : int
            The width of the results grid with its title.
        input_height : int
            When stacked, the height the inputs want (their titles and first
            rows).
        results_height : int
            When stacked, the height that shows the results' title and rows
            (up to the scrolling limit); they get it first, the inputs the rest.
        input_floor : int
            When stacked, the least height of each input grid: its title, its
            header and a couple of rows, so that the row being edited stays
            in view however many rows the results would like to show.
        """
        self._input_widths = list(input_widths)
        self._results_width = int(results_width)
        self._input_height = int(input_height)
        self._results_height = int(results_height)
        self._input_floor = int(input_floor)
        self.arrange()

    def inputs_width(self) -> int:
        """Pixels that show every input grid whole."""
        handles = max(len(self._input_widths) - 1, 0) * self.inputs.handleWidth()
        return sum(self._input_widths) + handles

    def side_by_side_width(self) -> int:
        """Pixels that show the inputs and the results beside each other."""
        return self.inputs_width() + self.handleWidth() + self._results_width

    def stacked_width(self) -> int:
        """Pixels that show the inputs over the results, each whole."""
        return max(self.inputs_width(), self._results_width)

    def arrangement(self, width: int) -> tuple[bool, bool]:
        """``(beside, inputs_in_a_row)``: how the grids are laid out in ``width``.

        The results go beside the inputs if both fit, else under them; inputs
        too wide for one row go under each other too.
        """
        beside = self.side_by_side_width() <= width
        return beside, beside or self.inputs_width() <= width

    def stacked_inputs(self, width: int) -> int:
        """How many input grids stand under each other in ``width`` (1: a row)."""
        in_a_row = self.arrangement(width)[1]
        return 1 if in_a_row else max(len(self._input_widths), 1)

    def arrange(self) -> None:
        """Lay the grids out for the splitter's width, as :meth:`arrangement` says."""
        width = self.width()
        beside, inputs_in_a_row = self.arrangement(width)
        _orient(self, beside)
        _orient(self.inputs, inputs_in_a_row)
        if self._input_widths and inputs_in_a_row:
            self.inputs.setSizes(self._input_widths)
        if beside:
            inputs = self.inputs_width()
            self.setSizes([inputs, max(width - inputs - self.handleWidth(), 1)])
            return
        height = self.height() - self.handleWidth()
        count = self.stacked_inputs(width)
        if count > 1:
            self.inputs.setSizes([self._input_height] * count)
        # the results first (a scroll bar would hide their last column),
        # leaving the inputs at least their titles and a row each
        first = self.inputs.widget(0)
        assert first is not None  # the tensor panel's first grid
        kept = self._input_floor + self.inputs.handleWidth() if self._input_floor else 0
        floor = count * max(first.minimumSizeHint().height(), kept)
        results = min(self._results_height, max(height - floor, height // 3))
        inputs = max(min(count * self._input_height, height - results), 1)
        self.setSizes([inputs, max(height - inputs, 1)])

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt: re-arrange for the new size (restore, maximise, a dock moved)."""
        super().resizeEvent(event)
        self.arrange()
