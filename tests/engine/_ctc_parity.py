"""Live engine-vs-torch comparison shared by the CTCLoss test files.

``assert_ctc_matches_torch(torch, lp, tg, il, tl, blank, reductions)`` runs
``torch.nn.CTCLoss`` and :func:`lossgui.engine.compute` on the same arrays,
for each reduction with and without ``zero_infinity``, and asserts equal
values and gradients (dtype, shape, NaN positions; float64 ``rtol=1e-10``,
float32 ``rtol=1e-5``, with an absolute floor scaled to the largest value).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np

from lossgui.engine import compute

TOL = {np.dtype(np.float64): (1e-10, 1e-12), np.dtype(np.float32): (1e-5, 1e-6)}


def assert_matches(actual: np.ndarray, expected: np.ndarray) -> None:
    """Equal dtype and shape; values within the dtype's tolerance, NaN for NaN."""
    assert actual.shape == expected.shape
    assert actual.dtype == expected.dtype
    rtol, floor = TOL[expected.dtype]
    finite = expected[np.isfinite(expected)]
    atol = floor * max(1.0, float(np.max(np.abs(finite), initial=0.0)))
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=atol, equal_nan=True)


def assert_ctc_matches_torch(
    torch: Any,
    case: tuple[np.ndarray, ...],
    blank: int,
    reductions: Iterable[str] = ("none", "sum", "mean"),
) -> None:
    """The engine's CTCLoss equals torch's on ``case = (lp, tg, il, tl)``."""
    lp, tg, il, tl = case
    for reduction, zero_infinity in itertools.product(reductions, (False, True)):
        kwargs = {"blank": blank, "reduction": reduction}
        kwargs["zero_infinity"] = zero_infinity
        x = torch.tensor(lp, requires_grad=True)
        out = torch.nn.CTCLoss(**kwargs)(
            x, torch.tensor(tg), torch.tensor(il), torch.tensor(tl)
        )
        out.sum().backward()
        r = compute("CTCLoss", lp, tg, il, tl, **kwargs)
        assert_matches(r.value, out.detach().numpy())
        assert_matches(r.grad, x.grad.numpy())
