"""The one CSV/TSV reader, as the window's import and ``lossgui export`` use it.

Every text table goes through :func:`lossgui.io.arrays.load_arrays`, which
reads it with :func:`lossgui.io.table_reader.read_table`: headers, blank and
duplicate column names, delimiters, ragged rows and big files in chunks.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.io.arrays import load_arrays
from lossgui.io.errors import FileFormatError
from lossgui.io.table_reader import LoadCancelled, column_names, read_table


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _lists(arrays):
    return {name: array.tolist() for name, array in arrays.items()}


def test_csv_with_header_gives_columns(tmp_path):
    path = _write(tmp_path, "preds.csv", "logit,label\n-0.8,1\n0.7,0\n0.5,0\n")
    arrays = load_arrays(path)
    assert _lists(arrays) == {"logit": [-0.8, 0.7, 0.5], "label": [1, 0, 0]}


def test_tsv_without_header_is_one_table_named_after_the_file(tmp_path):
    path = _write(tmp_path, "grid.tsv", "1\t2\t3\n4\t5\t6\n")
    assert _lists(load_arrays(path)) == {"grid": [[1, 2, 3], [4, 5, 6]]}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a;b\n1;2\n", {"a": [1], "b": [2]}),
        ("a b\n1 2\n3   4\n", {"a": [1, 3], "b": [2, 4]}),
        ('"logit", " label "\n1,2\n', {"logit": [1], "label": [2]}),
        ("\ufeffx\ty\n1\t2\n\n3\t4\n", {"x": [1, 3], "y": [2, 4]}),
    ],
    ids=["semicolons", "whitespace", "quoted-and-padded", "bom-and-blank-line"],
)
def test_delimiters_quotes_and_padding(tmp_path, text, expected):
    assert _lists(load_arrays(_write(tmp_path, "t.csv", text))) == expected


def test_a_blank_header_cell_names_its_column_by_position(tmp_path):
    # pandas' DataFrame.to_csv() writes the index under an empty header
    path = _write(tmp_path, "frame.csv", ",logit,label\n0,-0.8,1\n1,0.7,0\n")
    assert _lists(load_arrays(path)) == {
        "column 1": [0, 1],
        "logit": [-0.8, 0.7],
        "label": [1, 0],
    }
    spaces = _write(tmp_path, "spaces.csv", "a,   ,b\n1,2,3\n")
    assert list(load_arrays(spaces)) == ["a", "column 2", "b"]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("logit,label,label", r"two columns named 'label' \(columns 2 and 3\)"),
        ('label,"label"', r"two columns named 'label' \(columns 1 and 2\)"),
        (" y ,x,y", r"two columns named 'y' \(columns 1 and 3\)"),
        ("column 2,", r"two columns named 'column 2' \(columns 1 and 2\)"),
    ],
)
def test_duplicate_column_names_are_refused(tmp_path, header, message):
    width = header.count(",") + 1
    path = _write(tmp_path, "dup.csv", header + "\n" + ",".join(["1"] * width) + "\n")
    with pytest.raises(FileFormatError, match=message) as info:
        load_arrays(path)
    assert "rename one of them" in str(info.value)


def test_column_names_alone():
    assert column_names(["a", " b ", '"c"', "", "\t"]) == [
        "a",
        "b",
        "c",
        "column 4",
        "column 5",
    ]
    with pytest.raises(FileFormatError, match="'a'"):
        column_names(["a", "a "])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a,b\n1,2\n3\n", "line 3 has 1 values"),
        ("1,2\n3\n", "line 2 has 1 values"),
        ("1,2\n3,x\n", "line 2: 'x' is not a number"),
        ("", "empty"),
        ("\n  \n", "empty"),
        ("a,b\n", "no numbers"),
        ("a,b,c\n1,2\n", "header names 3 columns"),
        ("  ,  \n1,2\n", "line 1: empty cell"),
    ],
)
def test_bad_tables_name_the_line(tmp_path, text, message):
    with pytest.raises(FileFormatError, match=message):
        load_arrays(_write(tmp_path, "bad.csv", text))


def test_non_utf8_text_is_refused(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("größe\n1\n".encode("latin-1"))
    with pytest.raises(FileFormatError, match="not UTF-8"):
        load_arrays(path)


def test_a_big_file_loads_in_chunks_with_progress(tmp_path):
    rows = 200_000
    z = np.random.default_rng(0).normal(size=rows)
    path = _write(
        tmp_path,
        "big.csv",
        "logit,label\n" + "\n".join(f"{v!r},{i % 2}" for i, v in enumerate(z.tolist())),
    )
    seen = []
    arrays = read_table(
        path, progress=lambda f: seen.append(f) or True, chunk_lines=20_000
    )
    np.testing.assert_array_equal(arrays["logit"], z)  # repr round-trips exactly
    np.testing.assert_array_equal(arrays["label"], np.arange(rows) % 2)
    assert seen == [(i + 1) / 10 for i in range(10)]
    with pytest.raises(LoadCancelled):
        load_arrays(path, progress=lambda f: False)


def test_rows_of_a_later_chunk_must_match_the_first(tmp_path):
    lines = ["1,2"] * 30 + ["1,2,3"] * 30
    path = _write(tmp_path, "ragged.csv", "\n".join(lines))
    with pytest.raises(FileFormatError, match="near line 31: rows have 3 values"):
        read_table(path, chunk_lines=30)


def test_a_binary_file_reports_progress_once(tmp_path):
    path = tmp_path / "x.npy"
    np.save(path, np.arange(4.0))
    seen = []
    assert load_arrays(path, progress=seen.append)["x"].tolist() == [0, 1, 2, 3]
    assert seen == [1.0]
