"""Multi-class losses over a class dimension: ``CrossEntropyLoss`` and ``NLLLoss``.

The class dimension is 0 for a 1-D input ``(C,)`` and 1 otherwise (``(N, C)``
or ``(N, C, d1, ..., dK)``). ``NLLLoss`` picks ``-weight[y] * x[y]`` from
log-probabilities; ``CrossEntropyLoss`` applies ``log_softmax`` first and also
takes class-probability targets (chosen, as torch does, purely by the target
having the input's shape) and label smoothing (see
:mod:`lossgui.engine.cross_entropy`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.class_targets import (
    IndexTarget,
    check_index_target,
    check_int_arg,
    class_axis,
)
from lossgui.engine.cross_entropy import (
    ce_index,
    ce_probs,
    mean_scale_is_safe,
    smoothing_arg,
)
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["cross_entropy", "nll"]

Array = npt.NDArray[Any]


def nll(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``NLLLoss``: the negative log-likelihood of the target class.

    Formula
    -------
    ``l_n = -keep_n · w[y_n] · x[n, y_n]`` with ``keep_n = [y_n ≠ ignore_index]``;
    ``'mean'`` is ``Σ l_n / Σ_n keep_n · w[y_n]`` (NaN when every target is
    ignored).

    Gradient
    ``dl_n/dx[n, k] = -keep_n · w[y_n] · [k = y_n]``: independent of ``x``;
    positions other than the targets are never written (they stay 0 even
    when the mean divides by 0).
    """
    x, y = tensors
    ignore = check_int_arg(params["ignore_index"], "nll_loss_nd", "ignore_index", 5)
    it = check_index_target(x, y, params["weight"], ignore, params["reduction"])
    if x.ndim >= 2 and x.size > 0:
        return _nll_scatter(x, it, params["reduction"])
    axis = class_axis(x)
    x_last = np.moveaxis(x, axis, -1)
    zero = np.zeros((), x.dtype)
    wy = it.picked_weight(x.dtype)
    loss = np.where(it.keep, -it.pick(x_last) * wy, zero)
    hot = it.onehot(x_last.shape[-1])
    grad = np.where(hot, -wy[..., None], zero)
    return Terms(
        loss,
        np.moveaxis(grad, -1, axis),
        it.total_weight(x.dtype),
        grad_keep=np.moveaxis(hot, -1, axis),
    )


def _nll_scatter(x: Array, it: IndexTarget, reduction: str) -> Terms:
    """``NLLLoss`` for ``(N, C, ...)`` input by flat gather and scatter.

    ``l_n = keep_n · (-x[n, y_n] · w[y_n])``; the gradient is ``+0`` except
    ``-w[y_n]`` at each kept target. The mask of written positions is only
    needed when ``'mean'``'s scale ``1 / W`` could turn ``+0`` into NaN or ``-0``;
    when it cannot, the written values are scaled here, ``(-w[y_n]) · (1 / W)``
    (torch's ``w[y_n] · -(1 / W)``, the product the reduction would form), and
    the untouched zeros skip the reduction's pass over the whole gradient.
    """
    dtype = x.dtype
    keep = it.keep.reshape(-1)
    every = bool(keep.all())  # nothing ignored: no masking, no compaction
    flat = it.flat_positions(x.shape)
    wy = it.picked_weight(dtype)
    loss = np.take(np.ravel(x), flat).reshape(wy.shape)
    np.negative(loss, out=loss)
    np.multiply(loss, wy, out=loss)
    if not every:
        loss = np.where(it.keep, loss, np.zeros((), dtype))
    grad = np.zeros(x.shape, dtype)
    written = flat if every else flat[keep]
    values = np.negative(wy.reshape(-1) if every else wy.reshape(-1)[keep])
    total = divisor_or(it.total_weight(dtype))
    if reduction == "mean" and mean_scale_is_safe(total, dtype):
        scale = np.asarray(1, dtype) / np.asarray(total, dtype)
        grad.reshape(-1)[written] = np.multiply(values, scale, out=values)
        return Terms(loss, grad, total, grad_is_mean=True)
    grad.reshape(-1)[written] = values
    hot = None
    if reduction == "mean":
        hot = np.zeros(x.shape, bool)
        hot.reshape(-1)[written] = True
    return Terms(loss, grad, total, grad_keep=hot)


def cross_entropy(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``CrossEntropyLoss``: ``log_softmax`` over the class dim, then NLL.

    Formula
    -------
    With ``lp = log_softmax(x, class_dim)``, ``ε = label_smoothing`` and
    ``keep_n = [y_n ≠ ignore_index]`` (class-index target):
    ``l_n = keep_n [ (1-ε) w[y_n] (-lp[n, y_n]) + (ε/C) Σ_c w_c (-lp[n, c]) ]``,
    ``'mean'`` = ``Σ l_n / Σ_n keep_n w[y_n]``. With class probabilities ``t``
    (target shaped like the input), ``t' = (1-ε) t + ε/C`` and
    ``l_n = -Σ_c w_c t'_{n,c} lp[n, c]``; ``'mean'`` divides by ``numel / C``.

    Gradient
    Index target: ``keep_n [ (1-ε) w[y_n] (p - onehot(y_n)) + (ε/C)(p Σ_c w_c - w) ]``
    with ``p = softmax(x)``. Probabilities: ``p Σ_c w_c t'_c - w t'``.
    """
    x, y = tensors
    ignore = check_int_arg(
        params["ignore_index"], "cross_entropy_loss", "ignore_index", 5
    )
    eps = smoothing_arg(params["label_smoothing"])
    if y.shape == x.shape:
        return ce_probs(x, y, params, ignore, eps)
    return ce_index(x, y, params, ignore, eps)


_WEIGHT = ParamSpec(
    "weight",
    "tensor",
    None,
    QT_TRANSLATE_NOOP(
        "engine",
        "A manual rescaling weight given to each class, shape (C,); it must have the "
        "input's dtype for class-index targets. Default: None (all ones).",
    ),
    shape="(C,)",
)
_IGNORE = ParamSpec(
    "ignore_index",
    "int",
    -100,
    QT_TRANSLATE_NOOP(
        "engine",
        "A target value that is ignored and does not contribute to the input gradient; "
        "'mean' averages over the non-ignored targets only. Default: -100.",
    ),
)
_SHAPES = "(C), (N, C) or (N, C, d1, ..., dK)"

register(
    LossSpec(
        name="CrossEntropyLoss",
        family="multiclass",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Cross-entropy of softmax(logits) with class indices or probabilities.",
        ),
        formula=(
            "lp = log_softmax(x, class dim)\n"
            "l_n = (1-ε)·w[y_n]·(-lp[n,y_n]) + (ε/C)·Σ_c w_c·(-lp[n,c])\n"
            "l_n = 0 where y_n = ignore_index\n"
            "mean = Σ l_n / Σ_n w[y_n] over non-ignored n\n"
            "probabilities t: l_n = -Σ_c w_c·t'_{n,c}·lp[n,c], t' = (1-ε)t + ε/C; "
            "mean = Σ l_n / (numel/C)"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP("engine", "Unnormalised logits for each class."),
                _SHAPES,
            ),
            TensorArg(
                "target",
                "class_target",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Class indices in [0, C) (Long or Byte), or class probabilities "
                    "shaped "
                    "like the input.",
                ),
                "(), (N) or (N, d1, ..., dK); or same as input",
            ),
        ),
        params=(
            _WEIGHT,
            _IGNORE,
            ParamSpec(
                "label_smoothing",
                "float",
                0.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Mixes the target with a uniform distribution: ε/C on every class. "
                    "Values above 1 are an error; negative values act as 0. Default: "
                    "0.0.",
                ),
                minimum=0.0,
                maximum=1.0,
            ),
        ),
        function=cross_entropy,
        reference="torch.nn.CrossEntropyLoss",
    )
)

register(
    LossSpec(
        name="NLLLoss",
        family="multiclass",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Negative log-likelihood of the target class, from log-probabilities.",
        ),
        formula=(
            "l_n = -w[y_n]·x[n, y_n]  (0 if y_n = ignore_index)\n"
            "mean = Σ l_n / Σ_n w[y_n] over non-ignored n"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Log-probabilities for each class (e.g. the output of "
                    "log_softmax).",
                ),
                _SHAPES,
            ),
            TensorArg(
                "target",
                "index",
                QT_TRANSLATE_NOOP("engine", "Class indices in [0, C) (Long or Byte)."),
                "(), (N) or (N, d1, ..., dK)",
            ),
        ),
        params=(_WEIGHT, _IGNORE),
        function=nll,
        activation="log_softmax",
        reference="torch.nn.NLLLoss",
    )
)
