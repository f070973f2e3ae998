"""Explanations of the likelihood losses: PoissonNLLLoss, GaussianNLLLoss, LogCosh.

The input is a distribution's parameter and the target a sample from it;
the loss is the negative log-likelihood, up to constants that ``full=False``
leaves out. Log-cosh is here too: it is the negative log-likelihood of a
hyperbolic-secant distribution of the error ``d = x − y``.
"""

from __future__ import annotations

import math

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, exact64
from lossgui.session.explain.element import element_built, one_value_per_element
from lossgui.session.explain.expr import (
    Expr,
    add,
    call,
    const,
    div,
    mul,
    num,
    power,
    sub,
)
from lossgui.session.explain.generic import generic
from lossgui.session.explain.steps import Built, Step

__all__ = ["gaussian_nll", "log_cosh", "poisson_nll"]

#: 2π with every digit float64 keeps.
TWO_PI = const(repr(2 * math.pi))


def poisson_nll(ctx: Context) -> Built:
    """``PoissonNLLLoss``: ``exp(x) − y·x`` (log input) or ``x − y·log(x + eps)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    log_input, full = bool(ctx.param("log_input")), bool(ctx.param("full"))
    eps = float(ctx.param("eps"))
    value = ctx.loss_at(ctx.index)
    lhs = f"l{ctx.label}"
    steps: list[Step] = []
    if log_input:
        formula = translate("explain", "exp(x) − y·x   (x = log rate)")
        form: Expr = sub(call("exp", num(x)), mul(num(y), num(x)))
        core = math.exp(x) - y * x
        g_formula, g_form, local = (
            "exp(x) − y",
            sub(call("exp", num(x)), num(y)),
            (math.exp(x) - y),
        )
    else:
        formula = translate("explain", "x − y·log(x + eps)   (x = rate)")
        form = sub(num(x), mul(num(y), call("log", add(num(x), num(eps)))))
        core = x - y * math.log(x + eps) if x + eps > 0 else math.nan
        g_formula = "1 − y / (x + eps)"
        g_form = sub(1, div(num(y), add(num(x), num(eps))))
        local = 1 - y / (x + eps) if x + eps != 0 else math.nan
    if full:
        steps.append(maker.step("ℓ", formula, form, core))
        if y > 1:
            stirling = y * math.log(y) - y + 0.5 * math.log(2 * math.pi * y)
            steps.append(
                maker.step(
                    "s",
                    translate(
                        "explain",
                        "y·log(y) − y + 0.5·log(2π·y)   (Stirling, since y > 1)",
                    ),
                    add(
                        sub(mul(num(y), call("log", num(y))), num(y)),
                        mul(const("0.5"), call("log", mul(TWO_PI, num(y)))),
                    ),
                    stirling,
                )
            )
        else:
            stirling = 0.0
            steps.append(
                maker.given(
                    "s",
                    translate("explain", "0   (the Stirling term is 0 where y ≤ 1)"),
                    0.0,
                )
            )
        steps.append(
            maker.step(lhs, "ℓ + s", add(num(core), num(stirling)), value, engine=True)
        )
    else:
        steps.append(maker.step(lhs, formula, form, value, engine=True))
    given = [("x", ctx.num(x)), ("y", ctx.num(y))]
    if not log_input:
        given.append(("eps", ctx.num(eps)))
    return element_built(
        ctx,
        given,
        steps,
        g_formula,
        g_form,
        local,
        (
            translate(
                "explain",
                "The Poisson negative log-likelihood of y counts at rate exp(x) "
                "(log_input=True) or x, without the log(y!) constant unless "
                "full=True (then Stirling's approximation of it).",
            ),
        ),
        translate("explain", "The Stirling term does not depend on x.") if full else "",
    )


def _variance(ctx: Context) -> float:
    """``var`` at the element, in the layouts ``F.gaussian_nll_loss`` accepts."""
    var = np.asarray(ctx.tensor(2))
    grid = ctx.grid
    if var.ndim == grid.ndim - 1 and var.shape == grid.shape[:-1]:
        var = var[..., None]  # one variance per row
    full = np.broadcast_to(var, grid.shape)
    return float(exact64(full[ctx.index]))


def gaussian_nll(ctx: Context) -> Built:
    """``GaussianNLLLoss``: ``½·(log v + (x − y)² / v)``, ``v = max(var, eps)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y, var = ctx.z, ctx.at(ctx.tensor(1)), _variance(ctx)
    eps, full = float(ctx.param("eps")), bool(ctx.param("full"))
    v = max(var, eps)
    value = ctx.loss_at(ctx.index)
    clamped = var < eps
    steps = [
        maker.step(
            "v",
            "max(var, eps)",
            call("max", num(var), num(eps)),
            v,
            kind="margin",
            note=translate("explain", "var < eps: clamped to eps") if clamped else "",
        ),
        maker.step("d", "x − y", sub(num(x), num(y)), x - y),
    ]
    half = const("0.5")
    core: Expr = mul(
        half, add(call("log", num(v)), div(power(sub(num(x), num(y)), 2), num(v)))
    )
    formula = "0.5·(log(v) + (x − y)^2 / v)"
    if full:
        core = add(core, mul(half, call("log", TWO_PI)))
        formula += " + 0.5·log(2π)"
    steps.append(maker.step(f"l{ctx.label}", formula, core, value, engine=True))
    return element_built(
        ctx,
        (("x", ctx.num(x)), ("y", ctx.num(y)), ("var", ctx.num(var))),
        steps,
        "(x − y) / v",
        div(sub(num(x), num(y)), num(v)),
        (x - y) / v,
        (
            translate(
                "explain",
                "The negative log-likelihood of y under a Gaussian of mean x and "
                "variance var: a large var forgives a large error, at the price of "
                "log(var).",
            ),
            translate(
                "explain",
                "The clamp to eps happens outside autograd: the gradient is taken at "
                "the clamped v.",
            ),
        ),
    )


def log_cosh(ctx: Context) -> Built:
    """``LogCoshLoss``: ``l = log(cosh(x − y))``, ``∂l/∂x = tanh(x − y)``."""
    if not one_value_per_element(ctx):
        return generic(ctx)
    maker = ctx.maker
    x, y = ctx.z, ctx.at(ctx.tensor(1))
    d = x - y
    value = ctx.loss_at(ctx.index)
    dd = num(d)
    stable = add(
        call("abs", dd),
        sub(call("log1p", call("exp", mul(-2, call("abs", dd)))), call("log", 2)),
    )
    steps = [
        maker.step("d", "x − y", sub(num(x), num(y)), d, kind="margin"),
        maker.step(
            f"l{ctx.label}",
            "log(cosh(d))",
            [call("log", call("cosh", dd)), stable],
            value,
            engine=True,
        ),
    ]
    return element_built(
        ctx,
        (("x", ctx.num(x)), ("y", ctx.num(y))),
        steps,
        "tanh(d)",
        call("tanh", dd),
        math.tanh(d),
        (
            translate(
                "explain",
                "About d²/2 for small errors (like MSE) and |d| − log 2 for large ones "
                "(like L1); the engine uses |d| + log1p(exp(−2|d|)) − log 2 beyond "
                "|d| = 1, which does not overflow.",
            ),
        ),
    )
