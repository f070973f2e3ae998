import pickle

import numpy as np
import pytest

from lossgui.io.arrays import load_arrays
from lossgui.io.errors import FileFormatError


def test_npy_round_trip(tmp_path):
    path = tmp_path / "logits.npy"
    data = np.array([[-0.8, 0.7, 0.5]], dtype=np.float32)
    np.save(path, data)
    arrays = load_arrays(path)
    assert list(arrays) == ["logits"]
    np.testing.assert_array_equal(arrays["logits"], data)
    assert arrays["logits"].dtype == np.float32


def test_npz_gives_every_member(tmp_path):
    path = tmp_path / "batch.npz"
    np.savez(path, logits=np.zeros((4, 3)), labels=np.array([0, 1, 2, 1]))
    arrays = load_arrays(path)
    assert set(arrays) == {"logits", "labels"}
    assert arrays["labels"].dtype == np.int64


def test_pickled_npy_is_refused(tmp_path):
    path = tmp_path / "evil.npy"
    np.save(path, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(FileFormatError, match="pickle"):
        load_arrays(path)


def test_pickled_npz_member_is_refused(tmp_path):
    path = tmp_path / "evil.npz"
    np.savez(path, ok=np.ones(3), bad=np.array([None, 1], dtype=object))
    with pytest.raises(FileFormatError, match="pickle"):
        load_arrays(path)


def test_truncated_npy_is_refused(tmp_path):
    path = tmp_path / "cut.npy"
    np.save(path, np.arange(1000, dtype=np.float64))
    path.write_bytes(path.read_bytes()[:500])
    with pytest.raises(FileFormatError, match="damaged or truncated"):
        load_arrays(path)


def test_gigantic_header_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.npy"
    header = {"descr": "<f8", "fortran_order": False, "shape": (10**6, 10**6)}
    with path.open("wb") as stream:
        np.lib.format.write_array_header_1_0(stream, header)
    with pytest.raises(FileFormatError, match="elements; the limit is"):
        load_arrays(path)


def test_not_numpy_at_all(tmp_path):
    path = tmp_path / "fake.npy"
    path.write_bytes(pickle.dumps([1, 2, 3]))
    with pytest.raises(FileFormatError, match="not a valid .npy"):
        load_arrays(path)


def test_string_array_is_refused(tmp_path):
    path = tmp_path / "words.npy"
    np.save(path, np.array(["cat", "dog"]))
    with pytest.raises(FileFormatError, match="needs numbers"):
        load_arrays(path)


# CSV/TSV tables: tests/io/test_table_reader.py


def test_missing_file_and_unknown_suffix(tmp_path):
    with pytest.raises(FileFormatError, match="does not exist"):
        load_arrays(tmp_path / "nope.npy")
    other = tmp_path / "notes.docx"
    other.write_bytes(b"x")
    with pytest.raises(FileFormatError, match="not supported"):
        load_arrays(other)


def test_pt_tensors_load_with_weights_only(tmp_path):
    torch = pytest.importorskip("torch")
    path = tmp_path / "outputs.pt"
    torch.save(
        {"logits": torch.tensor([[1.0, 2.0]]), "labels": torch.tensor([1])}, path
    )
    arrays = load_arrays(path)
    np.testing.assert_array_equal(arrays["logits"], [[1.0, 2.0]])
    assert arrays["labels"].dtype == np.int64


class _Payload:
    def __reduce__(self):
        return (print, ("code ran",))


def test_pt_with_code_is_refused(tmp_path, capsys):
    torch = pytest.importorskip("torch")
    path = tmp_path / "evil.pt"
    torch.save({"x": _Payload()}, path)
    with pytest.raises(FileFormatError, match="weights_only|beyond tensors"):
        load_arrays(path)
    assert "code ran" not in capsys.readouterr().out
