"""The two modes of ``CrossEntropyLoss``: class-index and class-probability targets.

Torch picks the mode purely by shape: a target shaped exactly like the input
holds class probabilities, anything else holds class indices. Both start from
``lp = log_softmax(x, class_dim)`` and push their gradient back through it with
``g - exp(lp) · Σ_class g``.

Formulas
--------
Class indices (``keep_n = [y_n ≠ ignore_index]``, ``ε = label_smoothing``)::

    l_n = (1-ε) · keep_n w[y_n] (-lp[n, y_n]) + (ε/C) · keep_n Σ_c w_c (-lp[n, c])
    'mean' = (1-ε) · Σ nll_n / W + (ε/C) · Σ smooth_n / W,  W = Σ_n keep_n w[y_n]

Class probabilities, with ``t' = (1-ε) t + ε/C``::

    l_n = -Σ_c w_c t'[n, c] lp[n, c];   'mean' = Σ l_n / (numel / C)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import log_softmax, log_softmax_backward
from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.class_targets import (
    IndexTarget,
    check_index_target,
    class_axis,
    classes_back,
    classes_first,
    log_softmax_first,
    type_name,
)
from lossgui.engine.errors import LossInputError
from lossgui.engine.promotion import result_type
from lossgui.engine.result import Terms
from lossgui.engine.tensors import dtype_name, shape_list

__all__ = [
    "ce_index",
    "ce_probs",
    "log_softmax_checked",
    "mean_scale_is_safe",
    "smoothing_arg",
]

Array = npt.NDArray[Any]


def smoothing_arg(value: object) -> float:
    """``label_smoothing`` as torch's argument parser reads it (bools count)."""
    if not isinstance(value, int | float | np.integer | np.floating | np.bool_):
        raise LossInputError(
            "cross_entropy_loss(): argument 'label_smoothing' (position 6) must be "
            f"float, not {type_name(value)}",
            "TypeError",
        )
    return float(value)


def _check_smoothing(eps: float) -> None:
    """Torch checks the range only when ``ε > 0``: NaN and negatives act as 0."""
    if eps > 0.0 and not eps <= 1.0:
        raise LossInputError(
            f"label_smoothing must be between 0.0 and 1.0. Got: {eps:g}"
        )


def log_softmax_checked(x: Array) -> Array:
    """``log_softmax`` over the class dim, with torch's errors for bad input.

    An empty non-float input passes unchanged, as in torch (the NLL kernel
    rejects it next).
    """
    if x.ndim == 0:
        raise LossInputError(
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
            "IndexError",
        )
    axis = class_axis(x)
    if x.dtype.kind != "f":
        if x.size == 0:
            return x
        last = "lastdim_" if axis == x.ndim - 1 else ""
        raise LossInputError(
            f'"log_softmax_{last}kernel_impl" not implemented for '
            f"'{dtype_name(x.dtype)}'",
            "NotImplementedError",
        )
    return log_softmax(x, axis)


def _to_input(grad_last: Array, x: Array) -> Array:
    return np.moveaxis(grad_last, -1, class_axis(x)).astype(x.dtype, copy=False)


def _check_weight_view(x: Array, weight: Array | None) -> None:
    """``weight.view([1, w.size(0), 1, ...])`` of the smoothing term (K-dim input)."""
    if weight is None or x.ndim <= 2:
        return
    if weight.ndim == 0:
        raise LossInputError(
            "Dimension specified as 0 but tensor has no dimensions", "IndexError"
        )
    shape = [1] * x.ndim
    shape[1] = weight.shape[0]
    if weight.shape[0] != weight.size:
        raise LossInputError(
            f"shape '{shape_list(shape)}' is invalid for input of size {weight.size}"
        )


def _smooth_keep(y: Array, ignore: int) -> npt.NDArray[np.bool_]:
    """Torch's ``target != ignore_index`` for the smoothing term.

    A ``Byte`` target compares with ``ignore_index`` wrapped to 8 bits (the
    default -100 matches class 156), unlike the NLL kernel.
    """
    if y.dtype == np.dtype(np.uint8):
        return y != (ignore % 256)  # type: ignore[no-any-return]
    return y != ignore  # type: ignore[no-any-return]


def ce_index(
    x: Array, y: Array, params: Mapping[str, Any], ignore: int, eps: float
) -> Terms:
    """Class-index ``CrossEntropyLoss``: ``nll_loss(log_softmax(x))`` + smoothing."""
    _check_smoothing(eps)
    reduction = params["reduction"]
    if _fast_layout(x) and not eps > 0:
        it = check_index_target(x, y, params["weight"], ignore, reduction)
        return _ce_index_fast(x, it, reduction)
    lp = log_softmax_checked(x)
    it = check_index_target(lp, y, params["weight"], ignore, reduction)
    dtype = x.dtype
    zero = np.zeros((), dtype)
    lp_last = np.moveaxis(lp, class_axis(x), -1)
    classes = lp_last.shape[-1]
    wy = it.picked_weight(dtype)
    hot = it.onehot(classes)
    nll = np.where(it.keep, -it.pick(lp_last) * wy, zero)
    g_nll = np.where(hot, -wy[..., None], zero)
    total = it.total_weight(dtype)
    if eps > 0:
        return _smoothed(x, y, lp_last, it, params, ignore, eps, (nll, g_nll, total))
    mean = reduction == "mean"
    if mean:  # the NLL backward scales first: w[y] · (-(1 / W)) at the targets
        g_nll = np.where(hot, wy[..., None] * _minus_inverse(total, dtype), zero)
    grad = log_softmax_backward(g_nll, lp_last, -1)
    return Terms(nll, _to_input(grad, x), total, grad_is_mean=mean)


def ce_index_divisor(x: Array, y: Array, weight: Array | None, ignore: int) -> float:
    """``W`` of class-index ``'mean'`` cross-entropy: kept count or ``Σ w[y_n]``.

    Exactly as :func:`ce_index` forms it for the whole batch (the float sum
    in ``x``'s dtype), so row blocks computed with
    :func:`~lossgui.engine.batch_divisor.batch_divisor` ``(W)`` reproduce the
    batch. Raises torch's error where :func:`ce_index` would check it.
    """
    it = check_index_target(x, y, weight, ignore, "mean")
    return it.total_weight(x.dtype)


def _fast_layout(x: Array) -> bool:
    """Whether ``x`` takes the class-first route: non-empty float32/64, 2+ dims."""
    return x.ndim >= 2 and x.size > 0 and x.dtype in (np.float32, np.float64)


def _minus_inverse(total: float, dtype: np.dtype[Any]) -> np.floating[Any]:
    """``-(1 / W)`` in ``dtype``: the NLL backward's upstream gradient for ``'mean'``.

    Torch forms it before writing ``w[y] · (-(1 / W))`` at the targets and
    before ``log_softmax``'s backward, so a subnormal ``W`` (``1 / W = inf``)
    gives NaN at the targets (``-inf + inf``) and ±inf elsewhere.
    """
    with np.errstate(all="ignore"):
        return -(dtype.type(1) / dtype.type(total))  # type: ignore[no-any-return]


def mean_scale_is_safe(total: float, dtype: np.dtype[Any]) -> bool:
    """Whether ``'mean'``'s scale ``1 / W`` (in ``dtype``) is finite and positive.

    Then ``+0 · (1 / W)`` stays ``+0`` and the gradient positions torch never
    writes need no mask (:attr:`Terms.grad_keep`).
    """
    with np.errstate(all="ignore"):
        scale = np.asarray(1, dtype=dtype) / np.asarray(total, dtype=dtype)
    return bool(np.isfinite(scale) and scale > 0)


def _ce_index_fast(x: Array, it: IndexTarget, reduction: str) -> Terms:
    """Class-index cross-entropy without smoothing, computed classes-first.

    Formula
    -------
    ``lp = log_softmax(x)``, ``l_n = keep_n · w[y_n] · (-lp[n, y_n])`` and,
    with ``s_n = Σ_c g[n, c] = -keep_n w[y_n]`` (the NLL gradient's row sum),
    ``grad = g - exp(lp) · s_n``: ``0 - exp(lp) s_n`` off the target and
    ``-w[y_n] - exp(lp) s_n`` on it (:func:`log_softmax_backward` on the
    one-hot NLL gradient); without a weight ``exp(lp) s_n`` is formed as
    ``e · (s_n / Σ_c e)`` with ``e = exp(x - max)``. For ``'mean'`` the
    target's ``-w[y_n]`` is ``w[y_n] · (-(1 / W))`` from the start (torch's
    order: the scale comes before the backward, see :func:`_minus_inverse`),
    and the result is already the mean's gradient.
    """
    dtype = x.dtype
    zero = np.zeros((), dtype)
    classes = x.shape[1]
    lp, e, sum_e = log_softmax_first(classes_first(x, 1))
    keep = it.keep.reshape(-1)
    wy = it.picked_weight(dtype).reshape(-1)
    total = divisor_or(it.total_weight(dtype))  # a block of a batch: the batch's W
    mean = reduction == "mean"
    minus_wy = wy * _minus_inverse(total, dtype) if mean else -wy
    first = it.safe.reshape(-1) * keep.size + np.arange(keep.size)  # in (C, M)
    picked = lp.reshape(-1)[first]
    loss = np.where(keep, -picked * wy, zero).reshape(it.keep.shape)
    row = np.where(keep, minus_wy, zero)
    if classes > 1:
        row += zero  # the row sum of a one-hot row: -0 + 0 = +0
    if it.weight is None:  # s_n is -1, -1/W or 0: softmax · s_n as e · (s_n / Σ e)
        q = np.multiply(e, row / sum_e, out=e)
    else:  # any weight (tiny, huge): exp(lp) · s_n rounds once, as torch does
        q = np.multiply(np.exp(lp, out=e), row, out=e)
    grad = np.empty(x.shape, dtype)
    np.subtract(zero, classes_back(q, x.shape, 1), out=grad)
    flat = it.flat_positions(x.shape)[keep]
    grad_flat = grad.reshape(-1)
    grad_flat[flat] = minus_wy[keep] - q.reshape(-1)[first[keep]]
    return Terms(loss, grad, total, grad_is_mean=mean)


def _smoothed(
    x: Array,
    y: Array,
    lp_last: Array,
    it: IndexTarget,
    params: Mapping[str, Any],
    ignore: int,
    eps: float,
    nll_terms: tuple[Array, Array, float],
) -> Terms:
    """Label smoothing: ``(1-ε)·nll + (ε/C)·smooth``, each reduced on its own.

    ``'mean'``'s gradient is always formed term by term (:func:`_exact_mean`):
    torch scales each term by ``1 / its total`` before ``log_softmax``'s
    backward. The value is ``Σ l / W`` when both totals are one safe ``W``,
    else also term by term.
    """
    nll, g_nll, total = nll_terms
    weight = params["weight"]
    _check_weight_view(x, weight)
    if x.ndim == 1 and y.ndim == 1:
        # smooth_loss.masked_fill_(target == ignore_index): a () loss, a (1,) mask
        raise LossInputError(
            "output with shape [] doesn't match the broadcast shape [1]"
        )
    dtype = x.dtype
    zero = np.zeros((), dtype)
    classes = lp_last.shape[-1]
    c1 = dtype.type(1.0 - eps)
    c2 = dtype.type(np.float64(eps) / np.float64(classes))
    w = it.weight
    keep_s = _smooth_keep(y, ignore).reshape(it.keep.shape)
    smooth = np.where(keep_s, -np.sum(lp_last if w is None else lp_last * w, -1), zero)
    minus_w = -np.ones(classes, dtype) if w is None else -w
    g_smooth = np.where(keep_s[..., None], minus_w, zero)
    loss = c1 * nll + smooth * c2
    if params["reduction"] != "mean":
        grad = log_softmax_backward(c1 * g_nll + c2 * g_smooth, lp_last, -1)
        sum_value = None
        if params["reduction"] == "sum":
            sum_value = _summed_first(loss, nll, smooth, c1, c2)
        return Terms(loss, _to_input(grad, x), total, sum_value=sum_value)
    if w is None:
        total_s = float(np.count_nonzero(keep_s))
    elif weight.ndim != 1:
        raise LossInputError(
            "Index tensor must have the same number of dimensions as input tensor"
        )
    elif y.dtype == np.dtype(np.uint8) and np.any(keep_s):
        raise LossInputError("gather(): Expected dtype int32/int64 for index")
    else:
        total_s = float(np.sum(it.picked_weight(dtype)[keep_s], dtype=dtype))
    mean_terms = _exact_mean(
        (nll, g_nll, total),
        (smooth, g_smooth, total_s),
        lp_last,
        c1,
        c2,
        x,
        (it.onehot(classes), keep_s[..., None]),
    )
    if (
        total_s != total
        or not mean_scale_is_safe(total, dtype)
        or _summed_first(loss, nll, smooth, c1, c2, dtype.type(total)) is not None
    ):
        return Terms(loss, mean_terms.grad, total, mean_terms=mean_terms)
    # One divisor W: 'mean' is Σ l / W, the gradient still in torch's order.
    return Terms(loss, mean_terms.grad, total, grad_is_mean=True)


def _summed_first(
    loss: Array,
    nll: Array,
    smooth: Array,
    c1: np.floating[Any],
    c2: np.floating[Any],
    divisor: np.floating[Any] | None = None,
) -> Array | None:
    """Torch's ``c1 · Σ nll + Σ smooth · c2`` where ``Σ l`` would not do.

    Torch sums each term before scaling it, so ``Σ smooth`` (or ``Σ nll``) can
    overflow where ``Σ l`` (scaled first) stays finite, and the other way
    round. When both orders are finite they agree to rounding and ``None``
    keeps ``Σ l``; otherwise torch's ``'sum'``. With ``divisor`` (one ``W`` for
    both terms) the two means ``Σ l / W`` and ``(c1 Σ nll + Σ smooth c2) / W``
    are compared instead (a tiny ``W`` can overflow the quotient).
    """
    dtype = loss.dtype
    with np.errstate(all="ignore"):
        value = c1 * np.sum(nll, dtype=dtype) + np.sum(smooth, dtype=dtype) * c2
        naive = np.sum(loss, dtype=dtype)
        if divisor is not None:
            value, naive = value / divisor, naive / divisor
    if np.isfinite(value) and np.isfinite(naive):
        return None
    return np.asarray(value, dtype=dtype)


def _exact_mean(
    nll_part: tuple[Array, Array, float],
    smooth_part: tuple[Array, Array, float],
    lp_last: Array,
    c1: np.floating[Any],
    c2: np.floating[Any],
    x: Array,
    written: tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]],
) -> Terms:
    """Torch's smoothed ``'mean'`` formed term by term.

    ``c1 · (Σ nll / W) + (Σ smooth / W_s) · c2``, with the gradient scaled
    (``c1 / W``, ``c2 / W_s``) before ``log_softmax``'s backward: ``Σ l / W``
    cannot reproduce torch's value when the divisors differ or are 0, nor
    its ``nan``/``inf`` gradient pattern when ``1 / W`` overflows.
    """
    dtype = x.dtype
    (nll, g_nll, total), (smooth, g_smooth, total_s) = nll_part, smooth_part
    hot, rows = written
    w_n, w_s = dtype.type(total), dtype.type(total_s)
    with np.errstate(all="ignore"):
        value = (
            c1 * (np.sum(nll, dtype=dtype) / w_n)
            + (np.sum(smooth, dtype=dtype) / w_s) * c2
        )
        # Positions torch never writes stay exactly 0 (not 0 · inf).
        g_lp = np.where(hot, g_nll * (c1 / w_n), 0) + np.where(
            rows, g_smooth * (c2 / w_s), 0
        )
        grad = log_softmax_backward(g_lp.astype(dtype, copy=False), lp_last, -1)
    return Terms(np.asarray(value, dtype=dtype), _to_input(grad, x), 1.0)


def ce_probs(
    x: Array, y: Array, params: Mapping[str, Any], ignore: int, eps: float
) -> Terms:
    """Class-probability ``CrossEntropyLoss`` (target shaped like the input).

    Formula
    -------
    ``l_n = -Σ_c w_c t'[n, c] lp[n, c]``; ``'mean'`` is ``Σ l / N`` with
    ``N = numel / C``, its gradient ``((-(1/N)) w) t'`` pushed through
    ``log_softmax``'s backward (torch's autograd order).
    """
    if y.dtype.kind != "f":
        raise LossInputError(
            "Expected floating point type for target with class probabilities, got "
            f"{dtype_name(y.dtype)}"
        )
    if ignore >= 0:
        raise LossInputError("ignore_index is not supported for floating point target")
    if x.ndim == 0:
        raise LossInputError(
            "Dimension specified as 1 but tensor has no dimensions", "IndexError"
        )
    axis = class_axis(x)
    classes = x.shape[axis]
    weight = params["weight"]
    if weight is not None and not (weight.ndim == 1 and weight.size == classes):
        raise LossInputError(
            f"cross_entropy: weight tensor should be defined either for all {classes} "
            "classes or no classes but got weight tensor of shape: "
            f"{shape_list(weight.shape)}"
        )
    lp = log_softmax_checked(x)
    _check_smoothing(eps)
    if lp.dtype.kind != "f":  # an empty integer input gets through log_softmax
        lp = lp.astype(np.result_type(y.dtype, np.float32))
    target = y
    if eps > 0:
        share = y.dtype.type(np.float64(eps) / np.float64(classes))
        target = y * y.dtype.type(1.0 - eps) + share
    lp_last = np.moveaxis(lp, axis, -1)
    t_last = np.moveaxis(target, axis, -1)
    product = lp_last * t_last
    wt = t_last
    if weight is not None:
        # torch promotes: an integer weight does not widen a float product
        w = weight.astype(result_type(product, weight), copy=False)
        product = product * w
        wt = t_last * w.astype(result_type(t_last, weight), copy=False)
    loss = -np.sum(product, axis=-1)
    divisor = x.size // classes if x.size else 0
    mean = params["reduction"] == "mean" and divisor > 0
    if mean:  # -(lp·t·w).sum() / N: the scale reaches lp as ((-(1/N))·w)·t
        minus_s = _minus_inverse(float(divisor), loss.dtype)
        g = t_last * (minus_s if weight is None else minus_s * w)
    else:
        g = -wt
    grad = log_softmax_backward(g.astype(lp.dtype, copy=False), lp_last, -1)
    return Terms(loss, _to_input(grad, lp), float(divisor), grad_is_mean=mean)
