"""A zip of one JSON manifest and NumPy ``.npy`` members, read strictly.

The binary session container (:mod:`lossgui.io.session_binary`) is built from
standard parts only: a zip archive (readable by any unzip tool) holding
``manifest.json`` and one ``tensors/<name>.npy`` per tensor, each written by
:func:`numpy.lib.format.write_array` and read back with
``np.load(..., allow_pickle=False)``. Nothing in it is executed.

Reading trusts nothing in the file. Before any member is decompressed the
zip's directory is checked: only the expected member names (no folders, no
``..``, no absolute paths), no duplicates, no encryption, stored or deflated
data only, each declared size within its limit, a declared size no deflate
stream can reach from its compressed size (a zip bomb) refused, and the
total under :data:`MAX_ARCHIVE_BYTES`. Before a tensor is loaded its ``.npy``
header is read and its dtype (:data:`ARRAY_DTYPES`) and shape compared with
what the caller expects, so no array is allocated from a size the caller did
not agree to. Every problem raises :class:`~lossgui.io.errors.FileFormatError`.
"""

from __future__ import annotations

import json
import math
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from types import TracebackType
from typing import IO, Any

import numpy as np
import numpy.typing as npt
from numpy.lib import format as npy_format

from lossgui.i18n import translate
from lossgui.io.atomic import atomic_binary_write
from lossgui.io.errors import FileFormatError

#: A zip local file header: signature ... file name length, extra field length.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")

__all__ = [
    "ARRAY_DTYPES",
    "MANIFEST_NAME",
    "MAX_ARCHIVE_BYTES",
    "MAX_BINARY_ELEMENTS",
    "MAX_MANIFEST_BYTES",
    "NpyArchive",
    "manifest_text",
    "member_name",
    "write_npy_archive",
]

Array = npt.NDArray[Any]

MANIFEST_NAME = "manifest.json"
#: ``tensors/<name>.npy``: a tensor name is an identifier (no path in it).
_MEMBER = re.compile(r"tensors/([A-Za-z_][A-Za-z0-9_]{0,63})\.npy")
#: The dtypes a member may hold (little-endian, as ``np.save`` writes them).
ARRAY_DTYPES: dict[str, np.dtype[Any]] = {
    "float32": np.dtype("<f4"),
    "float64": np.dtype("<f8"),
    "int64": np.dtype("<i8"),
}
#: The most numbers one member may hold.
MAX_BINARY_ELEMENTS = 100_000_000
#: The largest manifest read (a session's manifest is a few kilobytes).
MAX_MANIFEST_BYTES = 1 << 20
#: The most bytes all members may declare together, once decompressed.
MAX_ARCHIVE_BYTES = 4 << 30
#: The most members (a session has at most a handful of tensors).
MAX_MEMBERS = 64
#: An ``.npy`` header is at most this long (numpy's own reading limit).
MAX_NPY_HEADER = 10_000
#: Deflate cannot expand data by more than about 1032:1.
MAX_DEFLATE_RATIO = 1032


def member_name(tensor: str) -> str:
    """The archive member holding the tensor called ``tensor``.

    Raises
    ------
    ValueError
        For a name that is not an identifier (it would not read back).
    """
    name = f"tensors/{tensor}.npy"
    if not _MEMBER.fullmatch(name):
        raise ValueError(f"{tensor!r} cannot name a container member")
    return name


def write_npy_archive(
    path: str | os.PathLike[str], manifest: str, arrays: Mapping[str, Array]
) -> None:
    """Write ``manifest`` and ``arrays`` (by tensor name) atomically as a zip.

    Members are stored uncompressed: tensors of floats barely compress, and
    storing keeps writing and reading at disk speed.

    Raises
    ------
    OSError
        When the folder is missing or not writable; nothing is left behind.
    """
    with (
        atomic_binary_write(path) as stream,
        zipfile.ZipFile(stream, "w", zipfile.ZIP_STORED, allowZip64=True) as archive,
    ):
        archive.writestr(MANIFEST_NAME, manifest.encode("utf-8"))
        for tensor, array in arrays.items():
            big = array.nbytes + MAX_NPY_HEADER >= zipfile.ZIP64_LIMIT
            with archive.open(member_name(tensor), "w", force_zip64=big) as member:
                npy_format.write_array(member, array, allow_pickle=False)


def _damaged(detail: object) -> FileFormatError:
    return FileFormatError(
        translate(
            "io",
            "the container is damaged or truncated ({detail})",
        ).format(detail=str(detail)[:80])
    )


def _pickled(tensor: str) -> FileFormatError:
    """The refusal of a member holding Python objects (seen in its header or load)."""
    return FileFormatError(
        translate(
            "io",
            "'{tensor}' holds pickled Python objects, which lossgui never "
            "loads (they can run code)",
        ).format(tensor=tensor)
    )


class NpyArchive:
    """An opened, directory-checked container (use as a context manager).

    Parameters
    ----------
    source : path-like or binary file
        The container.

    Raises
    ------
    FileFormatError
        For a file that is not a complete zip, or whose directory breaks a
        rule in the module docstring.
    """

    def __init__(self, source: str | os.PathLike[str] | IO[bytes]) -> None:
        self._own: IO[bytes] | None = None
        if isinstance(source, (str, os.PathLike)):
            try:
                self._own = open(source, "rb")  # noqa: SIM115 (closed in close())
            except OSError as exc:
                raise _damaged(exc) from None
        self._file: IO[bytes] = self._own if self._own is not None else source  # type: ignore[assignment]
        try:
            self._zip = zipfile.ZipFile(self._file)
        except zipfile.BadZipFile as exc:
            self._close_own()
            raise FileFormatError(
                translate(
                    "io",
                    "not a complete zip container ({exc}); is the file truncated?",
                ).format(exc=exc)
            ) from None
        except (EOFError, ValueError, OSError) as exc:
            self._close_own()
            raise _damaged(exc) from None
        try:
            self._members = self._check_directory()
        except BaseException:
            self.close()
            raise

    def __enter__(self) -> NpyArchive:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the underlying zip file."""
        self._zip.close()
        self._close_own()

    def _close_own(self) -> None:
        if self._own is not None:
            self._own.close()
            self._own = None

    @property
    def tensors(self) -> frozenset[str]:
        """The names of the tensors the container holds."""
        return frozenset(name for name in self._members if name != MANIFEST_NAME)

    def _check_directory(self) -> dict[str, zipfile.ZipInfo]:
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise FileFormatError(
                translate(
                    "io",
                    "the container has {n_infos:,} members; a session has at most "
                    "{MAX_MEMBERS}",
                ).format(n_infos=len(infos), MAX_MEMBERS=MAX_MEMBERS)
            )
        members: dict[str, zipfile.ZipInfo] = {}
        total = 0
        for info in infos:
            name = info.filename
            match = _MEMBER.fullmatch(name)
            if name != MANIFEST_NAME and match is None:
                raise FileFormatError(
                    translate(
                        "io",
                        "unexpected member {name!r} in the container (it holds only "
                        "{MANIFEST_NAME} and tensors/<name>.npy)",
                    ).format(name=name[:60], MANIFEST_NAME=MANIFEST_NAME)
                )
            key = MANIFEST_NAME if match is None else match.group(1)
            if key in members:
                raise FileFormatError(
                    translate(
                        "io",
                        "the container holds {name!r} twice",
                    ).format(name=name)
                )
            if info.flag_bits & 0x1:
                raise FileFormatError(
                    translate(
                        "io",
                        "{name!r} is encrypted",
                    ).format(name=name)
                )
            limit = (
                MAX_MANIFEST_BYTES
                if match is None
                else MAX_BINARY_ELEMENTS * 8 + MAX_NPY_HEADER
            )
            if info.file_size > limit:
                raise FileFormatError(
                    translate(
                        "io",
                        "{name!r} declares {file_size:,} bytes; the limit is {limit:,}",
                    ).format(name=name, file_size=info.file_size, limit=limit)
                )
            self._check_compression(info)
            total += info.file_size
            members[key] = info
        if total > MAX_ARCHIVE_BYTES:
            raise FileFormatError(
                translate(
                    "io",
                    "the container declares {value:,.1f} GiB of data; the limit is "
                    "{value2:,.0f} GiB",
                ).format(value=total / 2**30, value2=MAX_ARCHIVE_BYTES / 2**30)
            )
        if MANIFEST_NAME not in members:
            raise FileFormatError(
                translate(
                    "io",
                    "the container has no {MANIFEST_NAME}",
                ).format(MANIFEST_NAME=MANIFEST_NAME)
            )
        return members

    @staticmethod
    def _check_compression(info: zipfile.ZipInfo) -> None:
        name = info.filename
        if info.compress_type == zipfile.ZIP_STORED:
            if info.compress_size != info.file_size:
                raise FileFormatError(
                    translate(
                        "io",
                        "{name!r} is stored uncompressed, yet declares {file_size:,} "
                        "bytes in {compress_size:,}",
                    ).format(
                        name=name,
                        file_size=info.file_size,
                        compress_size=info.compress_size,
                    )
                )
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            if info.file_size > info.compress_size * MAX_DEFLATE_RATIO + 1024:
                raise FileFormatError(
                    translate(
                        "io",
                        "{name!r} declares {file_size:,} bytes from {compress_size:,} "
                        "compressed, more than deflate can produce (a zip bomb?)",
                    ).format(
                        name=name,
                        file_size=info.file_size,
                        compress_size=info.compress_size,
                    )
                )
        else:
            raise FileFormatError(
                translate(
                    "io",
                    "{name!r} uses zip compression method {compress_type}; lossgui "
                    "reads stored or deflated members only",
                ).format(name=name, compress_type=info.compress_type)
            )

    def manifest(self) -> str:
        """The manifest's text.

        Raises
        ------
        FileFormatError
            For a damaged member or text that is not UTF-8.
        """
        try:
            data = self._zip.read(self._members[MANIFEST_NAME])
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
            raise _damaged(exc) from None
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise FileFormatError(
                translate(
                    "io",
                    "{MANIFEST_NAME} is not UTF-8 text",
                ).format(MANIFEST_NAME=MANIFEST_NAME)
            ) from None

    def load(self, tensor: str, dtype: str, shape: tuple[int, ...]) -> Array:
        """The tensor ``tensor``, which must have ``dtype`` and ``shape``.

        The member's ``.npy`` header is checked first; only then is the
        array read, with ``np.load(..., allow_pickle=False)``.

        Raises
        ------
        FileFormatError
            For a missing member, a dtype outside :data:`ARRAY_DTYPES`, a
            dtype or shape other than the expected one, a pickled (object)
            array, a member size that does not match its header, or damage.
        """
        info = self._members.get(tensor)
        if info is None:
            raise FileFormatError(
                translate(
                    "io",
                    "the container has no {member_name} (the manifest refers to it)",
                ).format(member_name=member_name(tensor))
            )
        if dtype not in ARRAY_DTYPES:
            raise FileFormatError(
                f"'{tensor}' is declared as {dtype[:20]!r}; a container holds "
                + ", ".join(ARRAY_DTYPES)
            )
        expected = ARRAY_DTYPES[dtype]
        count = math.prod(shape)
        if count > MAX_BINARY_ELEMENTS:
            raise FileFormatError(
                translate(
                    "io",
                    "'{tensor}' has {count:,} values (shape {shape}); the limit is "
                    "{MAX_BINARY_ELEMENTS:,}",
                ).format(
                    tensor=tensor,
                    count=count,
                    shape=shape,
                    MAX_BINARY_ELEMENTS=MAX_BINARY_ELEMENTS,
                )
            )
        try:
            with self._zip.open(info) as stream:
                header = self._header(stream, tensor)
                self._check_header(tensor, info, header, expected, shape)
                direct = info.compress_type == zipfile.ZIP_STORED and not header[1]
                if not direct:
                    stream.seek(0)
                    array = np.load(stream, allow_pickle=False)
            if direct:
                array = self._read_stored(info, header[3], expected, shape)
        except FileFormatError:
            raise
        except ValueError as exc:
            if "pickle" in str(exc).lower():
                raise _pickled(tensor) from None
            raise _damaged(exc) from None
        except (zipfile.BadZipFile, EOFError, zlib.error, OSError) as exc:
            raise _damaged(exc) from None
        if not isinstance(array, np.ndarray) or array.dtype != expected:
            raise FileFormatError(
                translate(
                    "io",
                    "'{tensor}' is not a plain {dtype} array",
                ).format(tensor=tensor, dtype=dtype)
            )
        return array

    def _read_stored(
        self,
        info: zipfile.ZipInfo,
        header_bytes: int,
        dtype: np.dtype[Any],
        shape: tuple[int, ...],
    ) -> Array:
        """A stored (uncompressed) member's array, read straight into place.

        The header was checked (dtype, shape, C order, size). The data is
        read with one ``readinto`` into the array's memory, and the member's
        CRC-32 is checked as zipfile would (no second copy of 200 MB, and a
        tenth of the time of reading through zipfile's stream).
        """
        self._file.seek(info.header_offset)
        local = self._file.read(_LOCAL_HEADER.size)
        if len(local) != _LOCAL_HEADER.size or local[:4] != b"PK\x03\x04":
            raise _damaged(zipfile.BadZipFile(f"bad local header of {info.filename}"))
        name_length, extra_length = _LOCAL_HEADER.unpack(local)[-2:]
        self._file.seek(info.header_offset + len(local) + name_length + extra_length)
        head = self._file.read(header_bytes)
        array = np.empty(shape, dtype=dtype)
        data = array.reshape(-1).view(np.uint8).data  # its own memory, as bytes
        read = self._file.readinto(data)  # type: ignore[attr-defined]
        if len(head) != header_bytes or read != data.nbytes:
            raise _damaged(EOFError(f"{info.filename} is truncated"))
        if zlib.crc32(data, zlib.crc32(head)) != info.CRC:
            raise _damaged(zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}"))
        return array

    @staticmethod
    def _header(stream: IO[bytes], tensor: str) -> tuple[Any, ...]:
        """``(shape, fortran_order, dtype, header_bytes)`` of a ``.npy`` member."""
        try:
            major, _minor = npy_format.read_magic(stream)
            if major == 1:
                shape, fortran, dtype = npy_format.read_array_header_1_0(
                    stream, max_header_size=MAX_NPY_HEADER
                )
            elif major in (2, 3):
                shape, fortran, dtype = npy_format.read_array_header_2_0(
                    stream, max_header_size=MAX_NPY_HEADER
                )
            else:
                raise ValueError(f"npy format version {major}")
        except ValueError as exc:
            raise FileFormatError(
                translate(
                    "io",
                    "'{tensor}' is not a NumPy .npy array ({exc})",
                ).format(tensor=tensor, exc=str(exc)[:80])
            ) from None
        return shape, fortran, dtype, stream.tell()

    @staticmethod
    def _check_header(
        tensor: str,
        info: zipfile.ZipInfo,
        header: tuple[Any, ...],
        expected: np.dtype[Any],
        shape: tuple[int, ...],
    ) -> None:
        found_shape, _fortran, found_dtype, header_bytes = header
        if found_dtype.hasobject:
            raise _pickled(tensor)
        if found_dtype != expected:
            raise FileFormatError(
                translate(
                    "io",
                    "'{tensor}' holds {str!r} values; the manifest declares "
                    "{expected_name} ({str2!r})",
                ).format(
                    tensor=tensor,
                    str=found_dtype.str,
                    expected_name=expected.name,
                    str2=expected.str,
                )
            )
        if tuple(found_shape) != tuple(shape):
            raise FileFormatError(
                translate(
                    "io",
                    "'{tensor}' has shape {tuple}; the manifest declares {tuple2}",
                ).format(tensor=tensor, tuple=tuple(found_shape), tuple2=tuple(shape))
            )
        size = header_bytes + math.prod(shape) * expected.itemsize
        if info.file_size != size:
            raise FileFormatError(
                translate(
                    "io",
                    "{filename!r} is {file_size:,} bytes; its header describes "
                    "{size:,}",
                ).format(filename=info.filename, file_size=info.file_size, size=size)
            )


def manifest_text(data: Mapping[str, Any]) -> str:
    """The manifest as indented JSON (readable with ``unzip -p``)."""
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
