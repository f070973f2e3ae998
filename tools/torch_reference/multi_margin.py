"""Reference cases for MultiMarginLoss and MultiLabelMarginLoss.

Torch's CPU kernels leave the output of an empty batch uninitialised under
``'mean'`` and ``'sum'`` (a different number on each call), so empty batches
appear with ``'none'`` only.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, reduction_tail

#: (input shape, target shape) for MultiMarginLoss.
MULTI_LAYOUTS = (
    ((), ()),
    ((), (1,)),
    ((4,), ()),
    ((4,), (1,)),
    ((5, 4), (5,)),
    ((1, 3), (1,)),
    ((1, 3), ()),
    ((3, 1), (3,)),
    ((6, 5), (6,)),
)
MARGINS = (1.0, 0.5, 0.0, -1.0, 3.0, 2)


def _scores(m: Maker, shape: tuple[int, ...], dtype: Any) -> Any:
    x = m.logits(shape, dtype, extreme=m.coin(0.25))
    if m.coin(0.25):  # quantised scores make exact ties z == 0 likely
        x = np.round(x).astype(dtype)
    if m.coin(0.1) and x.size:
        x = m.sprinkle(x, (NAN, INF, -INF), 0.2)
    return x


def _class_weight(m: Maker, c: int, dtype: Any) -> Any:
    w = m.uniform((c,), dtype, 0.0, 3.0)
    if m.coin(0.3):
        w = m.sprinkle(w, (0.0, -1.0), 0.3)
    return w


def gen_multi_margin(m: Maker) -> None:
    loss = "MultiMarginLoss"
    for dtype in DTYPES:
        for xs, ts in MULTI_LAYOUTS:
            c = xs[-1] if xs else 1
            for red in STD:
                x = _scores(m, xs, dtype)
                t = m.rng.integers(0, c, size=ts).astype(I64)
                kw: dict[str, Any] = {"reduction": red}
                if m.coin(0.7):
                    kw["p"] = m.choice((1, 2, 2.0, 1.0))
                if m.coin(0.6):
                    kw["margin"] = m.choice(MARGINS)
                if m.coin(0.5):
                    kw["weight"] = _class_weight(m, c, dtype)
                m.add(loss, [x, t], "random", **kw)
        x = m.normal((0, 3), dtype)
        m.add(loss, [x, np.zeros(0, I64)], "empty", reduction="none")
    # Exact ties: z_i = margin - x[y] + x[i] == 0 contributes nothing.
    for dtype in DTYPES:
        x = np.array([[0.0, 1.0, 0.0], [2.0, 1.0, 1.5], [0.5, 0.5, 0.5]], dtype)
        t = np.array([1, 0, 2], I64)
        for p in (1, 2):
            for red in STD:
                m.add(loss, [x, t], "ties", p=p, reduction=red)
    # NaN and inf scores (NaN terms are skipped), large values.
    for dtype in DTYPES:
        x = np.array(
            [[NAN, 0.0, 1.0], [0.0, NAN, 1.0], [INF, 0.0, 0.0], [1e4, -1e4, 0.0]],
            dtype,
        )
        t = np.array([1, 1, 2, 1], I64)
        for p in (1, 2):
            m.add(loss, [x, t], "nan-inf", p=p, reduction="none")
            m.add(loss, [x, t], "nan-inf", p=p, reduction="sum")
    # Errors.
    x, t = m.normal((3, 4), F32), np.array([0, 3, 1], I64)
    for p in (3, 0, 1.5):
        m.add(loss, [x, t], "err-p", p=p)
    m.add(loss, [x, t], "err-weight-2d", weight=np.ones((4, 1), F32))
    m.add(loss, [x, t], "err-weight-size", weight=np.ones(3, F32))
    m.add(loss, [x, t], "err-weight-dtype", weight=np.ones(4, F64))
    m.add(loss, [x.astype(F64), t], "err-weight-dtype", weight=np.ones(4, F32))
    for bad in ([0, 4, 1], [0, -1, 1]):
        m.add(loss, [x, np.array(bad, I64)], "err-target-range")
    m.add(loss, [x, np.array([0, 1], I64)], "err-target-size")
    m.add(loss, [x, t[:, None]], "err-target-size")
    m.add(loss, [x[0], np.array([0, 1], I64)], "err-target-size")
    m.add(loss, [x, t.astype(F32)], "err-target-dtype")
    m.add(loss, [x, t.astype(np.int32)], "err-target-dtype")
    m.add(loss, [x.astype(I64), t], "err-long-input")
    m.add(loss, [m.normal((2, 2, 2), F32), np.zeros(2, I64)], "err-3d-input")
    m.add(loss, [m.normal((2, 0), F32), np.zeros(2, I64)], "err-empty-classes")
    m.add(loss, [x, t], "err-margin", margin="1")
    make = lambda: [m.normal((3, 4), F64, 2.0), m.rng.integers(0, 4, 3).astype(I64)]  # noqa: E731
    reduction_tail(m, loss, make)
    reduction_tail(m, loss, make, p=2, weight=m.uniform((4,), F64, 0.5, 2.0))


def _label_lists(m: Maker, n: int, c: int) -> Any:
    """Rows of class indices up to a -1 (then anything in [-1, C))."""
    t = np.empty((n, c), I64)
    for row in range(n):
        kind = m.choice(("prefix", "prefix", "dup", "full", "none"))
        perm = m.rng.permutation(c)
        k = int(m.rng.integers(1, c + 1))
        if kind == "full":
            t[row] = perm
            continue
        if kind == "none":
            k = 0
        listed = list(perm[:k])
        if kind == "dup" and listed:
            listed.append(listed[0])
        listed = listed[: c - 1] if len(listed) >= c else listed
        tail = m.rng.integers(-1, c, size=c - len(listed) - 1)
        t[row] = [*listed, -1, *tail]
    return t


def gen_multilabel_margin(m: Maker) -> None:
    loss = "MultiLabelMarginLoss"
    for dtype in DTYPES:
        for shape in ((4,), (1, 3), (5, 4), (3, 1), (4, 6), (2, 2)):
            n, c = (1, shape[0]) if len(shape) == 1 else shape
            for red in STD:
                x = _scores(m, shape, dtype)
                t = _label_lists(m, n, c).reshape(shape)
                m.add(loss, [x, t], "random", reduction=red)
        x = m.normal((0, 3), dtype)
        m.add(loss, [x, np.zeros((0, 3), I64)], "empty", reduction="none")
        for t0 in (0, -1):  # a 0-d input is one class: the loss is 0
            m.add(loss, [np.array(0.5, dtype), np.array(t0, I64)], "scalar")
        m.add(loss, [np.array(0.5, dtype), np.array([0], I64)], "scalar")
    # The documentation example, duplicates and entries after the -1.
    for dtype in DTYPES:
        x = np.array([[0.1, 0.2, 0.4, 0.8], [0.1, 0.2, 0.4, 0.8]], dtype)
        t = np.array([[3, 0, -1, 1], [3, 3, -1, 0]], I64)
        for red in STD:
            m.add(loss, [x, t], "docs-example", reduction=red)
    # Exact ties (z == 0 contributes nothing), NaN and inf, large values.
    for dtype in DTYPES:
        x = np.array(
            [
                [1.0, 0.0, 0.5],
                [NAN, 0.0, 1.0],
                [0.0, NAN, 1.0],
                [INF, 0.0, -INF],
                [1e4, -1e4, 0.0],
            ],
            dtype,
        )
        t = np.array([[0, -1, 2], [0, 2, -1], [0, -1, 1], [1, -1, 0], [1, 2, -1]], I64)
        for red in ("none", "sum"):
            m.add(loss, [x, t], "ties-nan-inf", reduction=red)
    # Errors.
    x = m.normal((2, 3), F32)
    for bad in (
        [[0, -2, 1], [0, 1, 2]],
        [[0, 3, -1], [0, 1, 2]],
        [[0, -1, 3], [1, 2, 0]],
    ):
        m.add(loss, [x, np.array(bad, I64)], "err-target-range")
    t = np.array([[0, 1, -1], [2, -1, 0]], I64)
    m.add(loss, [x, t[:, :2]], "err-target-size")
    m.add(loss, [x, t[0]], "err-target-size")
    m.add(loss, [x[0], t], "err-target-size")
    m.add(loss, [x, t.astype(F32)], "err-target-dtype")
    m.add(loss, [x, t.astype(np.int32)], "err-target-dtype")
    m.add(loss, [x.astype(I64), t], "err-long-input")
    m.add(loss, [m.normal((2, 2, 2), F32), np.zeros((2, 2, 2), I64)], "err-3d-input")
    m.add(loss, [m.normal((2, 0), F32), np.zeros((2, 0), I64)], "err-empty-classes")
    make = lambda: [m.normal((3, 4), F64, 2.0), _label_lists(m, 3, 4)]  # noqa: E731
    reduction_tail(m, loss, make)
