"""The two sections every explanation shares: the reduction and the gradient's scale.

``'sum'`` adds the unreduced values; ``'mean'`` divides that sum by a divisor
that depends on the loss (elements, ``Σ w[y]`` over non-ignored rows,
samples, the batch size for ``'batchmean'``). The numbers are the engine's:
its numerator, denominator and reduced value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from lossgui.i18n import translate
from lossgui.session.explain.context import Context, label_of
from lossgui.session.explain.expr import Expr, add, div, num
from lossgui.session.explain.steps import Section, Step

__all__ = [
    "MAX_TERMS",
    "Divisor",
    "gradient_steps",
    "reduction_section",
    "zero_weight_lines",
]

#: Sums with more terms than this are stated, not written out.
MAX_TERMS = 12


@dataclass(frozen=True)
class Divisor:
    """How a family describes the mean's divisor.

    Attributes
    ----------
    formula : str
        What is added up or counted (``"Σ_n w[y_n] (non-ignored n)"``).
    expr : Expr or None
        The sum written out with numbers, when it is short.
    """

    formula: str
    expr: Expr | None = None


def _terms_expr(values: np.ndarray) -> Expr | None:
    if values.size == 0 or values.size > MAX_TERMS:
        return None
    flat = np.asarray(values, dtype=np.float64).reshape(-1)
    return add(*(num(float(v)) for v in flat))


def _count_text(ctx: Context) -> str:
    receipt = ctx.evaluation.receipt
    if receipt is None:
        return translate("explain", "the loss's divisor")
    label = receipt.denominator_label
    if label in ("element", "elements"):
        return translate("explain", "number of elements (numel)")
    if label[:1] in "Σ=(":
        return label
    return translate("explain", "number of {label}").format(label=label)


def zero_weight_lines(ctx: Context, counted: bool) -> list[str]:
    """What ``weight = 0`` elements do to the reduction, if there are any.

    Parameters
    ----------
    ctx : Context
        The element being explained.
    counted : bool
        Whether ``'mean'`` still counts them (divides by numel) or not
        (divides by ``Σ w``).
    """
    weight = ctx.param("weight")
    if weight is None:
        return []
    full = np.broadcast_to(np.asarray(weight), ctx.grid.shape)
    zeros = int(np.count_nonzero(full == 0))
    if not zeros:
        return []
    if counted:
        return [
            translate(
                "explain",
                "{count} element(s) have weight 0: they add 0 to Σ l but still count "
                "in D (torch divides by the number of elements).",
            ).format(count=zeros)
        ]
    return [
        translate(
            "explain",
            "Excluded: {count} element(s) with weight 0 (they add 0 to Σ l and Σ w).",
        ).format(count=zeros)
    ]


def reduction_section(
    ctx: Context,
    position: tuple[int, ...] | None,
    divisor: Divisor | None = None,
    excluded: Sequence[str] = (),
) -> Section:
    """How the unreduced losses become the module's output.

    Parameters
    ----------
    ctx : Context
        The element being explained.
    position : tuple of int or None
        Where the element's own loss sits in the unreduced tensor.
    divisor : Divisor, optional
        The family's description of the mean's divisor; by default the
        receipt's words.
    excluded : sequence of str
        What the reduction leaves out (ignored rows), one line each.
    """
    loss = ctx.result.loss
    terms = np.asarray(loss.elementwise)
    if position is None:
        count = translate("explain", "The unreduced loss has {count} value(s).")
    else:
        count = translate(
            "explain", "The unreduced loss has {count} value(s) (this element is {l})."
        )
    lines = [
        count.format(count=f"{terms.size:,}", l=f"l{label_of(position or ())}"),
        *excluded,
    ]
    maker = ctx.maker
    reduction = loss.reduction
    if reduction == "none":
        lines.append(
            translate(
                "explain",
                "reduction='none': the module returns every value; the gradient "
                "shown is that of their sum.",
            )
        )
        return Section(translate("explain", "Reduction 'none'"), (), tuple(lines))
    listed = _terms_expr(terms)
    consistent = bool(
        np.isclose(np.sum(terms, dtype=np.float64), loss.numerator, rtol=1e-4)
        or np.isnan(loss.numerator)
    )
    total_form = listed if listed is not None and consistent else None
    value = float(np.asarray(loss.value))
    if reduction == "sum":
        step = (
            maker.step("L", "Σ l", total_form, value, kind="reduction", engine=True)
            if total_form is not None
            else maker.given("L", "Σ l", value, kind="reduction")
        )
        return Section(translate("explain", "Reduction 'sum'"), (step,), tuple(lines))
    steps: list[Step] = []
    numerator = loss.numerator
    if total_form is not None:
        steps.append(
            maker.step(
                "Σ l",
                "l₀ + l₁ + …",
                total_form,
                numerator,
                kind="reduction",
                engine=True,
            )
        )
    else:
        steps.append(
            maker.given(
                "Σ l",
                translate("explain", "sum of the unreduced values"),
                numerator,
                kind="reduction",
            )
        )
    denominator = float(loss.denominator if loss.denominator is not None else np.nan)
    if divisor is not None and divisor.expr is not None:
        steps.append(
            maker.step(
                "D",
                divisor.formula,
                divisor.expr,
                denominator,
                kind="reduction",
                engine=True,
            )
        )
    else:
        formula = divisor.formula if divisor is not None else _count_text(ctx)
        steps.append(maker.given("D", formula, denominator, kind="reduction"))
    steps.append(
        maker.step(
            "L",
            "Σ l / D",
            div(num(numerator), num(denominator)),
            value,
            kind="reduction",
            engine=True,
        )
    )
    title = (
        translate("explain", "Reduction 'batchmean'")
        if reduction == "batchmean"
        else translate("explain", "Reduction 'mean'")
    )
    return Section(title, tuple(steps), tuple(lines))


def gradient_steps(
    ctx: Context,
    symbol: str,
    formula: str,
    candidates: Expr | Sequence[Expr],
    local: float,
    note: str = "",
) -> list[Step]:
    """The element's own derivative, then the reduction's ``1 / D`` scale.

    ``local`` is the derivative of the unreduced loss (summed over what
    depends on the element) in exact arithmetic; the last step's value is the
    engine's gradient at the element.
    """
    maker = ctx.maker
    g = f"∂L/∂{ctx.symbol}{ctx.label}"
    if ctx.denominator is None:
        if ctx.reduction == "none":
            note = " ".join(
                filter(
                    None,
                    [
                        note,
                        translate(
                            "explain",
                            "With reduction='none' this is the gradient of "
                            "Σ l, what loss.sum().backward() gives.",
                        ),
                    ],
                )
            )
        return [
            maker.step(
                g,
                formula,
                candidates,
                ctx.grad,
                kind="gradient",
                note=note,
                engine=True,
            )
        ]
    first = maker.step(symbol, formula, candidates, local, kind="gradient", note=note)
    scaled = maker.step(
        g,
        f"{symbol} / D",
        div(num(local), num(ctx.denominator)),
        ctx.grad,
        kind="gradient",
        engine=True,
    )
    return [first, scaled]
