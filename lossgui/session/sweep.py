"""Sweeps: a loss and its gradient as one input element moves, from the engine.

A sweep never re-implements a loss. It takes the engine call behind an
:class:`~lossgui.session.Evaluation` (a :class:`Problem`), builds a batch
whose rows are copies of one sample — every per-sample tensor (roles
``"grid"`` and ``"rows"``) indexed by row, per-class tensors (role
``"classes"``) kept whole — writes the swept values into one column of the
copies, and calls :func:`~lossgui.engine.pipeline.compute_from_logits` with
``reduction='none'``, exactly as the numbers are computed. Row ``k`` of the
answer is then the loss of the sample with the swept element at ``xs[k]``,
and the pipeline's gradient at that element is ``d loss_k / d xs[k]``, because
the rows of a ``'none'`` batch do not interact.

Two facts about a loss decide how its output is read (:func:`shape_rules`):

*coupled*
    The element's loss depends on other elements of its sample: a per-sample
    output (``CrossEntropyLoss``'s ``(N,)``) or a log-softmax taken over the
    row. The curve is then the sample's loss (summed over the row).
*separable*
    The output keeps the batch axis, so rows can be copied and taken apart.
    When it does not (``SoftDiceLoss`` on a vector is one number), the sweep
    falls back to one engine call per point on the whole batch.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.pipeline import probabilities
from lossgui.i18n import translate
from lossgui.session.layout import as_table, target_name
from lossgui.session.problem import Problem, input_domain, shape_rules

__all__ = [
    "Problem",
    "Sweep",
    "element_values",
    "input_domain",
    "shape_rules",
    "sweep_elements",
    "true_probability",
]

Array = npt.NDArray[Any]

#: Grid size above which a point-by-point sweep is refused (too slow to be live).
POINTWISE_LIMIT = 20_000
#: Work budget (points x grid elements) of a point-by-point sweep.
POINTWISE_BUDGET = 400_000
#: Most points of a point-by-point sweep (one engine call each).
POINTWISE_POINTS = 121
#: Fewest points of a point-by-point sweep worth drawing.
POINTWISE_MIN_POINTS = 11
#: Seconds a point-by-point sweep may take (all its curves): a slow loss
#: (CTC over a thousand time steps) gets fewer points, or none.
POINTWISE_SECONDS = 0.1
#: Grids up to this size are swept without timing (always fast enough).
POINTWISE_UNTIMED = 2_000


def element_values(
    elementwise: Array, rows: Array, cols: Array, coupled: bool
) -> Array:
    """The loss each element ``(rows[i], cols[i])`` sits at on its curve.

    Independent elements read their own entry; coupled ones the loss of their
    sample (the row sum of a per-element output, or the single value of a
    0-d output).
    """
    if elementwise.ndim == 0:
        return np.full(rows.shape, elementwise[()], dtype=elementwise.dtype)
    table = as_table(elementwise, "grid")
    if not coupled:
        return table[rows, cols]
    if table.shape[1] == 1:
        column: Array = table[rows, 0]
        return column
    # only the rows asked for (a few thousand markers of a huge batch)
    unique, inverse = np.unique(rows, return_inverse=True)
    return table[unique].sum(axis=1)[inverse]  # type: ignore[no-any-return]


def true_probability(
    problem: Problem, probs: Any, rows: Array, cols: Array
) -> Array | None:
    """The probability of the true class for elements ``(rows, cols)``.

    Parameters
    ----------
    problem : Problem
        Supplies the target (the registry's label tensor).
    probs : array-like or None
        The ``(N, M)`` table of :func:`~lossgui.engine.pipeline.probabilities`
        (an array, or anything indexed like one: only ``rows`` are read).
    rows, cols : ndarray
        Element positions in the grid table.

    Returns
    -------
    ndarray or None
        Binary losses: ``p_t = y p + (1 - y)(1 - p)`` (the focal-loss ``p_t``);
        class-index targets: ``p[target]`` of the row (``nan`` when ignored);
        probability targets: ``Σ_c y_c p_c``. ``None`` when the loss has no
        probability reading.
    """
    name = target_name(problem.spec)
    target = None if name is None else problem.tensor(name)
    if probs is None or target is None or name is None:
        return None
    table = as_table(probs, "grid")
    role = problem.roles.get(name)
    with np.errstate(all="ignore"):
        if target.dtype.kind in "iu" and role == "rows":
            labels = target.reshape(-1)[rows]
            valid = (labels >= 0) & (labels < table.shape[1])
            picked = table[rows, np.clip(labels, 0, table.shape[1] - 1)]
            return np.where(valid, picked, np.nan)
        if target.dtype.kind != "f" or role != "grid":
            return None
        y = as_table(target, "grid")
        if y.shape != table.shape:
            return None
        if problem.spec.family == "binary":
            p, t = table[rows, cols], y[rows, cols]
            return t * p + (1 - t) * (1 - p)  # type: ignore[no-any-return]
        return (y[rows] * table[rows]).sum(axis=1)  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Sweep:
    """The loss and gradient of one element swept over ``x``.

    Attributes
    ----------
    x, loss, grad : ndarray
        The swept values (in the grid's dtype), the element's loss (its
        sample's, when coupled) and ``d loss / d x``.
    p_true : ndarray or None
        The probability of the true class at each ``x``.
    """

    x: Array
    loss: Array
    grad: Array
    p_true: Array | None


def _probs(problem: Problem) -> Array | None:
    found = probabilities(problem.loss, problem.inputs[0], problem.input_mode)
    return None if found is None else as_table(found, "grid")


#: Sweeps kept for reuse (a few views' worth).
_KEPT = 8
_kept: OrderedDict[tuple[object, ...], list[Sweep]] = OrderedDict()


def _digest(value: object) -> object:
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    return repr(value)


def _sweep_key(
    problem: Problem, elements: Sequence[tuple[int, int]], xs: Array, coupled: bool
) -> tuple[object, ...]:
    """Everything a batched sweep reads: the elements' samples, settings, ``xs``.

    An independent loss reads nothing of the swept grid row but the swept
    element, which the sweep overwrites: the row's values are left out, so
    an edit elsewhere in the row (or of the element itself) reuses the sweep.
    """
    rows = np.array([r for r, _ in elements], dtype=np.intp)
    part = problem.take_rows(rows)
    inputs = [
        (a.dtype.str, a.shape) if i == 0 and not coupled else _digest(a)
        for i, a in enumerate(part.inputs)
    ]
    return (
        problem.loss,
        problem.input_mode,
        coupled,
        tuple(c for _, c in elements),
        _digest(xs),
        tuple(inputs),
        tuple((k, _digest(v)) for k, v in sorted(part.kwargs.items())),
    )


def _batched(
    problem: Problem, elements: Sequence[tuple[int, int]], xs: Array, coupled: bool
) -> list[Sweep]:
    key = _sweep_key(problem, elements, xs, coupled)
    found = _kept.get(key)
    if found is not None:
        _kept.move_to_end(key)
        return found
    sweeps = _batched_now(problem, elements, xs, coupled)
    for sweep in sweeps:  # shared by every curve set that reuses them
        for array in (sweep.x, sweep.loss, sweep.grad, sweep.p_true):
            if array is not None:
                array.flags.writeable = False
    _kept[key] = sweeps
    while len(_kept) > _KEPT:
        _kept.popitem(last=False)
    return sweeps


def _batched_now(
    problem: Problem, elements: Sequence[tuple[int, int]], xs: Array, coupled: bool
) -> list[Sweep]:
    count = xs.size
    rows = np.repeat(np.array([r for r, _ in elements], dtype=np.intp), count)
    cols = np.repeat(np.array([c for _, c in elements], dtype=np.intp), count)
    copies = problem.take_rows(rows)
    table = as_table(copies.inputs[0], "grid")
    every = np.arange(rows.size)
    table[every, cols] = np.tile(xs, len(elements))
    result = copies.run()
    loss = element_values(result.loss.elementwise, every, cols, coupled)
    grad = as_table(result.grad, "grid")[every, cols]
    p_true = true_probability(copies, _probs(copies), every, cols)
    return [
        Sweep(
            xs,
            loss[i * count : (i + 1) * count],
            grad[i * count : (i + 1) * count],
            None if p_true is None else p_true[i * count : (i + 1) * count],
        )
        for i in range(len(elements))
    ]


def _pointwise(
    problem: Problem, element: tuple[int, int], xs: Array, coupled: bool
) -> Sweep:
    row, col = element
    loss = np.empty(xs.shape, dtype=np.float64)
    grad = np.empty(xs.shape, dtype=np.float64)
    p_true = np.empty(xs.shape, dtype=np.float64)
    has_p = True
    first = np.array(problem.inputs[0], copy=True)
    point = replace(problem, inputs=(first, *problem.inputs[1:]))
    at_r, at_c = np.array([row]), np.array([col])
    for k, x in enumerate(xs):
        as_table(first, "grid")[row, col] = x
        result = point.run()
        loss[k] = element_values(result.loss.elementwise, at_r, at_c, coupled)[0]
        grad[k] = as_table(result.grad, "grid")[row, col]
        found = true_probability(point, _probs(point), at_r, at_c)
        has_p = has_p and found is not None
        p_true[k] = np.nan if found is None else found[0]
    dtype = xs.dtype
    return Sweep(xs, loss.astype(dtype), grad.astype(dtype), p_true if has_p else None)


def sweep_elements(
    problem: Problem,
    elements: Sequence[tuple[int, int]],
    xs: Array,
    rules: tuple[bool, bool] | None = None,
) -> list[Sweep]:
    """Sweep each element ``(row, column)`` of the grid table over ``xs``.

    Parameters
    ----------
    problem : Problem
        The engine call (any reduction; ``'none'`` is used).
    elements : sequence of (int, int)
        Positions in the ``(N, M)`` grid table; the rest of each sample stays.
    xs : ndarray
        The values to sweep, cast to the grid's dtype.
    rules : (bool, bool), optional
        :func:`shape_rules` of the loss, if already known (else one engine
        call on ``problem`` finds them).

    Returns
    -------
    list of Sweep
        One per element, in order.

    Raises
    ------
    LossInputError
        When torch refuses the swept batch (the message says why).
    ValueError
        When the grid is too large to sweep point by point, or one engine
        call on it so slow that :data:`POINTWISE_MIN_POINTS` points would
        take more than :data:`POINTWISE_SECONDS`.
    """
    xs = np.asarray(xs).astype(problem.inputs[0].dtype)
    if rules is None:
        rules = shape_rules(problem, problem.run().loss.elementwise.shape)
    coupled, separable = rules
    if not elements:
        return []
    if separable:
        return _batched(problem, elements, xs, coupled)
    size = problem.inputs[0].size
    too_large = translate(
        "session",
        "{loss} gives one value for the whole batch; a grid of "
        "{size} elements is too large to sweep point by point",
    ).format(loss=problem.loss, size=f"{size:,}")
    if size > POINTWISE_LIMIT:
        raise ValueError(too_large)
    count = min(xs.size, POINTWISE_POINTS, max(21, POINTWISE_BUDGET // max(size, 1)))
    if size > POINTWISE_UNTIMED:
        start = time.perf_counter()
        problem.run()  # one call: what each point costs on this machine
        calls = len(elements) * max(count, 1)
        fit = int(
            POINTWISE_SECONDS / max(time.perf_counter() - start, 1e-9) / calls * count
        )
        if fit < POINTWISE_MIN_POINTS:
            raise ValueError(too_large)
        count = min(count, fit)
    if count < xs.size:
        xs = np.linspace(xs[0], xs[-1], count).astype(xs.dtype)
    return [_pointwise(problem, element, xs, coupled) for element in elements]
