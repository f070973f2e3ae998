"""Reference cases for ``torchvision.ops.sigmoid_focal_loss``.

torchvision is not installed, so :func:`sigmoid_focal_loss` below is
torchvision's published algorithm (``torchvision/ops/focal_loss.py``, with the
reduction check of pytorch/vision PR #6675) written out in torch: the values,
the gradient (autograd through the same composition) and the errors are
torch's own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from .core import CUSTOM_CALLS, DTYPES, F32, F64, I64, INF, NAN, STD, Maker


def sigmoid_focal_loss(
    inputs: torch.Tensor,
    targets: torch.Tensor,
    alpha: float = 0.25,
    gamma: float = 2,
    reduction: str = "none",
) -> torch.Tensor:
    """torchvision's ``sigmoid_focal_loss``, line for line (Lin et al. 2017)."""
    p = torch.sigmoid(inputs)
    ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
    p_t = p * targets + (1 - p) * (1 - targets)
    loss = ce_loss * ((1 - p_t) ** gamma)

    if alpha >= 0:
        alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
        loss = alpha_t * loss

    # Check reduction option and return loss accordingly
    if reduction == "none":
        pass
    elif reduction == "mean":
        loss = loss.mean()
    elif reduction == "sum":
        loss = loss.sum()
    else:
        raise ValueError(
            f"Invalid Value for arg 'reduction': '{reduction} \n Supported "
            "reduction modes: 'none', 'mean', 'sum'"
        )
    return loss


CUSTOM_CALLS["sigmoid_focal_loss"] = (
    "torchvision.ops.sigmoid_focal_loss",
    sigmoid_focal_loss,
)

FOCAL_SHAPES = ((), (1,), (4,), (3, 4), (2, 3, 2), (0,), (0, 3))
ALPHAS = (0.25, 0.5, 0.0, 1.0, -1.0, 0.75)
GAMMAS = (2, 2.0, 0, 1.0, 0.5, 3.0, 1.5)


def gen_focal(m: Maker) -> None:
    loss = "sigmoid_focal_loss"
    for dtype in DTYPES:
        for shape in FOCAL_SHAPES:
            for red in (*STD, None):
                x = m.logits(shape, dtype, extreme=m.coin(0.4))
                y = m.hard(shape, dtype) if m.coin(0.7) else m.probs(shape, dtype, True)
                kw: dict[str, Any] = {} if red is None else {"reduction": red}
                if m.coin(0.7):
                    kw["alpha"] = m.choice(ALPHAS)
                if m.coin(0.7):
                    kw["gamma"] = m.choice(GAMMAS)
                m.add(loss, [x, y], "random", **kw)
    # Saturated logits: with 0 < gamma < 1 the gradient is NaN (0·inf).
    for dtype in DTYPES:
        x = np.array([1e4, -1e4, 1e4, -1e4, 30.0, -30.0, INF, -INF, NAN, 0.0], dtype)
        y = np.array([1.0, 0.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.5], dtype)
        for gamma in (0, 0.5, 1.0, 2):
            for alpha in (0.25, -1.0):
                kw = {"gamma": gamma, "alpha": alpha, "reduction": "none"}
                m.add(loss, [x, y], "saturated", **kw)
        m.add(loss, [x, y], "saturated", reduction="sum")
    # dtypes: mixed floats; integer targets and inputs are rejected by BCE.
    x = m.logits((2, 3), F32, False)
    m.add(loss, [x, m.hard((2, 3), F64)], "mixed-dtype", reduction="mean")
    m.add(loss, [x.astype(F64), m.hard((2, 3), F32)], "mixed-dtype")
    m.add(loss, [x, m.hard((2, 3), I64)], "err-long-target")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), F32)], "err-long-input")
    # Errors: BCE's size check, then (after the loss) the reduction.
    m.add(loss, [x, m.hard((3,), F32)], "err-size")
    m.add(loss, [x, m.hard((1, 3), F32)], "err-size")
    m.add(loss, [x, m.hard((3,), F32)], "err-size-before-reduction", reduction="foo")
    for bad in ("foo", "Mean", None, "batchmean", "elementwise_mean"):
        m.add(loss, [x, m.hard((2, 3), F32)], "err-reduction", reduction=bad)
    m.add(loss, [x, m.hard((2, 3), F32)], "err-legacy", size_average=True)
