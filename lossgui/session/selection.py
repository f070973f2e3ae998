"""Which element of the batch a grid cell stands for (no Qt).

Every view that follows "the selected element" — Explain, the curves'
marker highlight, the grids — speaks in cells of the first tensor's grid
(the logits): ``(row, column)``. A click on any other grid is translated by
one rule, :func:`element_for_cell`, according to the clicked tensor's role:

``grid``
    Shaped like the logits: the same cell.
``rows``
    One value per sample (class-index targets, lengths): that sample, the
    column (class) stays.
``classes``
    One value per class (a per-class ``weight``, ``pos_weight``): that
    class, the sample stays.
``sequence``
    A label sequence per sample: that sample when the table has one row per
    sample, else (one unbatched sequence) nothing changes; the class stays.
``scalar``
    Nothing changes.
``results``
    The results grid: the same sample, and the column's class when the
    quantity has one column per class (a per-sample loss keeps the class).

The answer always lies inside the logits grid.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["CellRole", "Element", "element_for_cell"]

Element = tuple[int, int]
CellRole = Literal["grid", "rows", "classes", "sequence", "scalar", "results"]


def _inside(value: int, size: int) -> int:
    return min(max(value, 0), max(size - 1, 0))


def element_for_cell(
    role: str,
    cell: Element,
    current: Element,
    grid_shape: tuple[int, int],
    table_shape: tuple[int, int] | None = None,
) -> Element:
    """The logits-grid element that cell ``cell`` of a tensor stands for.

    Parameters
    ----------
    role : str
        The clicked tensor's slot role, or ``"results"`` (see the module
        docstring).
    cell : (int, int)
        The clicked cell, ``(row, column)`` of that tensor's 2-D table.
    current : (int, int)
        The element selected now; coordinates the cell does not decide stay.
    grid_shape : (int, int)
        ``(N, C)`` of the logits grid's table.
    table_shape : (int, int), optional
        The clicked table's shape: a ``sequence`` follows the row only when
        it has ``N`` rows; a ``results`` column follows the class only when
        its quantity has ``C`` columns (pass ``(N, C)`` or ``(N, 1)``).

    Returns
    -------
    (int, int)
        ``(row, column)`` inside the logits grid.
    """
    rows, columns = grid_shape
    row, column = current
    same_rows = table_shape is None or table_shape[0] == rows
    per_class = table_shape is None or table_shape[1] == columns
    if role == "grid":
        row, column = cell
    elif role == "rows" or (role == "sequence" and same_rows):
        row = cell[0]
    elif role == "classes":
        column = cell[1]
    elif role == "results":
        row = cell[0]
        if per_class:
            column = cell[1]
    return _inside(row, rows), _inside(column, columns)
