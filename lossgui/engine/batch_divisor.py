"""The batch's ``'mean'`` divisor, handed to a loss computed on some rows only.

A batch can be computed in row blocks (an edit recomputes its rows, a large
batch is evaluated block by block) only if every block sees the upstream
gradient of the *whole* batch: torch forms ``'mean'``'s ``1 / W`` before the
backward formulas, so a block with its own ``W`` rounds its gradient
differently. Inside ``with batch_divisor(W):`` every place where a loss forms its
``'mean'`` divisor (the element count, ``Σ w[y_n]``, cross-entropy's ``W``,
the shared reduction's divisor) asks :func:`divisor_or` and gets ``W``
instead of its rows' own; everything else is unchanged.

The setting is a :class:`contextvars.ContextVar`, so it follows the call into
worker threads started with a copied context and never leaks between calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["batch_divisor", "divisor_or"]

_DIVISOR: ContextVar[float | None] = ContextVar("lossgui_batch_divisor", default=None)


@contextmanager
def batch_divisor(total: float) -> Iterator[None]:
    """Compute ``'mean'`` with the batch's divisor ``total`` inside the block.

    Parameters
    ----------
    total : float
        ``W``: the whole batch's divisor (a count, or ``Σ w[y_n]``), as the
        full computation forms it.
    """
    token = _DIVISOR.set(float(total))
    try:
        yield
    finally:
        _DIVISOR.reset(token)


def divisor_or(own: float) -> float:
    """The batch's divisor when one is set, else ``own`` (the rows' own ``W``)."""
    outside = _DIVISOR.get()
    return own if outside is None else outside
