"""The frozen result that :func:`lossgui.engine.compute` returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

__all__ = ["LossResult", "Terms"]

FloatArray = npt.NDArray[np.floating]


@dataclass(frozen=True)
class Terms:
    """What a loss implementation hands to the shared reduction step.

    Attributes
    ----------
    elementwise : ndarray
        The loss exactly as torch returns it with ``reduction='none'``.
    grad : ndarray
        ``d sum(elementwise) / d input``, shaped like the first tensor.
    divisor : float
        What ``'mean'`` divides the sum by (see the torch spec, section 7.1).
    grad_keep : ndarray or None
        Positions whose gradient torch never writes (ignored targets): they
        stay exactly 0 even when the mean's scale is ``inf``.
    warnings : tuple of str
        The ``UserWarning`` texts torch would emit for this call.
    mean_terms : Terms or None
        For a loss whose ``'mean'`` is not ``Σ elementwise / divisor``: the
        terms ``'mean'`` reduces instead (CTCLoss: ``loss_b / max(len_b, 1)``
        with divisor ``N``), while ``elementwise`` stays the ``'none'`` output.
    grad_is_mean : bool
        True (only ever set for ``'mean'``) when ``grad`` already is the
        gradient of the mean: torch scales the upstream gradient by
        ``1 / divisor`` before a backward that follows (``log_softmax``'s in
        cross-entropy; the fused ``2 / numel`` of ``mse_loss``), and a scale
        of ``inf`` (a subnormal divisor) or an overflow gives NaN/inf only in
        that order. :func:`~lossgui.engine.reduction.reduce_terms` then uses
        ``grad`` as it is.
    sum_value : ndarray or None
        For a loss whose ``'sum'`` torch does not form as ``Σ elementwise``
        (label-smoothed cross-entropy sums each term before scaling it, which
        can overflow where ``Σ elementwise`` does not): the 0-d value
        ``'sum'`` returns instead.
    """

    elementwise: FloatArray
    grad: FloatArray
    divisor: float
    grad_keep: npt.NDArray[np.bool_] | None = None
    warnings: tuple[str, ...] = ()
    mean_terms: Terms | None = None
    grad_is_mean: bool = False
    sum_value: FloatArray | None = None


@dataclass(frozen=True)
class LossResult:
    """A loss value, its gradient and the pieces that make up the reduction.

    Attributes
    ----------
    value : ndarray
        Exactly what the torch module returns (0-d for ``'mean'``/``'sum'``).
    grad : ndarray
        ``d sum(value) / d first tensor``, shaped like the first tensor.
    elementwise : ndarray
        The unreduced loss (torch's ``reduction='none'`` output).
    reduction : str
        The effective reduction (after legacy ``size_average``/``reduce``).
    numerator : float
        The sum of the unreduced loss, as torch forms it before dividing.
    denominator : float or None
        What ``'mean'``/``'batchmean'`` divided by; ``None`` for ``'none'``
        and ``'sum'``.
    warnings : tuple of str
        The ``UserWarning`` texts torch would emit for this call.
    derived : mapping of str to ndarray
        Tensors the loss forms on the way that a user may want to see
        (LinearCrossEntropyLoss: ``"logits"``); empty for most losses.
    param_grads : mapping of str to ndarray
        ``d sum(value) / d`` each parameter tensor the loss owns
        (LinearCrossEntropyLoss: ``"linear_weight"``, ``"linear_bias"``).
    """

    value: FloatArray
    grad: FloatArray
    elementwise: FloatArray
    reduction: str
    numerator: float
    denominator: float | None
    warnings: tuple[str, ...] = field(default=())
    derived: Mapping[str, FloatArray] = field(default_factory=dict)
    param_grads: Mapping[str, FloatArray] = field(default_factory=dict)

    @property
    def scalar(self) -> float:
        """The reduced value as a Python float (sum of ``value`` for ``'none'``)."""
        if self.value.ndim == 0:
            return float(self.value)
        return float(np.sum(self.value))
