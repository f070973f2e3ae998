"""``CompactLegend``: small rows, and never more than a corner of its plot.

pyqtgraph's legend gives every entry a 20-px sample and a label with a
4-px text margin: about 30 px a row, so five entries covered a quarter of a
250-px plot. Here rows are about 14 px (7-pt text, a 12-px sample), and
:meth:`CompactLegend.set_entries` fits the entries into a budget (half the
plot's width and half its height): labels too wide are cut with "…", and
entries too many end in a "+k more" row. The full list is the legend's
tooltip whenever something is cut. When not even one row fits, the legend
hides (:attr:`CompactLegend.fits` is False).
"""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg
from pyqtgraph.graphicsItems.LegendItem import ItemSample
from pyqtgraph.icons import invisibleEye
from PySide6.QtCore import QCoreApplication, QPoint, QRectF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsLayoutItem

__all__ = ["LABEL_SIZE", "CompactLegend", "CompactSample"]

#: The legend's text size.
LABEL_SIZE = "7pt"
#: Shortest cut label kept (fewer characters: the legend hides instead).
MIN_CHARS = 6

_SAMPLE_W, _SAMPLE_H = 16, 12


class CompactSample(ItemSample):
    """A legend sample 16 x 12 px: the curve's pen as a short line."""

    def __init__(self, item: pg.PlotCurveItem) -> None:
        super().__init__(item)
        self.setFixedWidth(_SAMPLE_W)
        self.setFixedHeight(_SAMPLE_H)

    def boundingRect(self) -> QRectF:
        """Qt: the sample's box."""
        return QRectF(0, 0, _SAMPLE_W, _SAMPLE_H)

    def paint(self, p: QPainter, *args: object) -> None:
        """Qt: a line in the curve's pen (an eye when the curve is hidden)."""
        if not self.item.isVisible():
            p.drawPixmap(QPoint(2, 0), invisibleEye.qicon.pixmap(12, 12))
            return
        p.setRenderHint(p.RenderHint.Antialiasing)
        p.setPen(pg.mkPen(self.item.opts["pen"]))
        p.drawLine(1, _SAMPLE_H // 2, _SAMPLE_W - 1, _SAMPLE_H // 2)


def _cut(label: str, chars: int) -> str:
    return label if len(label) <= chars else label[: max(chars - 1, 1)] + "…"


class CompactLegend(pg.LegendItem):
    """A legend of small rows that keeps within a budget (module docstring)."""

    def __init__(self) -> None:
        super().__init__(
            offset=None,
            horSpacing=4,
            verSpacing=0,
            labelTextSize=LABEL_SIZE,
            sampleType=CompactSample,
        )
        self.layout.setContentsMargins(3, 1, 4, 1)
        self._more: pg.LabelItem | None = None
        self._key: tuple[object, ...] = ()
        # (items, labels, keep) when they are all shown uncut: a resize that
        # leaves room for the box as it is needs no refill (each costs ms)
        self._whole: tuple[object, ...] = ()
        self.fits = True

    # ---------------------------------------------------------------- reading
    def shown_texts(self) -> tuple[str, ...]:
        """The texts in view, the "+k more" row included."""
        texts = [label.text for _, label in self.items]
        if self._more is not None:
            texts.append(self._more.text)
        return tuple(texts)

    # ---------------------------------------------------------------- filling
    def addItem(self, item: pg.PlotCurveItem, name: str) -> None:
        """pyqtgraph: add an entry, its label with no text margin."""
        super().addItem(item, name)
        _sample, label = self.items[-1]
        _tighten(label)
        self.updateSize()

    def set_entries(
        self,
        items: Sequence[pg.PlotCurveItem],
        labels: Sequence[str],
        budget: tuple[float, float],
        keep: Sequence[int] = (),
    ) -> None:
        """Show ``labels`` for ``items`` within ``budget = (width, height)`` px.

        When not all fit, the entries ``keep`` (the selected curve) stay,
        then the first others; the rest are counted in a "+k more" row.
        """
        key = (tuple(map(id, items)), tuple(labels), *map(int, budget), tuple(keep))
        if key == self._key:
            return
        width, height = budget
        content = (key[0], key[1], key[-1])
        if (
            content == self._whole and self.width() <= width and self.height() <= height
        ):  # every entry already shown whole, and still within the new budget
            self._key = key
            self.fits = True
            return
        labels = list(labels)
        first = [i for i in keep if 0 <= i < len(labels)]
        priority = first + [i for i in range(len(labels)) if i not in first]
        chars = max((len(label) for label in labels), default=0)
        count = len(labels)
        while True:
            chosen = sorted(priority[:count])
            self._fill(
                [items[i] for i in chosen], [_cut(labels[i], chars) for i in chosen]
            )
            if count < len(labels):
                self._add_more(len(labels) - count)
            if self.height() > height and count > 1:
                count -= 1 if count < len(labels) else 2  # the "+k" row takes one
                count = max(count, 1)
                continue
            if self.width() > width and chars > MIN_CHARS:
                chars = max(MIN_CHARS, int(chars * width / self.width()) - 1)
                continue
            break
        self._key = key
        self.fits = self.width() <= width and self.height() <= height
        cut = count < len(labels) or any(len(x) > chars for x in labels)
        self._whole = content if self.fits and not cut else ()
        self.setToolTip("\n".join(labels) if cut else "")

    def _fill(self, items: Sequence[pg.PlotCurveItem], labels: Sequence[str]) -> None:
        self.clear()
        self._drop_more()
        for item, label in zip(items, labels, strict=False):
            self.addItem(item, label)

    def _add_more(self, hidden: int) -> None:
        more = pg.LabelItem(
            QCoreApplication.translate("CompactLegend", "+{count} more").format(
                count=hidden
            ),
            color=self.opts["labelTextColor"],
            justify="left",
            size=self.opts["labelTextSize"],
            italic=True,
        )
        _tighten(more)
        self.layout.addItem(more, self.layout.rowCount(), 0, 1, 2)
        self._more = more
        self.updateSize()

    def _drop_more(self) -> None:
        if self._more is not None:
            self._removeItemFromLayout(self._more)
            self._more = None

    def clear(self) -> None:
        """pyqtgraph: remove every entry (and the "+k more" row)."""
        super().clear()
        self._drop_more()
        self._key = ()
        self._whole = ()

    # ---------------------------------------------------------------- styling
    def set_text_colour(self, colour: QColor) -> None:
        """Every label, made before or after, in ``colour``."""
        self.setLabelTextColor(colour)
        for _sample, label in self.items:
            label.setText(label.text, color=colour)
        if self._more is not None:
            self._more.setText(self._more.text, color=colour, italic=True)

    def updateSize(self) -> None:
        """pyqtgraph: fit the box to the rows (margins included)."""
        if self.size is not None:
            return
        left, top, right, bottom = self.layout.getContentsMargins()
        height = top + bottom
        width = 0.0
        for row in range(self.layout.rowCount()):
            cells: list[QGraphicsLayoutItem] = []
            for col in range(self.layout.columnCount()):
                item = self.layout.itemAt(row, col)
                if item is not None and all(item is not c for c in cells):
                    cells.append(item)
            hints = [c.effectiveSizeHint(Qt.SizeHint.PreferredSize) for c in cells]
            gaps = self.layout.horizontalSpacing() * max(len(hints) - 1, 0)
            row_width = sum(h.width() for h in hints) + gaps
            row_height = max((h.height() for h in hints), default=0.0)
            width = max(width, row_width)
            height += row_height
        self.setGeometry(0, 0, width + left + right, height)


def _tighten(label: pg.LabelItem) -> None:
    """No text margin around ``label`` (pyqtgraph leaves 4 px on each side)."""
    label.item.document().setDocumentMargin(0)
    label.updateMin()
