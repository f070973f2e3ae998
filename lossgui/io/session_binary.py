"""The binary session container (``.lossgui``): large sessions at disk speed.

A container is a zip (:mod:`lossgui.io.npy_zip`) holding ``manifest.json``
and one ``tensors/<name>.npy`` per tensor. The manifest is a session file of
format version 2 with every tensor replaced by a reference to its member::

    {
      "format": "lossgui-session",
      "version": 2,
      "loss": "CrossEntropyLoss",
      "dtype": "float32",
      ...
      "tensors": {
        "input": {"npy": "tensors/input.npy", "dtype": "float32",
                  "shape": [50000, 1000]},
        "target": {"npy": "tensors/target.npy", "dtype": "int64", "shape": [50000]}
      },
      "optional_tensors": {"weight": {"enabled": false, "values": {"npy": ...}}}
    }

A float tensor is stored as float32 when the session computes in float32
and every value is exactly a float32 (the document keeps float64, or a
large tensor as float32, see :func:`~lossgui.session.storage.stored_float`;
the conversion back is exact, so the round trip is bit for bit); otherwise
as float64. Class indices are int64.

Reading checks the zip's directory, the manifest's header and every
reference (exact keys, the member named after its tensor, a dtype of
:data:`~lossgui.io.npy_zip.ARRAY_DTYPES`, a shape of at most two
dimensions), loads each member whose ``.npy`` header matches its reference,
refuses members no reference names, and hands the result to the same checks
as a JSON session (:func:`lossgui.io.session_schema.document_from_dict`).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.json_values import json_type
from lossgui.io.npy_zip import (
    NpyArchive,
    manifest_text,
    member_name,
    write_npy_archive,
)
from lossgui.io.session_header import SESSION_VERSION, check_header
from lossgui.session.storage import stored_float

__all__ = [
    "CONTAINER_SUFFIX",
    "JSON_MAX_VALUES",
    "LARGE_SESSION_VALUES",
    "REFERENCE_KEYS",
    "is_container",
    "read_container",
    "session_values",
    "storage_array",
    "write_container",
]

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument

Array = npt.NDArray[Any]
#: The file name extension of containers.
CONTAINER_SUFFIX = ".lossgui"
#: Above this many values Save proposes a container: JSON takes about a
#: second per million values each way, a container a few milliseconds.
LARGE_SESSION_VALUES = 1_000_000
#: The most values written as JSON by :func:`lossgui.save` (about 40 MB of
#: text, safely under the JSON reader's file size cap).
JSON_MAX_VALUES = 2_000_000
#: The keys of a tensor reference in the manifest.
REFERENCE_KEYS = frozenset({"npy", "dtype", "shape"})
#: Elements narrowed and compared at once when choosing float32 storage.
_CHUNK = 1 << 20
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


def session_values(doc: SessionDocument) -> int:
    """How many numbers the session's tensors hold."""
    arrays = (*doc.tensors.values(), *doc.tensor_params.values())
    return sum(int(array.size) for array in arrays)


def is_container(path: str | os.PathLike[str]) -> bool:
    """Whether the file starts like a zip (the container), whatever its name.

    Raises
    ------
    OSError
        When the file cannot be read.
    """
    with open(path, "rb") as stream:
        return stream.read(4) in _ZIP_MAGIC


def storage_array(array: Array, dtype: str) -> Array:
    """``array`` as it is stored: float32 when exact and the session is float32.

    Parameters
    ----------
    array : ndarray
        A document tensor (float64, or int64 for class indices).
    dtype : {"float32", "float64"}
        The session's compute dtype.
    """
    values = np.asarray(array, order="C")
    if values.dtype.kind in "iub":
        return values.astype("<i8", copy=False)
    wide = values.astype("<f8", copy=False)
    if dtype != "float32":
        return wide
    with np.errstate(over="ignore", invalid="ignore"):  # checked below
        narrow = wide.astype("<f4")
    flat_wide, flat_narrow = wide.reshape(-1), narrow.reshape(-1)
    for start in range(0, flat_wide.size, _CHUNK):
        back = flat_narrow[start : start + _CHUNK].astype("<f8")
        if not np.array_equal(
            back.view("<i8"), flat_wide[start : start + _CHUNK].view("<i8")
        ):
            return wide
    return narrow


def _reference(name: str, stored: Array) -> dict[str, Any]:
    return {
        "npy": member_name(name),
        "dtype": stored.dtype.name,
        "shape": list(stored.shape),
    }


def write_container(
    path: str | os.PathLike[str], header: dict[str, Any], dtype: str
) -> None:
    """Write a session as a container, atomically.

    Parameters
    ----------
    path : path-like
        The file to write.
    header : dict
        The session as :func:`lossgui.io.session_file.session_to_dict` gives
        it, but with ndarrays in place of the tensors' nested lists.
    dtype : str
        The session's compute dtype (chooses float32 storage).

    Raises
    ------
    OSError
        When the folder is missing or not writable; nothing is left behind.
    """
    manifest = dict(header, version=SESSION_VERSION)
    arrays: dict[str, Array] = {}
    tensors: dict[str, Any] = {}
    for name, array in header["tensors"].items():
        arrays[name] = storage_array(array, dtype)
        tensors[name] = _reference(name, arrays[name])
    optional: dict[str, Any] = {}
    for name, entry in header["optional_tensors"].items():
        arrays[name] = storage_array(entry["values"], dtype)
        optional[name] = dict(entry, values=_reference(name, arrays[name]))
    manifest["tensors"] = tensors
    manifest["optional_tensors"] = optional
    write_npy_archive(path, manifest_text(manifest), arrays)


def _parse_manifest(text: str) -> dict[str, Any]:
    try:
        data = json.loads(text)
    except RecursionError:
        raise FileFormatError(
            translate("io", "the manifest is nested too deeply")
        ) from None
    except ValueError as exc:
        raise FileFormatError(
            translate(
                "io",
                "the manifest is not valid JSON: {exc}",
            ).format(exc=exc)
        ) from None
    checked = check_header(data)
    if checked["version"] < 2:
        raise FileFormatError(
            translate(
                "io",
                "a container's manifest must be format version 2 or later (version 1 "
                "sessions are JSON files)",
            )
        )
    return checked


def _shape(value: object, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > 2:
        raise FileFormatError(
            translate(
                "io",
                "{where}'s 'shape' must be a list of at most 2 sizes, not {json_type}",
            ).format(where=where, json_type=json_type(value))
        )
    for size in value:
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise FileFormatError(
                translate(
                    "io",
                    "{where}'s 'shape' must hold whole sizes >= 0",
                ).format(where=where)
            )
    return tuple(value)


def _resolve(archive: NpyArchive, name: object, ref: object, used: set[str]) -> Array:
    """The array a manifest reference names, loaded and checked."""
    where = f"tensor '{str(name)[:40]}'"
    if not isinstance(ref, dict) or set(ref) != REFERENCE_KEYS:
        raise FileFormatError(
            translate(
                "io",
                "{where} must be a reference with keys 'npy', 'dtype' and 'shape' in "
                "a container",
            ).format(where=where)
        )
    try:
        expected = member_name(str(name))
    except ValueError:
        raise FileFormatError(
            translate(
                "io",
                "{where} is not a valid tensor name",
            ).format(where=where)
        ) from None
    if ref["npy"] != expected:
        raise FileFormatError(
            translate(
                "io",
                "{where} must be stored in {expected!r}, not {ref!r}",
            ).format(where=where, expected=expected, ref=str(ref["npy"])[:60])
        )
    if not isinstance(ref["dtype"], str):
        raise FileFormatError(
            translate(
                "io",
                "{where}'s 'dtype' must be a string",
            ).format(where=where)
        )
    shape = _shape(ref["shape"], where)
    assert isinstance(name, str)
    if name in used:
        raise FileFormatError(
            translate(
                "io",
                "{where} is referred to twice",
            ).format(where=where)
        )
    used.add(name)
    array = archive.load(name, ref["dtype"], shape)
    if array.dtype.kind == "f":
        return stored_float(array, owned=True)  # read fresh: kept, not copied
    return np.asarray(array, order="C")


def read_container(path: str | os.PathLike[str]) -> dict[str, Any]:
    """A container's manifest with every tensor reference replaced by its array.

    Parameters
    ----------
    path : path-like
        The container.

    Raises
    ------
    FileFormatError
        Naming the first problem.
    """
    with NpyArchive(path) as archive:
        data = _parse_manifest(archive.manifest())
        used: set[str] = set()
        tensors = data.get("tensors")
        if isinstance(tensors, dict):
            data["tensors"] = {
                name: _resolve(archive, name, ref, used)
                for name, ref in tensors.items()
            }
        optional = data.get("optional_tensors")
        if isinstance(optional, dict):
            for name, entry in optional.items():
                if isinstance(entry, dict) and "values" in entry:
                    entry["values"] = _resolve(archive, name, entry["values"], used)
        unused = sorted(archive.tensors - used)
        if unused:
            raise FileFormatError(
                translate(
                    "io",
                    "unexpected member {member_name!r} in the container (no tensor of "
                    "the manifest refers to it)",
                ).format(member_name=member_name(unused[0]))
            )
    return data
