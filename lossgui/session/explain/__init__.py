"""Step-by-step explanations of a loss at one element (no Qt).

``explain(evaluation, row, column, digits)`` returns an
:class:`Explanation`: the loss formula, the same formula with the element's
numbers substituted (activation, log, weights, ``pos_weight``, smoothing,
margin ...), the reduction with its numerator, denominator and what it left
out, and the gradient, each as :class:`Step` objects whose substituted text,
evaluated with the numbers *as shown*, gives the shown value.

One module per loss family; losses without a builder get
:func:`~lossgui.session.explain.generic.generic`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from lossgui.engine.registry import LOSSES
from lossgui.i18n import translate
from lossgui.session import number_format
from lossgui.session.explain.binary import bce, bce_with_logits
from lossgui.session.explain.classes import cross_entropy
from lossgui.session.explain.context import Context
from lossgui.session.explain.ctc import ctc
from lossgui.session.explain.dice import soft_dice
from lossgui.session.explain.divergence import kl_div
from lossgui.session.explain.embedding import (
    cosine_embedding,
    triplet_margin,
    triplet_margin_with_distance,
)
from lossgui.session.explain.focal import sigmoid_focal
from lossgui.session.explain.generic import generic
from lossgui.session.explain.likelihood import gaussian_nll, log_cosh, poisson_nll
from lossgui.session.explain.linear_head import linear_cross_entropy
from lossgui.session.explain.margin import (
    hinge_embedding,
    margin_ranking,
    soft_margin,
    squared_hinge,
)
from lossgui.session.explain.multi_margin import multi_margin, multilabel_margin
from lossgui.session.explain.multilabel import multilabel_soft_margin
from lossgui.session.explain.nll import nll
from lossgui.session.explain.poly import poly1_cross_entropy
from lossgui.session.explain.regression import regression
from lossgui.session.explain.steps import Built, Explanation, Section, Step
from lossgui.session.formula_text import FormulaSettings, formula_lines

if TYPE_CHECKING:
    from lossgui.session.evaluation import Evaluation

__all__ = ["BUILDERS", "DEFAULT_DIGITS", "Explanation", "Section", "Step", "explain"]

#: Digits when nobody chose: every view's default (see ``number_format``).
DEFAULT_DIGITS = number_format.DEFAULT_DIGITS

#: The step-by-step builder of each loss; others use the generic one.
BUILDERS: dict[str, Callable[[Context], Built]] = {
    "BCELoss": bce,
    "BCEWithLogitsLoss": bce_with_logits,
    "sigmoid_focal_loss": sigmoid_focal,
    "MultiLabelSoftMarginLoss": multilabel_soft_margin,
    "CrossEntropyLoss": cross_entropy,
    "NLLLoss": nll,
    "KLDivLoss": kl_div,
    "L1Loss": regression,
    "MSELoss": regression,
    "SmoothL1Loss": regression,
    "HuberLoss": regression,
    "SoftMarginLoss": soft_margin,
    "HingeEmbeddingLoss": hinge_embedding,
    "SquaredHingeLoss": squared_hinge,
    "MarginRankingLoss": margin_ranking,
    "PoissonNLLLoss": poisson_nll,
    "GaussianNLLLoss": gaussian_nll,
    "LogCoshLoss": log_cosh,
    "MultiMarginLoss": multi_margin,
    "MultiLabelMarginLoss": multilabel_margin,
    "Poly1CrossEntropyLoss": poly1_cross_entropy,
    "SoftDiceLoss": soft_dice,
    "CosineEmbeddingLoss": cosine_embedding,
    "TripletMarginLoss": triplet_margin,
    "TripletMarginWithDistanceLoss": triplet_margin_with_distance,
    "CTCLoss": ctc,
    "LinearCrossEntropyLoss": linear_cross_entropy,
}

#: Losses whose builder needs a row of classes (a 0-d grid gets the generic page).
_ROW_LOSSES = frozenset(
    {
        "CrossEntropyLoss",
        "NLLLoss",
        "KLDivLoss",
        "MultiLabelSoftMarginLoss",
        "MultiMarginLoss",
        "MultiLabelMarginLoss",
        "Poly1CrossEntropyLoss",
    }
)


def _supported(ctx: Context) -> bool:
    """Whether the family builder handles this layout (else: generic)."""
    grid = ctx.grid
    if grid.dtype.kind != "f" or grid.size == 0:
        return False
    if grid.ndim > 2 and not (ctx.evaluation.loss == "CTCLoss" and grid.ndim == 3):
        return False
    return not (ctx.evaluation.loss in _ROW_LOSSES and grid.ndim == 0)


def explain(
    evaluation: Evaluation, row: int = 0, column: int = 0, digits: int | None = None
) -> Explanation:
    """Explain ``evaluation`` at the grid cell ``(row, column)``.

    Parameters
    ----------
    evaluation : Evaluation
        What the window shows.
    row, column : int
        The selected cell of the grid's 2-D table (clamped into range).
    digits : int, optional
        Significant digits of the shown values (every view's precision,
        :func:`~lossgui.session.number_format.significant_digits`, by
        default); operands get more where needed so the arithmetic on the
        page reproduces each value.

    Returns
    -------
    Explanation
        With ``error`` set (and no sections) when torch rejects the input.
    """
    if digits is None:
        digits = number_format.significant_digits()
    spec = LOSSES[evaluation.loss]
    # the reduction this evaluation used, not the registry's 'mean' line
    formula = "\n".join(formula_lines(FormulaSettings.of_evaluation(evaluation)))
    if evaluation.result is None or evaluation.grid.size == 0:
        error = (
            evaluation.error.torch_text
            if evaluation.error is not None
            else translate("explain", "no elements")
        )
        return Explanation(
            evaluation.loss,
            translate("explain", "{name}: torch raises").format(name=spec.name),
            (row, column),
            (),
            formula,
            error=error,
            digits=digits,
        )
    # Explanations re-derive values the user may have pushed to ±1e308 or NaN:
    # overflow there is part of the story, not a warning.
    with np.errstate(all="ignore"):
        ctx = Context.create(evaluation, row, column, digits)
        builder = BUILDERS.get(evaluation.loss, generic) if _supported(ctx) else generic
        try:
            built = builder(ctx)
        except (ArithmeticError, ValueError):  # Python math on extremes: no steps
            built = generic(ctx)
    heading = translate(
        "explain", "{name} · element {label} (row {row}, column {column})"
    ).format(name=spec.name, label=ctx.label, row=ctx.row, column=ctx.column)
    if ctx.grid.ndim == 0:
        heading = translate("explain", "{name} · the single element").format(
            name=spec.name
        )
    return Explanation(
        evaluation.loss,
        heading,
        (ctx.row, ctx.column),
        built.given,
        formula,
        built.sections,
        built.notes,
        None,
        digits,
    )
