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

from lossgui.engine.batch_divisor import divisor_or
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
from lossgui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["huber", "l1", "mse", "smooth_l1"]

Array = npt.NDArray[Any]

#: The dtypes of the fast kernels (input and target both of one of them).
_FAST_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def _fast_difference(x: Array, y: Array) -> Array | None:
    """``x - y`` as a new array when both are float32 or both float64, else None.

    In that case torch's kernels work in the tensors' own dtype, so one NumPy
    subtraction is exactly torch's ``input - target``.
    """
    if x.dtype != y.dtype or x.dtype not in _FAST_DTYPES:
        return None
    return np.subtract(x, y, out=np.empty(x.shape, x.dtype))  # 0-d stays an array


#: Bytes per array in a block of :func:`_kinked` (131,072 float32 elements):
#: the block's arrays stay near the core between the six passes.
_BLOCK_BYTES = 1 << 19


def _kinked(
    x: Array,
    y: Array,
    width: np.floating[Any] | None,
    bound: np.floating[Any],
    half: np.floating[Any],
    scale: np.floating[Any] | None,
) -> tuple[Array, Array]:
    r"""Loss and gradient of a clipped quadratic, without selecting formulas.

    Formula
    -------
    With ``d = x - y`` and ``c = clip(d / width, -bound, bound)`` (no division
    when ``width`` is None): ``l = c (d - h c)`` and ``grad = c · scale``.
    Huber (``c = clip(d, -δ, δ)``, ``h = 1/2``) gives ``d²/2`` inside and
    ``δ (|d| - δ/2)`` outside with torch's own roundings (``d - d/2 = d/2``
    and ``±δ (d ∓ δ/2) = δ (|d| - δ/2)`` exactly). Smooth L1
    (``c = clip(d / β, -1, 1)``, ``h = β/2``) gives ``d²/(2β)`` inside
    (within a few ulps) and exactly ``|d| - β/2`` outside. ``|c|`` is at most
    ``bound``, so nothing overflows that torch keeps finite; NaN stays NaN,
    ``d = ±inf`` gives ``c = ±bound``. A final ``+ 0`` turns the ``-0`` of
    ``d = -0`` (``x = -0``, ``y = +0``) into torch's ``+0``.

    ``x`` and ``y`` have one float dtype and broadcast to ``x``'s shape; same
    shaped C-contiguous tensors go in blocks of :data:`_BLOCK_BYTES` per array.
    ``scale`` (``'mean'``'s ``1 / N``, torch's ``norm``) is None for a plain
    ``c``.
    """
    dtype = x.dtype
    size = _BLOCK_BYTES // dtype.itemsize
    loss, grad = np.empty(x.shape, dtype), np.empty(x.shape, dtype)
    if not (
        x.shape == y.shape
        and x.size > size
        and x.flags.c_contiguous
        and y.flags.c_contiguous
    ):
        _kinked_block(
            x, y, (np.empty(x.shape, dtype), loss, grad), width, bound, half, scale
        )
        return loss, grad
    xs, ys, ls, gs = x.reshape(-1), y.reshape(-1), loss.reshape(-1), grad.reshape(-1)
    d = np.empty(size, dtype)
    for start in range(0, x.size, size):
        stop = min(start + size, x.size)
        block = (d[: stop - start], ls[start:stop], gs[start:stop])
        _kinked_block(xs[start:stop], ys[start:stop], block, width, bound, half, scale)
    return loss, grad


def _kinked_block(
    x: Array,
    y: Array,
    out: tuple[Array, Array, Array],
    width: np.floating[Any] | None,
    bound: np.floating[Any],
    half: np.floating[Any],
    scale: np.floating[Any] | None,
) -> None:
    """One block of :func:`_kinked`, into ``out = (d, loss, grad)`` in place."""
    d, loss, grad = out
    np.subtract(x, y, out=d)
    if width is None:
        np.clip(d, -bound, bound, out=grad)
    else:
        np.clip(np.divide(d, width, out=grad), -bound, bound, out=grad)
    np.multiply(grad, -half, out=loss)
    loss += d
    loss *= grad
    loss += d.dtype.type(0)
    if scale is not None:
        grad *= scale


def _mean_scale(
    reduction: str, size: int, dtype: np.dtype[Any]
) -> np.floating[Any] | None:
    """``'mean'``'s ``1 / N`` in ``dtype`` (torch's ``norm``), else None."""
    if reduction != "mean" or size == 0:
        return None
    return dtype.type(1) / dtype.type(divisor_or(size))  # type: ignore[no-any-return]


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
    ``sgn(NaN) = 0``; NumPy's ``sign(NaN)`` is patched only when a NaN
    occurs). Integer tensors work for ``'none'`` and ``'sum'``; ``'mean'``
    raises torch's ``mean()`` error.
    """
    x, y = tensors
    weight, reduction = params["weight"], params["reduction"]
    xb, yb, warns = broadcast_target(x, y)
    check_weight_size(weight, x)
    d = _fast_difference(xb, yb)
    if d is not None:
        loss, grad = np.abs(d, out=np.empty_like(d)), np.sign(d, out=np.empty_like(d))
        if np.isnan(d).any():  # NumPy's sign(NaN) is NaN, torch's sgn(NaN) is 0
            grad[np.isnan(d)] = 0
        return finish_terms(
            x, loss, grad, weight, reduction, warns, weight_divides=True
        )
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
    ``dl/dx = 2 w (x - y)`` (NaN at NaN, ±inf at ±inf); ``'mean'`` without a
    weight is ``(x - y) · (2 / numel)`` with the factor rounded first, as
    torch's backward forms it (``2 (x - y)`` alone can overflow).
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
    if weight is None and reduction == "mean" and d.size and d.dtype == dtype:
        # mse_loss_backward: (x - y) · scalar_t(2 / numel), no 2 (x - y) overflow
        norm = d.dtype.type(2.0 / divisor_or(d.size))
        return finish_terms(
            x,
            loss,
            np.multiply(d, norm),
            None,
            reduction,
            warns,
            weight_divides=True,
            grad_is_mean=True,
        )
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

    Float32/float64 input and target of one dtype, with a normal
    ``β ≤ sqrt(max)``, are computed without selecting between the two
    formulas: ``g = clip(d / β, -1, 1)`` is the gradient and
    ``l = g (d - β g / 2)`` (:func:`_kinked`).
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
    if _smooth_l1_fast(xb, yb, beta_value):
        beta_t, one = dtype.type(beta_value), dtype.type(1)
        scale = _mean_scale(reduction, xb.size, dtype)
        width = None if beta_t == one else beta_t  # the default: d / 1 is d
        loss, grad = _kinked(xb, yb, width, one, beta_t / 2, scale)
        return finish_terms(
            x,
            loss,
            grad,
            None,
            reduction,
            warns,
            weight_divides=False,
            grad_is_mean=scale is not None,
        )
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


def _smooth_l1_fast(x: Array, y: Array, beta: float) -> bool:
    """Whether :func:`smooth_l1` may use ``clip(d / β, -1, 1)`` for everything.

    Both tensors float32 or both float64, and ``β`` (rounded to that dtype) a
    normal number no larger than ``sqrt(max)``: then torch's ``0.5 z² / β``
    cannot overflow below ``β`` (a larger ``β`` gives torch's ``inf`` there),
    and ``β = inf`` (``d / β`` is NaN at ``d = ±inf``, torch's gradient ±1)
    and subnormal ``β`` keep the exact formula.
    """
    if x.dtype != y.dtype or x.dtype not in _FAST_DTYPES:
        return False
    info = np.finfo(x.dtype)
    beta_t = x.dtype.type(beta)
    return bool(info.tiny <= beta_t <= np.sqrt(info.max))


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
    else ``d``. With input and target of one dtype (float32/float64) the
    loss is ``c (d - c / 2)`` with ``c = clip(d, -δ, δ)``, torch's values.
    The output has the input's dtype (computed in the common dtype).
    Torch's backward needs the target in the input's dtype; when it
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
    if y.dtype == x.dtype and x.dtype in _FAST_DTYPES:  # no cast, no backward note
        dtype = x.dtype
        scale = None if weight is not None else _mean_scale(reduction, xb.size, dtype)
        delta_t = dtype.type(delta_value)
        loss, grad = _kinked(xb, yb, None, delta_t, dtype.type(0.5), scale)
        return finish_terms(
            x,
            loss,
            grad,
            weight,
            reduction,
            warns,
            weight_divides=False,
            grad_is_mean=scale is not None,
        )
    d = difference(xb, yb, common)
    delta = np.asarray(delta_value, dtype=d.dtype)
    half = np.asarray(0.5, dtype=d.dtype)
    z = np.abs(d)
    loss = select(z < delta, half * z * z, delta * (z - half * delta)).astype(x.dtype)
    if y.dtype != x.dtype:
        error = f"Found dtype {dtype_name(y.dtype)} but expected {dtype_name(x.dtype)}"
        warns += (
            translate(
                "engine",
                "torch's huber_loss backward raises RuntimeError: {error}; the "
                "gradient shown is for the target cast to {dtype}.",
            ).format(error=error, dtype=dtype_name(x.dtype)),
        )
        d = difference(xb, yb.astype(x.dtype), x.dtype)
        delta = np.asarray(delta_value, dtype=d.dtype)
    grad = np.clip(d, -delta, delta)  # = where(d <= -δ, -δ, where(d >= δ, δ, d))
    return finish_terms(x, loss, grad, weight, reduction, warns, weight_divides=False)


_INPUT = TensorArg(
    "input",
    "float",
    QT_TRANSLATE_NOOP("engine", "Predictions: any real number per element."),
    "(*)",
)
_TARGET = TensorArg(
    "target",
    "float",
    QT_TRANSLATE_NOOP(
        "engine",
        "Targets, same shape as the input (another shape is broadcast with a warning).",
    ),
    "(*), same as input",
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


def _weight(doc: str) -> ParamSpec:
    return ParamSpec(
        "weight",
        "tensor",
        None,
        doc,
        shape="same as input",
        functional_only=True,
    )


register(
    LossSpec(
        name="L1Loss",
        family="regression",
        summary=QT_TRANSLATE_NOOP("engine", "Mean absolute error |x - y|."),
        formula="l = w·|x - y|\nmean = Σ l / numel   (with weight=: Σ l / Σ w)",
        forward=(_INPUT, _TARGET),
        params=(
            _weight(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Functional-only (F.l1_loss(..., weight=w)): a per-element "
                    "weight of exactly the input's size. 'mean' divides by Σ "
                    "weight. Default: None.",
                )
            ),
        ),
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
        summary=QT_TRANSLATE_NOOP("engine", "Mean squared error (x - y)²."),
        formula="l = w·(x - y)²\nmean = Σ l / numel   (with weight=: Σ l / Σ w)",
        forward=(_INPUT, _TARGET),
        params=(
            _weight(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Functional-only (F.mse_loss(..., weight=w)): a per-element "
                    "weight of exactly the input's size. 'mean' divides by Σ "
                    "weight. Default: None.",
                )
            ),
        ),
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
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Squared error below beta, absolute error above (robust to outliers).",
        ),
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
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The threshold at which to change between the squared and the L1 "
                    "term; must be >= 0 (0 gives exactly L1Loss). Default: 1.0.",
                ),
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
        summary=QT_TRANSLATE_NOOP(
            "engine", "Squared error below delta, delta-scaled absolute error above."
        ),
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
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The threshold at which to change between the squared and the "
                    "delta-scaled L1 term; must be > 0. Default: 1.0.",
                ),
            ),
            _weight(
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Functional-only (F.huber_loss(..., weight=w)): a per-element "
                    "weight of exactly the input's size. 'mean' divides by numel "
                    "(not Σ weight). Default: None.",
                )
            ),
        ),
        function=huber,
        input_check=_check_first(huber),
        legacy_args=False,
        reference="torch.nn.HuberLoss",
        reduction_check=weighted_reduction_check,
    )
)
