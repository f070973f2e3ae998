"""Live torch parity for the class-first fast paths (CE, NLL, Poly-1, margins).

Adversarial values (±inf, NaN, huge, subnormal), K-dim inputs, ignored
targets, weights (tiny, negative, zero) and every reduction.
"""

from __future__ import annotations

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import compute

torch = pytest.importorskip("torch")
F = torch.nn.functional

SPECIAL = [0.0, -0.0, np.inf, -np.inf, np.nan, 1e30, -1e30, 1e38, -1e38, 1e-40, 88.0]
SHAPES = [(6, 4), (5, 1), (4, 3, 2), (3, 4, 2, 2), (7, 10)]


def _input(shape: tuple[int, ...], dtype: type, seed: int, special: bool) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = (rng.standard_normal(shape) * 5).astype(dtype)
    if special:
        mask = rng.random(shape) < 0.25
        x[mask] = rng.choice(np.array(SPECIAL, dtype=dtype), int(mask.sum()))
    return x


def _same(r: object, out: object, grad: object, *inputs: object) -> None:
    """The engine's value and gradient are torch's, under the shared rule."""
    scale = input_scale(*inputs)
    assert_matches_torch(r.value, out, what="value", scale=scale)
    assert_matches_torch(r.grad, grad, what="grad", scale=scale)


def _run(fn, x: np.ndarray, *rest: object):
    xt = torch.from_numpy(x.copy()).requires_grad_(True)
    out = fn(xt, *rest)
    out.sum().backward()
    return out, xt.grad


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("special", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("variant", ["plain", "ignore", "weight", "tiny_weight"])
def test_cross_entropy_and_nll(shape, dtype, special, reduction, variant) -> None:
    rng = np.random.default_rng(sum(shape))
    x = _input(shape, dtype, 7, special)
    classes = shape[1]
    y = rng.integers(0, classes, (shape[0], *shape[2:])).astype(np.int64)
    kwargs: dict[str, object] = {"reduction": reduction}
    if variant == "ignore":
        y[rng.random(y.shape) < 0.4] = -100
    if variant == "weight":
        kwargs["weight"] = rng.uniform(-1, 3, classes).astype(dtype)
    if variant == "tiny_weight":
        kwargs["weight"] = np.full(classes, 1e-40, dtype)
    tkw = {
        k: torch.from_numpy(v) if isinstance(v, np.ndarray) else v
        for k, v in kwargs.items()
    }
    yt = torch.from_numpy(y)
    for name, fn in (("CrossEntropyLoss", F.cross_entropy), ("NLLLoss", F.nll_loss)):
        r = compute(name, x, y, **kwargs)
        out, grad = _run(lambda a, fn=fn: fn(a, yt, **tkw), x)
        _same(r, out, grad, x, *kwargs.values())


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("special", [False, True])
@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_poly1_matches_torch_formula(dtype, special, reduction) -> None:
    x = _input((9, 5, 2), dtype, 3, special)
    y = np.random.default_rng(1).integers(0, 5, (9, 2)).astype(np.int64)
    yt = torch.from_numpy(y)

    def poly1(a):
        ce = F.cross_entropy(a, yt, reduction="none")
        pt = torch.softmax(a, 1).gather(1, yt[:, None])[:, 0]
        loss = ce + 1.0 * (1 - pt)
        return {"mean": loss.mean(), "sum": loss.sum(), "none": loss}[reduction]

    r = compute("Poly1CrossEntropyLoss", x, y, reduction=reduction)
    out, grad = _run(poly1, x)
    _same(r, out, grad, x)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("special", [False, True])
@pytest.mark.parametrize("p", [1, 2])
@pytest.mark.parametrize("margin", [1.0, 0.0, -1.0])
@pytest.mark.parametrize("weighted", [False, True])
def test_multi_margin(dtype, special, p, margin, weighted) -> None:
    x = _input((11, 6), dtype, 5, special)
    y = np.random.default_rng(2).integers(0, 6, 11).astype(np.int64)
    w = np.random.default_rng(3).uniform(-1, 2, 6).astype(dtype) if weighted else None
    r = compute("MultiMarginLoss", x, y, p=p, margin=margin, weight=w, reduction="none")
    wt = None if w is None else torch.from_numpy(w)
    out, grad = _run(
        lambda a: F.multi_margin_loss(
            a, torch.from_numpy(y), p=p, margin=margin, weight=wt, reduction="none"
        ),
        x,
    )
    _same(r, out, grad, x, w, margin)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("special", [False, True])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_multilabel_margin(dtype, special, seed) -> None:
    rng = np.random.default_rng(seed)
    x = _input((12, 7), dtype, seed, special)
    t = rng.integers(-1, 7, (12, 7)).astype(np.int64)  # duplicates, early -1s
    r = compute("MultiLabelMarginLoss", x, t, reduction="none")
    out, grad = _run(
        lambda a: F.multilabel_margin_loss(a, torch.from_numpy(t), reduction="none"),
        x,
    )
    _same(r, out, grad, x)


@pytest.mark.parametrize("shape", [(5,), (6, 4), (3, 4, 2)])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("target", ["index", "probs"])
@pytest.mark.parametrize("smoothing", [0.0, 0.2])
def test_cross_entropy_mean_with_subnormal_total_weight(
    shape, dtype, target, smoothing
) -> None:
    """``1 / W = inf``: torch scales before ``log_softmax``'s backward.

    The NLL backward writes ``w[y] · (-(1 / W)) = -inf`` at the targets, so
    ``log_softmax``'s backward gives ``-inf + inf = NaN`` there and ``+inf``
    elsewhere (not ``-inf`` at the targets, as scaling afterwards would).
    """
    classes = shape[0] if len(shape) == 1 else shape[1]
    rng = np.random.default_rng(11)
    x = _input(shape, dtype, 4, special=False)
    tiny = 1e-40 if dtype == np.float32 else 1e-310  # subnormal: 1 / W overflows
    w = np.full(classes, tiny, dtype)
    if target == "index":
        rows = () if len(shape) == 1 else (shape[0], *shape[2:])
        y = np.asarray(rng.integers(0, classes, rows), dtype=np.int64)
    else:
        y = rng.random(shape).astype(dtype)
    r = compute("CrossEntropyLoss", x, y, weight=w, label_smoothing=smoothing)
    out, grad = _run(
        lambda a: F.cross_entropy(
            a,
            torch.from_numpy(y),
            weight=torch.from_numpy(w),
            label_smoothing=smoothing,
        ),
        x,
    )
    _same(r, out, grad, x, w)
    if target == "index" and smoothing == 0.0:
        hot = np.moveaxis(
            np.eye(classes, dtype=bool)[y], -1, 0 if len(shape) == 1 else 1
        )
        assert np.isnan(r.grad[hot]).all() and np.isposinf(r.grad[~hot]).all()
