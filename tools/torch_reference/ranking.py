"""Reference cases for MarginRankingLoss and CosineEmbeddingLoss (pairs and a label)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, reduction_tail, signs

RANKING_SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (0,), (0, 3))


def gen_margin_ranking(m: Maker) -> None:
    loss = "MarginRankingLoss"
    margins = (0.0, 0.5, 1.0, -0.5, 2, 1e4)
    for dtype in DTYPES:
        for shape in RANKING_SHAPES:
            for red in STD:
                x1 = m.logits(shape, dtype, extreme=m.coin(0.3))
                x2 = m.logits(shape, dtype, extreme=m.coin(0.3))
                y = signs(m, shape, dtype, odd=0.3 if m.coin(0.3) else 0.0)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.7):
                    kw["margin"] = m.choice(margins)
                m.add(loss, [x1, x2, y], "random", **kw)
    # Exactly at the kink -y·(x1 - x2) + margin == 0: the gradient flows.
    for dtype in DTYPES:
        x1 = np.array([1.5, 0.5, 2.0, 0.0, 3.0], dtype)
        x2 = np.array([1.0, 1.0, 2.0, 0.5, 1.0], dtype)
        y = np.array([1.0, -1.0, 1.0, -1.0, 0.0], dtype)
        for margin in (0.5, 0.0):
            for red in ("none", "mean"):
                m.add(loss, [x1, x2, y], "kink", margin=margin, reduction=red)
    # NaN and inf.
    for dtype in DTYPES:
        x1 = np.array([NAN, 1.0, INF, -INF, INF, 1e4, -1e4], dtype)
        x2 = np.array([0.0, NAN, 0.0, 0.0, INF, -1e4, 1e4], dtype)
        y = np.array([1.0, -1.0, 1.0, 1.0, -1.0, -1.0, -1.0], dtype)
        for red in STD:
            m.add(loss, [x1, x2, y], "nan-inf", reduction=red)
    # Equal ndim, then broadcasting.
    for s1, s2, st in (
        ((5, 2), (5, 1), (1, 2)),
        ((3,), (3,), (1,)),
        ((1, 4), (3, 1), (3, 4)),
        ((2, 1), (2, 1), (2, 3)),
    ):
        x1, x2, y = m.normal(s1, F64, 2.0), m.normal(s2, F64, 2.0), signs(m, st, F64)
        for red in STD:
            m.add(loss, [x1, x2, y], "broadcast", reduction=red)
    x = m.normal((3,), F32)
    m.add(loss, [x, m.normal((3, 1), F32), signs(m, (3,), F32)], "err-ndim")
    m.add(loss, [x, x, signs(m, (3, 1), F32)], "err-ndim")
    m.add(loss, [x[None], x, signs(m, (3,), F32)], "err-ndim")
    m.add(loss, [x, m.normal((4,), F32), signs(m, (3,), F32)], "err-size-mismatch")
    m.add(loss, [x, x, signs(m, (2,), F32)], "err-size-mismatch")
    # dtypes.
    y = signs(m, (3,), F32)
    m.add(loss, [x, m.normal((3,), F64), y], "mixed-dtype", reduction="none")
    m.add(loss, [x.astype(F64), x, y], "mixed-dtype", reduction="sum")
    m.add(loss, [x, x[::-1], signs(m, (3,), I64)], "long-target", reduction="none")
    xi = m.rng.integers(-3, 4, size=(3,)).astype(I64)
    m.add(loss, [xi, xi[::-1], signs(m, (3,), I64)], "long-inputs", reduction="none")
    m.add(loss, [x, x[::-1], y > 0], "err-bool-target")
    m.add(loss, [x > 0, x[::-1] > 0, y], "err-bool-inputs")
    m.add(loss, [x, x[::-1], y], "err-margin", margin="0")

    def make() -> list[Any]:
        return [m.normal((3, 2), F64), m.normal((3, 2), F64), signs(m, (3, 2), F64)]

    reduction_tail(m, loss, make)


#: (input shape, target shape) for CosineEmbeddingLoss.
COSINE_LAYOUTS = (
    ((3,), ()),
    ((1,), ()),
    ((4, 3), (4,)),
    ((1, 5), (1,)),
    ((5, 1), (5,)),
    ((3, 2), (3,)),
    ((0, 3), (0,)),
)


def _embedding_pair(m: Maker, shape: tuple[int, ...], dtype: Any) -> list[Any]:
    """Two batches of embeddings, sometimes nearly (anti-)parallel.

    Kept away from exact ties that float32 rounding decides: nearly parallel
    pairs have |cos| ~ 1 - 1e-4 (margin 1 is then clearly inactive), and with
    D = 1 (cos = ±1, a gradient of pure rounding noise ~ ulp/|x|) entries
    have |x| >= 0.5.
    """
    if shape[-1] == 1:
        return [
            signs(m, shape, dtype) * m.uniform(shape, dtype, 0.5, 3.0) for _ in "ab"
        ]
    x1 = m.logits(shape, dtype, extreme=m.coin(0.2))
    if m.coin(0.3):
        x2 = (x1 * m.choice((1.0, -1.0, 2.0))).astype(dtype)
        noise = m.normal(shape, dtype, 0.05) * (1 + np.abs(x1))
        return [x1, (x2 + noise).astype(dtype)]
    return [x1, m.logits(shape, dtype, extreme=m.coin(0.2))]


def gen_cosine_embedding(m: Maker) -> None:
    loss = "CosineEmbeddingLoss"
    margins = (0.0, 0.5, -0.5, 1.0, 0.2)
    for dtype in DTYPES:
        for xs, ys in COSINE_LAYOUTS:
            for red in STD:
                x1, x2 = _embedding_pair(m, xs, dtype)
                y = signs(m, ys, dtype, odd=0.3 if m.coin(0.3) else 0.0)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.7):
                    kw["margin"] = m.choice(margins)
                m.add(loss, [x1, x2, y], "random", **kw)
    # Zero vectors (ε = float32(1e-12) keeps them finite), orthogonal pairs at
    # the kink cos == margin == 0, NaN and inf.
    for dtype in DTYPES:
        x1 = np.array(
            [
                [0.0, 0.0, 0.0],
                [1.0, 0.0, 0.0],
                [1.0, 0.0, 0.0],
                [0.0, 0.0, 0.0],
                [NAN, 1.0, 0.0],
                [INF, 1.0, 0.0],
                [1e4, -1e4, 1.0],
                [1e-30, 0.0, 0.0],
            ],
            dtype,
        )
        x2 = np.array(
            [
                [1.0, 1.0, 1.0],
                [0.0, 1.0, 0.0],
                [0.0, 2.0, 0.0],
                [0.0, 0.0, 0.0],
                [1.0, 1.0, 1.0],
                [1.0, 0.0, 0.0],
                [1.0, 1.0, 1e4],
                [1.0, 0.0, 0.0],
            ],
            dtype,
        )
        y = np.array([1.0, -1.0, 1.0, -1.0, 1.0, 1.0, -1.0, 1.0], dtype)
        for red in STD:
            m.add(loss, [x1, x2, y], "edges", reduction=red)
            m.add(loss, [x1, x2, -y], "edges", reduction=red)
    # Broadcasting between the inputs and the target.
    x = m.normal((3, 4), F64)
    m.add(loss, [x, m.normal((1, 4), F64), signs(m, (3,), F64)], "broadcast-input2")
    m.add(loss, [x, m.normal((3, 4), F64), signs(m, (1,), F64)], "broadcast-target")
    m.add(loss, [x, m.normal((3, 1), F64), signs(m, (3,), F64)], "broadcast-d")
    # Shape errors.
    x = m.normal((3, 4), F32)
    y = signs(m, (3,), F32)
    m.add(loss, [x[0], x[1], y], "err-1d-target-1d-inputs")
    m.add(loss, [x[None], x[None], y], "err-1d-target-3d-inputs")
    m.add(loss, [x, x, y[0]], "err-0d-target-2d-inputs")
    m.add(loss, [x, x, y[:, None]], "err-2d-target")
    m.add(loss, [x, x[:2], y], "err-batch-mismatch")
    m.add(loss, [x, x[:, :3], y], "err-d-mismatch")
    m.add(loss, [x, x, signs(m, (4,), F32)], "err-target-size")
    # dtypes.
    m.add(loss, [x, x[::-1], signs(m, (3,), F64)], "f64-target", reduction="none")
    m.add(loss, [x, x.astype(F64), y], "mixed-inputs", reduction="none")
    m.add(loss, [x, x[::-1], signs(m, (3,), I64)], "long-target", reduction="sum")
    m.add(loss, [x, x[::-1], y > 0], "bool-target", reduction="none")
    xi = m.rng.integers(-3, 4, size=(3, 4)).astype(I64)
    m.add(loss, [xi, xi[::-1], y], "long-inputs", reduction="none")
    m.add(loss, [x, x[::-1], y], "err-margin", margin="0")

    def make() -> list[Any]:
        return [m.normal((3, 2), F64), m.normal((3, 2), F64), signs(m, (3,), F64)]

    reduction_tail(m, loss, make)
