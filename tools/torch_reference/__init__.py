"""The torch reference generator's case definitions, one module per loss family.

``build_specs(seed)`` returns every case's inputs per loss; ``run.run_torch``
runs one through torch. The entry point is ``tools/make_torch_reference.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from . import (
    binary,
    classes,
    ctc,
    divergence,
    focal,
    likelihood,
    linear,
    margin,
    multi_margin,
    multilabel,
    ranking,
    regression,
    triplet,
)
from .core import SEED, Maker, Spec
from .run import dump, run_torch

__all__ = ["LOSS_NAMES", "SEED", "Spec", "build_specs", "dump", "run_torch"]


def _shared_stream(m: Maker) -> None:
    """The first ten losses, drawn in this order from one shared stream."""
    binary.gen_bce(m)
    binary.gen_bce_logits(m)
    classes.gen_class_index(m, "CrossEntropyLoss")
    classes.gen_ce_probs(m)
    classes.gen_class_index(m, "NLLLoss")
    divergence.gen_kl(m)
    for loss in ("L1Loss", "MSELoss", "SmoothL1Loss", "HuberLoss"):
        regression.gen_regression(m, loss)
    multilabel.gen_mlsm(m)


SHARED_LOSSES = (
    "BCELoss",
    "BCEWithLogitsLoss",
    "CrossEntropyLoss",
    "NLLLoss",
    "KLDivLoss",
    "L1Loss",
    "MSELoss",
    "SmoothL1Loss",
    "HuberLoss",
    "MultiLabelSoftMarginLoss",
)

#: Each later loss and the function adding its cases, on its own stream.
OWN_STREAM: tuple[tuple[str, Callable[[Maker], None]], ...] = (
    ("SoftMarginLoss", margin.gen_soft_margin),
    ("HingeEmbeddingLoss", margin.gen_hinge_embedding),
    ("MultiMarginLoss", multi_margin.gen_multi_margin),
    ("MultiLabelMarginLoss", multi_margin.gen_multilabel_margin),
    ("MarginRankingLoss", ranking.gen_margin_ranking),
    ("CosineEmbeddingLoss", ranking.gen_cosine_embedding),
    ("PoissonNLLLoss", likelihood.gen_poisson_nll),
    ("GaussianNLLLoss", likelihood.gen_gaussian_nll),
    ("TripletMarginLoss", triplet.gen_triplet_margin),
    ("TripletMarginWithDistanceLoss", triplet.gen_triplet_with_distance),
    ("CTCLoss", ctc.gen_ctc),
    ("sigmoid_focal_loss", focal.gen_focal),
    ("LinearCrossEntropyLoss", linear.gen_linear_cross_entropy),
)

LOSS_NAMES = SHARED_LOSSES + tuple(name for name, _ in OWN_STREAM)


def build_specs(seed: int = SEED) -> dict[str, list[Spec]]:
    """Every case's inputs, per loss, from seeded generators."""
    shared = Maker(seed)
    _shared_stream(shared)
    specs = list(shared.specs)
    for loss, generate in OWN_STREAM:
        m = Maker(seed, loss)
        generate(m)
        specs.extend(m.specs)
    out: dict[str, list[Spec]] = {name: [] for name in LOSS_NAMES}
    for spec in specs:
        out[spec.loss].append(spec)
    return out
