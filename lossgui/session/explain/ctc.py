"""Explanation of ``CTCLoss``: the alignment lattice at the selected time and class.

The selected cell is a time step ``t`` and a class ``c`` (of sample ``b`` for
a batched ``(T, N, C)`` grid). The target ``l`` is extended with blanks to
``l' = (∅, l1, ∅, …, lL, ∅)``; the forward variables ``α_t(s)`` (log
probability of all alignment prefixes ending in ``l'_s`` at ``t``) and the
backward ones ``β_t(s)`` fill a ``T × (2L + 1)`` lattice, shown with the
selected row and the columns whose label is ``c`` highlighted. The loss is
``−log(exp α_{T−1}(2L) + exp α_{T−1}(2L−1))`` and torch's gradient at
``(t, c)`` is ``exp(lp[t, c]) − γ_t(c)``, ``γ`` being the share of all
alignments that emit ``c`` at ``t``.

The lattice is recomputed here in float64 from the log-probabilities the
loss received (the engine keeps no copy of it); the loss and gradient shown
last are the engine's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossgui.engine.ctc_kernel import alpha_beta
from lossgui.i18n import translate
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.expr import Expr, add, call, div, neg, num, sub
from lossgui.session.explain.generic import generic
from lossgui.session.explain.reduction import Divisor, gradient_steps, reduction_section
from lossgui.session.explain.softmax import row_softmax
from lossgui.session.explain.steps import Built, Section, Step, Table
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = ["Lattice", "ctc", "lattice"]

Array = npt.NDArray[np.float64]
#: The lattice is drawn up to this many time steps and extended labels.
_MAX_ROWS, _MAX_COLUMNS = 24, 15


@dataclass(frozen=True)
class Lattice:
    """One sample's CTC lattice in log space (float64).

    Attributes
    ----------
    prime : list of int
        The extended label ``l'`` (length ``2L + 1``).
    alpha, beta : ndarray
        ``(T_b, 2L + 1)``; ``β`` includes the emission at ``t``, as torch's.
    nll : float
        ``−log p(l | x)``.
    """

    prime: list[int]
    alpha: Array
    beta: Array
    nll: float

    def occupancy(self, lp: Array, t: int, c: int) -> float:
        """``γ_t(c) = Σ_{s: l'_s = c} exp(α_t(s) + β_t(s) − lp[t, c] + nll)``."""
        total = 0.0
        for s, label in enumerate(self.prime):
            if label == c:
                total += math.exp(
                    self.alpha[t, s] + self.beta[t, s] - lp[t, c] + self.nll
                )
        return total


def _lse(values: list[float]) -> float:
    finite = [v for v in values if v != -math.inf]
    if not finite:
        return -math.inf
    m = max(finite)
    return m + math.log(sum(math.exp(v - m) for v in finite))


def _allowed_skip(prime: list[int], s: int) -> bool:
    return s >= 2 and prime[s] != prime[s - 2]


def lattice(lp: Array, labels: list[int], blank: int) -> Lattice:
    """α, β and the loss of one sample (``lp`` is ``(T_b, C)`` log-probabilities).

    The recursions are the engine's (:func:`~lossgui.engine.ctc_kernel.alpha_beta`),
    one whole-array step per time step, in float64.
    """
    prime = [blank]
    for label in labels:
        prime += [label, blank]
    alpha, beta = alpha_beta(
        np.asarray(lp, dtype=np.float64), np.array(prime, dtype=np.int64)
    )
    last = lp.shape[0] - 1
    ends = [float(v) for v in alpha[last, -2:]] if last >= 0 else [-math.inf]
    return Lattice(prime, alpha, beta, -_lse(ends))


def _sample(
    ctx: Context, blank: int
) -> tuple[int, int, int, Array, Array | None, list[int], int]:
    """``(b, t, c)``, the sample's log-probabilities, logits at ``t``, labels, ``T_b``.

    Only what the explanation reads is converted with :func:`exact64` (the
    sample's frames in the columns of its labels, the blank and ``c``; the
    logits of frame ``t``): a long sequence has thousands of values.
    """
    grid = ctx.grid
    sample: tuple[slice | int, ...]
    if grid.ndim == 3:
        t, b, c = ctx.index
        sample = (slice(None), b, slice(None))
    else:
        (t, c), b = ctx.index, 0
        sample = (slice(None), slice(None))
    targets = np.asarray(ctx.tensor(1))
    il = np.asarray(ctx.tensor(2)).reshape(-1)
    tl = np.asarray(ctx.tensor(3)).reshape(-1)
    length, count = (
        int(il[b] if il.size > 1 else il[0]),
        int(tl[b] if tl.size > 1 else tl[0]),
    )
    if grid.ndim == 3 and targets.ndim == 2:
        labels = targets[b, :count]
    elif grid.ndim == 3:
        start = int(np.sum(tl[:b]))
        labels = targets[start : start + count]
    else:
        labels = targets.reshape(-1)[:count]
    activated = ctx.result.activated
    frames = (activated if ctx.activated and activated is not None else grid)[sample]
    lp = np.asarray(frames, dtype=np.float64)
    read = np.array(sorted({*(int(v) for v in labels.tolist()), blank, c}), np.int64)
    lp[:, read] = exact64(frames[:, read])
    z = exact64(grid[sample][t]) if ctx.activated else None
    return b, t, c, lp, z, [int(v) for v in labels], length


def _cell(ctx: Context, value: float) -> str:
    return "−inf" if value == -math.inf else ctx.num(value)


def _tables(
    ctx: Context, lat: Lattice, t: int, c: int, names: list[str]
) -> tuple[Table, ...]:
    if lat.alpha.shape[0] > _MAX_ROWS or len(lat.prime) > _MAX_COLUMNS:
        return ()
    marked = tuple((t, s) for s, label in enumerate(lat.prime) if label == c)
    header = ("t \\ s", *(f"{s}: {name}" for s, name in enumerate(names)))
    tables = []
    for symbol, values in (("α", lat.alpha), ("β", lat.beta)):
        rows = tuple(
            (f"t = {r}", *(_cell(ctx, float(v)) for v in values[r]))
            for r in range(values.shape[0])
        )
        caption = translate(
            "explain",
            "{symbol}_t(s) (log space); highlighted: t = {t}, the columns whose "
            "label is {c}",
        )
        tables.append(
            Table(
                caption.format(symbol=symbol, t=t, c=c),
                header,
                rows,
                marked,
            )
        )
    return tuple(tables)


def _alpha_step(ctx: Context, lat: Lattice, lp: Array, t: int, s: int) -> Step | None:
    """The recursion for ``α_t(s)`` with its numbers, if its terms are finite."""
    if t == 0:
        return None
    prev = [lat.alpha[t - 1, s]]
    parts = ["α_{t−1}(s)"]
    if s >= 1:
        prev.append(lat.alpha[t - 1, s - 1])
        parts.append("α_{t−1}(s−1)")
    if _allowed_skip(lat.prime, s):
        prev.append(lat.alpha[t - 1, s - 2])
        parts.append("α_{t−1}(s−2)")
    finite = [float(v) for v in prev if v != -math.inf]
    if not finite or not math.isfinite(lat.alpha[t, s]):
        return None
    emission = float(lp[t, lat.prime[s]])
    form = add(call("log", add(*(call("exp", num(v)) for v in finite))), num(emission))
    formula = "log(" + " + ".join(f"exp({p})" for p in parts) + ") + lp[t, l'_s]"
    return ctx.maker.step(
        f"α_{t}({s})",
        formula,
        form,
        float(lat.alpha[t, s]),
        kind="log",
        note=translate("explain", "−inf terms (unreachable states) are left out")
        if len(finite) < len(prev)
        else "",
    )


def ctc(ctx: Context) -> Built:
    """``CTCLoss`` at the selected time step and class."""
    maker = ctx.maker
    blank = int(ctx.param("blank"))
    b, t, c, lp, z, labels, length = _sample(ctx, blank)
    position: tuple[int, ...] = (b,) if ctx.grid.ndim == 3 else ()
    lhs = f"l[{b}]" if position else "l"
    if length <= 0 or length > lp.shape[0]:
        return generic(ctx)
    lat = lattice(lp[:length], labels, blank)
    if not math.isfinite(lat.nll):
        return generic(ctx)
    names = ["∅" if label == blank else str(label) for label in lat.prime]
    steps: list[Step] = []
    lines = [
        translate(
            "explain",
            "Target l = {labels} (L = {count}); extended l' = ({extended}), "
            "∅ = blank = {blank}; input length T = {length}.",
        ).format(
            labels=labels,
            count=len(labels),
            extended=", ".join(names),
            blank=blank,
            length=length,
        ),
        translate(
            "explain",
            "α_t(s): log-probability of every alignment of l'_0..l'_s to the steps "
            "0..t; β_t(s): of every alignment of l'_s..l'_end to t..T−1 (both "
            "include lp[t, l'_s]).",
        ),
    ]
    used = t < length
    if z is not None and used:
        sm = row_softmax(ctx, z, [c])
        steps += sm.steps
        steps.append(
            maker.step(
                f"lp[{t}, {c}]",
                f"log_softmax(z_t)_{c} = z_{c} − log(S)",
                sm.log_p(c),
                float(lp[t, c]),
                kind="log",
                engine=True,
            )
        )
    slots = [s for s, label in enumerate(lat.prime) if label == c]
    if used and slots:
        step = _alpha_step(ctx, lat, lp, t, slots[0])
        if step is not None:
            steps.append(step)
    last = length - 1
    ends = [float(lat.alpha[last, -1])]
    if len(lat.prime) > 1:
        ends.append(float(lat.alpha[last, -2]))
    finite_ends = [v for v in ends if v != -math.inf]
    steps.append(
        maker.step(
            lhs,
            "−log(exp(α_{T−1}(2L)) + exp(α_{T−1}(2L−1)))",
            neg(call("log", add(*(call("exp", num(v)) for v in finite_ends)))),
            ctx.loss_at(position),
            engine=True,
        )
    )
    forward = Section(
        sample_title(lhs),
        tuple(steps),
        tuple(lines),
        _tables(ctx, lat, t, c, names),
    )
    count = max(len(labels), 1)
    red_lines = []
    divisor = None
    if ctx.reduction == "mean":
        divisor = Divisor(translate("explain", "N = batch size"))
        red_lines.append(
            translate(
                "explain",
                "'mean' first divides each loss_b by max(L_b, 1) (its target length), "
                "then averages over the batch: Σ l below is Σ_b loss_b / max(L_b, 1).",
            )
        )
    reduction = reduction_section(ctx, position, divisor, red_lines)
    g_symbol = f"∂L/∂{ctx.symbol}{ctx.label}"
    if not used:
        grad_steps = [
            maker.given(
                g_symbol,
                translate("explain", "0   (t = {t} ≥ input length {length})").format(
                    t=t, length=length
                ),
                ctx.grad,
                kind="gradient",
            )
        ]
    else:
        gamma = lat.occupancy(lp, t, c)
        terms: list[Expr] = [
            call(
                "exp",
                add(
                    sub(
                        add(num(float(lat.alpha[t, s])), num(float(lat.beta[t, s]))),
                        num(float(lp[t, c])),
                    ),
                    num(lat.nll),
                ),
            )
            for s in slots
            if math.isfinite(lat.alpha[t, s] + lat.beta[t, s])
        ]
        grad_steps = []
        if terms:
            grad_steps.append(
                maker.step(
                    f"γ_{t}({c})",
                    "Σ_(s: l'_s = c) exp(α_t(s) + β_t(s) − lp[t, c] + loss)",
                    add(*terms),
                    gamma,
                    kind="gradient",
                    note=translate(
                        "explain",
                        "the share of all alignments that emit class c at step t",
                    ),
                )
            )
        else:
            grad_steps.append(
                maker.given(
                    f"γ_{t}({c})",
                    translate("explain", "0   (no alignment emits c at t)"),
                    0.0,
                    kind="gradient",
                )
            )
        local = math.exp(lp[t, c]) - gamma
        form: Expr = sub(call("exp", num(float(lp[t, c]))), num(gamma))
        text = f"exp(lp[{t}, {c}]) − γ_{t}({c})"
        if ctx.reduction == "mean":
            grad_steps.append(maker.step("g", text, form, local, kind="gradient"))
            local, form, text = local / count, div(num(local), count), "g / max(L, 1)"
        grad_steps += gradient_steps(
            ctx,
            g_symbol if ctx.reduction != "mean" else "g'",
            text,
            form,
            local,
            translate(
                "explain",
                "torch's CTC backward; in logits mode log_softmax passes it through "
                "unchanged (its entries at t sum to 0)",
            )
            if z is not None
            else translate(
                "explain",
                "torch's CTC backward, the gradient with respect to log_probs",
            ),
        )
    given = [("t", str(t)), (translate("explain", "class c"), str(c))]
    if position:
        given.insert(0, (translate("explain", "sample b"), str(b)))
    if used:
        given.append((f"lp[{t}, {c}]", ctx.num(float(lp[t, c]))))
    return Built(
        tuple(given),
        (forward, reduction, Section(gradient_title(g_symbol), tuple(grad_steps))),
        (
            translate(
                "explain",
                "CTC sums the probability of every alignment of the target to the "
                "input (repeats merged, blanks dropped); α and β organise that sum "
                "step by step.",
            ),
        ),
    )
