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
from lossgui.engine.binary import bce_with_logits
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms

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


register(
    LossSpec(
        name="sigmoid_focal_loss",
        family="binary",
        summary="Focal loss (torchvision): BCE with logits scaled by (1 - p_t)^γ.",
        formula=(
            "p = σ(x), p_t = p·y + (1-p)·(1-y)\n"
            "l = α_t·BCEWithLogits(x, y)·(1 - p_t)^γ,  α_t = α·y + (1-α)·(1-y)\n"
            "(α < 0: α_t = 1)    mean = Σ l / numel"
        ),
        forward=(
            TensorArg("inputs", "float", "Logits: any real number per element.", "(*)"),
            TensorArg(
                "targets",
                "float",
                "Binary labels (0 or 1; soft labels allowed), same shape as inputs.",
                "(*), same as inputs",
            ),
        ),
        params=(
            ParamSpec(
                "alpha",
                "float",
                0.25,
                "Weight of the positive class in [0, 1]; negatives get 1 - alpha. "
                "A negative value disables the weighting. Default: 0.25.",
            ),
            ParamSpec(
                "gamma",
                "float",
                2,
                "Focusing exponent on (1 - p_t): 0 gives plain BCE, larger values "
                "down-weight well-classified examples. Default: 2.",
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
