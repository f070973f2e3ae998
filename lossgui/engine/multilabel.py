"""``MultiLabelSoftMarginLoss``: one sigmoid cross-entropy per label, averaged.

Each sample has ``C`` independent yes/no labels in the **last** dimension. The
loss is the binary cross-entropy of each logit, averaged over the labels of a
sample; ``'mean'`` then averages over samples. Torch computes it in Python
(``F.multilabel_soft_margin_loss``), so the target and ``weight`` broadcast
silently and a bad reduction is reported as ``foo is not valid``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import logsigmoid
from lossgui.engine.errors import LossInputError
from lossgui.engine.fast_math import exp_neg_abs, is_plain_float32, log1p_unit
from lossgui.engine.promotion import compute_dtype, result_type, sum_to_shape
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensors import broadcast_shape, dtype_name
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["multilabel_soft_margin"]

Array = npt.NDArray[Any]


def _check_reduction(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Torch's ``reduction + " is not valid"``: a ``TypeError`` for non-strings."""
    if not isinstance(reduction, str):
        raise LossInputError(
            "unsupported operand type(s) for +: "
            f"'{type(reduction).__name__}' and 'str'",
            "TypeError",
        )
    return check_reduction(
        reduction, message="{0} is not valid", accepts_elementwise_mean=False
    )


def _logsigmoid_backward(grad: Array, x: Array, dtype: np.dtype[Any]) -> Array:
    """Torch's CPU kernel: ``g (max_deriv - sign z / (1 + z))``, ``z = exp(-|x|)``.

    ``z`` is rounded to ``dtype`` first (what torch's float16 kernel does; a
    no-op for float32/float64), the rest is computed in ``x``'s precision.
    """
    z = np.exp(-np.abs(x)).astype(dtype).astype(x.dtype)
    ratio = z / (1 + z)
    return (grad * np.where(x < 0, 1 - ratio, ratio)).astype(dtype)  # type: ignore[no-any-return]


def multilabel_soft_margin(
    tensors: tuple[Array, ...], params: Mapping[str, Any]
) -> Terms:
    r"""``MultiLabelSoftMarginLoss``: mean over labels of a stable sigmoid BCE.

    Formula
    -------
    ``l_n = -(1/C) Σ_c w_c [ y_c logσ(x_c) + (1 - y_c) logσ(-x_c) ]`` with
    ``logσ(x) = min(x, 0) - log1p(exp(-|x|))``, ``C = input.shape[-1]``.
    ``'none'`` has the shape without the class dimension; ``'mean'`` divides
    ``Σ_n l_n`` by the number of samples.

    Gradient
    ``dl_n/dx_c = w_c (σ(x_c) - y_c) / C``, formed as torch's autograd does,
    ``w_c [(1 - y_c) σ(x_c) - y_c σ(-x_c)] / C`` (so it stays exact for
    saturated float32 logits). Target and weight broadcast silently; the
    gradient is summed back to the input's shape.
    """
    x, y = tensors
    weight = params["weight"]
    if x.dtype.kind != "f":
        raise LossInputError(
            f"\"log_sigmoid_cpu\" not implemented for '{dtype_name(x.dtype)}'",
            "NotImplementedError",
        )
    shape = broadcast_shape(y.shape, x.shape)
    if y.dtype == np.bool_:
        raise LossInputError(
            "Subtraction, the `-` operator, with a bool tensor is not supported. If "
            "you are trying to invert a mask, use the `~` or `logical_not()` "
            "operator instead."
        )
    if weight is None and is_plain_float32(x, y):
        return _multilabel_soft_margin_f32(x, y)
    x_work = x.astype(compute_dtype(x.dtype), copy=False)
    log_p = logsigmoid(x_work).astype(x.dtype)
    log_q = logsigmoid(-x_work).astype(x.dtype)
    dtype = work = result_type(y, log_p)  # elementwise ops round per op, as torch
    yw = y.astype(work, copy=False)
    one_minus_y = (1 - y).astype(work, copy=False)  # in y's dtype, as torch
    loss = -(yw * log_p.astype(work) + one_minus_y * log_q.astype(work))
    loss = np.broadcast_to(loss.astype(dtype, copy=False), shape)
    scale: Array = np.ones((), dtype=work)
    if weight is not None:
        full = broadcast_shape(loss.shape, weight.shape)
        dtype = work = result_type(loss, weight)
        w = weight.astype(work, copy=False)
        loss = np.broadcast_to((loss.astype(work) * w).astype(dtype), full)
        scale = w
    if x.ndim == 0:
        raise LossInputError(
            "Dimension specified as -1 but tensor has no dimensions", "IndexError"
        )
    classes = x.shape[-1]
    total = np.sum(loss, axis=x.ndim - 1, dtype=compute_dtype(dtype)).astype(dtype)
    per_sample = np.asarray(total / work.type(classes))
    # Autograd: d(Σ_c / C) -> 1/C, times w, then through both logsigmoids.
    upstream = np.asarray(np.ones((), dtype=work) / work.type(classes)) * scale
    upstream = np.broadcast_to(upstream, loss.shape)
    grad_work = compute_dtype(x.dtype)  # autograd keeps the real input's grad real
    up_p = np.real(-(upstream * yw)).astype(x.dtype).astype(grad_work)
    up_q = np.real(-(upstream * one_minus_y)).astype(x.dtype).astype(grad_work)
    grad_p = _logsigmoid_backward(up_p, x_work, x.dtype)
    grad_q = _logsigmoid_backward(up_q, -x_work, x.dtype)
    grad = sum_to_shape(np.asarray(grad_p - grad_q), x.shape)
    return Terms(per_sample, grad, float(per_sample.size))


def _multilabel_soft_margin_f32(x: Array, y: Array) -> Terms:
    """:func:`multilabel_soft_margin` for float32 ``x``, ``y`` of one shape, no weight.

    Formula
    -------
    One ``s = log1p(exp(-|x|))`` serves both log-sigmoids:
    ``-logσ(x) = s - min(x, 0)`` and ``-logσ(-x) = max(x, 0) + s`` (exactly
    the negated torch values), ``l = y (-logσ(x)) + (1 - y)(-logσ(-x))``.
    The gradient is torch's ``c (1 - y) k(-x) - c y k(x)``, ``c = 1/C``, with
    the kernel's ``k(x) = |[x < 0] - r|``, ``r = z / (1 + z)``, ``z = exp(-|x|)``
    (that is ``1 - r`` or ``r`` exactly).
    """
    z = exp_neg_abs(x)
    softplus, one_plus_z = log1p_unit(z)
    one_minus_y = np.subtract(1, y)
    neg_log_p = np.subtract(softplus, np.minimum(x, 0))
    neg_log_q = np.add(np.maximum(x, 0), softplus, out=softplus)
    np.multiply(neg_log_p, y, out=neg_log_p)
    np.multiply(neg_log_q, one_minus_y, out=neg_log_q)
    loss = np.add(neg_log_p, neg_log_q, out=neg_log_p)
    classes = np.float32(x.shape[-1])
    # Row sums of non-negative terms as a matrix-vector product (BLAS).
    row_sum = np.matmul(loss, np.ones(x.shape[-1], dtype=np.float32))
    per_sample = np.asarray(np.asarray(row_sum) / classes)
    ratio = np.divide(z, one_plus_z, out=z)
    scale = np.float32(1) / classes
    k_pos = np.abs(np.subtract(np.less(x, 0), ratio, out=one_plus_z), out=one_plus_z)
    k_neg = np.abs(np.subtract(np.greater(x, 0), ratio, out=ratio), out=ratio)
    np.multiply(k_neg, np.multiply(one_minus_y, scale, out=one_minus_y), out=k_neg)
    np.multiply(k_pos, np.multiply(y, scale, out=neg_log_q), out=k_pos)
    grad = np.subtract(k_neg, k_pos, out=k_neg)
    return Terms(per_sample, grad, float(per_sample.size))


register(
    LossSpec(
        name="MultiLabelSoftMarginLoss",
        family="binary",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Multi-label one-vs-all loss: sigmoid BCE per label, mean over labels.",
        ),
        formula=(
            "l_n = -(1/C)·Σ_c w_c·[y_c·logσ(x_c) + (1-y_c)·logσ(-x_c)]\n"
            "mean = Σ_n l_n / N   (N = number of samples = numel / C)"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Logits, one per label; the labels are the last dimension.",
                ),
                "(C) or (N, C) or (N, *, C)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Label targets in {0, 1} (soft values work too), same shape as "
                    "the input (broadcast silently).",
                ),
                "same as input",
            ),
        ),
        params=(
            ParamSpec(
                "weight",
                "tensor",
                None,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "A manual rescaling weight given to each class, broadcast against "
                    "(..., C): shape (C,) weights labels, (N, 1) weights samples. "
                    "Default: None (all ones).",
                ),
                shape="(C,)",
            ),
        ),
        function=multilabel_soft_margin,
        input_check=multilabel_soft_margin,  # torch reduces last, in Python
        reduction_error="{0} is not valid",
        accepts_elementwise_mean=False,
        reference="torch.nn.MultiLabelSoftMarginLoss",
        reduction_check=_check_reduction,
    )
)
