"""Elementwise margin losses on ±1 labels: SoftMarginLoss and HingeEmbeddingLoss.

Both follow torch 2.13, quirks included: the soft margin is evaluated literally
(not overflow-safe), and a hinge-embedding label other than ±1 adds both of its
terms. The multi-class margin losses live in :mod:`lossgui.engine.multi_margin`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.fast_math import blockwise, log1p_nonneg, mean_grad_scale
from lossgui.engine.promotion import can_cast, result_type
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import (
    BOOL_SUB_TWO,
    check_fill,
    float_dtype,
    reject_complex,
    sum_to_shape,
)
from lossgui.engine.tensors import broadcast_shape, dtype_name, shape_list
from lossgui.i18n import QT_TRANSLATE_NOOP, translate

__all__ = [
    "CLAMP_COMPLEX",
    "NEGATE_BOOL",
    "check_margin",
    "hinge_embedding",
    "integer_mean_error",
    "soft_margin",
]

Array = npt.NDArray[Any]

NEGATE_BOOL = (
    "Negation, the `-` operator, on a bool tensor is not supported. If you are "
    "trying to invert a mask, use the `~` or `logical_not()` operator instead."
)
CLAMP_COMPLEX = "clamp is not supported for complex types"


def integer_mean_error(dtype: np.dtype[Any]) -> LossInputError:
    """Torch's error for ``'mean'`` over an integer loss tensor."""
    return LossInputError(
        "mean(): could not infer output dtype. Input dtype must be either a "
        f"floating point or complex dtype. Got: {dtype_name(dtype)}"
    )


def check_margin(
    value: object, op: str, position: int, kind: str = "float", name: str = "margin"
) -> float:
    """``margin`` as torch's argument parser takes it: a real number.

    Parameters
    ----------
    value : object
        The caller's ``margin`` (bools, ints, floats and 0-d real arrays pass).
    op, position : str, int
        The ATen function and the argument's position, for torch's message.
    kind : str
        What torch's signature asks for: ``"float"``, or ``"Number"``, which
        also admits complex values: ``1+0j`` gives 1.0, any other gives NaN
        (the kernel, not the parser, rejects it; the caller raises).
    name : str
        The argument's name, for other float arguments parsed the same way
        (``triplet_margin_loss``'s ``p`` and ``eps``).

    Raises
    ------
    LossInputError
        ``TypeError: <op>(): argument 'margin' (position 3) must be float, not
        str`` (torch's text).
    """
    array = np.asarray(value) if isinstance(value, np.ndarray | np.generic) else None
    if array is not None and array.ndim == 0 and array.dtype.kind in "biuf":
        return float(array)
    if isinstance(value, bool | int | float):
        return float(value)
    if kind == "Number" and isinstance(value, complex):
        return value.real if value.imag == 0 else math.nan
    raise LossInputError(
        f"{op}(): argument '{name}' (position {position}) must be {kind}, not "
        f"{type(value).__name__}",
        "TypeError",
    )


def soft_margin(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``SoftMarginLoss``: logistic loss on ±1 labels, computed as torch does.

    Formula
    -------
    ``l = log1p(exp(-y x))``, evaluated literally (not overflow-safe: in
    float32 ``-y x > ~88.7`` gives ``inf`` loss and a NaN gradient, as torch).
    ``'mean'`` divides by numel. The target broadcasts only if the loss keeps
    the input's shape.

    Gradient
    ``dl/dx = -y z / (1 + z)`` with ``z = exp(-y x)`` (= ``-y σ(-y x)``).
    Torch's backward fails for a bool target; the gradient is then given for
    the target as 0/1 floats, with a warning saying so.
    """
    x, y = tensors
    if x.dtype == np.bool_:
        raise LossInputError(NEGATE_BOOL)
    full = broadcast_shape(x.shape, y.shape)
    if full != x.shape:
        raise LossInputError(
            f"output with shape {shape_list(x.shape)} doesn't match the broadcast "
            f"shape {shape_list(full)}"
        )
    reject_complex("SoftMarginLoss", x)
    common = result_type(x, y)
    if not can_cast(common, x.dtype) or x.dtype.kind != "f":
        name = dtype_name(common) if common.kind in "fc" else "Float"
        raise LossInputError(
            f"result type {name} can't be cast to the desired output type "
            f"{dtype_name(x.dtype)}"
        )
    dtype = x.dtype
    if x.ndim > 0 and dtype == y.dtype == np.float32:
        return _soft_margin_f32(x, y, params["reduction"])
    yc = y.astype(common)
    prod = ((-x).astype(common) * yc).astype(dtype)  # neg_out(input).mul_(target)
    loss = np.log1p(np.exp(prod))
    # The backward recomputes z in `common` from `-target`, negated in the
    # target's own dtype: an integer target wraps (uint8 -1 is 255).
    neg_y = np.negative(y).astype(common) if y.dtype.kind in "iu" else -yc
    z = np.exp(neg_y * x.astype(common))
    grad = -(yc * z).astype(dtype)
    grad = (grad.astype(common) / (z + 1)).astype(dtype)
    warns: tuple[str, ...] = ()
    if y.dtype == np.bool_:  # torch's backward negates the target itself
        warns = (
            translate(
                "engine",
                "torch's soft_margin_loss backward raises RuntimeError: {error}; "
                "the gradient shown is for the target cast to {dtype}.",
            ).format(error=NEGATE_BOOL, dtype=dtype_name(common)),
        )
    return Terms(loss, grad, x.size, warnings=warns)


def _soft_margin_f32(x: Array, y: Array, reduction: str) -> Terms:
    """:func:`_soft_margin_block`, block by block when ``y`` has ``x``'s shape.

    ``'mean'``'s ``1 / N`` is applied in the blocks
    (:func:`~lossgui.engine.fast_math.mean_grad_scale`).
    """
    scale = mean_grad_scale(reduction, x.size)
    loss, grad = np.empty_like(x), np.empty_like(x)

    def kernel(ins: tuple[Array, ...], outs: tuple[Array, ...]) -> None:
        _soft_margin_block(ins, outs, scale)

    if y.shape != x.shape:
        kernel((x, y), (loss, grad))
    else:
        blockwise(kernel, (x, y), (loss, grad))
    return Terms(loss, grad, x.size, grad_is_mean=scale is not None)


def _soft_margin_block(
    ins: tuple[Array, ...], outs: tuple[Array, ...], scale: np.float32 | None = None
) -> None:
    """:func:`soft_margin` for float32 ``x`` and ``y`` (``y`` broadcasts to ``x``).

    ``z = exp(x (-y))`` (equal to torch's ``exp(-x y)``: negation is exact),
    ``l = log1p(z)`` by :func:`log1p_nonneg` (``inf`` for ``z = inf``), and
    ``dl/dx = (-y) z / (1 + z)`` reusing ``1 + z``. ``ins = (x, y)``; writes
    ``outs = (loss, grad)``, the gradient times ``scale`` unless it is None.
    """
    x, y = ins
    loss, grad = outs
    neg_y = np.negative(y)
    z = np.multiply(x, neg_y)
    np.exp(z, out=z)
    _, one_plus_z = log1p_nonneg(z, out=loss)
    np.multiply(neg_y, z, out=grad)
    np.divide(grad, one_plus_z, out=grad)
    if scale is not None:
        np.multiply(grad, scale, out=grad)


def hinge_embedding(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``HingeEmbeddingLoss``: ``x`` where ``y = 1``, a hinge where ``y = -1``.

    Formula
    -------
    ``l = [y != -1] x + [y != 1] max(0, margin - x)``: a label other than ±1
    adds both terms. The target broadcasts silently; ``'mean'`` divides by the
    broadcast numel. Integer inputs give an integer loss (``margin`` truncated;
    outside the dtype's range torch's ``fill_`` raises), whose ``'sum'`` is
    int64 and whose ``'mean'`` torch rejects.

    Gradient
    ``dl/dx = [y != -1] - [y != 1] [margin - x >= 0]``: the hinge is active at
    its kink, and a NaN ``x`` gives 1 (``y = 1``) or 0 (``y = -1``).
    """
    x, y = tensors
    margin_value = check_margin(params["margin"], "hinge_embedding_loss", 3)
    check_fill(margin_value, x.dtype)  # margin - x is empty_like(x).fill_(margin)
    if x.dtype == np.bool_:
        raise LossInputError(BOOL_SUB_TWO)
    if x.dtype.kind == "c":
        raise LossInputError(CLAMP_COMPLEX, "NotImplementedError")
    broadcast_shape(y.shape, x.shape)
    if x.dtype.kind != "f" and params["reduction"] == "mean":
        raise integer_mean_error(x.dtype)
    margin = np.asarray(margin_value).astype(x.dtype)  # int inputs truncate
    unclamped = margin - x
    not_pos, not_neg = y != 1, y != -1
    zero = np.zeros((), x.dtype)
    loss = np.where(not_pos, np.maximum(unclamped, zero), zero) + np.where(
        not_neg, x, zero
    )
    gdt = float_dtype(x)
    local = not_neg.astype(gdt) - (not_pos & (unclamped >= 0)).astype(gdt)
    grad = sum_to_shape(np.broadcast_to(local, loss.shape), x.shape).astype(gdt)
    loss = loss.astype(x.dtype, copy=False)
    if params["reduction"] == "sum" and loss.dtype.kind in "iu":
        loss = loss.astype(np.int64)  # torch.sum of an integer tensor is Long
    return Terms(loss, grad, loss.size)


_MARGIN_INPUT = TensorArg(
    "input",
    "float",
    QT_TRANSLATE_NOOP("engine", "Raw scores (any real number), one per element."),
    "(*)",
)
register(
    LossSpec(
        name="SoftMarginLoss",
        family="margin",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Logistic loss on ±1 labels: a smooth hinge on y·x."
        ),
        formula="l = log(1 + exp(-y·x))\nmean = Σ l / numel",
        forward=(
            _MARGIN_INPUT,
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Labels, nominally 1 or -1 (any value is used as-is: 0 gives ln "
                    "2). "
                    "Broadcasts only if the result keeps the input's shape.",
                ),
                "(*), broadcastable to input",
            ),
        ),
        params=(),
        function=soft_margin,
        reference="torch.nn.SoftMarginLoss",
    )
)

register(
    LossSpec(
        name="HingeEmbeddingLoss",
        family="margin",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "x for similar pairs (y=1), max(0, margin - x) for dissimilar (y=-1).",
        ),
        formula=(
            "l = x if y = 1;  max(0, margin - x) if y = -1\n"
            "(other y: both terms)\nmean = Σ l / numel"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Usually a distance between two embeddings (e.g. L1 pairwise "
                    "distance), one per pair.",
                ),
                "(*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "1 (similar pair) or -1 (dissimilar pair); broadcasts against the "
                    "input.",
                ),
                "(*), broadcastable to input",
            ),
        ),
        params=(
            ParamSpec(
                "margin",
                "float",
                1.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Dissimilar pairs (y=-1) are penalised while the input is below "
                    "this margin. Default: 1.0.",
                ),
            ),
        ),
        function=hinge_embedding,
        reference="torch.nn.HingeEmbeddingLoss",
    )
)
