"""Reference cases for SoftMarginLoss and HingeEmbeddingLoss (±1 labels)."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, reduction_tail, signs

ELEMENTWISE_SHAPES = ((), (1,), (5,), (3, 4), (2, 3, 2), (0,), (0, 3))
#: Values at and beyond float32's exp overflow (-y·x > ~88.7), and ±1e4.
OVERFLOW = (-1e4, -100.0, -89.0, -88.0, 88.0, 89.0, 100.0, 1e4, 0.0, -30.0)


def gen_soft_margin(m: Maker) -> None:
    loss = "SoftMarginLoss"
    for dtype in DTYPES:
        for shape in ELEMENTWISE_SHAPES:
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.4))
                kind = m.choice(("pm1", "pm1", "odd", "int"))
                if kind == "int":
                    y = signs(m, shape, I64)
                else:
                    y = signs(m, shape, dtype, odd=0.3 if kind == "odd" else 0.0)
                m.add(loss, [x, y], f"random-{kind}", reduction=red)
    # Overflow of exp(-y·x): float32 gives inf loss and NaN gradient.
    for dtype in DTYPES:
        x = np.array([*OVERFLOW, INF, -INF, NAN, INF], dtype)
        y = np.array([1, -1, 1, -1, 1, -1, 1, -1, 1, 1, 1, 1, -1, -1], dtype)
        for red in STD:
            m.add(loss, [x, y], "overflow", reduction=red)
    # The target broadcasts only if the loss keeps the input's shape.
    x = m.logits((2, 3), F64, False)
    for red in STD:
        m.add(loss, [x, signs(m, (3,), F64)], "target-broadcast", reduction=red)
    m.add(loss, [x, signs(m, (1, 1), F64)], "target-broadcast")  # default 'mean'
    m.add(loss, [x[:, :1], signs(m, (3,), F64)], "err-output-broadcast")
    m.add(loss, [x[0], signs(m, (2, 3), F64)], "err-output-broadcast")
    m.add(loss, [x, signs(m, (4,), F64)], "err-size-mismatch")
    # dtypes: mixed floats, integer and bool tensors.
    x32 = m.logits((2, 3), F32, False)
    m.add(loss, [x32, signs(m, (2, 3), F64)], "mixed-f32-f64", reduction="none")
    m.add(loss, [x, signs(m, (2, 3), F32)], "mixed-f64-f32", reduction="sum")
    m.add(loss, [signs(m, (2, 3), I64), signs(m, (2, 3), F32)], "err-long-input")
    m.add(loss, [x32, signs(m, (2, 3), F32) > 0], "bool-target", reduction="sum")
    m.add(loss, [x32 > 0, signs(m, (2, 3), F32)], "err-bool-input")
    reduction_tail(
        m, loss, lambda: [m.logits((3, 2), F64, True), signs(m, (3, 2), F64)]
    )


def gen_hinge_embedding(m: Maker) -> None:
    loss = "HingeEmbeddingLoss"
    margins = (1.0, 0.5, 2.0, 0.0, -1.0, 1e4)
    for dtype in DTYPES:
        for shape in ELEMENTWISE_SHAPES:
            for red in STD:
                # ±1e4 terms cancel in a float32 sum; torch and NumPy sum in
                # different orders, so large values go unreduced there.
                extreme = m.coin(0.3) and (dtype == F64 or red == "none")
                x = (
                    np.abs(m.normal(shape, dtype, 2.0))
                    if m.coin()
                    else m.logits(shape, dtype, extreme=extreme)
                )
                y = signs(m, shape, dtype, odd=0.3 if m.coin(0.3) else 0.0)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.7):
                    kw["margin"] = m.choice(margins)
                m.add(loss, [x, y], "random", **kw)
    # Exactly at the kink margin - x == 0 (the hinge is active there).
    for dtype in DTYPES:
        for margin in (1.0, 0.5, 2.5):
            x = np.array([margin, margin, margin, 0.0, margin * 2, -margin], dtype)
            y = np.array([-1.0, 1.0, 0.0, -1.0, -1.0, -1.0], dtype)
            for red in ("none", "mean"):
                m.add(loss, [x, y], "kink", margin=margin, reduction=red)
    # NaN and inf, large values.
    for dtype in DTYPES:
        x = np.array([NAN, NAN, NAN, INF, -INF, INF, -INF, 1e4, -1e4], dtype)
        y = np.array([1.0, -1.0, 0.0, 1.0, 1.0, -1.0, -1.0, -1.0, -1.0], dtype)
        for red in STD:
            m.add(loss, [x, y], "nan-inf", reduction=red)
    # Silent broadcasting in both directions.
    for xs, ys in (((2, 3), (3,)), ((3, 1), (3,)), ((3,), (2, 3)), ((2, 1), (1, 4))):
        x, y = m.normal(xs, F64, 2.0), signs(m, ys, F64)
        for red in STD:
            m.add(loss, [x, y], "broadcast", reduction=red)
    m.add(loss, [m.normal((2, 3), F32), signs(m, (4,), F32)], "err-size-mismatch")
    # dtypes: mixed floats, integer inputs (integer loss; 'mean' fails).
    m.add(loss, [m.normal((2, 3), F32), signs(m, (2, 3), F64)], "mixed-dtype")
    m.add(loss, [m.normal((2, 3), F64), signs(m, (2, 3), I64)], "long-target")
    xi = m.rng.integers(-2, 4, size=(2, 3)).astype(I64)
    for red in STD:
        m.add(loss, [xi, signs(m, (2, 3), I64)], "long-input", reduction=red)
    m.add(loss, [xi, signs(m, (2, 3), I64)], "long-input", margin=1.7, reduction="sum")
    for bad in ("1.0", None):
        m.add(
            loss, [m.normal((3,), F32), signs(m, (3,), F32)], "err-margin", margin=bad
        )
    reduction_tail(m, loss, lambda: [m.normal((3, 2), F64), signs(m, (3, 2), F64)])
