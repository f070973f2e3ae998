"""Explanation of CrossEntropyLoss (class indices or probabilities).

One row is one sample: softmax turns its logits into a distribution ``p``
and the loss is ``−Σ_c t_c·log(p_c)`` with ``t`` the one-hot target (or the
given probabilities, or their label-smoothed version), each class term
scaled by ``weight[c]``. The selected column picks which logit's gradient
is explained.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.expr import Expr, add, call, const, div, mul, neg, num, sub
from lossgui.session.explain.reduction import (
    MAX_TERMS,
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.softmax import RowSoftmax, row_softmax
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, sample_title

__all__ = [
    "class_weights",
    "cross_entropy",
    "ignored_sample",
    "index_target",
    "mean_divisor",
    "position_label",
    "row_of_logits",
]

Array = npt.NDArray[Any]
#: The blog-style sum over every class is written out up to this many classes.
_FULL_SUM = 8


def row_of_logits(ctx: Context) -> tuple[tuple[int, ...], npt.NDArray[np.float64]]:
    """The sample's position in the unreduced loss and its logits."""
    if ctx.grid.ndim >= 2:
        return (ctx.row,), exact64(ctx.grid[ctx.row])
    return (), exact64(ctx.grid).reshape(-1)


def index_target(ctx: Context) -> tuple[int, Array]:
    """The selected sample's class index and the whole target."""
    target = np.asarray(ctx.tensor(1)).reshape(-1)
    row = ctx.row if ctx.grid.ndim >= 2 else 0
    return int(target[row]), target


def class_weights(ctx: Context) -> npt.NDArray[np.float64] | None:
    """The ``weight`` argument as a float64 vector, or None."""
    w = ctx.param("weight")
    return None if w is None else np.asarray(w, dtype=np.float64).reshape(-1)


def mean_divisor(
    ctx: Context, targets: Array, ignore: int, w: npt.NDArray[np.float64] | None
) -> tuple[Divisor, list[str]]:
    """The mean's divisor ``Σ w[y_n]`` (non-ignored rows) and what is left out."""
    targets = np.asarray(targets).reshape(-1)
    is_ignored = targets == ignore
    kept = targets[~is_ignored]
    dropped = np.flatnonzero(is_ignored)
    excluded = []
    if dropped.size:
        rows = ", ".join(str(n) for n in dropped[:MAX_TERMS])
        if dropped.size > MAX_TERMS:
            more = translate("explain", " … ({count} rows)").format(
                count=f"{dropped.size:,}"
            )
            rows += more
        excluded.append(
            translate(
                "explain",
                "Excluded: row(s) {rows} (target = ignore_index = {ignore}): "
                "loss 0, not counted in D.",
            ).format(rows=rows, ignore=ignore)
        )
    if w is None:
        return Divisor(translate("explain", "number of non-ignored rows")), excluded
    over = translate("explain", "Σ_n w[y_n] over non-ignored rows")
    if 0 < kept.size <= MAX_TERMS and ((kept >= 0) & (kept < w.size)).all():
        terms = add(*(num(float(w[int(t)])) for t in kept))
        return Divisor(over, terms), excluded
    return Divisor(over), excluded


def ignored_sample(
    ctx: Context, position: tuple[int, ...], y: int, ignore: int, reduction: Section
) -> Built:
    """The explanation of a sample whose target equals ``ignore_index``."""
    maker = ctx.maker
    lhs = position_label(position)
    forward = Section(
        translate("explain", "This sample's loss"),
        (
            maker.given(
                f"l{lhs}", translate("explain", "0 (ignored)"), ctx.loss_at(position)
            ),
        ),
        (
            translate(
                "explain",
                "The target {y} equals ignore_index: torch skips this sample.",
            ).format(y=y),
        ),
    )
    grad = Section(
        gradient_title(f"∂L/∂z{ctx.label}"),
        (
            maker.given(
                f"∂L/∂z{ctx.label}",
                translate("explain", "0 (ignored sample)"),
                ctx.grad,
                kind="gradient",
            ),
        ),
    )
    given = (("y", str(y)), ("ignore_index", str(ignore)))
    return Built(given, (forward, reduction, grad))


def position_label(position: tuple[int, ...]) -> str:
    """``[n]`` (or ``[]`` for a single sample)."""
    return "[" + ", ".join(str(i) for i in position) + "]"


def _index_loss(
    ctx: Context, sm: RowSoftmax, y: int, w: Any, eps: float, value: float, lhs: str
) -> list[Step]:
    maker = ctx.maker
    c_count = sm.p.size
    wy = 1.0 if w is None else float(w[y])
    if eps == 0:
        forms: list[Expr] = []
        if w is None and c_count <= _FULL_SUM and np.all(sm.p > 0):
            forms.append(
                neg(
                    add(
                        *(
                            mul(const(int(c == y)), call("log", num(float(sm.p[c]))))
                            for c in range(c_count)
                        )
                    )
                )
            )
        wy_part = [] if w is None else [num(wy)]
        forms.append(neg(mul(*wy_part, call("log", num(float(sm.p[y]))))))
        forms.append(neg(mul(*wy_part, sm.log_p(y))))
        formula = "−Σ_c t_c·log(p_c), t = one-hot(y)" if w is None else "−w[y]·log(p_y)"
        return [maker.step(lhs, formula, forms, value, engine=True)]
    t_y = (1 - eps) + eps / c_count
    steps = [
        maker.step(
            f"t'_{y}",
            "(1 − ε)·1 + ε / C",
            add(mul(sub(1, num(eps)), 1), div(num(eps), c_count)),
            t_y,
            kind="smoothing",
        ),
        maker.step(
            "t'_c",
            translate("explain", "ε / C  (every other class)"),
            div(num(eps), c_count),
            eps / c_count,
            kind="smoothing",
        ),
    ]
    t = np.full(c_count, eps / c_count)
    t[y] = t_y
    steps.append(_soft_loss(ctx, sm, t, w, value, lhs))
    return steps


def _soft_loss(
    ctx: Context, sm: RowSoftmax, t: Any, w: Any, value: float, lhs: str
) -> Step:
    c_count = sm.p.size
    formula = "−Σ_c t_c·log(p_c)" if w is None else "−Σ_c w_c·t_c·log(p_c)"
    if c_count > _FULL_SUM:
        return ctx.maker.given(lhs, formula, value, kind="loss")

    def term(c: int, log: Expr) -> Expr:
        scale = [] if w is None else [num(float(w[c]))]
        return mul(*scale, num(float(t[c])), log)

    forms = [
        neg(add(*(term(c, call("log", num(float(sm.p[c])))) for c in range(c_count)))),
        neg(add(*(term(c, sm.log_p(c)) for c in range(c_count)))),
    ]
    return ctx.maker.step(lhs, formula, forms, value, engine=True)


def cross_entropy(ctx: Context) -> Built:
    """``CrossEntropyLoss`` with class indices or class probabilities."""
    position, z = row_of_logits(ctx)
    w = class_weights(ctx)
    eps = max(float(ctx.param("label_smoothing") or 0.0), 0.0)
    k = ctx.class_index
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    probabilities = ctx.evaluation.target_mode == "probability"
    if probabilities:
        t_row = np.asarray(ctx.row_of(ctx.tensor(1)), dtype=np.float64)
        sm = row_softmax(ctx, z, [k])
        t = (1 - eps) * t_row + eps / z.size if eps > 0 else t_row
        forward = [*sm.steps, _soft_loss(ctx, sm, t, w, value, lhs)]
        divisor: Divisor | None = Divisor(
            translate("explain", "N = numel / C (samples)")
        )
        excluded: list[str] = []
        grad = _soft_gradient(ctx, sm, t, w, k)
        given = [("z", "[" + ", ".join(ctx.num(v) for v in z[:MAX_TERMS]) + "]")]
    else:
        y, targets = index_target(ctx)
        ignore = int(ctx.param("ignore_index"))
        divisor, excluded = mean_divisor(ctx, targets, ignore, w)
        if y == ignore:
            section = reduction_section(ctx, position, divisor, excluded)
            return ignored_sample(ctx, position, y, ignore, section)
        sm = row_softmax(ctx, z, [y, k])
        forward = [*sm.steps, *_index_loss(ctx, sm, y, w, eps, value, lhs)]
        grad = _index_gradient(ctx, sm, y, w, eps, k)
        given = [
            ("z", "[" + ", ".join(ctx.num(v) for v in z[:MAX_TERMS]) + "]"),
            ("y", str(y)),
        ]
    if eps > 0:
        given.append(("label_smoothing", ctx.num(eps)))
    return Built(
        tuple(given),
        (
            Section(sample_title(lhs), tuple(forward), sm.lines),
            reduction_section(ctx, position, divisor, excluded),
            Section(gradient_title(f"∂L/∂z{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "torch computes log_softmax(z) = z − m − log Σ exp(z − m) (m = row "
                "max): the same numbers as log(p), without overflow.",
            ),
        ),
    )


def _index_gradient(
    ctx: Context, sm: RowSoftmax, y: int, w: Any, eps: float, k: int
) -> list[Step]:
    p_k, delta = float(sm.p[k]), int(k == y)
    wy = 1.0 if w is None else float(w[y])
    wk = 1.0 if w is None else float(w[k])
    plain: Expr = sub(num(p_k), const(delta))
    if eps == 0:
        form = plain if w is None else mul(num(wy), plain)
        formula = f"p_{k} − [{k} = y]" if w is None else f"w[y]·(p_{k} − [{k} = y])"
        return gradient_steps(
            ctx, f"∂l/∂z{ctx.label}", formula, form, wy * (p_k - delta)
        )
    total_w = float(np.sum(w)) if w is not None else float(sm.p.size)
    c_count = sm.p.size
    local = (1 - eps) * wy * (p_k - delta) + eps / c_count * (p_k * total_w - wk)
    form = add(
        mul(sub(1, num(eps)), num(wy), plain),
        mul(div(num(eps), c_count), sub(mul(num(p_k), num(total_w)), num(wk))),
    )
    formula = f"(1 − ε)·w[y]·(p_{k} − [{k} = y]) + (ε / C)·(p_{k}·Σ_c w_c − w_{k})"
    return gradient_steps(ctx, f"∂l/∂z{ctx.label}", formula, form, local)


def _soft_gradient(ctx: Context, sm: RowSoftmax, t: Any, w: Any, k: int) -> list[Step]:
    weights = np.ones(sm.p.size) if w is None else np.asarray(w, dtype=np.float64)
    total = float(np.sum(weights * t))
    maker = ctx.maker
    steps: list[Step] = []
    if sm.p.size <= _FULL_SUM:
        form = add(
            *(mul(num(float(weights[c])), num(float(t[c]))) for c in range(sm.p.size))
        )
        steps.append(maker.step("T", "Σ_c w_c·t_c", form, total, kind="gradient"))
    else:
        steps.append(maker.given("T", "Σ_c w_c·t_c", total, kind="gradient"))
    p_k, wk, tk = float(sm.p[k]), float(weights[k]), float(t[k])
    local = p_k * total - wk * tk
    form2 = sub(mul(num(p_k), num(total)), mul(num(wk), num(tk)))
    return steps + gradient_steps(
        ctx, f"∂l/∂z{ctx.label}", f"p_{k}·T − w_{k}·t_{k}", form2, local
    )
