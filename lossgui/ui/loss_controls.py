"""``LossControls``: the loss selector and the settings every loss shares.

The loss combo lists :data:`LOSSES` grouped by family (headers are not
selectable); the reduction combo offers exactly ``LossSpec.reductions``;
dtype, input mode and CrossEntropyLoss's target form follow. Changes go to
the controller; :meth:`sync` shows the document without re-emitting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPalette,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session import DTYPES, target_modes
from lossgui.session.formula_text import formula_text
from lossgui.ui.naming import named

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController

__all__ = ["FAMILY_TITLES", "LossControls"]

#: Family -> the loss combo's header (English; translated where shown).
FAMILY_TITLES = {
    "binary": QT_TRANSLATE_NOOP("LossControls", "Binary / multi-label"),
    "multiclass": QT_TRANSLATE_NOOP("LossControls", "Multi-class"),
    "divergence": QT_TRANSLATE_NOOP("LossControls", "Divergence"),
    "regression": QT_TRANSLATE_NOOP("LossControls", "Regression"),
    "margin": QT_TRANSLATE_NOOP("LossControls", "Margin"),
    "ranking": QT_TRANSLATE_NOOP("LossControls", "Ranking"),
    "sequence": QT_TRANSLATE_NOOP("LossControls", "Sequence"),
}
_INPUT_MODE_TEXT = {
    "sigmoid": (
        "logits → sigmoid",
        QT_TRANSLATE_NOOP("LossControls", "probabilities (raw)"),
    ),
    "log_softmax": (
        "logits → log_softmax",
        QT_TRANSLATE_NOOP("LossControls", "log-probabilities (raw)"),
    ),
}
_TARGET_TEXT = {
    "index": QT_TRANSLATE_NOOP("LossControls", "class indices"),
    "probability": QT_TRANSLATE_NOOP("LossControls", "probabilities"),
}


#: How losses that lossgui adds beyond ``torch.nn`` are marked.
NOT_IN_TORCH = QT_TRANSLATE_NOOP("LossControls", "(not in torch.nn)")


def _tr(text: str) -> str:
    """``text`` (marked in this module's context) in the current language."""
    return QCoreApplication.translate("LossControls", text)


def _describe(spec: LossSpec) -> str:
    """The loss's summary, marked and referenced when torch has no such module."""
    summary = translate("engine", spec.summary)
    if spec.in_torch:
        return summary
    return QCoreApplication.translate(
        "LossControls", "{summary} — (not in torch.nn); reference: {reference}"
    ).format(summary=summary, reference=spec.reference)


def _loss_model() -> QStandardItemModel:
    model = QStandardItemModel()
    families = list(FAMILY_TITLES) + sorted(
        {s.family for s in LOSSES.values()} - set(FAMILY_TITLES)
    )
    for family in families:
        names = [name for name, spec in LOSSES.items() if spec.family == family]
        if not names:
            continue
        title = FAMILY_TITLES.get(family)
        header = QStandardItem(_tr(title) if title else family.title())
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont()
        font.setBold(True)
        header.setFont(font)
        model.appendRow(header)
        for name in names:
            spec = LOSSES[name]
            marker = "" if spec.in_torch else f"   {_tr(NOT_IN_TORCH)}"
            item = QStandardItem(f"   {name}{marker}")
            item.setData(name, Qt.ItemDataRole.UserRole)
            item.setToolTip(_describe(spec))
            model.appendRow(item)
    return model


class LossControls(QWidget):
    """Loss, reduction, dtype, input mode and target form, bound to a controller."""

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.loss_combo = named(QComboBox(), "lossCombo")
        self.loss_combo.setModel(_loss_model())
        self.loss_combo.setMaxVisibleItems(30)
        self.summary = named(QLabel(wordWrap=True), "lossSummary")
        self.summary.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.formula = named(QLabel(wordWrap=True), "formulaLabel")
        self.formula.setTextFormat(Qt.TextFormat.PlainText)  # "a < β" is not a tag
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSizeF(mono.pointSizeF() * 0.9)
        self.formula.setFont(mono)
        self.formula.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.formula.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.formula.setToolTip(
            QCoreApplication.translate(
                "LossControls",
                "The per-element formula, then what the chosen reduction does with it.",
            )
        )
        self.reduction_combo = named(QComboBox(), "reductionCombo")
        self.reduction_combo.setToolTip(
            QCoreApplication.translate(
                "LossControls",
                "How the per-element losses become one number: 'none' keeps them, "
                "'sum' adds them, 'mean' divides the sum (see the receipt for by "
                "what).",
            )
        )
        self.dtype_combo = named(QComboBox(), "dtypeCombo")
        self.dtype_combo.addItems(list(DTYPES))
        self.dtype_combo.setToolTip(
            QCoreApplication.translate(
                "LossControls",
                "The tensors' dtype: values are cast as torch.tensor(values, "
                "dtype=...) would (float32 is torch's default).",
            )
        )
        self.input_combo = named(QComboBox(), "inputModeCombo")
        self.target_combo = named(QComboBox(), "targetModeCombo")
        self.target_combo.setToolTip(
            QCoreApplication.translate(
                "LossControls",
                "CrossEntropyLoss reads the target by its shape: (N,) class indices, "
                "or (N, C) class probabilities (soft labels).",
            )
        )
        self.target_label = QLabel(QCoreApplication.translate("LossControls", "Target"))

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(
            QCoreApplication.translate("LossControls", "Reduction"),
            self.reduction_combo,
        )
        form.addRow("dtype", self.dtype_combo)
        form.addRow(
            QCoreApplication.translate("LossControls", "Input"), self.input_combo
        )
        form.addRow(self.target_label, self.target_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.loss_combo)
        layout.addWidget(self.summary)
        layout.addWidget(self.formula)
        layout.addLayout(form)

        self.loss_combo.currentIndexChanged.connect(self._on_loss_changed)
        self.reduction_combo.currentTextChanged.connect(self._on_reduction_changed)
        self.dtype_combo.currentTextChanged.connect(
            lambda text: self._controller.set_setting("dtype", text)
        )
        self.input_combo.currentIndexChanged.connect(self._on_input_changed)
        self.target_combo.currentIndexChanged.connect(self._on_target_changed)
        self.sync()

    # --------------------------------------------------------------- handlers
    def _on_reduction_changed(self, text: str) -> None:
        if text:  # an emptied combo box (a rebuild) is no choice
            self._controller.set_setting("reduction", text)

    def _on_loss_changed(self, row: int) -> None:
        name = self.loss_combo.itemData(row, Qt.ItemDataRole.UserRole)
        if name:
            self._controller.set_loss(name)

    def _on_input_changed(self, row: int) -> None:
        mode = self.input_combo.itemData(row)
        if mode:
            self._controller.set_setting("input_mode", mode)

    def _on_target_changed(self, row: int) -> None:
        mode = self.target_combo.itemData(row)
        if mode:
            self._controller.set_target_mode(mode)

    # ------------------------------------------------------------------- sync
    def sync(self) -> None:
        """Show the document's loss and settings (signals blocked)."""
        doc = self._controller.document
        spec = doc.spec
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.loss_combo,
                self.reduction_combo,
                self.dtype_combo,
                self.input_combo,
                self.target_combo,
            )
        ]
        for row in range(self.loss_combo.count()):
            if self.loss_combo.itemData(row, Qt.ItemDataRole.UserRole) == doc.loss:
                self.loss_combo.setCurrentIndex(row)
        self.loss_combo.setToolTip(
            f"{spec.reference or spec.name}: {translate('engine', spec.summary)}"
        )
        self.summary.setText(_describe(spec))
        self.formula.setText(formula_text(doc))
        if [
            self.reduction_combo.itemText(i)
            for i in range(self.reduction_combo.count())
        ] != list(spec.reductions):
            self.reduction_combo.clear()
            self.reduction_combo.addItems(list(spec.reductions))
        self.reduction_combo.setCurrentText(doc.reduction)
        self.dtype_combo.setCurrentText(doc.dtype)
        self._sync_input(spec.activation, doc.input_mode)
        modes = target_modes(spec)
        self.target_combo.clear()
        for mode in modes:
            self.target_combo.addItem(_tr(_TARGET_TEXT[mode]), mode)
        if modes:
            self.target_combo.setCurrentIndex(list(modes).index(doc.target_mode))
        self.target_combo.setVisible(bool(modes))
        self.target_label.setVisible(bool(modes))
        for blocker in blockers:
            blocker.unblock()

    def _sync_input(self, activation: str | None, mode: str) -> None:
        self.input_combo.clear()
        if activation is None:
            self.input_combo.addItem(
                QCoreApplication.translate("LossControls", "as typed"), "logits"
            )
            self.input_combo.setEnabled(False)
            self.input_combo.setToolTip(
                QCoreApplication.translate(
                    "LossControls",
                    "This loss takes the grid's values directly (no activation to "
                    "apply).",
                )
            )
            return
        logits, raw = _INPUT_MODE_TEXT.get(activation, ("logits", "raw"))
        self.input_combo.addItem(logits, "logits")
        self.input_combo.addItem(_tr(raw), "raw")
        self.input_combo.setEnabled(True)
        self.input_combo.setCurrentIndex(0 if mode == "logits" else 1)
        self.input_combo.setToolTip(
            QCoreApplication.translate(
                "LossControls",
                "logits: the grid holds logits and {activation} is applied before the "
                "loss (the gradient is carried back to the logits). raw: the grid "
                "goes to the loss unchanged.",
            ).format(activation=activation)
        )
