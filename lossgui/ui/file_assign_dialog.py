"""The dialog that says which loaded array becomes which tensor.

A file can hold several arrays (``.npz`` members, CSV columns, ``.pt`` dict
entries). The dialog lists the current loss's tensors, each with a combo of
the file's arrays (or "keep current"), starts from
:func:`lossgui.session.assign_guess.guess_assignment` (``logits`` → input,
``labels`` → target, ...), and checks the result live: the OK button is
enabled only when the arrays fit, and the reason is shown when they do not.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from lossgui.io.errors import FileFormatError
from lossgui.session import SessionDocument
from lossgui.session.assign_guess import guess_assignment
from lossgui.session.import_arrays import assign_arrays, shape_text

__all__ = ["AssignDialog", "error_html"]


def error_html(widget: QWidget, text: object) -> str:
    """``✗ text`` in a red that reads on the widget's light or dark palette."""
    dark = widget.palette().window().color().lightness() < 128
    colour = "#ff8a80" if dark else "#c0392b"
    return f"<span style='color:{colour}'>✗ {text}</span>"


def _describe(array: np.ndarray) -> str:
    return f"{shape_text(array.shape)} {array.dtype}"


class AssignDialog(QDialog):
    """Pick, for each tensor of the loss, the array that replaces it.

    Parameters
    ----------
    doc : SessionDocument
        The current document (not modified).
    arrays : mapping
        The file's arrays by name.
    source : str
        The file's name, for the title.
    preferred : str, optional
        The tensor a lone array should go to.

    Attributes
    ----------
    result_document : SessionDocument or None
        The document with the chosen arrays, once accepted.
    """

    def __init__(
        self,
        doc: SessionDocument,
        arrays: Mapping[str, np.ndarray],
        source: str,
        preferred: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignArraysDialog")
        self.setWindowTitle(
            QCoreApplication.translate("AssignDialog", "Import arrays — {file}").format(
                file=source
            )
        )
        self._doc = doc
        self._arrays = dict(arrays)
        self.result_document: SessionDocument | None = None
        if len(arrays) == 1:
            intro_text = QCoreApplication.translate(
                "AssignDialog",
                "<b>{file}</b> holds 1 array. Choose which becomes each tensor of "
                "<b>{loss}</b>; a new <i>{first}</i> sets the batch size N (and C).",
            )
        else:
            intro_text = QCoreApplication.translate(
                "AssignDialog",
                "<b>{file}</b> holds {count} arrays. Choose which becomes each tensor "
                "of <b>{loss}</b>; a new <i>{first}</i> sets the batch size N (and C).",
            )
        intro = QLabel(
            intro_text.format(
                file=source, count=len(arrays), loss=doc.loss, first=doc.first_name
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.combos: dict[str, QComboBox] = {}
        guess = guess_assignment(doc, arrays, preferred)
        for slot in doc.slots():
            combo = QComboBox()
            combo.setObjectName(f"assign_{slot.name}")
            combo.addItem(
                QCoreApplication.translate("AssignDialog", "— keep current —"), None
            )
            for name, array in arrays.items():
                combo.addItem(f"{name}   {_describe(array)}", name)
            if slot.name in guess:
                combo.setCurrentIndex(combo.findData(guess[slot.name]))
            accepts = QCoreApplication.translate(
                "AssignDialog", "Shape torch accepts: {shape}"
            ).format(shape=slot.shape_text)
            combo.setToolTip(f"{slot.doc}\n{accepts}")
            combo.currentIndexChanged.connect(self._check)
            dtype = "int64" if slot.kind == "index" else doc.dtype
            current = f"{shape_text(doc.array(slot.name).shape)} {dtype}"
            now = QCoreApplication.translate("AssignDialog", "now {shape}").format(
                shape=current
            )
            label = QLabel(f"<b>{slot.name}</b> <small>{now}</small>")
            form.addRow(label, combo)
            self.combos[slot.name] = combo
        self.status = QLabel()
        self.status.setObjectName("assignStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("AssignDialog", "Import")
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self._check()

    def mapping(self) -> dict[str, np.ndarray]:
        """Tensor name -> chosen array (tensors kept as they are are left out)."""
        chosen = {}
        for slot, combo in self.combos.items():
            name = combo.currentData()
            if name is not None:
                chosen[slot] = self._arrays[name]
        return chosen

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        mapping = self.mapping()
        if not mapping:
            self.result_document = None
            self.status.setText(
                QCoreApplication.translate("AssignDialog", "Choose at least one array.")
            )
            ok.setEnabled(False)
            return
        try:
            self.result_document = assign_arrays(self._doc, mapping)
        except FileFormatError as exc:
            self.result_document = None
            self.status.setText(error_html(self, exc))
            ok.setEnabled(False)
            return
        new = self.result_document
        shapes = ", ".join(
            f"{name} {shape_text(new.array(name).shape)}" for name in mapping
        )
        self.status.setText(
            QCoreApplication.translate(
                "AssignDialog",
                "✓ After the import: N = {rows}, C = {columns}; {shapes}.",
            ).format(rows=f"{new.rows:,}", columns=f"{new.columns:,}", shapes=shapes)
        )
        ok.setEnabled(True)

    def accept(self) -> None:
        """Qt: close only when the chosen arrays fit."""
        if self.result_document is not None:
            super().accept()
