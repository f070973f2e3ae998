"""Running a :class:`~.core.Spec` through torch and encoding what it returned.

The encoding is described in ``tools/make_torch_reference.py``'s docstring.
"""

from __future__ import annotations

import json
import math
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import torch

from .core import CUSTOM_CALLS, F32, F64, FORMAT, VERSION, Spec, tag


def _enc_float(v: float, dtype: np.dtype[Any]) -> float | str:
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if dtype == F32:
        short = float(str(np.float32(v)))
        if np.float32(short) == np.float32(v):
            return short
    return float(v)


def encode_array(a: Any) -> dict[str, Any]:
    """A tensor as ``{"dtype", "shape", "data"}`` (see the module docstring)."""
    a = np.asarray(a)
    flat = a.reshape(-1)
    if a.dtype.kind == "f":
        data: list[Any] = [_enc_float(float(v), a.dtype) for v in flat]
    elif a.dtype.kind == "b":
        data = [bool(v) for v in flat]
    elif a.dtype.kind in "iu":
        data = [int(v) for v in flat]
    else:
        raise TypeError(f"cannot encode dtype {a.dtype}")
    return {"dtype": a.dtype.name, "shape": list(a.shape), "data": data}


def encode_kwarg(v: Any) -> Any:
    if isinstance(v, np.ndarray):
        return encode_array(v)
    if isinstance(v, float) and not math.isfinite(v):
        return {"float": _enc_float(v, F64)}
    return v


def _case_id(index: int, spec: Spec) -> str:
    first = spec.tensors[0]
    parts = [spec.loss, f"{index:03d}", spec.label]
    parts.append(
        {"float32": "f32", "float64": "f64"}.get(first.dtype.name, first.dtype.name)
    )
    parts.append(tag(first.shape))
    for key in ("size_average", "reduce"):
        if key in spec.kwargs:
            parts.append(f"{key}={spec.kwargs[key]}")
    parts.append(str(spec.kwargs.get("reduction", "default")))
    return "-".join(parts)


def torch_call(spec: Spec) -> tuple[str, Callable[..., Any]]:
    """The recorded name of the call and ``fn(*tensors, **kwargs)`` running it."""
    if spec.functional is not None:
        return (
            f"torch.nn.functional.{spec.functional}",
            getattr(torch.nn.functional, spec.functional),
        )
    if spec.loss in CUSTOM_CALLS:
        return CUSTOM_CALLS[spec.loss]

    def module_call(*tensors: Any, **kwargs: Any) -> Any:
        return getattr(torch.nn, spec.loss)(**kwargs)(*tensors)

    return f"torch.nn.{spec.loss}", module_call


def run_torch(spec: Spec, index: int = 0) -> dict[str, Any]:
    """Run ``spec`` through ``torch.nn`` and encode what torch returned or raised."""
    name, fn = torch_call(spec)
    case: dict[str, Any] = {
        "id": _case_id(index, spec),
        "loss": spec.loss,
        "call": name,
        "tensors": [encode_array(t) for t in spec.tensors],
        "kwargs": {k: encode_kwarg(v) for k, v in spec.kwargs.items()},
    }
    tensors = [torch.from_numpy(t.copy()) for t in spec.tensors]
    first = tensors[0]
    if first.is_floating_point():
        first.requires_grad_(True)
    kwargs = {
        k: torch.from_numpy(v.copy()) if isinstance(v, np.ndarray) else v
        for k, v in spec.kwargs.items()
    }
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = fn(*tensors, **kwargs)
        except Exception as exc:  # torch's exception is the data
            case["error"] = {"type": type(exc).__name__, "message": str(exc)}
            return case
        grad = grad_error = None
        if out.requires_grad:
            try:
                out.sum().backward()
            except RuntimeError as exc:  # torch's backward can fail on its own
                grad_error = {"type": type(exc).__name__, "message": str(exc)}
            else:
                if first.grad is not None:
                    grad = first.grad.numpy()
                param_grads = {
                    k: encode_array(v.grad.numpy())
                    for k, v in kwargs.items()
                    if isinstance(v, torch.Tensor) and v.grad is not None
                }
                if param_grads:  # parameter tensors a custom call made leaves
                    case["param_grads"] = param_grads
    case["value"] = encode_array(out.detach().numpy())
    case["grad"] = None if grad is None else encode_array(grad)
    if grad_error is not None:
        case["grad_error"] = grad_error
    texts: list[str] = []
    for w in caught:
        text = str(w.message)
        if text not in texts:
            texts.append(text)
    case["warnings"] = texts
    return case


def dump(loss: str, cases: list[dict[str, Any]], seed: int) -> str:
    """The file text: a header and one case per line."""
    header = {
        "format": FORMAT,
        "version": VERSION,
        "torch_version": torch.__version__,
        "numpy_version": np.__version__,
        "seed": seed,
        "loss": loss,
        "generator": "tools/make_torch_reference.py",
    }
    lines = [json.dumps(header, allow_nan=False)[:-1] + ', "cases": [']
    body = [json.dumps(c, allow_nan=False, separators=(",", ":")) for c in cases]
    lines.append(",\n".join(body))
    lines.append("]}")
    return "\n".join(lines) + "\n"
