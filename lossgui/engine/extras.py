"""Losses beyond ``torch.nn`` (``in_torch=False``), each from the literature.

- ``Poly1CrossEntropyLoss`` (in :mod:`lossgui.engine.poly_loss`): Leng et al.
  (2022), "PolyLoss: A Polynomial Expansion Perspective of Classification Loss
  Functions", ICLR 2022 (arXiv:2204.12511).
- ``LogCoshLoss``: log of the hyperbolic cosine of the error; Saleh & Saleh
  (2022), "Statistical Properties of the log-cosh Loss Function Used in
  Machine Learning" (arXiv:2208.04564).
- ``SquaredHingeLoss``: the L2-SVM loss; Lee & Lin (2013), "A Study on L2-Loss
  (Squared Hinge-Loss) Multiclass SVM", Neural Computation 25(5); Janocha &
  Czarnecki (2017), "On Loss Functions for Deep Neural Networks in
  Classification".
- ``SoftDiceLoss``: Milletari, Navab & Ahmadi (2016), "V-Net", 3DV 2016
  (arXiv:1606.04797), in the Sørensen form with linear sums and additive
  smoothing.

Their errors follow the nearest torch loss (cross-entropy's target checks,
``BCEWithLogitsLoss``'s size check); they take no legacy arguments.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

# Poly-1 cross-entropy lives in its own module; importing it registers it.
from lossgui.engine import poly_loss as _poly_loss  # noqa: F401
from lossgui.engine.errors import LossInputError
from lossgui.engine.fast_math import blockwise, log1p_unit, mean_grad_scale
from lossgui.engine.promotion import result_type
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import Terms
from lossgui.engine.tensor_ops import check_subtraction
from lossgui.engine.tensors import dtype_name, expand_to, torch_size
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = ["log_cosh", "soft_dice", "squared_hinge"]

Array = npt.NDArray[Any]


def _float_pair(x: Array, y: Array, kernel: str) -> tuple[Array, Array]:
    """Input (must be floating) and target in the promoted float dtype."""
    if x.dtype.kind != "f":
        raise LossInputError(
            f"\"{kernel}\" not implemented for '{dtype_name(x.dtype)}'",
            "NotImplementedError",
        )
    dtype = result_type(x, y)  # torch's promotion (a 0-d target does not widen)
    return x.astype(dtype, copy=False), y.astype(dtype, copy=False)


def log_cosh(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""Log-cosh regression loss: ``l = log(cosh(x - y))``.

    Formula
    -------
    Quadratic (``d²/2``) for small errors, ``|d| - log 2`` for large ones;
    computed as ``log1p(2 sinh²(d/2))`` for ``|d| < 1`` and
    ``|d| + log1p(exp(-2|d|)) - log 2`` otherwise, so it neither overflows nor
    loses digits near 0. The target broadcasts to the input's shape;
    ``'mean'`` divides by numel.

    Gradient
    ``∂l/∂x = tanh(x - y)``.

    References
    ----------
    R. A. Saleh and A. K. Md. E. Saleh (2022), "Statistical Properties of the
    log-cosh Loss Function Used in Machine Learning", arXiv:2208.04564.
    """
    x, y = tensors
    check_subtraction(x, y)
    xf, yf = _float_pair(x, y, "log_cosh")
    d = xf - expand_to(yf, x.shape)
    if d.ndim > 0 and d.dtype == np.float32:
        return _log_cosh_f32(d, params["reduction"])
    a = np.abs(d)
    near = np.log1p(2 * np.sinh(d / 2) ** 2)
    far = a + np.log1p(np.exp(-2 * a)) - np.asarray(math.log(2), dtype=d.dtype)
    loss = np.where(a < 1, near, far)
    return Terms(loss, np.tanh(d).astype(x.dtype, copy=False), loss.size)


def _log_cosh_f32(d: Array, reduction: str) -> Terms:
    """:func:`_log_cosh_block` over ``d``, block by block (same values).

    ``'mean'``'s ``1 / N`` is applied in the blocks
    (:func:`~lossgui.engine.fast_math.mean_grad_scale`).
    """
    scale = mean_grad_scale(reduction, d.size)
    loss, grad = np.empty_like(d), np.empty_like(d)

    def kernel(ins: tuple[Array, ...], outs: tuple[Array, ...]) -> None:
        _log_cosh_block(ins, outs)
        if scale is not None:
            np.multiply(outs[1], scale, out=outs[1])

    blockwise(kernel, (d,), (loss, grad))
    return Terms(loss, grad, loss.size, grad_is_mean=scale is not None)


def _log_cosh_block(ins: tuple[Array, ...], outs: tuple[Array, ...]) -> None:
    r"""Log-cosh of a float32 error ``d`` with one ``log`` and no ``np.where``.

    Formula
    -------
    With ``a = |d|``, ``t = tanh(d)`` and ``m = [a < 1]``:
    ``log cosh d = -log1p(-t²)/2`` for ``a < 1`` (``1 - t² = sech² d``; no
    cancellation near 0) and ``a - log 2 + log1p(exp(-2a))`` otherwise. Both
    take ``log1p`` of ``z = m (-t²) + (1 - m) exp(-2a)`` (in ``(-0.6, 1]``)
    and ``l = (1 - m)(a - log 2) + (1 - 1.5 m) log1p(z)``. The gradient is
    ``t``. ``ins = (d,)``; writes ``outs = (loss, t)``.
    """
    (d,) = ins
    loss, t = outs
    a = np.abs(d)
    near = np.less(a, 1, out=np.empty_like(d))
    far = np.subtract(1, near)
    np.tanh(d, out=t)
    z = np.multiply(t, t)
    np.multiply(z, near, out=z)
    w = np.multiply(a, np.float32(-2))
    np.exp(w, out=w)
    np.multiply(w, far, out=w)
    np.subtract(w, z, out=z)
    log1p_z, _ = log1p_unit(z)
    np.subtract(a, np.float32(math.log(2)), out=a)
    np.multiply(a, far, out=loss)
    np.multiply(near, np.float32(-1.5), out=near)
    np.add(near, 1, out=near)
    np.multiply(log1p_z, near, out=log1p_z)
    np.add(loss, log1p_z, out=loss)
    np.add(loss, 0, out=loss)  # -0.0 (tiny d) -> +0.0, as log(cosh(d))


def squared_hinge(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""Squared hinge (L2-SVM) loss for targets ±1: ``l = max(0, m - y x)²``.

    Formula
    -------
    ``z = margin - y x``, ``l = max(z, 0)²``. The target broadcasts to the
    input's shape and is not validated (use -1 and 1); ``'mean'`` divides by
    numel.

    Gradient
    ``∂l/∂x = -2 y max(z, 0)`` where ``z >= 0``, else 0 (also 0 at NaN, as
    autograd of ``clamp_min(margin - y*x, 0) ** 2``).

    References
    ----------
    C.-P. Lee and C.-J. Lin (2013), "A Study on L2-Loss (Squared Hinge-Loss)
    Multiclass SVM", Neural Computation 25(5):1302-1323; K. Janocha and
    W. M. Czarnecki (2017), "On Loss Functions for Deep Neural Networks in
    Classification", Schedae Informaticae 25.
    """
    x, y = tensors
    xf, yf = _float_pair(x, y, "squared_hinge")
    yb = expand_to(yf, x.shape)
    z = float(params["margin"]) - yb * xf
    h = np.maximum(z, 0)
    loss = h * h
    zero = np.zeros((), dtype=z.dtype)
    grad = -np.where(z >= 0, 2 * h, zero) * yb
    return Terms(loss, grad.astype(x.dtype, copy=False), loss.size)


def soft_dice(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> Terms:
    r"""Soft Dice loss on probabilities, one value per sample.

    Formula
    -------
    For each sample ``n`` (dim 0), summing over **every other dimension**:
    ``I = Σ p t``, ``S = Σ p + Σ t``, ``l_n = 1 - (2 I + s) / (S + s)``
    with ``s = smooth``. A 0-d or 1-D input is a single sample (0-d loss).
    ``'mean'`` divides by the number of samples. For per-class Dice, put the
    classes in dim 0.

    Gradient
    ``∂l_n/∂p_k = -2 t_k / (S + s) + (2 I + s) / (S + s)²``.

    References
    ----------
    F. Milletari, N. Navab and S.-A. Ahmadi (2016), "V-Net: Fully
    Convolutional Neural Networks for Volumetric Medical Image Segmentation",
    3DV 2016, arXiv:1606.04797 (V-Net squares the terms of the denominator;
    this is the linear-sum Sørensen form with additive smoothing).
    """
    x, t = tensors
    if t.shape != x.shape:
        raise LossInputError(
            f"Target size ({torch_size(t.shape)}) must be the same as input size "
            f"({torch_size(x.shape)})",
            "ValueError",
        )
    xf, tf = _float_pair(x, t, "soft_dice")
    axes = tuple(range(1, x.ndim)) if x.ndim >= 2 else tuple(range(x.ndim))
    smooth = float(params["smooth"])
    product = np.multiply(xf, tf, out=np.empty_like(tf))  # reused for the gradient
    num = 2 * np.sum(product, axis=axes, keepdims=True) + smooth
    den = np.sum(xf, axis=axes, keepdims=True) + np.sum(tf, axis=axes, keepdims=True)
    den = den + smooth
    loss = np.reshape(1 - num / den, x.shape[:1] if x.ndim >= 2 else ())
    grad = np.multiply(tf, -2, out=product)  # -2 t / den + num / den²
    np.divide(grad, den, out=grad)
    np.add(grad, num / (den * den), out=grad)
    return Terms(loss, grad.astype(x.dtype, copy=False), loss.size)


register(
    LossSpec(
        name="LogCoshLoss",
        family="regression",
        summary=QT_TRANSLATE_NOOP(
            "engine", "log(cosh(x - y)): quadratic near 0, linear for large errors."
        ),
        formula="l = log(cosh(x - y))\nmean = Σ l / numel",
        forward=(
            TensorArg(
                "input", "float", QT_TRANSLATE_NOOP("engine", "Predictions."), "(*)"
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP("engine", "Targets, broadcast to the input's shape."),
                "(*), same as input or broadcastable",
            ),
        ),
        params=(),
        function=log_cosh,
        legacy_args=False,
        accepts_elementwise_mean=False,
        in_torch=False,
        reference="Saleh & Saleh (2022), arXiv:2208.04564",
    )
)

register(
    LossSpec(
        name="SquaredHingeLoss",
        family="margin",
        summary=QT_TRANSLATE_NOOP(
            "engine", "max(0, margin - y·x)²: the L2-SVM loss for labels ±1."
        ),
        formula="l = max(0, margin - y·x)²\nmean = Σ l / numel",
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP("engine", "Scores: any real number per element."),
                "(*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine", "Labels -1 or 1, broadcast to the input's shape."
                ),
                "(*), same as input or broadcastable",
            ),
        ),
        params=(
            ParamSpec(
                "margin",
                "float",
                1.0,
                QT_TRANSLATE_NOOP(
                    "engine", "The score y·x beyond which the loss is 0. Default: 1."
                ),
            ),
        ),
        function=squared_hinge,
        legacy_args=False,
        accepts_elementwise_mean=False,
        in_torch=False,
        reference=(
            "Lee & Lin (2013), Neural Computation 25(5); Janocha & Czarnecki (2017)"
        ),
    )
)

register(
    LossSpec(
        name="SoftDiceLoss",
        family="binary",
        summary=QT_TRANSLATE_NOOP(
            "engine", "1 - soft Dice overlap per sample, on probabilities."
        ),
        formula=(
            "per sample n, sums over all dims but 0:\n"
            "l_n = 1 - (2·Σ p·t + s) / (Σ p + Σ t + s)\nmean = Σ l / N"
        ),
        forward=(
            TensorArg(
                "input",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Probabilities in [0, 1] (e.g. a sigmoid output); dim 0 is the "
                    "sample.",
                ),
                "(N, *) or (*)",
            ),
            TensorArg(
                "target",
                "float",
                QT_TRANSLATE_NOOP(
                    "engine", "Binary masks (0/1; soft allowed), same shape."
                ),
                "(N, *), same as input",
            ),
        ),
        params=(
            ParamSpec(
                "smooth",
                "float",
                1.0,
                QT_TRANSLATE_NOOP(
                    "engine",
                    "Added to numerator and denominator: keeps empty masks finite and "
                    "softens small ones. Default: 1.",
                ),
            ),
        ),
        function=soft_dice,
        activation="sigmoid",
        legacy_args=False,
        accepts_elementwise_mean=False,
        in_torch=False,
        reference="Milletari, Navab & Ahmadi (2016), V-Net, 3DV, arXiv:1606.04797",
    )
)
