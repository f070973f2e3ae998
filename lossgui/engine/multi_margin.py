"""Multi-class margin losses: ``MultiMarginLoss`` and ``MultiLabelMarginLoss``.

Both compare target-class scores with every other class's score through a
hinge, exactly as torch 2.13's CPU kernels do: the hinge is tested strictly
(``z > 0``), so a pair exactly at the margin, and any pair involving a NaN
score, contributes neither loss nor gradient. Inputs are ``()``, ``(C,)`` or
``(N, C)``; each per-sample loss is already divided by ``C`` and ``'mean'``
divides by ``N``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.class_targets import classes_first
from lossgui.engine.errors import LossInputError
from lossgui.engine.margin import check_margin
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import float_dtype
from lossgui.engine.tensors import dtype_name, shape_list
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["multi_margin", "multilabel_margin"]

Array = npt.NDArray[Any]


def _frames(x: Array) -> tuple[int, int]:
    """``(N, C)`` of a ``()``, ``(C,)`` or ``(N, C)`` input, checked as torch does."""
    if not (
        (x.ndim == 2 and x.shape[1] != 0)
        or (x.ndim == 1 and x.size != 0)
        or x.ndim == 0
    ):
        raise LossInputError(
            "Expected non-empty vector or matrix with optional 0-dim batch size, "
            f"but got: {shape_list(x.shape)}"
        )
    return (1 if x.ndim <= 1 else x.shape[0]), (1 if x.ndim == 0 else x.shape[-1])


def _kernel_dtypes(x: Array, target: Array, kernel: str) -> None:
    if x.dtype not in (np.float32, np.float64):
        raise LossInputError(
            f"\"{kernel}\" not implemented for '{dtype_name(x.dtype)}'",
            "NotImplementedError",
        )
    if target.dtype != np.int64:
        raise LossInputError(
            f"expected scalar type Long but found {dtype_name(target.dtype)}"
        )


def _empty(x: Array, shape: tuple[int, ...]) -> Terms:
    dtype = float_dtype(x)
    return Terms(np.zeros(shape, dtype), np.zeros(x.shape, dtype), 0)


def _constructor_checks(params: Mapping[str, Any]) -> None:
    """What ``nn.MultiMarginLoss.__init__`` rejects: ``p`` and ``weight``'s ndim."""
    p, weight = params["p"], params["weight"]
    if p != 1 and p != 2:
        raise LossInputError("only p == 1 and p == 2 supported", "ValueError")
    if weight is not None and np.ndim(weight) != 1:
        raise LossInputError(
            "MultiMarginLoss: expected weight to be None or 1D tensor, got "
            f"{np.ndim(weight)}D instead",
            "ValueError",
        )


def _check_after_constructor(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Torch's order: the constructor's checks, then forward's reduction check."""
    _constructor_checks(params)
    return check_reduction(reduction)


def multi_margin(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``MultiMarginLoss``: a multi-class hinge on the target class's score.

    Formula
    -------
    With ``z_i = margin - x[y] + x[i]``,
    ``l_n = (1/C) Σ_{i≠y, z_i>0} w[y] z_i^p`` (``p`` 1 or 2; the weight is the
    *target* class's). ``'none'`` has the target's shape, ``'mean'`` divides by
    N. ``z > 0`` is strict and a NaN ``z`` is skipped (NaN scores give 0).
    An empty batch's ``'mean'`` is NaN and ``'sum'`` is 0 here; torch returns
    whatever its uninitialised output holds.

    Gradient
    For every ``i≠y`` with ``z_i > 0``, ``c = w[y] (1 if p == 1 else 2 z_i)/C``
    is added to ``x[i]`` and subtracted from ``x[y]``; 0 at ``z_i == 0``.
    """
    x, target = tensors
    p, weight = params["p"], params["weight"]
    _constructor_checks(params)
    margin = check_margin(params["margin"], "multi_margin_loss", 4, "Number")
    nframe, dim = _frames(x)
    if target.ndim > 1 or target.size != nframe:
        raise LossInputError(
            "multi_margin_loss: target tensor should be 1-D with size equal to the "
            "number of input samples (batch size). Expected target size "
            f"[{nframe}], but got {shape_list(target.shape)}. Input has shape "
            f"{shape_list(x.shape)}."
        )
    if weight is not None and weight.size != dim:
        raise LossInputError(
            f"inconsistent weight size, expected {dim} but got "
            f"{shape_list(weight.shape)}"
        )
    shape = (nframe,) if target.ndim > 0 else ()
    if x.size == 0:
        return _empty(x, shape)
    _kernel_dtypes(x, target, "multi_margin_loss_cpu_kernel")
    dtype = x.dtype
    if weight is not None and weight.dtype != dtype:
        raise LossInputError(
            f"expected scalar type {dtype_name(dtype)} but found "
            f"{dtype_name(weight.dtype)}"
        )
    raw = params["margin"]
    if isinstance(raw, complex) and raw.imag != 0:  # Scalar.to<scalar_t>() fails
        kind = "float" if dtype == np.float32 else "double"
        raise LossInputError(
            f"value cannot be converted to type {kind} without overflow"
        )
    x2, t = x.reshape(nframe, dim), target.reshape(nframe)
    if np.any((t < 0) | (t >= dim)):
        raise LossInputError("target out of range")
    if weight is None or bool(np.all(np.isfinite(weight))):
        loss, grad = _multi_margin_first(x2, t, dtype.type(margin), int(p), weight)
        return Terms(loss.reshape(shape), grad.reshape(x.shape), nframe)
    rows = np.arange(nframe)
    z = (dtype.type(margin) - x2[rows, t])[:, None] + x2
    active = z > 0
    active[rows, t] = False
    h = z if int(p) == 1 else z * z
    g = np.asarray(1.0 / dim, dtype)
    hg = g if int(p) == 1 else 2 * g * z
    if weight is not None:
        h = h * weight[t][:, None]
        hg = hg * weight[t][:, None]
    zero = np.zeros((), dtype)
    h = np.where(active, h, zero)
    grad = np.where(active, hg, zero)
    # torch sums sequentially in the input's dtype: cumsum keeps that order.
    loss = np.cumsum(h, axis=1, dtype=dtype)[:, -1] / dtype.type(dim)
    grad[rows, t] = -np.cumsum(grad, axis=1, dtype=dtype)[:, -1]
    return Terms(loss.reshape(shape), grad.reshape(x.shape), nframe)


def _multi_margin_first(
    x2: Array, t: Array, margin: np.floating[Any], p: int, weight: Array | None
) -> tuple[Array, Array]:
    """``MultiMarginLoss``'s kernel on a class-first copy (finite weights only).

    ``h_i = max(z_i, 0)`` with ``fmax`` (a NaN ``z`` gives 0, as the strict
    ``z > 0`` test does; the target class is set to 0 first), summed over
    classes in order from ``+0`` like torch's loop; a zero term adds nothing.
    """
    dtype = x2.dtype
    nframe, dim = x2.shape
    first = t * nframe + np.arange(nframe)
    z = classes_first(x2, 1)
    z += margin - z.reshape(-1)[first]
    z.reshape(-1)[first] = 0
    h1 = np.fmax(z, np.zeros((), dtype), out=z)
    g = np.asarray(1.0 / dim, dtype)
    if p == 1:
        h, hg = h1, (h1 > 0) * g
    else:
        h, hg = h1 * h1, 2 * g * h1
    if weight is not None:
        w = weight.reshape(-1)[t]
        h *= w
        hg *= w
        hg += 0  # torch writes +0 for an inactive pair, not 0 · (-w) = -0
    loss = np.zeros(nframe, dtype)
    target_grad = np.zeros(nframe, dtype)
    for c in range(dim):
        loss += h[c]
        target_grad -= hg[c]
    hg.reshape(-1)[first] = target_grad
    grad = np.empty((nframe, dim), dtype)
    np.copyto(grad, hg.T)
    return loss / dtype.type(dim), grad


def _check_labels(target: Array, dim: int) -> None:
    """Torch's range check on every entry of a label list (``-1 <= t < C``)."""
    if target.size == 0 or target.dtype.kind == "c":
        return
    low, high = np.min(target), np.max(target)
    if target.dtype.kind == "f":
        if not (np.isfinite(low) and np.isfinite(high)):
            raise LossInputError(
                "value cannot be converted to type int64_t without overflow"
            )
        low, high = np.trunc(low), np.trunc(high)
    if low < -1 or high >= dim:
        raise LossInputError("argument #2 'target' is out of range")


def multilabel_margin(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``MultiLabelMarginLoss``: every listed class must beat every unlisted one.

    Formula
    -------
    Each target row lists class indices up to its first ``-1`` (later entries
    are ignored, duplicates count again); ``J`` is that list, ``T`` its set.
    ``l_n = (1/C) Σ_{j∈J} Σ_{i∉T} max(0, 1 - (x[j] - x[i]))`` with the hinge
    tested strictly (``z > 0``; NaN scores are skipped). ``'none'`` is ``(N,)``
    for ``(N, C)`` input and ``()`` for ``(C,)``; ``'mean'`` divides by N. An
    empty batch's ``'mean'`` is NaN and ``'sum'`` 0 (torch: uninitialised).

    Gradient
    Each pair with ``z = 1 - x[j] + x[i] > 0`` adds ``-1/C`` to ``x[j]`` and
    ``+1/C`` to ``x[i]``; pairs at ``z == 0`` add nothing.
    """
    x, target = tensors
    nframe, dim = _frames(x)
    if x.ndim <= 1:
        ok = target.ndim <= 1 and target.size == dim
    else:
        ok = target.shape == (nframe, dim)
    if not ok:
        raise LossInputError(
            f"inconsistent target size: {shape_list(target.shape)} for input of "
            f"size: {shape_list(x.shape)}"
        )
    shape = () if target.ndim <= 1 else (nframe,)
    if x.size == 0:
        return _empty(x, shape)
    _check_labels(target, dim)
    _kernel_dtypes(x, target, "multilabel_margin_loss_forward_out_frame")
    dtype = x.dtype
    x2, t2 = x.reshape(nframe, dim), target.reshape(nframe, dim)
    if dtype in (np.float32, np.float64):
        loss, grad = _multilabel_first(x2, t2)
        return Terms(loss.reshape(shape), grad.reshape(x.shape), nframe)
    listed = np.cumprod(t2 >= 0, axis=1).astype(bool)  # entries before the -1
    rows = np.arange(nframe)
    is_target = np.zeros((nframe, dim), bool)
    n_idx, k_idx = np.nonzero(listed)
    is_target[n_idx, t2[n_idx, k_idx]] = True
    total = np.zeros(nframe)  # torch accumulates in double
    net = np.zeros((nframe, dim), np.int64)  # +1 / -1 per active pair
    one = np.ones((), dtype)
    for k in range(dim):
        live = listed[:, k]
        if not live.any():
            break
        j = np.where(live, t2[:, k], 0)
        z = (one - x2[rows, j])[:, None] + x2
        pair = (z > 0) & ~is_target & live[:, None]
        total += np.sum(np.where(pair, z, 0), axis=1, dtype=np.float64)
        net += pair
        net[rows, j] -= pair.sum(axis=1)
    loss = total.astype(dtype) / dtype.type(dim)
    grad = net.astype(dtype) * np.asarray(1.0 / dim, dtype)
    return Terms(loss.reshape(shape), grad.reshape(x.shape), nframe)


def _multilabel_first(x2: Array, t2: Array) -> tuple[Array, Array]:
    """``MultiLabelMarginLoss``'s kernel on a class-first copy of ``(N, C)`` scores.

    Scores of listed classes are replaced by ``-inf`` so ``z = 1 - x[j] + x[i]``
    never counts them; ``fmax(z, 0)`` drops NaN and non-positive ``z``. The
    hinge terms are added in float64 in torch's order (target entry, then
    class), and each pair's ``±1`` is counted exactly in float64.
    """
    dtype = x2.dtype
    nframe, dim = x2.shape
    cols = np.arange(nframe)
    lists = []  # (class, live rows) per listed entry k, up to every row's -1
    live = np.ones(nframe, bool)
    for k in range(dim):
        live &= t2[:, k] >= 0
        if not live.any():
            break
        lists.append((np.where(live, t2[:, k], 0), live.copy()))
    scores = classes_first(x2, 1)
    masked = scores.copy()
    for j, alive in lists:
        masked.reshape(-1)[(j * nframe + cols)[alive]] = -np.inf
    total = np.zeros(nframe)  # torch accumulates in double
    net = np.zeros((dim, nframe))  # +1 / -1 per active pair
    zero, one = np.zeros((), dtype), np.ones((), dtype)
    z = np.empty_like(scores)
    for j, alive in lists:
        base = one - scores.reshape(-1)[j * nframe + cols]
        base[~alive] = -np.inf
        np.add(base, masked, out=z)
        np.fmax(z, zero, out=z)
        pair = z > 0
        for c in range(dim):
            total += z[c]
        net += pair
        net.reshape(-1)[(j * nframe + cols)[alive]] -= pair.sum(axis=0)[alive]
    grad = np.empty((nframe, dim), dtype)
    np.multiply(net.T, np.asarray(1.0 / dim, dtype), out=grad, casting="unsafe")
    return total.astype(dtype) / dtype.type(dim), grad


_CLASS_SCORES = TensorArg(
    "input",
    "float",
    QT_TRANSLATE_NOOP(
        "engine", "Raw class scores: a row of C scores per sample (no softmax)."
    ),
    "(C,) or (N, C)",
)

register(
    LossSpec(
        name="MultiMarginLoss",
        family="margin",
        summary=(
            QT_TRANSLATE_NOOP(
                "engine",
                "Multi-class hinge: the target score must beat every other score by "
                "a margin.",
            )
        ),
        formula=(
            "l_n = (1/C)·Σ_{i≠y} w[y]·max(0, margin - x[y] + x[i])^p\n"
            "mean = Σ_n l_n / N"
        ),
        forward=(
            _CLASS_SCORES,
            TensorArg(
                "target",
                "index",
                QT_TRANSLATE_NOOP(
                    "engine", "The class index of each sample, in [0, C) (int64)."
                ),
                "() or (N,)",
            ),
        ),
        params=(
            ParamSpec(
                "p",
                "int",
                1,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The hinge's exponent: 1 (linear) or 2 (squared); torch supports "
                    "only these. Default: 1.",
                ),
                minimum=1,
                maximum=2,
            ),
            ParamSpec(
                "margin",
                "float",
                1.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "How far the target score must exceed each other score. Default: "
                    "1.0.",
                ),
            ),
            ParamSpec(
                "weight",
                "tensor",
                None,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "A manual rescaling weight per class, applied by the sample's "
                    "target class; 1-D with C entries, the input's dtype. Default: "
                    "None (all ones).",
                ),
                shape="(C,)",
            ),
        ),
        function=multi_margin,
        reduction_check=_check_after_constructor,
        reference="torch.nn.MultiMarginLoss",
    )
)

register(
    LossSpec(
        name="MultiLabelMarginLoss",
        family="margin",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Multi-label hinge: each listed class must beat each unlisted one.",
        ),
        formula=(
            "l_n = (1/C)·Σ_{j∈J} Σ_{i∉J} max(0, 1 - (x[j] - x[i]))\n"
            "J = target row up to its first -1;  mean = Σ_n l_n / N"
        ),
        forward=(
            _CLASS_SCORES,
            TensorArg(
                "target",
                "label_list",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The target classes of each sample as indices, read up to the "
                    "first -1 (entries after it are ignored; all must lie in [-1, C)); "
                    "int64.",
                ),
                "(C,) or (N, C), same as input",
            ),
        ),
        params=(),
        function=multilabel_margin,
        reference="torch.nn.MultiLabelMarginLoss",
    )
)
