"""The "Hardest samples" panel: every sample ranked by its loss, largest first.

A virtual table over one ``argsort`` (:func:`lossgui.session.hardest.hardest_order`),
recomputed only while the panel is visible, so a million samples rank in a
fraction of a second and scroll smoothly. Double-clicking a row selects that
sample in the tensor grids.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QTableView, QVBoxLayout, QWidget

from lossgui.engine.registry import LOSSES
from lossgui.io.cells import format_exact
from lossgui.session import Evaluation
from lossgui.session.hardest import hardest_order, per_sample_loss
from lossgui.session.layout import target_name
from lossgui.session.receipt import short

__all__ = ["HardestModel", "HardestPanel"]

Index = QModelIndex | QPersistentModelIndex
_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class HardestModel(QAbstractTableModel):
    """Rank, sample, loss and (per-sample) target, sorted by loss descending."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.order = np.zeros(0, dtype=np.intp)
        self.losses = np.zeros(0)
        self.targets: np.ndarray | None = None
        self.headers = [
            QCoreApplication.translate("HardestPanel", "sample"),
            QCoreApplication.translate("HardestPanel", "loss"),
        ]

    def set_data(
        self, losses: npt.ArrayLike, how: str, targets: np.ndarray | None
    ) -> None:
        """Rank ``losses`` (one per sample) and show them."""
        self.beginResetModel()
        self.losses = np.asarray(losses)
        self.order = hardest_order(self.losses)
        self.targets = targets
        self.headers = [
            QCoreApplication.translate("HardestPanel", "sample"),
            QCoreApplication.translate("HardestPanel", "loss")
            if how == "loss"
            else QCoreApplication.translate("HardestPanel", "loss (row sum)"),
        ]
        if targets is not None:
            self.headers.append(QCoreApplication.translate("HardestPanel", "target"))
        self.endResetModel()

    def clear(self) -> None:
        """Show nothing (torch refused the input, or no per-sample losses)."""
        self.set_data(np.zeros(0), "loss", None)

    def rowCount(self, parent: Index | None = None) -> int:
        """Qt: one row per sample."""
        return 0 if parent is not None and parent.isValid() else int(self.order.size)

    def columnCount(self, parent: Index | None = None) -> int:
        """Qt: sample, loss and target."""
        return 0 if parent is not None and parent.isValid() else len(self.headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt: the sample index, its loss or its target."""
        if not index.isValid() or index.row() >= self.order.size:
            return None
        sample = int(self.order[index.row()])
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if column == 0:
            return str(sample)
        if column == 1:
            value = self.losses[sample]
            return (
                short(float(value))
                if role == Qt.ItemDataRole.DisplayRole
                else format_exact(value)
            )
        assert self.targets is not None
        return format_exact(self.targets[sample].item())

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        """Qt: column titles, and ranks (1 = hardest) down the side."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return self.headers[section] if section < len(self.headers) else None


class HardestPanel(QWidget):
    """Samples ranked by loss; a view that receives every evaluation.

    Parameters
    ----------
    on_activate : callable
        Called with a sample index when a row is double-clicked.
    """

    def __init__(
        self,
        on_activate: Callable[[int], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("hardestPanel")
        self._evaluation: Evaluation | None = None
        self._stale = False
        self._on_activate = on_activate
        self.caption = QLabel()
        self.caption.setObjectName("hardestCaption")
        self.caption.setWordWrap(True)
        self.model = HardestModel(self)
        self.view = QTableView()
        self.view.setObjectName("hardestTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setDefaultSectionSize(
            self.fontMetrics().height() + 8
        )
        self.view.setToolTip(
            QCoreApplication.translate(
                "HardestPanel",
                "Samples by their unreduced loss, largest first; double-click one "
                "to select it in the grids.",
            )
        )
        self.view.doubleClicked.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.caption)
        layout.addWidget(self.view, 1)

    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation; rank it now if visible, else when shown."""
        self._evaluation = evaluation
        self._stale = True
        if self.isVisible():
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        """Qt: rank the latest evaluation when the panel appears."""
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Rank the samples of the latest evaluation."""
        self._stale = False
        evaluation = self._evaluation
        found = None if evaluation is None else per_sample_loss(evaluation)
        if evaluation is None or found is None:
            self.model.clear()
            self.caption.setText(
                QCoreApplication.translate(
                    "HardestPanel", "No per-sample losses: torch refuses the input."
                )
                if evaluation and not evaluation.ok
                else QCoreApplication.translate(
                    "HardestPanel", "This loss has no per-sample values."
                )
            )
            return
        losses, how = found
        targets = None
        name = target_name(LOSSES[evaluation.loss])
        inputs = dict(evaluation.inputs)
        if (
            name in inputs
            and inputs[name].ndim == 1
            and inputs[name].shape[0] == losses.shape[0]
        ):
            targets = inputs[name]
        self.model.set_data(losses, how, targets)
        nan = int(np.isnan(losses).sum())
        if how == "loss":
            caption = QCoreApplication.translate(
                "HardestPanel", "{count} samples by loss, largest first."
            )
            with_nan = QCoreApplication.translate(
                "HardestPanel",
                "{count} samples by loss, largest first; {nan} NaN first.",
            )
        else:
            caption = QCoreApplication.translate(
                "HardestPanel",
                "{count} samples by the sum of their row’s losses, largest first.",
            )
            with_nan = QCoreApplication.translate(
                "HardestPanel",
                "{count} samples by the sum of their row’s losses, largest first; "
                "{nan} NaN first.",
            )
        self.caption.setText(
            (with_nan if nan else caption).format(
                count=f"{losses.size:,}", nan=f"{nan:,}"
            )
        )

    def _activated(self, index: QModelIndex) -> None:
        if self._on_activate is not None and index.isValid():
            self._on_activate(int(self.model.order[index.row()]))
