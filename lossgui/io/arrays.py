"""Loading arrays from a model's saved outputs: ``.npy``, ``.npz``, ``.pt``, CSV/TSV.

:func:`load_arrays` is the one entry for every array file, used by the
window's import and by ``lossgui export``. Nothing in a file is ever
executed: NumPy files load with ``allow_pickle=False``, torch files with
``weights_only=True`` (and only when torch is installed), text tables
through :func:`lossgui.io.table_reader.read_table` (the only CSV reader).
Every refusal is a :class:`~lossgui.io.errors.FileFormatError` whose message
names the file's problem.
"""

from __future__ import annotations

import importlib.util
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui.i18n import translate
from lossgui.io.errors import FileFormatError
from lossgui.io.table_reader import TEXT_SUFFIXES, Progress, read_table
from lossgui.io.text_parse import MAX_ELEMENTS

__all__ = ["ARRAY_SUFFIXES", "load_arrays"]

Array = npt.NDArray[Any]

#: The suffixes :func:`load_arrays` understands.
ARRAY_SUFFIXES = (".npy", ".npz", ".pt", ".pth", *TEXT_SUFFIXES)

_NUMERIC_KINDS = "biuf"


def _check_array(name: str, array: Array) -> Array:
    if array.dtype.kind not in _NUMERIC_KINDS:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' holds {array_dtype} values; lossgui needs numbers (float, "
                "int or bool)",
            ).format(name=name, array_dtype=array.dtype)
        )
    if array.size > MAX_ELEMENTS:
        raise FileFormatError(
            translate(
                "io",
                "'{name}' has {array_size:,} elements; the limit is {MAX_ELEMENTS:,}",
            ).format(name=name, array_size=array.size, MAX_ELEMENTS=MAX_ELEMENTS)
        )
    return array


def _check_npy_header(stream: Any, what: str) -> None:
    """Read a ``.npy`` header from ``stream`` and refuse pickles and huge shapes.

    Checked before any data is read, so a header claiming 10**12 elements
    never allocates them.
    """
    try:
        version = np.lib.format.read_magic(stream)
        header = (
            np.lib.format.read_array_header_1_0(stream)
            if version == (1, 0)
            else np.lib.format.read_array_header_2_0(stream)
        )
    except (ValueError, OSError, EOFError) as exc:
        raise FileFormatError(
            translate(
                "io",
                "not a valid {what} ({exc})",
            ).format(what=what, exc=exc)
        ) from None
    shape, _, dtype = header
    if dtype.hasobject:
        raise FileFormatError(
            translate(
                "io",
                "the {what} holds Python objects (a pickle); lossgui never loads "
                "pickles because they can run code",
            ).format(what=what)
        )
    count = int(np.prod(shape, dtype=np.float64))
    if count > MAX_ELEMENTS:
        raise FileFormatError(
            translate(
                "io",
                "the {what}'s shape {tuple} has {count:,} elements; the limit is "
                "{MAX_ELEMENTS:,}",
            ).format(
                what=what, tuple=tuple(shape), count=count, MAX_ELEMENTS=MAX_ELEMENTS
            )
        )


def _load_npy(path: Path) -> dict[str, Array]:
    with path.open("rb") as stream:
        _check_npy_header(stream, ".npy file")
    try:
        array = np.load(path, allow_pickle=False)
    except (ValueError, OSError, EOFError) as exc:
        raise FileFormatError(
            translate(
                "io",
                "the .npy file is damaged or truncated ({exc})",
            ).format(exc=exc)
        ) from None
    return {path.stem: _check_array(path.stem, np.asarray(array))}


def _load_npz(path: Path) -> dict[str, Array]:
    try:
        archive = np.load(path, allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise FileFormatError(
            translate(
                "io",
                "not a valid .npz archive ({exc})",
            ).format(exc=exc)
        ) from None
    arrays: dict[str, Array] = {}
    with archive:
        for member in archive.zip.namelist():
            if member.endswith(".npy"):
                try:
                    with archive.zip.open(member) as stream:
                        _check_npy_header(stream, f"archive member '{member}'")
                except (OSError, EOFError, zipfile.BadZipFile) as exc:
                    raise FileFormatError(
                        translate(
                            "io",
                            "'{member}' in the archive is damaged or truncated ({exc})",
                        ).format(member=member, exc=exc)
                    ) from None
        for name in archive.files:
            try:
                arrays[name] = _check_array(name, np.asarray(archive[name]))
            except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
                if "pickle" in str(exc).lower():
                    raise FileFormatError(
                        translate(
                            "io",
                            "'{name}' in the archive is a pickle; lossgui never loads "
                            "pickles because they can run code",
                        ).format(name=name)
                    ) from None
                raise FileFormatError(
                    translate(
                        "io",
                        "'{name}' in the archive is damaged or truncated ({exc})",
                    ).format(name=name, exc=exc)
                ) from None
    if not arrays:
        raise FileFormatError(translate("io", "the .npz archive holds no arrays"))
    return arrays


def _tensors_from(obj: object, prefix: str, out: dict[str, Array], torch: Any) -> None:
    if isinstance(obj, torch.Tensor):
        tensor = obj.detach().cpu()
        if tensor.is_complex():
            raise FileFormatError(
                translate(
                    "io",
                    "'{prefix}' is a complex tensor",
                ).format(prefix=prefix)
            )
        if tensor.dtype == torch.bfloat16:
            tensor = tensor.float()
        out[prefix] = _check_array(prefix, tensor.numpy())
    elif isinstance(obj, dict):
        for key, value in obj.items():
            _tensors_from(value, f"{prefix}.{key}" if prefix else str(key), out, torch)
    elif isinstance(obj, list | tuple):
        for index, value in enumerate(obj):
            _tensors_from(value, f"{prefix}[{index}]", out, torch)


def _load_torch(path: Path) -> dict[str, Array]:
    if importlib.util.find_spec("torch") is None:
        raise FileFormatError(
            translate(
                "io",
                "reading .pt files needs PyTorch, which is not installed here; save "
                "the tensors with numpy.save (or tensor.numpy()) instead",
            )
        )
    import torch

    try:
        obj = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # torch raises many types for bad files
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "weights_only" in str(exc) or "Unsupported global" in str(exc):
            message = (
                "the file holds Python objects beyond tensors; lossgui only loads "
                "plain tensors (weights_only=True) because pickles can run code"
            )
        raise FileFormatError(
            translate(
                "io",
                "cannot read the .pt file: {message}",
            ).format(message=message)
        ) from None
    arrays: dict[str, Array] = {}
    _tensors_from(
        obj, "" if isinstance(obj, dict | list | tuple) else path.stem, arrays, torch
    )
    if not arrays:
        raise FileFormatError(translate("io", "the .pt file holds no tensors"))
    return arrays


def load_arrays(
    path: str | os.PathLike[str], progress: Progress | None = None
) -> dict[str, Array]:
    """Load every array in a file, by name.

    Parameters
    ----------
    path : path-like
        A ``.npy``, ``.npz``, ``.pt``/``.pth``, ``.csv``, ``.tsv`` or ``.txt`` file.
        Text tables with a header row give one array per column; without a
        header, one 2-D array named after the file
        (:func:`lossgui.io.table_reader.read_table`).
    progress : callable, optional
        ``progress(fraction)`` while a text table is read (returning False
        cancels); called once with 1.0 after a binary file.

    Returns
    -------
    dict
        Arrays by name (the ``.npz`` member, the column header, the key path in
        a ``.pt`` dict, or the file stem).

    Raises
    ------
    FileFormatError
        For a missing, unreadable, truncated, pickled, non-numeric or too large
        file, or a text table with duplicate column names or ragged rows.
    LoadCancelled
        If ``progress`` returned False.
    """
    file = Path(path)
    if not file.is_file():
        raise FileFormatError(
            translate(
                "io",
                "'{file_name}' does not exist or is not a file",
            ).format(file_name=file.name)
        )
    suffix = file.suffix.lower()
    loaders: dict[str, Callable[[Path], dict[str, Array]]] = {
        ".npy": _load_npy,
        ".npz": _load_npz,
        ".pt": _load_torch,
        ".pth": _load_torch,
    }
    if suffix not in loaders and suffix not in TEXT_SUFFIXES:
        raise FileFormatError(
            f"'{file.suffix or file.name}' files are not supported; use one of "
            + ", ".join(ARRAY_SUFFIXES)
        )
    try:
        if suffix in TEXT_SUFFIXES:
            return read_table(file, progress)
        arrays = loaders[suffix](file)
    except OSError as exc:
        raise FileFormatError(
            translate(
                "io",
                "cannot read '{file_name}': {value}",
            ).format(file_name=file.name, value=exc.strerror or exc)
        ) from None
    if progress is not None:
        progress(1.0)
    return arrays
