"""The row of controls above the curve plots: mode, x range, x axis, export.

Widgets only: every change is a signal the :class:`CurvesPanel` handles.
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QWidget,
)

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.ui.naming import named

__all__ = ["AXES", "MODES", "CurveControls"]

#: (key, text, tooltip) of the three modes (English; translated where shown).
MODES = (
    (
        "batch",
        QT_TRANSLATE_NOOP("CurveControls", "Batch"),
        QT_TRANSLATE_NOOP(
            "CurveControls",
            "The current loss: one curve per kind of element, batch marked.",
        ),
    ),
    (
        "compare",
        QT_TRANSLATE_NOOP("CurveControls", "Compare"),
        QT_TRANSLATE_NOOP(
            "CurveControls", "Overlay several losses or parameter settings."
        ),
    ),
    (
        "numerics",
        QT_TRANSLATE_NOOP("CurveControls", "Numerics"),
        QT_TRANSLATE_NOOP(
            "CurveControls",
            "BCELoss on a sigmoid vs BCEWithLogitsLoss in float32 and float64.",
        ),
    ),
)
#: (key, text) of the x-axis choices (English; translated where shown).
AXES = (
    ("logit", QT_TRANSLATE_NOOP("CurveControls", "vs input")),
    ("p_true", QT_TRANSLATE_NOOP("CurveControls", "vs p(true)")),
)


def _spin(name: str, value: float, tip: str) -> QDoubleSpinBox:
    box = named(QDoubleSpinBox(), name)
    box.setRange(-1000.0, 1000.0)
    box.setDecimals(2)
    box.setSingleStep(1.0)
    box.setValue(value)
    box.setKeyboardTracking(False)
    box.setToolTip(tip)
    box.setMaximumWidth(box.fontMetrics().horizontalAdvance("-1000.00") + 28)
    return box


class CurveControls(QWidget):
    """Mode, range and axis selectors, and the export button.

    Signals
    -------
    modeChanged(str)
        ``"batch"``, ``"compare"`` or ``"numerics"``.
    rangeChanged(float, float)
        The swept interval, low and high.
    axisChanged(str)
        ``"logit"`` or ``"p_true"``.
    fitRequested()
        Set the range to cover the batch.
    targetChanged(float)
        The target ``y`` of the numerics view.
    """

    modeChanged = Signal(str)
    rangeChanged = Signal(float, float)
    axisChanged = Signal(str)
    fitRequested = Signal()
    targetChanged = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = named(QComboBox(), "curveMode")
        for key, text, tip in MODES:
            self.mode.addItem(QCoreApplication.translate("CurveControls", text), key)
            self.mode.setItemData(
                self.mode.count() - 1,
                QCoreApplication.translate("CurveControls", tip),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.mode.setToolTip(
            QCoreApplication.translate("CurveControls", "What the plots show.")
        )
        self.low = _spin(
            "curveXMin",
            -6.0,
            QCoreApplication.translate("CurveControls", "Left end of the swept range."),
        )
        self.high = _spin(
            "curveXMax",
            6.0,
            QCoreApplication.translate(
                "CurveControls", "Right end of the swept range."
            ),
        )
        self.axis = named(QComboBox(), "curveXAxis")
        for key, text in AXES:
            self.axis.addItem(QCoreApplication.translate("CurveControls", text), key)
        self.axis.setToolTip(
            QCoreApplication.translate(
                "CurveControls",
                "Plot against the swept value, or against the probability the model "
                "gives the true class (p_t of the focal-loss paper).",
            )
        )
        self.fit = named(
            QPushButton(QCoreApplication.translate("CurveControls", "Fit")), "curveFit"
        )
        self.fit.setToolTip(
            QCoreApplication.translate(
                "CurveControls", "Set the range to cover every value in the batch."
            )
        )
        self.target_label = QLabel("y")
        self.target = _spin(
            "numericsTarget",
            1.0,
            QCoreApplication.translate("CurveControls", "Target of the numerics view."),
        )
        self.target.setRange(0.0, 1.0)
        self.target.setSingleStep(1.0)
        self.export = named(QToolButton(), "curveExport")
        self.export.setText(QCoreApplication.translate("CurveControls", "Export"))
        self.export.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.export.setToolTip(
            QCoreApplication.translate(
                "CurveControls", "Save the plots as PNG or SVG, or the curves as CSV."
            )
        )

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.mode)
        layout.addWidget(QLabel("x"))
        layout.addWidget(self.low)
        layout.addWidget(QLabel("…"))
        layout.addWidget(self.high)
        layout.addWidget(self.axis)
        layout.addWidget(self.fit)
        layout.addWidget(self.target_label)
        layout.addWidget(self.target)
        layout.addStretch(1)
        layout.addWidget(self.export)

        self.mode.currentIndexChanged.connect(
            lambda _i: self.modeChanged.emit(self.current_mode())
        )
        self.low.valueChanged.connect(self._emit_range)
        self.high.valueChanged.connect(self._emit_range)
        self.axis.currentIndexChanged.connect(
            lambda _i: self.axisChanged.emit(self.current_axis())
        )
        self.fit.clicked.connect(self.fitRequested)
        self.target.valueChanged.connect(self.targetChanged)
        self.show_mode_widgets("batch")

    def current_mode(self) -> str:
        """The selected mode key."""
        return str(self.mode.currentData())

    def current_axis(self) -> str:
        """The selected x-axis key."""
        return str(self.axis.currentData())

    def x_range(self) -> tuple[float, float]:
        """The swept interval as shown."""
        return self.low.value(), self.high.value()

    def set_range(self, low: float, high: float) -> None:
        """Show an interval without emitting :attr:`rangeChanged`."""
        blockers = (QSignalBlocker(self.low), QSignalBlocker(self.high))
        for box, value in ((self.low, low), (self.high, high)):
            if box.value() != value:  # (the same value still repaints the box)
                box.setValue(value)
        del blockers

    def set_axis_available(self, available: bool) -> None:
        """Enable the true-class axis only where the loss has one."""
        # a combo box's own model is a QStandardItemModel
        item = cast(QStandardItemModel, self.axis.model()).item(1)
        if item is not None:
            item.setEnabled(available)
        if not available and self.current_axis() == "p_true":
            self.axis.setCurrentIndex(0)

    def show_mode_widgets(self, mode: str) -> None:
        """Show the controls that apply to ``mode``."""
        self.fit.setVisible(mode == "batch")
        self.target_label.setVisible(mode == "numerics")
        self.target.setVisible(mode == "numerics")

    def _emit_range(self, _value: float) -> None:
        low, high = self.x_range()
        if low < high:
            self.rangeChanged.emit(low, high)
