"""Reference cases for L1Loss, MSELoss, SmoothL1Loss and HuberLoss (and the
functional-only ``weight=`` of ``F.l1_loss``/``F.mse_loss``/``F.huber_loss``).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .core import BAD_REDUCTIONS, DTYPES, F32, F64, I64, INF, LEGACY, NAN, STD, Maker

# --------------------------------------------------------------------------- #
# Regression: L1Loss, MSELoss, SmoothL1Loss, HuberLoss
# --------------------------------------------------------------------------- #

PARAM = {
    "SmoothL1Loss": ("beta", (0.0, 0.5, 1.0, 2.0, 1e-3, INF)),
    "HuberLoss": ("delta", (0.5, 1.0, 1.5, 3.0, 1e-3, 100.0)),
}
REGRESSION_SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (2, 1, 3, 2), (0,), (0, 3))


def gen_regression(m: Maker, loss: str) -> None:
    param = PARAM.get(loss)
    legacy_ok = loss != "HuberLoss"

    def pkw() -> dict[str, Any]:
        if param is None or m.coin(0.25):
            return {}
        return {param[0]: m.choice(param[1])}

    # Random values over shapes, dtypes and reductions.
    for dtype in DTYPES:
        for shape in REGRESSION_SHAPES:
            for red in STD:
                scale = m.choice((1.0, 2.0, 5.0))
                x = m.normal(shape, dtype, scale)
                y = m.normal(shape, dtype, scale)
                if x.size and m.coin(0.4):  # exact ties x == y
                    tie = m.rng.random(shape) < 0.3
                    y[tie] = x[tie]
                m.add(loss, [x, y], "random", reduction=red, **pkw())
    # Exactly on the kink: |d| == beta / delta, d == 0, and either side.
    if param is not None:
        for value in param[1]:
            for dtype in DTYPES:
                b = float(np.asarray(value, dtype=dtype))
                if math.isinf(b):
                    d = np.array([0.0, 1.0, -3.0, 1e30], dtype=dtype)
                else:
                    d = np.array([0, b, -b, b / 2, -b / 2, 2 * b, -2 * b, 0], dtype)
                x = np.array([0.5, 0.25, -1.0, 2.0, 0.0, -0.75, 1.5, 0.0])[: d.size]
                x = x.astype(dtype)
                y = (x - d).astype(dtype)
                for red in ("none", "mean"):
                    kw = {param[0]: value, "reduction": red}
                    m.add(loss, [x, y], "kink", **kw)
    # NaN and inf, large values.
    for dtype in DTYPES:
        x = np.array([NAN, INF, -INF, 1.0, INF, 0.0, NAN], dtype=dtype)
        y = np.array([0.0, 0.0, 0.0, NAN, INF, -INF, NAN], dtype=dtype)
        for red in STD:
            m.add(loss, [x, y], "nan-inf", reduction=red, **pkw())
        x = m.sprinkle(m.normal((4, 3), dtype, 3.0), (1e4, -1e4), 0.5)
        y = m.sprinkle(m.normal((4, 3), dtype, 3.0), (1e4, -1e4), 0.3)
        for red in STD:
            m.add(loss, [x, y], "large", reduction=red, **pkw())
    # Broadcasting target vs input (torch warns, then broadcasts).
    pairs = (
        ((3, 1), (3,)),
        ((3,), (2, 3)),
        ((2, 3), (3,)),
        ((1,), (4,)),
        ((4,), ()),
        ((), (3,)),
    )
    for xs, ys in pairs:
        dtype = m.choice(DTYPES)
        x, y = m.normal(xs, dtype, 2.0), m.normal(ys, dtype, 2.0)
        for red in STD:
            m.add(loss, [x, y], "broadcast", reduction=red, **pkw())
    x, y = m.normal((3,), F32), m.normal((4,), F32)
    m.add(loss, [x, y], "err-size-mismatch")
    x, y = m.normal((2, 3), F32), m.normal((3, 2), F32)
    m.add(loss, [x, y], "err-size-mismatch", reduction="sum")
    # Mixed float dtypes promote.
    for xd, yd in ((F32, F64), (F64, F32)):
        x, y = m.normal((2, 3), xd, 2.0), m.normal((2, 3), yd, 2.0)
        for red in STD:
            m.add(loss, [x, y], "mixed-dtype", reduction=red, **pkw())
    # Integer tensors.
    xi = m.rng.integers(-5, 6, size=(2, 3)).astype(I64)
    yi = m.rng.integers(-5, 6, size=(2, 3)).astype(I64)
    for red in STD:
        m.add(loss, [xi, yi], "int64", reduction=red)
    m.add(
        loss, [xi, m.normal((2, 3), F32)], "int64-input-float-target", reduction="none"
    )
    # Legacy size_average / reduce, deprecated and invalid reductions.
    for sa, rd in LEGACY:
        x, y = m.normal((3, 2), F64, 2.0), m.normal((3, 2), F64, 2.0)
        kw: dict[str, Any] = {"reduction": m.choice(STD)}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, [x, y], "legacy" if legacy_ok else "err-legacy", **kw, **pkw())
    x, y = m.normal((2, 2), F32), m.normal((2, 2), F32)
    m.add(loss, [x, y], "elementwise-mean", reduction="elementwise_mean")
    for bad in BAD_REDUCTIONS:
        m.add(loss, [x, y], "err-reduction", reduction=bad)
    if loss in FUNCTIONAL:
        gen_functional_weight(m, loss, pkw)
    # Parameter range checks.
    if loss == "SmoothL1Loss":
        for beta in (-0.5, -1e-9):
            m.add(loss, [x, y], "err-beta", beta=beta)
        m.add(loss, [x, y], "beta-int", beta=2)
    if loss == "HuberLoss":
        for delta in (0.0, -1.0):
            m.add(loss, [x, y], "err-delta", delta=delta)
        m.add(loss, [x, y], "delta-int", delta=2)
        m.add(loss, [x, y], "err-delta-type", delta="1.0")
        m.add(loss, [x, y], "err-delta-type", delta=None)


#: Losses whose functional form takes ``weight=`` (the module does not).
FUNCTIONAL = {"L1Loss": "l1_loss", "MSELoss": "mse_loss", "HuberLoss": "huber_loss"}


def gen_functional_weight(m: Maker, loss: str, pkw: Any) -> None:
    """``F.l1_loss`` / ``F.mse_loss`` / ``F.huber_loss`` with ``weight=``."""
    fn = FUNCTIONAL[loss]
    for dtype in DTYPES:
        for shape in ((5,), (3, 4), (0, 2)):
            for red in STD:
                x, y = m.normal(shape, dtype, 2.0), m.normal(shape, dtype, 2.0)
                w = m.sprinkle(m.uniform(shape, dtype, 0.0, 3.0), (0.0,), 0.2)
                kw = {"weight": w, "reduction": red, **pkw()}
                m.add(loss, [x, y], "fn-weight", functional=fn, **kw)
    x, y = m.normal((3, 1), F64), m.normal((3,), F64)
    for red in STD:
        w = m.uniform((3, 1), F64)
        m.add(loss, [x, y], "fn-weight-bcast", functional=fn, weight=w, reduction=red)
    x, y = m.normal((2, 3), F32), m.normal((2, 3), F32)
    m.add(loss, [x, y], "fn-weight-zero", functional=fn, weight=np.zeros((2, 3), F32))
    for red in STD:
        w = m.uniform((2, 3), F64)
        m.add(loss, [x, y], "fn-weight-f64", functional=fn, weight=w, reduction=red)
    w = m.uniform((2, 3), F32)
    m.add(loss, [x, y], "err-fn-weight-size", functional=fn, weight=w[0])
    m.add(loss, [x, y], "err-fn-weight-size", functional=fn, weight=w[:, :1])
    for bad in ("foo", "elementwise_mean", "batchmean"):
        m.add(loss, [x, y], "err-fn-reduction", functional=fn, weight=w, reduction=bad)
    if loss != "HuberLoss":
        for sa, rd in LEGACY[:3]:
            kw: dict[str, Any] = {"weight": w}
            if sa is not None:
                kw["size_average"] = sa
            if rd is not None:
                kw["reduce"] = rd
            m.add(loss, [x, y], "fn-weight-legacy", functional=fn, **kw)
