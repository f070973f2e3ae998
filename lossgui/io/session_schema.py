"""Checking a decoded session file key by key and building the document.

:func:`document_from_dict` is the strict half of :mod:`lossgui.io.session_file`:
every value is checked for its JSON type, every name against the loss in
:data:`~lossgui.engine.LOSSES`, and every tensor's shape against the shapes
the document's grids hold (:mod:`lossgui.session.layout`). The first problem
raises :class:`~lossgui.io.errors.FileFormatError` naming the key.
"""

from __future__ import annotations

import difflib
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES, LossSpec, ParamSpec
from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.json_values import (
    decode_array,
    decode_number,
    json_type,
    peek_shape,
)
from lossgui.session.document import DTYPES, INPUT_MODES, SessionDocument
from lossgui.session.examples import default_param_tensors, default_scalar_params
from lossgui.session.layout import (
    Slot,
    forward_slots,
    has_class_dim,
    param_slots,
    shape_for,
    stored_target_modes,
)

__all__ = ["KNOWN_KEYS", "document_from_dict"]

Array = npt.NDArray[Any]
#: Every top-level key a version-1 session may have.
KNOWN_KEYS = (
    "format",
    "version",
    "lossgui_version",
    "loss",
    "reduction",
    "dtype",
    "input_mode",
    "target_mode",
    "params",
    "tensors",
    "optional_tensors",
    "example",
    "autosave",
)


def _text(
    data: dict[str, Any], key: str, choices: tuple[str, ...], default: str
) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise FileFormatError(
            translate(
                "io",
                "'{key}' must be a string, not {json_type}",
            ).format(key=key, json_type=json_type(value))
        )
    if value not in choices:
        raise FileFormatError(
            f"'{key}' is '{value[:40]}'; expected one of " + ", ".join(choices)
        )
    return value


def _object(data: dict[str, Any], key: str, required: bool = False) -> dict[str, Any]:
    if key not in data:
        if required:
            raise FileFormatError(
                translate(
                    "io",
                    "the session has no '{key}'",
                ).format(key=key)
            )
        return {}
    value = data[key]
    if not isinstance(value, dict):
        raise FileFormatError(
            translate(
                "io",
                "'{key}' must be an object, not {json_type}",
            ).format(key=key, json_type=json_type(value))
        )
    return value


def _loss(data: dict[str, Any]) -> LossSpec:
    if "loss" not in data:
        raise FileFormatError(translate("io", "the session has no 'loss'"))
    name = data["loss"]
    if not isinstance(name, str):
        raise FileFormatError(
            translate(
                "io",
                "'loss' must be a string, not {json_type}",
            ).format(json_type=json_type(name))
        )
    if name not in LOSSES:
        close = difflib.get_close_matches(name, list(LOSSES), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise FileFormatError(
            translate(
                "io",
                "unknown loss '{name}'{hint}",
            ).format(name=name[:60], hint=hint)
        )
    return LOSSES[name]


def _param_value(param: ParamSpec, value: object) -> Any:
    what = f"parameter '{param.name}'"
    if param.kind == "bool":
        if not isinstance(value, bool):
            raise FileFormatError(
                translate(
                    "io",
                    "{what} must be true or false, not {json_type}",
                ).format(what=what, json_type=json_type(value))
            )
        return value
    if param.kind == "int":
        if value is None and param.default is None:  # torch's None (ignore_index)
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            raise FileFormatError(
                translate(
                    "io",
                    "{what} must be a whole number, not {json_type}",
                ).format(what=what, json_type=json_type(value))
            )
        return value
    if param.kind == "choice":
        if value not in param.choices:
            raise FileFormatError(
                f"{what} is {str(value)[:40]!r}; expected one of "
                + ", ".join(param.choices)
            )
        return value
    return decode_number(value, what)


def _params(spec: LossSpec, data: dict[str, Any]) -> dict[str, Any]:
    given = _object(data, "params")
    scalars = {p.name: p for p in spec.params if p.kind != "tensor"}
    params = default_scalar_params(spec)
    for name, value in given.items():
        if name not in scalars:
            known = ", ".join(scalars) or "none"
            raise FileFormatError(
                translate(
                    "io",
                    "{spec_name} has no parameter '{name}' (its parameters: {known})",
                ).format(spec_name=spec.name, name=name[:40], known=known)
            )
        params[name] = _param_value(scalars[name], value)
    return params


def _first_shape(spec: LossSpec, slot: Slot, shape: tuple[int, ...]) -> tuple[int, int]:
    """``(N, C)`` from the first tensor's shape, checking the form the grid needs."""
    if has_class_dim(spec):
        if len(shape) != 2:
            raise FileFormatError(
                translate(
                    "io",
                    "'{slot_name}' of {spec_name} must be 2-D (N rows, C columns); "
                    "it has shape {shape}",
                ).format(slot_name=slot.name, spec_name=spec.name, shape=shape)
            )
        return int(shape[0]), int(shape[1])
    if len(shape) == 2 and shape[1] == 1:
        raise FileFormatError(
            translate(
                "io",
                "a one-column '{slot_name}' is stored as a vector: write [a, b, "
                "c], not [[a], [b], [c]]",
            ).format(slot_name=slot.name)
        )
    return int(shape[0]), int(shape[1]) if len(shape) == 2 else 1


def _check_shape(
    slot: Slot, shape: tuple[int, ...], expected: tuple[int, ...], first: str
) -> None:
    if shape != expected:
        raise FileFormatError(
            translate(
                "io",
                "'{slot_name}' has shape {shape}, but with '{first}' of this "
                "session it must have shape {expected}",
            ).format(slot_name=slot.name, shape=shape, first=first, expected=expected)
        )


def _precheck(
    spec: LossSpec, slots: tuple[Slot, ...], given: dict[str, Any], outputs: int
) -> None:
    """Refuse shapes that cannot fit before converting any tensor.

    The shapes of tensors still in text form (:func:`peek_shape`) are checked
    in the order :func:`_tensors` checks them, stopping at the first tensor
    whose shape is unknown until it is decoded (and would then raise the
    same error first), so the message is the one the full decode gives.
    """
    first = slots[0]
    shape = peek_shape(given[first.name], kind=first.kind)
    if shape is None:
        return
    rows, columns = _first_shape(spec, first, shape)
    for slot in slots[1:]:
        if slot.role == "scalar":
            return
        shape = peek_shape(given[slot.name], kind=slot.kind)
        if shape is None:
            return
        length = outputs if slot.role == "row_outputs" else int(shape[0])
        expected = shape_for(slot.role, rows, columns, has_class_dim(spec), length)
        _check_shape(slot, shape, expected, first.name)


def _outputs(spec: LossSpec, optional: dict[str, Any]) -> int:
    """A linear layer's ``K``: its stored weight's rows, else the example's (or 1)."""
    for slot in param_slots(spec):
        if slot.role != "matrix":
            continue
        entry = optional.get(slot.name)
        if isinstance(entry, dict) and "values" in entry:
            shape = peek_shape(entry["values"], kind=slot.kind)
            if shape is None:
                shape = decode_array(entry["values"], slot.name, kind=slot.kind).shape
            if len(shape) == 2:
                return int(shape[0])
        return int(default_param_tensors(spec, 1, 1)[slot.name].shape[0])
    return 1


def _tensors(
    spec: LossSpec, data: dict[str, Any], target_mode: Any
) -> tuple[dict[str, Array], dict[str, Array], dict[str, bool]]:
    given = _object(data, "tensors", required=True)
    slots = forward_slots(spec, target_mode)
    names = [slot.name for slot in slots]
    for name in given:
        if name not in names:
            raise FileFormatError(
                translate(
                    "io",
                    "'tensors' has '{name}', which {spec_name} does not take (it "
                    "takes {names_list})",
                ).format(
                    name=name[:40], spec_name=spec.name, names_list=", ".join(names)
                )
            )
    for name in names:
        if name not in given:
            raise FileFormatError(
                translate(
                    "io",
                    "'tensors' has no '{name}' (needed by {spec_name})",
                ).format(name=name, spec_name=spec.name)
            )
    optional = _object(data, "optional_tensors")
    outputs = _outputs(spec, optional)
    _precheck(spec, slots, given, outputs)
    first = slots[0]
    first_array = decode_array(given[first.name], first.name, kind=first.kind)
    rows, columns = _first_shape(spec, first, first_array.shape)
    class_dim = has_class_dim(spec)
    tensors = {first.name: first_array}
    for slot in slots[1:]:
        array = decode_array(
            given[slot.name], slot.name, kind=slot.kind, scalar=slot.role == "scalar"
        )
        length = int(array.shape[0]) if array.ndim else 0  # a sequence's own S
        if slot.role == "row_outputs":
            length = outputs  # a linear layer's K
        expected = shape_for(slot.role, rows, columns, class_dim, length)
        _check_shape(slot, array.shape, expected, first.name)
        tensors[slot.name] = array
    extras = {slot.name: slot for slot in param_slots(spec)}
    tensor_params = default_param_tensors(spec, rows, columns, outputs)
    enabled = dict.fromkeys(tensor_params, False)
    for name, entry in optional.items():
        if name not in extras:
            known = ", ".join(extras) or "none"
            raise FileFormatError(
                translate(
                    "io",
                    "{spec_name} has no optional tensor '{name}' (it has: {known})",
                ).format(spec_name=spec.name, name=name[:40], known=known)
            )
        if not isinstance(entry, dict) or set(entry) - {"enabled", "values"}:
            raise FileFormatError(
                translate(
                    "io",
                    "optional tensor '{name}' must be an object with 'enabled' and "
                    "'values'",
                ).format(name=name)
            )
        flag = entry.get("enabled", False)
        if not isinstance(flag, bool):
            raise FileFormatError(
                translate(
                    "io",
                    "'{name}.enabled' must be true or false",
                ).format(name=name)
            )
        enabled[name] = flag
        if "values" in entry:
            slot = extras[name]
            expected = shape_for(slot.role, rows, columns, class_dim, outputs)
            shape = peek_shape(entry["values"], kind=slot.kind)
            if shape is not None:  # refused before converting
                _check_shape(slot, shape, expected, first.name)
            array = decode_array(entry["values"], name, kind=slot.kind)
            _check_shape(slot, array.shape, expected, first.name)
            tensor_params[name] = array
    return tensors, tensor_params, enabled


def document_from_dict(data: dict[str, Any]) -> SessionDocument:
    """Build a :class:`SessionDocument` from a decoded, version-checked session.

    Raises
    ------
    FileFormatError
        For unknown keys, wrong types, an unknown loss, reduction, parameter
        or tensor, or a tensor whose shape does not fit the loss.
    """
    unknown = [key for key in data if key not in KNOWN_KEYS]
    if unknown:
        raise FileFormatError(
            f"unknown key '{str(unknown[0])[:40]}' in the session (known keys: "
            + ", ".join(KNOWN_KEYS)
            + ")"
        )
    spec = _loss(data)
    reduction = _text(data, "reduction", spec.reductions, spec.default_reduction)
    dtype = _text(data, "dtype", DTYPES, "float32")
    input_mode = _text(data, "input_mode", INPUT_MODES, "logits")
    target_mode = _text(data, "target_mode", stored_target_modes(spec), "index")
    params = _params(spec, data)
    tensors, tensor_params, enabled = _tensors(spec, data, target_mode)
    return SessionDocument(
        loss=spec.name,
        reduction=reduction,
        params=params,
        tensors={k: np.asarray(v, order="C") for k, v in tensors.items()},
        tensor_params=tensor_params,
        enabled=enabled,
        dtype=dtype,  # type: ignore[arg-type]
        input_mode=input_mode,  # type: ignore[arg-type]
        target_mode=target_mode,  # type: ignore[arg-type]
    )
