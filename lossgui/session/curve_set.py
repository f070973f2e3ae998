"""What the curve plots draw: curves, markers, labels and notes (no Qt).

:class:`CurveSet` is built by :func:`lossgui.session.curves.batch_curves`
(the current batch) or :mod:`lossgui.session.curve_compare` (compare mode,
numerics view); :func:`curve_columns` lays its data out for a CSV file.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["Curve", "CurveSet", "Markers", "curve_columns"]

Array = npt.NDArray[Any]


@dataclass(frozen=True)
class Curve:
    """One drawn curve: the loss and gradient of an element swept over ``x``.

    Attributes
    ----------
    label : str
        The legend text (``"y=1"``, ``"z[1,3] · true class"``, ...).
    x, loss, grad : ndarray
        Swept values, loss (per element, or per sample when coupled) and
        ``d loss / d x``, all in the evaluation's dtype.
    p_true : ndarray or None
        The probability of the true class at each ``x``, where defined.
    element : (int, int)
        The grid-table position whose sample was swept.
    selected : bool
        Whether the selected element lies on this curve.
    """

    label: str
    x: Array
    loss: Array
    grad: Array
    p_true: Array | None
    element: tuple[int, int]
    selected: bool = False


@dataclass(frozen=True)
class Markers:
    """The batch's elements as points on the curves.

    Attributes
    ----------
    rows, cols : ndarray
        Grid-table positions of the marked elements (a subsample for huge
        batches; the selected element is always included).
    x, loss, grad : ndarray
        Each element's input value, loss (as in :class:`Curve`) and
        ``d loss / d x`` with ``reduction='none'``.
    p_true : ndarray or None
        Each element's probability of the true class.
    curve : ndarray
        Index of the element's curve in :attr:`CurveSet.curves`, ``-1`` when
        its curve is not drawn.
    total : int
        How many elements the batch holds.
    """

    rows: Array
    cols: Array
    x: Array
    loss: Array
    grad: Array
    p_true: Array | None
    curve: Array
    total: int

    def find(self, row: int, col: int) -> int | None:
        """The marker index of element ``(row, col)``, if it is marked."""
        hits = np.flatnonzero((self.rows == row) & (self.cols == col))
        return int(hits[0]) if hits.size else None


@dataclass(frozen=True)
class CurveSet:
    """Everything a plot needs: curves, markers, labels and notes.

    ``notes`` go under the loss plot's title, ``grad_notes`` under the
    gradient plot's; ``error`` replaces the curves when torch refuses the input.
    """

    title: str
    x_label: str
    loss_label: str
    grad_label: str
    curves: tuple[Curve, ...] = ()
    markers: Markers | None = None
    selected: int | None = None
    notes: tuple[str, ...] = ()
    error: str | None = None
    grad_notes: tuple[str, ...] = ()

    @property
    def has_p_true(self) -> bool:
        """Whether every curve can be drawn against the true-class probability."""
        return bool(self.curves) and all(c.p_true is not None for c in self.curves)


def curve_columns(curve_set: CurveSet) -> list[tuple[str, Array]]:
    """The curve data as named columns: ``x``, then loss, gradient and ``p_true``.

    Curves swept over other points than the first (another dtype) add their
    own ``x: <label>`` column.
    """
    curves = curve_set.curves
    if not curves:
        return []
    first = curves[0].x
    columns: list[tuple[str, Array]] = [("x", first)]
    columns += [
        (f"x: {c.label}", c.x) for c in curves[1:] if not np.array_equal(c.x, first)
    ]
    columns += [(f"loss: {c.label}", c.loss) for c in curves]
    columns += [(f"grad: {c.label}", c.grad) for c in curves]
    columns += [
        (f"p_true: {c.label}", c.p_true) for c in curves if c.p_true is not None
    ]
    return columns
