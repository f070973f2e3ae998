"""The "receipt": how torch formed the reduced value, in words and numbers.

``'mean'`` is a sum divided by something, and *what* it divides by is where
students get lost: the number of elements for BCE and regression losses,
``Σ w[y]`` over non-ignored rows for CrossEntropyLoss/NLLLoss with class
indices, the batch size for KLDivLoss's ``'batchmean'``. The receipt names
both parts; the numbers come from :class:`lossgui.engine.LossResult`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from lossgui.engine.result import LossResult
from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.session.number_format import fmt

__all__ = ["Receipt", "make_receipt", "short"]


def short(value: Any, digits: int | None = None) -> str:
    """``value`` as every view shows it (:func:`lossgui.session.number_format.fmt`).

    ``digits`` defaults to the application-wide precision.
    """
    return fmt(value, digits)


def _count(value: float) -> str:
    """Whole numbers in full with thousands separators (``1,000,000``), else short."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return short(value)


@dataclass(frozen=True)
class Receipt:
    """Numerator and denominator of the reduced value, labelled as torch forms them.

    Attributes
    ----------
    reduction : str
        ``'none'``, ``'sum'``, ``'mean'`` or ``'batchmean'``.
    numerator : float
        The sum of the unreduced loss.
    numerator_label : str
        What that sum adds up (``"sum of weighted losses"``, ``"Σ w[y]·l"``).
    denominator : float or None
        The divisor, for ``'mean'``-like reductions.
    denominator_label : str
        What the divisor counts (``"elements"``, ``"Σ w[y] over non-ignored
        rows"``, ``"= batch size"``).
    """

    reduction: str
    numerator: float
    numerator_label: str
    denominator: float | None = None
    denominator_label: str = ""

    @property
    def text(self) -> str:
        """One line, e.g. ``"sum of weighted losses 3.2484 / 3 elements"``."""
        label = translate("receipt", self.numerator_label)
        num = f"{label} {short(self.numerator)}"
        if self.reduction == "none":
            return translate(
                "receipt", "reduction='none' returns every element; {sum}"
            ).format(sum=num)
        if self.denominator is None:
            return translate("receipt", "reduction='sum': {sum}").format(sum=num)
        den = _count(self.denominator)
        divisor = translate("receipt", self.denominator_label)
        if self.denominator_label.startswith("Σ"):
            return f"{num} / {divisor} {den}"
        return f"{num} / {den} {divisor}"


def make_receipt(
    loss: LossResult,
    *,
    weighted: bool,
    class_indices: bool,
    weight_total: float | None = None,
) -> Receipt:
    """Label a result's numerator and denominator.

    Parameters
    ----------
    loss : LossResult
        The computed loss.
    weighted : bool
        Whether a weight tensor (``weight``, ``pos_weight``) was passed.
    class_indices : bool
        Whether the target held class indices (NLL / CrossEntropy style
        weighted mean).
    weight_total : float, optional
        ``Σ weight`` of a per-element weight, to recognise a ``Σ w`` divisor.
    """
    if class_indices and weighted:
        numerator_label = "Σ w[y]·l"
    elif weighted:
        numerator_label = QT_TRANSLATE_NOOP("receipt", "sum of weighted losses")
    else:
        numerator_label = QT_TRANSLATE_NOOP("receipt", "sum of losses")
    den = loss.denominator
    if den is None:
        return Receipt(loss.reduction, loss.numerator, numerator_label)
    if loss.reduction == "batchmean":
        label = QT_TRANSLATE_NOOP("receipt", "= batch size, input.size(0)")
    elif class_indices:
        label = (
            QT_TRANSLATE_NOOP("receipt", "Σ w[y] over non-ignored rows")
            if weighted
            else QT_TRANSLATE_NOOP("receipt", "non-ignored rows")
        )
    elif den == float(np.size(loss.elementwise)):
        label = (
            QT_TRANSLATE_NOOP("receipt", "element")
            if den == 1
            else QT_TRANSLATE_NOOP("receipt", "elements")
        )
    elif weight_total is not None and math.isclose(den, weight_total, rel_tol=1e-6):
        label = QT_TRANSLATE_NOOP("receipt", "Σ weight")
    else:
        label = QT_TRANSLATE_NOOP("receipt", "(the loss's divisor)")
    return Receipt(loss.reduction, loss.numerator, numerator_label, den, label)
