"""The logits pipeline: the grid holds logits, the loss gets what it expects.

``BCELoss`` wants probabilities, ``NLLLoss`` and ``KLDivLoss`` want
log-probabilities. In ``"logits"`` mode the canonical activation (sigmoid, or
log-softmax over the class dimension) is applied first and the gradient is
carried back through it to the logits; in ``"raw"`` mode the grid goes to the
loss unchanged (so ``BCELoss`` on given probabilities, and its range error,
can be reproduced).

Formulas
--------
- sigmoid:     ``p = σ(z)``, ``dL/dz = dL/dp · p (1 - p)``
- log-softmax: ``q = log_softmax(z, class_dim)``, ``dL/dz = dL/dq - exp(q) Σ_c dL/dq``

``class_dim`` is 1 for inputs with two or more dimensions and 0 otherwise,
as for ``CrossEntropyLoss``; CTCLoss's ``(T, N, C)`` log-probabilities take
the softmax over the last dimension instead (``"log_softmax_last"``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import (
    log_softmax,
    log_softmax_backward,
    sigmoid,
    sigmoid_backward,
    softmax,
)
from lossgui.engine.compute import compute
from lossgui.engine.registry import LOSSES
from lossgui.engine.result import LossResult
from lossgui.engine.tensors import as_tensor

__all__ = [
    "InputMode",
    "PipelineResult",
    "class_dim",
    "compute_from_logits",
    "probabilities",
]

Array = npt.NDArray[Any]
InputMode = Literal["logits", "raw"]


def class_dim(ndim: int) -> int:
    """The class dimension torch uses for a tensor of ``ndim`` dimensions."""
    return 1 if ndim >= 2 else 0


def _softmax_axis(kind: str, ndim: int) -> int:
    """The axis a log-softmax activation runs over (CTC's classes are last)."""
    return ndim - 1 if kind == "log_softmax_last" else class_dim(ndim)


@dataclass(frozen=True)
class PipelineResult:
    """A loss computed from the grid's values.

    Attributes
    ----------
    loss : LossResult
        The loss on the (possibly activated) first tensor.
    activation : str or None
        ``"sigmoid"`` or ``"log_softmax"`` when one was applied, else ``None``.
    activated : ndarray or None
        What the loss received as its first tensor after the activation.
    grad : ndarray
        ``d sum(loss.value) / d grid``: the loss's gradient carried back
        through the activation.
    """

    loss: LossResult
    activation: str | None
    activated: Array | None
    grad: Array


def _activate(kind: str, z: Array) -> Array:
    if kind == "sigmoid":
        return sigmoid(z)
    if z.ndim == 0:
        return np.zeros_like(z)  # log_softmax over a single value
    return log_softmax(z, _softmax_axis(kind, z.ndim))


def _backward(kind: str, grad: Array, out: Array) -> Array:
    if kind == "sigmoid":
        return sigmoid_backward(grad, out)
    if out.ndim == 0:
        return np.zeros_like(grad)
    return log_softmax_backward(grad, out, _softmax_axis(kind, out.ndim))


def compute_from_logits(
    name: str,
    grid: object,
    *others: object,
    input_mode: InputMode = "logits",
    **kwargs: Any,
) -> PipelineResult:
    """Compute ``name`` on the grid's values, through the canonical activation.

    Parameters
    ----------
    name : str
        A loss in :data:`lossgui.engine.LOSSES`.
    grid : array_like
        The first tensor as the user typed it (logits in ``"logits"`` mode).
    *others : array_like
        The remaining forward tensors (target, ...).
    input_mode : {"logits", "raw"}
        Whether to apply the loss's canonical activation first.
    **kwargs
        The loss's constructor arguments.

    Returns
    -------
    PipelineResult
        The loss, what it received, and the gradient w.r.t. the grid.
    """
    z = as_tensor(grid)
    kind = LOSSES[name].activation if input_mode == "logits" else None
    if kind is None or z.dtype.kind != "f":
        loss = compute(name, z, *others, **kwargs)
        return PipelineResult(loss, None, None, loss.grad)
    with np.errstate(all="ignore"):
        activated = _activate(kind, z)
    loss = compute(name, activated, *others, **kwargs)
    with np.errstate(all="ignore"):
        grad = _backward(kind, loss.grad, activated).astype(z.dtype, copy=False)
    return PipelineResult(loss, kind, activated, grad)


def probabilities(
    name: str,
    grid: Array,
    input_mode: InputMode = "logits",
    result: PipelineResult | None = None,
) -> Array | None:
    """The probabilities a user wants to see beside the grid, if any.

    Sigmoid of the logits for binary losses, softmax over the class dimension
    for multi-class and divergence losses; in ``"raw"`` mode the grid itself
    for ``BCELoss`` and ``exp`` of it for losses that take log-probabilities.
    ``None`` for losses without a probability reading (regression, margins).

    ``result``, :func:`compute_from_logits` of the same grid, lends its
    activation output when that is the same sigmoid (returned as is, not
    recomputed: no second full-size array). For a loss whose grid holds a
    layer's inputs (LinearCrossEntropyLoss) it is softmax of the layer's
    logits (``result.loss.derived["logits"]``), ``None`` without a result.
    """
    spec = LOSSES[name]
    z = np.asarray(grid)
    if spec.finish is not None:  # the grid holds a layer's inputs, not logits
        logits = None if result is None else result.loss.derived.get("logits")
        if logits is None or logits.ndim == 0 or logits.dtype.kind != "f":
            return None
        with np.errstate(all="ignore"):
            return softmax(logits, class_dim(logits.ndim))
    if z.dtype.kind != "f":
        return None
    if (
        result is not None
        and input_mode == "logits"
        and spec.activation == "sigmoid"
        and spec.family == "binary"
        and result.activation == "sigmoid"
        and result.activated is not None
        and result.activated.shape == z.shape
        and result.activated.dtype == z.dtype
    ):
        return result.activated  # sigmoid(z), the branch below computes
    with np.errstate(all="ignore"):
        if input_mode == "raw" and spec.activation == "sigmoid":
            return z
        if input_mode == "raw" and spec.activation in (
            "log_softmax",
            "log_softmax_last",
        ):
            return np.exp(z)  # type: ignore[no-any-return]
        if spec.activation == "log_softmax_last" and z.ndim:
            return softmax(z, z.ndim - 1)
        if spec.family == "binary":
            return sigmoid(z)
        if spec.family in ("multiclass", "divergence"):
            if z.ndim == 0:
                return np.ones_like(z)
            return softmax(z, class_dim(z.ndim))
    return None
