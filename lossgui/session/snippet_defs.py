"""Torch source for the losses a snippet cannot import from ``torch.nn``.

``sigmoid_focal_loss`` lives in torchvision: the snippet imports it when
torchvision is installed and otherwise defines torchvision's published
algorithm. The four losses lossgui adds beyond torch are defined exactly as
the engine computes them (same stable forms), so the printed numbers match.
"""

from __future__ import annotations

__all__ = ["DEFINITIONS", "DISTANCE_FUNCTIONS"]


def _reduce(indent: str = "    ") -> str:
    body = (
        'if reduction == "mean":',
        "    return loss.mean()",
        'if reduction == "sum":',
        "    return loss.sum()",
        "return loss",
    )
    return "\n".join(indent + line for line in body)


_REDUCE = _reduce()

_FOCAL = f"""\
try:
    from torchvision.ops import sigmoid_focal_loss
except ImportError:  # torchvision's published algorithm, ops/focal_loss.py

    def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction="none"):
        p = torch.sigmoid(inputs)
        ce_loss = F.binary_cross_entropy_with_logits(inputs, targets, reduction="none")
        p_t = p * targets + (1 - p) * (1 - targets)
        loss = ce_loss * ((1 - p_t) ** gamma)
        if alpha >= 0:
            alpha_t = alpha * targets + (1 - alpha) * (1 - targets)
            loss = alpha_t * loss
{_reduce(" " * 8)}"""

_POLY1 = f'''\
def poly1_cross_entropy(input, target, epsilon=1.0, reduction="mean"):
    """Poly-1 cross-entropy (Leng et al. 2022): -log p_t + epsilon * (1 - p_t)."""
    dim = 1 if input.dim() >= 2 else 0
    log_p = F.log_softmax(input, dim=dim)
    log_pt = log_p.gather(dim, target.unsqueeze(dim)).squeeze(dim)
    loss = -log_pt + epsilon * (1 - log_pt.exp())
{_REDUCE}'''

_LOG_COSH = f'''\
def log_cosh_loss(input, target, reduction="mean"):
    """log(cosh(input - target)), in the stable form lossgui uses."""
    import math

    d = input - target
    a = d.abs()
    near = torch.log1p(2 * torch.sinh(d.clamp(-1, 1) / 2) ** 2)
    far = a + torch.log1p(torch.exp(-2 * a)) - math.log(2)
    loss = torch.where(a < 1, near, far)
{_REDUCE}'''

_SQUARED_HINGE = f'''\
def squared_hinge_loss(input, target, margin=1.0, reduction="mean"):
    """The L2-SVM loss: max(0, margin - target * input) ** 2."""
    loss = torch.clamp_min(margin - target * input, 0) ** 2
{_REDUCE}'''

_SOFT_DICE = f'''\
def soft_dice_loss(input, target, smooth=1.0, reduction="mean"):
    """1 - (2 sum(p t) + s) / (sum(p) + sum(t) + s) per sample (dim 0)."""
    first = 1 if input.dim() >= 2 else 0
    dims = tuple(range(first, input.dim()))
    num = 2 * (input * target).sum(dims) + smooth
    den = input.sum(dims) + target.sum(dims) + smooth
    loss = 1 - num / den
{_REDUCE}'''

#: Loss name -> (source defining it, the function to call).
DEFINITIONS: dict[str, tuple[str, str]] = {
    "sigmoid_focal_loss": (_FOCAL, "sigmoid_focal_loss"),
    "Poly1CrossEntropyLoss": (_POLY1, "poly1_cross_entropy"),
    "LogCoshLoss": (_LOG_COSH, "log_cosh_loss"),
    "SquaredHingeLoss": (_SQUARED_HINGE, "squared_hinge_loss"),
    "SoftDiceLoss": (_SOFT_DICE, "soft_dice_loss"),
}

#: ``TripletMarginWithDistanceLoss``'s distance names as torch callables.
DISTANCE_FUNCTIONS: dict[str, str] = {
    "pairwise_distance": "nn.PairwiseDistance()",
    "cosine_distance": "lambda x, y: 1 - F.cosine_similarity(x, y, dim=-1)",
    "l1": "nn.PairwiseDistance(p=1)",
    "squared_euclidean": "lambda x, y: (x - y).pow(2).sum(-1)",
}
