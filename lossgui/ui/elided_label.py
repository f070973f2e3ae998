"""``ElidedLabel``: one line of text that ends in "…" when it does not fit.

The whole text is always in the tooltip and is what :meth:`ElidedLabel.text`
returns and what a copy takes, so eliding only changes what is painted.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

__all__ = ["ElidedLabel"]

#: The narrowest an elided label gets: a few characters and the ellipsis.
_MIN_CHARACTERS = "nn.Loss(…"


class ElidedLabel(QLabel):
    """A single-line label that elides on the right; tooltip = the whole text.

    Parameters
    ----------
    tooltip_prefix : str
        Put before the whole text in the tooltip (e.g. what the text is).
    """

    def __init__(self, tooltip_prefix: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prefix = tooltip_prefix
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)

    def setText(self, text: str) -> None:
        """Qt: show ``text`` (elided to the width) with all of it in the tooltip."""
        super().setText(text)
        self.setToolTip(f"{self._prefix}{text}" if text else "")
        # never wider than the whole text: what follows sits right after it
        margins = self.contentsMargins()
        self.setMaximumWidth(
            self.fontMetrics().horizontalAdvance(text)
            + margins.left()
            + margins.right()
            + 2
        )
        self.update()

    def minimumSizeHint(self) -> QSize:
        """Qt: a few characters wide, one line high."""
        width = self.fontMetrics().horizontalAdvance(_MIN_CHARACTERS)
        return QSize(width, super().minimumSizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        """Qt: the text, elided on the right to the label's width."""
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, rect.width()
        )
        painter.drawText(rect, int(self.alignment()), shown)
        painter.end()
