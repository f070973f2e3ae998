r"""The CTC forward-backward recursions, step for step as torch's CPU kernel.

Notation as in :mod:`lossgui.engine.ctc`: ``lp`` is ``(T, N, C)``, ``prime``
the extended labels ``l'`` ``(N, 2 L_max + 1)`` (positions past ``2 L_b`` hold
the blank and are never used).

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

How the arithmetic stays torch's
--------------------------------
* β is α's recursion in mirrored coordinates ``τ = T_b - 1 - t``,
  ``σ = 2 L_b - s`` (same start, same ``lse`` operand order), so both run in
  one time loop over ``2 N`` rows: rows ``N + b`` hold β of sample ``b``,
  mirrored. Entries outside ``t < T_b``, ``s ≤ 2 L_b`` are never read.
* Each step is a handful of whole-array calls: one gather of the three
  ``lse`` operands (the excluded third one read from a ``-inf`` pad), their
  maximum floored at ``-max_float`` (the same result as torch's ``m = 0``
  when all are ``-inf``: every ``exp`` is 0, ``log 0 = -inf``), then
  ``exp``, the ordered sum ``(e1 + e2) + e3``, ``log``, ``+ m``, ``+ lp``.
  A NaN operand makes torch's result NaN whichever maximum it picks, so
  NaN propagation in the maximum changes nothing.
* When ``log_probs`` has no NaN or ``+inf`` (and cannot overflow), a step
  computes only the columns that can differ from ``-inf`` or can still
  reach the other end (see :func:`_bands`); torch's values elsewhere are
  ``-inf`` or meet a ``-inf`` partner in ``α + β``.
* ``G`` is torch's pairwise ``log+=`` over ``s`` descending. The chain of
  each ``(b, c)`` is folded rank by rank (rank ``r`` = the ``r``-th ``s`` of
  that class, from the top), all chains at once; torch's "assign when the sum
  is still ``-inf``" is the same fold with the maximum floored at
  ``-max_float``, except when an ``α + β`` is ``+inf``, which only a ``+inf``
  log-probability produces: then the assignment is made explicitly.
* For float32, ``exp`` and ``log`` are evaluated in float64 and rounded: that
  reproduces glibc's ``expf``/``logf`` (which torch's scalar kernel calls) far
  more often than NumPy's own float32 routines do. Every other operation is
  a single rounding in the input dtype, in torch's order.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["alpha_beta", "forward_backward"]

Array = npt.NDArray[Any]

_F64 = np.float64


def _exp(a: Array) -> Array:
    """``exp`` rounded from float64 (glibc ``expf`` parity for float32)."""
    return np.exp(a, dtype=_F64).astype(a.dtype, copy=False)


def _log(a: Array) -> Array:
    """``log`` rounded from float64 (glibc ``logf`` parity for float32)."""
    return np.log(a, dtype=_F64).astype(a.dtype, copy=False)


def _mirrored(prime: Array, tl: Array) -> Array:
    """``l'`` read backwards from ``2 L_b`` (blank past it)."""
    width = prime.shape[1]
    pos = 2 * tl[:, None] - np.arange(width)[None, :]
    out = np.take_along_axis(prime, np.maximum(pos, 0), 1)
    out[pos < 0] = prime[0, 0]
    return out


#: A step computes its band only when that skips more than this many
#: ``(row, column)`` entries; slicing costs about as much as computing them.
_BAND_MIN_SKIP = 400


def _recursion(lpe: Array, labels: Array, bands: Array) -> Array:
    """α of every row of ``lpe`` ``(T', R, W)``, in a ``-inf``-padded history.

    ``bands[t] = (lo, hi)``: the columns step ``t`` must compute (it computes
    all of them when the band would skip fewer than :data:`_BAND_MIN_SKIP`
    entries); the others keep ``-inf``. Returns ``hist`` ``(T', R, W + 2)``
    with ``hist[t, r, 2 + s] = α_t(s)`` of row ``r`` (columns 0 and 1 stay
    ``-inf``).
    """
    steps, rows, width = lpe.shape
    dtype = lpe.dtype
    pitch = width + 2
    hist = np.full((steps, rows, pitch), -np.inf, dtype=dtype)
    hist[0, :, 2 : 2 + min(width, 2)] = lpe[0, :, :2]
    base = np.arange(rows)[:, None] * pitch + 2 + np.arange(width)[None, :]
    skip = np.zeros((rows, width), dtype=bool)
    skip[:, 2:] = labels[:, 2:] != labels[:, :-2]
    pad = np.arange(rows)[:, None] * pitch + np.zeros((1, width), dtype=np.int64)
    index = np.stack([base, base - 1, np.where(skip, base - 2, pad)])
    buffer = np.empty((3, rows, width), dtype=dtype)
    top_buffer = np.empty((rows, width), dtype=dtype)
    floor = np.finfo(dtype).min
    flat = hist.reshape(steps, rows * pitch)
    alpha = hist[:, :, 2:]
    lo_hi = bands.tolist()
    narrow = (width - (bands[:, 1] - bands[:, 0])) * rows > _BAND_MIN_SKIP
    # The ufuncs as locals: a step is nine calls on a few thousand numbers,
    # so call overhead counts.
    take, exp, log, add, subtract = np.take, np.exp, np.log, np.add, np.subtract
    maximum, max_reduce, add_reduce = np.maximum, np.maximum.reduce, np.add.reduce
    for t in range(1, steps):
        if narrow[t]:
            lo, hi = lo_hi[t]
            terms, top = buffer[:, :, : hi - lo], top_buffer[:, : hi - lo]
            where, lp, out = index[:, :, lo:hi], lpe[t, :, lo:hi], alpha[t, :, lo:hi]
        else:
            terms, top, where, lp, out = buffer, top_buffer, index, lpe[t], alpha[t]
        total = terms[0]
        take(flat[t - 1], where, out=terms, mode="wrap")
        max_reduce(terms, axis=0, out=top)
        maximum(top, floor, out=top)  # all -inf: every exp is 0, log 0 = -inf
        subtract(terms, top, out=terms)
        exp(terms, out=terms, dtype=_F64)
        add_reduce(terms, axis=0, out=total)
        log(total, out=total, dtype=_F64)
        add(total, top, out=total)
        add(total, lp, out=out)
    return hist


def _bands(il: Array, tl: Array, steps: int, width: int, safe: bool) -> Array:
    """Per step, the columns that can hold something other than ``-inf``.

    With finite-or-``-inf`` log-probabilities, ``α_t(s) = -inf`` for ``s >
    2 t + 1`` exactly as in torch, and an ``α_t(s)`` from which the end state
    cannot be reached only ever meets ``β_t(s) = -inf`` (and feeds only such
    states), so neither is computed; the same holds mirrored for β. With a
    NaN or ``+inf`` anywhere, every column is computed, as torch does.
    """
    t = np.arange(steps)
    if not safe:
        return np.stack([np.zeros(steps, np.int64), np.full(steps, width)], 1)
    hi = np.minimum(2 * t + 2, width)
    lo = 2 * tl[None, :] - 2 * (il[None, :] - 1 - t[:, None]) - 1
    lo = np.where(t[:, None] <= il[None, :] - 1, lo, width).min(axis=1)
    lo = np.clip(lo, 0, hi)
    return np.stack([lo, hi], 1)


def _chains(
    prime: Array, tl: Array, classes: int
) -> tuple[Array, Array, Array, Array, Array]:
    """The ``(b, c)`` chains of torch's ``log+=``, rank-major.

    Returns the member sample ``b`` and position ``s`` ordered by (rank,
    chain), chains sorted by length descending (so the chains still running
    at rank ``r`` are the first ``counts[r]``), the chain count per rank, and
    each chain's sample and flat ``b * C + c`` cell.
    """
    width = prime.shape[1]
    bb, ss = np.nonzero(np.arange(width)[None, :] <= 2 * tl[:, None])
    key = bb * classes + prime[bb, ss]
    order = np.lexsort((-ss, key))
    key, bb, ss = key[order], bb[order], ss[order]
    first = np.ones(key.size, dtype=bool)
    first[1:] = key[1:] != key[:-1]
    starts = np.flatnonzero(first)
    sizes = np.diff(np.append(starts, key.size))
    chain = np.cumsum(first) - 1
    rank = np.arange(key.size) - starts[chain]
    by_size = np.argsort(-sizes, kind="stable")
    position = np.empty_like(by_size)
    position[by_size] = np.arange(by_size.size)
    member = np.lexsort((position[chain], rank))
    counts = np.bincount(rank)
    return (
        bb[member],
        ss[member],
        counts,
        bb[starts][by_size],
        key[starts][by_size],
    )


def _fold(z: Array, counts: Array, plus_inf: bool) -> Array:
    """Torch's pairwise ``log+=`` along each chain; ``z`` is ``(members, T)``.

    The chains still running at rank ``r`` are the first ``counts[r]``, so
    each rank works on leading rows: contiguous blocks of whole time rows.
    Returns ``(chains, T)``.
    """
    n0, steps = int(counts[0]), z.shape[1]
    dtype = z.dtype
    pair = np.empty((2, n0, steps), dtype=dtype)
    pair[0] = z[:n0]
    top = np.empty((n0, steps), dtype=dtype)
    floor = np.finfo(dtype).min
    offset = n0
    exp, log, add, subtract = np.exp, np.log, np.add, np.subtract
    maximum, max_reduce, copyto = np.maximum, np.maximum.reduce, np.copyto
    for n in counts[1:].tolist():
        new = z[offset : offset + n]
        offset += n
        both, m = pair[:, :n], top[:n]
        acc = both[0]
        was = acc == -np.inf if plus_inf else None
        both[1] = new
        max_reduce(both, axis=0, out=m)
        maximum(m, floor, out=m)
        subtract(both, m, out=both)
        exp(both, out=both, dtype=_F64)
        add(acc, both[1], out=acc)
        log(acc, out=acc, dtype=_F64)
        add(acc, m, out=acc)
        if was is not None:
            copyto(acc, new, where=was)
    result: Array = pair[0]
    return result


def alpha_beta(lp: Array, prime: Array) -> tuple[Array, Array]:
    """One sample's whole lattice: ``α`` and ``β`` at every ``(t, s)``.

    Parameters
    ----------
    lp : ndarray
        ``(T_b, C)`` log-probabilities of the sample's used frames.
    prime : ndarray
        ``(2 L + 1,)`` int extended label ``l'``.

    Returns
    -------
    tuple of ndarray
        ``α`` and ``β``, each ``(T_b, 2 L + 1)`` in ``lp``'s dtype; ``β``
        includes the emission at ``t``, as torch's. The same recursion as
        :func:`forward_backward` (every column computed), so an explanation
        shows the engine's numbers.
    """
    steps, width = lp.shape[0], prime.size
    labels = np.stack([prime, prime[::-1]])  # β mirrored: σ = 2 L - s
    lpe = np.stack([lp[:, prime], lp[::-1][:, prime[::-1]]], axis=1)
    bands = np.tile(np.array([0, width]), (max(steps, 1), 1))
    with np.errstate(all="ignore"):
        hist = _recursion(lpe, labels, bands)
    alpha: Array = hist[:, 0, 2:]
    beta: Array = hist[::-1, 1, 2:][:, ::-1]
    return alpha, beta


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
    with np.errstate(all="ignore"):
        return _forward_backward(lp, prime, il, tl)


def _forward_backward(
    lp: Array, prime: Array, il: Array, tl: Array
) -> tuple[Array, Array]:
    dtype = lp.dtype
    total_steps, batch, classes = lp.shape
    width = prime.shape[1]
    pitch = width + 2
    steps = max(int(il.max()), 1)
    rows = np.arange(batch)
    last = np.maximum(il - 1, 0)
    # Rows 0..N-1: α; rows N..2N-1: β mirrored (τ = T_b - 1 - t, σ = 2 L_b - s).
    labels = np.concatenate([prime, _mirrored(prime, tl)])
    cell = np.concatenate([rows, rows])[:, None] * classes + labels
    if bool((il == steps).all()):  # one length: β reads the frames backwards
        lpe = np.take(lp[:steps].reshape(steps, batch * classes), cell, axis=1)
        lpe[:, batch:] = lpe[::-1, batch:]
    else:
        tau = np.arange(steps)[:, None]
        when = np.concatenate(
            [np.broadcast_to(tau, (steps, batch)), np.maximum(last[None, :] - tau, 0)],
            axis=1,
        )
        when *= batch * classes
        index = np.add(when[:, :, None], cell[None, :, :])
        lpe = np.take(lp.reshape(-1), index, mode="wrap")
    # No NaN, no +inf and no overflow of α + β: the bands below are exact.
    safe = bool(lp.max() < np.finfo(dtype).max / (4 * (total_steps + 2)))
    hist = _recursion(lpe, labels, _bands(il, tl, steps, width, safe))
    flat = hist.reshape(-1)
    block = 2 * batch * pitch

    # Loss from α at t = T_b - 1.
    end = last * block + rows * pitch + 2 + 2 * tl
    l1 = flat[end]
    l2 = np.where(tl > 0, flat[end - 1], -np.inf)
    m = np.where(l1 < l2, l2, l1)
    m = np.where(m == -np.inf, 0, m)
    nll = np.where(tl == 0, -l1, -(_log(_exp(l1 - m) + _exp(l2 - m)) + m))
    nll = np.where(il == 0, np.where(tl == 0, -0.0, np.inf), nll).astype(dtype)

    # α_t(s) + β_t(s) for every chain member and t < steps.
    mb, ms, counts, cb, cc = _chains(prime, tl, classes)
    # (member, t) layout: the fold below works on whole time rows
    t = np.arange(steps)[None, :]
    a_at = (mb * pitch + 2 + ms)[:, None] + t * block
    back = np.maximum(last[mb][:, None] - t, 0)
    b_at = back * block + ((batch + mb) * pitch + 2 + 2 * tl[mb] - ms)[:, None]
    z = np.add(np.take(flat, a_at), np.take(flat, b_at))
    plus_inf = not safe and bool(np.isposinf(z).any())
    acc = _fold(z, counts, plus_inf)
    acc[t >= last[cb][:, None]] = -np.inf
    grid = np.full((total_steps, batch * classes), -np.inf, dtype=dtype)
    grid[:steps, cc] = acc.T
    grid = grid.reshape(total_steps, batch, classes)
    # t = T_b - 1: torch assigns the two end states (blank, then the last label).
    for offset, which in ((0, il > 0), (1, (il > 0) & (tl > 0))):
        b = rows[which]
        at, pos = last[b], 2 * tl[b] - offset
        alpha = flat[at * block + b * pitch + 2 + pos]
        grid[at, b, prime[b, pos]] = alpha + flat[(batch + b) * pitch + 2 + offset]
    core = np.exp(lp, out=np.empty_like(lp), dtype=_F64)
    gamma = np.add(grid, nll[None, :, None])
    np.subtract(gamma, lp, out=gamma)
    np.exp(gamma, out=gamma, dtype=_F64)
    np.subtract(core, gamma, out=core)
    if int(il.min()) < total_steps:  # frames at t >= T_b get 0
        keep = np.arange(total_steps)[:, None] < il[None, :]
        np.copyto(core, 0, where=~keep[:, :, None])
    return nll, core
