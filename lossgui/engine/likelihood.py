"""Negative log-likelihood losses: ``PoissonNLLLoss`` and ``GaussianNLLLoss``.

Both read the input as the parameter of a distribution and the target as a
sample from it. The elementwise loss is the negative log-likelihood (up to
constants that ``full=False`` leaves out); ``'mean'`` divides by the number
of elements of the broadcast loss.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.errors import LossInputError
from lossgui.engine.promotion import compute_dtype, result_type
from lossgui.engine.reduction import check_python_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import (
    BOOL_SUB_ONE,
    check_subtraction,
    float_dtype,
    reject_complex,
    sum_to_shape,
    to_float,
)
from lossgui.engine.tensors import broadcast_shape
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["gaussian_nll", "poisson_nll"]

Array = npt.NDArray[Any]

#: The C++ type names torch prints when an integer ``var`` cannot be clamped.
_CPP_TYPE_NAMES = {
    "int8": "signed char",
    "uint8": "unsigned char",
    "int16": "short int",
    "int32": "int",
    "int64": "long int",
    "bool": "bool",
}


_POISSON_REDUCTION_ERROR = "{0} is not a valid value for reduction"
_GAUSSIAN_REDUCTION_ERROR = "{0} is not valid"


def _poisson_reduction(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """``F.poisson_nll_loss``'s Python check (a ``TypeError`` for non-strings)."""
    return check_python_reduction(reduction, _POISSON_REDUCTION_ERROR)


def _gaussian_reduction(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Only the ``TypeError`` of ``reduction + " is not valid"`` for non-strings.

    A string is passed through: ``F.gaussian_nll_loss`` checks its value after
    the ``var`` checks, so :func:`gaussian_nll` does too.
    """
    if not isinstance(reduction, str):
        return check_python_reduction(reduction, _GAUSSIAN_REDUCTION_ERROR)
    return reduction, ()


def poisson_nll(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``PoissonNLLLoss``: the input is the (log-)rate of a Poisson target.

    Formula
    -------
    ``log_input=True``: ``l = exp(x) - y x``; ``log_input=False``:
    ``l = x - y log(x + eps)``. ``full=True`` adds the Stirling term
    ``y log y - y + ½ log(2π y)`` where ``y > 1`` (0 where ``y <= 1``).
    Input and target broadcast silently; ``'mean'`` divides by the numel of
    the broadcast loss.

    Gradient
    ``dl/dx = exp(x) - y`` (log input) or ``1 - y / (x + eps)``; the Stirling
    term does not depend on ``x``.
    """
    x, y = tensors
    reject_complex("PoissonNLLLoss", x, y)
    log_input, full, eps = (
        bool(params["log_input"]),
        bool(params["full"]),
        params["eps"],
    )
    shape = broadcast_shape(y.shape, x.shape)  # torch forms ``target * input`` first
    dtype = _poisson_dtype(x, y, log_input)
    work = compute_dtype(dtype)
    xw, yw = x.astype(work, copy=False), y.astype(work, copy=False)
    xf = to_float(x)
    size = math.prod(shape)
    # The upstream gradient autograd sends down: 1, or mean's ``1 / N``.
    g = np.ones((), work)
    if params["reduction"] == "mean":
        g = g / work.type(divisor_or(size))
    # Unary ops (exp, log) run in the operand's own float dtype, as in torch.
    if log_input and _same_float(x, y):
        loss, grad = _poisson_log_input(x, y, g)
    elif log_input:
        if x.dtype == np.bool_ and y.dtype == np.bool_:
            raise LossInputError(BOOL_SUB_ONE)  # exp(x) - (bool * bool)
        exp_x = _unary(np.exp, xf, x)
        product = yw * xw
        common = result_type(y, x)
        if common.kind in "iu":  # torch multiplies integers in their dtype (wraps)
            product = np.asarray(y.astype(common) * x.astype(common)).astype(work)
        loss = exp_x.astype(work, copy=False) - product
        # Autograd's order: ``(-g) · y`` through the product, then
        # ``g · exp(x)`` (each summed back to the input's shape first).
        through_exp = _sum_back(np.broadcast_to(g, shape), xf) * exp_x
        grad = _sum_back(-g * yw, xf, shape) + through_exp
    else:
        if x.dtype == np.bool_:
            raise LossInputError(BOOL_SUB_ONE)  # x - y * log(x + eps)
        shifted = xf + np.asarray(eps, dtype=xf.dtype)
        loss = xw - yw * np.log(shifted).astype(work, copy=False)
        # ``g`` straight from ``x - …``, then ``((-g) · y) / (x + eps)``: log's
        # backward divides the product's gradient (0/0 = NaN where ``g · y``
        # underflows, finite where ``y / (x + eps)`` alone would overflow).
        direct = _sum_back(np.broadcast_to(g, shape), xf)
        grad = direct + _sum_back(-g * yw, xf, shape) / shifted
    if full:
        if y.dtype == np.bool_:
            raise LossInputError(BOOL_SUB_ONE)  # y log y - y
        yf = to_float(y)
        two_pi = np.asarray(2 * math.pi, dtype=yf.dtype)
        stirling = (yf * np.log(yf) - yf + 0.5 * np.log(two_pi * yf)).astype(work)
        loss = loss + np.where(yw <= 1, np.zeros_like(stirling), stirling)
    if loss.shape == shape:
        loss = loss.astype(dtype, copy=False)  # usually fresh already: no copy
    else:
        loss = np.broadcast_to(loss, shape).astype(dtype)
    return Terms(loss, grad, loss.size, grad_is_mean=params["reduction"] == "mean")


def _same_float(x: Array, y: Array) -> bool:
    """Whether ``x`` and ``y`` are both float32 or both float64, one non-0-d shape."""
    return (
        x.ndim > 0
        and x.dtype == y.dtype
        and x.dtype in (np.dtype(np.float32), np.dtype(np.float64))
        and x.shape == y.shape
    )


def _poisson_log_input(x: Array, y: Array, g: Array) -> tuple[Array, Array]:
    """``PoissonNLLLoss(log_input=True)`` terms for input and target of one dtype.

    Formula
    -------
    ``l = exp(x) - y x`` and ``grad = (-g) y + g exp(x)`` for the upstream
    gradient ``g`` (autograd's two terms, in its order), the operations of
    :func:`poisson_nll`'s general path in three buffers: nothing to
    broadcast, sum back or cast.
    """
    exp_x = np.exp(x)
    loss = np.multiply(y, x)
    np.subtract(exp_x, loss, out=loss)
    grad = np.multiply(-g, y)
    np.add(grad, np.multiply(g, exp_x, out=exp_x), out=grad)
    return loss, grad


def _poisson_dtype(x: Array, y: Array, log_input: bool) -> np.dtype[Any]:
    """The loss dtype, promoted op by op as torch forms it.

    ``exp(x) - y·x`` or ``x - y·log(x + eps)``: ``exp``/``log`` of an integer
    are float32, and each binary op promotes by its own operands' dimensions
    (``int64[n]`` with a 0-d float64 target gives float32 without log input:
    ``y·log(...)`` is float32 before ``x`` joins it).
    """

    def like(dtype: np.dtype[Any], ndim: int) -> Array:
        return np.empty((1,) * ndim, dtype)

    unary = like(float_dtype(x), x.ndim)  # exp(x) or log(x + eps)
    if log_input:
        product = result_type(y, x)
        dtype = result_type(unary, like(product, max(x.ndim, y.ndim)))
    else:
        product = result_type(y, unary)
        dtype = result_type(x, like(product, max(x.ndim, y.ndim)))
    return dtype if dtype.kind == "f" else np.dtype(np.float32)


def _unary(fn: np.ufunc, a: Array, source: Array) -> Array:
    """``fn(a)`` in ``a``'s dtype; correctly rounded when ``source`` is not floating.

    For ``exp``: torch's float32 ``exp`` of an integer input can differ from
    NumPy's by an ulp, which a float64 target carries into a float64 loss;
    computing in float64 and rounding gives torch's value there. (NumPy's
    float32 ``log`` already agrees with torch's; it is not routed here.)
    """
    if source.dtype.kind == "f":
        out: Array = fn(a)
        return out
    wide: Array = fn(a.astype(np.float64)).astype(a.dtype)
    return wide


def _sum_back(grad: Array, like: Array, shape: tuple[int, ...] | None = None) -> Array:
    """``grad`` (broadcast to ``shape``) summed back to ``like``'s shape and dtype.

    Autograd's ``validate_outputs``: the sum runs in the gradient's dtype,
    then the result is cast to the input's.
    """
    if shape is not None:
        grad = np.broadcast_to(grad, shape)
    return sum_to_shape(np.asarray(grad), like.shape).astype(like.dtype, copy=False)


def _var_shape(x: Array, var: Array) -> Array:
    """``var`` reshaped as ``F.gaussian_nll_loss`` accepts it, else its error."""
    if var.shape == x.shape:
        return var
    if x.shape[:-1] == var.shape:
        return var[..., np.newaxis]  # homoscedastic: one variance per row
    if x.ndim == var.ndim:
        # exactly one mismatched dimension, where var has size 1 (torch sums
        # var's sizes over the mismatched dimensions and compares with 1)
        pairs = zip(x.shape, var.shape, strict=True)
        if sum(v for s, v in pairs if s != v) == 1:
            return var
    raise LossInputError("var is of incorrect size", "ValueError")


def gaussian_nll(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``GaussianNLLLoss``: the input is the mean of a Gaussian, ``var`` its variance.

    Formula
    -------
    ``v = max(var, eps)`` (clamped outside autograd), then
    ``l = ½ (log v + (x - y)² / v)``; ``full=True`` adds ``½ log(2π)``.
    ``var`` may equal the input's shape, drop its last dimension (one
    variance per row) or have size 1 in exactly one dimension; the target
    broadcasts. ``'mean'`` divides by the numel of the broadcast loss.

    Gradient
    ``dl/dx = (x - y) / v``, evaluated at the clamped ``v``.

    As in torch, a bad ``reduction`` string is reported only after the checks
    on ``var`` (negative entries, then its size).
    """
    x, y, var = tensors
    reject_complex("GaussianNLLLoss", x, y, var)
    eps, full = params["eps"], bool(params["full"])
    if np.any(var < 0):
        raise LossInputError("var has negative entry/entries", "ValueError")
    var = _var_shape(x, var)
    check_python_reduction(params["reduction"], _GAUSSIAN_REDUCTION_ERROR)
    if var.dtype.kind != "f":
        raise LossInputError(
            "result type Float can't be cast to the desired output type "
            f"{_CPP_TYPE_NAMES.get(var.dtype.name, var.dtype.name)}"
        )
    v = np.maximum(var, np.asarray(eps, dtype=var.dtype))
    check_subtraction(x, y)
    diff_shape = broadcast_shape(x.shape, y.shape)
    shape = broadcast_shape(diff_shape, v.shape)
    dtype = result_type(x, y, v)
    if not (x.dtype == y.dtype == v.dtype):
        return _gaussian_mixed(x, y, v, full, shape, dtype)
    work = compute_dtype(dtype)
    diff = x.astype(work, copy=False) - y.astype(work, copy=False)
    log_v = np.log(v.astype(compute_dtype(v.dtype), copy=False)).astype(work)
    v = v.astype(work, copy=False)
    loss = 0.5 * (log_v + diff**2 / v)
    if full:
        loss = loss + np.asarray(0.5 * math.log(2 * math.pi), dtype=work)
    grad = sum_to_shape(np.broadcast_to(diff / v, shape), x.shape)
    loss = np.broadcast_to(loss, shape).astype(dtype)
    return Terms(loss, grad.astype(float_dtype(x), copy=False), loss.size)


def _gaussian_mixed(
    x: Array, y: Array, v: Array, full: bool, shape: tuple[int, ...], dtype: Any
) -> Terms:
    """:func:`gaussian_nll` for tensors of different dtypes, op by op as torch.

    ``0.5 * (log(v) + (x - y) ** 2 / v)``: ``x - y`` and its square stay in
    their own promoted dtype (float32 inputs square to inf beyond 1.8e19 even
    with a float64 ``var``), ``log(v)`` in ``var``'s, and each later op
    promotes its two operands. The gradient runs autograd's chain back in the
    same dtypes: ``0.5 / v``, cast to the square's dtype, times ``2 (x - y)``.
    """

    def like(array: Array, ndim: int) -> Array:
        return np.empty((1,) * ndim, array.dtype)

    diff_dtype = compute_dtype(result_type(x, y))
    if diff_dtype.kind != "f":
        diff_dtype = np.dtype(np.float32)
    diff = x.astype(diff_dtype, copy=False) - y.astype(diff_dtype, copy=False)
    square = diff * diff
    quotient_dtype = result_type(like(square, square.ndim), v)
    quotient = square.astype(quotient_dtype) / v.astype(quotient_dtype)
    log_v = np.log(v)
    inner_dtype = result_type(like(log_v, v.ndim), like(quotient, quotient.ndim))
    loss = 0.5 * (log_v.astype(inner_dtype) + quotient.astype(inner_dtype))
    if full:
        loss = loss + np.asarray(0.5 * math.log(2 * math.pi), dtype=inner_dtype)
    half_over_v = (np.asarray(0.5, dtype=quotient_dtype) / v).astype(diff_dtype)
    local = np.broadcast_to(half_over_v * (2 * diff), shape)
    grad = sum_to_shape(local, x.shape).astype(float_dtype(x), copy=False)
    loss = np.broadcast_to(loss, shape).astype(dtype)
    return Terms(loss, grad, loss.size)


_EPS_POISSON = QT_TRANSLATE_NOOP(
    "engine",
    "Small value added to the input when log_input=False, to avoid log(0). "
    "Default: 1e-8.",
)

register(
    LossSpec(
        name="PoissonNLLLoss",
        family="regression",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Negative log-likelihood of a Poisson target given its (log) rate.",
        ),
        formula=(
            "log_input: l = exp(x) - y·x\n"
            "otherwise: l = x - y·log(x + eps)\n"
            "full: + y·log y - y + ½·log(2π·y) where y > 1\n"
            "mean = Σ l / numel"
        ),
        forward=(
            TensorArg(
                "log_input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The log of the Poisson rate (log_input=True) or the rate itself "
                    "(log_input=False).",
                ),
                "(*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Observed counts, a sample of Poisson(rate); broadcasts with the "
                    "input.",
                ),
                "(*), broadcastable with input",
            ),
        ),
        params=(
            ParamSpec(
                "log_input",
                "bool",
                True,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "If True the input is the log-rate and l = exp(x) - y·x; if False "
                    "the input is the rate and l = x - y·log(x + eps). Default: True.",
                ),
            ),
            ParamSpec(
                "full",
                "bool",
                False,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Add the Stirling approximation of log(y!): "
                    "y·log y - y + ½·log(2π·y), for targets > 1. Default: False.",
                ),
            ),
            ParamSpec("eps", "float", 1e-8, _EPS_POISSON),
        ),
        function=poisson_nll,
        accepts_elementwise_mean=False,
        reduction_check=_poisson_reduction,
        reference="torch.nn.PoissonNLLLoss",
    )
)

register(
    LossSpec(
        name="GaussianNLLLoss",
        family="regression",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Negative log-likelihood of a target under N(input, var)."
        ),
        formula=(
            "v = max(var, eps)\n"
            "l = ½·(log v + (x - y)² / v)  (+ ½·log 2π if full)\n"
            "mean = Σ l / numel"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP("engine", "The mean of the Gaussian."),
                "(N, *) or (*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine", "A sample from the Gaussian; broadcasts with the input."
                ),
                "(N, *), same as input or broadcastable",
            ),
            TensorArg(
                "var",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Non-negative variances: the input's shape, the input's shape "
                    "without its last dimension (one variance per row), or the input's "
                    "shape with one dimension of size 1.",
                ),
                "(N, *), (N, *[:-1]) or one dim of size 1",
            ),
        ),
        params=(
            ParamSpec(
                "full",
                "bool",
                False,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Include the constant ½·log(2π) in the loss. Default: False.",
                ),
            ),
            ParamSpec(
                "eps",
                "float",
                1e-6,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "var is clamped to at least eps (outside autograd), for "
                    "stability. Default: 1e-6.",
                ),
            ),
        ),
        function=gaussian_nll,
        legacy_args=False,
        reduction_error=_GAUSSIAN_REDUCTION_ERROR,
        accepts_elementwise_mean=False,
        reduction_check=_gaussian_reduction,
        reference="torch.nn.GaussianNLLLoss",
    )
)
