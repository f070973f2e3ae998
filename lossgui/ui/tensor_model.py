"""``TensorTableModel``: one tensor of the document as an editable grid.

The model is virtual: it reads the cells Qt asks for from the document's
NumPy array and formats only those, so a 1,000,000-row tensor costs nothing
until it is scrolled. Edits are parsed here and handed to the controller
(which records them for undo); text that does not parse is refused by
returning ``False`` and the reason is emitted on :attr:`rejected`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from lossgui.io.cells import format_cell, format_exact, parse_index
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_number
from lossgui.session.edit_labels import cleared_value

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController

__all__ = ["TensorTableModel"]

log = logging.getLogger(__name__)

_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_EMPTY = np.zeros((0, 0))
#: The roles :meth:`TensorTableModel.data` answers (others return None at once:
#: views ask for a dozen roles per painted cell).
_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)
Index = QModelIndex | QPersistentModelIndex


class TensorTableModel(QAbstractTableModel):
    """The 2-D table of tensor ``name`` (vectors show as one column or one row).

    Parameters
    ----------
    controller : SessionController
        Where edits go.
    name : str
        The tensor's torch name (``"input"``, ``"target"``, ``"weight"``).

    Signals
    -------
    rejected(str)
        A cell edit or paste was refused; the argument says why.
    """

    rejected = Signal(str)

    def __init__(
        self,
        controller: SessionController,
        name: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.name = name

    # ------------------------------------------------------------------ access
    def table(self) -> np.ndarray:
        """The current 2-D view (empty if the tensor no longer exists)."""
        doc = self._controller.document
        try:
            return doc.table(self.name)
        except KeyError:
            return _EMPTY

    def is_index(self) -> bool:
        """Whether the tensor holds class indices (whole numbers)."""
        try:
            return self._controller.document.slot(self.name).kind == "index"
        except KeyError:
            return False

    def refresh(self) -> None:
        """Repaint every cell (after values changed elsewhere)."""
        self.refresh_region(range(self.rowCount()), range(self.columnCount()))

    def refresh_region(self, rows: range, columns: range) -> None:
        """Repaint the cells in ``rows`` x ``columns`` (after an edit there)."""
        last_row, last_col = self.rowCount() - 1, self.columnCount() - 1
        top, bottom = max(rows.start, 0), min(rows.stop - 1, last_row)
        left, right = max(columns.start, 0), min(columns.stop - 1, last_col)
        if top <= bottom and left <= right:
            self.dataChanged.emit(self.index(top, left), self.index(bottom, right))

    def reset(self) -> None:
        """Re-read shapes (after rows or columns were added or removed)."""
        self.beginResetModel()
        self.endResetModel()

    # -------------------------------------------------------------- Qt model API
    def rowCount(self, parent: Index | None = None) -> int:
        """Qt: the number of rows."""
        return (
            0 if parent is not None and parent.isValid() else int(self.table().shape[0])
        )

    def columnCount(self, parent: Index | None = None) -> int:
        """Qt: the number of columns."""
        return (
            0 if parent is not None and parent.isValid() else int(self.table().shape[1])
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt: a cell's text, alignment, colour or tooltip."""
        if role not in _ROLES or not index.isValid():
            return None
        table = self.table()
        row, col = index.row(), index.column()
        if row >= table.shape[0] or col >= table.shape[1]:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return format_cell(table[row, col].item())
        if role == Qt.ItemDataRole.EditRole:
            return format_exact(table[row, col].item())
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(table[row, col].item())
        return None

    def _tooltip(self, value: float | int) -> str:
        if isinstance(value, int):
            return self._index_tooltip(value)
        dtype = self._controller.document.dtype
        cast = np.array(value, dtype=dtype).item()
        text = f"{self.name} = {format_exact(value)}"
        if dtype == "float32" and cast != value and np.isfinite(value):
            text += "\n" + QCoreApplication.translate(
                "TensorTableModel", "as float32: {value}"
            ).format(value=format_exact(cast))
        return text

    def _index_tooltip(self, value: int) -> str:
        """What a whole number means in this tensor (a label, a length, an end)."""
        try:
            slot = self._controller.document.slot(self.name)
        except KeyError:
            return f"{self.name}: {value}"
        if slot.counts is not None:
            return f"{self.name}: {value}"
        if slot.role == "sequence":
            return QCoreApplication.translate(
                "TensorTableModel", "{name}: label {value}"
            ).format(name=self.name, value=value)
        if "-1" in slot.hint and value == -1:
            return QCoreApplication.translate(
                "TensorTableModel",
                "{name}: -1 ends the label list; the entries after it are ignored",
            ).format(name=self.name)
        return QCoreApplication.translate(
            "TensorTableModel", "{name}: class index {value}"
        ).format(name=self.name, value=value)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        """Qt: row numbers and column titles."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section)
        if self.columnCount() == 1 and self.table().shape[0] != 1:
            return self.name
        return str(section)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Qt: which cells can be selected and edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._controller.read_only:  # a background job reads the document
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(
        self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Qt: parse ``value`` and record it as an undoable edit; False if refused."""
        if (
            not index.isValid()
            or role != Qt.ItemDataRole.EditRole
            or self._controller.read_only
        ):
            return False
        try:
            parsed = self.parse(value)
        except FileFormatError as exc:
            self.rejected.emit(f"{self.cell_label(index.row(), index.column())}: {exc}")
            return False
        table = self.table()
        if table[index.row(), index.column()] == parsed and not np.isnan(parsed):
            return True
        try:
            self._controller.set_cells(
                self.name, [index.row()], [index.column()], [parsed]
            )
        except Exception as exc:  # never let a bug escape into Qt's event loop
            log.exception("cell edit failed")
            self.rejected.emit(
                QCoreApplication.translate(
                    "TensorTableModel", "Internal error: {kind}: {error}"
                ).format(kind=type(exc).__name__, error=exc)
            )
            return False
        return True  # the views repaint the cell on the controller's change signal

    def clear_ranges(self, ranges: list[tuple[int, int, int, int]]) -> int:
        """Delete key: clear the cells of ``(top, left, bottom, right)`` boxes.

        Each cell gets its neutral value (see
        :func:`~lossgui.session.edit_labels.cleared_value`); all of them in
        one undo step.

        Returns
        -------
        int
            How many cells were cleared (0 when there was nothing to clear).
        """
        if self._controller.read_only:  # a background job reads the document
            return 0
        try:
            slot = self._controller.document.slot(self.name)
        except KeyError:
            return 0
        rows_in, cols_in = self.rowCount(), self.columnCount()
        linear = []
        for top, left, bottom, right in ranges:
            rows = np.arange(max(top, 0), min(bottom, rows_in - 1) + 1)
            columns = np.arange(max(left, 0), min(right, cols_in - 1) + 1)
            linear.append((rows[:, None] * cols_in + columns[None, :]).ravel())
        cells = np.unique(np.concatenate(linear)) if linear else np.zeros(0)
        if cells.size == 0:
            return 0
        rows_out, cols_out = np.divmod(cells.astype(np.int64), cols_in)
        value = cleared_value(slot)
        try:
            self._controller.set_cells(
                self.name,
                rows_out,
                cols_out,
                np.full(rows_out.size, value),
                QCoreApplication.translate("TensorTableModel", "Clear 1 cell")
                if rows_out.size == 1
                else QCoreApplication.translate(
                    "TensorTableModel", "Clear {count} cells"
                ).format(count=rows_out.size),
            )
        except Exception as exc:  # never let a bug escape into Qt's event loop
            log.exception("clearing cells failed")
            self.rejected.emit(
                QCoreApplication.translate(
                    "TensorTableModel", "Internal error: {kind}: {error}"
                ).format(kind=type(exc).__name__, error=exc)
            )
            return 0
        return int(rows_out.size)

    def refusal(self, row: int, column: int, text: str) -> str | None:
        """Why ``text`` cannot go into cell (``row``, ``column``), or None if it can."""
        try:
            self.parse(text)
        except FileFormatError as exc:
            return f"{self.cell_label(row, column)}: {exc}"
        return None

    def cell_label(self, row: int, column: int) -> str:
        """``input[1, 2]``: how messages about a cell name it (and find it again)."""
        return f"{self.name}[{row}, {column}]"

    def parse(self, value: object) -> float | int:
        """Parse one cell for this tensor (whole numbers for class indices).

        Raises
        ------
        FileFormatError
            With the reason the text is refused.
        """
        if isinstance(value, bool):
            raise FileFormatError(
                QCoreApplication.translate(
                    "TensorTableModel", "type a number, not a truth value"
                )
            )
        text = format_exact(value) if isinstance(value, int | float) else str(value)
        return parse_index(text) if self.is_index() else parse_number(text)
