"""Reference cases for CTCLoss.

Tensors are ``[log_probs, targets, input_lengths, target_lengths]``, the
lengths as integer tensors. Not generated: labels outside ``[0, C)`` (torch's
CPU kernel does not check them and reads outside ``log_probs``), and ``blank``
or ``zero_infinity`` of the wrong Python type (torch's argument-parser message
lists every overload).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import torch

from .core import DTYPES, F32, F64, I64, INF, NAN, STD, Maker, reduction_tail

I32 = np.dtype(np.int32)


def _log_probs(m: Maker, shape: tuple[int, ...], dtype: Any, kind: str) -> Any:
    z = m.normal(shape, F64, m.choice((1.0, 3.0)))
    if kind == "raw":  # not normalised: torch does not check
        return z.astype(dtype)
    lp = torch.log_softmax(torch.from_numpy(z), -1).numpy()
    if kind == "-inf" and lp.size:
        lp = m.sprinkle(lp, (-INF,), 0.1)
    return lp.astype(dtype)


def _labels(m: Maker, n: int, classes: int, blank: int) -> Any:
    """``n`` labels in [0, C) other than the blank (repeats likely)."""
    labels = m.rng.integers(0, classes - 1, size=n)
    return np.where(labels >= blank, labels + 1, labels).astype(I64)


def _batch(
    m: Maker, steps: int, batch: int, classes: int, blank: int, padded: bool
) -> tuple[Any, Any, Any]:
    """Targets (padded or concatenated), input and target lengths."""
    il = m.rng.integers(max(steps - 3, 0), steps + 1, size=batch).astype(I64)
    tl = m.rng.integers(0, max(steps // 2, 1) + 2, size=batch).astype(I64)
    if padded:
        width = int(tl.max()) + int(m.rng.integers(0, 2))
        tg = np.stack([_labels(m, width, classes, blank) for _ in range(batch)])
    else:
        tg = _labels(m, int(tl.sum()), classes, blank)
    return tg, il, tl


def gen_ctc(m: Maker) -> None:
    loss = "CTCLoss"
    for dtype in DTYPES:
        for steps, batch, classes in ((6, 2, 4), (8, 3, 3), (1, 1, 2), (5, 1, 5)):
            for red in STD:
                blank = m.choice((0, 0, classes - 1, 1))
                padded = m.coin(0.6)
                lp_kind = m.choice(("normal", "normal", "raw", "-inf"))
                lp = _log_probs(m, (steps, batch, classes), dtype, lp_kind)
                tg, il, tl = _batch(m, steps, batch, classes, blank, padded)
                kw: dict[str, Any] = {"reduction": red}
                if blank or m.coin(0.3):
                    kw["blank"] = blank
                if m.coin(0.5):
                    kw["zero_infinity"] = m.coin()
                layout = "padded" if padded else "concat"
                m.add(loss, [lp, tg, il, tl], f"{layout}-{lp_kind}", **kw)
        # Unbatched: (T, C) log_probs, (S,) targets, 0-d lengths.
        for red in STD:
            lp = _log_probs(m, (5, 4), dtype, "normal")
            tl = int(m.rng.integers(0, 4))
            tg = _labels(m, tl, 4, 0)
            lengths = [np.array(5, I64), np.array(tl, I64)]
            m.add(loss, [lp, tg, *lengths], "unbatched", reduction=red)
    # Infeasible alignments (too short; repeats need a blank between them),
    # with and without zero_infinity; zero lengths; NaN in log_probs.
    for dtype in DTYPES:
        lp = _log_probs(m, (4, 4, 3), dtype, "normal")
        tg = np.array([[1, 2, 1], [1, 1, 2], [2, 2, 0], [1, 0, 0]], I64)
        il = np.array([2, 3, 0, 4], I64)
        tl = np.array([3, 3, 0, 1], I64)
        for zero_infinity in (False, True):
            for red in STD:
                kw = {"zero_infinity": zero_infinity, "reduction": red}
                m.add(loss, [lp, tg, il, tl], "infeasible", **kw)
        lp_nan = lp.copy()
        lp_nan[1, 0, 1] = NAN
        m.add(loss, [lp_nan, tg, il, tl], "nan", reduction="none")
        # The blank as a target label and as the last label.
        tg = np.array([[0, 1], [2, 2], [1, 0], [0, 0]], I64)
        tl = np.array([2, 2, 2, 1], I64)
        m.add(loss, [lp, tg, np.full(4, 4, I64), tl], "blank-label", reduction="sum")
    # Label and length dtypes torch accepts.
    lp = _log_probs(m, (6, 2, 4), F64, "normal")
    tg, il, tl = (
        np.array([[1, 2, 3], [3, 3, 1]], I64),
        np.array([6, 5]),
        np.array([3, 2]),
    )
    m.add(loss, [lp, tg.astype(I32), il, tl], "int32-targets")
    m.add(loss, [lp, tg.astype(F32), il, tl], "float-targets")
    m.add(loss, [lp, tg > 1, il, tl], "bool-targets")
    m.add(loss, [lp, tg, il.astype(I32), tl.astype(I32)], "int32-lengths")
    # Errors, in the order torch checks them.
    m.add(loss, [lp, tg, il.astype(F32), tl], "err-float-input-lengths")
    m.add(loss, [lp, tg, il, tl.astype(F64)], "err-float-target-lengths")
    m.add(loss, [lp.astype(I64), tg, il, tl], "err-long-log-probs")
    m.add(loss, [lp[:0], tg, np.zeros(2, I64), tl], "err-empty")
    m.add(loss, [lp[0, 0, 0], tg[0], np.array(1), np.array(2)], "err-0d-log-probs")
    m.add(loss, [lp[None], tg, il, tl], "err-4d-log-probs")
    m.add(loss, [lp, tg[None], il, tl], "err-3d-targets")
    for blank in (4, -1, 7):
        m.add(loss, [lp, tg, il, tl], "err-blank", blank=blank)
    m.add(loss, [lp, tg, il[:1], tl], "err-input-lengths-size")
    m.add(loss, [lp, tg, il, np.array([3, 2, 1])], "err-target-lengths-size")
    m.add(loss, [lp, tg, np.array([7, 5]), tl], "err-input-length-high")
    m.add(loss, [lp, tg, np.array([6, -1]), tl], "err-input-length-negative")
    m.add(loss, [lp, tg, il, np.array([3, -1])], "err-target-length-negative")
    m.add(loss, [lp, tg, il, np.array([4, 2])], "err-target-length-high")
    m.add(loss, [lp, tg[:1], il, tl], "err-padded-batch")
    m.add(loss, [lp, tg.reshape(-1)[:4], il, tl], "err-concat-length")

    def make() -> list[Any]:
        lp = _log_probs(m, (5, 2, 3), F64, "normal")
        return [lp, np.array([[1, 2], [2, 1]], I64), np.array([5, 4]), np.array([2, 1])]

    reduction_tail(m, loss, make, legacy=False)
