"""``ParamPanel``: the loss's constructor arguments, generated from its spec.

Scalar parameters get the editors of :mod:`lossgui.ui.param_widgets`.
Optional tensors get an on/off check box (off means torch's ``None``); a
per-class vector (``weight`` of CrossEntropyLoss, ``pos_weight``) is edited
right here in a one-row grid, while a per-element weight opens its own grid
beside the logits.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSignalBlocker
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from lossgui.ui.commands import Change
from lossgui.ui.param_widgets import (
    make_editor,
    param_label,
    param_tooltip,
    set_editor_value,
)
from lossgui.ui.table_views import TensorTableView
from lossgui.ui.tensor_model import TensorTableModel

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController

__all__ = ["ParamPanel", "vector_object_name"]


def vector_object_name(name: str) -> str:
    """``pos_weight`` -> ``posWeightVector`` (stable objectNames for tests)."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest) + "Vector"


class ParamPanel(QWidget):
    """Editors for every parameter of the current loss.

    Signals of the vector grids (``message``) are forwarded through
    :attr:`views`, which the main window connects to its status bar.
    """

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self._loss: str | None = None
        self._editors: dict[str, QWidget] = {}
        self._checks: dict[str, QCheckBox] = {}
        self.views: dict[str, TensorTableView] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.rebuild()

    def rebuild(self) -> None:
        """Recreate the editors for the document's loss (after a loss switch)."""
        doc = self._controller.document
        while self._layout.count():
            item = self._layout.takeAt(0)
            assert item is not None  # count() said there is one
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.setParent(None)  # out of findChild() at once
                widget.deleteLater()
        self._editors.clear()
        self._checks.clear()
        self.views.clear()
        self._loss = doc.loss
        form_host = QWidget()
        form = QFormLayout(form_host)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._layout.addWidget(form_host)
        slots = {slot.name: slot for slot in doc.slots() if slot.optional}
        shown = 0
        for param in doc.spec.params:
            label = QLabel(param_label(param))
            label.setWordWrap(param.functional_only)
            label.setToolTip(param_tooltip(param))
            if param.kind == "tensor" and param.required:
                continue  # always passed, nothing to switch: its grid is the editor
            if param.kind == "tensor":
                slot = slots.get(param.name)
                per_class = slot is not None and slot.role in ("classes", "outputs")
                check = QCheckBox(
                    QCoreApplication.translate("ParamPanel", "tensor (per class)")
                    if per_class
                    else QCoreApplication.translate("ParamPanel", "tensor (grid)")
                )
                check.setObjectName(f"enable_{param.name}")
                check.setToolTip(
                    param_tooltip(param)
                    + "\n"
                    + QCoreApplication.translate(
                        "ParamPanel", "Unchecked: torch's None."
                    )
                )
                check.toggled.connect(
                    lambda on, n=param.name: self._controller.set_setting(
                        f"enabled.{n}", on
                    )
                )
                self._checks[param.name] = check
                self._add_row(form, label, check, param.functional_only)
                if per_class:
                    form.addRow(self._vector_view(param.name))
            else:
                key = f"param.{param.name}"
                editor = make_editor(
                    param,
                    doc.params.get(param.name, param.default),
                    partial(self._controller.set_setting, key),
                )
                self._editors[param.name] = editor
                self._add_row(form, label, editor, param.functional_only)
            shown += 1
        if not shown:
            none = QLabel(
                QCoreApplication.translate(
                    "ParamPanel", "This loss has no parameters besides the reduction."
                )
            )
            none.setWordWrap(True)
            none.setEnabled(False)
            form.addRow(none)
        self.sync()

    def _vector_view(self, name: str) -> TensorTableView:
        view = TensorTableView(self._controller)
        view.setObjectName(vector_object_name(name))
        view.setModel(TensorTableModel(self._controller, name, view))
        view.setToolTip(
            QCoreApplication.translate(
                "ParamPanel",
                "{name}: one value per class; edit, or paste a row of numbers.",
            ).format(name=name)
        )
        view.verticalHeader().hide()
        height = (
            view.horizontalHeader().height()
            + view.verticalHeader().defaultSectionSize()
        )
        view.setFixedHeight(
            height
            + 2 * view.frameWidth()
            + view.horizontalScrollBar().sizeHint().height()
        )
        self.views[name] = view
        return view

    @staticmethod
    def _add_row(form: QFormLayout, label: QLabel, field: QWidget, long: bool) -> None:
        """``label`` beside ``field``; a long (wrapped) label gets a row of its own."""
        if long:
            form.addRow(label)
            form.addRow(field)
        else:
            form.addRow(label, field)

    def sync(self) -> None:
        """Show the document's parameter values and on/off states."""
        doc = self._controller.document
        if doc.loss != self._loss:
            self.rebuild()
            return
        for name, editor in self._editors.items():
            set_editor_value(editor, doc.params.get(name))
        for name, check in self._checks.items():
            blocker = QSignalBlocker(check)
            check.setChecked(bool(doc.enabled.get(name)))
            blocker.unblock()
            view = self.views.get(name)
            if view is not None:
                view.setEnabled(check.isChecked())

    def on_change(self, change: int, names: tuple[str, ...]) -> None:
        """Refresh after an edit: rebuild, re-sync or repaint the vectors."""
        if change & Change.STRUCTURE:
            if self._controller.document.loss != self._loss:
                self.rebuild()
                return
            for view in self.views.values():
                view.model().reset()
        if change & (Change.SETTINGS | Change.STRUCTURE):
            self.sync()
        for name in names:
            if name in self.views:
                self.views[name].model().refresh()
