"""``SgdControls``: one gradient step on the logits, or an animated series.

"Step" applies ``z ← z − lr·∂L/∂z`` once; "Animate" repeats it on a timer
so every panel (results, curves, explanation, comparison) shows how the
loss moves easy and hard samples. Each step is an undo command; the steps
of one animation merge into a single undo step.
"""

from __future__ import annotations

from itertools import count
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lossgui.session.receipt import short
from lossgui.session.sgd import sgd_step
from lossgui.ui.commands import DocumentCommand
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.session import SessionDocument
    from lossgui.ui.controller import SessionController

__all__ = ["SgdCommand", "SgdControls"]

_SGD_ID = 0x5617
_RUNS = count(1)


class SgdCommand(DocumentCommand):
    """One SGD step; consecutive steps of the same run merge into one undo step."""

    def __init__(
        self,
        controller: SessionController,
        before: SessionDocument,
        after: SessionDocument,
        lr: float,
        run: int,
    ) -> None:
        super().__init__(
            controller,
            before,
            after,
            QCoreApplication.translate("SgdControls", "SGD step (lr={lr})").format(
                lr=short(lr)
            ),
        )
        self.lr = lr
        self.run = run
        self.steps = 1

    def id(self) -> int:
        """Qt: the merge id of SGD steps."""
        return _SGD_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Qt: fold the next step of the same run into this one."""
        if not isinstance(other, SgdCommand) or other.run != self.run:
            return False
        self._after = other._after
        self.steps += other.steps
        self.setText(
            QCoreApplication.translate(
                "SgdControls", "{steps} SGD steps (lr={lr})"
            ).format(steps=self.steps, lr=short(self.lr))
        )
        return True


class SgdControls(QWidget):
    """Learning rate, "Step" and "Animate n steps".

    Signals
    -------
    message(str)
        What happened, for the status bar.
    """

    message = Signal(str)

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._run = 0
        self._left = 0
        self.lr_spin = named(QDoubleSpinBox(), "learningRateSpin")
        self.lr_spin.setRange(1e-4, 1000.0)
        self.lr_spin.setDecimals(4)
        self.lr_spin.setValue(1.0)
        self.lr_spin.setToolTip(
            QCoreApplication.translate(
                "SgdControls", "Learning rate of the SGD step: z ← z − lr·∂L/∂z"
            )
        )
        self.step_button = named(
            QPushButton(QCoreApplication.translate("SgdControls", "Step")),
            "sgdStepButton",
        )
        self.step_button.setToolTip(
            QCoreApplication.translate(
                "SgdControls", "Apply one SGD step to the logits (undoable)"
            )
        )
        self.step_button.clicked.connect(self.step)
        self.steps_spin = named(QSpinBox(), "sgdStepsSpin")
        self.steps_spin.setRange(1, 1000)
        self.steps_spin.setValue(20)
        self.steps_spin.setToolTip(
            QCoreApplication.translate(
                "SgdControls", "How many steps the animation takes"
            )
        )
        self.animate_button = named(
            QPushButton(QCoreApplication.translate("SgdControls", "Animate")),
            "sgdAnimateButton",
        )
        self.animate_button.setCheckable(True)
        self.animate_button.setToolTip(
            QCoreApplication.translate(
                "SgdControls", "Take the steps one by one (one undo step)"
            )
        )
        self.animate_button.toggled.connect(self._on_animate_toggled)
        self.timer = QTimer(self)
        self.timer.setInterval(150)
        self.timer.timeout.connect(self._tick)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel("lr"))
        layout.addWidget(self.lr_spin)
        layout.addWidget(self.step_button)
        layout.addWidget(self.steps_spin)
        layout.addWidget(self.animate_button)
        layout.addStretch(1)

    @property
    def lr(self) -> float:
        """The learning rate."""
        return float(self.lr_spin.value())

    def step(self, run: int | None = None) -> bool:
        """Apply one SGD step; False (with a message) if there is no gradient.

        While a background job holds editing off (the controller is read-only)
        no step is taken, and an animation stops.
        """
        controller = self._controller
        if controller.read_only:
            self.message.emit(
                QCoreApplication.translate(
                    "SgdControls", "SGD step waits: a background job is running"
                )
            )
            return False
        before = controller.document.copy()
        try:
            after = sgd_step(before, self.lr)
        except ValueError as exc:
            self.message.emit(
                QCoreApplication.translate(
                    "SgdControls", "SGD step refused: {reason}"
                ).format(reason=exc)
            )
            return False
        run = next(_RUNS) if run is None or isinstance(run, bool) else run
        controller.undo_stack.push(SgdCommand(controller, before, after, self.lr, run))
        value = after.evaluate().value
        if value is None or value.ndim:
            text = QCoreApplication.translate(
                "SgdControls", "SGD step with lr={lr}"
            ).format(lr=short(self.lr))
        else:
            text = QCoreApplication.translate(
                "SgdControls", "SGD step with lr={lr}: loss {loss}"
            ).format(lr=short(self.lr), loss=short(float(value)))
        self.message.emit(text)
        return True

    def _on_animate_toggled(self, on: bool) -> None:
        if on:
            self._run = next(_RUNS)
            self._left = self.steps_spin.value()
            self.animate_button.setText(
                QCoreApplication.translate("SgdControls", "Stop")
            )
            self.timer.start()
        else:
            self.timer.stop()
            self.animate_button.setText(
                QCoreApplication.translate("SgdControls", "Animate")
            )

    def _tick(self) -> None:
        if self._left <= 0 or not self.step(self._run):
            self.animate_button.setChecked(False)
            return
        self._left -= 1
        if self._left <= 0:
            self.animate_button.setChecked(False)
