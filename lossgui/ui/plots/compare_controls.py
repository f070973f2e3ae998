"""Compare-mode controls: presets, "add current", parameter sweeps, the entry list.

The widget keeps the list of :class:`~lossgui.session.curve_compare.CompareEntry`
objects; the panel builds entries that need the current evaluation (it
handles :attr:`CompareControls.addCurrentRequested` and
:attr:`CompareControls.varyRequested`).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QWidget,
)

from lossgui.engine.registry import LOSSES
from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_block
from lossgui.session.curve_compare import PRESETS, CompareEntry
from lossgui.ui.naming import named

__all__ = ["CompareControls"]


class CompareControls(QWidget):
    """Builds the set of curves compare mode overlays.

    Signals
    -------
    entriesChanged()
        The list of entries changed.
    addCurrentRequested()
        Add the current loss, settings and selected sample.
    varyRequested(str, object)
        Add the current sample once per value of a parameter: the parameter's
        name and the list of values.
    message(str)
        Something to say in the status bar.
    """

    entriesChanged = Signal()
    addCurrentRequested = Signal()
    varyRequested = Signal(str, object)
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[CompareEntry] = []
        self.preset = named(QComboBox(), "comparePreset")
        for name in PRESETS:
            self.preset.addItem(translate("compare", name), name)
        self.preset.setToolTip(
            QCoreApplication.translate("CompareControls", "A ready-made set of curves.")
        )
        load = named(
            QPushButton(QCoreApplication.translate("CompareControls", "Load preset")),
            "compareLoad",
        )
        load.setToolTip(
            QCoreApplication.translate(
                "CompareControls", "Replace the list with the preset's curves."
            )
        )
        load.clicked.connect(self.load_preset)
        add = named(
            QPushButton(QCoreApplication.translate("CompareControls", "Add current")),
            "compareAddCurrent",
        )
        add.setToolTip(
            QCoreApplication.translate(
                "CompareControls",
                "Add the current loss with its parameters, on the selected sample.",
            )
        )
        add.clicked.connect(self.addCurrentRequested)
        self.param = named(QComboBox(), "compareParam")
        self.param.setToolTip(
            QCoreApplication.translate(
                "CompareControls", "A numeric parameter of the current loss to vary."
            )
        )
        self.values = named(QLineEdit("0, 0.5, 1, 2, 5"), "compareValues")
        self.values.setToolTip(
            QCoreApplication.translate(
                "CompareControls", "Values of the parameter, separated by commas."
            )
        )
        vary = named(
            QPushButton(QCoreApplication.translate("CompareControls", "Add values")),
            "compareVary",
        )
        vary.setToolTip(
            QCoreApplication.translate(
                "CompareControls",
                "Add the current sample once per value of the parameter.",
            )
        )
        vary.clicked.connect(self._vary)
        self.refused = named(QLabel(), "compareRefused")
        self.refused.setWordWrap(True)
        self.refused.setStyleSheet("color: palette(bright-text);")
        self.refused.hide()
        self.list = named(QListWidget(), "compareList")
        self.list.setMaximumHeight(96)
        remove = named(
            QPushButton(QCoreApplication.translate("CompareControls", "Remove")),
            "compareRemove",
        )
        remove.clicked.connect(self.remove_selected)
        clear = named(
            QPushButton(QCoreApplication.translate("CompareControls", "Clear")),
            "compareClear",
        )
        clear.clicked.connect(lambda: self.set_entries([]))

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(4)
        grid.addWidget(self.preset, 0, 0, 1, 3)
        grid.addWidget(load, 0, 3)
        grid.addWidget(self.param, 1, 0)
        grid.addWidget(self.values, 1, 1, 1, 2)
        grid.addWidget(vary, 1, 3)
        grid.addWidget(self.refused, 2, 0, 1, 4)
        grid.addWidget(self.list, 3, 0, 2, 3)
        grid.addWidget(add, 3, 3)
        grid.addWidget(remove, 4, 3)
        grid.addWidget(clear, 5, 3)
        grid.setColumnStretch(1, 1)

    # ----------------------------------------------------------------- entries
    def entries(self) -> list[CompareEntry]:
        """The current entries, in legend order."""
        return list(self._entries)

    def set_entries(self, entries: list[CompareEntry]) -> None:
        """Replace the list."""
        self._entries = list(entries)
        self.list.clear()
        self.list.addItems([entry.label for entry in self._entries])
        self.entriesChanged.emit()

    def add_entries(self, entries: list[CompareEntry]) -> None:
        """Append to the list."""
        self.set_entries(self._entries + list(entries))

    def remove_selected(self) -> None:
        """Drop the selected entries."""
        rows = {index.row() for index in self.list.selectedIndexes()}
        if rows:
            self.set_entries([e for i, e in enumerate(self._entries) if i not in rows])

    def load_preset(self) -> None:
        """Replace the list with the chosen preset."""
        self.set_entries(PRESETS[str(self.preset.currentData())]())

    # -------------------------------------------------------------- parameters
    def set_loss(self, loss: str) -> None:
        """Offer the numeric parameters of ``loss`` for :attr:`varyRequested`."""
        names = [p.name for p in LOSSES[loss].params if p.kind in ("float", "int")]
        if names != [self.param.itemText(i) for i in range(self.param.count())]:
            self.param.clear()
            self.param.addItems(names)
        self.param.setEnabled(bool(names))

    def _vary(self) -> None:
        name = self.param.currentText()
        if not name:
            self.message.emit(
                QCoreApplication.translate(
                    "CompareControls", "This loss has no numeric parameter to vary"
                )
            )
            return
        try:
            values = [float(v) for v in parse_block(self.values.text()).values.ravel()]
        except FileFormatError as exc:
            self.show_refusal(str(exc))
            return
        self.varyRequested.emit(name, values)

    def show_refusal(self, reason: str | None) -> None:
        """Say under the values why they were refused (``None``: accepted)."""
        self.refused.setVisible(reason is not None)
        text = QCoreApplication.translate(
            "CompareControls", "Values refused: {reason}"
        ).format(reason=reason)
        self.refused.setText("" if reason is None else text)
        if reason is not None:
            self.message.emit(text)
