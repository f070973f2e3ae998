"""The session document, its conversions and its evaluation (no Qt)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from lossgui.engine import LOSSES, LossInputError, compute
from lossgui.engine.pipeline import compute_from_logits
from lossgui.session import (
    new_document,
    startup_document,
    switch_loss,
    switch_target_mode,
)
from lossgui.session.call_text import call_text
from lossgui.session.diagnostics import diagnose
from lossgui.session.grid_ops import argmax_labels, one_hot, random_logits

#: Every loss fits the document (CTCLoss in its unbatched (T, C) form).
GRID_LOSSES = list(LOSSES)


def test_startup_is_the_cat_dog_batch():
    doc = startup_document()
    assert doc.loss == "BCEWithLogitsLoss"
    assert doc.reduction == "mean"
    assert doc.tensors["input"].tolist() == [-0.8, 0.7, 0.5]
    assert doc.tensors["target"].tolist() == [1.0, 0.0, 0.0]
    evaluation = doc.evaluate()
    assert f"{float(evaluation.value):.4f}" == "1.0828"
    assert evaluation.receipt.text == "sum of losses 3.2484 / 3 elements"


def test_evaluation_matches_compute_and_is_frozen():
    doc = startup_document()
    evaluation = doc.evaluate()
    expected = compute("BCEWithLogitsLoss", [-0.8, 0.7, 0.5], [1.0, 0.0, 0.0])
    assert evaluation.value == expected.value
    np.testing.assert_array_equal(evaluation.result.grad, expected.grad)
    assert not evaluation.grid.flags.writeable
    doc.tensors["input"][0] = 5.0  # later edits do not reach the snapshot
    assert evaluation.grid[0] == np.float32(-0.8)


def test_values_are_stored_exactly_and_cast_at_evaluate():
    doc = startup_document()
    doc.set_values("input", np.array([0]), np.array([0]), np.array([0.1]))
    assert doc.tensors["input"][0] == 0.1  # float64, as typed
    assert doc.evaluate().grid.dtype == np.float32
    assert doc.evaluate().grid[0] == np.float32(0.1)
    doc.set_setting("dtype", "float64")
    assert doc.evaluate().grid.dtype == np.float64
    assert doc.evaluate().value.dtype == np.float64


def test_settings_are_checked_against_the_registry():
    doc = startup_document()
    with pytest.raises(ValueError):
        doc.set_setting("reduction", "batchmean")
    with pytest.raises(ValueError):
        doc.set_setting("dtype", "float16")
    with pytest.raises(KeyError):
        doc.set_setting("param.nope", 1)
    doc.set_setting("enabled.pos_weight", True)
    assert doc.setting("enabled.pos_weight") is True


def test_torch_errors_become_part_of_the_evaluation():
    doc = switch_loss(startup_document(), "BCELoss")
    doc.set_setting("input_mode", "raw")
    doc.set_values("input", np.array([0]), np.array([0]), np.array([2.0]))
    evaluation = doc.evaluate()
    assert not evaluation.ok
    assert isinstance(evaluation.error, LossInputError)
    assert evaluation.error.torch_text == (
        "RuntimeError: all elements of input should be between 0 and 1"
    )
    assert evaluation.probabilities is not None  # still shown beside the grid


@pytest.mark.parametrize("name", list(LOSSES))
def test_every_loss_has_an_example_that_evaluates(name):
    doc = new_document(name)
    evaluation = (
        doc.evaluate()
    )  # a LossInputError is allowed, any other exception is a bug
    if name in GRID_LOSSES:
        assert evaluation.ok, evaluation.error
        args = [array for _, array in evaluation.inputs]
        expected = compute_from_logits(
            name,
            args[0],
            *args[1:],
            input_mode=doc.input_mode,
            **dict(evaluation.kwargs),
        )
        np.testing.assert_array_equal(evaluation.value, expected.loss.value)


@pytest.mark.parametrize("name", GRID_LOSSES)
def test_switching_from_the_startup_loss_and_back(name):
    start = startup_document()
    doc = switch_loss(start, name)
    assert doc.loss == name
    doc.evaluate()
    back = switch_loss(doc, "BCEWithLogitsLoss")
    assert back.rows >= 1
    back.evaluate()


def test_binary_logits_become_two_class_logits_with_the_same_loss():
    doc = switch_loss(startup_document(), "CrossEntropyLoss")
    np.testing.assert_array_equal(doc.tensors["input"], [[0, -0.8], [0, 0.7], [0, 0.5]])
    assert doc.tensors["target"].tolist() == [1, 0, 0]
    assert doc.tensors["target"].dtype == np.int64
    # softmax([0, z])[1] == sigmoid(z): cross-entropy equals BCE with logits
    assert float(doc.evaluate().value) == pytest.approx(1.0827878713607788, rel=1e-6)
    back = switch_loss(doc, "BCEWithLogitsLoss")
    np.testing.assert_allclose(back.tensors["input"], [-0.8, 0.7, 0.5])
    assert back.tensors["target"].tolist() == [1.0, 0.0, 0.0]


def test_class_indices_become_one_hot_rows_and_back():
    ce = new_document("CrossEntropyLoss")
    bce = switch_loss(ce, "BCEWithLogitsLoss")
    assert bce.tensors["target"].tolist() == [3, 0, 2]  # kept: torch's size error
    (fix,) = next(f for f in diagnose(bce) if f.code == "class-indices-to-binary").fixes
    fix.apply(bce)  # the banner's "One-hot the target"
    np.testing.assert_array_equal(
        bce.tensors["target"], one_hot(np.array([3, 0, 2]), 5)
    )
    np.testing.assert_array_equal(bce.tensors["input"], ce.tensors["input"])
    again = switch_loss(bce, "NLLLoss")
    assert again.tensors["target"].tolist() == [3, 0, 2]


def test_target_mode_switch_keeps_the_loss_value():
    ce = new_document("CrossEntropyLoss")
    soft = switch_target_mode(ce, "probability")
    assert soft.target_mode == "probability"
    assert soft.slot("target").kind == "float"
    np.testing.assert_array_equal(
        soft.tensors["target"], one_hot(np.array([3, 0, 2]), 5)
    )
    assert float(soft.evaluate().value) == pytest.approx(
        float(ce.evaluate().value), rel=1e-6
    )
    back = switch_target_mode(soft, "index")
    assert back.tensors["target"].tolist() == [3, 0, 2]


def test_settings_carry_over_when_they_exist_in_the_new_loss():
    ce = new_document("CrossEntropyLoss")
    ce.set_setting("param.ignore_index", 1)
    ce.set_setting("reduction", "sum")
    ce.set_setting("enabled.weight", True)
    ce.set_values("weight", np.array([0]), np.array([1]), np.array([2.0]))
    nll = switch_loss(ce, "NLLLoss")
    assert nll.params["ignore_index"] == 1
    assert nll.reduction == "sum"
    assert nll.enabled["weight"] is True
    assert nll.tensor_params["weight"][1] == 2.0
    kl = switch_loss(nll, "KLDivLoss")
    assert kl.reduction == "sum"


def test_resize_insert_and_remove_keep_every_tensor_consistent():
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("enabled.weight", True)
    doc.resize(4, 6)
    assert doc.tensors["input"].shape == (4, 6)
    assert doc.tensors["target"].shape == (4,)
    assert doc.tensor_params["weight"].shape == (6,)
    assert doc.tensor_params["weight"][-1] == 1.0  # weights pad with ones
    doc.insert_rows(0, 2)
    assert doc.rows == 6 and doc.tensors["target"][:2].tolist() == [0, 0]
    doc.remove_rows(0, 100)
    assert doc.rows == 1  # one row always remains
    doc.remove_columns(1, 3)
    assert doc.columns == 3 and doc.tensor_params["weight"].shape == (3,)


def test_one_column_of_an_elementwise_loss_is_a_vector():
    doc = startup_document()
    doc.resize(3, 2)
    assert doc.tensors["input"].shape == (3, 2)
    assert doc.tensor_params["pos_weight"].shape == (2,)
    doc.resize(3, 1)
    assert doc.tensors["input"].shape == (3,)
    assert f"{float(doc.evaluate().value):.4f}" == "1.0828"


def test_grid_helpers():
    assert one_hot(np.array([1, -100, 0]), 2).tolist() == [[0, 1], [0, 0], [1, 0]]
    assert argmax_labels(np.array([[0.1, 0.9], [0.7, 0.3]])).tolist() == [1, 0]
    assert argmax_labels(np.array([1.0, 0.0])).tolist() == [1, 0]
    np.testing.assert_array_equal(random_logits((3, 2), 7), random_logits((3, 2), 7))
    assert not np.array_equal(random_logits((3, 2), 7), random_logits((3, 2), 8))
    doc = startup_document()
    doc.randomize(seed=3)
    np.testing.assert_array_equal(doc.tensors["input"], random_logits((3,), 3))
    doc.fill_column("target", 0, 1.0)
    assert doc.tensors["target"].tolist() == [1.0, 1.0, 1.0]


def test_one_hot_target_from_indices_resizes_the_batch():
    doc = new_document("MultiLabelSoftMarginLoss")
    doc.set_one_hot_target([2, 0, 1, 1])
    assert doc.rows == 4
    np.testing.assert_array_equal(
        doc.tensors["target"], one_hot(np.array([2, 0, 1, 1]), 3)
    )
    with pytest.raises(ValueError):
        doc.set_one_hot_target([3])


def test_receipts_name_what_mean_divides_by():
    ce = new_document("CrossEntropyLoss")
    ce.set_setting("enabled.weight", True)
    text = ce.evaluate().receipt.text
    assert text.startswith("Σ w[y]·l ") and text.endswith(
        "/ Σ w[y] over non-ignored rows 3"
    )
    unweighted = new_document("NLLLoss").evaluate().receipt.text
    assert unweighted.endswith("/ 3 non-ignored rows")
    kl = new_document("KLDivLoss")
    kl.set_setting("reduction", "batchmean")
    assert kl.evaluate().receipt.text.endswith("/ 2 = batch size, input.size(0)")
    doc = startup_document()
    doc.set_setting("enabled.weight", True)
    assert doc.evaluate().receipt.text == "sum of weighted losses 3.2484 / 3 elements"
    doc.set_setting("reduction", "sum")
    assert (
        doc.evaluate().receipt.text == "reduction='sum': sum of weighted losses 3.2484"
    )


def test_call_text_reads_like_pytorch():
    doc = switch_loss(startup_document(), "BCELoss")
    doc.set_setting("reduction", "sum")
    assert call_text(doc.evaluate()) == (
        "nn.BCELoss(reduction='sum')(torch.sigmoid(input), target)"
    )
    nll = new_document("NLLLoss")
    nll.set_setting("param.ignore_index", 1)
    assert call_text(nll.evaluate()) == (
        "nn.NLLLoss(ignore_index=1, reduction='mean')(F.log_softmax(input, dim=1), target)"
    )
    l1 = new_document("L1Loss")
    l1.set_setting("enabled.weight", True)
    assert call_text(l1.evaluate()).startswith(
        "F.l1_loss(input, target, weight=torch.tensor([1., 1., 1., 1.])"
    )


def test_document_copy_and_assign_are_deep():
    doc = startup_document()
    clone = doc.copy()
    clone.tensors["input"][0] = 9.0
    assert doc.tensors["input"][0] == -0.8
    doc.assign(clone)
    assert doc.tensors["input"][0] == 9.0
    clone.tensors["input"][0] = 1.0
    assert doc.tensors["input"][0] == 9.0


def test_session_package_never_imports_qt():
    code = (
        "import sys, lossgui.session, lossgui.engine, lossgui.io.cells;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'lossgui.ui'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_binary_vector_becomes_one_column_for_per_class_sigmoid_losses():
    doc = switch_loss(startup_document(), "MultiLabelSoftMarginLoss")
    assert doc.tensors["input"].shape == (3, 1)
    assert doc.tensors["target"].shape == (3, 1)
    # one class: the per-class sigmoid loss is BCE itself
    assert f"{float(doc.evaluate().value):.4f}" == "1.0828"
    back = switch_loss(doc, "BCEWithLogitsLoss")
    assert back.tensors["input"].tolist() == [-0.8, 0.7, 0.5]
    assert back.tensors["target"].tolist() == [1.0, 0.0, 0.0]


def test_call_text_names_functions_and_losses_beyond_torch_honestly():
    from lossgui.session import new_document
    from lossgui.session.call_text import call_text

    focal = call_text(new_document("sigmoid_focal_loss").evaluate())
    assert focal.startswith("torchvision.ops.sigmoid_focal_loss(")
    logcosh = call_text(new_document("LogCoshLoss").evaluate())
    assert logcosh.startswith("LogCoshLoss(") and "not in torch.nn" in logcosh
    ctc = call_text(new_document("CTCLoss").evaluate())
    assert "F.log_softmax(log_probs, dim=-1)" in ctc
