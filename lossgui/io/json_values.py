"""Numbers and tensors in JSON: nested lists out, strictly checked arrays in.

Standard JSON has no NaN or infinity, so lossgui writes non-finite values
as the strings ``"nan"``, ``"inf"`` and ``"-inf"``; every other number is a
JSON number (floats by their shortest round-trip ``repr``, class indices as
integers). Reading accepts those three strings, and also the bare ``NaN`` /
``Infinity`` / ``-Infinity`` literals Python's :mod:`json` writes, and nothing
else: a tensor must be a rectangular nested list of numbers, no deeper than
its slot allows and no larger than :data:`MAX_ELEMENTS`. :func:`decode_array`
also takes the ndarray a binary container (:mod:`lossgui.io.session_binary`)
loaded in place of a nested list, checking its dimensions and dtype the same
way (up to :data:`~lossgui.io.npy_zip.MAX_BINARY_ELEMENTS` values), and
:func:`peek_shape` gives such an array's shape before it is converted.

Examples
--------
>>> encode_array(np.array([1.5, np.nan, -np.inf]))
[1.5, 'nan', '-inf']
>>> decode_array([[1, "inf"], [2.5, 0]], "input").tolist()
[[1.0, inf], [2.5, 0.0]]
"""

from __future__ import annotations

import math
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.npy_zip import MAX_BINARY_ELEMENTS
from lossgui.io.text_parse import MAX_ELEMENTS
from lossgui.session.storage import stored_float

__all__ = [
    "NONFINITE",
    "decode_array",
    "decode_number",
    "encode_array",
    "encode_number",
    "json_type",
    "peek_shape",
]

Array = npt.NDArray[Any]
#: The strings that stand for non-finite floats.
NONFINITE: dict[str, float] = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type (for error messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, np.ndarray):
        return f"a {value.ndim}-D {value.dtype.name} array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def encode_number(value: float | int) -> float | int | str:
    """A number for JSON: ints and finite floats as-is, non-finite as strings."""
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    number = float(value)
    if math.isnan(number):
        return "nan"
    if math.isinf(number):
        return "inf" if number > 0 else "-inf"
    return number


def decode_number(value: object, what: str) -> float:
    """Read a float written by :func:`encode_number` (ints accepted).

    Raises
    ------
    FileFormatError
        For anything but a number or one of the :data:`NONFINITE` strings.
    """
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FileFormatError(
            translate(
                "io",
                "{what} must be a number, not {json_type}",
            ).format(what=what, json_type=json_type(value))
        )
    if isinstance(value, str):
        if value not in NONFINITE:
            raise FileFormatError(
                translate(
                    "io",
                    "{what} must be a number; the only strings allowed are 'nan', "
                    "'inf' and '-inf', not '{value}'",
                ).format(what=what, value=value[:20])
            )
        return NONFINITE[value]
    try:
        return float(value)
    except OverflowError:
        raise FileFormatError(
            translate(
                "io",
                "{what} is too large for a float",
            ).format(what=what)
        ) from None


def encode_array(array: npt.ArrayLike) -> Any:
    """A tensor as nested lists: integers stay integers, non-finite become strings."""
    values = np.asarray(array)
    if values.dtype.kind in "iub":
        return values.astype(np.int64).tolist()
    floats = values.astype(np.float64)
    finite = np.isfinite(floats)
    if finite.all():
        return floats.tolist()
    objects = floats.astype(object)
    objects[np.isnan(floats)] = "nan"
    objects[floats == math.inf] = "inf"
    objects[floats == -math.inf] = "-inf"
    return objects.tolist()


def _too_deep(name: str, max_ndim: int) -> FileFormatError:
    return FileFormatError(
        translate(
            "io",
            "'{name}' is nested deeper than {max_ndim} level{value} (lossgui tensors "
            "have at most {max_ndim} dimension{value})",
        ).format(name=name, max_ndim=max_ndim, value="s" if max_ndim > 1 else "")
    )


def _shape(value: object, name: str, max_ndim: int) -> tuple[int, ...]:
    """The shape implied by the first element at each level."""
    shape: list[int] = []
    node = value
    while isinstance(node, list):
        if len(shape) >= max_ndim:
            raise _too_deep(name, max_ndim)
        shape.append(len(node))
        if not node:
            break
        node = node[0]
    if not shape:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' must be a list of numbers, not {json_type}",
            ).format(name=name, json_type=json_type(value))
        )
    return tuple(shape)


def _flatten(value: list[Any], shape: tuple[int, ...], name: str) -> list[Any]:
    """Every leaf in row-major order, checking that each level is rectangular."""
    level: list[Any] = [value]
    for depth, size in enumerate(shape):
        children: list[Any] = []
        for position, item in enumerate(level):
            if not isinstance(item, list):
                raise FileFormatError(
                    translate(
                        "io",
                        "'{name}' mixes numbers and lists at depth {depth} (a tensor "
                        "must be rectangular)",
                    ).format(name=name, depth=depth)
                )
            if len(item) != size:
                where = f"row {position}" if depth == 1 else f"a list at depth {depth}"
                raise FileFormatError(
                    translate(
                        "io",
                        "'{name}' is not rectangular: {where} has {n_item} values, "
                        "the first has {size}",
                    ).format(name=name, where=where, n_item=len(item), size=size)
                )
            children.extend(item)
        level = children
    return level


def _leaf_error(name: str, leaf: object, kind: str) -> FileFormatError:
    if isinstance(leaf, list):
        return FileFormatError(
            translate(
                "io",
                "'{name}' is not rectangular (lists nested unevenly)",
            ).format(name=name)
        )
    if kind == "index":
        return FileFormatError(
            translate(
                "io",
                "'{name}' holds class indices: whole numbers expected, found "
                "{json_type} ({leaf!r})",
            ).format(name=name, json_type=json_type(leaf), leaf=str(leaf)[:20])
        )
    return FileFormatError(
        translate(
            "io",
            "'{name}' must hold numbers ('nan', 'inf', '-inf' allowed as strings); "
            "found {json_type} ({leaf!r})",
        ).format(name=name, json_type=json_type(leaf), leaf=str(leaf)[:20])
    )


def _numbers(leaves: list[Any], name: str, kind: str) -> Array:
    types = set(map(type, leaves))
    if kind == "index":
        if types - {int}:
            bad = next(x for x in leaves if type(x) is not int)
            raise _leaf_error(name, bad, kind)
        try:
            return np.array(leaves, dtype=np.int64)
        except OverflowError:
            raise FileFormatError(
                translate(
                    "io",
                    "'{name}' holds a class index beyond 64 bits",
                ).format(name=name)
            ) from None
    if types - {int, float, str}:
        bad = next(x for x in leaves if type(x) not in (int, float, str))
        raise _leaf_error(name, bad, kind)
    if str in types:
        bad_text = next(
            (x for x in leaves if type(x) is str and x not in NONFINITE), None
        )
        if bad_text is not None:
            raise _leaf_error(name, bad_text, kind)
        leaves = [NONFINITE[x] if type(x) is str else x for x in leaves]
    try:
        return np.array(leaves, dtype=np.float64)
    except OverflowError:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' holds a number too large for a float",
            ).format(name=name)
        ) from None


def decode_array(
    value: object,
    name: str,
    *,
    kind: Literal["float", "index"] = "float",
    max_ndim: int = 2,
    max_elements: int | None = None,
    scalar: bool = False,
) -> Array:
    """A nested list of numbers as an array (float64, or int64 for indices).

    Parameters
    ----------
    value : object
        The decoded JSON value.
    name : str
        The tensor's name, for messages.
    kind : {"float", "index"}
        Real values, or whole numbers (class indices).
    max_ndim : int
        The deepest nesting accepted.
    max_elements : int, optional
        The most numbers accepted (:data:`MAX_ELEMENTS` by default).
    scalar : bool
        The tensor is one number (0-d), written as a bare JSON number.

    Raises
    ------
    FileFormatError
        Naming the tensor and what is wrong with it.
    """
    if isinstance(value, np.ndarray):
        limit = MAX_BINARY_ELEMENTS if max_elements is None else max_elements
        return _from_array(value, name, kind, max_ndim, limit, scalar)
    limit = MAX_ELEMENTS if max_elements is None else max_elements
    if scalar:
        if isinstance(value, list | dict):
            raise FileFormatError(
                translate(
                    "io",
                    "'{name}' is one number, not {json_type} (write 6, not [6])",
                ).format(name=name, json_type=json_type(value))
            )
        return _numbers([value], name, kind).reshape(())
    shape = _shape(value, name, max_ndim)
    count = math.prod(shape)
    if count == 0:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' is empty (shape {shape})",
            ).format(name=name, shape=shape)
        )
    if count > limit:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' has {count:,} values (shape {shape}); the limit is {limit:,}",
            ).format(name=name, count=count, shape=shape, limit=limit)
        )
    assert isinstance(value, list)  # _shape checked it
    leaves = _flatten(value, shape, name)
    return _numbers(leaves, name, kind).reshape(shape)


def _from_array(
    array: Array, name: str, kind: str, max_ndim: int, limit: int, scalar: bool
) -> Array:
    """A loaded binary tensor, checked like a nested list (see :func:`stored_float`)."""
    if scalar:
        if array.ndim:
            raise FileFormatError(
                translate(
                    "io",
                    "'{name}' is one number, not an array of shape {array_shape}",
                ).format(name=name, array_shape=array.shape)
            )
    elif array.ndim == 0:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' must be a list of numbers, not one number",
            ).format(name=name)
        )
    elif array.ndim > max_ndim:
        raise _too_deep(name, max_ndim)
    elif array.size == 0:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' is empty (shape {array_shape})",
            ).format(name=name, array_shape=array.shape)
        )
    if array.size > limit:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' has {array_size:,} values (shape {array_shape}); the limit "
                "is {limit:,}",
            ).format(
                name=name, array_size=array.size, array_shape=array.shape, limit=limit
            )
        )
    if kind == "index":
        if array.dtype.kind not in "iu":
            raise FileFormatError(
                translate(
                    "io",
                    "'{name}' holds class indices: whole numbers expected, found "
                    "{array_dtype_name} values",
                ).format(name=name, array_dtype_name=array.dtype.name)
            )
        return array.astype(np.int64, copy=False)
    if array.dtype.kind != "f":
        raise FileFormatError(
            translate(
                "io",
                "'{name}' must hold floats, not {array_dtype_name} values",
            ).format(name=name, array_dtype_name=array.dtype.name)
        )
    return stored_float(array, owned=True)  # (a fresh array from the reader)


def peek_shape(
    value: object,
    *,
    kind: Literal["float", "index"] = "float",
    max_ndim: int = 2,
    max_elements: int | None = None,
) -> tuple[int, ...] | None:
    """The shape :func:`decode_array` will return, when known without converting.

    Only a loaded ndarray that decodes without error (not empty, within the
    limits, of a dtype of the right kind) has a known shape; for anything
    else (nested lists are checked as they are converted), None.
    """
    if not isinstance(value, np.ndarray):
        return None
    limit = MAX_BINARY_ELEMENTS if max_elements is None else max_elements
    if not 0 < value.ndim <= max_ndim or not 0 < value.size <= limit:
        return None
    if value.dtype.kind not in ("iu" if kind == "index" else "f"):
        return None
    return tuple(int(size) for size in value.shape)
