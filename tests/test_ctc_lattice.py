"""The CTC lattice the explanation shows: the engine's recursion, checked by hand.

The reference below is the textbook recursion written one cell at a time
(-inf terms left out of each log-sum-exp), as the explanation computed it
before it used the engine's whole-row steps.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from lossgui.engine.ctc_kernel import alpha_beta
from lossgui.session.explain.ctc import lattice


def _lse(values: list[float]) -> float:
    finite = [v for v in values if v != -math.inf]
    if not finite:
        return -math.inf
    m = max(finite)
    return m + math.log(sum(math.exp(v - m) for v in finite))


def _reference(lp: np.ndarray, prime: list[int]) -> tuple[np.ndarray, np.ndarray]:
    steps, width = lp.shape[0], len(prime)
    alpha = np.full((steps, width), -math.inf)
    beta = np.full((steps, width), -math.inf)
    alpha[0, : min(width, 2)] = [lp[0, prime[s]] for s in range(min(width, 2))]
    for t in range(1, steps):
        for s in range(width):
            terms = [alpha[t - 1, s]]
            if s >= 1:
                terms.append(alpha[t - 1, s - 1])
            if s >= 2 and prime[s] != prime[s - 2]:
                terms.append(alpha[t - 1, s - 2])
            alpha[t, s] = _lse(terms) + lp[t, prime[s]]
    last = steps - 1
    for s in range(max(width - 2, 0), width):
        beta[last, s] = lp[last, prime[s]]
    for t in range(last - 1, -1, -1):
        for s in range(width):
            terms = [beta[t + 1, s]]
            if s + 1 < width:
                terms.append(beta[t + 1, s + 1])
            if s + 2 < width and prime[s + 2] != prime[s]:
                terms.append(beta[t + 1, s + 2])
            beta[t, s] = _lse(terms) + lp[t, prime[s]]
    return alpha, beta


def _log_softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    return z - np.log(np.exp(z).sum(axis=1, keepdims=True))


def _prime(labels: list[int], blank: int) -> list[int]:
    prime = [blank]
    for label in labels:
        prime += [label, blank]
    return prime


@pytest.mark.parametrize(
    ("steps", "labels"),
    [
        (1, []),
        (1, [2]),
        (3, []),
        (5, [1, 2]),
        (6, [1, 1, 2]),  # a repeat: no skip between the two 1s
        (12, [3, 1, 3, 3]),
        (40, [1, 2, 3, 4, 1]),
    ],
)
def test_the_lattice_is_the_textbook_recursion(steps, labels):
    rng = np.random.default_rng(steps * 31 + len(labels))
    lp = _log_softmax(rng.normal(size=(steps, 5)) * 3)
    prime = _prime(labels, 0)
    alpha, beta = alpha_beta(lp, np.array(prime))
    want_alpha, want_beta = _reference(lp, prime)
    np.testing.assert_allclose(alpha, want_alpha, rtol=1e-13, atol=0)
    np.testing.assert_allclose(beta, want_beta, rtol=1e-13, atol=0)


def test_unreachable_states_and_a_minus_inf_class_stay_minus_inf():
    lp = _log_softmax(np.random.default_rng(3).normal(size=(4, 4)))
    lp[:, 3] = -np.inf  # class 3 can never be emitted
    prime = _prime([1, 3], 0)
    alpha, beta = alpha_beta(lp, np.array(prime))
    want_alpha, want_beta = _reference(lp, prime)
    np.testing.assert_array_equal(np.isneginf(alpha), np.isneginf(want_alpha))
    np.testing.assert_array_equal(np.isneginf(beta), np.isneginf(want_beta))
    finite = np.isfinite(want_alpha)
    np.testing.assert_allclose(alpha[finite], want_alpha[finite], rtol=1e-13)
    assert lattice(lp, [1, 3], 0).nll == math.inf


def test_the_loss_is_the_end_states_and_alpha_beta_agree_at_every_step():
    lp = _log_softmax(np.random.default_rng(7).normal(size=(30, 6)))
    lat = lattice(lp, [2, 5, 5, 1], 0)
    want_alpha, _ = _reference(lp, lat.prime)
    assert lat.nll == pytest.approx(-_lse(list(want_alpha[-1, -2:])), rel=1e-13)
    # Σ_s exp(α_t(s) + β_t(s) − lp[t, l'_s]) = p(l | x) at every t
    emitted = lp[:, lat.prime]
    per_step = np.log(np.exp(lat.alpha + lat.beta - emitted).sum(axis=1))
    np.testing.assert_allclose(per_step, -lat.nll, rtol=1e-12)
