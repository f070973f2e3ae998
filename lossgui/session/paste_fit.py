"""Where a pasted block goes, and how the grid grows to hold it (no Qt).

A block of ``h × w`` values pasted at ``(row, column)`` of a tensor's 2-D
table needs ``row + h`` rows and ``column + w`` columns. When the table is
smaller, the grid grows if the tensor's role lets it grow that way:

========== ================================ =====================================
role       more rows                         more columns
========== ================================ =====================================
grid       ``N`` grows                       ``C`` grows
rows       ``N`` grows                       refused (one value per sample)
classes    refused (one row of ``C``)        ``C`` grows
sequence   refused (one label sequence)      ``S`` (the sequence length) grows
scalar     refused                           refused
========== ================================ =====================================

:func:`plan_paste` applies these rules (raising ``ValueError`` when the
block cannot fit) and returns a :class:`PastePlan`; the UI writes the cells
as one undo step when nothing grows, or runs :meth:`PastePlan.write` on a
copy of the document otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.layout import Role

__all__ = ["PastePlan", "plan_paste"]

Array = npt.NDArray[Any]
IndexArray = npt.NDArray[np.intp]

#: Roles whose table cannot get more rows, and those that cannot get more columns.
_FIXED_ROWS = ("classes", "sequence", "scalar")
_FIXED_COLUMNS = ("rows", "scalar")


@dataclass(frozen=True)
class PastePlan:
    """Where each value of a pasted block lands, and the growth it needs.

    Attributes
    ----------
    name : str
        The tensor pasted into.
    role : str
        Its slot's role (see the module's table).
    rows, columns : ndarray of intp
        The table position of each block value, in the block's row-major order.
    grow_rows, grow_columns : int
        How many rows and columns the table lacks (0 when it fits).
    """

    name: str
    role: Role
    rows: IndexArray
    columns: IndexArray
    grow_rows: int
    grow_columns: int

    @property
    def grows(self) -> bool:
        """Whether the grid must grow before the block is written."""
        return bool(self.grow_rows or self.grow_columns)

    def write(self, doc: SessionDocument, block: Array) -> None:
        """Grow ``doc`` as planned and write ``block`` (a document copy)."""
        if self.role == "sequence":  # a longer label sequence: S grows, not C
            if self.grow_columns:
                length = doc.table(self.name).shape[1] + self.grow_columns
                doc.resize_sequence(self.name, length)
        elif self.grows:
            doc.resize(doc.rows + self.grow_rows, doc.columns + self.grow_columns)
        doc.set_values(self.name, self.rows, self.columns, np.ravel(block))


def plan_paste(
    doc: SessionDocument, name: str, row: int, column: int, shape: tuple[int, int]
) -> PastePlan:
    """Plan pasting a block of ``shape`` at ``(row, column)`` of tensor ``name``.

    Raises
    ------
    ValueError
        When the block is taller or wider than a tensor that cannot grow that
        way (a one-value-per-row target, say); the message names both shapes.
    """
    slot = doc.slot(name)
    height, width = shape
    table_rows, table_columns = doc.table(name).shape
    need_rows, need_columns = row + height, column + width
    grow_rows = max(0, need_rows - table_rows)
    grow_columns = max(0, need_columns - table_columns)
    if (grow_rows and slot.role in _FIXED_ROWS) or (
        grow_columns and slot.role in _FIXED_COLUMNS
    ):
        raise ValueError(
            translate(
                "session", "the pasted block ({block}) does not fit {name} ({table})"
            ).format(
                block=f"{height}×{width}",
                name=name,
                table=f"{table_rows}×{table_columns}",
            )
        )
    rows, columns = np.meshgrid(
        np.arange(row, need_rows), np.arange(column, need_columns), indexing="ij"
    )
    return PastePlan(
        name, slot.role, rows.ravel(), columns.ravel(), grow_rows, grow_columns
    )
