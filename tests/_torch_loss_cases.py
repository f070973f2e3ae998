"""One torch loss module per loss of LOSSES, with non-default arguments, and its tensors.

Shared by tests/test_api_save.py and tests/ui/test_api_show.py. Import torch
before calling :func:`torch_case`. Every case passes tensor arguments where
the loss has them, and grids the window holds as they are ((N, C) or (N,);
CTCLoss unbatched).
"""

from __future__ import annotations

from typing import Any

from lossgui.engine import LOSSES

#: torchvision's loss functions in LOSSES: torch losses, but not torch.nn modules.
TORCHVISION_FUNCTIONS = frozenset({"sigmoid_focal_loss"})
#: The losses of LOSSES that are torch.nn modules (the extras lossgui adds beyond
#: torch and torchvision's functions have no module to read), in LOSSES order.
TORCH_NN_LOSSES = tuple(
    name
    for name, spec in LOSSES.items()
    if spec.in_torch and name not in TORCHVISION_FUNCTIONS
)
#: torch.nn losses in LOSSES that show/save cannot carry yet, and why.
PENDING: dict[str, str] = {}


def _cases(torch: Any) -> dict[str, tuple[Any, tuple[Any, ...]]]:
    nn = torch.nn
    g = torch.Generator().manual_seed(17)

    def randn(*shape: int) -> Any:
        return torch.randn(*shape, generator=g)

    def rand(*shape: int) -> Any:
        return torch.rand(*shape, generator=g)

    n, c = 5, 4
    logits = randn(n, c) * 2
    labels = torch.tensor([0, 3, 1, 2, 1])
    binary = (rand(n, c) > 0.5).float()
    signs = torch.tensor([1.0, -1.0, 1.0, -1.0, -1.0])
    w_c = torch.tensor([1.0, 2.0, 0.5, 1.5])
    x, y = randn(n, c), randn(n, c)
    log_probs = torch.log_softmax(randn(7, 5), dim=1)
    multi_label = torch.tensor(
        [[3, 0, -1, 1], [1, 2, 3, -1], [0, -1, 2, 2], [2, 1, 0, 3], [-1, 0, 0, 0]]
    )
    cases: dict[str, tuple[Any, tuple[Any, ...]]] = {
        "BCELoss": (
            nn.BCELoss(weight=rand(n, c) + 0.5, reduction="sum"),
            (torch.sigmoid(logits), rand(n, c)),
        ),
        "BCEWithLogitsLoss": (
            nn.BCEWithLogitsLoss(
                weight=w_c, pos_weight=torch.tensor([3.0, 1.0, 0.5, 2.0])
            ),
            (logits, binary),
        ),
        "CTCLoss": (
            nn.CTCLoss(blank=1, zero_infinity=True, reduction="sum"),
            (log_probs, torch.tensor([2, 3, 3]), torch.tensor(7), torch.tensor(3)),
        ),
        "KLDivLoss": (
            nn.KLDivLoss(reduction="batchmean", log_target=True),
            (torch.log_softmax(logits, 1), torch.log_softmax(randn(n, c), 1)),
        ),
        "PoissonNLLLoss": (
            nn.PoissonNLLLoss(log_input=False, full=True, eps=1e-4, reduction="sum"),
            (rand(n, c) * 3 + 0.1, torch.tensor([[0.0, 1, 2, 5]] * n)),
        ),
        "GaussianNLLLoss": (
            nn.GaussianNLLLoss(full=True, eps=1e-3, reduction="none"),
            (x, y, rand(n, c) + 0.2),
        ),
        "SoftMarginLoss": (nn.SoftMarginLoss(reduction="sum"), (randn(n), signs)),
        "HingeEmbeddingLoss": (nn.HingeEmbeddingLoss(margin=0.5), (rand(n) * 2, signs)),
        "MultiMarginLoss": (
            nn.MultiMarginLoss(p=2, margin=0.7, weight=w_c),
            (logits, labels),
        ),
        "MultiLabelMarginLoss": (
            nn.MultiLabelMarginLoss(reduction="none"),
            (logits, multi_label),
        ),
        "CrossEntropyLoss": (
            nn.CrossEntropyLoss(weight=w_c, ignore_index=1, label_smoothing=0.2),
            (logits, labels),
        ),
        "NLLLoss": (
            nn.NLLLoss(weight=w_c, ignore_index=0, reduction="sum"),
            (torch.log_softmax(logits, 1), labels),
        ),
        "MultiLabelSoftMarginLoss": (
            nn.MultiLabelSoftMarginLoss(weight=w_c, reduction="sum"),
            (logits, binary),
        ),
        "MarginRankingLoss": (
            nn.MarginRankingLoss(margin=0.3),
            (randn(n), randn(n), signs),
        ),
        "CosineEmbeddingLoss": (
            nn.CosineEmbeddingLoss(margin=0.2, reduction="sum"),
            (x, y, signs),
        ),
        "L1Loss": (nn.L1Loss(reduction="sum"), (x, y)),
        "MSELoss": (nn.MSELoss(reduction="none"), (x, y)),
        "SmoothL1Loss": (nn.SmoothL1Loss(beta=0.5), (x, y)),
        "HuberLoss": (nn.HuberLoss(delta=0.7, reduction="sum"), (x, y)),
        "TripletMarginLoss": (
            nn.TripletMarginLoss(margin=0.5, p=1.0, eps=1e-4, swap=True),
            (x, y, randn(n, c)),
        ),
        "TripletMarginWithDistanceLoss": (
            nn.TripletMarginWithDistanceLoss(
                distance_function=nn.PairwiseDistance(p=1), margin=0.4, swap=True
            ),
            (x, y, randn(n, c)),
        ),
    }
    if hasattr(nn, "LinearCrossEntropyLoss"):
        head = nn.LinearCrossEntropyLoss(3, c, bias=True, label_smoothing=0.1)
        with torch.no_grad():
            head.linear.weight.copy_(randn(c, 3))
            head.linear.bias.copy_(randn(c))
        cases["LinearCrossEntropyLoss"] = (head, (randn(n, 3), labels))
    return cases


def torch_case(torch: Any, name: str) -> tuple[Any, tuple[Any, ...]]:
    """``(module, tensors)`` for the loss ``name`` (KeyError if it has none)."""
    return _cases(torch)[name]


def torch_case_names(torch: Any) -> list[str]:
    """The losses with a case."""
    return list(_cases(torch))


def as_float(value: Any) -> Any:
    """A torch output as a float64 NumPy array."""
    import numpy as np

    return np.asarray(value.detach().cpu().numpy(), dtype=np.float64)
