"""The binary session container (``.lossgui``): round trips and refusals.

Every bundled example goes through the container bit for bit; hand-made
hostile containers (pickles, oversized or mismatched members, unexpected or
traversing member names, truncated zips) are refused with a message naming
the problem; version-1 JSON files still open.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile

import numpy as np
import pytest

from lossgui.io import npy_zip
from lossgui.io.bundled import list_examples
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import (
    documents_equal,
    dumps_session,
    read_session,
    write_session,
)
from lossgui.session import new_document

EXAMPLES = list_examples()


def _same_bits(a, b):
    assert documents_equal(a, b)
    for mine, theirs in ((a.tensors, b.tensors), (a.tensor_params, b.tensor_params)):
        for name, array in mine.items():
            assert array.dtype == theirs[name].dtype, name
            assert array.tobytes() == theirs[name].tobytes(), name


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda e: e.path.stem)
def test_every_bundled_example_round_trips_bit_for_bit(tmp_path, example):
    original = read_session(example.path)
    path = tmp_path / "example.lossgui"
    write_session(path, original.document, example=original.example)
    again = read_session(path)
    _same_bits(again.document, original.document)
    assert again.example == original.example
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["version"] == 2
    assert manifest["loss"] == original.document.loss


def test_there_are_examples_to_round_trip():
    assert len(EXAMPLES) >= 10


def test_float32_sessions_store_float32_only_when_exact(tmp_path):
    doc = new_document("MSELoss")
    doc.resize(4, 3)
    doc.tensors["input"][...] = np.float32(0.1)  # exactly a float32
    doc.tensors["target"][...] = 0.1  # not a float32
    path = tmp_path / "s.lossgui"
    write_session(path, doc)
    manifest = _manifest(path)
    assert manifest["tensors"]["input"]["dtype"] == "float32"
    assert manifest["tensors"]["target"]["dtype"] == "float64"
    _same_bits(read_session(path).document, doc)


def test_the_container_is_read_by_content_not_by_name(tmp_path):
    doc = new_document("HuberLoss")
    write_session(tmp_path / "s.lossgui", doc)
    renamed = (tmp_path / "s.lossgui").rename(tmp_path / "s.json")
    _same_bits(read_session(renamed).document, doc)


def test_other_names_stay_readable_version_1_json(tmp_path):
    doc = new_document("HuberLoss")
    write_session(tmp_path / "s.json", doc)
    text = (tmp_path / "s.json").read_text(encoding="utf-8")
    assert json.loads(text)["version"] == 1
    assert text == dumps_session(doc)


def test_a_hand_written_version_1_file_opens(tmp_path):
    path = tmp_path / "v1.json"
    path.write_text(
        json.dumps(
            {
                "format": "lossgui-session",
                "version": 1,
                "loss": "CrossEntropyLoss",
                "tensors": {"input": [[2.0, 3.0, 0.1]], "target": [1]},
            }
        )
    )
    doc = read_session(path).document
    assert doc.tensors["input"].tolist() == [[2.0, 3.0, 0.1]]
    assert doc.tensors["target"].dtype == np.int64


# --- hostile containers --------------------------------------------------------


def _container(tmp_path, loss="CrossEntropyLoss"):
    doc = new_document(loss)
    path = tmp_path / "s.lossgui"
    write_session(path, doc)
    return path


def _manifest(path):
    with zipfile.ZipFile(path) as archive:
        return json.loads(archive.read("manifest.json"))


def _members(path):
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(path, members, compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def _npy(array, allow_pickle=False):
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=allow_pickle)
    return buffer.getvalue()


def _refused(path, pattern):
    with pytest.raises(FileFormatError, match=pattern):
        read_session(path)


def test_a_pickled_object_member_is_refused(tmp_path):
    path = _container(tmp_path)
    members = _members(path)
    rows = np.load(io.BytesIO(members["tensors/input.npy"])).shape
    members["tensors/input.npy"] = _npy(
        np.full(rows, 1.0, dtype=object), allow_pickle=True
    )
    _rewrite(path, members)
    _refused(path, "'input' holds pickled Python objects")


def _declare_size(path, member, size):
    """Patch the size the zip's central directory declares for ``member``."""
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")
    while True:
        name_length, extra, comment = struct.unpack_from("<HHH", data, entry + 28)
        if data[entry + 46 : entry + 46 + name_length] == member.encode():
            break
        entry += 46 + name_length + extra + comment
    struct.pack_into("<I", data, entry + 24, size)  # uncompressed size
    path.write_bytes(bytes(data))
    return struct.unpack_from("<I", data, entry + 20)[0]  # compressed size


def test_a_member_declaring_too_many_bytes_is_refused(tmp_path):
    path = _container(tmp_path)
    limit = npy_zip.MAX_BINARY_ELEMENTS * 8 + npy_zip.MAX_NPY_HEADER
    _declare_size(path, "tensors/input.npy", limit + 1)
    _refused(path, f"'tensors/input.npy' declares {limit + 1:,} bytes; the limit is")


def test_a_tensor_over_the_element_limit_is_refused(tmp_path, monkeypatch):
    path = _container(tmp_path)
    monkeypatch.setattr(npy_zip, "MAX_BINARY_ELEMENTS", 2)
    _refused(path, "'input' has .* values .*; the limit is 2")


def test_a_container_over_the_total_limit_is_refused(tmp_path, monkeypatch):
    path = _container(tmp_path)
    monkeypatch.setattr(npy_zip, "MAX_ARCHIVE_BYTES", 100)
    _refused(path, "the container declares .* GiB of data; the limit is")


def test_a_declared_size_deflate_cannot_reach_is_refused(tmp_path):
    path = _container(tmp_path)
    _rewrite(path, _members(path), zipfile.ZIP_DEFLATED)
    compressed = _declare_size(path, "manifest.json", 0)
    _declare_size(path, "manifest.json", compressed * 2000)
    _refused(path, "'manifest.json' declares .* more than deflate can produce")


def test_a_stored_member_declaring_another_size_is_refused(tmp_path):
    path = _container(tmp_path)
    _declare_size(path, "tensors/target.npy", 10)
    _refused(path, "'tensors/target.npy' is stored uncompressed, yet declares 10")


def test_a_shape_other_than_the_manifest_says_is_refused(tmp_path):
    path = _container(tmp_path)
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    rows, columns = manifest["tensors"]["input"]["shape"]
    manifest["tensors"]["input"]["shape"] = [rows + 1, columns]
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, rf"'input' has shape \({rows}, {columns}\); the manifest declares")


def test_a_shape_that_does_not_fit_the_loss_is_refused(tmp_path):
    path = _container(tmp_path)
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    rows = manifest["tensors"]["target"]["shape"][0]
    members["tensors/target.npy"] = _npy(np.zeros(rows + 2, dtype=np.int64))
    manifest["tensors"]["target"]["shape"] = [rows + 2]
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, rf"'target' has shape \({rows + 2},\), but .* must have shape")


def test_a_dtype_outside_the_whitelist_is_refused(tmp_path):
    path = _container(tmp_path, "MSELoss")
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    shape = manifest["tensors"]["input"]["shape"]
    manifest["tensors"]["input"]["dtype"] = "float16"
    members["tensors/input.npy"] = _npy(np.zeros(shape, dtype=np.float16))
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, "'input' is declared as 'float16'; a container holds float32")


def test_a_member_whose_dtype_differs_from_the_manifest_is_refused(tmp_path):
    path = _container(tmp_path, "MSELoss")
    members = _members(path)
    shape = _manifest(path)["tensors"]["input"]["shape"]
    members["tensors/input.npy"] = _npy(np.zeros(shape, dtype=np.int64))
    _rewrite(path, members)
    _refused(path, "'input' holds '<i8' values; the manifest declares float(32|64)")


@pytest.mark.parametrize(
    "name",
    ["notes.txt", "tensors/extra.npy", "../evil.npy", "tensors/../../x.npy", "/abs"],
)
def test_unexpected_and_traversing_members_are_refused(tmp_path, name):
    path = _container(tmp_path)
    members = _members(path)
    members[name] = _npy(np.zeros(3))
    _rewrite(path, members)
    _refused(path, "unexpected member")


def test_a_reference_to_another_member_is_refused(tmp_path):
    path = _container(tmp_path)
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    manifest["tensors"]["target"]["npy"] = "tensors/input.npy"
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, "'target' must be stored in 'tensors/target.npy'")


def test_a_missing_member_is_refused(tmp_path):
    path = _container(tmp_path)
    members = _members(path)
    del members["tensors/target.npy"]
    _rewrite(path, members)
    _refused(path, "no tensors/target.npy")


@pytest.mark.parametrize("keep", [0.5, 0.95])
def test_a_truncated_container_is_refused(tmp_path, keep):
    path = _container(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    _refused(path, "truncated")


def test_a_damaged_member_is_refused(tmp_path):
    path = _container(tmp_path, "MSELoss")
    data = bytearray(path.read_bytes())
    at = data.index(b"tensors/input.npy") + len("tensors/input.npy") + 200
    data[at] ^= 0xFF  # inside the stored numbers: the CRC no longer matches
    path.write_bytes(bytes(data))
    _refused(path, "damaged")


@pytest.mark.parametrize(
    ("version", "pattern"), [(3, "newer lossgui"), (1, "must be format version 2")]
)
def test_a_manifest_of_another_version_is_refused(tmp_path, version, pattern):
    path = _container(tmp_path)
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    manifest["version"] = version
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, pattern)


def test_an_unwritable_path_leaves_nothing(tmp_path):
    with pytest.raises(OSError):
        write_session(tmp_path / "missing" / "s.lossgui", new_document("MSELoss"))
    assert list(tmp_path.iterdir()) == []


def test_an_empty_two_dimensional_member_is_refused_with_a_reason(tmp_path):
    """A (2, 0) member: read (no bytes), then refused as empty, not a crash."""
    path = _container(tmp_path, "MSELoss")
    members = _members(path)
    manifest = json.loads(members["manifest.json"])
    ref = manifest["tensors"]["input"]
    dtype = np.dtype(ref["dtype"])
    members["tensors/input.npy"] = _npy(np.zeros((2, 0), dtype))
    ref["shape"] = [2, 0]
    members["manifest.json"] = json.dumps(manifest).encode()
    _rewrite(path, members)
    _refused(path, "empty")
