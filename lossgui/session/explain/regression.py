"""Explanations of the regression losses: L1, MSE, SmoothL1 and Huber.

Every element is an error ``d = x − y``; the losses differ in how they
charge for it (absolute, squared, or quadratic up to a threshold and linear
beyond it) and so in how hard their gradient pulls on large errors.
"""

from __future__ import annotations

from typing import NamedTuple

from lossgui.i18n import translate
from lossgui.session.explain.context import Context
from lossgui.session.explain.expr import Expr, call, const, div, mul, num, power, sub
from lossgui.session.explain.reduction import (
    Divisor,
    gradient_steps,
    reduction_section,
    zero_weight_lines,
)
from lossgui.session.explain.steps import Built, Section, Step
from lossgui.session.explain.titles import element_title, gradient_title

__all__ = ["regression"]


def _sign(d: float) -> float:
    return (d > 0) - (d < 0)


class _Core(NamedTuple):
    """The unweighted loss and its derivative at one error ``d``."""

    formula: str
    form: Expr
    value: float
    grad_formula: str
    grad_form: Expr
    grad: float
    note: str = ""


def _core(ctx: Context, d: float, a: float) -> _Core:
    loss = ctx.evaluation.loss
    dd = num(d)
    half = const("0.5")
    if loss == "L1Loss":
        return _Core("|d|", call("abs", dd), a, "sign(d)", call("sign", dd), _sign(d))
    if loss == "MSELoss":
        return _Core("d^2", power(dd, 2), d * d, "2·d", mul(2, dd), 2 * d)
    if loss == "SmoothL1Loss":
        beta = float(ctx.param("beta"))
        if beta == 0:
            return _Core(
                "|d|",
                call("abs", dd),
                a,
                "sign(d)",
                call("sign", dd),
                _sign(d),
                translate("explain", "β = 0: SmoothL1Loss is L1Loss."),
            )
        if a < beta:
            return _Core(
                "0.5·d^2 / β",
                div(mul(half, power(dd, 2)), num(beta)),
                0.5 * d * d / beta,
                "d / β",
                div(dd, num(beta)),
                d / beta,
                translate(
                    "explain", "|d| = {d} < β = {beta}: the quadratic branch."
                ).format(d=ctx.num(a), beta=ctx.num(beta)),
            )
        return _Core(
            "|d| − 0.5·β",
            sub(call("abs", dd), mul(half, num(beta))),
            a - 0.5 * beta,
            "sign(d)",
            call("sign", dd),
            _sign(d),
            translate("explain", "|d| = {d} ≥ β = {beta}: the linear branch.").format(
                d=ctx.num(a), beta=ctx.num(beta)
            ),
        )
    delta = float(ctx.param("delta"))
    if a < delta:
        return _Core(
            "0.5·d^2",
            mul(half, power(dd, 2)),
            0.5 * d * d,
            "d",
            dd,
            d,
            translate(
                "explain", "|d| = {d} < δ = {delta}: the quadratic branch."
            ).format(d=ctx.num(a), delta=ctx.num(delta)),
        )
    clipped = max(min(d, delta), -delta)
    return _Core(
        "δ·(|d| − 0.5·δ)",
        mul(num(delta), sub(call("abs", dd), mul(half, num(delta)))),
        delta * (a - 0.5 * delta),
        "clip(d, −δ, δ)",
        call("max", call("min", dd, num(delta)), num(-delta)),
        clipped,
        translate(
            "explain",
            "|d| = {d} ≥ δ = {delta}: the linear branch (the gradient is clipped "
            "to ±δ).",
        ).format(d=ctx.num(a), delta=ctx.num(delta)),
    )


def regression(ctx: Context) -> Built:
    """``L1Loss``, ``MSELoss``, ``SmoothL1Loss`` or ``HuberLoss`` at one element."""
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    w_array = ctx.param("weight")
    w = None if w_array is None else ctx.at(w_array)
    d = x - y
    a = abs(d)
    value = ctx.loss_at(ctx.index)
    core = _core(ctx, d, a)
    steps: list[Step] = [
        maker.step("d", "x − y", sub(num(x), num(y)), d, kind="margin"),
    ]
    lhs = f"l{ctx.label}"
    if w is None:
        steps.append(
            maker.step(lhs, core.formula, core.form, value, note=core.note, engine=True)
        )
    else:
        steps.append(
            maker.step("ℓ", core.formula, core.form, core.value, note=core.note)
        )
        steps.append(
            maker.step(
                lhs,
                "w·ℓ",
                mul(num(w), num(core.value)),
                value,
                kind="weight",
                engine=True,
            )
        )
    g_form, g_value, g_text = core.grad_form, core.grad, core.grad_formula
    if w is not None:
        g_form, g_value, g_text = mul(num(w), g_form), w * g_value, f"w·{g_text}"
    grad = gradient_steps(ctx, f"∂l/∂x{ctx.label}", g_text, g_form, g_value)
    divisor = None
    if ctx.reduction == "mean" and w is not None and ctx.evaluation.loss != "HuberLoss":
        divisor = Divisor(
            translate("explain", "Σ w  (the weighted mean of F.l1_loss / F.mse_loss)")
        )
    zeros = zero_weight_lines(ctx, divisor is None)
    given = [("x", ctx.num(x)), ("y", ctx.num(y))] + (
        [] if w is None else [("w", ctx.num(w))]
    )
    return Built(
        tuple(given),
        (
            Section(element_title(ctx, lhs), tuple(steps)),
            reduction_section(ctx, ctx.index, divisor, zeros),
            Section(gradient_title(f"∂L/∂x{ctx.label}"), tuple(grad)),
        ),
    )
