r"""The CTC forward-backward recursions, step for step as torch's CPU kernel.

Vectorised over the batch and the extended-label positions ``s``; the only
Python loops run over time (α, β) and over ``s`` (torch's ordered ``log+=``
into the per-class sums). Notation as in :mod:`lossgui.engine.ctc`: ``lp`` is
``(T, N, C)``, ``prime`` the extended labels ``l'`` ``(N, 2 L_max + 1)``
(positions past ``2 L_b`` hold the blank and are never used).

Formulas
--------
``lse(a, b, c) = log(e^{a-m} + e^{b-m} + e^{c-m}) + m`` with ``m`` the largest
term (0 when all are ``-inf``), excluded terms entering as ``-inf``::

    α_t(s) = lse(α_{t-1}(s), α_{t-1}(s-1), α_{t-1}(s-2) [l'_s ≠ l'_{s-2}])
             + lp[t, l'_s]
    β_{T_b-1}(2L) = lp[T_b-1, ∅],  β_{T_b-1}(2L-1) = lp[T_b-1, l_L]
    β_t(s) = lse(β_{t+1}(s), β_{t+1}(s+1), β_{t+1}(s+2) [l'_s ≠ l'_{s+2}])
             + lp[t, l'_s]
    G_t(c) = log Σ_{s: l'_s = c} exp(α_t(s) + β_t(s))
    grad   = exp(lp) - exp(G + loss - lp)         (t < T_b, else 0)

For float32, ``exp`` and ``log`` are evaluated in float64 and rounded: that
reproduces glibc's ``expf``/``logf`` (which torch's scalar kernel calls) far
more often than NumPy's own float32 routines do.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["forward_backward"]

Array = npt.NDArray[Any]


def _exp(a: Array) -> Array:
    """``exp`` rounded from float64 (glibc ``expf`` parity for float32)."""
    return np.exp(a, dtype=np.float64).astype(a.dtype, copy=False)


def _log(a: Array) -> Array:
    """``log`` rounded from float64 (glibc ``logf`` parity for float32)."""
    return np.log(a, dtype=np.float64).astype(a.dtype, copy=False)


def _lse(a: Array, b: Array, c: Array) -> Array:
    """Torch's three-term log-sum-exp; its ``>`` tests decide NaN handling."""
    m = np.where(b > a, b, a)
    m = np.where(c > m, c, m)
    m = np.where(m == -np.inf, 0, m)
    return _log(_exp(a - m) + _exp(b - m) + _exp(c - m)) + m


def _shift(a: Array, k: int) -> Array:
    """``a`` moved ``k`` places along ``s`` (right if ``k > 0``), ``-inf`` filled."""
    out = np.full(a.shape, -np.inf, dtype=a.dtype)
    width = a.shape[1]
    if abs(k) < width:
        out[:, max(k, 0) : width + min(k, 0)] = a[:, max(-k, 0) : width - max(k, 0)]
    return out


def _alpha(lpe: Array, prime: Array) -> Array:
    """``α_t(s)`` for every ``(t, b, s)``; ``lpe[t, b, s] = lp[t, b, l'_s]``."""
    alpha = np.full(lpe.shape, -np.inf, dtype=lpe.dtype)
    alpha[0, :, :2] = lpe[0, :, :2]
    skip = np.zeros(prime.shape, dtype=bool)
    skip[:, 2:] = prime[:, 2:] != prime[:, :-2]
    for t in range(1, lpe.shape[0]):
        prev = alpha[t - 1]
        two = np.where(skip, _shift(prev, 2), -np.inf)
        alpha[t] = _lse(prev, _shift(prev, 1), two) + lpe[t]
    return alpha


def _beta(lpe: Array, prime: Array, il: Array, tl: Array) -> Array:
    """``β_t(s)``, each sample started at its own ``t = T_b - 1``."""
    steps, batch, width = lpe.shape
    rows, cols = np.arange(batch), np.arange(width)[None, :]
    valid = cols <= 2 * tl[:, None]
    skip = np.zeros(prime.shape, dtype=bool)
    skip[:, :-2] = prime[:, :-2] != prime[:, 2:]
    skip &= cols + 2 <= 2 * tl[:, None]
    end = np.full((batch, width), -np.inf, dtype=lpe.dtype)
    end[rows, 2 * tl] = lpe[il - 1, rows, 2 * tl]
    has = rows[tl > 0]
    end[has, 2 * tl[has] - 1] = lpe[il[has] - 1, has, 2 * tl[has] - 1]
    beta = np.full(lpe.shape, -np.inf, dtype=lpe.dtype)
    nxt = np.full((batch, width), -np.inf, dtype=lpe.dtype)
    for t in range(steps - 1, -1, -1):
        two = np.where(skip, _shift(nxt, -2), -np.inf)
        rec = np.where(valid, _lse(nxt, _shift(nxt, -1), two) + lpe[t], -np.inf)
        nxt = np.where((il - 1 == t)[:, None], end, rec)
        beta[t] = nxt
    return beta


def _collected(
    shape: tuple[int, ...], ab: Array, prime: Array, il: Array, tl: Array
) -> Array:
    """``G_t(c)``, accumulated as torch does: ``s`` descending, pairwise ``log+=``.

    At ``t = T_b - 1`` torch assigns the two end states (blank, then the last
    label) instead of adding, so a last label equal to the blank wins.
    """
    batch, width = prime.shape
    rows = np.arange(batch)
    grid = np.full(shape, -np.inf, dtype=ab.dtype)
    inner = np.arange(shape[0])[:, None] < (il - 1)[None, :]
    for s in range(width - 1, -1, -1):
        active = inner & (s <= 2 * tl)[None, :]
        cur = grid[:, rows, prime[:, s]]
        new = ab[:, :, s]
        top = np.where(cur < new, new, cur)
        summed = _log(_exp(cur - top) + _exp(new - top)) + top
        step = np.where(cur == -np.inf, new, summed)
        grid[:, rows, prime[:, s]] = np.where(active, step, cur)
    for offset, which in ((0, il > 0), (1, (il > 0) & (tl > 0))):
        b = rows[which]
        at, pos = il[b] - 1, 2 * tl[b] - offset
        grid[at, b, prime[b, pos]] = ab[at, b, pos]
    return grid


def forward_backward(
    lp: Array, prime: Array, il: Array, tl: Array
) -> tuple[Array, Array]:
    """Per-sample loss and torch's gradient factor for ``g_b = 1``.

    Parameters
    ----------
    lp : ndarray
        ``(T, N, C)`` log-probabilities, float32 or float64.
    prime : ndarray
        ``(N, 2 L_max + 1)`` int64 extended labels.
    il, tl : ndarray
        ``(N,)`` int64 input and target lengths (already validated).

    Returns
    -------
    tuple of ndarray
        ``nll`` ``(N,)`` (``+inf`` when infeasible, ``-0.0`` for ``T_b = L_b
        = 0``) and ``core`` ``(T, N, C)`` = ``exp(lp) - γ`` for ``t < T_b``, 0
        after; NaN for an infeasible sample with ``T_b > 0``.
    """
    dtype = lp.dtype
    rows = np.arange(lp.shape[1])
    index = np.broadcast_to(prime, (lp.shape[0], *prime.shape))
    lpe = np.take_along_axis(lp, index, 2)
    alpha = _alpha(lpe, prime)
    final = alpha[np.maximum(il - 1, 0), rows]
    l1 = final[rows, 2 * tl]
    l2 = np.where(tl > 0, final[rows, np.maximum(2 * tl - 1, 0)], -np.inf)
    m = np.where(l1 < l2, l2, l1)
    m = np.where(m == -np.inf, 0, m)
    nll = np.where(tl == 0, -l1, -(_log(_exp(l1 - m) + _exp(l2 - m)) + m))
    nll = np.where(il == 0, np.where(tl == 0, -0.0, np.inf), nll).astype(dtype)
    ab = alpha + _beta(lpe, prime, il, tl)
    grid = _collected(lp.shape, ab, prime, il, tl)
    core = _exp(lp) - _exp(grid + nll[None, :, None] - lp)
    keep = np.arange(lp.shape[0])[:, None] < il[None, :]
    return nll, np.where(keep[:, :, None], core, 0).astype(dtype)
