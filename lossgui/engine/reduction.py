"""Reduction strings, torch's legacy ``size_average``/``reduce`` rule, and reducing.

Formula
-------
``'none'`` keeps the elementwise loss ``l``; ``'sum'`` is ``Σ l``; ``'mean'`` (and
KLDiv's ``'batchmean'``) is ``Σ l / D`` where the divisor ``D`` is chosen by each
loss (torch spec section 7.1). The gradient of a mean is the gradient of the
sum times ``1 / D``, unless the loss formed it itself in torch's order
(:attr:`Terms.grad_is_mean`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.batch_divisor import divisor_or
from lossgui.engine.errors import LossInputError
from lossgui.engine.result import LossResult, Terms

__all__ = [
    "LEGACY_WARNING",
    "STANDARD_REDUCTIONS",
    "check_python_reduction",
    "check_reduction",
    "legacy_reduction",
    "reduce_terms",
]

STANDARD_REDUCTIONS: tuple[str, ...] = ("none", "mean", "sum")

LEGACY_WARNING = (
    "size_average and reduce args will be deprecated, please use "
    "reduction='{0}' instead."
)

ELEMENTWISE_MEAN_WARNING = (
    "reduction='elementwise_mean' is deprecated. Please use reduction='mean' instead."
)


def legacy_reduction(
    size_average: bool | None, reduce: bool | None, reduction: str
) -> tuple[str, tuple[str, ...]]:
    """Apply torch's deprecated ``size_average``/``reduce`` override.

    Parameters
    ----------
    size_average, reduce : bool or None
        The deprecated constructor arguments; ``None`` counts as ``True`` once
        either one is given.
    reduction : str
        The ``reduction`` argument, used only when both are ``None``.

    Returns
    -------
    tuple
        The effective reduction and the warnings torch emits.
    """
    if size_average is None and reduce is None:
        return reduction, ()
    size_average = True if size_average is None else size_average
    reduce = True if reduce is None else reduce
    if not reduce:
        effective = "none"
    elif size_average:
        effective = "mean"
    else:
        effective = "sum"
    return effective, (LEGACY_WARNING.format(effective),)


def check_reduction(
    reduction: object,
    allowed: tuple[str, ...] = STANDARD_REDUCTIONS,
    *,
    message: str = "{0} is not a valid value for reduction",
    accepts_elementwise_mean: bool = True,
) -> tuple[str, tuple[str, ...]]:
    """Validate a reduction string as torch does at forward time.

    Parameters
    ----------
    reduction : object
        The value given by the caller.
    allowed : tuple of str
        The reductions this loss accepts.
    message : str
        Torch's error text for this loss, with ``{0}`` for the bad value.
    accepts_elementwise_mean : bool
        Whether the deprecated alias ``'elementwise_mean'`` means ``'mean'``.

    Returns
    -------
    tuple
        The canonical reduction and any warnings torch emits.

    Raises
    ------
    LossInputError
        ``ValueError`` with torch's text for any other value.
    """
    if accepts_elementwise_mean and reduction == "elementwise_mean":
        return "mean", (ELEMENTWISE_MEAN_WARNING,)
    if isinstance(reduction, str) and reduction in allowed:
        return reduction, ()
    raise LossInputError(message.format(reduction), "ValueError")


def check_python_reduction(
    reduction: object, message: str
) -> tuple[str, tuple[str, ...]]:
    """A reduction check that torch writes in Python as ``reduction + "..."``.

    Parameters
    ----------
    reduction : object
        The value given by the caller.
    message : str
        Torch's error text, ``{0}`` standing for the value.

    Returns
    -------
    tuple
        The reduction (``'none'``, ``'mean'`` or ``'sum'``) and no warnings;
        ``'elementwise_mean'`` is not accepted.

    Raises
    ------
    LossInputError
        ``TypeError: unsupported operand type(s) for +: 'NoneType' and 'str'``
        for a value that is not a string (the concatenation fails before the
        ``ValueError`` is built), else ``ValueError`` with ``message``.
    """
    if not isinstance(reduction, str):
        raise LossInputError(
            "unsupported operand type(s) for +: "
            f"'{type(reduction).__name__}' and 'str'",
            "TypeError",
        )
    return check_reduction(reduction, message=message, accepts_elementwise_mean=False)


def reduce_terms(terms: Terms, reduction: str) -> LossResult:
    """Reduce an implementation's :class:`Terms` to a :class:`LossResult`.

    Parameters
    ----------
    terms : Terms
        Elementwise loss, gradient of its sum, and the mean's divisor.
    reduction : str
        ``'none'``, ``'sum'``, ``'mean'`` or ``'batchmean'`` (already validated).

    Returns
    -------
    LossResult
        Value and gradient as torch returns them.
    """
    loss = terms.elementwise
    dtype = loss.dtype
    with np.errstate(all="ignore"):
        total = np.sum(loss, dtype=dtype)
        if reduction == "none":
            return LossResult(
                value=loss,
                grad=terms.grad,
                elementwise=loss,
                reduction=reduction,
                numerator=float(total),
                denominator=None,
                warnings=terms.warnings,
            )
        if reduction == "sum":
            if terms.sum_value is not None:
                total = dtype.type(terms.sum_value)
            value = np.asarray(total, dtype=dtype)
            grad = terms.grad
            denominator = None
        else:
            source = terms if terms.mean_terms is None else terms.mean_terms
            if source is not terms:
                total = np.sum(source.elementwise, dtype=dtype)
            divisor = np.asarray(source.divisor, dtype=dtype)
            value = np.asarray(total / divisor, dtype=dtype)
            if source.grad_is_mean:
                grad = source.grad
            else:
                # Torch's fused backwards divide the gradient by the divisor in
                # the gradient's own dtype: a float64 input with a float32 loss
                # (BCEWithLogits keeps the target's dtype) is scaled in float64.
                scale = _mean_scale(
                    dtype, source.grad.dtype, divisor_or(source.divisor)
                )
                grad = (source.grad * scale).astype(source.grad.dtype, copy=False)
            if source.grad_keep is not None:
                grad = np.where(source.grad_keep, grad, np.zeros_like(grad))
            denominator = float(source.divisor)
    return LossResult(
        value=value,
        grad=grad,
        elementwise=loss,
        reduction=reduction,
        numerator=float(total),
        denominator=denominator,
        warnings=terms.warnings,
    )


def _mean_scale(
    loss_dtype: np.dtype[Any], grad_dtype: np.dtype[Any], divisor: float
) -> npt.NDArray[Any]:
    """``1 / divisor`` in the wider of the loss's and the gradient's dtypes."""
    wide = loss_dtype
    if grad_dtype != loss_dtype:
        wide = np.promote_types(loss_dtype, grad_dtype)
    one = np.asarray(1, dtype=wide)
    scale: npt.NDArray[Any] = one / np.asarray(divisor, dtype=wide)
    return scale
