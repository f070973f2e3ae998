"""The "Copy as PyTorch" script: a runnable script that prints what the window shows.

:func:`torch_snippet` writes the imports, every tensor with its exact values
and dtype (floats as their ``repr``, which round-trips), the module with its
arguments, the activation of logits mode, the forward call, and prints the
value and the gradient with respect to the grid. Losses outside ``torch.nn``
(``sigmoid_focal_loss`` without torchvision, the four lossgui extras) are
defined inline, exactly as the engine computes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, ParamSpec
from lossgui.io.cells import format_exact
from lossgui.session.call_text import functional_name
from lossgui.session.layout import linear_outputs
from lossgui.session.snippet_defs import DEFINITIONS, DISTANCE_FUNCTIONS

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = ["MissingSnippetDefinition", "Snippet", "tensor_literal", "torch_snippet"]

Array = npt.NDArray[Any]
_TORCH_DTYPES = {"float32": "torch.float32", "float64": "torch.float64"}


class MissingSnippetDefinition(LookupError):
    """A loss beyond ``torch.nn`` has no definition in :mod:`snippet_defs`.

    Writing ``nn.<Name>`` for it would give a script that fails with an
    ``AttributeError`` far from the cause, so no script is written.
    """

    def __init__(self, loss: str) -> None:
        super().__init__(
            f"no PyTorch script for {loss}: it is not part of torch.nn and "
            "lossgui.session.snippet_defs.DEFINITIONS has no definition for it"
        )
        self.loss = loss


@dataclass(frozen=True)
class Snippet:
    """A generated script.

    Attributes
    ----------
    code : str
        The Python source.
    grad_name : str
        The variable whose ``.grad`` is the gradient the window shows.
    """

    code: str
    grad_name: str


def _float(value: float) -> str:
    if math.isnan(value):
        return "float('nan')"
    if math.isinf(value):
        return "float('inf')" if value > 0 else "-float('inf')"
    return repr(float(value))


def _nested(data: Any, integer: bool) -> str:
    if isinstance(data, list):
        return "[" + ", ".join(_nested(item, integer) for item in data) + "]"
    return str(int(data)) if integer else _float(float(data))


def tensor_literal(array: Array, dtype: str, requires_grad: bool = False) -> str:
    """``torch.tensor(<values>, dtype=...)`` reproducing ``array`` exactly.

    Parameters
    ----------
    array : ndarray
        The document's full-precision values.
    dtype : str
        ``"float32"``, ``"float64"`` or ``"int64"``; torch casts the Python
        floats to it exactly as the window does.
    requires_grad : bool
        Whether to ask torch for the gradient.
    """
    integer = dtype == "int64"
    values = np.asarray(array)
    text = _nested(values.tolist(), integer)
    torch_dtype = "torch.long" if integer else _TORCH_DTYPES[dtype]
    grad = ", requires_grad=True" if requires_grad else ""
    out = f"torch.tensor({text}, dtype={torch_dtype}{grad})"
    if values.size == 0:
        out = f"torch.zeros({tuple(values.shape)!r}, dtype={torch_dtype}{grad})"
    return out


def _value(param: ParamSpec, value: Any) -> str:
    if isinstance(value, bool):
        return repr(value)
    if isinstance(value, float):
        return _float(value)
    return repr(value)


def _arguments(doc: SessionDocument) -> tuple[list[str], bool]:
    """Constructor arguments, and whether a functional-only one is among them.

    Only arguments that differ from torch's default are written; tensors go
    by their variable names; the reduction always.
    """
    spec = doc.spec
    args: list[str] = []
    functional = False
    for param in spec.params:
        if param.kind == "tensor":
            if doc.enabled.get(param.name):
                args.append(f"{param.name}={param.name}")
                functional = functional or param.functional_only
            continue
        value = doc.params.get(param.name, param.default)
        if value == param.default and type(value) is type(param.default):
            continue
        if param.name == "distance_function":
            if value != "pairwise_distance":
                args.append(f"distance_function={DISTANCE_FUNCTIONS[str(value)]}")
            continue
        args.append(f"{param.name}={_value(param, value)}")
    args.append(f"reduction={doc.reduction!r}")
    return args, functional


def _linear_module(doc: SessionDocument, args: list[str]) -> list[str]:
    """A module that owns a Linear (LinearCrossEntropyLoss), given the layer's values.

    The module is built from the layer's shape (``in_features``, the classes,
    ``bias=``, the dtype) and its ``linear.weight``/``linear.bias`` are
    overwritten with the window's ``linear_weight``/``linear_bias``.
    """
    weight = doc.array("linear_weight")
    bias = bool(doc.enabled.get("linear_bias"))
    kept = [a for a in args if not a.startswith(("linear_weight=", "linear_bias="))]
    head = [str(weight.shape[-1]), str(weight.shape[0])]
    if bias:
        head.append("bias=True")
    head.append(f"dtype={_TORCH_DTYPES[doc.dtype]}")
    lines = [f"loss_fn = nn.{doc.loss}({', '.join(head + kept)})"]
    lines += ["with torch.no_grad():  # the window's Linear layer"]
    lines += ["    loss_fn.linear.weight.copy_(linear_weight)"]
    if bias:
        lines += ["    loss_fn.linear.bias.copy_(linear_bias)"]
    return lines


def _activation(doc: SessionDocument, first: str) -> str | None:
    """The activation line of logits mode, or None."""
    kind = doc.spec.activation
    if doc.input_mode != "logits" or kind is None:
        return None
    ndim = doc.array(first).ndim
    if kind == "sigmoid":
        return "torch.sigmoid(logits)"
    dim = -1 if kind == "log_softmax_last" else (1 if ndim >= 2 else 0)
    return f"F.log_softmax(logits, dim={dim})"


def _header(doc: SessionDocument, evaluation: Evaluation | None) -> list[str]:
    lines = [
        f"# {doc.loss} as lossgui computes it ({doc.dtype}, "
        f"reduction={doc.reduction!r}, input mode {doc.input_mode!r}).",
    ]
    if evaluation is not None and evaluation.error is not None:
        lines.append(f"# torch raises here: {evaluation.error.torch_text}")
    elif evaluation is not None and evaluation.value is not None:
        value = np.asarray(evaluation.value)
        if value.ndim == 0:
            lines.append(
                f"# lossgui shows: loss = {format_exact(value.reshape(-1)[0])}"
            )
    return lines


def torch_snippet(
    doc: SessionDocument, evaluation: Evaluation | None = None
) -> Snippet:
    """A script that recomputes ``doc`` with torch and prints value and gradient.

    Parameters
    ----------
    doc : SessionDocument
        The session; its full-precision values are written exactly.
    evaluation : Evaluation, optional
        Its result, quoted in a comment at the top.

    Raises
    ------
    MissingSnippetDefinition
        For a loss beyond ``torch.nn`` (``in_torch=False``) that
        :data:`~lossgui.session.snippet_defs.DEFINITIONS` does not define.
    """
    spec = LOSSES[doc.loss]
    if not spec.in_torch and doc.loss not in DEFINITIONS:
        raise MissingSnippetDefinition(doc.loss)
    lines = [*_header(doc, evaluation), "import torch", "import torch.nn as nn"]
    lines += ["import torch.nn.functional as F", ""]
    slots = {slot.name: slot for slot in doc.slots()}
    names = [arg.name for arg in spec.forward]
    first = names[0]
    activation = _activation(doc, first)
    first_float = slots[first].kind == "float"
    grad_name = "logits" if activation else first
    for position, name in enumerate(names):
        dtype = "int64" if slots[name].kind == "index" else doc.dtype
        wants_grad = position == 0 and first_float
        variable = "logits" if position == 0 and activation else name
        lines.append(
            f"{variable} = {tensor_literal(doc.array(name), dtype, wants_grad)}"
        )
    for name, array in doc.tensor_params.items():
        if doc.enabled.get(name):
            lines.append(f"{name} = {tensor_literal(array, doc.dtype)}")
    if activation:
        lines.append(
            f"{first} = {activation}  # logits mode: the activation lossgui applies"
        )
    lines.append("")
    args, functional = _arguments(doc)
    tensors = ", ".join(names)
    if doc.loss in DEFINITIONS:
        definition, call = DEFINITIONS[doc.loss]
        lines += [definition, ""]
        lines.append(f"loss = {call}({tensors}, {', '.join(args)})")
    elif functional:
        lines.append(
            f"loss = F.{functional_name(doc.loss)}({tensors}, {', '.join(args)})"
        )
    elif linear_outputs(spec):
        lines += _linear_module(doc, args)
        lines.append(f"loss = loss_fn({tensors})")
    else:
        lines.append(f"loss_fn = nn.{spec.name}({', '.join(args)})")
        lines.append(f"loss = loss_fn({tensors})")
    if first_float:
        lines.append(
            f"loss.sum().backward()  # lossgui's gradient: d sum(loss) / d {grad_name}"
        )
    lines += [
        "",
        "torch.set_printoptions(precision=8)",
        'print("loss:", loss.detach())',
    ]
    if first_float:
        lines.append(f'print("grad:", {grad_name}.grad)')
    return Snippet("\n".join(lines) + "\n", grad_name)
