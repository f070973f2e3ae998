r"""Connectionist temporal classification: ``CTCLoss``, exactly as torch's CPU kernel.

Forward (Graves et al. 2006, in log space)
------------------------------------------
For sample ``b`` with input length ``T_b``, target ``l`` of length ``L`` and
the extended label ``l' = (∅, l1, ∅, l2, …, lL, ∅)`` (``∅`` = blank, length
``2L + 1``), with ``lp = log_probs[:, b, :]``::

    α_0(0) = lp[0, ∅],  α_0(1) = lp[0, l1],  α_0(s) = -inf otherwise
    α_t(s) = lse(α_{t-1}(s), α_{t-1}(s-1), [α_{t-1}(s-2) if l'_s != l'_{s-2}])
             + lp[t, l'_s]
    loss_b = -lse(α_{T_b-1}(2L), α_{T_b-1}(2L-1))      (L = 0: -α_{T_b-1}(0))

``T_b = 0`` gives ``-0.0`` when ``L = 0`` and ``+inf`` otherwise; a target
with no alignment gives ``+inf`` (0 with ``zero_infinity``).
``'mean'`` is ``mean_b(loss_b / max(L_b, 1))``, ``'sum'`` is ``Σ_b loss_b``.

Gradient (torch's convention, not ``∂loss/∂log_probs``)
--------------------------------------------------------
With β the mirror-image recursion and
``γ_t(c) = Σ_{s: l'_s = c} exp(α_t(s) + β_t(s) - lp[t, c] + loss_b)`` (the
posterior occupancy of class ``c`` at ``t``), torch returns::

    grad[t, b, c] = (exp(lp[t, c]) - γ_t(c)) · g_b     for t < T_b, else 0

with ``g_b = 1`` (``'none'``/``'sum'``) or ``1 / (N · max(L_b, 1))``
(``'mean'``). The true derivative w.r.t. free ``log_probs`` is ``-γ``; the
extra ``exp(lp)`` is what a preceding ``log_softmax`` backward cancels, so
torch's kernel assumes ``log_probs = log_softmax(logits, dim=-1)`` and the
logits then receive exactly ``softmax - γ``. Torch quirks reproduced: an
infeasible sample's gradient is NaN for ``t < T_b`` (all 0 when ``T_b = 0``
or with ``zero_infinity``); a ``-inf`` entry of ``log_probs`` at
``t < T_b`` gets a NaN gradient; at
``t = T_b - 1`` the two end states are assigned, not added (visible only when
the last label equals the blank).

Inputs
------
Targets may be padded ``(N, S)`` or concatenated 1-D; float, bool or int32
targets are cast to int64 as torch does (truncation). Labels outside
``[0, C)`` are rejected here: torch does not check them on CPU and reads
memory outside ``log_probs``. The logits pipeline applies ``log_softmax`` over
the **last** (class) dimension of ``(T, N, C)`` logits
(``activation="log_softmax_last"``); since ``Σ_c (exp(lp) - γ) = 0`` at every
valid frame, torch's gradient passes through that backward unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.ctc_kernel import forward_backward
from lossgui.engine.errors import LossInputError
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensors import dtype_name
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["ctc_loss"]

Array = npt.NDArray[Any]

_WHERE = " (while checking arguments for ctc_loss_allocate_outputs)"
_COMPLEX_WARNING = "Casting complex values to real discards the imaginary part"


def _lengths(array: Array, name: str) -> Array:
    if array.dtype.kind not in "iu":
        raise LossInputError(f"{name} must be integral")
    return array.reshape(-1).astype(np.int64)


def _size_error(need: int, dim: int, got: int, least: str = "") -> LossInputError:
    return LossInputError(
        f"Expected tensor to have size {least}{need} at dimension {dim}, but got "
        f"size {got} for argument #2 'targets'{_WHERE}"
    )


def _check_shapes(lp: Array, tg: Array, il: Array, tl: Array, blank: int) -> Array:
    """Torch's checks, in torch's order; returns ``log_probs`` as ``(T, N, C)``."""
    if lp.ndim == 0:
        raise LossInputError(
            "Dimension out of range (expected to be in range of [-1, 0], but got 1)",
            "IndexError",
        )
    if lp.dtype not in (np.float32, np.float64):
        raise LossInputError(
            f"\"ctc_loss_cpu\" not implemented for '{dtype_name(lp.dtype)}'",
            "NotImplementedError",
        )
    if lp.size == 0:
        raise LossInputError("log_probs tensor must not be empty")
    lp = lp if lp.ndim == 3 else np.expand_dims(lp, 1)
    if lp.ndim != 3:
        raise LossInputError(
            f"Expected 3-dimensional tensor, but got {lp.ndim}-dimensional tensor "
            f"for argument #1 'log_probs'{_WHERE}"
        )
    if tg.ndim not in (1, 2):
        raise LossInputError(
            f"Expected 1 to 2 dimensions, but got {tg.ndim}-dimensional tensor for "
            f"argument #2 'targets'{_WHERE}"
        )
    steps, batch, classes = lp.shape
    if not 0 <= blank < classes:
        raise LossInputError("blank must be in label range")
    for name, lengths in (("input_lengths", il), ("target_lengths", tl)):
        if lengths.size != batch:
            raise LossInputError(f"{name} must be of size batch_size")
    if (tl < 0).any():
        raise LossInputError(
            "Expected target_lengths to have value at least 0, but got value "
            f"{tl[tl < 0][0]}{_WHERE}"
        )
    if tg.ndim == 1 and tg.shape[0] != tl.sum():
        raise _size_error(int(tl.sum()), 0, tg.shape[0])
    if tg.ndim == 2 and tg.shape[0] != batch:
        raise _size_error(batch, 0, tg.shape[0])
    if tg.ndim == 2 and tg.shape[1] < tl.max():
        raise _size_error(int(tl.max()), 1, tg.shape[1], "at least ")
    for value in il:
        if not 0 <= value <= steps:
            bound = "at least 0" if value < 0 else f"at most {steps}"
            raise LossInputError(
                f"Expected input_lengths to have value {bound}, but got value "
                f"{value}{_WHERE}"
            )
    return lp


def _extended_labels(tg: Array, tl: Array, blank: int, classes: int) -> Array:
    """``l'`` per sample, ``(N, 2 L_max + 1)``; unused positions hold the blank."""
    longest = int(tl.max())
    pos = np.arange(longest)
    used = pos[None, :] < tl[:, None]
    if tg.ndim == 1:
        start = np.cumsum(tl) - tl
        labels = tg[np.minimum(start[:, None] + pos, max(tg.size - 1, 0))]
    else:
        labels = tg[:, :longest]
    if labels.dtype.kind == "f":
        labels = np.trunc(labels)
    bad = used & ~((labels >= 0) & (labels < classes))
    if bad.any():
        value = labels[bad][0]
        shown = int(value) if np.isfinite(value) else value
        raise LossInputError(
            f"Target {shown} is out of bounds for {classes} classes (torch's CPU "
            "kernel does not check this and reads outside log_probs)",
            "IndexError",
        )
    prime = np.full((tl.size, 2 * longest + 1), blank, dtype=np.int64)
    prime[:, 1::2] = np.where(used, labels, blank).astype(np.int64)
    return prime


def _options(params: Mapping[str, Any]) -> tuple[int, bool]:
    blank, zero_infinity = params["blank"], params["zero_infinity"]
    if isinstance(blank, bool | np.bool_) or not isinstance(blank, int | np.integer):
        raise LossInputError(
            f"ctc_loss(): argument 'blank' must be int, not {type(blank).__name__}",
            "TypeError",
        )
    if not isinstance(zero_infinity, bool | np.bool_):
        raise LossInputError(
            "ctc_loss(): argument 'zero_infinity' must be bool, not "
            f"{type(zero_infinity).__name__}",
            "TypeError",
        )
    return int(blank), bool(zero_infinity)


def ctc_loss(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    """``CTCLoss``: per-sample losses and torch's gradient (see module docstring).

    Parameters
    ----------
    tensors : tuple of ndarray
        ``(log_probs, targets, input_lengths, target_lengths)``.
    params : mapping
        ``blank`` (int), ``zero_infinity`` (bool) and ``reduction``.

    Returns
    -------
    Terms
        ``elementwise`` = ``loss_b`` (``(N,)``, or 0-d unbatched), ``grad`` for
        ``g_b = 1``, and ``mean_terms`` holding ``loss_b / max(L_b, 1)`` (and
        its gradient) over the divisor ``N``.

    Raises
    ------
    LossInputError
        With torch's text for every input torch rejects, plus labels outside
        ``[0, C)``, which torch's CPU kernel reads out of bounds.
    """
    lp0, tg, il, tl = tensors
    blank, zero_infinity = _options(params)
    il, tl = _lengths(il, "input_lengths"), _lengths(tl, "target_lengths")
    warnings: tuple[str, ...] = ()
    if tg.dtype.kind == "c":
        tg, warnings = tg.real, (_COMPLEX_WARNING,)
    lp = _check_shapes(lp0, tg, il, tl, blank)
    dtype, batch = lp.dtype, lp.shape[1]
    prime = _extended_labels(tg, tl, blank, lp.shape[2])
    nll, core = forward_backward(lp, prime, il, tl)
    if zero_infinity:
        infinite = nll == np.inf
        nll = np.where(infinite, 0, nll).astype(dtype)
        core = np.where(infinite[None, :, None], 0, core).astype(dtype)
    mean = None
    if params["reduction"] == "mean":
        # Autograd's order: mean's 1 / N, then the division by max(L_b, 1),
        # then the kernel's product with the per-sample upstream gradient.
        per = np.maximum(tl, 1).astype(dtype)
        upstream = (np.asarray(1, dtype) / np.asarray(batch, dtype)) / per
        scaled = np.multiply(core, upstream[None, :, None], out=np.empty_like(core))
        mean = Terms(
            nll / per, scaled.reshape(lp0.shape), float(batch), grad_is_mean=True
        )
    return Terms(
        nll.reshape(()) if lp0.ndim != 3 else nll,
        core.reshape(lp0.shape),
        float(batch),
        warnings=warnings,
        mean_terms=mean,
    )


register(
    LossSpec(
        name="CTCLoss",
        family="sequence",
        activation="log_softmax_last",
        summary=(
            QT_TRANSLATE_NOOP(
                "engine",
                "Connectionist temporal classification: -log of the total probability "
                "of every alignment of the target to the input frames.",
            )
        ),
        formula=(
            "l' = (blank, y1, blank, y2, …, yL, blank)\n"
            "α_t(s) = lse(α_{t-1}(s), α_{t-1}(s-1), α_{t-1}(s-2) if l'_s ≠ l'_{s-2})"
            " + lp[t, l'_s]\n"
            "loss_b = -lse(α_{T_b-1}(2L), α_{T_b-1}(2L-1))\n"
            "mean = mean_b(loss_b / max(L_b, 1))\n"
            "grad (torch) = exp(lp) - γ for t < T_b, γ = posterior occupancy"
        ),
        forward=(
            TensorArg(
                "log_probs",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Log-probabilities of each class at each time step, e.g. "
                    "log_softmax(logits, dim=2). Time first: T time steps, N samples, "
                    "C classes (blank included).",
                ),
                "(T, N, C) or (T, C)",
            ),
            TensorArg(
                "targets",
                "index",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Target label sequences, padded to a common length S (row b uses "
                    "its first target_lengths[b] entries), or all targets concatenated "
                    "into one 1-D sequence. Labels must not be the blank.",
                ),
                "(N, S) or (sum(target_lengths),); unbatched: (target_length,) "
                "or (1, S)",
            ),
            TensorArg(
                "input_lengths",
                "length",
                QT_TRANSLATE_NOOP(
                    "engine", "How many time steps of log_probs each sample uses (≤ T)."
                ),
                "(N,) or () unbatched",
            ),
            TensorArg(
                "target_lengths",
                "length",
                QT_TRANSLATE_NOOP(
                    "engine", "How many labels of targets each sample uses (≤ S)."
                ),
                "(N,) or () unbatched",
            ),
        ),
        params=(
            ParamSpec(
                "blank",
                "int",
                0,
                QT_TRANSLATE_NOOP(
                    "engine", "Index of the blank label, 0 ≤ blank < C. Default: 0."
                ),
                minimum=0,
            ),
            ParamSpec(
                "zero_infinity",
                "bool",
                False,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Whether to zero infinite losses and their gradients. Infinite "
                    "losses occur when the input is too short to align to the target. "
                    "Default: False.",
                ),
            ),
        ),
        function=ctc_loss,
        legacy_args=False,
        reference="torch.nn.CTCLoss",
    )
)
