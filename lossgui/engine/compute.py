"""``compute(name, *tensors, **kwargs)``: the engine's one public entry point."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np

from lossgui.engine.errors import LossInputError
from lossgui.engine.reduction import check_reduction, legacy_reduction, reduce_terms
from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.engine.result import LossResult
from lossgui.engine.tensors import as_tensor

__all__ = ["compute", "resolve_params"]

_LEGACY = ("size_average", "reduce")


def _spec(name: str) -> LossSpec:
    try:
        return LOSSES[name]
    except KeyError:
        raise LossInputError(
            f"module 'torch.nn' has no attribute '{name}'", "AttributeError"
        ) from None


def _callee(spec: LossSpec, method: str) -> str:
    """The callable's name as Python's argument errors print it.

    ``CTCLoss.__init__`` or ``CTCLoss.forward`` for a torch module; the bare
    name for a plain function (torchvision's ``sigmoid_focal_loss``).
    """
    return spec.name if spec.name[:1].islower() else f"{spec.name}.{method}"


#: torch.nn losses without an ``__init__`` of their own: Python names the
#: inherited one in argument errors (``_Loss.__init__() got an unexpected ...``).
_INHERITED_INIT = {
    "BCELoss": "_WeightedLoss",
    "MultiLabelSoftMarginLoss": "_WeightedLoss",
    "L1Loss": "_Loss",
    "MSELoss": "_Loss",
    "SoftMarginLoss": "_Loss",
    "MultiLabelMarginLoss": "_Loss",
}


def _check_keywords(spec: LossSpec, kwargs: dict[str, Any]) -> None:
    """Raise torch's ``TypeError`` for a keyword the loss does not take.

    Torch builds the module (or binds a function's arguments) before it looks
    at any tensor, so this error comes first: ``HuberLoss(size_average=True)``
    fails in ``__init__`` whatever the tensors are.
    """
    known = {p.name for p in spec.params} | {"reduction"}
    if spec.legacy_args:
        known |= set(_LEGACY)
    for key in kwargs:
        if key not in known:
            raise LossInputError(
                f"{_INHERITED_INIT.get(spec.name, spec.name)}.__init__() got an "
                f"unexpected keyword argument '{key}'"
                if spec.name[:1].isupper()
                else f"{spec.name}() got an unexpected keyword argument '{key}'",
                "TypeError",
            )


def resolve_params(
    spec: LossSpec, kwargs: dict[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """Fill in defaults and apply the legacy reduction override.

    Parameters
    ----------
    spec : LossSpec
        The loss being called.
    kwargs : dict
        The caller's constructor arguments.

    Returns
    -------
    tuple
        The full parameter dict (``reduction`` included, validated) and the
        warnings torch would emit.

    Raises
    ------
    LossInputError
        For an unknown keyword (``TypeError``) or a bad reduction
        (``ValueError``), with torch's text.
    """
    _check_keywords(spec, kwargs)
    params = spec.defaults
    params.update({k: v for k, v in kwargs.items() if k not in _LEGACY})
    warnings: tuple[str, ...] = ()
    if spec.legacy_args:
        effective, warnings = legacy_reduction(
            kwargs.get("size_average"), kwargs.get("reduce"), params["reduction"]
        )
        params["reduction"] = effective
    if spec.reduction_check is not None:
        reduction, more = spec.reduction_check(params["reduction"], params)
    else:
        reduction, more = check_reduction(
            params["reduction"],
            spec.reductions,
            message=spec.reduction_error,
            accepts_elementwise_mean=spec.accepts_elementwise_mean,
        )
    params["reduction"] = reduction
    for p in spec.params:
        if p.kind == "tensor" and params[p.name] is not None:
            params[p.name] = as_tensor(params[p.name])
    return params, warnings + more


def _input_check_first(
    spec: LossSpec, tensors: tuple[object, ...], kwargs: dict[str, Any]
) -> None:
    """Raise the tensor error torch reports before it validates ``reduction``.

    Only for losses with :attr:`LossSpec.input_check` (torch's Python
    functionals broadcast input and target before looking at the reduction);
    does nothing when the tensors pass or the parameters themselves are bad.
    """
    if spec.input_check is None or "reduction" not in kwargs:
        return
    probe = {k: v for k, v in kwargs.items() if k not in _LEGACY}
    probe["reduction"] = "none"
    try:
        params, _ = resolve_params(spec, probe)
        arrays = tuple(as_tensor(t) for t in tensors)
    except LossInputError:
        return
    with np.errstate(all="ignore"):
        spec.input_check(arrays, params)


def compute(name: str, *tensors: object, **kwargs: Any) -> LossResult:
    """Compute a torch loss, its reduction and its gradient with NumPy.

    Parameters
    ----------
    name : str
        The torch class name, e.g. ``"CrossEntropyLoss"`` (see :data:`LOSSES`).
    *tensors : array_like
        The tensors of the module's ``forward``, in torch's order. Nested
        Python lists follow ``torch.tensor``'s dtype rules (floats -> float32,
        ints -> int64).
    **kwargs
        The module's constructor arguments, same names and defaults as torch.

    Returns
    -------
    LossResult
        ``value`` as the torch module returns it and ``grad`` =
        ``d sum(value) / d tensors[0]``.

    Raises
    ------
    LossInputError
        For every input torch rejects, with torch's message.

    Examples
    --------
    >>> r = compute("BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 0.0, 0.0])
    >>> round(float(r.value), 4)
    1.0828
    """
    spec = _spec(name)
    _check_keywords(spec, kwargs)  # the constructor runs before forward
    expected = len(spec.forward)
    if len(tensors) < expected:
        missing = [arg.name for arg in spec.forward[len(tensors) :]]
        names = " and ".join(f"'{m}'" for m in missing)
        plural = "s" if len(missing) > 1 else ""
        raise LossInputError(
            f"{_callee(spec, 'forward')}() missing {len(missing)} required positional "
            f"argument{plural}: {names}",
            "TypeError",
        )
    if len(tensors) > expected:
        raise LossInputError(
            f"{spec.name}.forward() takes {expected + 1} positional arguments but "
            f"{len(tensors) + 1} were given",
            "TypeError",
        )
    try:
        params, warnings = resolve_params(spec, dict(kwargs))
    except LossInputError:
        _input_check_first(spec, tensors, kwargs)
        raise
    arrays = tuple(as_tensor(t) for t in tensors)
    with np.errstate(all="ignore"):
        terms = spec.function(arrays, params)
        result = reduce_terms(terms, params["reduction"])
        if spec.finish is not None:
            result = spec.finish(result, arrays, params)
    if warnings:
        result = replace(result, warnings=warnings + result.warnings)
    return result
