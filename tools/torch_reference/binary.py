"""Reference cases for BCELoss and BCEWithLogitsLoss."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, common_tail

# --------------------------------------------------------------------------- #
# BCELoss, BCEWithLogitsLoss
# --------------------------------------------------------------------------- #

BINARY_SHAPES = ((), (1,), (4,), (3, 4), (2, 3, 2), (2, 3, 2, 2), (0,), (0, 3))


def _elementwise_weight(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    """A weight that broadcasts to ``shape`` without enlarging it (or None)."""
    options: list[tuple[int, ...] | None] = [None, shape, ()]
    if len(shape) >= 1:
        options.append(shape[-1:])
    if len(shape) >= 2:
        options.append((shape[0],) + (1,) * (len(shape) - 1))
        options.append(shape[1:])
    wshape = m.choice(options)
    if wshape is None:
        return None
    w = m.uniform(wshape, dtype, 0.0, 2.0)
    if m.coin(0.2):
        w = m.sprinkle(w, (0.0, -0.5), 0.3)
    return w


def gen_bce(m: Maker) -> None:
    loss = "BCELoss"
    for dtype in DTYPES:
        for shape in BINARY_SHAPES:
            for red in STD:
                x = m.probs(shape, dtype, exact=m.coin(0.6))
                y = m.hard(shape, dtype) if m.coin() else m.probs(shape, dtype, True)
                kw: dict[str, Any] = {"reduction": red}
                w = _elementwise_weight(m, shape, dtype)
                if w is not None:
                    kw["weight"] = w
                m.add(loss, [x, y], "random", **kw)
    # The edge table of spec section 3.1.
    xs = [0.0, 0.0, 1.0, 1.0, 0.5, 1e-13, 1e-60, 1e-10, 1.0 - 1e-7]
    ys = [0.0, 1.0, 0.0, 1.0, 0.5, 0.0, 1.0, 0.0, 1.0]
    for dtype in DTYPES:
        x, y = np.array(xs, dtype), np.array(ys, dtype)
        for red in STD:
            m.add(loss, [x, y], "edges", reduction=red)
    # Weight broadcasting and dtype.
    x, y = m.probs((2, 3), F32, True), m.hard((2, 3), F32)
    m.add(loss, [x, y], "weight-f64", weight=m.uniform((3,), F64))
    x64, y64 = x.astype(F64), y.astype(F64)
    for red in STD:
        m.add(
            loss, [x64, y64], "weight-f32", weight=m.uniform((2, 1), F32), reduction=red
        )
    m.add(loss, [x, y], "err-weight-ndim", weight=m.uniform((2, 2, 3), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((2,), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((3, 1), F32))
    # Range, size and dtype errors.
    for bad in (1.5, -0.1, NAN, INF):
        xb = np.array([0.2, bad, 0.7], F32)
        m.add(loss, [xb, np.array([0.0, 1.0, 1.0], F32)], "err-input-range")
    for bad in (NAN, 2.0, -0.5):
        yb = np.array([0.0, bad, 1.0], F64)
        m.add(loss, [np.array([0.2, 0.4, 0.7], F64), yb], "err-target-range")
    m.add(loss, [m.probs((1, 3), F32, False), m.hard((1,), F32)], "err-size")
    m.add(loss, [m.probs((3,), F32, False), m.hard((3, 1), F32)], "err-size")
    x = m.probs((2, 3), F32, False)
    m.add(loss, [x, m.hard((2, 3), F64)], "err-dtype")
    m.add(loss, [x.astype(F64), m.hard((2, 3), F32)], "err-dtype")
    m.add(loss, [x, m.hard((2, 3), I64)], "err-dtype-long")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), I64)], "err-long")
    common_tail(m, loss, lambda: [m.probs((3, 2), F64, True), m.hard((3, 2), F64)])


def gen_bce_logits(m: Maker) -> None:
    loss = "BCEWithLogitsLoss"
    for dtype in DTYPES:
        for shape in BINARY_SHAPES:
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.5))
                y = m.hard(shape, dtype) if m.coin() else m.probs(shape, dtype, True)
                if m.coin(0.15):
                    y = m.sprinkle(y, (2.0, -1.0), 0.3)  # not range-checked
                kw: dict[str, Any] = {"reduction": red}
                w = _elementwise_weight(m, shape, dtype)
                if w is not None:
                    kw["weight"] = w
                pw = _elementwise_weight(m, shape, dtype)
                if pw is not None:
                    kw["pos_weight"] = pw * 3
                m.add(loss, [x, y], "random", **kw)
    # pos_weight broadcasting as the docs show: (C,) and (C, 1, 1).
    for dtype in DTYPES:
        x, y = m.logits((2, 3, 2, 2), dtype, True), m.hard((2, 3, 2, 2), dtype)
        pw = m.uniform((3, 1, 1), dtype, 0.2, 4.0)
        m.add(loss, [x, y], "pos-weight-c11", pos_weight=pw, reduction="none")
        x, y = m.logits((4, 3), dtype, False), m.hard((4, 3), dtype)
        pw = np.array([1.0, 3.0, -0.5], dtype)
        for red in STD:
            m.add(loss, [x, y], "pos-weight-neg", pos_weight=pw, reduction=red)
    # Extreme logits: fingerprints of the stable form, +-inf, NaN.
    xs = [30.0, -20.0, 1e4, -1e4, 1e4, -1e4, INF, INF, -INF, -INF, NAN, 0.0, 40.0]
    ys = [1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0, 1.0, 1.0, 0.5, 1.0]
    for dtype in DTYPES:
        x, y = np.array(xs, dtype), np.array(ys, dtype)
        for red in STD:
            m.add(loss, [x, y], "extremes", reduction=red)
        pw = np.array([2.5], dtype)
        m.add(loss, [x, y], "extremes-pw", reduction="none", pos_weight=pw)
    # Mixed dtypes: the loss takes the target's dtype (in-place kernel).
    for xd, yd, wd, pwd in (
        (F32, F64, None, None),
        (F64, F32, None, None),
        (F32, F32, None, F64),
        (F32, F32, F64, None),
        (F64, F64, F32, F32),
        (F32, F64, F32, F64),
        (F64, F32, F64, F32),
    ):
        x, y = m.logits((2, 3), xd, False), m.probs((2, 3), yd, True)
        kw = {}
        if wd is not None:
            kw["weight"] = m.uniform((2, 1), wd)
        if pwd is not None:
            kw["pos_weight"] = m.uniform((3,), pwd, 0.5, 3.0)
        for red in STD:
            m.add(loss, [x, y], "mixed-dtype", reduction=red, **kw)
    x = m.logits((2, 3), F32, False)
    # Errors.
    m.add(loss, [m.logits((1, 3), F32, False), m.hard((1,), F32)], "err-size")
    m.add(loss, [m.logits((3, 1), F32, False), m.hard((3,), F32)], "err-size")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), F32)], "err-long-input")
    m.add(loss, [m.hard((2, 3), I64), m.hard((2, 3), I64)], "err-long-input")
    m.add(loss, [x, m.hard((2, 3), I64)], "err-long-target")
    y = m.hard((2, 3), F32)
    m.add(loss, [x[0], y[0]], "err-weight-bigger", weight=m.uniform((2, 3), F32))
    m.add(loss, [x[0], y[0]], "err-pw-bigger", pos_weight=m.uniform((2, 3), F32))
    m.add(loss, [x, y], "err-weight-shape", weight=m.uniform((2,), F32))
    m.add(loss, [x, y], "err-pw-shape", pos_weight=m.uniform((4,), F32))
    common_tail(m, loss, lambda: [m.logits((3, 2), F64, True), m.hard((3, 2), F64)])
