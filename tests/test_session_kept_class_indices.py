"""Switching a class-index loss to a binary loss keeps the class indices.

Seed article 002 feeds CrossEntropyLoss's class index to BCEWithLogitsLoss
and prints torch's size-mismatch error; the session must be able to show
exactly that, and offer the one-hot conversion as a fix (one undo step).
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.engine.errors import LossInputError
from lossgui.io.session_file import documents_equal, dumps_session, loads_session
from lossgui.session import new_document, switch_loss
from lossgui.session.diagnostics import diagnose
from lossgui.session.grid_ops import one_hot
from lossgui.session.layout import target_name

SEED_002_ERROR = (
    "ValueError: Target size (torch.Size([1])) must be the same as input size "
    "(torch.Size([1, 3]))"
)


def seed_002_cross_entropy():
    doc = new_document("CrossEntropyLoss")
    doc.tensors["input"] = np.array([[2.0, 3.0, 0.1]])
    doc.tensors["target"] = np.array([1], dtype=np.int64)
    return doc


def one_hot_fix(doc):
    found = [f for f in diagnose(doc) if f.code == "class-indices-to-binary"]
    assert found, [f.code for f in diagnose(doc)]
    (fix,) = [fix for fix in found[0].fixes if fix.label == "One-hot the target"]
    draft = doc.copy()
    out = fix.apply(draft)
    return draft if out is None else out


def test_switch_to_bce_with_logits_keeps_the_class_indices():
    bce = switch_loss(new_document("CrossEntropyLoss"), "BCEWithLogitsLoss")
    assert bce.tensors["target"].tolist() == [3, 0, 2]
    assert bce.tensors["target"].dtype == np.int64
    slot = bce.slot("target")
    assert (slot.role, slot.kind, slot.hint) == ("rows", "index", "class indices")
    assert bce.table("target").shape == (3, 1)


def test_seed_002_class_index_shows_torchs_size_error():
    bce = switch_loss(seed_002_cross_entropy(), "BCEWithLogitsLoss")
    evaluation = bce.evaluate()
    assert evaluation.error is not None and evaluation.result is None
    assert evaluation.error.torch_text == SEED_002_ERROR
    with pytest.raises(LossInputError) as engine_error:
        compute("BCEWithLogitsLoss", np.float32([[2, 3, 0.1]]), np.float32([1.0]))
    assert engine_error.value.torch_text == evaluation.error.torch_text


def test_the_banner_fix_one_hots_the_kept_indices():
    bce = switch_loss(seed_002_cross_entropy(), "BCEWithLogitsLoss")
    finding = next(f for f in diagnose(bce) if f.code == "class-indices-to-binary")
    assert finding.severity == "error"
    assert SEED_002_ERROR in finding.detail
    fixed = one_hot_fix(bce)
    assert fixed.tensors["target"].tolist() == [[0.0, 1.0, 0.0]]
    assert (fixed.slot("target").role, fixed.slot("target").kind) == ("grid", "float")
    assert fixed.target_mode == "index"
    # the article's one-hot value, seed case s002-bcewl-onehot
    assert float(fixed.evaluate().value) == pytest.approx(0.973304033279419, rel=1e-6)
    assert "class-indices-to-binary" not in {f.code for f in diagnose(fixed)}
    # the fix edits a copy: the document it was offered for is unchanged
    assert bce.tensors["target"].tolist() == [1]


def test_kept_indices_go_back_to_a_class_index_loss_unchanged():
    bce = switch_loss(new_document("CrossEntropyLoss"), "BCEWithLogitsLoss")
    for name in ("CrossEntropyLoss", "NLLLoss"):
        back = switch_loss(bce, name)
        assert back.tensors["target"].tolist() == [3, 0, 2]
        np.testing.assert_array_equal(back.tensors["input"], bce.tensors["input"])
        assert back.evaluate().ok


def test_kept_indices_follow_row_edits():
    bce = switch_loss(new_document("CrossEntropyLoss"), "BCEWithLogitsLoss")
    bce.insert_rows(3, 1)
    assert bce.tensors["target"].shape == (4,)
    assert bce.tensors["input"].shape == (4, 5)
    bce.remove_columns(0, 1)
    assert bce.tensors["target"].shape == (4,)
    assert "must be the same as input size" in str(bce.evaluate().error)


def test_kept_indices_round_trip_through_a_session_file():
    bce = switch_loss(new_document("CrossEntropyLoss"), "BCEWithLogitsLoss")
    loaded = loads_session(dumps_session(bce)).document
    assert documents_equal(loaded, bce)
    assert loaded.slot("target").role == "rows"
    assert loaded.evaluate().error.torch_text == bce.evaluate().error.torch_text


def test_soft_targets_and_two_classes_still_convert():
    soft = new_document("CrossEntropyLoss", "probability")
    bce = switch_loss(soft, "BCEWithLogitsLoss")
    np.testing.assert_array_equal(
        bce.tensors["target"], one_hot(np.array([3, 0, 2]), 5)
    )
    assert bce.evaluate().ok
    two = new_document("CrossEntropyLoss")
    two.remove_columns(2, 3)
    two.tensors["target"] = np.array([1, 0, 1])
    binary = switch_loss(two, "BCEWithLogitsLoss")
    assert binary.tensors["target"].tolist() == [1.0, 0.0, 1.0]
    assert binary.evaluate().ok


@pytest.mark.parametrize("name", ["BCELoss", "sigmoid_focal_loss", "SoftDiceLoss"])
def test_every_binary_loss_keeps_the_indices_and_shows_torchs_error(name):
    doc = switch_loss(new_document("CrossEntropyLoss"), name)
    assert doc.tensors[target_name(doc.spec)].tolist() == [3, 0, 2]
    assert doc.evaluate().error is not None
    assert one_hot_fix(doc).evaluate().ok


def test_non_binary_losses_are_unchanged():
    mse = switch_loss(new_document("CrossEntropyLoss"), "MSELoss")
    assert mse.target_mode == "index"
    assert mse.tensors["target"].shape == mse.tensors["input"].shape
