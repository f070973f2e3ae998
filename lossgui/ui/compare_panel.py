"""``ComparePanel``: the current numbers under every related loss, side by side.

A table (objectName ``compareTable``) with one row per loss from
:func:`lossgui.session.loss_compare.compare`: its reduced value, then each
sample's loss with its rank (1 = hardest), its gradient step size, or how
much one SGD step changes it. Ranks that differ from the session's own
loss are tinted. The :class:`SgdControls` above it step the session.
Computed only while the panel is visible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lossgui.session import Evaluation
from lossgui.session.receipt import short
from lossgui.ui.naming import named
from lossgui.ui.sgd_controls import SgdControls

if TYPE_CHECKING:
    from lossgui.session.loss_compare import CompareRow, Comparison

# lossgui.session.loss_compare is imported on the first comparison, not at
# start-up: the panel starts behind the Curves tab.

__all__ = ["AUTO_ELEMENTS", "MAX_SAMPLES", "SHOW", "ComparePanel"]

#: Samples shown as columns (the first ones of the batch).
MAX_SAMPLES = 12
#: Bigger sessions are compared on request (Refresh), not after every edit.
AUTO_ELEMENTS = 100_000
SHOW = {
    "loss": "Loss per sample (rank)",
    "step": "Step size ‖lr·∂L/∂z‖ per sample",
    "change": "Loss change after one step",
}
_RANK_TINT = QColor(230, 126, 34, 70)


class ComparePanel(QWidget):
    """See the module docstring.

    Signals
    -------
    message(str)
        Status-bar text (from the SGD controls).
    """

    message = Signal(str)

    def __init__(self, controller, parent=None):
        super().__init__(parent)
        self.setObjectName("comparePanel")
        self._controller = controller
        self._dirty = True
        self.comparison: Comparison | None = None
        self.sgd = SgdControls(controller)
        self.sgd.message.connect(self.message)
        self.sgd.lr_spin.valueChanged.connect(lambda _v: self.refresh())
        self.show_combo = named(QComboBox(), "compareShow")
        for key, text in SHOW.items():
            self.show_combo.addItem(text, key)
        self.show_combo.currentIndexChanged.connect(lambda _i: self._fill())
        self.table = named(QTableWidget(), "compareTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.caption = named(QLabel(), "compareCaption")
        self.caption.setWordWrap(True)
        self.refresh_button = named(QPushButton("Refresh"), "compareRefresh")
        self.refresh_button.setToolTip("Compare again (large batches wait for this)")
        self.refresh_button.clicked.connect(lambda _=False: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.show_combo, 1)
        top.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.sgd)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.caption)

    # ------------------------------------------------------------------ input
    def show_evaluation(self, _evaluation: Evaluation) -> None:
        """Evaluation view hook: recompute now if visible, else when shown."""
        self._dirty = True
        if self._on_screen():
            self._catch_up()

    def _on_screen(self) -> bool:
        """Visible and not behind another dock tab (those keep isVisible())."""
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def on_visibility(self, visible: bool) -> None:
        """Dock visibility/tab switch: catch up with edits made while hidden."""
        if visible and self._dirty:
            self._catch_up()

    def showEvent(self, event):
        """Qt: catch up with edits made while hidden (not behind another tab)."""
        super().showEvent(event)
        if self._dirty and self._on_screen():
            self._catch_up()

    def _catch_up(self) -> None:
        """Refresh now, or (large batches) ask for Refresh."""
        doc = self._controller.document
        if doc.array(doc.first_name).size <= AUTO_ELEMENTS:
            self.refresh()
        else:
            self.caption.setText(
                "Large batch: press Refresh to compare the losses on these numbers."
            )

    def refresh(self) -> None:
        """Compare the current document under every related loss."""
        from lossgui.session.loss_compare import compare  # deferred, see top

        self._dirty = False
        self.comparison = compare(self._controller.document, self.sgd.lr)
        self._fill()

    # ---------------------------------------------------------------- drawing
    def _mode(self) -> str:
        return str(self.show_combo.currentData())

    def _cells(self, row: CompareRow, mode: str) -> list[str]:
        count = min(len(row.per_sample), MAX_SAMPLES)
        if mode == "loss":
            return [
                f"{short(float(row.per_sample[i]), 4)}  #{row.ranks[i]}"
                for i in range(count)
            ]
        values = row.grad_norm * self.sgd.lr if mode == "step" else row.change
        return [short(float(values[i]), 4) for i in range(count)]

    def _fill(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        mode = self._mode()
        samples = min(comparison.samples, MAX_SAMPLES)
        headers = ["Loss", f"{comparison.reduction}"] + [
            f"#{i}" for i in range(samples)
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(comparison.rows))
        self.table.setHorizontalHeaderLabels(headers)
        base = comparison.rows[0].ranks
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, row in enumerate(comparison.rows):
            label = QTableWidgetItem(row.label)
            label.setToolTip(row.error or row.call)
            value = QTableWidgetItem("error" if row.error else short(row.value, 5))
            value.setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
            value.setToolTip(row.error or f"{row.call}\n= {row.value!r}")
            items = [label, value]
            for i, text in enumerate(self._cells(row, mode)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                )
                if mode == "loss" and not row.current and row.ranks[i] != base[i]:
                    item.setBackground(QBrush(_RANK_TINT))
                    item.setToolTip(
                        f"rank {row.ranks[i]} here, {base[i]} in the session's loss"
                    )
                items.append(item)
            for c, item in enumerate(items):
                if row.current:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.caption.setText(self._caption(comparison, mode))

    def _caption(self, comparison: Comparison, mode: str) -> str:
        kinds = {
            "binary": "logits with 0/1 targets",
            "multiclass": "logits with class labels",
            "regression": "predictions and targets",
            "other": "this loss only (no related losses to compare)",
        }
        more = (
            f" Showing the first {MAX_SAMPLES} of {comparison.samples} samples."
            if comparison.samples > MAX_SAMPLES
            else ""
        )
        what = {
            "loss": "Rank 1 is the hardest sample; tinted ranks differ from the "
            "session's loss.",
            "step": f"How far one SGD step (lr={short(comparison.lr)}) moves each "
            "sample's logits.",
            "change": f"Each sample's loss after one SGD step (lr="
            f"{short(comparison.lr)}) minus before: focal and smoothed losses "
            "spend the step differently on easy and hard samples.",
        }[mode]
        finite = [r.value for r in comparison.rows if np.isfinite(r.value)]
        equal = len(finite) - len({round(v, 6) for v in finite})
        same = (
            f" {equal + 1} rows share a value: the same loss in another form."
            if equal
            else ""
        )
        return f"{kinds[comparison.kind].capitalize()}.{same} {what}{more}"
