"""``ExplainPanel``: the selected element's loss, worked out step by step.

A read-only ``QTextBrowser`` (objectName ``explainView``) showing
:func:`lossgui.session.explain.explain` as HTML. It is an evaluation view
(every recompute repaints it) and follows the :class:`ElementTracker`
(every selection repaints it). The digits links in the page set the
application-wide precision (:mod:`lossgui.ui.precision`), the same one as
View > Precision: every view shows the same digits.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QUrl
from PySide6.QtGui import QPalette, QShowEvent
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from lossgui.session import Evaluation, number_format
from lossgui.ui.precision import set_precision

if TYPE_CHECKING:
    from lossgui.session.explain import Explanation

# lossgui.session.explain is imported on first render, not at start-up: the
# panel starts behind the Curves tab and most sessions never show it.

__all__ = ["DIGIT_CHOICES", "ExplainPanel"]

DIGIT_CHOICES = number_format.DIGIT_CHOICES


class ExplainPanel(QTextBrowser):
    """The explanation of one element; see the module docstring."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explainView")
        self.setOpenLinks(False)
        self.anchorClicked.connect(self._on_link)
        self.setMinimumWidth(340)
        # A scroll bar that comes and goes with the page makes every setHtml
        # lay the page out twice (emptied: no bar, full width; filled: bar,
        # narrower): about half of an explained edit's 4 ms. Most pages are
        # longer than the panel, so the bar is there anyway.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.row = 0
        self.column = 0
        self.evaluation: Evaluation | None = None
        self.explanation: Explanation | None = None
        self.html = ""
        self._dirty = False

    @property
    def digits(self) -> int:
        """Significant digits shown: every view's precision."""
        return number_format.significant_digits()

    # ------------------------------------------------------------------ input
    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Evaluation view hook: explain the new numbers."""
        self.evaluation = evaluation
        self._request()

    def set_element(self, row: int, column: int) -> None:
        """Explain grid cell ``(row, column)``."""
        self.row, self.column = row, column
        self._request()

    def set_digits(self, digits: int) -> None:
        """Show ``digits`` significant digits here and in every other view."""
        set_precision(int(digits))
        self._request()

    def refresh(self) -> None:
        """Render now, visible or not."""
        self._render()

    def on_visibility(self, visible: bool) -> None:
        """Dock visibility/tab switch: catch up with what changed while hidden."""
        if visible and self._dirty:
            self._render()

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: catch up with what changed while hidden (not behind another tab)."""
        super().showEvent(event)
        if self._dirty and not self.visibleRegion().isEmpty():
            self._render()

    def _request(self) -> None:
        """Render if on screen; otherwise when the panel next shows."""
        self._dirty = True
        if self.isVisible() and not self.visibleRegion().isEmpty():
            self._render()

    # ---------------------------------------------------------------- drawing
    def _dark(self) -> bool:
        # The application's palette: a panel in a hidden tab may not have
        # received the new one yet.
        base = QApplication.palette().color(QPalette.ColorRole.Base)
        return base.lightness() < 128

    def _header(self) -> str:
        links = " ".join(
            f"<b>{d}</b>" if d == self.digits else f"<a href='digits:{d}'>{d}</a>"
            for d in DIGIT_CHOICES
        )
        return QCoreApplication.translate(
            "ExplainPanel",
            "Select a cell of any grid to explain it. Significant digits (every "
            "view): {links}",
        ).format(links=links)

    def _render(self) -> None:
        if self.evaluation is None:
            return
        from lossgui.session.explain import explain  # deferred, see top
        from lossgui.session.explain.html import DARK, LIGHT, to_html

        self._dirty = False
        self.explanation = explain(self.evaluation, self.row, self.column, self.digits)
        colours = DARK if self._dark() else LIGHT
        bar = self.verticalScrollBar().value()
        html = to_html(self.explanation, colours, self._header())
        if html == self.html:  # same page: keep the laid-out document (~10 ms)
            return
        self.html = html
        self.setHtml(self.html)
        self.verticalScrollBar().setValue(bar)

    def _on_link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("digits:"):
            self.set_digits(int(text.partition(":")[2]))

    def changeEvent(self, event: QEvent) -> None:
        """Qt: repaint in the new colours after a theme switch."""
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
        ):
            self._request()
        super().changeEvent(event)
