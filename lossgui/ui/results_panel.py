"""The results: the reduced value, its receipt, torch's words, the per-element grid.

Both widgets here are *views*: they implement ``show_evaluation(evaluation)``
and never compute anything themselves.
"""

from __future__ import annotations

from typing import cast

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from lossgui.engine.registry import LOSSES
from lossgui.io.cells import format_exact
from lossgui.session import Evaluation
from lossgui.session.call_text import call_text
from lossgui.session.receipt import short
from lossgui.ui.elided_label import ElidedLabel
from lossgui.ui.naming import named
from lossgui.ui.result_model import HUES, ResultTableModel
from lossgui.ui.table_views import GridView
from lossgui.ui.tensor_panel import TitledGrid

__all__ = ["ResultEditor", "ResultSummary", "value_text"]

#: The narrowest a wrapped line of the summary gets, in pixels.
WRAP_MIN_WIDTH = 300


def value_text(value: np.ndarray) -> str:
    """The reduced value as shown large, at the window's precision."""
    if value.ndim == 0:
        return short(value[()])
    if value.size <= 4:
        return "[" + ", ".join(short(v) for v in value.ravel()) + "]"
    return QCoreApplication.translate("ResultSummary", "{count} values").format(
        count=value.size
    )


def _is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Window).lightness() < 128


class ResultSummary(QWidget):
    """The reduced value (``lossValue``), the receipt, the torch call and errors."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption_label = named(QLabel(), "valueCaption")
        self.value_label = named(QLabel("—"), "lossValue")
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 2.4)
        font.setBold(True)
        self.value_label.setFont(font)
        self.value_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.value_label.setMinimumWidth(
            self.value_label.fontMetrics().horizontalAdvance("0.000000")
        )
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.receipt_label = named(QLabel(wordWrap=True), "receiptLabel")
        self.receipt_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.call_label = named(
            ElidedLabel(
                QCoreApplication.translate(
                    "ResultSummary", "The PyTorch call that computes this value:\n"
                )
            ),
            "callLabel",
        )
        self.call_label.setFont(mono)
        self.copy_call_button = named(QToolButton(), "copyCallButton")
        self.copy_call_button.setText(
            QCoreApplication.translate("ResultSummary", "Copy")
        )
        self.copy_call_button.setToolTip(
            QCoreApplication.translate(
                "ResultSummary", "Copy this PyTorch call to the clipboard"
            )
        )
        self.copy_call_button.setAutoRaise(True)
        self.copy_call_button.clicked.connect(self.copy_call)
        self.error_label = named(QLabel(wordWrap=True), "errorLabel")
        self.error_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.error_label.hide()
        self.warning_label = named(QLabel(wordWrap=True), "warningLabel")
        self.warning_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.warning_label.hide()
        self.article_label = named(QLabel(wordWrap=True), "articleLabel")
        self.article_label.setTextFormat(Qt.TextFormat.PlainText)
        self.article_label.setToolTip(
            QCoreApplication.translate(
                "ResultSummary",
                "What the article this example comes from printed, checked against "
                "the value computed here (details in the Example tab).",
            )
        )
        self.article_label.hide()
        for label in (
            self.receipt_label,
            self.error_label,
            self.warning_label,
            self.article_label,
        ):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
            # wrapped text measured at a sane width: a narrow guess would ask
            # for a tall window
            label.setMinimumWidth(WRAP_MIN_WIDTH)
        call_row = QHBoxLayout()
        call_row.setContentsMargins(0, 0, 0, 0)
        call_row.setSpacing(4)
        call_row.addWidget(self.call_label, 1)
        call_row.addWidget(self.copy_call_button)
        call_row.addStretch(0)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 8, 6)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.caption_label, 0, 0)
        grid.addWidget(self.value_label, 1, 0, 3, 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.receipt_label, 1, 1)
        grid.addLayout(call_row, 2, 1)
        grid.addWidget(self.article_label, 3, 1)
        grid.addWidget(self.error_label, 4, 0, 1, 2)
        grid.addWidget(self.warning_label, 5, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        self._restyle()

    def changeEvent(self, event: QEvent) -> None:
        """Qt: restyle when the palette changes (theme switch)."""
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
        super().changeEvent(event)

    def _restyle(self) -> None:
        if _is_dark(self):
            error = "background:#4a1f1f; color:#ffc9c9; border:1px solid #b04a4a;"
            muted = "#b9b9b9"
        else:
            error = "background:#fdecea; color:#8a1f11; border:1px solid #e0a39b;"
            muted = "#5f6368"
        self.error_label.setStyleSheet(
            f"QLabel {{{error} border-radius:4px; padding:6px;}}"
        )
        self.caption_label.setStyleSheet(f"color:{muted};")
        self.warning_label.setStyleSheet(f"color:{muted};")
        self.article_label.setStyleSheet(f"color:{muted};")

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Show the reduced value, receipt, call and any error or warnings."""
        spec = LOSSES[evaluation.loss]
        self.caption_label.setText(f"{spec.name} · reduction={evaluation.reduction!r}")
        self.call_label.setText(call_text(evaluation))
        if evaluation.error is not None:
            self.value_label.setText(
                QCoreApplication.translate("ResultSummary", "error")
            )
            self.value_label.setToolTip(
                QCoreApplication.translate(
                    "ResultSummary", "torch raises an error for this input"
                )
            )
            self.receipt_label.setText(
                QCoreApplication.translate(
                    "ResultSummary",
                    "torch refuses this input; every cell and control stays editable.",
                )
            )
            self.error_label.setText(evaluation.error.torch_text)
            self.error_label.show()
        else:
            value = np.asarray(evaluation.value)
            self.value_label.setText(value_text(value))
            exact = (
                format_exact(cast(np.floating, value[()]))  # 0-d: its one scalar
                if value.ndim == 0
                else np.array2string(value)
            )
            self.value_label.setToolTip(f"{exact} ({value.dtype})")
            receipt = evaluation.receipt
            self.receipt_label.setText("" if receipt is None else receipt.text)
            if receipt is not None:
                den = (
                    ""
                    if receipt.denominator is None
                    else f" / {format_exact(receipt.denominator)}"
                )
                self.receipt_label.setToolTip(f"{format_exact(receipt.numerator)}{den}")
            self.error_label.hide()
        warnings = evaluation.warnings
        self.warning_label.setVisible(bool(warnings))
        # every warning in full, wrapped: torch's advice is the point of showing it
        self.warning_label.setText("\n".join(f"⚠ UserWarning: {w}" for w in warnings))

    def set_article_note(self, text: str | None) -> None:
        """Show what the example's article printed (None: not an article's example)."""
        self.article_label.setVisible(bool(text))
        self.article_label.setText(text or "")

    def copy_call(self) -> str:
        """Put the whole PyTorch call on the clipboard and return it."""
        text = self.call_label.text()
        QGuiApplication.clipboard().setText(text)
        return text


class ResultEditor(TitledGrid):
    """The per-element results grid (``resultTable``) with its colour legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        view = GridView()
        super().__init__(view, parent)
        view.setObjectName("resultTable")
        # room for "-8.8888e-08 ↑": results carry an arrow after the number
        view.horizontalHeader().setDefaultSectionSize(
            view.fontMetrics().horizontalAdvance("−8.8888e-08 ↑") + 16
        )
        self.model = ResultTableModel(view)
        view.setModel(self.model)
        view.setToolTip(
            QCoreApplication.translate(
                "ResultEditor",
                "Per element: probability, unreduced loss, gradient (read-only).",
            )
        )

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Show the evaluation's per-element numbers."""
        self.model.show_evaluation(evaluation)
        loss = "rgb({},{},{})".format(*HUES["loss"][0])
        up = "rgb({},{},{})".format(*HUES["grad"][1])
        down = "rgb({},{},{})".format(*HUES["grad"][0])
        results = QCoreApplication.translate(
            "ResultEditor", "<b>results</b> per element"
        )
        loss_word = QCoreApplication.translate("ResultEditor", "loss")
        self.title.setText(
            f"{results} &nbsp; "
            f"<span style='color:{loss}'>■</span> {loss_word} &nbsp; "
            f"<span style='color:{down}'>■</span> ∂L&gt;0 &nbsp;"
            f"<span style='color:{up}'>■</span> ∂L&lt;0"
        )
