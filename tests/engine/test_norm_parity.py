"""Norms over the last dimension added in torch's CPU order (lossgui.engine.distances).

Torch's float32 (float64) 2-norm kernel adds squares in 8 (4) vector lanes,
then the lanes in order, then a block of 4 and up to 3 fused multiply-adds;
NumPy's pairwise sum differs from that by an ulp in about one row in ten.
The torch-free cases carry torch 2.13's values; the live ones compare with
torch where it is installed.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from torch_parity import assert_matches_torch

from lossgui.engine import compute
from lossgui.engine.distances import cosine_distance, pairwise_distance

f32 = np.float32

# Rows whose float32 2-norm NumPy's sqrt(sum(v * v)) misses by an ulp, with
# torch.linalg.vector_norm's value (one per accumulation order: fused
# multiply-adds only; a block of 4 then one; lanes then 2; lanes then 4 + 1).
TORCH_NORMS = [
    ([1.819, 3.86, -3.837], 5.738547325134277),
    ([-0.779, 0.446, 0.57, 0.349, -1.498], 1.8698829412460327),
    (
        [4.677, -6.027, 0.197, -0.088, 0.263, -0.247, -0.726, 0.221, -0.024, 0.271],
        7.682819843292236,
    ),
    (
        [
            *(0.165, 2.783, 3.612, -0.499, -0.29, -0.144, 0.228, -0.422, 4.02),
            *(0.638, 0.391, 0.693, -0.016, 0.052, 0.471, 0.079, -1.217),
        ],
        6.349446773529053,
    ),
]


@pytest.mark.parametrize(("row", "expected"), TORCH_NORMS)
def test_float32_norm_matches_torch_values(row: list[float], expected: float) -> None:
    v = np.asarray(row, dtype=f32)
    eps = f32(1e-6)
    # pairwise_distance adds eps to the difference: undo it exactly enough by
    # passing x2 = eps, so x1 - x2 + eps is v
    got = pairwise_distance(v, np.full_like(v, eps), 2.0, 1e-6).value
    direct = pairwise_distance(v + eps, np.full_like(v, eps), 2.0, 0.0).value
    assert got.dtype == f32
    assert float(direct) == expected or float(got) == expected


def test_norm_rows_are_independent_of_batching() -> None:
    rows = [np.asarray(r, dtype=f32) for r, _ in TORCH_NORMS]
    for row, (_, expected) in zip(rows, TORCH_NORMS, strict=True):
        batch = np.stack([row] * 5)
        got = pairwise_distance(batch, np.zeros_like(batch), 2.0, 0.0).value
        assert got.tolist() == [expected] * 5


def test_triplet_with_distance_cancellation_case() -> None:
    """Triplet terms that cancel expose the norm's last ulp (torch: 1.5071615)."""
    anchor = np.array([[0, 0, 0], [0, 0, 0], [0, 88.5, -1e4]], dtype=f32)
    positive = np.zeros((3, 3), dtype=f32)
    positive[2] = [1, 1.6328125, 1.5351562]
    negative = np.zeros((3, 3), dtype=f32)
    r = compute(
        "TripletMarginWithDistanceLoss", anchor, positive, negative, reduction="mean"
    )
    assert float(r.value) == 1.5071614980697632
    # torch 2.13's gradient of the last row (the upstream 1/3 of 'mean' applied
    # before the two norms' terms are added; an earlier value, -3.3326964e-05,
    # was the engine's own (sum · 3) · (1/3), one ulp off)
    expected = np.array([-3.332696e-05, -5.486561e-05, -4.4703484e-07], dtype=f32)
    np.testing.assert_array_equal(r.grad[2], expected)
    np.testing.assert_array_equal(r.grad[:2], 0)


# ---------------------------------------------------------------- live torch


def _data(rng: np.random.Generator, shape: tuple[int, ...], dtype: type) -> np.ndarray:
    scale = np.exp(rng.uniform(-4, 4, shape))
    return (rng.standard_normal(shape) * scale).astype(dtype)


LENGTHS = [*range(1, 20), 23, 24, 25, 31, 32, 33, 63, 64, 65, 100, 257, 1003]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("p", [2.0, 1.0, 3.0, 1.5, 0.3, math.inf])
def test_pairwise_distance_matches_torch_bitwise(dtype: type, p: float) -> None:
    torch = pytest.importorskip("torch")
    functional = torch.nn.functional
    rng = np.random.default_rng([round(min(p, 9.0) * 10), dtype is np.float32])
    for n in LENGTHS:
        rows = 2000 if n < 100 else 200
        a, b = _data(rng, (rows, n), dtype), _data(rng, (rows, n), dtype)
        got = pairwise_distance(a, b, p).value
        want = functional.pairwise_distance(
            torch.from_numpy(a), torch.from_numpy(b), p
        ).numpy()
        assert got.dtype == want.dtype
        bad = np.flatnonzero(got != want)
        assert bad.size == 0, (n, bad[:5], got[bad[:5]], want[bad[:5]])


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [
        ((500, 10), (1, 10)),
        ((1, 7), (500, 7)),
        ((4, 50, 9), (50, 9)),
        ((12,), (300, 12)),
        ((1, 40000), (1, 40000)),
    ],
)
def test_pairwise_distance_broadcast_and_long_rows(
    shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    a, b = _data(rng, shape_a, np.float32), _data(rng, shape_b, np.float32)
    got = pairwise_distance(a, b).value
    want = torch.nn.functional.pairwise_distance(
        torch.from_numpy(a), torch.from_numpy(b)
    ).numpy()
    np.testing.assert_array_equal(got, want)


def test_fused_tail_on_float32_ties_matches_torch() -> None:
    """Squares that are exact float32 ties, nudged by a tiny earlier square.

    A float64 sum rounded to float32 rounds such a tie to even where a fused
    multiply-add rounds up; the square root hides that ulp. Checked here so a
    change of the fused step's emulation shows up.
    """
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(9)
    rows = []
    for m in range(4097, 5793, 2):  # m² has 25 significant bits: a float32 tie
        x1 = f32(m) * f32(2.0**-12)
        for x0 in (f32(1e-20), f32(2.0**-40)):
            rows += [[x0, x1, f32(0)], [x0, f32(0), x1], [x0, x1, f32(rng.random())]]
    v = np.asarray(rows, dtype=f32)
    got = pairwise_distance(v, np.zeros_like(v), 2.0, 0.0).value
    want = torch.linalg.vector_norm(torch.from_numpy(v), 2, dim=-1).numpy()
    np.testing.assert_array_equal(got, want)


@pytest.mark.parametrize(
    ("shape_a", "shape_b"),
    [((2000, 3), (2000, 3)), ((2000, 10), (1, 10)), ((2000, 1), (2000, 6))],
)
def test_cosine_distance_norms_follow_torch(
    shape_a: tuple[int, ...], shape_b: tuple[int, ...]
) -> None:
    """The norms inside F.cosine_similarity, an expanded last dimension too."""
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    a, b = _data(rng, shape_a, np.float32), _data(rng, shape_b, np.float32)
    ta, tb = torch.broadcast_tensors(torch.from_numpy(a), torch.from_numpy(b))
    want = (1 - torch.nn.functional.cosine_similarity(ta, tb, dim=-1)).numpy()
    got = cosine_distance(a, b).value
    # The cosine does not scale with the inputs: its terms are of order 1.
    assert_matches_torch(got, want, what="1 - cos", scale=1.0)


@pytest.mark.parametrize("n", [3, 5, 10, 17])
def test_triplet_margin_loss_matches_torch(n: int) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(n)
    anchor, positive, negative = (_data(rng, (3000, n), np.float32) for _ in "apn")
    r = compute("TripletMarginLoss", anchor, positive, negative, reduction="none")
    want = torch.nn.TripletMarginLoss(reduction="none")(
        *(torch.from_numpy(x) for x in (anchor, positive, negative))
    ).numpy()
    np.testing.assert_array_equal(r.value, want)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("n", [2, 3, 4, 7, 8, 10, 12, 13, 17, 40])
def test_batch_of_rows_path_equals_the_general_path_bitwise(
    dtype: type, n: int
) -> None:
    """An ``(N, D)`` batch goes through the transposed 2-norm; a ``(1, N, D)``
    batch through the general one: values and backward are bit for bit equal,
    zero rows, NaN, infinities, subnormals and float32 ties included."""
    rng = np.random.default_rng(n)
    a, b = _data(rng, (300, n), dtype), _data(rng, (300, n), dtype)
    b[0] = a[0] + np.asarray(1e-6, dtype)  # a zero row after eps
    a[1, 0], a[2, -1], b[3, 1] = np.nan, np.inf, -np.inf
    a[4] = np.finfo(dtype).smallest_subnormal
    a[5, :] = 1 + np.arange(n) * 2.0**-12  # squares near float32 ties
    b[5, :] = 0
    with np.errstate(all="ignore"):  # as compute() runs the losses
        fast = pairwise_distance(a, b)
        general = pairwise_distance(a[None], b[None])
        assert fast.value.tobytes() == general.value[0].tobytes()
        for g in (rng.standard_normal(300).astype(dtype), rng.standard_normal(300)):
            got, want = fast.backward(g), general.backward(g[None])[0]
            assert got.dtype == want.dtype and got.shape == want.shape
            assert np.ascontiguousarray(got).tobytes() == want.tobytes()
