"""Regression losses: ``L1Loss``, ``MSELoss``, ``SmoothL1Loss`` and ``HuberLoss``.

Each compares a prediction ``x`` with a target ``y`` element by element through
the difference ``d = x - y``. As in ``torch.nn.functional``, a target of another
shape is broadcast against the input (with torch's ``UserWarning``) and the
gradient is summed back to the input's shape. ``weight=`` is the functional-only
per-element weight of ``F.l1_loss``, ``F.mse_loss`` and ``F.huber_loss``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.elementwise import (
    broadcast_target,
    check_weight_size,
    difference,
    finish_terms,
    float_arg,
    mean_dtype_error,
    require_float,
    weighted_reduction_check,
)
from lossgui.engine.errors import LossInputError
from lossgui.engine.promotion import can_cast, result_type
from lossgui.engine.registry import (
    LossFunction,
    LossSpec,
    ParamSpec,
    TensorArg,
    register,
)
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import check_subtraction, select
from lossgui.engine.tensors import dtype_name

__all__ = ["huber", "l1", "mse", "smooth_l1"]

Array = npt.NDArray[Any]


def _l1_kernel(x: Array, y: Array) -> tuple[Array, Array]:
    """``|x - y|`` and ``sgn(x - y)`` (0 at 0 and at NaN; ``z/|z|`` if complex)."""
    check_subtraction(x, y)
    dtype = result_type(x, y)
    d = difference(x, y, dtype).astype(dtype, copy=False)
    loss = np.abs(d)
    if d.dtype.kind == "c":
        grad = np.where(loss == 0, 0, d / np.where(loss == 0, 1, loss))
    else:
        grad = (
            np.where(np.isnan(d), 0, np.sign(d)) if d.dtype.kind == "f" else np.sign(d)
        )
    return loss, grad.astype(d.dtype, copy=False)


def l1(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``L1Loss`` / ``F.l1_loss``: mean absolute error.

    Formula
    -------
    ``l = |x - y|`` (the modulus for complex input, a real result);
    ``'mean'`` divides by numel. With ``weight=``: ``l = w |x - y|`` and
    ``'mean'`` is ``Σ w |x - y| / Σ w``.

    Gradient
    ``dl/dx = w sgn(x - y)``, exactly 0 at ``x == y`` and at NaN (torch's
    ``sgn(NaN) = 0``). Integer tensors work for ``'none'`` and ``'sum'``;
    ``'mean'`` raises torch's ``mean()`` error.
    """
    x, y = tensors
    weight, reduction = params["weight"], params["reduction"]
    xb, yb, warns = broadcast_target(x, y)
    check_weight_size(weight, x)
    loss, grad = _l1_kernel(xb, yb)
    if weight is None and reduction == "mean" and loss.dtype.kind in "biu":
        raise mean_dtype_error(loss.dtype)
    return finish_terms(x, loss, grad, weight, reduction, warns, weight_divides=True)


def mse(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``MSELoss`` / ``F.mse_loss``: mean squared error.

    Formula
    -------
    ``l = (x - y)²``; ``'mean'`` divides by numel. With ``weight=``:
    ``l = w (x - y)²`` and ``'mean'`` is ``Σ w (x - y)² / Σ w``.

    Gradient
    ``dl/dx = 2 w (x - y)`` (NaN at NaN, ±inf at ±inf).
    """
    x, y = tensors
    weight, reduction = params["weight"], params["reduction"]
    xb, yb, warns = broadcast_target(x, y)
    check_weight_size(weight, x)
    dtype = result_type(xb, yb)
    if weight is None:
        require_float(dtype, "mse_cpu")
    else:
        check_subtraction(xb, yb)  # the weighted path is Python: pow(input - target, 2)
    d = difference(xb, yb, dtype)
    d_out = d.astype(dtype, copy=False)  # the kernel squares in the tensor's dtype
    loss = d_out * d_out
    grad = 2 * d
    return finish_terms(x, loss, grad, weight, reduction, warns, weight_divides=True)


def smooth_l1(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``SmoothL1Loss``: quadratic below ``beta``, linear above.

    Formula
    -------
    With ``a = |x - y|``: ``l = 0.5 a² / β`` if ``a < β`` (strict), otherwise
    ``a - 0.5 β``; ``'mean'`` divides by numel. ``β = 0`` is exactly
    ``L1Loss`` (torch switches kernels); ``β = inf`` gives 0 for finite ``a``.

    Gradient
    ``dl/dx = -1`` if ``d ≤ -β``, ``+1`` if ``d ≥ β``, else ``d / β``
    (continuous at ``|d| == β``, 0 at ``d == 0``, NaN at NaN).
    """
    x, y = tensors
    beta_arg, reduction = params["beta"], params["reduction"]
    xb, yb, warns = broadcast_target(x, y)
    if beta_arg == 0.0:
        loss, grad = _l1_kernel(xb, yb)
        if reduction == "mean" and loss.dtype.kind in "biu":
            raise mean_dtype_error(loss.dtype)
        return finish_terms(x, loss, grad, None, reduction, warns, weight_divides=False)
    beta_value = float_arg(beta_arg, "smooth_l1_loss", "beta")
    if not beta_value >= 0:
        raise LossInputError(
            "smooth_l1_loss does not support negative values for beta."
        )
    dtype = result_type(xb, yb)
    require_float(dtype, "smooth_l1_cpu")
    d = difference(xb, yb, dtype)
    # The forward kernel rounds every op in the tensor's dtype (float16 too).
    z = np.abs(d.astype(dtype))
    beta, half = np.asarray(beta_value, dtype=dtype), np.asarray(0.5, dtype=dtype)
    loss = select(z < beta, half * z * z / beta, z - half * beta)
    beta = np.asarray(beta_value, dtype=d.dtype)
    if np.isfinite(
        beta_value
    ):  # d / beta is at least 1 in size exactly when |d| >= beta
        grad = np.clip(d / beta, -1, 1).astype(d.dtype, copy=False)
    else:
        grad = np.where(d <= -beta, -1, np.where(d >= beta, 1, d / beta)).astype(
            d.dtype
        )
    return finish_terms(x, loss, grad, None, reduction, warns, weight_divides=False)


def _check_delta(delta: object) -> float:
    """``nn.HuberLoss`` checks the type; the kernel checks ``delta > 0``."""
    if not isinstance(delta, float | int):
        raise LossInputError(
            f"delta must be a float or int, got: {type(delta)}", "TypeError"
        )
    if not delta > 0:
        raise LossInputError(
            "huber_loss does not support non-positive values for delta."
        )
    return float(delta)


def huber(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``HuberLoss``: quadratic below ``delta``, ``delta``-scaled linear above.

    Formula
    -------
    With ``a = |x - y|``: ``l = 0.5 a²`` if ``a < δ`` (strict), otherwise
    ``δ (a - 0.5 δ)``; ``huber(δ) = δ · smooth_l1(β=δ)``. ``'mean'`` divides
    by numel, also with ``weight=`` (``mean(w l)``, unlike L1/MSE).

    Gradient
    ``dl/dx = w clip(d, -δ, δ)``: ``-δ`` if ``d ≤ -δ``, ``+δ`` if ``d ≥ δ``,
    else ``d``. The output has the input's dtype (computed in the common
    dtype). Torch's backward needs the target in the input's dtype; when it
    differs the gradient is given for the target cast to it, with a note.
    """
    x, y = tensors
    weight, reduction = params["weight"], params["reduction"]
    delta_arg = params["delta"]
    if not isinstance(delta_arg, float | int):  # the module's constructor: first
        _check_delta(delta_arg)
    xb, yb, warns = broadcast_target(x, y)
    check_weight_size(weight, x)
    delta_value = _check_delta(delta_arg)  # the kernel's check: after broadcasting
    common = result_type(xb, yb)
    if not can_cast(common, x.dtype):
        raise LossInputError(
            f"result type {dtype_name(common)} can't be cast to the desired output "
            f"type {dtype_name(x.dtype)}"
        )
    require_float(common, "huber_cpu")
    d = difference(xb, yb, common)
    delta = np.asarray(delta_value, dtype=d.dtype)
    half = np.asarray(0.5, dtype=d.dtype)
    z = np.abs(d)
    loss = select(z < delta, half * z * z, delta * (z - half * delta)).astype(x.dtype)
    if y.dtype != x.dtype:
        warns += (
            "torch's huber_loss backward raises RuntimeError: Found dtype "
            f"{dtype_name(y.dtype)} but expected {dtype_name(x.dtype)}; the gradient "
            f"shown is for the target cast to {dtype_name(x.dtype)}.",
        )
        d = difference(xb, yb.astype(x.dtype), x.dtype)
        delta = np.asarray(delta_value, dtype=d.dtype)
    grad = np.clip(d, -delta, delta)  # = where(d <= -δ, -δ, where(d >= δ, δ, d))
    return finish_terms(x, loss, grad, weight, reduction, warns, weight_divides=False)


_INPUT = TensorArg("input", "float", "Predictions: any real number per element.", "(*)")
_TARGET = TensorArg(
    "target",
    "float",
    "Targets, same shape as the input (another shape is broadcast with a warning).",
    "(*), same as input",
)
_WEIGHT_DOC = (
    "Functional-only (F.{0}(..., weight=w)): a per-element weight of exactly the "
    "input's size. 'mean' divides by {1}. Default: None."
)


def _check_first(
    function: LossFunction,
) -> Callable[[tuple[Array, ...], Mapping[str, Any]], object]:
    """What torch checks before the reduction.

    ``nn.HuberLoss``'s constructor checks the type of ``delta``; then
    ``F.<loss>`` broadcasts input and target and, given ``weight=`` (a Python
    path that reduces last), runs the whole computation.
    """

    def check(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> object:
        delta = params.get("delta", 1.0)
        if not isinstance(delta, float | int):
            _check_delta(delta)
        if params.get("weight") is not None:
            return function(tensors, params)
        return broadcast_target(tensors[0], tensors[1])

    return check


def _weight(function: str, divisor: str) -> ParamSpec:
    return ParamSpec(
        "weight",
        "tensor",
        None,
        _WEIGHT_DOC.format(function, divisor),
        shape="same as input",
        functional_only=True,
    )


register(
    LossSpec(
        name="L1Loss",
        family="regression",
        summary="Mean absolute error |x - y|.",
        formula="l = w·|x - y|\nmean = Σ l / numel   (with weight=: Σ l / Σ w)",
        forward=(_INPUT, _TARGET),
        params=(_weight("l1_loss", "Σ weight"),),
        function=l1,
        input_check=_check_first(l1),
        reference="torch.nn.L1Loss",
        reduction_check=weighted_reduction_check,
    )
)

register(
    LossSpec(
        name="MSELoss",
        family="regression",
        summary="Mean squared error (x - y)².",
        formula="l = w·(x - y)²\nmean = Σ l / numel   (with weight=: Σ l / Σ w)",
        forward=(_INPUT, _TARGET),
        params=(_weight("mse_loss", "Σ weight"),),
        function=mse,
        input_check=_check_first(mse),
        reference="torch.nn.MSELoss",
        reduction_check=weighted_reduction_check,
    )
)

register(
    LossSpec(
        name="SmoothL1Loss",
        family="regression",
        summary="Squared error below beta, absolute error above (robust to outliers).",
        formula=(
            "a = |x - y|\n"
            "l = 0.5·a²/β  if a < β,  else a - 0.5·β   (β = 0: l = a)\n"
            "mean = Σ l / numel"
        ),
        forward=(_INPUT, _TARGET),
        params=(
            ParamSpec(
                "beta",
                "float",
                1.0,
                "The threshold at which to change between the squared and the L1 "
                "term; must be >= 0 (0 gives exactly L1Loss). Default: 1.0.",
                minimum=0.0,
            ),
        ),
        function=smooth_l1,
        input_check=_check_first(smooth_l1),
        reference="torch.nn.SmoothL1Loss",
    )
)

register(
    LossSpec(
        name="HuberLoss",
        family="regression",
        summary="Squared error below delta, delta-scaled absolute error above.",
        formula=(
            "a = |x - y|\n"
            "l = w·0.5·a²  if a < δ,  else w·δ·(a - 0.5·δ)\n"
            "mean = Σ l / numel   (weight= too)"
        ),
        forward=(_INPUT, _TARGET),
        params=(
            ParamSpec(
                "delta",
                "float",
                1.0,
                "The threshold at which to change between the squared and the "
                "delta-scaled L1 term; must be > 0. Default: 1.0.",
            ),
            _weight("huber_loss", "numel (not Σ weight)"),
        ),
        function=huber,
        input_check=_check_first(huber),
        legacy_args=False,
        reference="torch.nn.HuberLoss",
        reduction_check=weighted_reduction_check,
    )
)
