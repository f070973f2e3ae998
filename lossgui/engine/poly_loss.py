"""Poly-1 cross-entropy, a loss beyond ``torch.nn`` (``in_torch=False``).

Leng, Tan, Liu, Cubuk, Shi, Cheng & Anguelov (2022), "PolyLoss: A Polynomial
Expansion Perspective of Classification Loss Functions", ICLR 2022
(arXiv:2204.12511). Cross-entropy is ``Σ_j (1 - p_t)^j / j``; Poly-1 raises
the weight of the first term by ``ε``.

Shapes, target checks and their errors are ``CrossEntropyLoss``'s with class
indices (no class weights, no ignored index, no label smoothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import log_softmax
from lossgui.engine.class_targets import (
    IndexTarget,
    check_index_target,
    class_axis,
    classes_back,
    classes_first,
    log_softmax_first,
)
from lossgui.engine.cross_entropy import log_softmax_checked
from lossgui.engine.errors import LossInputError
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensors import dtype_name
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["poly1_cross_entropy"]

Array = npt.NDArray[Any]

#: No target equals this, so no position is ignored (Poly-1 has no ignore_index).
_NO_IGNORE = int(np.iinfo(np.int64).min)


def poly1_cross_entropy(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""Poly-1 cross-entropy on logits with class-index targets.

    Formula
    -------
    ``p_t = softmax(x)[y]`` over the class dim (1, or 0 for a 1-D input),
    ``l = -log p_t + ε (1 - p_t)``. ``'mean'`` divides by the number of
    targets; ``ε = 0`` is ``CrossEntropyLoss``.

    Gradient
    ``∂l/∂x_c = (1 + ε p_t)(softmax(x)_c - [c = y])``: cross-entropy's
    gradient, scaled by ``1 + ε p_t`` (from ``∂p_t/∂x_c = p_t ([c = y] - p_c)``).

    References
    ----------
    Z. Leng, M. Tan, C. Liu, E. D. Cubuk, X. Shi, S. Cheng and D. Anguelov
    (2022), "PolyLoss: A Polynomial Expansion Perspective of Classification
    Loss Functions", ICLR 2022, arXiv:2204.12511.
    """
    x, y = tensors
    epsilon = float(params["epsilon"])
    if x.ndim == 0:
        # The formula's cross_entropy fails first: it reads a same-shape (0-d)
        # target as class probabilities, and anything else reaches
        # ``log_softmax(x, 1)``.
        if y.shape == x.shape:
            if y.dtype.kind != "f":
                raise LossInputError(
                    "Expected floating point type for target with class "
                    f"probabilities, got {dtype_name(y.dtype)}"
                )
            raise LossInputError(
                "Dimension specified as 1 but tensor has no dimensions", "IndexError"
            )
        log_softmax_checked(x)
    if x.dtype.kind != "f":
        # cross_entropy's log_softmax runs first: it names the kernel of the
        # class dim and lets an empty integer input through to nll_loss.
        log_softmax_checked(x)
    # The formula's cross-entropy is unreduced (``reduction='none'``), and so
    # are its target checks: a Byte target of K-dim input is refused even when
    # empty.
    target = check_index_target(x, y, None, _NO_IGNORE, "none")
    if x.ndim >= 2 and x.size > 0 and x.dtype in (np.float32, np.float64):
        return _poly1_classes_first(x, target, epsilon)
    axis = class_axis(x)
    log_p = np.moveaxis(log_softmax(x, axis), axis, -1)  # classes last
    log_pt = target.pick(log_p)
    p_t = np.exp(log_pt)
    loss = (-log_pt + epsilon * (1 - p_t)).astype(x.dtype, copy=False)
    grad = (np.exp(log_p) - target.onehot(x.shape[axis])) * (1 + epsilon * p_t)[
        ..., np.newaxis
    ]
    grad = np.moveaxis(grad, -1, axis).reshape(x.shape).astype(x.dtype, copy=False)
    return Terms(loss, grad, loss.size)


def _poly1_classes_first(x: Array, target: IndexTarget, epsilon: float) -> Terms:
    """:func:`poly1_cross_entropy` for ``(N, C, ...)`` float input, classes first.

    The same operations (``l = -log p_t + ε (1 - p_t)``,
    ``grad = (exp(lp) - onehot) (1 + ε p_t)``) on a ``(C, M)`` copy, where
    every per-sample reduction runs over contiguous rows.
    """
    log_p, scratch, _ = log_softmax_first(classes_first(x, 1))
    first = target.safe.reshape(-1) * log_p.shape[1] + np.arange(log_p.shape[1])
    log_pt = log_p.reshape(-1)[first]
    p_t = np.exp(log_pt)
    loss = (-log_pt + epsilon * (1 - p_t)).astype(x.dtype, copy=False)
    grad_t = np.exp(log_p, out=scratch)
    grad_t.reshape(-1)[first] -= 1
    grad_t *= 1 + epsilon * p_t
    grad = np.empty(x.shape, x.dtype)
    np.copyto(grad, classes_back(grad_t, x.shape, 1))
    return Terms(loss.reshape(target.safe.shape), grad, loss.size)


register(
    LossSpec(
        name="Poly1CrossEntropyLoss",
        family="multiclass",
        summary=QT_TRANSLATE_NOOP(
            "engine",
            "Cross-entropy plus ε·(1 - p_t): the Poly-1 loss (Leng et al. 2022).",
        ),
        formula="p_t = softmax(x)[y]\nl = -log p_t + ε·(1 - p_t)\nmean = Σ l / N",
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Unnormalised logits, classes in dim 1 (dim 0 for a 1-D input).",
                ),
                "(N, C), (C) or (N, C, d1, ...)",
            ),
            TensorArg(
                "target",
                "index",
                QT_TRANSLATE_NOOP("engine", "Class indices in [0, C)."),
                "(N), () or (N, d1, ...)",
            ),
        ),
        params=(
            ParamSpec(
                "epsilon",
                "float",
                1.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Weight of the first polynomial term (1 - p_t): 0 gives plain "
                    "cross-entropy; ε ≥ -1 keeps the loss decreasing in p_t. Default: "
                    "1.",
                ),
            ),
        ),
        function=poly1_cross_entropy,
        legacy_args=False,
        accepts_elementwise_mean=False,
        in_torch=False,
        reference="Leng et al. (2022), PolyLoss, ICLR 2022, arXiv:2204.12511",
    )
)
