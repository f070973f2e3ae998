"""Explanations of the per-element binary losses: BCELoss and BCEWithLogitsLoss.

Each element is its own yes/no question: ``p = σ(z)`` is the predicted
probability of "yes", and the loss is the binary cross-entropy
``−(y·log(p) + (1 − y)·log(1 − p))``, the form the seed articles compute
by hand. Where that form cannot reproduce torch's number (a saturated
sigmoid), the stable form torch uses is shown instead.
"""

from __future__ import annotations

import math

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, sigmoid64
from lossgui.session.explain.expr import (
    Expr,
    add,
    call,
    const,
    div,
    mul,
    neg,
    num,
    sub,
)
from lossgui.session.explain.reduction import (
    gradient_steps,
    reduction_section,
    zero_weight_lines,
)
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import element_title, gradient_title

__all__ = [
    "SIGMOID",
    "bce",
    "bce_forms",
    "bce_value",
    "bce_with_logits",
    "sigmoid_step",
]

SIGMOID = "σ(z) = 1 / (1 + exp(−z))"


def bce_value(z: float, y: float, pw: float | None = None) -> float:
    """BCE with logits in float64, torch's stable form."""
    log_sig = min(z, 0.0) - math.log1p(math.exp(-abs(z)))
    lw = 1.0 if pw is None else 1.0 + (pw - 1.0) * y
    return (1.0 - y) * z - lw * log_sig


def bce_forms(z: float, y: float, p: float, pw: float | None = None) -> list[Expr]:
    """The textbook form on ``p`` (preferred) and torch's stable form on ``z``."""
    scale = [] if pw is None else [num(pw)]
    textbook = neg(
        add(
            mul(*scale, num(y), call("log", num(p))),
            mul(sub(1, num(y)), call("log", sub(1, num(p)))),
        )
    )
    log_sig = sub(
        call("min", num(z), 0), call("log1p", call("exp", neg(call("abs", num(z)))))
    )
    if pw is not None:
        log_sig = mul(add(1, mul(sub(num(pw), 1), num(y))), log_sig)
    stable = sub(mul(sub(1, num(y)), num(z)), log_sig)
    return [textbook, stable]


def sigmoid_step(ctx: Context, z: float, value: float | None = None) -> Step:
    """The step ``p = σ(z)``; ``value`` is torch's when the loss received it."""
    p = sigmoid64(z) if value is None else value
    form = div(1, add(1, call("exp", neg(num(z)))))
    return ctx.maker.step(
        "p", SIGMOID, form, p, kind="activation", engine=value is not None
    )


def _weighted(ctx: Context, core: Step, w: float | None, value: float) -> list[Step]:
    if w is None:
        return [core]
    return [
        core,
        ctx.maker.step(
            f"l{ctx.label}",
            "w·ℓ",
            mul(num(w), num(core.value)),
            value,
            kind="weight",
            engine=True,
        ),
    ]


def bce_with_logits(ctx: Context) -> Built:
    """``BCEWithLogitsLoss``: sigmoid, cross-entropy, ``pos_weight``, ``weight``."""
    z, y = ctx.z, ctx.at(ctx.tensor(1))
    w_array, pw_array = ctx.param("weight"), ctx.param("pos_weight")
    w = None if w_array is None else ctx.at(w_array)
    pw = None if pw_array is None else ctx.at(pw_array)
    p = sigmoid64(z)
    value = ctx.loss_at(ctx.index)
    maker = ctx.maker
    core_value = value if w is None else bce_value(z, y, pw)
    pw_text = "pos_weight·" if pw is not None else ""
    lhs = f"l{ctx.label}" if w is None else "ℓ"
    core = maker.step(
        lhs,
        f"−({pw_text}y·log(p) + (1 − y)·log(1 − p))",
        bce_forms(z, y, p, pw),
        core_value,
        kind="pos_weight" if pw is not None else "log",
        engine=w is None,
        note=translate("explain", "pos_weight scales the positive (y) term only.")
        if pw is not None
        else "",
    )
    forward = [sigmoid_step(ctx, z), *_weighted(ctx, core, w, value)]
    wt = 1.0 if w is None else w
    if pw is None:
        local = wt * (p - y)
        form: Expr = sub(num(p), num(y))
        formula = "p − y"
    else:
        local = wt * ((1 + (pw - 1) * y) * p - pw * y)
        form = sub(
            mul(add(1, mul(sub(num(pw), 1), num(y))), num(p)), mul(num(pw), num(y))
        )
        formula = "(1 + (pos_weight − 1)·y)·p − pos_weight·y"
    if w is not None:
        form, formula = mul(num(w), form), f"w·({formula})"
    grad = gradient_steps(ctx, f"∂l/∂z{ctx.label}", formula, form, local)
    given = [("z", ctx.num(z)), ("y", ctx.num(y))]
    given += [] if w is None else [("w", ctx.num(w))]
    given += [] if pw is None else [("pos_weight", ctx.num(pw))]
    return Built(
        tuple(given),
        (
            Section(element_title(ctx), tuple(forward)),
            reduction_section(ctx, ctx.index, None, zero_weight_lines(ctx, True)),
            Section(gradient_title(f"∂L/∂z{ctx.label}"), tuple(grad)),
        ),
        (
            translate(
                "explain",
                "torch computes (1 − y)·z − (1 + (pos_weight − 1)·y)·logσ(z) with "
                "logσ(z) = min(z, 0) − log1p(exp(−|z|)): the same number, stable "
                "for any z.",
            ),
        ),
    )


def bce(ctx: Context) -> Built:
    """``BCELoss`` on probabilities (after a sigmoid in logits mode)."""
    maker = ctx.maker
    y = ctx.at(ctx.tensor(1))
    w_array = ctx.param("weight")
    w = None if w_array is None else ctx.at(w_array)
    value = ctx.loss_at(ctx.index)
    steps: list[Step] = []
    notes: list[str] = []
    if ctx.activated:
        z = ctx.z
        p = float(ctx.result.activated[ctx.index])  # type: ignore[index]
        steps.append(sigmoid_step(ctx, z, p))
        if p in (0.0, 1.0) and math.isfinite(z):
            notes.append(
                translate(
                    "explain",
                    "In {dtype}, σ({z}) rounds to exactly {p}: BCELoss then clamps "
                    "log(0) to −100. BCEWithLogitsLoss avoids this.",
                ).format(dtype=ctx.maker.dtype, z=ctx.num(z), p=f"{p:g}")
            )
    else:
        p = ctx.z
    clamped = p in (0.0, 1.0)
    if clamped:
        form: Expr = neg(
            add(
                mul(num(y), call("max", call("log", num(p)), const(-100))),
                mul(
                    sub(1, num(y)),
                    call("max", call("log", sub(1, num(p))), const(-100)),
                ),
            )
        )
        formula = "−(y·max(log(p), −100) + (1 − y)·max(log(1 − p), −100))"
    else:
        form = neg(
            add(
                mul(num(y), call("log", num(p))),
                mul(sub(1, num(y)), call("log", sub(1, num(p)))),
            )
        )
        formula = "−(y·log(p) + (1 − y)·log(1 − p))"
    core_value = (
        value
        if w is None
        else -(y * max(_log(p), -100.0) + (1 - y) * max(_log(1 - p), -100.0))
    )
    core = maker.step(
        f"l{ctx.label}" if w is None else "ℓ",
        formula,
        form,
        core_value,
        kind="log",
        engine=w is None,
    )
    steps += _weighted(ctx, core, w, value)
    wt = 1.0 if w is None else w
    denom = max(p * (1 - p), 1e-12)
    dp = wt * (p - y) / denom
    dp_form: Expr = div(
        sub(num(p), num(y)), call("max", mul(num(p), sub(1, num(p))), const("1e-12"))
    )
    if w is not None:
        dp_form = mul(num(w), dp_form)
    grad: list[Step]
    if ctx.activated:
        first = maker.step(
            "∂l/∂p", "w·(p − y) / max(p·(1 − p), 1e-12)", dp_form, dp, kind="gradient"
        )
        local = dp * p * (1 - p)
        grad = [
            first,
            *gradient_steps(
                ctx,
                f"∂l/∂z{ctx.label}",
                translate("explain", "∂l/∂p · p·(1 − p)   (sigmoid's derivative)"),
                mul(num(dp), num(p), sub(1, num(p))),
                local,
            ),
        ]
    else:
        grad = gradient_steps(
            ctx, f"∂l/∂x{ctx.label}", "w·(x − y) / max(x·(1 − x), 1e-12)", dp_form, dp
        )
    given = ([("z", ctx.num(ctx.z))] if ctx.activated else []) + [
        ("p" if ctx.activated else "x", ctx.num(p)),
        ("y", ctx.num(y)),
    ]
    given += [] if w is None else [("w", ctx.num(w))]
    notes.append(
        translate(
            "explain",
            "torch's backward divides by max(x·(1 − x), 1e-12) and ignores the −100 "
            "clamp of the forward.",
        )
    )
    return Built(
        tuple(given),
        (
            Section(element_title(ctx), tuple(steps)),
            reduction_section(ctx, ctx.index, None, zero_weight_lines(ctx, True)),
            Section(gradient_title(f"∂L/∂{ctx.symbol}{ctx.label}"), tuple(grad)),
        ),
        tuple(notes),
    )


def _log(value: float) -> float:
    return math.log(value) if value > 0 else -math.inf
