"""Divergences between distributions: ``KLDivLoss``.

``KLDivLoss`` takes the *input* as log-probabilities and the *target* as
probabilities (or log-probabilities with ``log_target=True``); the two
broadcast silently. Its ``'mean'`` divides by every element and warns on each
call; ``'batchmean'`` divides by the batch size and is the true KL divergence.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.promotion import result_type, sum_to_shape
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensors import broadcast_shape
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["KL_MEAN_WARNING", "kl_div"]

Array = npt.NDArray[Any]

KL_MEAN_WARNING = (
    "reduction: 'mean' divides the total loss by both the batch size and the support "
    "size.'batchmean' divides only by the batch size, and aligns with the KL div math "
    "definition.'mean' will be changed to behave the same as 'batchmean' in the next "
    "major release."
)


def _xlogy_self(t: Array) -> Array:
    """``xlogy(t, t)``: ``t·log t`` with ``0·log 0 = 0`` (NaN stays NaN)."""
    zero = np.zeros((), t.dtype)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t == 0, zero, t * np.log(t))


def kl_div(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``KLDivLoss``: pointwise Kullback-Leibler divergence.

    Formula
    -------
    ``log_target=False``: ``l = t·(log t - x)``, computed as ``xlogy(t, t) - t·x``
    (so ``t = 0`` gives 0 unless ``x = -inf``, and ``t < 0`` gives NaN).
    ``log_target=True``: ``l = exp(t)·(t - x)``. ``xlogy(t, t)`` and ``exp(t)``
    are taken in the target's dtype, then promoted with the input (torch's op
    order: a float32 target's ``exp(89)`` is inf even with a float64 input).
    ``'mean'`` divides ``Σ l`` by its number of elements, ``'batchmean'`` by
    ``input.shape[0]`` (not at all for a 0-d input).

    Gradient
    ``dl/dx = -t`` (``-exp(t)`` with ``log_target``), whatever ``x`` is, summed
    over any dimensions the target broadcast the input to.
    """
    x, t = tensors
    if x.dtype.kind == "c" or t.dtype.kind == "c":
        raise LossInputError("kl_div: Complex inputs not supported.")
    if x.dtype.kind != "f" or t.dtype.kind != "f":
        raise LossInputError("kl_div: Integral inputs not supported.")
    shape = broadcast_shape(t.shape, x.shape)
    dtype = result_type(x, t)
    xd, td = x.astype(dtype, copy=False), t.astype(dtype, copy=False)
    with np.errstate(over="ignore", invalid="ignore"):
        # ATen's ``exp(target) * (target - input)`` and ``xlogy(target, target)
        # - target * input``: the unary parts run in the target's own dtype
        # (a float32 target overflows or rounds there) before a float64 input
        # promotes the rest. Same dtypes: nothing to cast.
        if params["log_target"]:
            e = np.exp(t).astype(dtype, copy=False)
            loss = e * (td - xd)
            local = -e
        else:
            loss = _xlogy_self(t).astype(dtype, copy=False) - td * xd
            local = -td
    loss = np.broadcast_to(loss, shape).astype(dtype, copy=False)
    grad = sum_to_shape(np.broadcast_to(local, shape), x.shape).astype(
        x.dtype, copy=False
    )
    reduction = params["reduction"]
    if reduction == "batchmean":
        divisor = float(x.shape[0]) if x.ndim else 1.0
    else:
        divisor = float(loss.size)
    # An empty broadcast (input (1,), target (0,)) leaves the input's gradient 0.
    keep = np.zeros(x.shape, dtype=bool) if loss.size == 0 else None
    return Terms(loss, grad, divisor, grad_keep=keep)


def _kl_reduction(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Validate the reduction; ``'mean'`` (but not ``'elementwise_mean'``) warns.

    ``F.kl_div`` warns for the string ``'mean'`` itself, on every call, so the
    deprecated alias only gives its own deprecation warning.
    """
    canonical, warnings = check_reduction(reduction, _REDUCTIONS)
    if reduction == "mean":
        warnings = (*warnings, KL_MEAN_WARNING)
    return canonical, warnings


_REDUCTIONS = ("none", "mean", "sum", "batchmean")


register(
    LossSpec(
        name="KLDivLoss",
        family="divergence",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Kullback-Leibler divergence of a target distribution from the input.",
        ),
        formula=(
            "l = t·(log t - x)   (log_target: l = exp(t)·(t - x))\n"
            "batchmean = Σ l / N   mean = Σ l / numel"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine", "Log-probabilities (e.g. the output of log_softmax)."
                ),
                "(*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Probabilities (log-probabilities with log_target=True); "
                    "broadcasts "
                    "against the input.",
                ),
                "(*), broadcastable to input",
            ),
        ),
        params=(
            ParamSpec(
                "log_target",
                "bool",
                False,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Whether the target is given in log space (avoids log(0) for "
                    "zero-probability targets). Default: False.",
                ),
            ),
        ),
        function=kl_div,
        reductions=_REDUCTIONS,
        reduction_check=_kl_reduction,
        activation="log_softmax",
        reference="torch.nn.KLDivLoss",
    )
)
