"""``Problem``: the engine call behind an evaluation, as plain data (no Qt).

A sweep (:mod:`lossgui.session.sweep`) copies samples of a problem and sends
them back through :func:`~lossgui.engine.pipeline.compute_from_logits` with
``reduction='none'``. Which tensors are per sample is read from the slot
roles of :mod:`lossgui.session.layout` (``"grid"`` and ``"rows"`` are copied
row by row, ``"classes"`` kept whole), so nothing here is written per loss.

A loss that owns a linear layer (LinearCrossEntropyLoss) is swept over its
logits: its problem is ``CrossEntropyLoss`` on the layer's output ``z`` with
the same target and settings (torch's ``F.linear_cross_entropy`` is exactly
that), so its curves run against each logit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.pipeline import InputMode, PipelineResult, compute_from_logits
from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import (
    Role,
    TargetMode,
    as_table,
    forward_slots,
    linear_outputs,
    param_slots,
)

__all__ = ["Problem", "input_domain", "shape_rules"]

Array = npt.NDArray[Any]


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
        if linear_outputs(spec) and evaluation.result is not None:
            return _logits_problem(evaluation)
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


def _logits_problem(evaluation: Evaluation) -> Problem:
    """``CrossEntropyLoss`` on a linear layer's logits, as torch computes it.

    ``ignore_index=None`` (torch's default here) is the -100 cross-entropy
    uses for class indices.
    """
    assert evaluation.result is not None
    logits = evaluation.result.loss.derived["logits"]
    kwargs = dict(evaluation.kwargs)
    ignore = kwargs.get("ignore_index")
    ce_kwargs = {
        "weight": kwargs.get("weight"),
        "ignore_index": -100 if ignore is None else ignore,
        "label_smoothing": kwargs.get("label_smoothing", 0.0),
        "reduction": kwargs.get("reduction", "mean"),
    }
    names = tuple(name for name, _ in evaluation.inputs)
    target = evaluation.inputs[1][1]
    ce = LOSSES["CrossEntropyLoss"]
    mode: TargetMode = "index" if target.shape != logits.shape else "probability"
    slots = forward_slots(ce, mode) + param_slots(ce)
    roles = {slot.name: slot.role for slot in slots}
    return Problem(
        loss=ce.name,
        input_mode="logits",
        names=names,
        inputs=(logits, target),
        kwargs=ce_kwargs,
        roles={names[0]: roles["input"], names[1]: roles["target"], **roles},
    )


def shape_rules(
    problem: Problem, elementwise_shape: tuple[int, ...]
) -> tuple[bool, bool]:
    """``(coupled, separable)`` for a loss whose ``'none'`` output has this shape.

    *coupled*: the element's loss depends on other elements of its sample
    (a per-sample output, or a log-softmax over the row); False only when
    the output has the grid's shape and no log-softmax couples the row.
    *separable*: the output keeps the batch axis, so samples can be copied
    and taken apart (see :mod:`lossgui.session.sweep`).
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


def input_domain(problem: Problem) -> tuple[float, float]:
    """The values the swept input may take: ``[0, 1]`` for raw probabilities."""
    if problem.input_mode == "raw" and problem.spec.activation == "sigmoid":
        return 0.0, 1.0
    return -np.inf, np.inf
