"""Session files: readable JSON, or a binary container for large sessions.

Two forms, chosen by the file name when writing and by the content when
reading (:func:`write_session`, :func:`read_session`):

- ``*.json`` (and any other name): versioned, human-readable JSON;
- ``*.lossgui``: a zip of the same settings as a JSON manifest and every
  tensor as a NumPy ``.npy`` member (:mod:`lossgui.io.session_binary`),
  written and read at disk speed.

A JSON session file holds (format version 1)::

    {
      "format": "lossgui-session",
      "version": 1,
      "lossgui_version": "0.1.0",
      "loss": "CrossEntropyLoss",
      "reduction": "mean",
      "dtype": "float32",
      "input_mode": "logits",
      "target_mode": "index",
      "params": {"ignore_index": -100, "label_smoothing": 0.0},
      "tensors": {
        "input": [
          [2.0, 3.0, 0.1]
        ],
        "target": [1]
      },
      "optional_tensors": {"weight": {"enabled": false, "values": [1.0, 1.0, 1.0]}},
      "example": {"title": "...", "group": "...", "description": "..."}
    }

``example`` is present in the bundled examples only, ``autosave`` (the file
the rescued session belongs to, when it was written) in autosave files only.
``format``, ``version``, ``loss`` and ``tensors`` are required; the other
keys default to torch's defaults. Tensors are nested lists in torch's shapes
(see :mod:`lossgui.session.layout`); ``nan``/``inf`` are written as strings
(:mod:`lossgui.io.json_values`). Reading is strict: a wrong type, a missing
key, an unknown loss or tensor, a shape that does not fit the loss, a future
format version, deep nesting or an oversized file raise
:class:`~lossgui.io.errors.FileFormatError` naming the problem. JSON is
parsed by the standard :mod:`json` module; the file size cap
(:data:`MAX_SESSION_BYTES`) bounds what parsing may cost.
"""

from __future__ import annotations

import json
import math
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from lossgui import __version__
from lossgui.i18n import translate
from lossgui.io.atomic import write_text_atomic
from lossgui.io.errors import FileFormatError
from lossgui.io.json_values import encode_array, encode_number
from lossgui.io.session_binary import (
    CONTAINER_SUFFIX,
    is_container,
    read_container,
    write_container,
)
from lossgui.io.session_header import (
    JSON_VERSION,
    SESSION_FORMAT,
    SESSION_VERSION,
    check_header,
)
from lossgui.io.session_schema import document_from_dict

__all__ = [
    "CONTAINER_SUFFIX",
    "MAX_SESSION_BYTES",
    "SESSION_FORMAT",
    "SESSION_VERSION",
    "LoadedSession",
    "documents_equal",
    "dumps_session",
    "is_container_path",
    "loads_session",
    "read_session",
    "session_to_dict",
    "write_session",
]

#: The largest JSON session file read (about 3,000,000 numbers as lossgui
#: writes them); larger sessions belong in a container.
MAX_SESSION_BYTES = 64 * 1024 * 1024

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument


@dataclass(frozen=True)
class LoadedSession:
    """A session read from disk.

    Attributes
    ----------
    document : SessionDocument
        The document, ready to edit.
    example : dict
        The file's ``"example"`` metadata (title, group, description, seed,
        cases), empty for ordinary sessions.
    autosave : dict
        What an autosave file records about the session it rescues (the
        file it belongs to, when it was written); empty otherwise.
    """

    document: SessionDocument
    example: dict[str, Any] = field(default_factory=dict)
    autosave: dict[str, Any] = field(default_factory=dict)


def session_to_dict(
    doc: SessionDocument,
    example: dict[str, Any] | None = None,
    autosave: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON-ready dictionary of a document (tensors as nested lists)."""
    data = _session_dict(doc, example, autosave, encode_array)
    data["version"] = JSON_VERSION
    return data


def _session_dict(
    doc: SessionDocument,
    example: dict[str, Any] | None,
    autosave: dict[str, Any] | None,
    encode: Callable[[Any], Any],
) -> dict[str, Any]:
    """The session's dictionary, each tensor given as ``encode(array)``."""
    data: dict[str, Any] = {
        "format": SESSION_FORMAT,
        "version": SESSION_VERSION,
        "lossgui_version": __version__,
        "loss": doc.loss,
        "reduction": doc.reduction,
        "dtype": doc.dtype,
        "input_mode": doc.input_mode,
        "target_mode": doc.target_mode,
        "params": {
            name: value
            if isinstance(value, str) or value is None
            else encode_number(value)
            for name, value in doc.params.items()
        },
        "tensors": {name: encode(array) for name, array in doc.tensors.items()},
        "optional_tensors": {
            name: {
                "enabled": bool(doc.enabled.get(name, False)),
                "values": encode(array),
            }
            for name, array in doc.tensor_params.items()
        },
    }
    if example:
        data["example"] = dict(example)
    if autosave:
        data["autosave"] = dict(autosave)
    return data


def _tensor_text(value: Any, indent: str) -> str:
    """A tensor's JSON: one row per line, long vectors wrapped ten per line.

    The whole tensor is dumped by the C encoder once and then split: its
    items are numbers or the strings "nan"/"inf"/"-inf", so ``", "`` and
    ``"], ["`` occur only between items and rows.
    """
    text = json.dumps(value, separators=(", ", ": "))
    if not isinstance(value, list):  # a scalar (CTCLoss's lengths)
        return text
    if value and isinstance(value[0], list):
        inner = text[1:-1].replace("], [", f"],\n{indent}  [")
        return f"[\n{indent}  {inner}\n{indent}]"
    if len(value) <= 16:
        return text
    parts = text[1:-1].split(", ")
    lines = [", ".join(parts[i : i + 10]) for i in range(0, len(parts), 10)]
    inner = f",\n{indent}  ".join(lines)
    return f"[\n{indent}  {inner}\n{indent}]"


def dumps_session(
    doc: SessionDocument,
    example: dict[str, Any] | None = None,
    autosave: dict[str, Any] | None = None,
) -> str:
    """The session file's text: indented JSON, one tensor row per line."""
    data = session_to_dict(doc, example, autosave)
    token = secrets.token_hex(8)
    tensors: dict[str, Any] = {}

    def mark(value: Any) -> str:
        key = f"@@{token}:{len(tensors)}@@"
        tensors[key] = value
        return key

    data["tensors"] = {name: mark(value) for name, value in data["tensors"].items()}
    for entry in data["optional_tensors"].values():
        entry["values"] = mark(entry["values"])
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False)
    for key, value in tensors.items():
        marker = f'"{key}"'
        start = text.index(marker)
        line_start = text.rfind("\n", 0, start) + 1
        indent = " " * (
            len(text[line_start:start]) - len(text[line_start:start].lstrip())
        )
        text = text.replace(marker, _tensor_text(value, indent), 1)
    return text + "\n"


def is_container_path(path: str | os.PathLike[str]) -> bool:
    """Whether :func:`write_session` writes ``path`` as a binary container."""
    return Path(path).suffix.lower() == CONTAINER_SUFFIX


def write_session(
    path: str | os.PathLike[str],
    doc: SessionDocument,
    example: dict[str, Any] | None = None,
    autosave: dict[str, Any] | None = None,
) -> None:
    """Write ``doc`` to ``path`` atomically.

    A path ending in ``.lossgui`` gets the binary container (format version
    2); any other name readable JSON (version 1).

    Raises
    ------
    OSError
        When the folder is missing or not writable; nothing is left behind.
    """
    if is_container_path(path):
        header = _session_dict(doc, example, autosave, lambda array: array)
        write_container(path, header, doc.dtype)
    else:
        write_text_atomic(path, dumps_session(doc, example, autosave))


def loads_session(text: str) -> LoadedSession:
    """Parse a session file's text (the standard :mod:`json` parser).

    Raises
    ------
    FileFormatError
        Naming the first problem found.
    """
    try:
        data = json.loads(text, parse_constant=_json_constant)
    except RecursionError:
        raise FileFormatError(
            translate("io", "the JSON is nested too deeply to be a session")
        ) from None
    except json.JSONDecodeError as exc:
        raise FileFormatError(
            translate(
                "io",
                "not valid JSON (line {lineno}, column {colno}: {msg}); is the "
                "file truncated?",
            ).format(lineno=exc.lineno, colno=exc.colno, msg=exc.msg)
        ) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise FileFormatError(
            translate(
                "io",
                "not valid JSON: {exc}",
            ).format(exc=str(exc)[:80])
        ) from None
    return _loaded(check_header(data))


_CONSTANTS = {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}


def _json_constant(name: str) -> float:
    """Python's json literals NaN/Infinity/-Infinity, accepted for leniency."""
    return _CONSTANTS[name]


def _loaded(data: dict[str, Any]) -> LoadedSession:
    """The document and metadata of a header-checked session dictionary."""
    extras = []
    for key in ("example", "autosave"):
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise FileFormatError(
                translate(
                    "io",
                    "'{key}' must be an object",
                ).format(key=key)
            )
        extras.append(value)
    return LoadedSession(document_from_dict(data), *extras)


def read_session(path: str | os.PathLike[str]) -> LoadedSession:
    """Read a session file: a binary container (by its content) or JSON.

    Raises
    ------
    FileFormatError
        For a missing, unreadable, oversized, non-UTF-8 or invalid file.
    """
    file = Path(path)
    try:
        size = file.stat().st_size
        if not file.is_file():
            raise FileFormatError(
                translate(
                    "io",
                    "'{file_name}' is not a file",
                ).format(file_name=file.name)
            )
        if is_container(file):
            return _loaded(read_container(file))
        if size > MAX_SESSION_BYTES:
            raise FileFormatError(
                translate(
                    "io",
                    "the file is {size:,.0f} MiB; JSON sessions are limited to "
                    "{limit} MiB (larger sessions are saved as {suffix} "
                    "containers)",
                ).format(
                    size=size / 2**20,
                    limit=MAX_SESSION_BYTES // 2**20,
                    suffix=CONTAINER_SUFFIX,
                )
            )
        text = _read_text(file)
    except FileNotFoundError:
        raise FileFormatError(
            translate(
                "io",
                "'{file_name}' does not exist",
            ).format(file_name=file.name)
        ) from None
    except UnicodeDecodeError:
        raise FileFormatError(
            translate("io", "the file is not UTF-8 text (not a session file)")
        ) from None
    except OSError as exc:
        raise FileFormatError(
            translate(
                "io",
                "cannot read '{file_name}': {value}",
            ).format(file_name=file.name, value=exc.strerror or exc)
        ) from None
    return loads_session(text)


def _read_text(file: Path) -> str:
    """The file decoded as UTF-8 (a byte-order mark skipped).

    Raises
    ------
    FileFormatError
        For a file holding nothing but whitespace.
    UnicodeDecodeError, OSError
        For a file that is not UTF-8 or cannot be read.
    """
    data = file.read_bytes()
    if not data.strip():
        raise FileFormatError(translate("io", "the file is empty"))
    return data.decode("utf-8-sig")


def documents_equal(a: SessionDocument, b: SessionDocument) -> bool:
    """Whether two documents hold the same settings and tensors (nan == nan).

    Float tensors compare by value, whatever their storage dtype.
    """
    same = (
        a.loss == b.loss
        and a.reduction == b.reduction
        and a.dtype == b.dtype
        and a.input_mode == b.input_mode
        and a.target_mode == b.target_mode
        and a.enabled == b.enabled
        and a.params.keys() == b.params.keys()
    )
    if not same:
        return False
    for name in a.params:
        x, y = a.params[name], b.params[name]
        if not (x == y or (isinstance(x, float) and x != x and y != y)):
            return False
    for mine, theirs in ((a.tensors, b.tensors), (a.tensor_params, b.tensor_params)):
        if mine.keys() != theirs.keys():
            return False
        for name, array in mine.items():
            other = theirs[name]
            floats = array.dtype.kind == other.dtype.kind == "f"
            if not floats and array.dtype != other.dtype:
                return False
            # a large float32 tensor is stored as float32 (storage.stored_float):
            # the same values, exactly, as their float64 copy
            if not np.array_equal(array, other, equal_nan=floats):
                return False
    return True
