"""Live engine-vs-torch comparison shared by the CTCLoss test files.

``assert_ctc_matches_torch(torch, lp, tg, il, tl, blank, reductions)`` runs
``torch.nn.CTCLoss`` and :func:`lossgui.engine.compute` on the same arrays,
for each reduction with and without ``zero_infinity``, and asserts equal
values and gradients with :func:`torch_parity.assert_matches_torch` (dtype,
shape, NaN and ±inf positions; a few ulps plus a few ε times the largest finite
``|log_probs|``).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import numpy as np
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import compute


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
        scale = input_scale(lp)
        assert_matches_torch(r.value, out, what=f"{kwargs} value", scale=scale)
        assert_matches_torch(r.grad, x.grad, what=f"{kwargs} grad", scale=scale)
