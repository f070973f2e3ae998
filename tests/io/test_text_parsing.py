import math

import numpy as np
import pytest

from lossgui.io.errors import FileFormatError
from lossgui.io.text_parse import MAX_DEPTH, parse_block, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.5", 0.5),
        ("  -1.25  ", -1.25),
        ("\u22120.5", -0.5),
        ("1e-300", 1e-300),
        ("+3", 3.0),
        ("inf", math.inf),
        ("-inf", -math.inf),
        ("\u2212inf", -math.inf),
        ("Infinity", math.inf),
    ],
)
def test_numbers_torch_would_take(text, expected):
    assert parse_number(text) == expected


def test_nan_is_a_number():
    assert math.isnan(parse_number(" nan "))


@pytest.mark.parametrize(
    "text", ["", "   ", "abc", "1,5", "0x10", "1_000", "--1", "1e"]
)
def test_garbage_is_refused_with_a_reason(text):
    with pytest.raises(FileFormatError, match="number|empty"):
        parse_number(text)


def test_spreadsheet_block_with_tabs():
    block = parse_block("1\t2\t3\n4\t5\t6\n")
    assert block.source == "table"
    np.testing.assert_array_equal(block.values, [[1, 2, 3], [4, 5, 6]])


def test_spreadsheet_rows_must_be_rectangular():
    with pytest.raises(
        FileFormatError, match="row 2 has 2 values, the first row has 3"
    ):
        parse_block("1\t2\t3\n4\t5\n")


def test_bad_cell_names_its_row():
    with pytest.raises(FileFormatError, match="row 2: 'x' is not a number"):
        parse_block("1,2\nx,3")


def test_python_list():
    block = parse_block("[[-0.8, 0.7, 0.5], [0.2, -0.4, 0.6]]")
    assert block.source == "list"
    np.testing.assert_array_equal(block.values, [[-0.8, 0.7, 0.5], [0.2, -0.4, 0.6]])


def test_torch_repr_with_dtype_and_grad():
    text = "tensor([[ 1.0000, -2.5000],\n        [    nan,    inf]], dtype=torch.float64, requires_grad=True)"
    block = parse_block(text)
    assert block.source == "torch"
    assert block.dtype == "float64"
    assert block.values.shape == (2, 2)
    assert math.isnan(block.values[1, 0])
    assert block.values[1, 1] == math.inf


def test_numpy_repr():
    block = parse_block("array([0.25, 0.75], dtype=float32)")
    assert block.source == "numpy"
    assert block.dtype == "float32"
    np.testing.assert_array_equal(block.values, [0.25, 0.75])


def test_scalar_tensor_repr():
    block = parse_block("tensor(1.0828)")
    assert block.values.shape == ()
    assert float(block.values) == pytest.approx(1.0828)


def test_code_is_never_evaluated():
    with pytest.raises(FileFormatError):
        parse_block("__import__('os').system('echo pwned')")
    with pytest.raises(FileFormatError):
        parse_block("[__import__('os').system('echo pwned')]")


def test_deep_nesting_is_refused_without_recursion():
    text = "[" * 10_000 + "1" + "]" * 10_000
    with pytest.raises(FileFormatError, match=f"deeper than {MAX_DEPTH}"):
        parse_block(text)


def test_ragged_list_is_refused():
    with pytest.raises(FileFormatError, match="different lengths"):
        parse_block("[[1, 2], [3]]")


def test_abbreviated_repr_is_refused():
    with pytest.raises(FileFormatError, match="abbreviated"):
        parse_block("tensor([1., 2., ..., 9.])")


@pytest.mark.parametrize(
    "text", ["[1, 2", "1, 2]", "[1,, 2]", "[1, 2] 3", "[[1], [2]] [3]"]
)
def test_unbalanced_brackets(text):
    with pytest.raises(FileFormatError):
        parse_block(text)
