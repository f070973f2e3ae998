"""The PyTorch line that computes what the window shows.

Students map the explorer back to their code through this text, e.g.
``nn.BCELoss(reduction='sum')(torch.sigmoid(input), target)``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np

from lossgui.engine.registry import LOSSES, ParamSpec
from lossgui.io.cells import format_exact

if TYPE_CHECKING:
    from lossgui.session.evaluation import Evaluation

__all__ = ["call_text", "functional_name"]


def functional_name(loss: str) -> str:
    """``"SmoothL1Loss"`` -> ``"smooth_l1_loss"`` (the ``torch.nn.functional`` name)."""
    words = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", loss)
    return "_".join(word.lower() for word in words)


def _argument(param: ParamSpec, value: Any) -> str | None:
    if value is None:
        return None
    if param.kind == "tensor":
        shape = ", ".join(str(s) for s in np.shape(value))
        return f"{param.name}=<{shape}>"
    if value == param.default:
        return None
    shown = format_exact(value) if isinstance(value, float) else repr(value)
    return f"{param.name}={shown}"


def call_text(evaluation: Evaluation) -> str:
    """The module (or functional) call with the evaluation's arguments.

    Tensors appear by name, optional tensor arguments as ``name=<shape>``,
    scalar parameters only when they differ from torch's default, and the
    reduction always.
    """
    spec = LOSSES[evaluation.loss]
    values = dict(evaluation.kwargs)
    args = [
        text
        for param in spec.params
        if (text := _argument(param, values.get(param.name))) is not None
    ]
    args.append(f"reduction={evaluation.reduction!r}")
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
