"""Ranking losses on pairs: ``MarginRankingLoss`` and ``CosineEmbeddingLoss``.

Both take two inputs and a ±1 target (``forward(input1, input2, target)``) and
follow torch 2.13's composite implementations: their hinges use
``clamp_min(·, 0)``, so the gradient flows at the kink itself (``z == 0`` is
active). The gradient returned is the one with respect to ``input1``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.errors import LossInputError
from lossgui.engine.margin import CLAMP_COMPLEX, NEGATE_BOOL, check_margin
from lossgui.engine.promotion import result_type
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import check_subtraction, float_dtype, sum_to_shape
from lossgui.engine.tensors import broadcast_shape, shape_list, torch_size
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["EPSILON_F", "cosine_embedding", "margin_ranking"]

Array = npt.NDArray[Any]

#: ``float32(1e-12)``: torch adds it to both squared norms, in every dtype.
EPSILON_F = float(np.float32(1e-12))


def margin_ranking(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``MarginRankingLoss``: ``input1`` should rank above ``input2`` when ``y = 1``.

    Formula
    -------
    ``l = max(0, -y (x1 - x2) + margin)``. The three tensors must have the same
    number of dimensions and then broadcast; ``'mean'`` divides by the
    broadcast numel. Integer inputs compute in float32 (``margin`` is a float).

    Gradient
    ``dl/dx1 = -y [z >= 0]`` with ``z = -y (x1 - x2) + margin``: active at the
    kink, 0 (not NaN) for a NaN input, ``-0.0`` for ``y = 0``.
    """
    x1, x2, y = tensors
    if not x1.ndim == x2.ndim == y.ndim:
        raise LossInputError(
            "margin_ranking_loss : All input tensors should have same dimension "
            f"but got sizes: input1: {torch_size(x1.shape)}, input2: "
            f"{torch_size(x2.shape)}, target: {torch_size(y.shape)} "
        )
    margin = check_margin(params["margin"], "margin_ranking_loss", 4)
    check_subtraction(x1, x2)
    diff_shape = broadcast_shape(x1.shape, x2.shape)
    if y.dtype == np.bool_:
        raise LossInputError(NEGATE_BOOL)
    broadcast_shape(y.shape, diff_shape)
    if any(a.dtype.kind == "c" for a in tensors):
        raise LossInputError(CLAMP_COMPLEX, "NotImplementedError")
    # Torch's order: d = x1 - x2; p = -y * d; z = p + margin (ints -> float32).
    ddt = result_type(x1, x2)
    diff = x1.astype(ddt) - x2.astype(ddt)
    pdt = result_type(y, diff)
    prod = (-y).astype(pdt) * diff.astype(pdt)
    dtype = float_dtype(prod)
    z = prod.astype(dtype) + dtype.type(margin)
    loss = np.maximum(z, np.zeros((), dtype))
    local = (z >= 0).astype(dtype) * (-y).astype(dtype)
    grad = sum_to_shape(np.broadcast_to(local, loss.shape), x1.shape)
    return Terms(loss, grad.astype(float_dtype(x1)), loss.size)


def _row_dot(a: Array, b: Array, axis: int) -> Array:
    """``Σ a b`` over the last axis (``axis`` is 0 or 1), without a temporary.

    ``np.einsum`` when both are ``(N, D)`` of one float dtype (about twice as
    fast as ``np.sum(a * b, axis=1)``), else the plain product and sum. With
    an integer operand the product is in torch's promoted dtype (an integer
    product wraps, ``int64 * float32`` is float32) and an integer product sums
    into int64, as ``torch.sum`` does.
    """
    if a.dtype.kind != "f" or b.dtype.kind != "f":
        common = result_type(a, b)
        prod = a.astype(common, copy=False) * b.astype(common, copy=False)
        wide = np.dtype(np.int64) if common.kind != "f" else None
        return np.asarray(np.sum(prod, axis=axis, dtype=wide))
    if axis == 1 and a.shape == b.shape and a.dtype == b.dtype:
        return np.asarray(np.einsum("ij,ij->i", a, b))
    return np.asarray(np.sum(a * b, axis=axis))


def _square_norm(x: Array, axis: int) -> Array:
    """``(x * x).sum(axis) + ε_f``: in float ``x``'s own dtype, else float32.

    An integer ``x`` squares (wrapping) and sums as :func:`_row_dot` does, and
    the int64 sum becomes float32 before ``ε_f`` is added.
    """
    dtype = float_dtype(x)
    total: Array = np.asarray(_row_dot(x, x, axis)).astype(dtype)
    out: Array = total + dtype.type(EPSILON_F)
    return out


def cosine_embedding(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``CosineEmbeddingLoss``: pull pairs together (``y = 1``) or apart (``y = -1``).

    Formula
    -------
    ``cos = Σ x1 x2 / sqrt((Σ x1² + ε)(Σ x2² + ε))`` over the last dimension,
    ``ε = float32(1e-12)`` even for float64 (so a zero vector gives ``cos = 0``,
    not NaN). ``l = 1 - cos`` if ``y = 1``, ``max(0, cos - margin)`` if
    ``y = -1`` and 0 for any other label. Inputs ``(N, D)`` with target
    ``(N,)``, or ``(D,)`` with ``()``; ``'mean'`` divides by N.

    Gradient
    ``dcos/dx1 = x2 / den - cos x1 / (Σ x1² + ε)``, times -1 for ``y = 1`` and
    ``[cos - margin >= 0]`` for ``y = -1`` (active at the kink). Computed in
    autograd's order, so a NaN anywhere in a row makes that row's gradient NaN,
    with the upstream gradient ``1 / N`` of ``'mean'`` applied first (it
    matters in float32 when the terms of a row cancel).
    """
    x1, x2, y = tensors
    margin = check_margin(params["margin"], "cosine_embedding_loss", 4)
    if y.ndim > 1:
        raise LossInputError(
            "0D or 1D target tensor expected, multi-target not supported"
        )
    want = 2 if y.ndim == 1 else 1
    if x1.ndim != want or x2.ndim != want:
        raise LossInputError(
            f"{y.ndim}D target tensor expects {want}D input tensors, but found "
            f"inputs with sizes {shape_list(x1.shape)} and {shape_list(x2.shape)}."
        )
    broadcast_shape(x1.shape, x2.shape)
    if x1.dtype.kind == "c" or x2.dtype.kind == "c":
        raise LossInputError(CLAMP_COMPLEX, "NotImplementedError")
    a = x1.astype(np.int64) if x1.dtype == np.bool_ else x1
    b = x2.astype(np.int64) if x2.dtype == np.bool_ else x2
    axis = y.ndim
    common = result_type(a, b)
    dtype = common if common.kind == "f" else np.dtype(np.float32)
    prod_sum = _row_dot(a, b, axis)
    m1 = _square_norm(a, axis)
    m2 = _square_norm(b, axis)
    den = np.sqrt((m1 * m2).astype(dtype))
    if prod_sum.dtype.kind != "f":  # torch divides an int64 sum in float32
        prod_sum = prod_sum.astype(dtype)
    cos = (prod_sum / den).astype(dtype)
    full = broadcast_shape(y.shape, cos.shape)
    unclamped = cos - dtype.type(margin)
    zero = np.zeros((), dtype)
    is_pos, is_neg = y == 1, y == -1
    loss = np.where(is_pos, 1 - cos, zero) + np.where(
        is_neg, np.maximum(unclamped, zero), zero
    )
    # Backward in autograd's order: the upstream gradient first (``1 / N`` for
    # 'mean'), then where -> clamp -> div -> sqrt -> mul -> sum.
    g = np.ones((), dtype)
    if params["reduction"] == "mean":
        with np.errstate(divide="ignore"):
            g = g / dtype.type(divisor_or(loss.size))
    g_cos = np.where(is_neg & (unclamped >= 0), g, zero) - np.where(is_pos, g, zero)
    g_cos = sum_to_shape(np.broadcast_to(g_cos, full), cos.shape)
    g_prod = g_cos / den
    g_den = -g_cos * (cos / den)
    g_m1 = (g_den / (2 * den)) * m2.astype(dtype)
    xa, xb = a.astype(dtype, copy=False), b.astype(dtype, copy=False)
    # g_prod xb + 2 (g_m1 xa), each product rounded, in two (N, D) buffers
    grad = np.multiply(np.expand_dims(g_prod, axis), xb)
    through_m1 = np.multiply(np.expand_dims(g_m1, axis), xa)
    np.add(through_m1, through_m1, out=through_m1)  # 2 t, exactly
    grad = np.add(
        grad, through_m1, out=grad if grad.shape == through_m1.shape else None
    )
    if grad.shape != x1.shape:
        grad = sum_to_shape(grad, x1.shape)
    grad = grad.astype(float_dtype(x1), copy=False)
    loss = np.asarray(loss, dtype)
    return Terms(loss, grad, loss.size, grad_is_mean=params["reduction"] == "mean")


register(
    LossSpec(
        name="MarginRankingLoss",
        family="ranking",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Hinge on score differences: input1 should beat input2 when y = 1.",
        ),
        formula="l = max(0, -y·(x1 - x2) + margin)\nmean = Σ l / numel",
        forward=(
            TensorArg(
                "input1",
                "float",
                QT_TRANSLATE_NOOP("engine", "Scores of the first item of each pair."),
                "(*)",
            ),
            TensorArg(
                "input2",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Scores of the second item; same number of dimensions as input1, "
                    "broadcastable.",
                ),
                "(*), same ndim as input1",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "1 if input1 should be ranked higher than input2, -1 if lower; "
                    "same number of dimensions, broadcastable.",
                ),
                "(*), same ndim as input1",
            ),
        ),
        params=(
            ParamSpec(
                "margin",
                "float",
                0.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "How far the preferred score must exceed the other before the loss "
                    "is 0. Default: 0.",
                ),
            ),
        ),
        function=margin_ranking,
        reference="torch.nn.MarginRankingLoss",
    )
)

register(
    LossSpec(
        name="CosineEmbeddingLoss",
        family="ranking",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Cosine loss: similar pairs (y=1) should align, dissimilar ones not.",
        ),
        formula=(
            "cos = x1·x2 / sqrt((|x1|² + ε)(|x2|² + ε)),  ε = float32(1e-12)\n"
            "l = 1 - cos if y = 1;  max(0, cos - margin) if y = -1\n"
            "mean = Σ l / N"
        ),
        forward=(
            TensorArg(
                "input1",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine", "First embedding of each pair (one row each)."
                ),
                "(N, D) or (D,)",
            ),
            TensorArg(
                "input2",
                "float",
                QT_TRANSLATE_NOOP("engine", "Second embedding of each pair."),
                "(N, D) or (D,)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "1 for a similar pair, -1 for a dissimilar one (other values give "
                    "loss 0).",
                ),
                "(N,) or ()",
            ),
        ),
        params=(
            ParamSpec(
                "margin",
                "float",
                0.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Dissimilar pairs (y=-1) are penalised while their cosine exceeds "
                    "this; values from -1 to 1 make sense, 0 to 0.5 is suggested. "
                    "Default: 0.",
                ),
            ),
        ),
        function=cosine_embedding,
        reference="torch.nn.CosineEmbeddingLoss",
    )
)
