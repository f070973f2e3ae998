"""``ResultTableModel``: per element probability, loss and gradient, coloured.

It receives a frozen :class:`~lossgui.session.Evaluation` and never computes
a loss itself. Tables and colour scales are prepared once per evaluation with
NumPy; ``data()`` only indexes them for the cells on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from lossgui.engine.registry import LOSSES
from lossgui.io.cells import format_exact
from lossgui.session import Evaluation
from lossgui.session.colour_scale import block_peaks, cell, rows_per_block
from lossgui.session.layout import as_table
from lossgui.session.lazy_probabilities import RowProbabilities
from lossgui.session.receipt import short

__all__ = ["ResultColumn", "ResultTableModel"]

#: After a gradient: the way gradient descent moves the input (thin space).
ARROW_DOWN, ARROW_UP = "\u2009↓", "\u2009↑"
_ALIGN = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
Index = QModelIndex | QPersistentModelIndex
#: (positive, negative) hues; alpha comes from the scale.
# A quantity's 2-D table: an array, or probabilities computed when read.
Table = np.ndarray | RowProbabilities

HUES = {
    "loss": ((230, 126, 34), (22, 160, 133)),
    "grad": ((214, 69, 65), (52, 120, 246)),
}


_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ToolTipRole,
    }
)


@dataclass(frozen=True)
class ResultColumn:
    """One column of the results grid: a quantity and a column of its table."""

    kind: str  # "prob", "loss" or "grad"
    index: int
    header: str
    tooltip: str


def _symbol(evaluation: Evaluation) -> str:
    spec = LOSSES[evaluation.loss]
    logits = evaluation.input_mode == "logits" and spec.activation is not None
    return "z" if logits or "logit" in spec.forward[0].doc.lower() else "x"


def _prob_header(evaluation: Evaluation, symbol: str) -> tuple[str, str]:
    """Column title and tooltip of the probability columns."""
    spec = LOSSES[evaluation.loss]
    if evaluation.input_mode == "raw" and spec.activation == "log_softmax":
        return (
            f"exp({symbol})",
            QCoreApplication.translate(
                "ResultTableModel",
                "exp({symbol}): the probabilities the log-inputs stand for.",
            ).format(symbol=symbol),
        )
    if spec.family == "binary":
        return (
            f"σ({symbol})",
            QCoreApplication.translate(
                "ResultTableModel",
                "σ({symbol}): the probability the sigmoid gives this logit.",
            ).format(symbol=symbol),
        )
    return "p", QCoreApplication.translate(
        "ResultTableModel",
        "p = softmax({symbol}) over the classes: the predicted distribution.",
    ).format(symbol=symbol)


def _changed(old: Table, new: Table) -> np.ndarray:
    """Where ``new`` differs bit for bit from ``old`` (one pass over the bytes)."""
    if old is new:
        return np.zeros(new.shape, dtype=bool)
    if not (isinstance(old, np.ndarray) and isinstance(new, np.ndarray)):
        return np.ones(new.shape, dtype=bool)  # computed when read: assume moved
    if old.shape != new.shape or old.dtype != new.dtype or new.dtype.itemsize > 8:
        return np.ones(new.shape, dtype=bool)
    bits = np.dtype(f"u{new.dtype.itemsize}")
    old_bits = np.ascontiguousarray(old).view(bits)
    moved: np.ndarray = old_bits != np.ascontiguousarray(new).view(bits)
    return moved


def changed_region(
    old: dict[str, Table],
    new: dict[str, Table],
    columns: list[ResultColumn],
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The rows and result columns (first, last) that changed, or None.

    Parameters
    ----------
    old, new : dict of str to ndarray
        The per-quantity 2-D tables before and after (same keys).
    columns : list of ResultColumn
        The model's columns: quantity and index into its table.
    """
    firsts: list[int] = []
    lasts: list[int] = []
    sections: list[int] = []
    for kind, table in new.items():
        # one flat pass: reductions over a short row axis are slow in NumPy
        hits = np.flatnonzero(_changed(old[kind], table))
        if hits.size == 0:
            continue
        width = table.shape[1]
        firsts.append(int(hits[0]) // width)
        lasts.append(int(hits[-1]) // width)
        counts = np.bincount(hits % width, minlength=width)
        moved = set(np.flatnonzero(counts).tolist())
        sections += [
            s
            for s, col in enumerate(columns)
            if col.kind == kind and col.index in moved
        ]
    if not sections:
        return None
    return (min(firsts), max(lasts)), (min(sections), max(sections))


def _rewritten_region(
    old: dict[str, Table],
    new: dict[str, Table],
    columns: list[ResultColumn],
    rows: range,
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The changed region of an incremental evaluation: within ``rows`` only.

    The rows are compared as :func:`changed_region` compares whole tables;
    a table written in place (the same memory before and after, a large
    batch) or computed when read has nothing to compare with, so every
    column of the rows counts as changed.
    """
    if not rows:
        return None
    span = slice(rows.start, rows.stop)
    every = (rows.start, rows.stop - 1), (0, len(columns) - 1)
    old_rows: dict[str, Table] = {}
    new_rows: dict[str, Table] = {}
    for kind, table in new.items():
        before = old[kind]
        if not (isinstance(table, np.ndarray) and isinstance(before, np.ndarray)):
            return every
        if np.may_share_memory(before, table):
            return every
        old_rows[kind], new_rows[kind] = before[span], table[span]
    region = changed_region(old_rows, new_rows, columns)
    if region is None:
        return None
    (top, bottom), sections = region
    return (top + rows.start, bottom + rows.start), sections


class ResultTableModel(QAbstractTableModel):
    """Read-only grid of the evaluation's per-element numbers."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._columns: list[ResultColumn] = []
        self._tables: dict[str, Table] = {}
        self._peaks: dict[str, float] = {}
        self._block_peaks: dict[str, np.ndarray] = {}
        self._rows = 0

    # -------------------------------------------------------------- evaluation
    def show_evaluation(self, evaluation: Evaluation) -> None:
        """Take a new evaluation; reset only if the layout changed."""
        tables, columns = self._build(evaluation)
        rows = next(iter(tables.values())).shape[0] if tables else 0
        same_layout = rows == self._rows and [c.header for c in columns] == [
            c.header for c in self._columns
        ]
        if not same_layout:
            self.beginResetModel()
        old_tables, old_peaks = self._tables, self._peaks
        self._tables, self._columns, self._rows = tables, columns, rows
        rewritten = evaluation.rewritten_rows if same_layout else None
        self._update_peaks(tables, rewritten)
        if not same_layout:
            self.endResetModel()
            return
        if not (rows and columns):
            return
        if old_peaks == self._peaks and old_tables.keys() == tables.keys():
            # colours kept their scale: repaint only the cells whose numbers moved
            region: tuple[tuple[int, int], tuple[int, int]] | None = None
            if rewritten is not None:
                region = _rewritten_region(old_tables, tables, columns, rewritten)
            else:
                region = changed_region(old_tables, tables, self._columns)
            if region is None:
                return
            (top, bottom), (left, right) = region
        else:
            top, bottom, left, right = 0, rows - 1, 0, len(columns) - 1
        self.dataChanged.emit(self.index(top, left), self.index(bottom, right))

    def _update_peaks(self, tables: dict[str, Table], rewritten: range | None) -> None:
        """Each coloured quantity's peak, from the peaks of its blocks of rows.

        After an edit of a few rows (``rewritten``) only their blocks are
        measured again; otherwise every block (one chunked pass per quantity).
        """
        peaks: dict[str, np.ndarray] = {}
        for kind, table in tables.items():
            if kind not in HUES or not isinstance(table, np.ndarray):
                continue  # (probabilities are not coloured)
            old = self._block_peaks.get(kind)
            k = rows_per_block(table)
            if (
                rewritten is not None
                and len(rewritten)
                and old is not None
                and len(old) == -(-len(table) // k)
            ):
                blocks = range(rewritten.start // k, (rewritten.stop - 1) // k + 1)
                fresh = old.copy()
                fresh[blocks.start : blocks.stop] = block_peaks(table, blocks)
                peaks[kind] = fresh
            else:
                peaks[kind] = block_peaks(table)
        self._block_peaks = peaks
        self._peaks = {k: float(v.max()) if v.size else 0.0 for k, v in peaks.items()}

    def _build(
        self, evaluation: Evaluation
    ) -> tuple[dict[str, Table], list[ResultColumn]]:
        grid = as_table(evaluation.grid, "grid")
        rows = grid.shape[0]
        symbol = _symbol(evaluation)
        tables: dict[str, Table] = {}
        columns: list[ResultColumn] = []

        def add(kind: str, table: Table, header: str, tip: str) -> None:
            tables[kind] = table
            n = table.shape[1]
            for j in range(n):
                label = header if n == 1 else f"{header}[{j}]"
                columns.append(ResultColumn(kind, j, label, tip))

        probs = evaluation.probabilities
        spec = LOSSES[evaluation.loss]
        raw_probs = evaluation.input_mode == "raw" and spec.activation == "sigmoid"
        if probs is not None and probs.shape == evaluation.grid.shape and not raw_probs:
            shown = probs if isinstance(probs, RowProbabilities) else None
            add(
                "prob",
                shown if shown is not None else as_table(np.asarray(probs), "grid"),
                *_prob_header(evaluation, symbol),
            )
        result = evaluation.result
        logits = None if result is None else result.loss.derived.get("logits")
        if logits is not None and as_table(logits, "grid").shape[0] == rows:
            # a linear layer's output (LinearCrossEntropyLoss): computed, read-only
            add(
                "logit",
                as_table(logits, "grid"),
                "z",
                QCoreApplication.translate(
                    "ResultTableModel",
                    "z = x·Wᵀ + b: the logit the linear layer gives this class "
                    "(computed from the grid and linear_weight; softmax(z) is the "
                    "predicted distribution).",
                ),
            )
        if result is not None:
            loss = result.loss.elementwise
            if loss.shape == evaluation.grid.shape:
                table = as_table(loss, "grid")
            elif loss.size == rows and loss.ndim >= 1:
                table = loss.reshape(rows, 1)
            else:
                table = None
            if table is not None:
                add(
                    "loss",
                    table,
                    QCoreApplication.translate("ResultTableModel", "loss"),
                    QCoreApplication.translate(
                        "ResultTableModel",
                        "The unreduced loss of this element (what reduction='none' "
                        "returns).",
                    ),
                )
            reduced = "sum" if evaluation.reduction == "none" else evaluation.reduction
            add(
                "grad",
                as_table(result.grad, "grid"),
                f"∂L/∂{symbol}",
                QCoreApplication.translate(
                    "ResultTableModel",
                    "Gradient of the {reduction}-reduced loss with respect to this "
                    "{symbol}. Gradient descent moves {symbol} against it: ↓ when "
                    "positive, ↑ when negative.",
                ).format(reduction=reduced, symbol=symbol),
            )
        return tables, columns

    # ---------------------------------------------------------------- reading
    def column(self, section: int) -> ResultColumn:
        """The description of column ``section``."""
        return self._columns[section]

    def column_values(self, section: int, start: int, stop: int) -> np.ndarray:
        """Rows ``start:stop`` of column ``section`` (one NumPy slice)."""
        col = self._columns[section]
        return self._tables[col.kind][start:stop, col.index]

    def value(self, row: int, section: int) -> np.floating:
        """The number shown at ``(row, section)``, in the evaluation's dtype."""
        col = self._columns[section]
        value: np.floating = self._tables[col.kind][row, col.index]
        return value

    def rowCount(self, parent: Index | None = None) -> int:
        """Qt: the number of rows."""
        return 0 if parent is not None and parent.isValid() else self._rows

    def columnCount(self, parent: Index | None = None) -> int:
        """Qt: the number of columns."""
        return 0 if parent is not None and parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Qt: a cell's text, alignment, colour or tooltip."""
        if role not in _ROLES or not index.isValid() or index.row() >= self._rows:
            return None
        col = self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = float(self._tables[col.kind][index.row(), col.index])
            text = short(self._tables[col.kind][index.row(), col.index])
            if col.kind == "grad" and value != 0 and not np.isnan(value):
                text += ARROW_DOWN if value > 0 else ARROW_UP
            return text
        if role == Qt.ItemDataRole.EditRole:
            return format_exact(self.value(index.row(), index.column()))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _ALIGN
        if role == Qt.ItemDataRole.BackgroundRole and col.kind in self._peaks:
            return self._background(col, index.row())
        if role == Qt.ItemDataRole.ToolTipRole:
            exact = self.value(index.row(), index.column())
            return (
                f"{col.header} = {format_exact(exact)} ({exact.dtype})\n{col.tooltip}"
            )
        return None

    def _background(self, col: ResultColumn, row: int) -> QBrush | None:
        value = self._tables[col.kind][row, col.index]
        alpha, positive_sign, nan = cell(value, self._peaks[col.kind])
        if nan:
            return QBrush(QColor(128, 128, 128, 140), Qt.BrushStyle.BDiagPattern)
        if alpha == 0:
            return None
        positive, negative = HUES[col.kind]
        r, g, b = positive if positive_sign else negative
        return QBrush(QColor(r, g, b, alpha))

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> str | None:
        """Qt: row numbers and column titles."""
        if orientation == Qt.Orientation.Vertical:
            return str(section) if role == Qt.ItemDataRole.DisplayRole else None
        if section >= len(self._columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._columns[section].header
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._columns[section].tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Qt: which cells can be selected and edited."""
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
