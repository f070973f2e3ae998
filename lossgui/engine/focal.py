"""``torchvision.ops.sigmoid_focal_loss``: BCE with logits, easy examples down-weighted.

Lin et al. (2017), "Focal Loss for Dense Object Detection" (ICCV), as
torchvision implements it. Unlike ``torch.nn`` losses it is a plain function
whose default reduction is ``'none'``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.activations import sigmoid
from lossgui.engine.binary import bce_with_logits, logits_terms_f32
from lossgui.engine.fast_math import blockwise, is_plain_float32, mean_grad_scale
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["sigmoid_focal"]

Array = npt.NDArray[Any]


_REDUCTION_ERROR = (
    "Invalid Value for arg 'reduction': '{0} \n Supported reduction modes: "
    "'none', 'mean', 'sum'"
)


def _defer_reduction(
    reduction: object, params: Mapping[str, Any]
) -> tuple[str, tuple[str, ...]]:
    """Pass the reduction through as the text torchvision's message would show.

    torchvision checks it only after computing the loss (so BCE's size and
    dtype errors come first); :func:`sigmoid_focal` checks it there.
    """
    return str(reduction), ()


def sigmoid_focal(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``sigmoid_focal_loss(inputs, targets, alpha, gamma)``, torchvision's algorithm.

    Formula
    -------
    ``p = σ(x)``, ``ce = BCEWithLogits(x, y)`` (elementwise),
    ``p_t = p y + (1 - p)(1 - y)``, ``l = ce (1 - p_t)^γ``; if ``α >= 0`` the
    loss is multiplied by ``α_t = α y + (1 - α)(1 - y)`` (a negative ``α``
    disables the weighting). ``'mean'`` divides by numel.

    Gradient (autograd through the composition; ``a_t = α_t`` or 1)
    ``∂l/∂x = a_t [ (p - y)(1 - p_t)^γ - γ ce (1 - p_t)^(γ-1) p (1 - p)(2y - 1) ]``;
    for ``γ = 0`` the second term is exactly 0 (torch's ``pow`` backward with
    exponent 0), and for ``0 < γ < 1`` a saturated logit gives NaN (0·∞) as in
    torch.

    References
    ----------
    T.-Y. Lin, P. Goyal, R. Girshick, K. He and P. Dollár (2017), "Focal Loss
    for Dense Object Detection", ICCV 2017; ``torchvision/ops/focal_loss.py``.
    """
    x, y = tensors
    alpha, gamma = float(params["alpha"]), float(params["gamma"])
    if is_plain_float32(x, y):
        scale = mean_grad_scale(params["reduction"], x.size)
        loss, grad = _focal_f32(x, y, alpha, gamma, scale)
        check_reduction(
            params["reduction"],
            message=_REDUCTION_ERROR,
            accepts_elementwise_mean=False,
        )
        return Terms(loss, grad, loss.size, grad_is_mean=scale is not None)
    ce_terms = bce_with_logits((x, y), {"weight": None, "pos_weight": None})
    ce, dce = ce_terms.elementwise, ce_terms.grad  # dce = σ(x) - y
    p = sigmoid(x)
    p_t = p * y + (1 - p) * (1 - y)
    base = 1 - p_t
    q = base**gamma
    loss = ce * q
    upstream = np.ones_like(loss)
    if alpha >= 0:
        alpha_t = alpha * y + (1 - alpha) * (1 - y)
        loss = alpha_t * loss
        upstream = upstream * alpha_t
    # Backward, step by step as autograd runs it (keeps torch's NaN/inf).
    g_ce = upstream * q
    if gamma == 0:
        g_base = np.zeros_like(base)
    else:
        g_base = (upstream * ce) * (gamma * base ** (gamma - 1))
    g_pt = -g_base
    g_p = g_pt * y + -(g_pt * (1 - y))
    grad = (g_p * (1 - p)) * p + dce * g_ce
    dtype = loss.dtype
    check_reduction(
        params["reduction"], message=_REDUCTION_ERROR, accepts_elementwise_mean=False
    )
    return Terms(
        loss.astype(dtype, copy=False), grad.astype(x.dtype, copy=False), loss.size
    )


def _focal_f32(
    x: Array, y: Array, alpha: float, gamma: float, scale: np.float32 | None
) -> tuple[Array, Array]:
    """:func:`_focal_block` over the whole arrays, block by block (same values).

    The gradient is multiplied by ``scale`` (``'mean'``'s ``1 / N``, see
    :func:`~lossgui.engine.fast_math.mean_grad_scale`) in the blocks unless
    it is None.
    """
    loss, grad = np.empty_like(x), np.empty_like(x)

    def kernel(ins: tuple[Array, ...], outs: tuple[Array, ...]) -> None:
        _focal_block(ins, outs, alpha, gamma)
        if scale is not None:
            np.multiply(outs[1], scale, out=outs[1])

    blockwise(kernel, (x, y), (loss, grad))
    return loss, grad


def _focal_block(
    ins: tuple[Array, ...], outs: tuple[Array, ...], alpha: float, gamma: float
) -> None:
    """:func:`sigmoid_focal`'s loss and gradient for float32 ``x``, ``y`` of one shape.

    The same operations as the general path (so the same rounding, NaN and
    inf), written into reused buffers; ``-(g y) + g (1 - y)`` is formed as
    ``g (1 - y) - g y``, which is exactly equal. ``ins = (x, y)``; writes
    ``outs = (loss, grad)``.
    """
    x, y = ins
    ce, dce, p = logits_terms_f32(x, y)
    assert p is not None  # keep_p is the default
    one_minus_y = np.subtract(1, y)
    one_minus_p = np.subtract(1, p)
    base = np.multiply(p, y)
    np.add(base, np.multiply(one_minus_p, one_minus_y), out=base)
    np.subtract(1, base, out=base)  # 1 - p_t
    q: Array = base**gamma
    loss = np.multiply(ce, q, out=outs[0])
    g_ce = q
    if alpha >= 0:
        alpha_t = np.multiply(y, np.float32(alpha))
        alpha_t += np.multiply(one_minus_y, np.float32(1 - alpha))
        np.multiply(alpha_t, loss, out=loss)
        np.multiply(alpha_t, g_ce, out=g_ce)
        np.multiply(alpha_t, ce, out=ce)  # upstream * ce
    np.multiply(dce, g_ce, out=dce)
    if gamma == 0:  # torch's pow backward with exponent 0: exactly zero
        g_base = np.zeros_like(ce)
    else:
        d_base: Array = base ** (gamma - 1)
        np.multiply(d_base, np.float32(gamma), out=d_base)
        g_base = np.multiply(ce, d_base, out=ce)
    g_p = np.multiply(g_base, one_minus_y, out=one_minus_y)
    np.subtract(g_p, np.multiply(g_base, y, out=base), out=g_p)
    np.multiply(g_p, one_minus_p, out=g_p)
    np.multiply(g_p, p, out=g_p)
    np.add(g_p, dce, out=outs[1])


register(
    LossSpec(
        name="sigmoid_focal_loss",
        family="binary",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Focal loss (torchvision): BCE with logits scaled by (1 - p_t)^γ."
        ),
        formula=(
            "p = σ(x), p_t = p·y + (1-p)·(1-y)\n"
            "l = α_t·BCEWithLogits(x, y)·(1 - p_t)^γ,  α_t = α·y + (1-α)·(1-y)\n"
            "(α < 0: α_t = 1)    mean = Σ l / numel"
        ),
        forward=(
            TensorArg(
                "inputs",
                "float",
                QT_TRANSLATE_NOOP("engine", "Logits: any real number per element."),
                "(*)",
            ),
            TensorArg(
                "targets",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Binary labels (0 or 1; soft labels allowed), same shape as "
                    "inputs.",
                ),
                "(*), same as inputs",
            ),
        ),
        params=(
            ParamSpec(
                "alpha",
                "float",
                0.25,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Weight of the positive class in [0, 1]; negatives get 1 - alpha. "
                    "A negative value disables the weighting. Default: 0.25.",
                ),
            ),
            ParamSpec(
                "gamma",
                "float",
                2,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Focusing exponent on (1 - p_t): 0 gives plain BCE, larger values "
                    "down-weight well-classified examples. Default: 2.",
                ),
            ),
        ),
        function=sigmoid_focal,
        default_reduction="none",
        legacy_args=False,
        reduction_error=_REDUCTION_ERROR,
        accepts_elementwise_mean=False,
        reduction_check=_defer_reduction,
        reference="torchvision.ops.sigmoid_focal_loss (Lin et al. 2017, ICCV)",
    )
)
