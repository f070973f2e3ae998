"""Table views for tensors and results: spreadsheet copy/paste and row sync.

:class:`GridView` copies the selection as tab-separated text (exact values,
so a spreadsheet round trip loses nothing). :class:`TensorTableView` adds
paste: a block is written at the current cell (growing the tensor when it is
larger), and a single value pasted over a selection fills it. Headers use
fixed sizes so a million rows never get measured.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import numpy as np
from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QItemSelectionRange,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from lossgui.io.cells import format_tsv
from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import parse_block
from lossgui.ui.cell_editor import CheckedCellDelegate

if TYPE_CHECKING:
    from lossgui.ui.controller import SessionController
    from lossgui.ui.result_model import ResultTableModel
    from lossgui.ui.tensor_model import TensorTableModel

__all__ = ["GridView", "TensorTableView"]

#: Rows and columns measured when sizing columns to their text.
FIT_ROWS = 48
FIT_COLUMNS = 64
#: Space around a cell's and a column title's text, in pixels.
CELL_PADDING = 10
HEADER_PADDING = 14
#: Grids with more rows than this may need a vertical scroll bar.
SCROLL_ROWS = 8
#: The narrowest column shows at least this much text.
MIN_CELL_TEXT = "−0.000"


def model_of(view: QAbstractItemView) -> QAbstractItemModel | None:
    """``view``'s model, or None before one is set.

    PySide6's stubs declare ``model()`` never None; Qt returns None (nullptr)
    until :meth:`~QAbstractItemView.setModel`.
    """
    return view.model()


def _overlap(shown: range, first: int, last: int) -> range:
    """The part of ``shown`` between ``first`` and ``last`` (inclusive)."""
    return range(max(shown.start, first), min(shown.stop, last + 1))


def selected_ranges(view: QAbstractItemView) -> Sequence[QItemSelectionRange]:
    """The ranges selected in ``view`` (empty without a selection model).

    A ``QItemSelection`` is a sequence of ranges at run time; PySide6's stubs
    do not say so (no ``__iter__`` or ``__len__``).
    """
    selection = view.selectionModel()
    if not selection:
        return []
    return cast("Sequence[QItemSelectionRange]", selection.selection())


class GridView(QTableView):
    """A compact, fast table with copy as TSV.

    Signals
    -------
    message(str)
        Something to tell the user in the status bar.
    """

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(True)
        height = self.fontMetrics().height() + 8
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(height)
        vertical.setMinimumSectionSize(height)
        vertical.setDefaultAlignment(
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        )
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setDefaultSectionSize(
            self.fontMetrics().horizontalAdvance("−0.000000") + 16
        )
        horizontal.setMinimumHeight(height)
        horizontal.setFixedHeight(height + 2)
        # squeezed, a grid still shows its titles and one row (it scrolls)
        self.setMinimumHeight(2 * height + 2 + 2 * self.frameWidth())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """Qt: take ``model`` and size the columns to its text from now on."""
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self.fit_columns)
            model.layoutChanged.connect(self.fit_columns)
            model.dataChanged.connect(self._grow_columns)
            self.fit_columns()

    def fit_columns(self) -> None:
        """Size each column to its title and the text of its first rows.

        Only the first :data:`FIT_ROWS` rows and :data:`FIT_COLUMNS` columns
        are measured, so a million-row tensor costs the same as a small one.
        """
        model = model_of(self)
        if model is None:
            return
        rows = range(min(model.rowCount(), FIT_ROWS))
        header = self.horizontalHeader()
        for column in range(min(model.columnCount(), FIT_COLUMNS)):
            header.resizeSection(column, self._wanted_width(column, rows))
        self.updateGeometry()

    def _in_view(self, vertical: bool) -> range:
        """The rows (or columns) at least partly inside the viewport.

        At most :data:`FIT_ROWS` rows (:data:`FIT_COLUMNS` columns); before
        the grid is laid out, the first ones.
        """
        model = model_of(self)
        if vertical:
            count = model.rowCount() if model is not None else 0
            extent, at, most = self.viewport().height(), self.rowAt, FIT_ROWS
        else:
            count = model.columnCount() if model is not None else 0
            extent, at, most = self.viewport().width(), self.columnAt, FIT_COLUMNS
        first = at(0)
        if count == 0 or first < 0 or extent <= 0:
            return range(min(count, most))
        last = at(extent - 1)
        end = count if last < 0 else last + 1
        return range(first, min(end, first + most))

    def _grow_columns(
        self,
        top_left: QModelIndex,
        bottom_right: QModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """Widen the changed columns whose new text no longer fits (never shrink).

        Only the changed cells inside the viewport are measured (an
        evaluation rewrites every result cell, and measuring text is most of
        an edit's cost in a wide grid); the rest are measured when they
        scroll into view (:meth:`grow_to_view`).
        """
        model = model_of(self)
        if model is None or (roles and Qt.ItemDataRole.DisplayRole not in roles):
            return
        rows = _overlap(self._in_view(True), top_left.row(), bottom_right.row())
        columns = _overlap(
            self._in_view(False), top_left.column(), bottom_right.column()
        )
        self._widen(columns, rows)

    def grow_to_view(self) -> None:
        """Widen the columns in view to the text of the rows in view."""
        if model_of(self) is not None:
            self._widen(self._in_view(False), self._in_view(True))

    def _widen(self, columns: range, rows: range) -> None:
        """Widen each of ``columns`` that is narrower than its text in ``rows``."""
        if not rows:
            return
        grown = False
        for column in columns:
            wanted = self._wanted_width(column, rows, title=False)
            if wanted > self.columnWidth(column):
                self.horizontalHeader().resizeSection(column, wanted)
                grown = True
        if grown:
            self.updateGeometry()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        """Qt: scroll, then fit the columns to the text that came into view."""
        super().scrollContentsBy(dx, dy)
        self.grow_to_view()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Qt: resize, then fit the columns to the text that came into view."""
        super().resizeEvent(event)
        new, old = event.size(), event.oldSize()
        if new.width() > old.width() or new.height() > old.height():
            self.grow_to_view()  # (a smaller grid shows nothing new)

    def _wanted_width(self, column: int, rows: range, title: bool = True) -> int:
        """Pixels that show the title and the texts of ``rows`` in ``column``."""
        model = self.model()
        metrics = self.fontMetrics()
        display = Qt.ItemDataRole.DisplayRole
        wanted = metrics.horizontalAdvance(MIN_CELL_TEXT) + CELL_PADDING
        if title:
            text = model.headerData(column, Qt.Orientation.Horizontal, display)
            header_metrics = self.horizontalHeader().fontMetrics()
            wanted = max(
                wanted,
                header_metrics.horizontalAdvance(str(text or "")) + HEADER_PADDING,
            )
        for row in rows:
            text = model.data(model.index(row, column), display)
            if text:
                wanted = max(wanted, metrics.horizontalAdvance(text) + CELL_PADDING)
        return wanted

    def row_header_width(self) -> int:
        """The width of the row numbers' header for the current row count."""
        model = model_of(self)
        rows = model.rowCount() if model is not None else 1
        digits = len(str(max(rows - 1, 0)))
        return self.fontMetrics().horizontalAdvance("9" * digits) + 12

    def preferred_width(self, max_columns: int = FIT_COLUMNS) -> int:
        """A width that shows the row numbers and up to ``max_columns`` columns.

        Room for a vertical scroll bar is kept when the grid has more than
        :data:`SCROLL_ROWS` rows, so its last column never hides behind one.
        """
        model = model_of(self)
        if model is None:
            return 160
        columns = min(model.columnCount(), max_columns)
        width = sum(self.columnWidth(c) for c in range(columns))
        chrome = 2 * self.frameWidth() + 2
        if model.rowCount() > SCROLL_ROWS:
            chrome += self.verticalScrollBar().sizeHint().width()
        return self.row_header_width() + width + chrome

    def preferred_height(self, max_rows: int) -> int:
        """A height that shows the column titles and up to ``max_rows`` rows."""
        model = model_of(self)
        rows = min(model.rowCount() if model is not None else 0, max_rows)
        row = self.verticalHeader().defaultSectionSize()
        chrome = 2 * self.frameWidth() + self.horizontalScrollBar().sizeHint().height()
        return self.horizontalHeader().height() + max(rows, 1) * row + chrome

    def selection_box(self) -> tuple[int, int, int, int] | None:
        """``(top, left, bottom, right)`` of the selection, or of the current cell."""
        ranges = selected_ranges(self)
        if ranges:
            top = min(r.top() for r in ranges)
            left = min(r.left() for r in ranges)
            bottom = max(r.bottom() for r in ranges)
            right = max(r.right() for r in ranges)
            return top, left, bottom, right
        current = self.currentIndex()
        if current.isValid():
            return current.row(), current.column(), current.row(), current.column()
        return None

    def selected_block(self) -> list[list[float | int | None]]:
        """The selected cells' exact values; unselected cells in the box are None."""
        box = self.selection_box()
        model = model_of(self)
        if box is None or model is None:
            return []
        top, left, bottom, right = box
        selection = self.selectionModel()
        full = (
            selection is None
            or not selection.hasSelection()
            or all(
                r.top() == top
                and r.left() == left
                and r.bottom() == bottom
                and r.right() == right
                for r in selected_ranges(self)
            )
        )
        block = self._values(top, left, bottom, right)
        if not full:
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    if not selection.isSelected(model.index(r, c)):
                        block[r - top][c - left] = None
        return block

    def _values(
        self, top: int, left: int, bottom: int, right: int
    ) -> list[list[float | int | None]]:
        model = self.model()
        table = getattr(model, "table", None)
        if callable(table):
            values: list[list[float | int | None]] = table()[
                top : bottom + 1, left : right + 1
            ].tolist()
            return values
        # no table(): a grid of results
        results = cast("ResultTableModel", model)
        columns = [
            results.column_values(c, top, bottom + 1) for c in range(left, right + 1)
        ]
        return [list(row) for row in zip(*columns, strict=True)]

    def copy_selection(self) -> str:
        """Put the selection on the clipboard as TSV and return the text."""
        block = self.selected_block()
        if not block:
            return ""
        text = format_tsv(block)
        QGuiApplication.clipboard().setText(text)
        rows, cols = len(block), len(block[0])
        self.message.emit(
            QCoreApplication.translate(
                "GridView", "Copied {rows}×{columns} cells"
            ).format(rows=rows, columns=cols)
        )
        return text

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: standard copy/paste keys, then the default handling."""
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
        super().keyPressEvent(event)


class TensorTableView(GridView):
    """An editable tensor grid; its model is a :class:`TensorTableModel`."""

    def __init__(
        self, controller: SessionController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._controller = controller
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setItemDelegate(CheckedCellDelegate(self))  # refused text stays

    def model(self) -> TensorTableModel:
        """Qt: the view's model, a :class:`TensorTableModel` (set at build)."""
        return cast("TensorTableModel", super().model())

    def paste_text(self, text: str) -> bool:
        """Paste ``text`` (TSV from a spreadsheet) at the current cell.

        Returns
        -------
        bool
            True if the values went in; False (with a status message) if
            any cell is not a number or the block cannot fit.
        """
        model = self.model()
        if model is None or not text.strip():
            self.message.emit(
                QCoreApplication.translate("TensorTableView", "Nothing to paste")
            )
            return False
        try:
            values = self._block(text, model)
        except FileFormatError as exc:
            self.message.emit(
                QCoreApplication.translate(
                    "TensorTableView", "Paste refused: {reason}"
                ).format(reason=exc)
            )
            return False
        box = self.selection_box() or (0, 0, 0, 0)
        top, left, bottom, right = box
        try:
            if values.shape == (1, 1) and (bottom > top or right > left):
                rows, cols = np.mgrid[top : bottom + 1, left : right + 1]
                self._controller.set_cells(
                    model.name,
                    rows.ravel(),
                    cols.ravel(),
                    np.full(rows.size, values[0, 0]),
                    QCoreApplication.translate(
                        "TensorTableView", "Paste over selection"
                    ),
                )
            else:
                self._controller.paste(model.name, top, left, values)
        except ValueError as exc:
            self.message.emit(
                QCoreApplication.translate(
                    "TensorTableView", "Paste refused: {reason}"
                ).format(reason=exc)
            )
            return False
        self.message.emit(
            QCoreApplication.translate(
                "TensorTableView", "Pasted {rows}×{columns} cells into {name}"
            ).format(rows=values.shape[0], columns=values.shape[1], name=model.name)
        )
        return True

    @staticmethod
    def _block(text: str, model: TensorTableModel) -> np.ndarray:
        """The pasted numbers as a 2-D float block, checked for index tensors."""
        values = np.asarray(parse_block(text).values, dtype=np.float64)
        if values.ndim == 0:
            values = values.reshape(1, 1)
        elif values.ndim == 1:
            one_row = model.rowCount() == 1 and model.columnCount() > 1
            values = values.reshape(1, -1) if one_row else values.reshape(-1, 1)
        elif values.ndim > 2:
            values = values.reshape(values.shape[0], -1)
        if values.size == 0:
            raise FileFormatError(
                QCoreApplication.translate(
                    "TensorTableView", "there are no numbers in the text"
                )
            )
        if model.is_index():
            bad = ~np.isfinite(values) | (values != np.floor(values))
            if bad.any():
                r, c = np.argwhere(bad)[0]
                raise FileFormatError(
                    QCoreApplication.translate(
                        "TensorTableView",
                        "row {row}, column {column}: class indices are whole numbers",
                    ).format(row=r + 1, column=c + 1)
                )
        return values

    def paste_clipboard(self) -> bool:
        """Paste the clipboard's text."""
        return self.paste_text(QGuiApplication.clipboard().text())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Qt: standard copy/paste keys, then the default handling."""
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste_clipboard()
            return
        if (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
            and self.model() is not None
        ):  # clear the selection as a spreadsheet does (one undo step)
            box = self.selection_box()
            ranges = selected_ranges(self)
            boxes = [(r.top(), r.left(), r.bottom(), r.right()) for r in ranges]
            self.model().clear_ranges(boxes or ([box] if box else []))
            return
        super().keyPressEvent(event)
