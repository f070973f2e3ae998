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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.pipeline import (
    InputMode,
    PipelineResult,
    compute_from_logits,
    probabilities,
)
from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import (
    Role,
    TargetMode,
    as_table,
    forward_slots,
    param_slots,
    target_name,
)

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


@dataclass(frozen=True)
class Problem:
    """One engine call: the loss, its cast tensors and its keyword arguments.

    Attributes
    ----------
    loss : str
        A name in :data:`~lossgui.engine.LOSSES`.
    input_mode : {"logits", "raw"}
        Whether the pipeline applies the loss's activation first.
    names : tuple of str
        Torch's names of the forward tensors, in order.
    inputs : tuple of ndarray
        The forward tensors (the first is the swept grid).
    kwargs : mapping
        Constructor arguments; tensors are arrays or ``None``. ``reduction``
        is ignored: sweeps always use ``'none'``.
    roles : mapping
        The slot role (``"grid"``, ``"rows"``, ``"classes"``) of every tensor.
    """

    loss: str
    input_mode: InputMode
    names: tuple[str, ...]
    inputs: tuple[Array, ...]
    kwargs: Mapping[str, Any]
    roles: Mapping[str, Role]

    @classmethod
    def from_evaluation(cls, evaluation: Evaluation) -> Problem:
        """The engine call behind ``evaluation`` (its arrays are shared, not copied)."""
        spec = LOSSES[evaluation.loss]
        mode: TargetMode = (
            "probability" if evaluation.target_mode == "probability" else "index"
        )
        slots = forward_slots(spec, mode) + param_slots(spec)
        input_mode: InputMode = "raw" if evaluation.input_mode == "raw" else "logits"
        return cls(
            loss=evaluation.loss,
            input_mode=input_mode,
            names=tuple(name for name, _ in evaluation.inputs),
            inputs=tuple(array for _, array in evaluation.inputs),
            kwargs=dict(evaluation.kwargs),
            roles={slot.name: slot.role for slot in slots},
        )

    @property
    def spec(self) -> LossSpec:
        """The registry entry of the loss."""
        return LOSSES[self.loss]

    @property
    def grid(self) -> Array:
        """The first forward tensor as a 2-D ``(N, M)`` table."""
        return as_table(self.inputs[0], "grid")

    def tensor(self, name: str) -> Array | None:
        """A forward tensor or an enabled tensor argument by name (else ``None``)."""
        if name in self.names:
            return self.inputs[self.names.index(name)]
        value = self.kwargs.get(name)
        return value if isinstance(value, np.ndarray) else None

    def others(self) -> list[tuple[str, Array, Role]]:
        """Every tensor but the first, with its role (disabled ones left out)."""
        found = [
            (name, array, self.roles[name])
            for name, array in zip(self.names[1:], self.inputs[1:], strict=True)
            if name in self.roles
        ]
        found += [
            (name, value, self.roles[name])
            for name, value in self.kwargs.items()
            if isinstance(value, np.ndarray)
            and name in self.roles
            and name not in self.names
        ]
        return found

    def run(self) -> PipelineResult:
        """``compute_from_logits`` with ``reduction='none'``."""
        kwargs = dict(self.kwargs)
        kwargs["reduction"] = "none"
        return compute_from_logits(
            self.loss,
            self.inputs[0],
            *self.inputs[1:],
            input_mode=self.input_mode,
            **kwargs,
        )

    def take_rows(self, rows: Array) -> Problem:
        """A problem whose samples are ``rows`` of this one (repeats allowed)."""

        def take(name: str, array: Array) -> Array:
            if self.roles.get(name) in ("grid", "rows") and array.ndim >= 1:
                return np.ascontiguousarray(array[rows])
            return array

        inputs = tuple(
            take(name, array)
            for name, array in zip(self.names, self.inputs, strict=True)
        )
        kwargs = {
            key: take(key, value) if isinstance(value, np.ndarray) else value
            for key, value in self.kwargs.items()
        }
        return replace(self, inputs=inputs, kwargs=kwargs)

    def with_params(self, **params: Any) -> Problem:
        """The same problem with some constructor arguments replaced."""
        kwargs = dict(self.kwargs)
        kwargs.update(params)
        return replace(self, kwargs=kwargs)


def shape_rules(
    problem: Problem, elementwise_shape: tuple[int, ...]
) -> tuple[bool, bool]:
    """``(coupled, separable)`` for a loss whose ``'none'`` output has this shape.

    See the module docstring. ``coupled`` is False only when the output has
    the grid's shape and no log-softmax couples the row.
    """
    grid_shape = problem.inputs[0].shape
    softmax = problem.input_mode == "logits" and problem.spec.activation in (
        "log_softmax",
        "log_softmax_last",
    )
    coupled = softmax or tuple(elementwise_shape) != grid_shape
    separable = (
        len(grid_shape) >= 1
        and len(elementwise_shape) >= 1
        and elementwise_shape[0] == grid_shape[0]
    )
    return coupled, separable


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
    return table.sum(axis=1)[rows]  # type: ignore[no-any-return]


def true_probability(
    problem: Problem, probs: Array | None, rows: Array, cols: Array
) -> Array | None:
    """The probability of the true class for elements ``(rows, cols)``.

    Parameters
    ----------
    problem : Problem
        Supplies the target (the registry's label tensor).
    probs : ndarray or None
        The ``(N, M)`` table of :func:`~lossgui.engine.pipeline.probabilities`.
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


def input_domain(problem: Problem) -> tuple[float, float]:
    """The values the swept input may take: ``[0, 1]`` for raw probabilities."""
    if problem.input_mode == "raw" and problem.spec.activation == "sigmoid":
        return 0.0, 1.0
    return -np.inf, np.inf


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


def _batched(
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
        When the grid is too large to sweep point by point.
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
    if size > POINTWISE_LIMIT:
        raise ValueError(
            f"{problem.loss} gives one value for the whole batch; a grid of "
            f"{size:,} elements is too large to sweep point by point"
        )
    count = min(xs.size, POINTWISE_POINTS, max(21, POINTWISE_BUDGET // max(size, 1)))
    if count < xs.size:
        xs = np.linspace(xs[0], xs[-1], count).astype(xs.dtype)
    return [_pointwise(problem, element, xs, coupled) for element in elements]
