"""Reference cases for TripletMarginLoss and TripletMarginWithDistanceLoss.

The engine takes ``TripletMarginWithDistanceLoss``'s ``distance_function`` as
a name; :data:`DISTANCE_FUNCTIONS` maps each name to the torch callable it
stands for, and :func:`call_with_distance` applies that mapping before calling
the module (``None`` or no argument is torch's default, ``pairwise_distance``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from .core import (
    CUSTOM_CALLS,
    DTYPES,
    F32,
    F64,
    I64,
    INF,
    NAN,
    STD,
    Maker,
    reduction_tail,
)

DISTANCE_FUNCTIONS = {
    "pairwise_distance": F.pairwise_distance,
    "cosine_distance": lambda x, y: 1.0 - F.cosine_similarity(x, y, dim=-1),
    "l1": lambda x, y: F.pairwise_distance(x, y, p=1.0),
    "squared_euclidean": lambda x, y: (x - y).pow(2).sum(-1),
}


def call_with_distance(*tensors: Any, **kwargs: Any) -> Any:
    """``nn.TripletMarginWithDistanceLoss`` with the distance given by name."""
    name = kwargs.get("distance_function")
    if isinstance(name, str):
        kwargs["distance_function"] = DISTANCE_FUNCTIONS[name]
    return torch.nn.TripletMarginWithDistanceLoss(**kwargs)(*tensors)


CUSTOM_CALLS["TripletMarginWithDistanceLoss"] = (
    "torch.nn.TripletMarginWithDistanceLoss",
    call_with_distance,
)

#: Embedding shapes: (D,) gives one triplet; the last dimension is D.
TRIPLET_SHAPES = ((4,), (1,), (3, 4), (5, 2), (4, 1), (2, 3, 3), (0, 3))
NORMS = (2.0, 1.0, 3.0, 1.5, 0.5, math.inf, 2, 1)


def _triplet(m: Maker, shape: tuple[int, ...], dtype: Any) -> list[Any]:
    a = m.logits(shape, dtype, extreme=m.coin(0.15))
    p = (a + m.normal(shape, dtype, m.choice((0.3, 1.0)))).astype(dtype)
    n = (a + m.normal(shape, dtype, m.choice((0.5, 1.5)))).astype(dtype)
    if m.coin(0.2):  # identical positives: d = eps·D^(1/p), and swap ties
        p = a.copy()
    return [a, p, n]


def _exact_kink(dtype: Any) -> list[Any]:
    """With eps=0: d(a,p) = 1, d(a,n) = 2, so z = 1 + 1 - 2 = 0 exactly."""
    a = np.array([[0.0, 0.0], [1.0, 1.0], [0.0, 3.0]], dtype)
    p = np.array([[1.0, 0.0], [1.0, 2.0], [0.0, 4.0]], dtype)
    n = np.array([[2.0, 0.0], [1.0, 3.0], [0.0, 1.0]], dtype)
    return [a, p, n]


def _extremes(dtype: Any) -> list[Any]:
    a = np.array([[NAN, 0.0], [INF, 0.0], [1e4, -1e4], [0.0, 0.0], [1.0, 2.0]], dtype)
    p = np.array([[0.0, 0.0], [0.0, 0.0], [-1e4, 1e4], [0.0, 0.0], [1.0, 2.0]], dtype)
    n = np.array([[1.0, 0.0], [1.0, 0.0], [1e4, 1e4], [0.0, 0.0], [1.0, 2.0]], dtype)
    return [a, p, n]


def gen_triplet_margin(m: Maker) -> None:
    loss = "TripletMarginLoss"
    for dtype in DTYPES:
        for shape in TRIPLET_SHAPES:
            for red in STD:
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.6):
                    kw["p"] = m.choice(NORMS)
                if m.coin(0.5):
                    kw["margin"] = m.choice((1.0, 0.5, 1e-6, 10.0, 2))
                if m.coin(0.3):
                    kw["eps"] = m.choice((0.0, 1e-3, 1e-6))
                if m.coin(0.5):
                    kw["swap"] = m.coin()
                m.add(loss, _triplet(m, shape, dtype), "random", **kw)
    for dtype in DTYPES:
        for p in (2.0, 1.0):
            m.add(loss, _exact_kink(dtype), "kink", eps=0.0, p=p, reduction="none")
        for swap in (False, True):
            for red in ("none", "sum"):
                m.add(loss, _extremes(dtype), "extremes", swap=swap, reduction=red)
        for p in (0.0, -1.0, -math.inf, math.inf):
            m.add(loss, _extremes(dtype), "extremes-norm", p=p, reduction="none")
    # Broadcasting after the equal-ndim check; mixed and integer dtypes.
    a, p, n = _triplet(m, (3, 4), F64)
    m.add(loss, [a, p[:1], n], "broadcast", reduction="none")
    m.add(loss, [a[:1], p, n[:, :1]], "broadcast", reduction="sum", swap=True)
    m.add(loss, [a.astype(F32), p, n], "mixed-dtype", reduction="none")
    ints = [m.rng.integers(-3, 4, size=(3, 4)).astype(I64) for _ in range(3)]
    m.add(loss, ints, "long", reduction="none")
    # Errors.
    m.add(loss, [a, p, n[0]], "err-ndim")
    m.add(loss, [a[0], p, n], "err-ndim")
    m.add(loss, [a, p[:, :3], n], "err-size-mismatch")
    m.add(loss, [a, p[:2], n], "err-size-mismatch")
    for margin in (0.0, 0, -1.0, "1"):
        m.add(loss, [a, p, n], "err-margin", margin=margin)
    m.add(loss, [a, p, n], "err-p-type", p="2")
    m.add(loss, [a, p, n], "err-eps-type", eps="0")
    m.add(loss, [a, p, n], "err-swap-type", swap=1)
    m.add(loss, [a[:, :0], p[:, :0], n[:, :0]], "err-empty-norm", p=math.inf)
    reduction_tail(m, loss, lambda: _triplet(m, (3, 2), F64))
    reduction_tail(m, loss, lambda: _triplet(m, (3, 2), F64), swap=True, p=1.0)


def gen_triplet_with_distance(m: Maker) -> None:
    loss = "TripletMarginWithDistanceLoss"
    names = (None, *DISTANCE_FUNCTIONS)
    for dtype in DTYPES:
        for shape in TRIPLET_SHAPES:
            for red in STD:
                kw: dict[str, Any] = {"reduction": red}
                name = m.choice(names)
                if name is not None or m.coin():
                    kw["distance_function"] = name
                if m.coin(0.5):
                    kw["margin"] = m.choice((1.0, 0.5, 1e-6, 10.0, 2))
                if m.coin(0.5):
                    kw["swap"] = m.coin()
                m.add(loss, _triplet(m, shape, dtype), f"random-{name}", **kw)
    for dtype in DTYPES:
        for name in DISTANCE_FUNCTIONS:
            for swap in (False, True):
                kw = {"distance_function": name, "swap": swap, "reduction": "none"}
                m.add(loss, _extremes(dtype), f"extremes-{name}", **kw)
        # z == 0 exactly with squared distances: 1 + 1 - 2 (no eps there).
        kw = {"distance_function": "squared_euclidean", "reduction": "none"}
        a = np.array([[0.0, 0.0], [1.0, 1.0]], dtype)
        p = np.array([[1.0, 0.0], [1.0, 2.0]], dtype)
        n = np.array([[1.0, 1.0], [0.0, 2.0]], dtype)
        m.add(loss, [a, p, n], "kink", **kw)
    # Broadcasting; mixed and integer dtypes.
    a, p, n = _triplet(m, (3, 4), F64)
    for name in DISTANCE_FUNCTIONS:
        kw = {"distance_function": name, "reduction": "none"}
        m.add(loss, [a, p[:1], n], f"broadcast-{name}", **kw)
        m.add(loss, [a.astype(F32), p, n], f"mixed-dtype-{name}", **kw)
    ints = [m.rng.integers(-3, 4, size=(3, 4)).astype(I64) for _ in range(3)]
    for name in DISTANCE_FUNCTIONS:
        m.add(loss, ints, f"long-{name}", distance_function=name, reduction="none")
    # Errors (the margin is checked by the constructor, then the reduction).
    m.add(loss, [a, p, n[0]], "err-ndim")
    m.add(loss, [a, p[:, :3], n], "err-size-mismatch")
    for margin in (0.0, 0, -1.0):
        m.add(loss, [a, p, n], "err-margin", margin=margin)
    m.add(loss, [a, p, n], "err-margin-first", margin=-1, reduction="foo")
    m.add(loss, [a, p, n[0]], "err-reduction-first", reduction="foo")
    reduction_tail(m, loss, lambda: _triplet(m, (3, 2), F64), legacy=False)
    tail_kw = {"distance_function": "cosine_distance", "swap": True}
    reduction_tail(m, loss, lambda: _triplet(m, (3, 2), F64), legacy=False, **tail_kw)
