"""Pasting a block: where its values land and how each kind of tensor grows."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.session import new_document
from lossgui.session.paste_fit import plan_paste


def _paste(doc, name, row, column, block):
    """Paste like the window does; the document is changed in place."""
    block = np.asarray(block, dtype=np.float64)
    plan = plan_paste(doc, name, row, column, block.shape)
    plan.write(doc, block)
    return plan


def test_a_block_inside_the_table_lands_cell_by_cell():
    doc = new_document("CrossEntropyLoss")  # input 3 x 5
    before = doc.tensors["input"].copy()
    plan = plan_paste(doc, "input", 1, 2, (2, 3))
    assert not plan.grows
    assert plan.rows.tolist() == [1, 1, 1, 2, 2, 2]
    assert plan.columns.tolist() == [2, 3, 4, 2, 3, 4]
    _paste(doc, "input", 1, 2, [[1, 2, 3], [4, 5, 6]])
    expected = before.copy()
    expected[1:3, 2:5] = [[1, 2, 3], [4, 5, 6]]
    np.testing.assert_array_equal(doc.tensors["input"], expected)
    assert (doc.rows, doc.columns) == (3, 5)


def test_the_grid_grows_both_ways():
    doc = new_document("CrossEntropyLoss")
    plan = _paste(doc, "input", 2, 4, [[7, 8], [9, 10]])
    assert (plan.grow_rows, plan.grow_columns) == (1, 1)
    assert (doc.rows, doc.columns) == (4, 6)
    assert doc.tensors["input"][2:4, 4:6].tolist() == [[7, 8], [9, 10]]
    assert doc.tensors["target"].shape == (4,)  # every tensor follows N


def test_a_per_sample_target_grows_rows_but_not_columns():
    doc = new_document("CrossEntropyLoss")  # target: one class index per row
    _paste(doc, "target", 2, 0, [[1], [0], [4]])
    assert doc.rows == 5
    assert doc.tensors["target"][2:].tolist() == [1, 0, 4]
    with pytest.raises(ValueError, match=r"block \(1×2\) does not fit target \(5×1\)"):
        plan_paste(doc, "target", 0, 0, (1, 2))


def test_a_per_class_weight_grows_columns_but_not_rows():
    doc = new_document("CrossEntropyLoss")  # weight: one row of C = 5
    _paste(doc, "weight", 0, 4, [[0.5, 2.0, 3.0]])
    assert doc.columns == 7
    assert doc.tensor_params["weight"][4:].tolist() == [0.5, 2.0, 3.0]
    assert doc.tensors["input"].shape == (3, 7)
    with pytest.raises(ValueError, match=r"block \(2×1\) does not fit weight \(1×7\)"):
        plan_paste(doc, "weight", 0, 0, (2, 1))


def test_a_label_sequence_grows_s_not_c():
    doc = new_document("CTCLoss")  # log_probs 6 x 4, targets S = 3
    _paste(doc, "targets", 0, 1, [[2, 3, 3, 1]])
    assert doc.tensors["targets"].tolist()[1:] == [2, 3, 3, 1]
    assert doc.tensors["targets"].size == 5
    assert (doc.rows, doc.columns) == (6, 4)
    with pytest.raises(ValueError, match="does not fit targets"):
        plan_paste(doc, "targets", 0, 0, (2, 1))


def test_a_label_sequence_keeps_its_length_when_the_block_fits():
    doc = new_document("CTCLoss")
    _paste(doc, "targets", 0, 0, [[1]])
    assert doc.tensors["targets"].size == 3
    assert doc.tensors["targets"][0] == 1


@pytest.mark.parametrize("shape", [(1, 2), (2, 1)])
def test_a_scalar_does_not_grow(shape):
    doc = new_document("CTCLoss")
    with pytest.raises(ValueError, match="does not fit input_lengths"):
        plan_paste(doc, "input_lengths", 0, 0, shape)
    assert not plan_paste(doc, "input_lengths", 0, 0, (1, 1)).grows
