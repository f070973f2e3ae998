"""CTCLoss in the session document: the unbatched form, built from metadata (no Qt)."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import LOSSES, LossInputError, compute
from lossgui.engine.pipeline import compute_from_logits
from lossgui.session import new_document, startup_document, switch_loss
from lossgui.session.layout import as_table, batch_dropped, forward_slots


def log_softmax(z: np.ndarray) -> np.ndarray:
    shifted = z - z.max(axis=-1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=-1, keepdims=True))


def test_roles_come_from_the_registry_shapes():
    spec = LOSSES["CTCLoss"]
    assert batch_dropped(spec)
    slots = {slot.name: slot for slot in forward_slots(spec)}
    assert slots["log_probs"].role == "grid" and slots["log_probs"].kind == "float"
    assert slots["targets"].role == "sequence" and slots["targets"].kind == "index"
    assert slots["input_lengths"].role == "scalar"
    assert slots["input_lengths"].counts == "rows"
    assert slots["target_lengths"].role == "scalar"
    assert slots["target_lengths"].counts == "targets"
    assert not any(batch_dropped(LOSSES[n]) for n in LOSSES if n != "CTCLoss")


def test_label_list_hint_explains_the_terminator():
    target = forward_slots(LOSSES["MultiLabelMarginLoss"])[1]
    assert "-1" in target.hint and "-1" in target.doc


def test_example_is_one_sequence_with_a_finite_loss():
    doc = new_document("CTCLoss")
    assert doc.tensors["log_probs"].shape == (6, 4)
    assert doc.tensors["targets"].tolist() == [1, 2, 2]
    assert int(doc.tensors["input_lengths"]) == 6
    assert int(doc.tensors["target_lengths"]) == 3
    assert (doc.rows, doc.columns) == (6, 4)
    evaluation = doc.evaluate()
    assert evaluation.ok, evaluation.error
    assert np.isfinite(evaluation.value) and evaluation.value.shape == ()
    assert evaluation.result.grad.shape == (6, 4)
    assert np.all(np.isfinite(evaluation.result.grad))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_document_evaluates_to_compute_on_the_same_arrays(reduction, dtype):
    doc = switch_loss(startup_document(), "CTCLoss")
    doc.set_setting("reduction", reduction)
    doc.set_setting("dtype", dtype)
    evaluation = doc.evaluate()
    logits = doc.tensors["log_probs"].astype(dtype)
    args = (
        doc.tensors["targets"],
        doc.tensors["input_lengths"],
        doc.tensors["target_lengths"],
    )
    direct = compute(
        "CTCLoss", log_softmax(logits), *args, reduction=reduction, blank=0
    )
    np.testing.assert_allclose(
        evaluation.value, direct.value, rtol=1e-5 if dtype == "float32" else 1e-12
    )
    piped = compute_from_logits("CTCLoss", logits, *args, reduction=reduction)
    np.testing.assert_array_equal(evaluation.value, piped.loss.value)
    np.testing.assert_array_equal(evaluation.result.grad, piped.grad)


def test_startup_switch_shows_the_example():
    doc = switch_loss(startup_document(), "CTCLoss")
    assert doc.tensors["targets"].tolist() == [1, 2, 2]
    back = switch_loss(doc, "CrossEntropyLoss")
    assert back.evaluate().ok  # the sequence is not taken for class indices


def test_lengths_follow_t_and_s_until_set_shorter():
    doc = new_document("CTCLoss")
    doc.resize(9, 4)
    assert int(doc.tensors["input_lengths"]) == 9
    doc.resize_sequence("targets", 5)
    assert doc.tensors["targets"].tolist() == [1, 2, 2, 1, 1]  # blank + 1
    assert int(doc.tensors["target_lengths"]) == 5
    assert doc.evaluate().ok
    doc.set_values("input_lengths", np.array([0]), np.array([0]), np.array([7]))
    doc.resize(12, 4)
    assert int(doc.tensors["input_lengths"]) == 7  # set by the user: kept
    doc.resize(4, 4)
    assert int(doc.tensors["input_lengths"]) == 4  # clipped to T
    doc.resize_sequence("targets", 2)
    assert int(doc.tensors["target_lengths"]) == 2
    doc.insert_rows(0, 3)
    doc.remove_rows(0, 2)
    doc.insert_columns(1)
    doc.remove_columns(1)
    assert doc.tensors["targets"].shape == (2,)
    assert int(doc.tensors["target_lengths"]) == 2
    assert doc.evaluate().ok


def test_every_resize_keeps_the_lengths_valid():
    doc = new_document("CTCLoss")
    rng = np.random.default_rng(0)
    for _ in range(40):
        doc.resize(int(rng.integers(1, 10)), int(rng.integers(2, 6)))
        doc.resize_sequence("targets", int(rng.integers(1, 6)))
        steps, length = doc.rows, doc.tensors["targets"].size
        assert 0 <= int(doc.tensors["input_lengths"]) <= steps
        assert 0 <= int(doc.tensors["target_lengths"]) <= length
        evaluation = doc.evaluate()  # a short T gives inf, never a shape error
        assert evaluation.ok or "out of bounds" in str(evaluation.error)


def test_tables_are_one_row_views():
    doc = new_document("CTCLoss")
    assert as_table(doc.tensors["targets"], "sequence").shape == (1, 3)
    assert doc.table("input_lengths").shape == (1, 1)
    doc.set_values("targets", np.array([0]), np.array([1]), np.array([3.0]))
    assert doc.tensors["targets"].tolist() == [1, 3, 2]


def test_bad_length_is_torchs_error():
    doc = new_document("CTCLoss")
    doc.set_values("input_lengths", np.array([0]), np.array([0]), np.array([9]))
    evaluation = doc.evaluate()
    assert isinstance(evaluation.error, LossInputError)
    assert "input_lengths" in str(evaluation.error)


def test_imported_sequence_brings_its_length():
    from lossgui.session.import_arrays import assign_arrays

    doc = assign_arrays(new_document("CTCLoss"), {"targets": np.array([1, 2, 3, 3])})
    assert doc.tensors["targets"].tolist() == [1, 2, 3, 3]
    assert int(doc.tensors["target_lengths"]) == 4
    assert doc.evaluate().ok


def test_session_file_round_trip():
    from lossgui.io.session_file import documents_equal, dumps_session, loads_session

    doc = new_document("CTCLoss")
    doc.resize_sequence("targets", 4)
    assert documents_equal(doc, loads_session(dumps_session(doc)).document)
