"""Triplet losses: ``TripletMarginLoss`` and ``TripletMarginWithDistanceLoss``.

An anchor should be closer to its positive than to its negative by at least
``margin``. Each row of the last dimension is one embedding; the loss has one
value per triplet (the inputs' shape without the last dimension), and
``'mean'`` divides by the number of triplets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.distances import DISTANCES, Distance, pairwise_distance
from lossgui.engine.errors import LossInputError
from lossgui.engine.margin import check_margin
from lossgui.engine.reduction import check_reduction
from lossgui.engine.registry import (
    LossSpec,
    ParamSpec,
    ReductionCheck,
    TensorArg,
    register,
)
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import float_dtype, reject_complex, sum_to_shape
from lossgui.engine.tensors import broadcast_shape
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["triplet_margin", "triplet_margin_with_distance", "triplet_terms"]

Array = npt.NDArray[Any]
DistanceFunction = Callable[[Array, Array], Distance]


def _check_margin(loss: str, margin: float) -> None:
    """The constructors' ``margin <= 0`` test, Python's ``TypeError`` included."""
    try:
        positive = not margin <= 0
    except TypeError as exc:  # e.g. a str: "'<=' not supported between ..."
        raise LossInputError(str(exc), "TypeError") from None
    if not positive:
        raise LossInputError(
            f"{loss}: expected margin to be greater than 0, got {margin} instead",
            "ValueError",
        )


def _check_swap(swap: object) -> bool:
    """``triplet_margin_loss``'s argument parser takes only a Python bool."""
    if not isinstance(swap, bool):
        kind = type(swap)
        shown = (
            f"numpy.{kind.__name__}" if kind.__module__ == "numpy" else kind.__name__
        )
        raise LossInputError(
            f"triplet_margin_loss(): argument 'swap' (position 7) must be bool, "
            f"not {shown}",
            "TypeError",
        )
    return swap


def _ctor_check(loss: str, **reduction_args: Any) -> ReductionCheck:
    """The constructor's margin check, then forward's reduction check (as torch)."""

    def check(
        reduction: object, params: Mapping[str, Any]
    ) -> tuple[str, tuple[str, ...]]:
        _check_margin(loss, params["margin"])
        return check_reduction(reduction, **reduction_args)

    return check


def _check_dims(anchor: Array, positive: Array, negative: Array) -> None:
    dims = (anchor.ndim, positive.ndim, negative.ndim)
    if len(set(dims)) != 1:
        raise LossInputError(
            "The anchor, positive, and negative tensors are expected to have the "
            f"same number of dimensions, but got: anchor {dims[0]}D, positive "
            f"{dims[1]}D, and negative {dims[2]}D inputs"
        )


def triplet_terms(
    anchor: Array,
    positive: Array,
    negative: Array,
    distance: DistanceFunction,
    margin: float,
    swap: bool,
    reduction: str = "sum",
) -> Terms:
    r"""The triplet loss for any :class:`Distance`, and its anchor gradient.

    Formula
    -------
    ``d⁻ = d(a, n)``, or ``min(d(a, n), d(p, n))`` with ``swap``;
    ``l = max(0, margin + d(a, p) - d⁻)``.

    Gradient
    Where ``z = margin + d(a, p) - d⁻ >= 0`` (the hinge is active at 0, as
    torch's ``clamp_min`` backward): ``∂d(a, p)/∂a - s ∂d(a, n)/∂a``, with
    ``s = 1`` when ``d(a, n)`` is the minimum, ``½`` on a swap tie and 0 when
    ``d(p, n)`` is smaller (that distance does not involve the anchor).

    As torch's autograd, the upstream gradient of the ``reduction`` (``1 / N``
    for ``'mean'``) goes in first and the anchor's terms are added up in its
    order: those through ``d(a, n)``, then those through ``d(a, p)`` (the
    order matters when large terms cancel, as the cosine distance's do).
    """
    d_ap = distance(anchor, positive)
    d_an = distance(anchor, negative)
    d_neg = d_an.value
    if swap:
        d_pn = distance(positive, negative).value
        broadcast_shape(d_an.value.shape, d_pn.shape)
        d_neg = np.minimum(d_an.value, d_pn)  # NaN-propagating, as torch.minimum
    shape = broadcast_shape(d_ap.value.shape, d_neg.shape)
    z = (float(margin) + d_ap.value) - d_neg
    loss = np.broadcast_to(np.maximum(z, 0), shape)
    g = np.ones((), z.dtype)
    if reduction == "mean":
        g = g / z.dtype.type(divisor_or(loss.size))
    active = np.broadcast_to(np.where(z >= 0, g, np.zeros_like(g)), shape)
    g_pos = sum_to_shape(active, d_ap.value.shape)
    g_neg = -active
    if swap:
        share = np.where(d_an.value == d_pn, g_neg / 2, g_neg)
        g_neg = np.where(d_an.value > d_pn, np.zeros_like(share), share)
    g_an = sum_to_shape(g_neg, d_an.value.shape)
    grad: Array | None = None
    for dist, g_dist in ((d_an, g_an), (d_ap, g_pos)):
        terms = (dist.backward(g_dist),) if dist.parts is None else dist.parts(g_dist)
        for term in terms:
            if term.shape != anchor.shape:
                term = sum_to_shape(term, anchor.shape)
            # (a term may be a transposed view: the sum keeps its layout)
            grad = term if grad is None else grad + term
    assert grad is not None
    loss = loss.astype(loss.dtype, copy=True)
    grad = np.asarray(grad, dtype=float_dtype(anchor), order="C")
    return Terms(loss, grad, loss.size, grad_is_mean=reduction == "mean")


def triplet_margin(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""``TripletMarginLoss`` with ``d(x1, x2) = ‖x1 - x2 + eps‖_p``.

    Formula
    -------
    ``l = max(0, margin + ‖a - p + eps‖_p - d⁻)``, ``d⁻ = ‖a - n + eps‖_p``
    (or its minimum with ``‖p - n + eps‖_p`` when ``swap``). ``eps`` is added
    to every component of the difference, so identical vectors are
    ``eps·D^(1/p)`` apart.

    Gradient
    For ``v = a - b + eps``: ``∂‖v‖_p/∂a = sign(v) |v|^(p-1) / ‖v‖_p^(p-1)``
    (``v / ‖v‖`` for p=2, ``sign(v)`` for p=1), combined as in
    :func:`triplet_terms`.
    """
    anchor, positive, negative = tensors
    margin = params["margin"]
    _check_margin("TripletMarginLoss", margin)
    p = check_margin(params["p"], "triplet_margin_loss", 5, name="p")
    eps = check_margin(params["eps"], "triplet_margin_loss", 6, name="eps")
    swap = _check_swap(params["swap"])
    reject_complex("TripletMarginLoss", anchor, positive, negative)
    _check_dims(anchor, positive, negative)

    def distance(x1: Array, x2: Array) -> Distance:
        return pairwise_distance(x1, x2, p, eps)

    return triplet_terms(
        anchor, positive, negative, distance, margin, swap, params["reduction"]
    )


def triplet_margin_with_distance(
    tensors: tuple[Array, ...], params: Mapping[str, Any]
) -> Terms:
    r"""``TripletMarginWithDistanceLoss`` with a built-in distance, by name.

    Formula
    -------
    ``l = max(0, margin + d(a, p) - d⁻)`` for the chosen ``d``:
    ``"pairwise_distance"`` (torch's default ``None``), ``"cosine_distance"``,
    ``"l1"`` or ``"squared_euclidean"`` (see :data:`DISTANCES`).

    Gradient
    As :func:`triplet_terms`, with each distance's own backward.
    """
    anchor, positive, negative = tensors
    margin, name = params["margin"], params["distance_function"]
    _check_margin("TripletMarginWithDistanceLoss", margin)
    key = "pairwise_distance" if name is None else name
    if not isinstance(key, str) or key not in DISTANCES:
        choices = ", ".join(repr(k) for k in DISTANCES)
        raise LossInputError(
            f"distance_function must be None or one of {choices}; got {name!r}",
            "ValueError",
        )
    reject_complex("TripletMarginWithDistanceLoss", anchor, positive, negative)
    _check_dims(anchor, positive, negative)
    distance = DISTANCES[key][0]
    return triplet_terms(
        anchor,
        positive,
        negative,
        distance,
        margin,
        bool(params["swap"]),
        params["reduction"],
    )


_ANCHOR = TensorArg(
    "anchor",
    "float",
    QT_TRANSLATE_NOOP("engine", "Anchor embeddings, one per row (last dim = D)."),
    "(N, D) or (D)",
)
_POSITIVE = TensorArg(
    "positive",
    "float",
    QT_TRANSLATE_NOOP(
        "engine",
        "Embeddings that should be close to the anchors; same number of dimensions.",
    ),
    "(N, D) or (D), broadcastable with anchor",
)
_NEGATIVE = TensorArg(
    "negative",
    "float",
    QT_TRANSLATE_NOOP(
        "engine",
        "Embeddings that should be far from the anchors; same number of dimensions.",
    ),
    "(N, D) or (D), broadcastable with anchor",
)
_MARGIN_DOC = QT_TRANSLATE_NOOP(
    "engine", "The gap required between d(a, n) and d(a, p); must be > 0. Default: 1."
)
_SWAP_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "Distance swap (Balntas et al. 2016): use min(d(a, n), d(p, n)) as the "
    "negative distance. Default: False.",
)

register(
    LossSpec(
        name="TripletMarginLoss",
        family="ranking",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Anchor closer to positive than to negative by a margin (p-norm)."
        ),
        formula=(
            "d(x, y) = ‖x - y + eps‖_p over the last dim\n"
            "l = max(0, margin + d(a, p) - d(a, n))\n"
            "mean = Σ l / N"
        ),
        forward=(_ANCHOR, _POSITIVE, _NEGATIVE),
        params=(
            ParamSpec("margin", "float", 1.0, _MARGIN_DOC),
            ParamSpec(
                "p",
                "float",
                2.0,
                QT_TRANSLATE_NOOP(
                    "engine", "The norm degree of the pairwise distance. Default: 2."
                ),
            ),
            ParamSpec(
                "eps",
                "float",
                1e-6,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Added to every component of the difference a - b before the "
                    "norm. Default: 1e-6.",
                ),
            ),
            ParamSpec("swap", "bool", False, _SWAP_DOC),
        ),
        function=triplet_margin,
        reduction_check=_ctor_check("TripletMarginLoss"),
        reference="torch.nn.TripletMarginLoss",
    )
)

register(
    LossSpec(
        name="TripletMarginWithDistanceLoss",
        family="ranking",
        summary=QT_TRANSLATE_NOOP(
            "engine", "Triplet margin loss with a chosen distance function."
        ),
        formula=(
            "l = max(0, margin + d(a, p) - d(a, n))\n"
            "d: pairwise_distance | 1 - cosine_similarity | L1 | squared L2\n"
            "mean = Σ l / N"
        ),
        forward=(_ANCHOR, _POSITIVE, _NEGATIVE),
        params=(
            ParamSpec(
                "distance_function",
                "choice",
                "pairwise_distance",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "The distance d(x, y) over the last dim: pairwise_distance = "
                    "F.pairwise_distance(x, y)  (p=2, eps=1e-6); cosine_distance = "
                    "1 - F.cosine_similarity(x, y, dim=-1); l1 = "
                    "F.pairwise_distance(x, y, p=1)  (eps=1e-6); squared_euclidean = "
                    "(x - y).pow(2).sum(-1). torch's default None means "
                    "pairwise_distance.",
                ),
                choices=tuple(DISTANCES),
            ),
            ParamSpec("margin", "float", 1.0, _MARGIN_DOC),
            ParamSpec("swap", "bool", False, _SWAP_DOC),
        ),
        function=triplet_margin_with_distance,
        legacy_args=False,
        accepts_elementwise_mean=False,
        reduction_check=_ctor_check(
            "TripletMarginWithDistanceLoss", accepts_elementwise_mean=False
        ),
        reference="torch.nn.TripletMarginWithDistanceLoss",
    )
)
