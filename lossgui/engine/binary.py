"""Binary cross-entropy losses: ``BCELoss`` and ``BCEWithLogitsLoss``.

Both treat every element as an independent yes/no decision. ``BCELoss`` takes
probabilities; ``BCEWithLogitsLoss`` takes logits and folds the sigmoid into a
numerically stable form.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import logsigmoid, sigmoid
from lossgui.engine.errors import LossInputError
from lossgui.engine.fast_math import (
    blockwise,
    exp_neg_abs,
    is_plain_float32,
    log1p_unit,
    mean_grad_scale,
    sigmoid_from_exp,
)
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import BOOL_SUB_TWO
from lossgui.engine.tensors import (
    broadcast_shape,
    dtype_name,
    expand_to,
    is_float,
    shape_list,
    torch_size,
)
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["bce", "bce_with_logits", "logits_terms_f32"]

Array = npt.NDArray[Any]

#: ``float32(1e-12)``: torch's BCE backward clamps ``x (1 - x)`` at this, in
#: every dtype (so the float64 gradient at x=0, y=1 is -1.0000000039958e12).
EPSILON_F = float(np.float32(1e-12))

_WEIGHT_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "A manual rescaling weight given to the loss of each element; broadcast to "
    "the target's shape (a (C,) weight scales columns, (N, 1) scales rows). "
    "Default: None (all ones).",
)


def _require_float(array: Array, op: str) -> None:
    if not is_float(array):
        raise LossInputError(
            f"\"{op}\" not implemented for '{dtype_name(array.dtype)}'",
            "NotImplementedError",
        )


def _require_inplace(shape: tuple[int, ...], full: tuple[int, ...]) -> None:
    """Torch's error when an in-place result would have to grow to ``full``."""
    if full != shape:
        raise LossInputError(
            f"output with shape {shape_list(shape)} doesn't match the "
            f"broadcast shape {shape_list(full)}"
        )


def bce(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``BCELoss``: binary cross-entropy on probabilities.

    Formula
    -------
    ``l = -w [ y max(log x, -100) + (1 - y) max(log(1 - x), -100) ]``;
    ``'mean'`` divides by the number of elements, whatever the weights.

    Gradient (torch's, not the derivative of the clamped forward)
    ``dl/dx = w (x - y) / max(x (1 - x), float32(1e-12))``.
    """
    x, y = tensors
    weight = params["weight"]
    if y.shape != x.shape:
        raise LossInputError(
            f"Using a target size ({torch_size(y.shape)}) that is different to the "
            f"input size ({torch_size(x.shape)}) is deprecated. Please ensure they "
            "have the same size.",
            "ValueError",
        )
    if y.dtype != x.dtype:
        raise LossInputError(
            f"Found dtype {dtype_name(y.dtype)} but expected {dtype_name(x.dtype)}"
        )
    _require_float(x, "binary_cross_entropy")
    dtype = x.dtype
    if weight is not None:
        weight = expand_to(weight, y.shape).astype(dtype, copy=False)
    if np.any(~((x >= 0) & (x <= 1))):
        raise LossInputError("all elements of input should be between 0 and 1")
    if np.any(~((y >= 0) & (y <= 1))):
        raise LossInputError("all elements of target should be between 0 and 1")
    if is_plain_float32(x, y) and (weight is None or weight.dtype == dtype):
        return _bce_f32(x, y, weight, params["reduction"])
    log_x = np.maximum(np.log(x), -100)
    log_1mx = np.maximum(np.log1p(-x), -100)
    loss = -(y * log_x + (1 - y) * log_1mx)
    grad = (x - y) / np.maximum(x * (1 - x), np.asarray(EPSILON_F, dtype=dtype))
    if weight is not None:
        loss = weight * loss
        grad = weight * grad
    return Terms(loss.astype(dtype, copy=False), grad.astype(dtype, copy=False), x.size)


def _bce_f32(x: Array, y: Array, weight: Array | None, reduction: str) -> Terms:
    """:func:`bce` for validated float32 ``x`` and ``y`` of one shape.

    Same formula and operation order, block by block (:func:`blockwise`);
    ``log1p(-x)`` comes from :func:`log1p_unit` (``x = 1`` gives NaN there,
    which ``fmax`` turns into the clamp value -100 as ``log(0)`` would).
    Without a weight, ``'mean'``'s ``1 / N`` is applied in the blocks
    (:func:`~lossgui.engine.fast_math.mean_grad_scale`).
    """
    scale = mean_grad_scale(reduction, x.size) if weight is None else None
    loss, grad = np.empty_like(x), np.empty_like(x)
    blockwise(lambda i, o: _bce_block(i, o, scale), (x, y), (loss, grad))
    if weight is not None:
        np.multiply(loss, weight, out=loss)
        np.multiply(grad, weight, out=grad)
    return Terms(loss, grad, x.size, grad_is_mean=scale is not None)


def _bce_block(
    ins: tuple[Array, ...], outs: tuple[Array, ...], scale: np.float32 | None
) -> None:
    """BCE's elementwise loss and gradient on one block (see :func:`_bce_f32`).

    ``ins = (x, y)``; writes ``outs = (loss, grad)``, the gradient times
    ``scale`` unless it is None.
    """
    x, y = ins
    loss, grad = outs
    log_x = np.log(x)
    np.maximum(log_x, -100, out=log_x)
    log_1mx, one_minus_x = log1p_unit(np.negative(x))
    np.fmax(log_1mx, -100, out=log_1mx)
    np.multiply(log_x, y, out=log_x)
    np.multiply(np.subtract(1, y), log_1mx, out=log_1mx)
    np.add(log_x, log_1mx, out=loss)
    np.negative(loss, out=loss)
    den = np.multiply(x, one_minus_x, out=one_minus_x)
    np.maximum(den, np.float32(EPSILON_F), out=den)
    np.subtract(x, y, out=grad)
    np.divide(grad, den, out=grad)
    if scale is not None:
        np.multiply(grad, scale, out=grad)


def logits_terms_f32(
    x: Array, y: Array, keep_p: bool = True, scale: np.float32 | None = None
) -> tuple[Array, Array, Array | None]:
    """Elementwise BCE-with-logits terms, block by block (see :func:`_logits_block`).

    Returns
    -------
    tuple of ndarray
        ``(l, (σ(x) - y) · scale, σ(x))`` (no product when ``scale`` is
        None); ``σ(x)`` is None unless ``keep_p``.
    """
    loss, grad = np.empty_like(x), np.empty_like(x)

    def kernel(ins: tuple[Array, ...], outs: tuple[Array, ...]) -> None:
        _logits_block(ins, outs, scale)

    if keep_p:
        p = np.empty_like(x)
        blockwise(kernel, (x, y), (loss, grad, p))
        return loss, grad, p
    blockwise(kernel, (x, y), (loss, grad))
    return loss, grad, None


def _logits_block(
    ins: tuple[Array, ...], outs: tuple[Array, ...], scale: np.float32 | None = None
) -> None:
    """Elementwise BCE-with-logits loss, ``σ(x) - y`` and ``σ(x)`` for float32.

    Formula
    -------
    ``e = exp(-|x|)``, ``logσ(x) = min(x, 0) - log1p(e)``,
    ``l = (1 - y) x - logσ(x)`` (torch's order) and ``σ(x) = max(e, [x >= 0])
    / (1 + e)``; ``x`` and ``y`` are float32 arrays of one shape. ``log1p``
    as :func:`lossgui.engine.fast_math.log1p_unit`, step by step in three
    buffers of the block.

    ``ins = (x, y)``; writes ``outs = (l, σ(x) - y)`` or ``(l, σ(x) - y,
    σ(x))``, ``σ(x) - y`` times ``scale`` unless it is None.
    """
    x, y = ins
    loss, grad = outs[0], outs[1]
    one = np.float32(1)
    e = exp_neg_abs(x)
    u = np.add(e, one)
    softplus = np.log(u)  # log1p(e) = log(u) - ((u - 1) - e) / u
    err = np.subtract(u, one)
    np.subtract(err, e, out=err)
    np.divide(err, u, out=err)
    np.subtract(softplus, err, out=softplus)
    p = sigmoid_from_exp(x, e, u, out=outs[2] if len(outs) > 2 else err)
    log_sig = np.minimum(x, 0, out=e)
    np.subtract(log_sig, softplus, out=log_sig)
    np.subtract(one, y, out=loss)
    np.multiply(loss, x, out=loss)
    np.subtract(loss, log_sig, out=loss)
    np.subtract(p, y, out=grad)
    if scale is not None:
        np.multiply(grad, scale, out=grad)


def bce_with_logits(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``BCEWithLogitsLoss``: sigmoid and binary cross-entropy in one stable step.

    Formula
    -------
    ``lw = 1 + (pw - 1) y`` and ``l = w [ (1 - y) x - lw logσ(x) ]`` with
    ``logσ(x) = min(x, 0) - log1p(exp(-|x|))``; this equals
    ``w [ pw y softplus(-x) + (1 - y) softplus(x) ]``. ``'mean'`` divides by
    the number of elements.

    Gradient
    ``dl/dx = w ( (1 + (pw - 1) y) σ(x) - pw y )``; without ``pos_weight``
    ``w (σ(x) - y)``.
    """
    x, y = tensors
    weight, pos_weight = params["weight"], params["pos_weight"]
    if y.shape != x.shape:
        raise LossInputError(
            f"Target size ({torch_size(y.shape)}) must be the same as input size "
            f"({torch_size(x.shape)})",
            "ValueError",
        )
    _require_float(x, "log_sigmoid_cpu")
    # Torch's kernel works in place: log_sigmoid(input) keeps the input's
    # dtype, ``(1 - target).mul_(input).sub_(...)`` and ``loss.mul_(weight)``
    # keep the target's; every step computes in the promoted dtype and casts
    # back. So the loss has the target's dtype (an f64 input with an f32
    # target gives f32) and weights never widen it.
    out_dtype = y.dtype
    shape = x.shape
    if (
        pos_weight is None
        and is_plain_float32(x, y)
        and (weight is None or weight.dtype == out_dtype)
    ):
        return _bce_with_logits_f32(x, y, weight, params["reduction"])
    log_sig = logsigmoid(x)
    if pos_weight is not None:
        # (pos_weight - 1).mul(target): pos_weight is tensor "a" in the message.
        _require_inplace(shape, broadcast_shape(pos_weight.shape, y.shape))
        log_weight = (pos_weight - 1) * y + 1
        log_sig = (log_sig * log_weight).astype(x.dtype, copy=False)
    _check_target(x, y)
    loss = ((1 - y) * x).astype(out_dtype, copy=False)
    loss = np.broadcast_to(loss - log_sig, shape).astype(out_dtype, copy=False)
    if weight is not None:
        _require_inplace(shape, broadcast_shape(shape, weight.shape))
        loss = (loss * weight).astype(out_dtype, copy=False)
    # The backward, as torch's binary_cross_entropy_with_logits_backward:
    # ``(pw y + 1 - y) σ(x) - pw y`` (or ``σ(x) - y``), times the weight.
    if pos_weight is not None:
        t = pos_weight * y
        grad = ((t + 1 - y) * sigmoid(x)).astype(t.dtype, copy=False) - t
    else:
        grad = (sigmoid(x) - y).astype(x.dtype, copy=False)
    if weight is not None:
        grad = (grad * weight).astype(grad.dtype, copy=False)
    grad = np.broadcast_to(grad, shape).astype(x.dtype, copy=False)
    return Terms(loss, grad, x.size)


def _check_target(x: Array, y: Array) -> None:
    """Torch's errors for ``(1 - target).mul_(input)`` with a non-float target.

    ``1 - target`` is ``empty_like(target).fill_(1).sub_(target)``: two bool
    tensors for a bool target. An integer ``1 - target`` cannot hold the
    float product written back into it.
    """
    if y.dtype == np.bool_:
        raise LossInputError(BOOL_SUB_TWO)
    if not is_float(y):
        raise LossInputError(
            f"result type {dtype_name(x.dtype)} can't be cast to the desired output "
            f"type {dtype_name(y.dtype)}"
        )


def _bce_with_logits_f32(
    x: Array, y: Array, weight: Array | None, reduction: str
) -> Terms:
    """:func:`bce_with_logits` without ``pos_weight`` for float32 ``x``, ``y``.

    Without a weight, ``'mean'``'s ``1 / N`` is applied in the blocks
    (:func:`~lossgui.engine.fast_math.mean_grad_scale`).
    """
    scale = mean_grad_scale(reduction, x.size) if weight is None else None
    loss, grad, _ = logits_terms_f32(x, y, keep_p=False, scale=scale)
    if weight is not None:
        _require_inplace(x.shape, broadcast_shape(x.shape, weight.shape))
        np.multiply(loss, weight, out=loss)
        np.multiply(grad, weight, out=grad)
    return Terms(loss, grad, x.size, grad_is_mean=scale is not None)


_INPUT_PROB = TensorArg(
    "input",
    "float",
    QT_TRANSLATE_NOOP(
        "engine", "Probabilities in [0, 1] (e.g. the output of a sigmoid)."
    ),
    "(*)",
)
_INPUT_LOGIT = TensorArg(
    "input",
    "float",
    QT_TRANSLATE_NOOP("engine", "Logits: any real number per element."),
    "(*)",
)
_TARGET = TensorArg(
    "target",
    "float",
    QT_TRANSLATE_NOOP("engine", "Targets in [0, 1], same shape as the input."),
    "(*), same as input",
)

register(
    LossSpec(
        name="BCELoss",
        family="binary",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Binary cross-entropy between probabilities and targets."
        ),
        formula=(
            "l = -w·[y·max(log x, -100) + (1-y)·max(log(1-x), -100)]\n"
            "mean = Σ l / numel"
        ),
        forward=(_INPUT_PROB, _TARGET),
        params=(
            ParamSpec(
                "weight", "tensor", None, _WEIGHT_DOC, shape="broadcasts to target"
            ),
        ),
        function=bce,
        activation="sigmoid",
        reference="torch.nn.BCELoss",
    )
)

register(
    LossSpec(
        name="BCEWithLogitsLoss",
        family="binary",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Sigmoid + binary cross-entropy in one numerically stable step."
        ),
        formula=(
            "l = w·[pos_weight·y·softplus(-x) + (1-y)·softplus(x)]\nmean = Σ l / numel"
        ),
        forward=(_INPUT_LOGIT, _TARGET),
        params=(
            ParamSpec(
                "weight", "tensor", None, _WEIGHT_DOC, shape="broadcasts to input"
            ),
            ParamSpec(
                "pos_weight",
                "tensor",
                None,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "A weight of positive examples, broadcast against the last (class) "
                    "dimension: pos_weight > 1 raises recall, < 1 raises precision. "
                    "Shape (C,) for (N, C) input. Default: None (ones).",
                ),
                shape="(C,)",
            ),
        ),
        function=bce_with_logits,
        reference="torch.nn.BCEWithLogitsLoss",
    )
)
