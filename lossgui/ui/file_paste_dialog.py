"""Edit > Paste as tensor…: replace a whole tensor with pasted text.

The grid's own paste writes a block at the current cell; this dialog
replaces a tensor outright (and with the first tensor, the batch size), from
any text :func:`lossgui.io.text_parse.parse_block` reads: spreadsheet cells,
a Python list, ``repr`` of a NumPy array or a torch tensor. A dtype named in
the repr (``dtype=torch.float64``) becomes the session's dtype. Nothing in
the text is evaluated.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from lossgui.i18n import QT_TRANSLATE_NOOP
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_block
from lossgui.session import SessionDocument
from lossgui.session.import_arrays import assign_arrays, shape_text
from lossgui.ui.file_assign_dialog import error_html

__all__ = ["PasteTensorDialog"]

#: Where pasted numbers came from (translated where they are shown).
_SOURCES = {
    "torch": QT_TRANSLATE_NOOP("PasteTensorDialog", "a torch tensor repr"),
    "numpy": QT_TRANSLATE_NOOP("PasteTensorDialog", "a NumPy array repr"),
    "list": QT_TRANSLATE_NOOP("PasteTensorDialog", "a Python list"),
    "table": QT_TRANSLATE_NOOP("PasteTensorDialog", "spreadsheet cells"),
}


class PasteTensorDialog(QDialog):
    """Pasted text -> one tensor of the document, checked as you type.

    Attributes
    ----------
    result_document : SessionDocument or None
        The document with the pasted tensor, once the text parses and fits.
    """

    def __init__(
        self,
        doc: SessionDocument,
        preferred: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pasteTensorDialog")
        self.setWindowTitle(
            QCoreApplication.translate("PasteTensorDialog", "Paste as tensor")
        )
        self._doc = doc
        self.result_document: SessionDocument | None = None
        self.text = QPlainTextEdit()
        self.text.setObjectName("pasteText")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlaceholderText(
            "tensor([[2.0, 3.0, 0.1]])   array([1, 0], dtype=int64)   "
            "[[1, 2], [3, 4]]   "
            + QCoreApplication.translate(
                "PasteTensorDialog", "or cells copied from a spreadsheet"
            )
        )
        self.text.setPlainText(QGuiApplication.clipboard().text()[:2_000_000])
        self.target = QComboBox()
        self.target.setObjectName("pasteTarget")
        for slot in doc.slots():
            self.target.addItem(
                f"{slot.name}  {shape_text(doc.array(slot.name).shape)}", slot.name
            )
        index = self.target.findData(preferred) if preferred else 0
        self.target.setCurrentIndex(max(index, 0))
        self.status = QLabel()
        self.status.setObjectName("pasteStatus")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(
            QCoreApplication.translate("PasteTensorDialog", "Replace tensor"),
            self.target,
        )
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "PasteTensorDialog",
                    "Text to read (a torch or NumPy repr, a Python list, or cells):",
                )
            )
        )
        layout.addWidget(self.text, 1)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.resize(620, 360)
        self.text.textChanged.connect(self._check)
        self.target.currentIndexChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.result_document = None
        ok.setEnabled(False)
        text = self.text.toPlainText()
        if not text.strip():
            self.status.setText(
                QCoreApplication.translate(
                    "PasteTensorDialog", "Paste or type the numbers above."
                )
            )
            return
        name = self.target.currentData()
        try:
            block = parse_block(text)
            doc = self._doc
            if block.dtype in ("float32", "float64") and block.dtype != doc.dtype:
                doc = doc.copy()
                doc.set_setting("dtype", block.dtype)
            self.result_document = assign_arrays(doc, {name: block.values})
        except FileFormatError as exc:
            self.status.setText(error_html(self, exc))
            return
        source = block.source
        if source in _SOURCES:
            source = QCoreApplication.translate("PasteTensorDialog", _SOURCES[source])
        if doc is not self._doc:
            template = QCoreApplication.translate(
                "PasteTensorDialog",
                "✓ {shape} numbers from {source} → {name}; "
                "the session becomes {dtype}.",
            )
        else:
            template = QCoreApplication.translate(
                "PasteTensorDialog", "✓ {shape} numbers from {source} → {name}."
            )
        self.status.setText(
            template.format(
                shape=shape_text(block.values.shape),
                source=source,
                name=name,
                dtype=block.dtype,
            )
        )
        ok.setEnabled(True)

    def accept(self) -> None:
        """Qt: close only when the text parses and fits."""
        if self.result_document is not None:
            super().accept()
