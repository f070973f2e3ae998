"""Loss and gradient curves for the current batch, with every element marked.

:func:`batch_curves` turns a frozen :class:`~lossgui.session.Evaluation` into
a :class:`CurveSet`: the curves to draw (from :mod:`lossgui.session.sweep`,
the same engine call as the numbers) and a marker per element of the batch.

Which elements share a curve is read from the registry metadata, never
written per loss:

- *independent* losses (one output per input element, no softmax over the
  row: BCE, focal, regression, margin losses) — two elements lie on the same
  curve exactly when every other tensor has the same value at them: the
  target (``y = 0``, ``y = 1``, any soft label), a per-element ``weight``, the
  ``pos_weight`` or class weight of their column, ``var``, ``input2``, ...
  One curve per distinct combination (at most ``MAX_CURVES``, always the
  selected element's);
- *coupled* losses (softmax or per-sample outputs: CrossEntropyLoss, KL on
  logits, MultiLabelSoftMarginLoss) — each element has a curve of its own (its
  logit swept with the rest of its row fixed). The selected row's curves are
  drawn; the markers of other rows sit on curves that are not drawn.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session.curve_labels import (
    axis_labels,
    context_labels,
    coupled_label,
)
from lossgui.session.curve_range import DEFAULT_RANGE
from lossgui.session.curve_set import Curve, CurveSet, Markers, curve_columns
from lossgui.session.curve_summary import BatchSummary, hardest_rows, summarise
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import as_table
from lossgui.session.sweep import (
    Problem,
    element_values,
    input_domain,
    shape_rules,
    sweep_elements,
    true_probability,
)

__all__ = [
    "Curve",
    "CurveSet",
    "Markers",
    "batch_curves",
    "batch_summary",
    "curve_columns",
    "sweep_grid",
]

Array = npt.NDArray[Any]

DEFAULT_POINTS = 801
MAX_MARKERS = 2000
MAX_CURVES = 8
MAX_POINTWISE = 3
#: The hardest elements always marked (one per hardest row).
HARDEST = 10
#: Grid elements of the rows whose markers are computed (their gradient
#: takes one engine call on those rows): above it, fewer rows are marked.
MARKER_ROWS_BUDGET = 200_000
#: Grid elements of one sweep call (curves x points x row width): wide rows
#: (1,000 classes) get fewer points, never fewer than MIN_POINTS.
SWEEP_BUDGET = 800_000
MIN_POINTS = 101


def sweep_grid(problem: Problem, x_range: tuple[float, float], points: int) -> Array:
    """``points`` evenly spaced values over ``x_range`` within the input's domain."""
    low, high = sorted(float(v) for v in x_range)
    floor, ceiling = input_domain(problem)
    low, high = max(low, floor), min(high, ceiling)
    if not low < high:
        low, high = (floor, ceiling) if np.isfinite(floor) else (-6.0, 6.0)
    return np.linspace(low, high, max(2, int(points))).astype(problem.inputs[0].dtype)


def _sorted_unique(values: Array) -> Array:
    """The distinct integers of ``values``, sorted.

    Written out because a plain ``np.unique`` imports ``numpy.ma`` on first
    use (~35 ms of start-up).
    """
    ordered: Array = np.sort(values, axis=None)
    if ordered.size < 2:
        return ordered
    first = np.ones(ordered.size, dtype=bool)
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    distinct: Array = ordered[first]
    return distinct


def _marked(n: int, m: int, keep: list[int], limit: int) -> Array:
    """Flat indices of the marked elements: all, or a bounded sample plus ``keep``.

    The sample is even over the flat index; when its rows would hold more
    than :data:`MARKER_ROWS_BUDGET` elements (wide rows), it is even over a
    bounded number of rows and even over the columns of each.
    """
    total = n * m
    if total <= limit:
        return np.arange(total)
    if min(n, limit) * m <= MARKER_ROWS_BUDGET:
        even = np.linspace(0, total - 1, limit).round().astype(np.intp)
    else:
        count = min(n, max(1, MARKER_ROWS_BUDGET // m))
        rows = np.linspace(0, n - 1, count).round().astype(np.intp)
        per = min(m, max(1, limit // count))
        cols = np.linspace(0, m - 1, per).round().astype(np.intp)
        even = (rows[:, None] * m + cols[None, :]).reshape(-1)
    return _sorted_unique(np.concatenate([even, np.asarray(keep, dtype=np.intp)]))


def _hardest(
    problem: Problem, elementwise: Array, summary: BatchSummary, coupled: bool
) -> list[int]:
    """Flat indices of the hardest elements: the hardest of each hardest row.

    Independent losses: the element with the largest loss of the row;
    coupled ones (one loss per sample): the element whose gradient is the
    largest in size (one engine call on those rows).
    """
    rows = hardest_rows(summary, HARDEST)
    if rows.size == 0:
        return []
    m = int(problem.grid.shape[1])
    if coupled:
        grad = as_table(problem.take_rows(rows).run().grad, "grid")
        with np.errstate(invalid="ignore"):
            score = np.abs(grad.astype(np.float64))
    else:
        score = as_table(elementwise, "grid")[rows].astype(np.float64)
    score[np.isnan(score)] = np.inf
    cols = np.argmax(score, axis=1)
    return [int(r) * m + int(c) for r, c in zip(rows, cols, strict=True)]


def _marker_gradients(
    problem: Problem, rows: Array, cols: Array, separable: bool, total: int
) -> Array:
    """``d loss / d x`` of the marked elements with ``reduction='none'``."""
    if separable and rows.size < total:
        unique, inverse = np.unique(rows, return_inverse=True)
        result = problem.take_rows(unique).run()
        return as_table(result.grad, "grid")[inverse, cols]
    return as_table(problem.run().grad, "grid")[rows, cols]


def _context_keys(problem: Problem, rows: Array, cols: Array) -> Array:
    """One row of values per element: every other tensor's value at it."""
    n, m = problem.grid.shape
    columns: list[Array] = []
    for _, array, role in problem.others():
        flat = array.reshape(-1)
        if role == "classes" and flat.size in (m, 1):
            columns.append(flat[cols % flat.size].astype(np.float64))
        elif role == "rows" and flat.size == n:
            columns.append(flat[rows].astype(np.float64))
        elif role == "grid" and as_table(array, "grid").shape == (n, m):
            columns.append(as_table(array, "grid")[rows, cols].astype(np.float64))
        else:  # a shape not tied to the element: give each element its own curve
            columns.append((rows * m + cols).astype(np.float64))
    if not columns:
        return np.zeros((rows.size, 1))
    return np.stack(columns, axis=1)


def _contexts(
    problem: Problem,
    rows: Array,
    cols: Array,
    selected: int,
    rules: tuple[bool, bool],
) -> tuple[Array, list[int]]:
    """Each marker's context id, and the contexts to draw.

    Coupled losses draw the selected row (the whole batch when the loss is
    one number for it, at most :data:`MAX_POINTWISE` curves, since each
    point is an engine call); independent ones the selected element's
    context and the most populous others.
    """
    coupled, separable = rules
    if coupled:
        ids = rows * problem.grid.shape[1] + cols
        group = (
            np.flatnonzero(rows == rows[selected]) if separable else np.arange(ids.size)
        )
        limit = MAX_CURVES if separable else MAX_POINTWISE
        order = sorted(group, key=lambda i: (i != selected, ids[i]))
        kept = sorted(order[:limit], key=lambda i: ids[i])
        return ids, [int(ids[i]) for i in kept]
    keys = _context_keys(problem, rows, cols)
    _, ids, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    ids = ids.reshape(-1)
    first = int(ids[selected])
    ranked = sorted(
        (int(c) for c in range(counts.size) if c != first),
        key=lambda c: -int(counts[c]),
    )
    # Drawn in key order (y=0 before y=1): colours stay put as the selection moves.
    return ids, sorted([first, *ranked[: MAX_CURVES - 1]])


def _labels(
    problem: Problem, rows: Array, cols: Array, reps: list[int], coupled: bool
) -> list[str]:
    if coupled:
        return [coupled_label(problem, int(rows[i]), int(cols[i])) for i in reps]
    keys = _context_keys(problem, rows[reps], cols[reps])
    return context_labels(problem, keys)


def batch_summary(
    evaluation: Evaluation,
    previous: BatchSummary | None = None,
    changed: list[range] | None = None,
) -> BatchSummary:
    """The :class:`BatchSummary` of ``evaluation``'s grid table (markers' x).

    ``previous`` and ``changed`` as in
    :func:`~lossgui.session.curve_summary.summarise`.
    """
    problem = Problem.from_evaluation(evaluation)
    grid = as_table(problem.inputs[0], "grid")
    if evaluation.result is None:
        return summarise(grid, None, False, previous, changed)
    elementwise = evaluation.result.loss.elementwise
    coupled, _ = shape_rules(problem, elementwise.shape)
    return summarise(grid, elementwise, coupled, previous, changed)


def _points(points: int, curves: int, width: int, separable: bool) -> int:
    """Sweep points within :data:`SWEEP_BUDGET` (wide rows), at least MIN_POINTS."""
    if not separable:
        return points
    fit = SWEEP_BUDGET // max(curves * width, 1)
    return min(points, max(MIN_POINTS, fit))


def batch_curves(
    evaluation: Evaluation,
    selected: tuple[int, int] = (0, 0),
    x_range: tuple[float, float] = DEFAULT_RANGE,
    points: int = DEFAULT_POINTS,
    max_markers: int = MAX_MARKERS,
    summary: BatchSummary | None = None,
) -> CurveSet:
    """The curves and markers of ``evaluation``'s batch (see the module docstring).

    Parameters
    ----------
    evaluation : Evaluation
        The frozen result of the last recompute.
    selected : (int, int)
        The selected cell of the logits grid (clamped to the grid).
    x_range : (float, float)
        The swept interval (cut to the input's domain, ``[0, 1]`` for raw
        probabilities).
    points : int
        Sweep points per curve.
    max_markers : int
        Above this many elements a bounded sample is marked (and a note says
        so), the selected element and the :data:`HARDEST` hardest among them.
    summary : BatchSummary, optional
        The batch's :func:`batch_summary`, if kept (else made here: one pass
        over the batch).

    Returns
    -------
    CurveSet
        With ``error`` set, and nothing to draw, when torch refuses the input.
    """
    problem = Problem.from_evaluation(evaluation)
    title = evaluation.loss
    if evaluation.result is None:
        text = "" if evaluation.error is None else evaluation.error.torch_text
        return CurveSet(title, *axis_labels(problem), error=text)
    elementwise = evaluation.result.loss.elementwise
    coupled, separable = shape_rules(problem, elementwise.shape)
    per = (
        QT_TRANSLATE_NOOP("session", "per element")
        if not coupled
        else QT_TRANSLATE_NOOP("session", "per sample")
        if separable
        else QT_TRANSLATE_NOOP("session", "for the batch")
    )
    x_label, loss_label, grad_label = axis_labels(problem, per)
    n, m = problem.grid.shape
    row = min(max(int(selected[0]), 0), n - 1)
    col = min(max(int(selected[1]), 0), m - 1)
    keep = [row * m + c for c in range(min(m, MAX_CURVES))] if coupled else []
    if n * m > max_markers:
        if summary is None or summary.rows != n:
            summary = summarise(problem.grid, elementwise, coupled)
        with contextlib.suppress(LossInputError, ValueError):  # the sweep says why
            keep += _hardest(problem, elementwise, summary, coupled)
    flat = _marked(n, m, [row * m + col, *keep], max_markers)
    rows, cols = flat // m, flat % m
    chosen = int(np.flatnonzero((rows == row) & (cols == col))[0])
    ids, drawn = _contexts(problem, rows, cols, chosen, (coupled, separable))
    reps = [
        chosen if c == ids[chosen] else int(np.flatnonzero(ids == c)[0]) for c in drawn
    ]
    notes: list[str] = []
    if flat.size < n * m:
        notes.append(
            translate(
                "session", "{marked} of {total} elements marked (sampled)"
            ).format(marked=f"{flat.size:,}", total=f"{n * m:,}")
        )
    contexts = _sorted_unique(ids).size
    if coupled and not separable and n * m > 1:
        notes.append(
            translate(
                "session", "one loss for the whole batch: each curve moves one element"
            )
        )
    elif coupled and n * m > 1:
        notes.append(
            translate(
                "session", "curves of row {row}; grey markers sit on their rows' curves"
            ).format(row=row)
        )
    elif contexts > len(drawn):
        notes.append(
            translate(
                "session", "{drawn} of {total} curves drawn; grey markers: others"
            ).format(drawn=len(drawn), total=contexts)
        )
    try:
        sweeps = sweep_elements(
            problem,
            [(int(rows[i]), int(cols[i])) for i in reps],
            sweep_grid(problem, x_range, _points(points, len(reps), m, separable)),
            (coupled, separable),
        )
        grads = _marker_gradients(problem, rows, cols, separable, n * m)
    except (LossInputError, ValueError) as exc:
        text = exc.torch_text if isinstance(exc, LossInputError) else str(exc)
        return CurveSet(title, x_label, loss_label, grad_label, error=text)
    labels = _labels(problem, rows, cols, reps, coupled)
    curves = tuple(
        Curve(
            label,
            s.x,
            s.loss,
            s.grad,
            s.p_true,
            (int(rows[i]), int(cols[i])),
            i == chosen,
        )
        for label, s, i in zip(labels, sweeps, reps, strict=True)
    )
    curve_of = np.full(ids.shape, -1, dtype=np.intp)
    for k, c in enumerate(drawn):  # at most MAX_CURVES contexts
        curve_of[ids == c] = k
    probs = evaluation.probabilities
    markers = Markers(
        rows=rows,
        cols=cols,
        x=problem.grid[rows, cols],
        loss=element_values(elementwise, rows, cols, coupled),
        grad=grads,
        p_true=true_probability(problem, probs, rows, cols),
        curve=curve_of,
        total=n * m,
    )
    return CurveSet(
        title, x_label, loss_label, grad_label, curves, markers, chosen, tuple(notes)
    )
