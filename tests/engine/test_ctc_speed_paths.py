"""CTCLoss's fast kernel paths against live torch.

The kernel runs α and mirrored β in one loop, skips the columns that can only
hold ``-inf`` when ``log_probs`` is free of NaN and ``+inf`` (the "bands"),
folds torch's ``log+=`` chains rank by rank, and makes torch's "assign when
still ``-inf``" explicit only when an ``α + β`` is ``+inf``. Each case below
steers one of those branches: lengths at the band edges, repeated labels and
labels equal to the blank (long chains), NaN / ``±inf`` / huge entries (full
width), for both dtypes and with ``zero_infinity``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from _ctc_parity import assert_ctc_matches_torch
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import compute
from lossgui.engine.activations import log_softmax

SPECIALS = ("none", "-inf", "nan", "+inf", "-1e4", "huge", "all-inf")


@pytest.fixture
def torch() -> Any:
    """Torch on one thread (its CTC kernel's thread pool is slow on small cases)."""
    module = pytest.importorskip("torch")
    threads = module.get_num_threads()
    module.set_num_threads(1)
    yield module
    module.set_num_threads(threads)


def _case(seed: int, special: str) -> tuple[tuple[Any, ...], int]:
    rng = np.random.default_rng(5000 + seed)
    steps, batch = int(rng.integers(1, 40)), int(rng.integers(1, 7))
    classes, width = int(rng.integers(2, 9)), int(rng.integers(0, 12))
    lp = log_softmax(rng.normal(size=(steps, batch, classes)) * 3.0, axis=-1)
    mask = rng.random(lp.shape) < 0.08
    value = {"-inf": -np.inf, "nan": np.nan, "+inf": np.inf, "-1e4": -1e4}
    if special in value:
        lp[mask] = value[special]
    elif special == "huge":
        lp[mask] = 1e37
    elif special == "all-inf":
        lp[:, 0] = -np.inf
    blank = int(rng.integers(0, classes))
    # Few distinct labels: repeats (no skip) and the blank itself as a label.
    labels = int(rng.integers(1, classes + 1))
    tg = rng.integers(0, labels, size=(batch, width))
    tl = rng.integers(0, width + 1, size=batch)
    il = rng.integers(0, steps + 1, size=batch)
    if seed % 3 == 0:  # band edges: just feasible, just infeasible, full length
        il = np.clip(2 * tl + rng.integers(-1, 2, size=batch), 0, steps)
    if seed % 4 == 1:
        il[:] = steps
    if seed % 2:
        tg = np.concatenate([tg[b, : tl[b]] for b in range(batch)]).astype(np.int64)
    return (lp, tg, il, tl), blank


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("special", SPECIALS)
@pytest.mark.parametrize("seed", range(8))
def test_fast_paths_match_live_torch(
    torch: Any, seed: int, special: str, dtype: type
) -> None:
    (lp, tg, il, tl), blank = _case(seed, special)
    lp = lp.astype(dtype)
    assert_ctc_matches_torch(torch, (lp, tg, il, tl), blank, ("none", "mean"))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_benchmark_shape_matches_live_torch(torch: Any, dtype: type) -> None:
    """The benchmark's case (T=50, N=16, C=20, L ≤ 10), long enough for bands."""
    rng = np.random.default_rng(0)
    logits = rng.standard_normal((50, 16, 20))
    lp = log_softmax(logits, axis=-1).astype(dtype)
    tg = rng.integers(1, 20, (16, 10))
    il = rng.integers(30, 51, 16)
    tl = rng.integers(0, 11, 16)
    x = torch.tensor(lp, requires_grad=True)
    out = torch.nn.CTCLoss(reduction="sum")(
        x, torch.tensor(tg), torch.tensor(il), torch.tensor(tl)
    )
    out.backward()
    r = compute("CTCLoss", lp, tg, il, tl, reduction="sum")
    assert_matches_torch(r.value, out, what="value", scale=input_scale(lp))
    assert_matches_torch(r.grad, x.grad, what="grad", scale=input_scale(lp))


@pytest.mark.parametrize("blank", [0, 2])
def test_single_repeated_label_chain(torch: Any, blank: int) -> None:
    """One label repeated (no skips anywhere) and a target made of the blank."""
    rng = np.random.default_rng(11)
    lp = log_softmax(rng.normal(size=(30, 3, 4)), axis=-1).astype(np.float32)
    tg = np.array([[1] * 8, [blank] * 8, [1, blank] * 4])
    il, tl = np.array([30, 17, 12]), np.array([8, 8, 6])
    x = torch.tensor(lp, requires_grad=True)
    out = torch.nn.CTCLoss(blank=blank, reduction="none")(
        x, torch.tensor(tg), torch.tensor(il), torch.tensor(tl)
    )
    out.sum().backward()
    r = compute("CTCLoss", lp, tg, il, tl, blank=blank, reduction="none")
    assert_matches_torch(r.value, out, what="value", scale=input_scale(lp))
    assert_matches_torch(r.grad, x.grad, what="grad", scale=input_scale(lp))
