"""Explanations of the embedding losses: CosineEmbeddingLoss and the triplet losses.

Each row of the grid is one embedding (the last dimension its components);
the loss has one value per row. The page computes the row's similarity or
distances from the components, then the hinge (saying whether it is
active), and the gradient for the selected component of the first input.
For the triplet losses with ``swap``, it shows which negative distance the
swap picked.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.session.explain.classes import position_label
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.element import active_note
from lossgui.session.explain.expr import (
    Expr,
    add,
    call,
    const,
    div,
    mul,
    neg,
    num,
    power,
    sub,
)
from lossgui.session.explain.generic import generic
from lossgui.session.explain.reduction import (
    Divisor,
    gradient_steps,
    reduction_section,
)
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import gradient_title, pair_title, triplet_title

__all__ = ["cosine_embedding", "triplet_margin", "triplet_margin_with_distance"]

Vector = npt.NDArray[np.float64]
#: Sums over the components are written out up to this many.
_WRITTEN = 6
#: ``CosineEmbeddingLoss``'s ε: float32(1e-12), also for float64 inputs.
_COSINE_EPS = float(np.float32(1e-12))


def _rows(ctx: Context, count: int) -> tuple[tuple[int, ...], list[Vector]] | None:
    """The selected row of the first ``count`` tensors, or None if they broadcast."""
    grid = ctx.grid
    if grid.ndim not in (1, 2):
        return None
    loss_shape = tuple(ctx.result.loss.elementwise.shape)
    if loss_shape != tuple(grid.shape[:-1]):
        return None
    position: tuple[int, ...] = (ctx.row,) if grid.ndim == 2 else ()
    rows = []
    for i in range(count):
        full = np.broadcast_to(np.asarray(ctx.tensor(i)), grid.shape)
        rows.append(exact64(full[position] if position else full).reshape(-1))
    return position, rows


def _vector(ctx: Context, values: Vector) -> str:
    return "[" + ", ".join(ctx.num(float(v)) for v in values[:12]) + "]"


def _sum(
    ctx: Context, symbol: str, formula: str, terms: list[Expr], value: float
) -> Step:
    if len(terms) <= _WRITTEN:
        return ctx.maker.step(symbol, formula, add(*terms), value)
    return ctx.maker.given(symbol, formula, value, kind="loss")


def cosine_embedding(ctx: Context) -> Built:
    """``CosineEmbeddingLoss`` for the selected pair; the column picks the gradient."""
    found = _rows(ctx, 2)
    if found is None:
        return generic(ctx)
    position, (a, b) = found
    maker = ctx.maker
    target = np.asarray(ctx.tensor(2))
    y = float(target[position] if target.ndim else target)
    margin = float(ctx.param("margin"))
    k = ctx.index[-1]
    dot, m1, m2 = float(a @ b), float(a @ a), float(b @ b)
    den = math.sqrt((m1 + _COSINE_EPS) * (m2 + _COSINE_EPS))
    cos = dot / den
    steps = [
        _sum(
            ctx,
            "s",
            "Σ x1_i·x2_i",
            [mul(num(u), num(v)) for u, v in zip(a, b, strict=True)],
            dot,
        ),
        _sum(ctx, "m1", "Σ x1_i^2", [power(num(u), 2) for u in a], m1),
        _sum(ctx, "m2", "Σ x2_i^2", [power(num(v), 2) for v in b], m2),
        maker.step(
            "cos",
            "s / sqrt((m1 + ε)·(m2 + ε))",
            div(
                num(dot),
                call(
                    "sqrt",
                    mul(add(num(m1), num(_COSINE_EPS)), add(num(m2), num(_COSINE_EPS))),
                ),
            ),
            cos,
            kind="margin",
        ),
    ]
    lhs = f"l{position_label(position)}"
    value = ctx.loss_at(position)
    dcos = float(b[k]) / den - cos * float(a[k]) / (m1 + _COSINE_EPS)
    dcos_form = sub(
        div(num(float(b[k])), num(den)),
        div(mul(num(cos), num(float(a[k]))), add(num(m1), num(_COSINE_EPS))),
    )
    if y == 1:
        steps.append(
            maker.step(
                lhs,
                translate("explain", "1 − cos   (y = 1: a similar pair)"),
                sub(1, num(cos)),
                value,
                engine=True,
            )
        )
        local, g_form, g_text = -dcos, neg(num(dcos)), "−∂cos/∂x1"
    elif y == -1:
        h = cos - margin
        steps.append(
            maker.step(
                "h",
                "cos − margin",
                sub(num(cos), num(margin)),
                h,
                kind="margin",
                note=active_note(ctx, "h", h),
            )
        )
        steps.append(
            maker.step(
                lhs,
                translate("explain", "max(0, h)   (y = −1: a dissimilar pair)"),
                call("max", const(0), num(h)),
                value,
                engine=True,
            )
        )
        active = h >= 0
        local = dcos if active else 0.0
        g_form, g_text = (num(dcos) if active else const(0)), "[h ≥ 0]·∂cos/∂x1"
    else:
        steps.append(
            maker.given(lhs, translate("explain", "0   (y is neither 1 nor −1)"), value)
        )
        local, g_form, g_text = 0.0, const(0), "0"
    grad = [
        maker.step(
            f"∂cos/∂x1_{k}",
            f"x2_{k} / sqrt((m1 + ε)·(m2 + ε)) − cos·x1_{k} / (m1 + ε)",
            dcos_form,
            dcos,
            kind="gradient",
        ),
        *gradient_steps(ctx, f"∂l/∂x1{ctx.label}", g_text, g_form, local),
    ]
    given = (
        ("x1", _vector(ctx, a)),
        ("x2", _vector(ctx, b)),
        ("y", ctx.num(y)),
        ("margin", ctx.num(margin)),
    )
    return Built(
        given,
        (
            Section(
                pair_title(lhs),
                tuple(steps),
                (f"ε = float32(1e-12) = {_COSINE_EPS!r}",),
            ),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of pairs"))
            ),
            Section(gradient_title(f"∂L/∂x1{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "Similar pairs are pulled to cos = 1; dissimilar ones pushed below "
                "cos = margin.",
            ),
        ),
    )


@dataclass(frozen=True)
class _Distance:
    """A distance between two rows: its value, working and ``∂d/∂first[k]``."""

    formula: str
    value: float
    form: Expr | None
    grad: float
    grad_formula: str
    grad_form: Expr
    line: str = ""


def _pairwise(
    ctx: Context, a: Vector, b: Vector, k: int, p: float, eps: float, name: str
) -> _Distance:
    v = a - b + eps
    form: Expr | None
    if not math.isfinite(p) or p <= 0:
        raise ValueError("norm order without a written form")
    written = v.size <= _WRITTEN
    line = f"v = {name} = {_vector(ctx, v)}"
    if p == 2:
        d = math.sqrt(float(v @ v))
        form = (
            call("sqrt", add(*(power(num(float(t)), 2) for t in v)))
            if written
            else None
        )
        g = float(v[k]) / d if d else 0.0
        return _Distance(
            "sqrt(Σ v_i^2)",
            d,
            form,
            g,
            f"v_{k} / d",
            div(num(float(v[k])), num(d)),
            line,
        )
    if p == 1:
        d = float(np.sum(np.abs(v)))
        form = add(*(call("abs", num(float(t))) for t in v)) if written else None
        g = float(np.sign(v[k]))
        return _Distance(
            "Σ |v_i|", d, form, g, f"sign(v_{k})", call("sign", num(float(v[k]))), line
        )
    d = float(np.sum(np.abs(v) ** p) ** (1 / p))
    form = (
        power(
            add(*(power(call("abs", num(float(t))), num(p)) for t in v)), div(1, num(p))
        )
        if written
        else None
    )
    vk = float(v[k])
    g = float(np.sign(vk)) * abs(vk) ** (p - 1) / d ** (p - 1) if d else 0.0
    g_form = div(
        mul(call("sign", num(vk)), power(call("abs", num(vk)), sub(num(p), 1))),
        power(num(d), sub(num(p), 1)),
    )
    return _Distance(
        "(Σ |v_i|^p)^(1/p)",
        d,
        form,
        g,
        f"sign(v_{k})·|v_{k}|^(p − 1) / d^(p − 1)",
        g_form,
        line,
    )


def _cosine(ctx: Context, a: Vector, b: Vector, k: int) -> _Distance:
    na, nb = math.sqrt(float(a @ a)), math.sqrt(float(b @ b))
    ca, cb = max(na, 1e-8), max(nb, 1e-8)
    cos = float(a @ b) / (ca * cb)
    form = None
    if a.size <= _WRITTEN:
        dot = add(
            *(mul(num(float(u)), num(float(w))) for u, w in zip(a, b, strict=True))
        )
        form = sub(1, div(dot, mul(num(ca), num(cb))))
    g = -(float(b[k]) / (ca * cb) - cos * float(a[k]) / (ca * na if na else 1.0))
    g_form = neg(
        sub(
            div(num(float(b[k])), mul(num(ca), num(cb))),
            div(mul(num(cos), num(float(a[k]))), power(num(na), 2)),
        )
    )
    line = translate(
        "explain", "‖first‖ = {first}, ‖second‖ = {second} (each at least 1e-8)"
    ).format(first=ctx.num(na), second=ctx.num(nb))
    return _Distance(
        "1 − Σ x_i·y_i / (‖x‖·‖y‖)",
        1 - cos,
        form,
        g,
        f"−(y_{k} / (‖x‖·‖y‖) − cos·x_{k} / ‖x‖^2)",
        g_form,
        line,
    )


def _squared(ctx: Context, a: Vector, b: Vector, k: int) -> _Distance:
    v = a - b
    d = float(v @ v)
    form = add(*(power(num(float(t)), 2) for t in v)) if v.size <= _WRITTEN else None
    return _Distance(
        "Σ (x_i − y_i)^2",
        d,
        form,
        2 * float(v[k]),
        f"2·(x_{k} − y_{k})",
        mul(2, num(float(v[k]))),
        f"x − y = {_vector(ctx, v)}",
    )


def _distance(ctx: Context, a: Vector, b: Vector, k: int, pair: str) -> _Distance:
    if ctx.evaluation.loss == "TripletMarginLoss":
        p, eps = float(ctx.param("p")), float(ctx.param("eps"))
        return _pairwise(ctx, a, b, k, p, eps, f"{pair[0]} − {pair[1]} + eps")
    name = str(ctx.param("distance_function"))
    if name == "cosine_distance":
        return _cosine(ctx, a, b, k)
    if name == "squared_euclidean":
        return _squared(ctx, a, b, k)
    p = 1.0 if name == "l1" else 2.0
    return _pairwise(ctx, a, b, k, p, 1e-6, f"{pair[0]} − {pair[1]} + 1e-6")


def _distance_step(ctx: Context, symbol: str, dist: _Distance) -> Step:
    if dist.form is None:
        return ctx.maker.given(
            symbol, dist.formula, dist.value, kind="margin", note=dist.line
        )
    return ctx.maker.step(
        symbol, dist.formula, dist.form, dist.value, kind="margin", note=dist.line
    )


def triplet_margin(ctx: Context) -> Built:
    """``TripletMarginLoss`` (or with a named distance) for the selected triplet."""
    found = _rows(ctx, 3)
    if found is None:
        return generic(ctx)
    position, (a, pos, neg_row) = found
    maker = ctx.maker
    k = ctx.index[-1]
    margin, swap = float(ctx.param("margin")), bool(ctx.param("swap"))
    d_ap = _distance(ctx, a, pos, k, "ap")
    d_an = _distance(ctx, a, neg_row, k, "an")
    steps = [_distance_step(ctx, "d(a, p)", d_ap), _distance_step(ctx, "d(a, n)", d_an)]
    lines = [
        translate(
            "explain", "d = {formula}, over the {count} components of each row."
        ).format(formula=d_ap.formula, count=a.size)
    ]
    d_neg, share = d_an.value, 1.0
    if swap:
        d_pn = _distance(ctx, pos, neg_row, 0, "pn")
        steps.append(_distance_step(ctx, "d(p, n)", d_pn))
        d_neg = min(d_an.value, d_pn.value)
        steps.append(
            maker.step(
                "d⁻",
                translate("explain", "min(d(a, n), d(p, n))   (swap)"),
                call("min", num(d_an.value), num(d_pn.value)),
                d_neg,
                kind="margin",
            )
        )
        if d_pn.value < d_an.value:
            share = 0.0
            lines.append(
                translate(
                    "explain",
                    "swap picked d(p, n): the positive is closer to the negative than "
                    "the anchor is, so the harder negative distance is the "
                    "positive's (no anchor gradient through it).",
                )
            )
        elif d_pn.value == d_an.value:
            share = 0.5
            lines.append(
                translate(
                    "explain",
                    "swap: d(p, n) = d(a, n), a tie; the gradient is shared half and "
                    "half.",
                )
            )
        else:
            lines.append(
                translate(
                    "explain",
                    "swap kept d(a, n): the anchor is closer to the negative than "
                    "the positive is.",
                )
            )
    z = margin + d_ap.value - d_neg
    steps.append(
        maker.step(
            "h",
            "margin + d(a, p) − d⁻" if swap else "margin + d(a, p) − d(a, n)",
            add(num(margin), sub(num(d_ap.value), num(d_neg))),
            z,
            kind="margin",
            note=active_note(ctx, "h", z),
        )
    )
    lhs = f"l{position_label(position)}"
    steps.append(
        maker.step(
            lhs,
            "max(0, h)",
            call("max", const(0), num(z)),
            ctx.loss_at(position),
            engine=True,
        )
    )
    active = z >= 0
    grad = [
        maker.step(
            f"∂d(a, p)/∂a_{k}",
            d_ap.grad_formula,
            d_ap.grad_form,
            d_ap.grad,
            kind="gradient",
        ),
        maker.step(
            f"∂d(a, n)/∂a_{k}",
            d_an.grad_formula,
            d_an.grad_form,
            d_an.grad,
            kind="gradient",
        ),
    ]
    share_text = {1.0: "", 0.5: "½·", 0.0: "0·"}[share]
    local = (d_ap.grad - share * d_an.grad) if active else 0.0
    form: Expr = (
        sub(
            num(d_ap.grad),
            mul(const(share), num(d_an.grad)) if share != 1 else num(d_an.grad),
        )
        if active
        else const(0)
    )
    grad += gradient_steps(
        ctx,
        f"∂l/∂a{ctx.label}",
        f"[h ≥ 0]·(∂d(a, p)/∂a_{k} − {share_text}∂d(a, n)/∂a_{k})",
        form,
        local,
    )
    given = (
        ("a", _vector(ctx, a)),
        ("p", _vector(ctx, pos)),
        ("n", _vector(ctx, neg_row)),
        ("margin", ctx.num(margin)),
    )
    return Built(
        given,
        (
            Section(triplet_title(lhs), tuple(steps), tuple(lines)),
            reduction_section(
                ctx, position, Divisor(translate("explain", "N = number of triplets"))
            ),
            Section(gradient_title(f"∂L/∂a{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "The anchor should be closer to the positive than to the negative by "
                "at least the margin; once it is, the triplet adds nothing.",
            ),
        ),
    )


triplet_margin_with_distance = triplet_margin
