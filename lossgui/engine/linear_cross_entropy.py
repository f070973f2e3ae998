"""``LinearCrossEntropyLoss``: cross-entropy of a linear layer's logits.

Torch 2.13's module owns a ``Linear(in_features, C · d1 ⋯ dK)`` and its
``forward(input, target)`` is ``F.linear_cross_entropy``; with its default
``options=None`` that is exactly ``cross_entropy(linear(input), target)``:

Formula
-------
``z = input @ W.T + b`` reshaped to ``(N, C, d1, ..., dK)`` (``(C,)`` for an
unbatched input), then ``CrossEntropyLoss`` on ``z`` with ``weight``,
``label_smoothing`` and ``ignore_index`` (``None`` means -100 for class
indices and is the only value allowed with class probabilities)::

    l_n = (1-ε)·w[y_n]·(-log_softmax(z_n)[y_n]) + (ε/C)·Σ_c w_c·(-log_softmax(z_n)[c])

Gradients, with ``G = d loss / d z`` as cross-entropy forms it (reduction
included)::

    d/d input = G @ W,   d/d W = G.T @ input,   d/d b = Σ_n G_n

The engine takes the Linear's parameters as tensor keywords in the
functional's layout: ``linear_weight`` ``(C, in_features)`` or
``(C, d1, ..., dK, in_features)`` (the module's ``linear.weight`` reshaped, as
its ``forward`` does) and ``linear_bias`` ``(C,)`` or ``(C, d1, ..., dK)``.
Torch's chunked path (``options=LinearCrossEntropyOptions(...)``) only saves
memory; it is not modelled.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.errors import LossInputError
from lossgui.engine.multiclass import cross_entropy
from lossgui.engine.registry import LossSpec, ParamSpec, TensorArg, register
from lossgui.engine.result import LossResult, Terms
from lossgui.engine.tensors import dtype_name
from lossgui.i18n import QT_TRANSLATE_NOOP

__all__ = [
    "SPEC",
    "LinearHead",
    "check_linear_cross_entropy",
    "linear_cross_entropy",
    "linear_head",
    "linear_logits",
]

Array = npt.NDArray[Any]

#: The names ``mm`` prints for a dtype in its "expected m1 and m2" message.
_C_TYPE_NAMES = {
    "float32": "float",
    "float64": "double",
    "float16": "c10::Half",
    "int64": "long int",
    "int32": "int",
    "int16": "short int",
    "int8": "signed char",
    "uint8": "unsigned char",
    "bool": "bool",
}


@dataclass(frozen=True)
class LinearHead:
    """The checked tensors of one call and the shapes torch derives from them.

    Attributes
    ----------
    input, target, weight, bias : ndarray
        ``input``, ``target``, ``linear_weight`` and ``linear_bias`` (or None).
    num_classes : int
        ``C = linear_weight.shape[0]``.
    out_features : tuple of int
        ``(d1, ..., dK)``: ``linear_weight.shape[1:-1]``.
    logits_shape : tuple of int
        ``(*batch, C, d1, ..., dK)``.
    probabilities : bool
        Whether the target is read as class probabilities (shaped like the
        logits, torch's test).
    """

    input: Array
    target: Array
    weight: Array
    bias: Array | None
    num_classes: int
    out_features: tuple[int, ...]
    logits_shape: tuple[int, ...]
    probabilities: bool

    @property
    def flat_weight(self) -> Array:
        """``linear_weight`` as the module stores it: ``(C·d1⋯dK, in_features)``."""
        shape = self.weight.shape
        return self.weight.reshape(math.prod(shape[:-1]), shape[-1])


def _python_tuple(shape: tuple[int, ...]) -> str:
    return repr(tuple(int(d) for d in shape))


def _check_constructor(weight: Array | None, smoothing: object, classes: int) -> None:
    """``LinearCrossEntropyLoss.__init__``'s checks, in its order."""
    if weight is not None and tuple(weight.shape) != (classes,):
        raise LossInputError(
            f"expected weight shape to be {_python_tuple((classes,))}, got "
            f"{_python_tuple(weight.shape)}"
        )
    if not isinstance(smoothing, int | float | np.integer | np.floating):
        raise LossInputError(
            "'<' not supported between instances of "
            f"'{type(smoothing).__name__}' and 'int'",
            "TypeError",
        )
    if smoothing < 0 or smoothing > 1.0:
        raise LossInputError(
            f"expected label_smoothing to be in range [0, 1], got {smoothing}"
        )


def _check_shapes(
    x: Array, w: Array, y: Array, b: Array | None, ignore: object
) -> LinearHead:
    """``F.linear_cross_entropy``'s own checks, in its order."""
    if x.ndim < 1 or x.ndim > 2:
        raise LossInputError(f"expected input with dimensionality 1 or 2, got {x.ndim}")
    if w.ndim < 2:
        raise LossInputError(
            f"expected linear_weight with dimensionality at least 2, got {w.ndim}"
        )
    batch, in_features = tuple(x.shape[:-1]), int(x.shape[-1])
    if in_features != w.shape[-1]:
        raise LossInputError(
            "expected equal input and linear_weight last dimensions (in_features), "
            f"got {in_features} and {w.shape[-1]}, respectively"
        )
    classes, out = int(w.shape[0]), tuple(int(d) for d in w.shape[1:-1])
    if b is not None and tuple(b.shape) != (classes, *out):
        raise LossInputError(
            f"expected linear_bias shape {_python_tuple((classes, *out))}, got "
            f"{_python_tuple(b.shape)}"
        )
    if out and not batch:
        raise LossInputError(
            f"K-dimensional loss defined by linear_weight shape "
            f"{_python_tuple(w.shape)} requires batched input, (N, {in_features}), "
            f"got unbatched input with shape {_python_tuple(x.shape)}"
        )
    logits_shape = (*batch, classes, *out)
    probabilities = tuple(y.shape) == logits_shape
    if probabilities and ignore is not None:
        raise LossInputError(
            "ignore_index cannot be specified when target contains probabilities"
        )
    return LinearHead(x, y, w, b, classes, out, logits_shape, probabilities)


def _check_dtypes(head: LinearHead) -> None:
    """``linear``'s dtype errors: ``addmm`` with a bias, ``mm`` without."""
    x, w, b = head.input, head.weight, head.bias
    if b is None:
        if x.dtype != w.dtype:
            names = (_C_TYPE_NAMES.get(d.name, d.name) for d in (x.dtype, w.dtype))
            raise LossInputError(
                "expected m1 and m2 to have the same dtype, but got: "
                + " != ".join(names)
            )
        return
    if b.dtype != w.dtype:
        raise LossInputError(
            "self and mat2 must have the same dtype, but got "
            f"{dtype_name(b.dtype)} and {dtype_name(w.dtype)}"
        )
    if x.dtype != w.dtype:
        raise LossInputError(
            "mat1 and mat2 must have the same dtype, but got "
            f"{dtype_name(x.dtype)} and {dtype_name(w.dtype)}"
        )


def linear_head(tensors: tuple[Array, ...], params: Mapping[str, Any]) -> LinearHead:
    """Every check torch makes before cross-entropy, in torch's order.

    The module's constructor (``weight`` shape, ``label_smoothing`` range),
    then ``F.linear_cross_entropy``'s shapes, then ``linear``'s dtypes.

    Raises
    ------
    LossInputError
        With torch's text; ``TypeError`` when ``linear_weight`` is missing
        (torch's module always has one).
    """
    x, y = tensors
    w = params["linear_weight"]
    if w is None:
        raise LossInputError(
            "LinearCrossEntropyLoss needs linear_weight=: the weight of its Linear "
            "layer, shape (C, in_features) or (C, d1, ..., dK, in_features)",
            "TypeError",
        )
    classes = int(w.shape[0]) if w.ndim else 0
    if w.ndim:
        _check_constructor(params["weight"], params["label_smoothing"], classes)
    head = _check_shapes(x, w, y, params["linear_bias"], params["ignore_index"])
    _check_dtypes(head)
    return head


def check_linear_cross_entropy(
    tensors: tuple[Array, ...], params: Mapping[str, Any]
) -> None:
    """:attr:`LossSpec.input_check`: torch's errors that precede ``reduction``'s."""
    linear_head(tensors, params)


def linear_logits(head: LinearHead) -> Array:
    """``z = input @ W.T + b``, shaped ``(*batch, C, d1, ..., dK)``."""
    with np.errstate(all="ignore"):
        z = head.input @ head.flat_weight.T
        if head.bias is not None:
            z = z + head.bias.reshape(-1)
    return np.asarray(z).reshape(head.logits_shape)


def _ce_params(head: LinearHead, params: Mapping[str, Any]) -> dict[str, Any]:
    ignore = params["ignore_index"]
    return {
        "weight": params["weight"],
        "ignore_index": -100 if ignore is None else ignore,
        "label_smoothing": params["label_smoothing"],
        "reduction": params["reduction"],
    }


def linear_cross_entropy(
    tensors: tuple[Array, ...], params: Mapping[str, Any]
) -> Terms:
    r"""``LinearCrossEntropyLoss``: cross-entropy of ``input @ W.T + b``.

    Formula
    -------
    ``z = input @ W.T + b`` (shaped ``(N, C, d1, ..., dK)``) and
    ``lp = log_softmax(z, class dim)``, then
    ``l_n = (1-ε)·w[y_n]·(-lp[n, y_n]) + (ε/C)·Σ_c w_c·(-lp[n, c])``
    (class indices; ``ignore_index=None`` means -100) or
    ``l_n = -Σ_c w_c·t'_{n,c}·lp[n, c]`` (probabilities).

    Returns the cross-entropy terms *over the logits* (``grad`` is
    ``d Σ l / d z``); :func:`finish_linear_cross_entropy` carries the reduced
    gradient back through the linear layer.
    """
    head = linear_head(tensors, params)
    return cross_entropy((linear_logits(head), head.target), _ce_params(head, params))


def finish_linear_cross_entropy(
    result: LossResult, tensors: tuple[Array, ...], params: Mapping[str, Any]
) -> LossResult:
    """Carry the logits' gradient ``G`` back through ``z = input @ W.T + b``.

    ``grad = G @ W`` (shaped like ``input``), and on the result
    ``param_grads = {"linear_weight": G.T @ input, "linear_bias": Σ_n G_n}``
    (the bias only when one is given) and ``derived = {"logits": z}``.
    """
    head = linear_head(tensors, params)
    x = head.input
    batch = head.logits_shape[: x.ndim - 1]
    rows, outputs = math.prod(batch), math.prod(head.logits_shape[len(batch) :])
    g = np.asarray(result.grad).reshape(rows, outputs)
    with np.errstate(all="ignore"):
        grad = (g @ head.flat_weight).reshape(x.shape).astype(x.dtype, copy=False)
        grad_w = (g.T @ x.reshape(rows, x.shape[-1])).reshape(head.weight.shape)
        grads = {"linear_weight": grad_w.astype(head.weight.dtype, copy=False)}
        if head.bias is not None:
            grads["linear_bias"] = (
                g.sum(axis=0).reshape(head.bias.shape).astype(head.bias.dtype)
            )
    return replace(
        result,
        grad=grad,
        derived={"logits": linear_logits(head)},
        param_grads=grads,
    )


_SUMMARY = QT_TRANSLATE_NOOP(
    "engine", "Cross-entropy of a linear layer's logits (a language-model head)."
)
_INPUT_DOC = QT_TRANSLATE_NOOP(
    "engine", "Hidden states: the linear layer's inputs, one row per sample."
)
_TARGET_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "Class indices in [0, C) (Long or Byte), or class probabilities shaped like "
    "the logits.",
)
_LINEAR_WEIGHT_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "The weight of the module's Linear layer (linear.weight reshaped to "
    "(C, *out_features, in_features)): logits = input @ W.T + b.",
)
_LINEAR_BIAS_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "The bias of the module's Linear layer (bias=True), added to the logits. "
    "Default: None (no bias).",
)
_WEIGHT_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "A manual rescaling weight given to each class, shape (C,) (checked by the "
    "constructor). Default: None (all ones).",
)
_IGNORE_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "A target value that is ignored and does not contribute to the input "
    "gradient. Default: None, which means -100 for class indices; it must stay "
    "None for class probabilities.",
)
_SMOOTHING_DOC = QT_TRANSLATE_NOOP(
    "engine",
    "Mixes the target with a uniform distribution: ε/C on every class. The "
    "constructor requires 0 ≤ ε ≤ 1. Default: 0.0.",
)

SPEC = register(
    LossSpec(
        name="LinearCrossEntropyLoss",
        family="multiclass",
        summary=_SUMMARY,
        formula=(
            "z = input @ W.T + b   (logits, shape (N, C))\n"
            "lp = log_softmax(z, class dim)\n"
            "l_n = (1-ε)·w[y_n]·(-lp[n,y_n]) + (ε/C)·Σ_c w_c·(-lp[n,c])\n"
            "l_n = 0 where y_n = ignore_index (None: -100)\n"
            "mean = Σ l_n / Σ_n w[y_n] over non-ignored n\n"
            "probabilities t: l_n = -Σ_c w_c·t'_{n,c}·lp[n,c]; mean = Σ l_n / N"
        ),
        forward=(
            TensorArg(
                "input", "float", _INPUT_DOC, "(in_features) or (N, in_features)"
            ),
            TensorArg(
                "target",
                "class_target",
                _TARGET_DOC,
                "(), (N) or (N, d1, ..., dK); or (C), (N, C) or (N, C, d1, ..., dK)",
            ),
        ),
        params=(
            ParamSpec(
                "linear_weight",
                "tensor",
                None,
                _LINEAR_WEIGHT_DOC,
                shape="(C, in_features)",
                required=True,
            ),
            ParamSpec("linear_bias", "tensor", None, _LINEAR_BIAS_DOC, shape="(C,)"),
            ParamSpec("weight", "tensor", None, _WEIGHT_DOC, shape="(C,)"),
            ParamSpec("ignore_index", "int", None, _IGNORE_DOC),
            ParamSpec(
                "label_smoothing",
                "float",
                0.0,
                _SMOOTHING_DOC,
                minimum=0.0,
                maximum=1.0,
            ),
        ),
        function=linear_cross_entropy,
        legacy_args=False,
        reference="torch.nn.LinearCrossEntropyLoss",
        input_check=check_linear_cross_entropy,
        finish=finish_linear_cross_entropy,
    )
)
