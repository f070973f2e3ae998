"""Diagnostics: each mistake is detected, its fix applies, and the result changes."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.session import new_document, startup_document
from lossgui.session.diagnostics import diagnose


def codes(doc):
    return {f.code for f in diagnose(doc)}


def finding(doc, code):
    found = [f for f in diagnose(doc) if f.code == code]
    assert found, f"{code} not in {codes(doc)}"
    return found[0]


def applied(doc, fix):
    draft = doc.copy()
    out = fix.apply(draft)
    return draft if out is None else out


def test_examples_are_clean():
    for loss in (
        "BCEWithLogitsLoss",
        "CrossEntropyLoss",
        "NLLLoss",
        "KLDivLoss",
        "MSELoss",
    ):
        assert diagnose(new_document(loss)) == (), loss
    assert diagnose(startup_document()) == ()


def test_probabilities_fed_to_a_logit_loss():
    doc = startup_document()
    doc.tensors["input"] = np.array([0.9, 0.2, 0.1])  # sigmoid outputs, not logits
    f = finding(doc, "probabilities-as-logits")
    fixed = applied(doc, f.fixes[0])
    assert (fixed.loss, fixed.input_mode) == ("BCELoss", "raw")
    expected = compute("BCELoss", np.float32([0.9, 0.2, 0.1]), np.float32([1, 0, 0]))
    assert float(fixed.evaluate().value) == pytest.approx(float(expected.value))
    assert float(fixed.evaluate().value) < float(doc.evaluate().value)
    assert "probabilities-as-logits" not in codes(fixed)


def test_probabilities_in_logits_mode_of_bceloss():
    doc = new_document("BCELoss")
    doc.tensors["input"] = np.array([0.9, 0.2, 0.1])
    fixed = applied(doc, finding(doc, "probabilities-as-logits").fixes[0])
    assert fixed.input_mode == "raw" and fixed.loss == "BCELoss"
    assert "probabilities-as-logits" not in codes(fixed)


def test_logits_fed_to_bceloss():
    doc = new_document("BCELoss")
    doc.set_setting("input_mode", "raw")  # the cat/dog logits go in unchanged
    assert doc.evaluate().error is not None
    f = finding(doc, "logits-to-bce")
    assert f.severity == "error"
    as_logits = applied(doc, f.fixes[0])
    assert as_logits.input_mode == "logits" and as_logits.evaluate().ok
    switched = applied(doc, f.fixes[1])
    assert switched.loss == "BCEWithLogitsLoss"
    assert float(switched.evaluate().value) == pytest.approx(1.0827879, rel=1e-6)


def test_class_indices_fed_to_bce_with_logits_size_error():
    # seed 002: logits (1, 3) with label tensor([1]) -> torch's size error
    doc = new_document("BCEWithLogitsLoss")
    doc.resize(1, 3)
    doc.tensors["input"] = np.array([[2.0, 3.0, 0.1]])
    doc.tensors["target"] = np.array([1.0])
    assert "must be the same as input size" in str(doc.evaluate().error)
    f = finding(doc, "class-indices-to-binary")
    assert f.severity == "error"
    fixed = applied(doc, f.fixes[0])
    assert fixed.tensors["target"].tolist() == [[0.0, 1.0, 0.0]]
    assert float(fixed.evaluate().value) == pytest.approx(0.9733, abs=5e-5)


def test_class_indices_in_a_binary_target_column():
    doc = startup_document()
    doc.tensors["target"] = np.array([1.0, 2.0, 0.0])  # class indices, not 0/1
    f = finding(doc, "class-indices-to-binary")
    fixed = applied(doc, f.fixes[0])
    assert fixed.tensors["target"].tolist() == [[0, 1, 0], [0, 0, 1], [1, 0, 0]]
    assert fixed.tensors["input"].shape == (3, 3)
    assert fixed.evaluate().ok and "class-indices-to-binary" not in codes(fixed)


def test_softmax_applied_twice():
    doc = new_document("CrossEntropyLoss")
    probs = np.array(
        [
            [0.1, 0.1, 0.1, 0.6, 0.1],
            [0.7, 0.1, 0.1, 0.05, 0.05],
            [0.2, 0.2, 0.5, 0.05, 0.05],
        ]
    )
    doc.tensors["input"] = probs
    f = finding(doc, "softmax-twice")
    fixed = applied(doc, f.fixes[0])
    want = -np.mean(np.log(probs[[0, 1, 2], [3, 0, 2]]))
    assert float(fixed.evaluate().value) == pytest.approx(want, rel=1e-6)
    assert float(fixed.evaluate().value) < float(doc.evaluate().value)
    assert "softmax-twice" not in codes(fixed)


def test_log_probabilities_fed_to_cross_entropy():
    doc = new_document("CrossEntropyLoss")
    logits = doc.tensors["input"]
    log_p = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    doc.tensors["input"] = log_p
    f = finding(doc, "log-probs-to-ce")
    fixed = applied(doc, f.fixes[0])
    assert (fixed.loss, fixed.input_mode) == ("NLLLoss", "raw")
    before, after = float(doc.evaluate().value), float(fixed.evaluate().value)
    assert after == pytest.approx(before, rel=1e-6)  # the same number, the right loss
    assert "log-probs-to-ce" not in codes(fixed)


def test_labels_out_of_range_grow_the_classes():
    doc = new_document("CrossEntropyLoss")
    doc.tensors["target"] = np.array([3, 7, 2])
    assert "out of bounds" in str(doc.evaluate().error)
    f = finding(doc, "labels-out-of-range")
    fixed = applied(doc, f.fixes[0])
    assert fixed.tensors["input"].shape == (3, 8)
    assert fixed.evaluate().ok


def test_negative_label_becomes_ignore_index():
    doc = new_document("NLLLoss")
    doc.tensors["target"] = np.array([3, -1, 2])
    f = finding(doc, "labels-out-of-range")
    fixed = applied(doc, f.fixes[-1])
    assert fixed.params["ignore_index"] == -1
    value = float(fixed.evaluate().value)
    rows = [0, 2]
    z = doc.tensors["input"][rows].astype(np.float32)
    expect = compute("CrossEntropyLoss", z, np.array([3, 2]))
    assert value == pytest.approx(float(expect.value), rel=1e-6)


def test_ignore_index_equal_to_a_real_class():
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("param.ignore_index", 0)  # row 1 has target 0
    f = finding(doc, "ignore-index-is-a-class")
    assert f.severity == "warning" and "1 sample" in f.detail
    fixed = applied(doc, f.fixes[0])
    assert fixed.params["ignore_index"] == -100
    assert float(fixed.evaluate().value) == pytest.approx(
        float(new_document("CrossEntropyLoss").evaluate().value)
    )
    assert float(fixed.evaluate().value) != pytest.approx(float(doc.evaluate().value))


def test_weight_broadcast_over_columns_of_a_square_grid():
    doc = new_document("MultiLabelSoftMarginLoss")
    from lossgui.session import switch_loss

    doc = switch_loss(doc, "BCELoss")
    doc.resize(3, 3)
    doc.enabled["weight"] = True
    doc.tensor_params["weight"] = np.array([1.0, 2.0, 0.0])  # meant per sample
    f = finding(doc, "surprising-broadcast")
    per_row = applied(doc, f.fixes[0])
    assert per_row.tensor_params["weight"].tolist() == [[1, 1, 1], [2, 2, 2], [0, 0, 0]]
    per_column = applied(doc, f.fixes[1])
    assert float(per_column.evaluate().value) == pytest.approx(
        float(doc.evaluate().value)
    )
    assert float(per_row.evaluate().value) != pytest.approx(float(doc.evaluate().value))
    assert "surprising-broadcast" not in codes(per_row)


def test_nan_and_inf_are_reported_and_cleaned():
    doc = startup_document()
    doc.tensors["input"] = np.array([np.nan, 0.7, np.inf])
    assert np.isnan(float(doc.evaluate().value))
    f = finding(doc, "non-finite")
    fixed = applied(doc, f.fixes[0])
    assert fixed.tensors["input"].tolist() == [0.0, 0.7, 100.0]
    assert np.isfinite(float(fixed.evaluate().value))
    assert "non-finite" not in codes(fixed)


def test_pos_weight_of_the_wrong_length():
    doc = new_document("MultiLabelSoftMarginLoss")
    from lossgui.session import switch_loss

    doc = switch_loss(doc, "BCEWithLogitsLoss")  # (2, 3) logits
    doc.enabled["pos_weight"] = True
    doc.tensor_params["pos_weight"] = np.array([3.0, 1.0])  # one per sample
    assert doc.evaluate().error is not None
    f = finding(doc, "surprising-broadcast")
    fixed = applied(doc, f.fixes[0])
    assert fixed.tensor_params["pos_weight"].tolist() == [1.0, 1.0, 1.0]
    assert fixed.evaluate().ok
