"""``GridControls``: the batch size ``N``, the number of classes ``C``, and grid tools.

Signals
-------
randomRequested, oneHotRequested, fillRequested
    The tool buttons; the main window runs them (they may ask for input).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lossgui.session.edit_labels import random_label, random_tooltip, removal_blocked
from lossgui.session.layout import batch_dropped
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.session import SessionDocument
    from lossgui.ui.controller import SessionController

__all__ = ["MAX_ROWS", "GridControls", "update_remove_actions"]

MAX_ROWS = 10_000_000
MAX_COLUMNS = 100_000


class GridControls(QWidget):
    """Shape spin boxes and the one-hot / random / fill tools."""

    randomRequested = Signal()
    oneHotRequested = Signal()
    fillRequested = Signal()

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.rows_spin = named(QSpinBox(), "rowsSpin")
        self.rows_spin.setRange(1, MAX_ROWS)
        self.rows_spin.setKeyboardTracking(False)
        self.rows_spin.setToolTip(
            QCoreApplication.translate(
                "GridControls", "N: the batch size (rows of every tensor)."
            )
        )
        self.columns_spin = named(QSpinBox(), "columnsSpin")
        self.columns_spin.setRange(1, MAX_COLUMNS)
        self.columns_spin.setKeyboardTracking(False)
        self.columns_label = QLabel(
            QCoreApplication.translate("GridControls", "Classes C")
        )
        self.random_button = named(
            QPushButton(QCoreApplication.translate("GridControls", "Random logits")),
            "randomButton",
        )
        self.random_button.setToolTip(
            QCoreApplication.translate(
                "GridControls", "Replace the logits with seeded random values (Ctrl+R)."
            )
        )
        self.one_hot_button = named(
            QPushButton(QCoreApplication.translate("GridControls", "One-hot…")),
            "oneHotButton",
        )
        self.one_hot_button.setToolTip(
            QCoreApplication.translate(
                "GridControls", "Build one-hot target rows from class indices."
            )
        )
        self.fill_button = named(
            QPushButton(QCoreApplication.translate("GridControls", "Fill column…")),
            "fillButton",
        )
        self.fill_button.setToolTip(
            QCoreApplication.translate(
                "GridControls", "Set every row of the current column to one value."
            )
        )

        self.rows_label = QLabel(QCoreApplication.translate("GridControls", "Rows N"))
        form = QFormLayout()
        form.addRow(self.rows_label, self.rows_spin)
        form.addRow(self.columns_label, self.columns_spin)
        buttons = QGridLayout()
        buttons.addWidget(self.random_button, 0, 0, 1, 2)
        buttons.addWidget(self.one_hot_button, 1, 0)
        buttons.addWidget(self.fill_button, 1, 1)
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addRow(form)
        layout.addRow(buttons)

        self.rows_spin.valueChanged.connect(self._on_shape_changed)
        self.columns_spin.valueChanged.connect(self._on_shape_changed)
        self.random_button.clicked.connect(self.randomRequested)
        self.one_hot_button.clicked.connect(self.oneHotRequested)
        self.fill_button.clicked.connect(self.fillRequested)
        self.sync()

    def _on_shape_changed(self) -> None:
        self._controller.resize(self.rows_spin.value(), self.columns_spin.value())

    def sync(self) -> None:
        """Show the document's N and C."""
        doc = self._controller.document
        for spin, value in (
            (self.rows_spin, doc.rows),
            (self.columns_spin, doc.columns),
        ):
            blocker = QSignalBlocker(spin)
            spin.setValue(value)
            blocker.unblock()
        self.columns_label.setText(
            QCoreApplication.translate("GridControls", "Classes C")
            if doc.class_dim
            else QCoreApplication.translate("GridControls", "Columns C")
        )
        if batch_dropped(doc.spec):  # one unbatched sequence: rows are time steps
            self.rows_label.setText(
                QCoreApplication.translate("GridControls", "Time steps T")
            )
            self.rows_spin.setToolTip(
                QCoreApplication.translate(
                    "GridControls",
                    "T: the time steps (rows of {name}); one sequence, unbatched; at "
                    "least 1.",
                ).format(name=doc.first_name)
            )
        else:
            self.rows_label.setText(
                QCoreApplication.translate("GridControls", "Rows N")
            )
            self.rows_spin.setToolTip(
                QCoreApplication.translate(
                    "GridControls",
                    "N: the batch size (rows of every tensor); at least 1, a batch "
                    "holds one sample or more.",
                )
            )
        self.random_button.setText(random_label(doc))
        self.random_button.setToolTip(random_tooltip(doc))
        self.columns_spin.setToolTip(
            QCoreApplication.translate(
                "GridControls",
                "C: the number of classes (columns of the logits); at least 1.",
            )
            if doc.class_dim
            else QCoreApplication.translate(
                "GridControls",
                "C: columns per sample, at least 1; 1 keeps the tensors 1-D (the "
                "cat/dog example).",
            )
        )


def update_remove_actions(
    rows_action: QAction,
    columns_action: QAction,
    doc: SessionDocument,
    role: str | None,
) -> None:
    """Enable Remove rows/columns where they apply; say why they are disabled.

    ``role`` is the active grid's slot role (``None`` for a results grid).
    A tensor keeps at least one row and one column, so at one the action is
    disabled with the reason in its tooltip and status tip.
    """
    texts = {
        "rows": (
            QCoreApplication.translate(
                "GridControls",
                "This grid has no rows to remove (select a tensor grid).",
            ),
            QCoreApplication.translate(
                "GridControls",
                "Remove the selected rows from every tensor (undo: Ctrl+Z).",
            ),
        ),
        "columns": (
            QCoreApplication.translate(
                "GridControls",
                "This grid has no columns to remove (select a tensor grid).",
            ),
            QCoreApplication.translate(
                "GridControls",
                "Remove the selected columns from every tensor (undo: Ctrl+Z).",
            ),
        ),
    }
    for action, axis, roles, what in (
        (rows_action, 0, ("grid", "rows"), "rows"),
        (columns_action, 1, ("grid", "classes"), "columns"),
    ):
        reason = removal_blocked(doc, axis)
        none_here, remove = texts[what]
        if role not in roles:
            reason = none_here
        action.setEnabled(reason is None)
        tip = reason or remove
        action.setToolTip(tip)
        action.setStatusTip(tip)
