"""Reading a loss the user already built: a torch module, a class, or a name.

:func:`read_loss` turns the ``loss=`` argument of :func:`lossgui.show` and
:func:`lossgui.save` into a :class:`LossCall`: the loss's name in
:data:`~lossgui.engine.registry.LOSSES` and every constructor argument, read
from the module (``weight``, ``pos_weight``, ``ignore_index``, ``beta``, ...)
and completed with torch's defaults. :func:`to_array` copies a tensor to a
NumPy array (detached, on the CPU, contiguous).

torch is not a dependency and is never imported here: tensors and modules
are recognised through ``sys.modules.get("torch")``, which is set whenever
the caller could have built one. What the engine cannot compute (a subclass
of a torch loss, a custom ``distance_function``, a module attribute lossgui
does not know, forward hooks) raises :class:`UnsupportedLossError` naming it.
"""

from __future__ import annotations

import sys
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.distances import DISTANCES
from lossgui.engine.reduction import legacy_reduction
from lossgui.engine.registry import LOSSES, LossSpec, ParamSpec

__all__ = ["LossCall", "UnsupportedLossError", "read_loss", "to_array"]

Array = npt.NDArray[Any]

#: Module state every ``torch.nn`` loss has besides its arguments.
_COMMON_STATE = frozenset({"training", "reduction"})
#: ``nn.PairwiseDistance(p=..., eps=1e-6)`` norms the engine offers by name.
_PAIRWISE_NAMES = {2.0: "pairwise_distance", 1.0: "l1"}
_DISTANCE_HELP = (
    "lossgui computes the built-in distances only: None, F.pairwise_distance or "
    "nn.PairwiseDistance() (p=2), nn.PairwiseDistance(p=1), and by name "
    "'cosine_distance' (1 - F.cosine_similarity(x, y, dim=-1)) or "
    "'squared_euclidean' ((x - y).pow(2).sum(-1)); if your function is one of "
    "these, pass it by name, e.g. distance_function='cosine_distance'"
)


class UnsupportedLossError(ValueError):
    """A loss, or one of its arguments, that lossgui cannot compute exactly."""


@dataclass(frozen=True)
class LossCall:
    """A loss and all of its constructor arguments.

    Attributes
    ----------
    name : str
        The key in :data:`~lossgui.engine.registry.LOSSES`.
    reduction : str
        The reduction (torch's default when none was given).
    params : dict
        Every scalar parameter (``label_smoothing``, ``distance_function`` as
        its engine name, ...), torch's default where none was given.
    tensors : dict
        Tensor arguments given (``weight``, ``pos_weight``) as NumPy arrays;
        absent ones (``None``) are left out.
    """

    name: str
    reduction: str
    params: dict[str, Any] = field(default_factory=dict)
    tensors: dict[str, Array] = field(default_factory=dict)


def _torch() -> Any:
    """The torch module if the caller imported it, else None (never imports it)."""
    return sys.modules.get("torch")


def is_tensor(value: object) -> bool:
    """Whether ``value`` is a ``torch.Tensor`` (``nn.Parameter`` included)."""
    torch = _torch()
    return torch is not None and isinstance(value, torch.Tensor)


def _tensor_to_array(tensor: Any, name: str) -> Array:
    torch = _torch()
    data = tensor.detach()
    if data.layout != torch.strided:
        raise ValueError(
            f"'{name}' is a {data.layout} tensor; pass '{name}.to_dense()' instead"
        )
    if data.is_complex():
        raise ValueError(f"'{name}' is complex ({data.dtype}); losses take real values")
    if data.dtype in (torch.float16, torch.bfloat16):
        warnings.warn(
            f"'{name}' is {data.dtype}; lossgui computes in float32 (torch's value "
            "in half precision may differ in the last digits)",
            UserWarning,
            stacklevel=4,
        )
        data = data.float()
    data = data.cpu().resolve_conj().resolve_neg()
    return np.array(data.numpy(), copy=True)


def to_array(value: object, name: str) -> Array:
    """A NumPy copy of a tensor, array, nested list or number.

    torch tensors on any device, with ``requires_grad``, non-leaf or
    non-contiguous, are detached and copied to the CPU; ``float16`` and
    ``bfloat16`` become ``float32`` (with a warning).

    Raises
    ------
    ValueError
        For sparse or complex tensors.
    """
    if is_tensor(value):
        return _tensor_to_array(value, name)
    return np.array(value, copy=True)


def _scalar(value: Any) -> Any:
    """A Python number from a number or a one-element tensor/array."""
    if is_tensor(value) or isinstance(value, np.ndarray | np.generic):
        return value.item()
    return value


def _class_of(loss: object) -> type | None:
    """The class named by ``loss`` (an instance's class, or the class itself)."""
    if isinstance(loss, type):
        return loss
    torch = _torch()
    if torch is not None and isinstance(loss, torch.nn.Module):
        return type(loss)
    return None


def _torch_loss_name(cls: type) -> str:
    """The LOSSES name of a ``torch.nn`` loss class, or an explaining error."""
    torch = _torch()
    name = cls.__name__
    own = None if torch is None else getattr(torch.nn, name, None)
    if own is cls:
        if name in LOSSES:
            return name
        raise UnsupportedLossError(
            f"lossgui does not support torch.nn.{name} (it supports: "
            f"{', '.join(LOSSES)})"
        )
    for base in cls.__mro__[1:]:
        if torch is not None and getattr(torch.nn, base.__name__, None) is base:
            if base.__name__ in LOSSES:
                raise UnsupportedLossError(
                    f"{name} is a subclass of torch.nn.{base.__name__}; lossgui reads "
                    "torch's own loss modules only (a subclass may compute something "
                    f"else). Pass nn.{base.__name__}(...) with the same arguments, "
                    f"or loss='{base.__name__}' and keyword arguments"
                )
            break
    raise UnsupportedLossError(
        f"{name} is not a loss lossgui can compute; it supports: {', '.join(LOSSES)}"
    )


def _function_name(loss: object) -> str | None:
    """``"sigmoid_focal_loss"`` for torchvision's function of that name."""
    module = str(getattr(loss, "__module__", "") or "")
    name = str(getattr(loss, "__name__", "") or "")
    if module.startswith("torchvision") and name == "sigmoid_focal_loss":
        return name
    return None


def _loss_name(loss: object) -> tuple[str, object | None]:
    """``(LOSSES name, module or None)`` for the ``loss=`` argument."""
    if isinstance(loss, str):
        if loss not in LOSSES:
            raise ValueError(
                f"unknown loss '{loss}'; choose one of: {', '.join(LOSSES)}"
            )
        return loss, None
    cls = _class_of(loss)
    if cls is not None:
        return _torch_loss_name(cls), None if isinstance(loss, type) else loss
    if callable(loss):
        name = _function_name(loss)
        if name is not None:
            return name, None
        shown = getattr(loss, "__qualname__", None) or type(loss).__name__
        raise UnsupportedLossError(
            f"lossgui cannot compute the function {shown}; pass a torch loss module "
            "(nn.CrossEntropyLoss(...)), its class or its name"
        )
    raise TypeError(
        "loss must be a torch loss module, a loss class or its name (e.g. "
        f"'CrossEntropyLoss'), not {type(loss).__name__}"
    )


def distance_name(value: object) -> str:
    """The engine's name of a ``TripletMarginWithDistanceLoss`` distance function.

    Raises
    ------
    UnsupportedLossError
        For a custom function (a lambda, a partial, another module).
    """
    torch = _torch()
    if value is None:
        return "pairwise_distance"
    if isinstance(value, str):
        if value in DISTANCES:
            return value
        raise ValueError(
            f"distance_function '{value}' is not one of {', '.join(DISTANCES)}"
        )
    if torch is not None:
        if value is torch.nn.functional.pairwise_distance:
            return "pairwise_distance"
        if type(value) is torch.nn.PairwiseDistance:
            norm = float(value.norm)  # type: ignore[attr-defined]
            eps = float(value.eps)  # type: ignore[attr-defined]
            if norm in _PAIRWISE_NAMES and eps == 1e-6 and not value.keepdim:  # type: ignore[attr-defined]
                return _PAIRWISE_NAMES[norm]
            raise UnsupportedLossError(
                f"TripletMarginWithDistanceLoss: nn.PairwiseDistance(p={norm:g}, "
                f"eps={eps:g}) is not supported; {_DISTANCE_HELP}"
            )
    shown = getattr(value, "__qualname__", None) or type(value).__name__
    raise UnsupportedLossError(
        f"TripletMarginWithDistanceLoss: distance_function={shown} is a custom "
        f"function; {_DISTANCE_HELP}"
    )


def _linear_head(module: Any) -> dict[str, Any]:
    """``LinearCrossEntropyLoss``: its Linear's parameters in the functional layout.

    ``linear.weight`` ``(C · d1 ⋯ dK, in)`` becomes ``(C, d1, ..., dK, in)``
    and the bias ``(C, d1, ..., dK)``, as the module's ``forward`` reshapes them.
    """
    linear = module.linear
    classes = (int(module.num_classes), *(int(d) for d in module.out_features))
    weight = to_array(linear.weight, "linear.weight")
    bias = None if linear.bias is None else to_array(linear.bias, "linear.bias")
    return {
        "linear_weight": weight.reshape(*classes, weight.shape[-1]),
        "linear_bias": None if bias is None else bias.reshape(classes),
    }


#: Losses whose module holds more than its constructor's arguments: the names
#: of that state and a reader turning it into the engine's keywords.
_MODULE_READERS: dict[str, tuple[frozenset[str], Callable[[Any], dict[str, Any]]]] = {
    "LinearCrossEntropyLoss": (
        frozenset({"linear", "num_classes", "out_features", "options"}),
        _linear_head,
    ),
}


def _check_module_state(spec: LossSpec, module: Any) -> None:
    """Refuse hooks and state lossgui does not know (it would be ignored)."""
    for hooks in ("_forward_hooks", "_forward_pre_hooks"):
        if getattr(module, hooks, None):
            raise UnsupportedLossError(
                f"the {spec.name} module has forward hooks; lossgui computes the "
                "loss itself and cannot run them"
            )
    extra = _MODULE_READERS.get(spec.name, (frozenset(), None))[0]
    known = _COMMON_STATE | extra | {p.name for p in spec.params}
    state = {name for name in vars(module) if not name.startswith("_")}
    for table in ("_buffers", "_modules", "_parameters"):
        state |= set(getattr(module, table, {}) or {})
    unknown = sorted(state - known)
    if unknown:
        raise UnsupportedLossError(
            f"the {spec.name} module has {', '.join(repr(n) for n in unknown)}, which "
            "lossgui does not know; it reads "
            f"{', '.join(sorted(known - {'training'}))}"
        )


def _param_value(param: ParamSpec, value: object) -> Any:
    """A parameter's value as the document stores it (tensors as arrays)."""
    if param.kind == "tensor":
        return None if value is None else to_array(value, param.name)
    if param.name == "distance_function":
        return distance_name(value)
    return _scalar(value)


def _read_module(
    spec: LossSpec, module: Any, skip: Mapping[str, Any]
) -> dict[str, Any]:
    """The module's arguments (those not in ``skip``), by torch's names."""
    _check_module_state(spec, module)
    values: dict[str, Any] = {"reduction": str(module.reduction)}
    if spec.name in _MODULE_READERS:
        read = _MODULE_READERS[spec.name][1](module)
        values |= {k: v for k, v in read.items() if k not in skip}
    for param in spec.params:
        if param.functional_only or param.name in skip or param.name in values:
            continue
        if not hasattr(module, param.name):
            raise UnsupportedLossError(
                f"the {spec.name} module has no '{param.name}' attribute; this "
                "torch version is not one lossgui knows"
            )
        values[param.name] = _param_value(param, getattr(module, param.name))
    return values


def _keywords(spec: LossSpec, kwargs: Mapping[str, Any]) -> dict[str, Any]:
    """Keyword arguments checked and converted; the legacy pair folded in."""
    known = {p.name: p for p in spec.params}
    values: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key in known:
            values[key] = _param_value(known[key], value)
        elif key == "reduction":
            values[key] = str(value)
        elif key not in ("size_average", "reduce") or not spec.legacy_args:
            names = ", ".join(["reduction", *known])
            raise TypeError(
                f"{spec.name} got an unexpected keyword argument '{key}' "
                f"(it takes: {names})"
            )
    if "size_average" in kwargs or "reduce" in kwargs:
        values["reduction"], _ = legacy_reduction(
            kwargs.get("size_average"),
            kwargs.get("reduce"),
            str(values.get("reduction", spec.default_reduction)),
        )
    return values


def read_loss(loss: object, kwargs: Mapping[str, Any] | None = None) -> LossCall:
    """The loss and its constructor arguments.

    Parameters
    ----------
    loss : torch.nn.Module, type, str or function
        A torch loss module (its arguments are read from it), a loss class
        (``nn.CrossEntropyLoss``), its name (``"CrossEntropyLoss"``,
        ``"sigmoid_focal_loss"``, or a loss lossgui adds beyond torch), or
        torchvision's function ``sigmoid_focal_loss``.
    kwargs : mapping, optional
        Constructor arguments as :func:`lossgui.engine.compute` takes them;
        with a module they override what is read from it (e.g. the
        functional-only ``weight=`` of ``L1Loss``).

    Returns
    -------
    LossCall

    Raises
    ------
    UnsupportedLossError
        For a loss or an argument the engine cannot express, naming it.
    TypeError
        For a ``loss`` of the wrong type or an unknown keyword argument.
    ValueError
        For an unknown loss name or distance name.
    """
    name, module = _loss_name(loss)
    spec = LOSSES[name]
    given = _keywords(spec, kwargs or {})
    values: dict[str, Any] = {p.name: p.default for p in spec.params}
    values["reduction"] = spec.default_reduction
    if module is not None:
        values |= _read_module(spec, module, given)
    values |= given
    reduction = str(values.pop("reduction"))
    kinds = {p.name: p.kind for p in spec.params}
    return LossCall(
        name=name,
        reduction=reduction,
        params={k: v for k, v in values.items() if kinds[k] != "tensor"},
        tensors={
            k: v for k, v in values.items() if kinds[k] == "tensor" and v is not None
        },
    )
