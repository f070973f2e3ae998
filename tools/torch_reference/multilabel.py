"""Reference cases for MultiLabelSoftMarginLoss."""

from __future__ import annotations

from typing import Any

import numpy as np

from .core import BAD_REDUCTIONS, DTYPES, F32, F64, I64, INF, LEGACY, NAN, STD, Maker

# --------------------------------------------------------------------------- #
# MultiLabelSoftMarginLoss
# --------------------------------------------------------------------------- #

MLSM_SHAPES = ((4,), (1, 3), (5, 4), (2, 3, 4), (0, 3), (3, 1))


def gen_mlsm(m: Maker) -> None:
    loss = "MultiLabelSoftMarginLoss"
    for dtype in DTYPES:
        for shape in MLSM_SHAPES:
            c = shape[-1]
            for red in STD:
                x = m.logits(shape, dtype, extreme=m.coin(0.4))
                kind = m.choice(("hard", "soft", "int"))
                if kind == "hard":
                    y = m.hard(shape, dtype)
                elif kind == "soft":
                    y = m.probs(shape, dtype, False)
                else:
                    y = m.hard(shape, I64)
                kw: dict[str, Any] = {"reduction": red}
                wshape = m.choice((None, (c,), shape, (*shape[:-1], 1)))
                if wshape is not None:
                    kw["weight"] = m.uniform(wshape, dtype, 0.0, 2.0)
                m.add(loss, [x, y], f"random-{kind}", **kw)
    for dtype in DTYPES:
        x = np.array([[NAN, 1.0, -1e4], [1e4, INF, -INF]], dtype)
        y = np.array([[1.0, 0.0, 1.0], [0.0, 1.0, 1.0]], dtype)
        for red in STD:
            m.add(loss, [x, y], "nan-inf", reduction=red)
    x = m.logits((3, 4), F32, False)
    m.add(loss, [x, m.hard((4,), F32)], "target-broadcast", reduction="none")
    m.add(loss, [x, m.hard((3, 4), F64)], "mixed-dtype", reduction="sum")
    m.add(loss, [x, m.hard((3, 4), F32)], "weight-f64", weight=m.uniform((4,), F64))
    m.add(loss, [x, m.hard((3, 5), F32)], "err-size-mismatch")
    m.add(loss, [x, m.hard((3, 4), F32)], "err-weight-size", weight=np.ones(3, F32))
    for sa, rd in LEGACY:
        kw = {"reduction": m.choice(STD)}
        if sa is not None:
            kw["size_average"] = sa
        if rd is not None:
            kw["reduce"] = rd
        m.add(loss, [m.logits((3, 2), F64, True), m.hard((3, 2), F64)], "legacy", **kw)
    for bad in ("elementwise_mean", *BAD_REDUCTIONS):
        m.add(loss, [x, m.hard((3, 4), F32)], "err-reduction", reduction=bad)
