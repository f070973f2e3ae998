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

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.session import Evaluation
from lossgui.session.receipt import short
from lossgui.ui.naming import named
from lossgui.ui.sgd_controls import SgdControls

if TYPE_CHECKING:
    import numpy as np

    from lossgui.session.loss_compare import CompareRow, Comparison
    from lossgui.ui.controller import SessionController

# lossgui.session.loss_compare is imported on the first comparison, not at
# start-up: the panel starts behind the Curves tab.

__all__ = ["AUTO_ELEMENTS", "MAX_SAMPLES", "SHOW", "ComparePanel"]

#: Samples shown as columns (the first ones of the batch).
MAX_SAMPLES = 12
#: Bigger sessions are compared on request (Refresh), not after every edit.
AUTO_ELEMENTS = 100_000
#: Mode -> its name in the Show box (English; translated where shown).
SHOW = {
    "loss": QT_TRANSLATE_NOOP("ComparePanel", "Loss per sample (rank)"),
    "step": QT_TRANSLATE_NOOP("ComparePanel", "Step size ‖lr·∂L/∂z‖ per sample"),
    "change": QT_TRANSLATE_NOOP("ComparePanel", "Loss change after one step"),
}
_RANK_TINT = QColor(230, 126, 34, 70)
#: The "How" column (last) starts this wide, stretches to the table's edge and
#: wraps its notes; the full note is its tooltip too.
NOTE_WIDTH = 220


class ComparePanel(QWidget):
    """See the module docstring.

    Signals
    -------
    message(str)
        Status-bar text (from the SGD controls).
    """

    message = Signal(str)

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
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
            self.show_combo.addItem(
                QCoreApplication.translate("ComparePanel", text), key
            )
        self.show_combo.currentIndexChanged.connect(lambda _i: self._on_show_changed())
        self.table = named(QTableWidget(), "compareTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        # the notes (last column) take the spare width and wrap; rows follow
        self.table.setWordWrap(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.caption = named(QLabel(), "compareCaption")
        self.caption.setWordWrap(True)
        self.refresh_button = named(
            QPushButton(QCoreApplication.translate("ComparePanel", "Refresh")),
            "compareRefresh",
        )
        self.refresh_button.setToolTip(
            QCoreApplication.translate(
                "ComparePanel", "Compare again (large batches wait for this)"
            )
        )
        self.refresh_button.clicked.connect(lambda _=False: self.refresh())
        top = QHBoxLayout()
        top.addWidget(QLabel(QCoreApplication.translate("ComparePanel", "Show")))
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

    def showEvent(self, event: QShowEvent) -> None:
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
                QCoreApplication.translate(
                    "ComparePanel",
                    "Large batch: press Refresh to compare the losses on these "
                    "numbers.",
                )
            )

    def refresh(self) -> None:
        """Compare the current document under every related loss."""
        from lossgui.session.loss_compare import compare  # deferred, see top

        self._dirty = False
        # the one-step change (an SGD step and a second evaluation per row)
        # only while it is shown
        change = self._mode() == "change"
        self.comparison = compare(self._controller.document, self.sgd.lr, change)
        self._fill()

    def _on_show_changed(self) -> None:
        """Another column set: compute the change first if it is now shown."""
        missing = self.comparison is not None and not self.comparison.has_change
        if missing and self._mode() == "change":
            self.refresh()
            return
        self._fill()

    # ---------------------------------------------------------------- drawing
    def _mode(self) -> str:
        return str(self.show_combo.currentData())

    def _cells(self, row: CompareRow, mode: str, count: int) -> list[str]:
        """The per-sample texts of ``row`` (blank where it has no value)."""
        if row.absent:
            return [""] * count
        if mode == "loss":
            return [
                f"{short(row.per_sample[i])}  #{row.ranks[i]}"
                if i < len(row.per_sample)
                else ""
                for i in range(count)
            ]
        values = row.grad_norm * self.sgd.lr if mode == "step" else row.change
        return [short(values[i]) if i < len(values) else "" for i in range(count)]

    def _fill(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        mode = self._mode()
        samples = min(comparison.samples, MAX_SAMPLES)
        headers = [
            QCoreApplication.translate("ComparePanel", "Loss"),
            f"{comparison.reduction}",
            *(f"#{i}" for i in range(samples)),
            QCoreApplication.translate("ComparePanel", "How"),
        ]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setRowCount(len(comparison.rows))
        self.table.setHorizontalHeaderLabels(headers)
        base = comparison.rows[0].ranks
        bold = QFont(self.table.font())
        bold.setBold(True)
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for r, row in enumerate(comparison.rows):
            items = [self._label_item(row), self._value_item(row)]
            for i, text in enumerate(self._cells(row, mode, samples)):
                item = QTableWidgetItem(text)
                item.setTextAlignment(right)
                if self._rank_differs(row, base, i, mode):
                    item.setBackground(QBrush(_RANK_TINT))
                    item.setToolTip(
                        QCoreApplication.translate(
                            "ComparePanel",
                            "rank {here} here, {base} in the session's loss",
                        ).format(here=row.ranks[i], base=base[i])
                    )
                items.append(item)
            items.append(self._note_item(row))  # last: it takes the spare width
            for c, item in enumerate(items):
                if row.current:
                    item.setFont(bold)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        note = len(headers) - 1
        if self.table.columnWidth(note) > NOTE_WIDTH:
            self.table.setColumnWidth(note, NOTE_WIDTH)
        self.caption.setText(self._caption(comparison, mode))

    @staticmethod
    def _rank_differs(row: CompareRow, base: np.ndarray, i: int, mode: str) -> bool:
        """Whether sample ``i`` ranks differently here than in the session."""
        if mode != "loss" or row.current or row.absent:
            return False
        return i < len(row.ranks) and i < len(base) and row.ranks[i] != base[i]

    @staticmethod
    def _label_item(row: CompareRow) -> QTableWidgetItem:
        item = QTableWidgetItem(row.label)
        item.setToolTip(row.error or row.call or row.note)
        return item

    @staticmethod
    def _value_item(row: CompareRow) -> QTableWidgetItem:
        if row.absent:
            item = QTableWidgetItem("—")
            item.setToolTip(
                QCoreApplication.translate(
                    "ComparePanel", "Not computed: {note}"
                ).format(note=row.note)
            )
        elif row.error:
            item = QTableWidgetItem(QCoreApplication.translate("ComparePanel", "error"))
            item.setToolTip(row.error)
        else:
            item = QTableWidgetItem(short(row.value))
            item.setToolTip(f"{row.call}\n= {row.value!r}")
        item.setTextAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        return item

    @staticmethod
    def _note_item(row: CompareRow) -> QTableWidgetItem:
        text = (
            QCoreApplication.translate("ComparePanel", "not applicable: {note}").format(
                note=row.note
            )
            if row.absent
            else row.note
        )
        item = QTableWidgetItem(text)
        item.setToolTip(text)
        return item

    def _caption(self, comparison: Comparison, mode: str) -> str:
        from lossgui.session.loss_compare import agreeing  # deferred, see top

        more = (
            QCoreApplication.translate(
                "ComparePanel", " Showing the first {shown} of {samples} samples."
            ).format(shown=MAX_SAMPLES, samples=comparison.samples)
            if comparison.samples > MAX_SAMPLES
            else ""
        )
        lr = short(comparison.lr)
        if mode == "loss":
            what = QCoreApplication.translate(
                "ComparePanel",
                "Rank 1 is the hardest sample; tinted ranks differ from the "
                "session's loss.",
            )
        elif mode == "step":
            what = QCoreApplication.translate(
                "ComparePanel",
                "How far one SGD step (lr={lr}) moves each sample's logits.",
            ).format(lr=lr)
        else:
            what = QCoreApplication.translate(
                "ComparePanel",
                "Each sample's loss after one SGD step (lr={lr}) minus before: focal "
                "and smoothed losses spend the step differently on easy and hard "
                "samples.",
            ).format(lr=lr)
        same = "".join(
            QCoreApplication.translate(
                "ComparePanel", " {losses} agree: the same loss in another form."
            ).format(losses=_listed(group))
            for group in agreeing(comparison)
        )
        data = comparison.data or comparison.kind
        return QCoreApplication.translate(
            "ComparePanel", "{data}.{same} {what}{more}"
        ).format(data=f"{data[:1].upper()}{data[1:]}", same=same, what=what, more=more)


def _listed(labels: list[str]) -> str:
    """``"a, b and c"``."""
    if len(labels) == 1:
        return labels[0]
    return QCoreApplication.translate("ComparePanel", "{first} and {last}").format(
        first=QCoreApplication.translate("ComparePanel", ", ").join(labels[:-1]),
        last=labels[-1],
    )
