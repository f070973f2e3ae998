"""Putting arrays from a model's saved outputs into a document.

:func:`assign_arrays` replaces some of a document's tensors by arrays (from
``.npy``/``.npz``/``.pt``/CSV files, or pasted text) and returns the new
document; :func:`document_from_arrays` builds one for a loss from scratch
(the ``lossgui export --loss ... --input ...`` command). Both check what a
user can get wrong and say so in a :class:`~lossgui.io.errors.FileFormatError`:
a shape that does not fit the loss, fractional class indices, an array that
is all NaN, more than two dimensions. Values torch itself rejects (a class
index out of range, a probability above 1) are left for the engine, which
reports them exactly as torch does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.engine.registry import LOSSES
from lossgui.i18n import QT_TRANSLATE_NOOP, translate
from lossgui.io.errors import FileFormatError
from lossgui.session.convert import new_document, switch_target_mode
from lossgui.session.document import SessionDocument
from lossgui.session.layout import (
    Slot,
    TargetMode,
    shape_for,
    target_modes,
    target_name,
)
from lossgui.session.storage import stored_float

__all__ = ["assign_arrays", "document_from_arrays", "shape_text"]

Array = npt.NDArray[Any]


def shape_text(shape: tuple[int, ...]) -> str:
    """``(3,)``, ``(3, 5)``: a shape as Python prints it."""
    return str(tuple(int(s) for s in shape))


def _numeric(name: str, value: npt.ArrayLike) -> Array:
    array = np.asarray(value)
    if array.dtype.kind not in "biuf":
        raise FileFormatError(
            translate(
                "session", "'{name}' holds {dtype} values; lossgui needs numbers"
            ).format(name=name, dtype=array.dtype)
        )
    if array.size == 0:
        raise FileFormatError(
            translate("session", "'{name}' is empty (shape {shape})").format(
                name=name, shape=shape_text(array.shape)
            )
        )
    while array.ndim > 2 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim > 2:
        raise FileFormatError(
            translate(
                "session",
                "'{name}' has {ndim} dimensions {shape}; "
                "lossgui's grids hold (N,) or (N, C): reshape it first",
            ).format(name=name, ndim=array.ndim, shape=shape_text(array.shape))
        )
    if array.ndim == 0:
        array = array.reshape(1)
    if array.dtype.kind == "f" and np.isnan(array).all():
        raise FileFormatError(
            translate(
                "session",
                "every value of '{name}' is NaN: the file holds no usable numbers",
            ).format(name=name)
        )
    return array


def _indices(name: str, array: Array) -> Array:
    if array.dtype.kind in "biu":
        return array.astype(np.int64)
    bad = ~np.isfinite(array) | (array != np.round(array))
    if bad.any():
        position = tuple(int(i) for i in np.argwhere(bad)[0])
        where = position[0] if len(position) == 1 else position
        raise FileFormatError(
            translate(
                "session",
                "'{name}' must hold whole class indices (integers); "
                "value {value} at {where} is not",
            ).format(name=name, value=repr(array[position].item()), where=where)
        )
    if np.abs(array).max() >= 2**63:
        raise FileFormatError(
            translate("session", "'{name}' holds class indices beyond 64 bits").format(
                name=name
            )
        )
    return array.astype(np.int64)


def _fit(name: str, array: Array, slot: Slot, expected: tuple[int, ...]) -> Array:
    """``array`` in the slot's shape: exact, squeezed, or broadcast (floats)."""
    if array.shape == expected:
        return array
    squeezed = tuple(size for size in expected if size != 1)
    if array.size == int(np.prod(expected)) and array.squeeze().shape == squeezed:
        return array.reshape(expected)
    if slot.kind == "float" and slot.role == "grid":
        try:
            return np.broadcast_to(array, expected).copy()
        except ValueError:
            pass
    what = {
        "rows": QT_TRANSLATE_NOOP("session", "one value per sample"),
        "classes": QT_TRANSLATE_NOOP("session", "one value per class"),
        "grid": QT_TRANSLATE_NOOP("session", "the shape of the first tensor"),
        "sequence": QT_TRANSLATE_NOOP("session", "one label sequence"),
        "scalar": QT_TRANSLATE_NOOP("session", "one number"),
        "matrix": QT_TRANSLATE_NOOP(
            "session", "a linear layer's weight (K outputs, one column per grid column)"
        ),
        "outputs": QT_TRANSLATE_NOOP(
            "session", "one value per output of the linear layer"
        ),
        "row_outputs": QT_TRANSLATE_NOOP(
            "session", "one value per sample and output of the linear layer"
        ),
    }[slot.role]
    raise FileFormatError(
        translate(
            "session", "'{name}' has shape {shape}, but it needs {needed} ({what})"
        ).format(
            name=name,
            shape=shape_text(array.shape),
            needed=shape_text(expected),
            what=translate("session", what),
        )
    )


def _first(doc: SessionDocument, array: Array) -> Array:
    name = doc.first_name
    if array.ndim == 2 and array.shape[1] == 1 and not doc.class_dim:
        array = array[:, 0]
    if doc.class_dim and array.ndim == 1:
        raise FileFormatError(
            translate(
                "session",
                "'{name}' of {loss} must be 2-D (N samples, C classes); "
                "got a vector of {size} values",
            ).format(name=name, loss=doc.loss, size=f"{array.shape[0]:,}")
        )
    return stored_float(array)


def _auto_target_mode(doc: SessionDocument, arrays: Mapping[str, Array]) -> None:
    """CrossEntropyLoss: a 2-D float target means probabilities, 1-D indices."""
    name = target_name(doc.spec)
    if name is None or name not in arrays or not target_modes(doc.spec):
        return
    wide = arrays[name].ndim == 2 and arrays[name].shape[1] > 1
    mode: TargetMode = "probability" if wide else "index"
    if mode != doc.target_mode:
        doc.assign(switch_target_mode(doc, mode))


def assign_arrays(
    doc: SessionDocument, arrays: Mapping[str, npt.ArrayLike]
) -> SessionDocument:
    """A copy of ``doc`` with the named tensors replaced.

    Parameters
    ----------
    doc : SessionDocument
        The document (unchanged).
    arrays : mapping
        Torch argument names (``"input"``, ``"target"``, ``"weight"``, ...)
        to arrays. A new first tensor sets ``N`` and ``C`` (the other tensors
        are padded or cut to fit); optional tensors given are switched on.

    Raises
    ------
    FileFormatError
        For an unknown name, an array that does not fit, fractional class
        indices, an all-NaN array or one with more than two dimensions.
    """
    new = doc.copy()
    names = {slot.name for slot in new.slots()}
    for name in arrays:
        if name not in names:
            known = ", ".join(slot.name for slot in new.slots())
            raise FileFormatError(
                translate(
                    "session", "{loss} has no tensor '{name}' (it has: {known})"
                ).format(loss=new.loss, name=name, known=known)
            )
    checked = {name: _numeric(name, value) for name, value in arrays.items()}
    _auto_target_mode(new, checked)
    first = new.first_name
    if first in checked:
        grid = _first(new, checked[first])
        new.resize(grid.shape[0], grid.shape[1] if grid.ndim == 2 else 1)
        new.tensors[first] = np.ascontiguousarray(grid)
    for slot in new.slots():  # a given linear weight sets the layer's K outputs
        weight = checked.get(slot.name) if slot.role == "matrix" else None
        if weight is not None and weight.ndim == 2:
            new.resize_outputs(weight.shape[0])
    for name, array in checked.items():
        if name == first:
            continue
        slot = new.slot(name)
        length = int(array.size)  # a label sequence keeps its own length S
        if slot.role in ("matrix", "outputs", "row_outputs"):
            length = new.classes
        expected = shape_for(slot.role, new.rows, new.columns, new.class_dim, length)
        fitted = _fit(name, array, slot, expected)
        stored = (
            _indices(name, fitted) if slot.kind == "index" else stored_float(fitted)
        )
        stored = np.asarray(stored, order="C")  # keeps 0-d scalars 0-d
        if name in new.tensor_params:
            new.tensor_params[name] = stored
            new.enabled[name] = True
        elif slot.role == "sequence":  # its lengths follow a new S
            new.replace_sequence(name, stored)
        else:
            new.tensors[name] = stored
    return new


def document_from_arrays(
    loss: str,
    arrays: Mapping[str, npt.ArrayLike],
    *,
    params: Mapping[str, Any] | None = None,
    reduction: str | None = None,
    dtype: str = "float32",
    input_mode: str = "logits",
) -> SessionDocument:
    """A new document for ``loss`` holding ``arrays`` (see :func:`assign_arrays`).

    Raises
    ------
    FileFormatError
        For an unknown loss, an unknown or misshaped tensor.
    ValueError
        For a setting or parameter the loss does not offer.
    """
    if loss not in LOSSES:
        raise FileFormatError(
            translate("session", "unknown loss '{loss}'").format(loss=loss)
        )
    doc = new_document(loss)
    first = doc.first_name
    if first not in arrays:
        raise FileFormatError(
            translate("session", "{loss} needs '{first}' (the first tensor)").format(
                loss=loss, first=first
            )
        )
    doc.set_setting("dtype", dtype)
    doc.set_setting("input_mode", input_mode)
    if reduction is not None:
        doc.set_setting("reduction", reduction)
    for name, value in (params or {}).items():
        doc.set_setting(f"param.{name}", value)
    return assign_arrays(doc, arrays)
