"""The PyTorch line that computes what the window shows.

Students map the explorer back to their code through this text, e.g.
``nn.BCEWithLogitsLoss(pos_weight=torch.tensor([3.]), reduction='sum')(input,
target)``. It is valid Python in the form "Copy as PyTorch" writes: short
tensor arguments in full as ``torch.tensor`` literals that rebuild the exact
values, longer ones by the variable name the copied script defines.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, ParamSpec
from lossgui.io.cells import format_exact

if TYPE_CHECKING:
    from lossgui.session.evaluation import Evaluation

__all__ = ["FULL_TENSOR_ELEMENTS", "call_text", "functional_name", "tensor_argument"]

#: Tensor arguments up to this many elements are written out in full.
FULL_TENSOR_ELEMENTS = 8


def functional_name(loss: str) -> str:
    """``"SmoothL1Loss"`` -> ``"smooth_l1_loss"`` (the ``torch.nn.functional`` name)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", loss)
    return "_".join(word.lower() for word in words)


def _number(value: Any, integer: bool) -> str:
    """One element as Python source that torch reads back exactly."""
    if integer:
        return str(int(value))
    number = float(value)
    if math.isnan(number):
        return "float('nan')"
    if math.isinf(number):
        return "float('inf')" if number > 0 else "-float('inf')"
    text = format_exact(value)  # float32: its shortest decimal, as torch prints it
    return text if any(c in text for c in ".e") else f"{text}."


def _nested(values: Any, integer: bool) -> str:
    """Nested lists of scalars as a Python list literal."""
    if isinstance(values, list):
        return "[" + ", ".join(_nested(v, integer) for v in values) + "]"
    return _number(values, integer)


def tensor_argument(name: str, value: Any) -> str:
    """``name=torch.tensor([...])`` for a short tensor, ``name=name`` for a long one.

    Parameters
    ----------
    name : str
        The keyword, also the variable "Copy as PyTorch" defines for it.
    value : array_like
        The tensor as the evaluation passed it (its dtype decides the
        literal's: float32 is torch's default, float64 and integers say so).
    """
    array = np.asarray(value)
    if array.size > FULL_TENSOR_ELEMENTS or array.size == 0:
        return f"{name}={name}"
    integer = array.dtype.kind in "iub"
    literal = _nested(_as_items(array), integer)
    dtype = ""
    if (integer and array.dtype != np.int64) or (
        not integer and array.dtype != np.float32
    ):
        dtype = f", dtype=torch.{array.dtype}"
    return f"{name}=torch.tensor({literal}{dtype})"


def _as_items(array: npt.NDArray[Any]) -> Any:
    """``array`` as nested lists of NumPy scalars (float32 keeps its dtype)."""
    if array.ndim == 0:
        return array[()]
    return [_as_items(row) for row in array]


def _scalar(value: Any) -> str:
    """A scalar parameter as "Copy as PyTorch" writes it (``0.1``, ``2.0``)."""
    if isinstance(value, bool | np.bool_):
        return repr(bool(value))
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        text = _number(value, False)
        return f"{text}0" if text.endswith(".") else text
    return repr(value)


def _argument(param: ParamSpec, value: Any) -> str | None:
    if value is None:
        return None
    if param.kind == "tensor":
        return tensor_argument(param.name, value)
    if value == param.default:
        return None
    return f"{param.name}={_scalar(value)}"


def _linear_module_args(weight: Any, bias: Any, args: list[str]) -> list[str]:
    """LinearCrossEntropyLoss's constructor: its layer's shape, not its tensors."""
    head = [str(weight.shape[-1]), str(weight.shape[0])]
    if weight.ndim > 2:
        head.append(f"out_features={tuple(int(d) for d in weight.shape[1:-1])}")
    if bias is not None:
        head.append("bias=True")
    own = ("linear_weight=", "linear_bias=")
    return head + [a for a in args if not a.startswith(own)]


def call_text(evaluation: Evaluation) -> str:
    """The module (or functional) call with the evaluation's arguments.

    Forward tensors appear by name, tensor arguments as ``torch.tensor``
    literals (or by name when long, see :func:`tensor_argument`), scalar
    parameters only when they differ from torch's default, and the reduction
    always.
    """
    spec = LOSSES[evaluation.loss]
    values = dict(evaluation.kwargs)
    args = [
        text
        for param in spec.params
        if (text := _argument(param, values.get(param.name))) is not None
    ]
    args.append(f"reduction={evaluation.reduction!r}")
    linear = values.get("linear_weight")
    if isinstance(linear, np.ndarray) and linear.ndim >= 2:
        args = _linear_module_args(linear, values.get("linear_bias"), args)
    names = [name for name, _ in evaluation.inputs]
    first = names[0]
    if evaluation.input_mode == "logits" and spec.activation == "sigmoid":
        first = f"torch.sigmoid({first})"
    elif evaluation.input_mode == "logits" and spec.activation == "log_softmax":
        dim = 1 if evaluation.grid.ndim >= 2 else 0
        first = f"F.log_softmax({first}, dim={dim})"
    elif evaluation.input_mode == "logits" and spec.activation == "log_softmax_last":
        first = f"F.log_softmax({first}, dim=-1)"
    tensors = ", ".join([first, *names[1:]])
    functional = any(
        p.functional_only and _argument(p, values.get(p.name)) is not None
        for p in spec.params
    )
    if functional:
        text = f"F.{functional_name(spec.name)}({tensors}, {', '.join(args)})"
    elif spec.in_torch and spec.name[:1].isupper():
        text = f"nn.{spec.name}({', '.join(args)})({tensors})"
    elif spec.in_torch:  # a function outside torch.nn (torchvision's focal loss)
        path = (spec.reference or spec.name).split(" ")[0]
        text = f"{path}({tensors}, {', '.join(args)})"
    else:
        text = f"{spec.name}({tensors}, {', '.join(args)})  # not in torch.nn"
    if evaluation.dtype != "float32":
        text += f"  # {evaluation.dtype}"
    return text
