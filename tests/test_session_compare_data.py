"""Compare losses: every row is the engine's value on the session's own data.

Issue 14: rows built from a loss's default example (the IndexError in the
panel), probabilities fed to BCEWithLogitsLoss as logits, teacher
probabilities turned into argmax labels, the session's ``'none'`` shown as a
sum under a ``mean`` header.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import compute
from lossgui.engine.activations import log_softmax
from lossgui.io.bundled import list_examples
from lossgui.io.session_file import read_session
from lossgui.session.loss_compare import CompareRow, agreeing, compare

EXAMPLES = {example.path.stem: example.path for example in list_examples()}


def example(stem: str):
    return read_session(EXAMPLES[stem]).document


def engine_value(row: CompareRow) -> float:
    """``compute`` on exactly the tensors and arguments behind ``row``."""
    evaluation = row.evaluation
    assert evaluation is not None and evaluation.result is not None
    activated = evaluation.result.activated
    first = evaluation.inputs[0][1] if activated is None else activated
    rest = [array for _, array in evaluation.inputs[1:]]
    result = compute(evaluation.loss, first, *rest, **dict(evaluation.kwargs))
    return float(np.asarray(result.value))


def by_label(comparison) -> dict[str, CompareRow]:
    return {row.label: row for row in comparison.rows}


@pytest.mark.parametrize("stem", sorted(EXAMPLES))
def test_every_row_is_compute_on_the_sessions_samples(stem):
    doc = example(stem)
    comparison = compare(doc)
    assert comparison.samples == doc.rows
    for row in comparison.rows:
        for array in (row.per_sample, row.ranks, row.grad_norm, row.change):
            assert len(array) == doc.rows, (row.label, array)
        if row.absent:
            assert row.note, f"{row.label} is absent without a reason"
            continue
        assert row.evaluation is not None
        assert row.evaluation.inputs[0][1].shape[0] == doc.rows, row.label
        if row.error is None:
            np.testing.assert_equal(row.value, engine_value(row), err_msg=row.label)


def test_probabilities_are_not_fed_as_logits():
    doc = example("001-bce-probabilities")
    doc.tensors["input"] = np.array([[0.5, 0.9, 0.8], [0.2, 0.4, 0.6]])
    comparison = compare(doc)
    rows = by_label(comparison)
    p = doc.tensors["input"].astype(np.float32)
    y = doc.tensors["target"].astype(np.float32)
    logit = np.log(p.astype(np.float64)) - np.log1p(-p.astype(np.float64))
    expected = compute("BCEWithLogitsLoss", logit.astype(np.float32), y)
    assert rows["BCEWithLogitsLoss"].value == pytest.approx(
        float(expected.value), rel=1e-5
    )
    assert "logit(p)" in rows["BCEWithLogitsLoss"].note
    assert comparison.data == "probabilities with 0/1 targets"
    bce_on_p = float(compute("BCELoss", p, y).value)
    assert rows["BCEWithLogitsLoss"].value == pytest.approx(bce_on_p, rel=1e-4)


def test_probability_one_has_no_logit_and_the_row_says_so():
    comparison = compare(example("001-bce-probabilities"))
    rows = by_label(comparison)
    assert rows["BCELoss (session)"].value == pytest.approx(0.5912, abs=1e-4)
    logits_row = rows["BCEWithLogitsLoss"]
    assert logits_row.absent and np.isnan(logits_row.value)
    assert "no finite logit" in logits_row.note
    assert agreeing(comparison) == []


def test_teacher_probabilities_stay_soft():
    doc = example("001-kldiv-distillation")
    comparison = compare(doc)
    rows = by_label(comparison)
    z = doc.tensors["input"].astype(np.float32)
    teacher = doc.tensors["target"].astype(np.float32)
    assert rows["CrossEntropyLoss"].value == float(
        compute("CrossEntropyLoss", z, teacher).value
    )
    assert rows["CrossEntropyLoss"].note == "probability targets"
    assert rows["NLLLoss ∘ log_softmax"].absent
    assert "class indices" in rows["NLLLoss ∘ log_softmax"].note
    assert rows["BCE per class (the targets)"].value == float(
        compute("BCEWithLogitsLoss", z, teacher).value
    )
    assert comparison.data == "logits with probability targets"
    kl = compute("KLDivLoss", log_softmax(z, 1), teacher, reduction="batchmean")
    assert rows["KLDivLoss (session)"].value == float(kl.value)


def test_reduction_none_is_shown_as_the_mean_it_is_compared_with():
    doc = example("004-smoothl1")
    assert doc.reduction == "none"
    rows = by_label(compare(doc))
    session = rows["SmoothL1Loss (session)"]
    x, y = (doc.tensors[n].astype(np.float32) for n in ("input", "target"))
    assert session.value == float(compute("SmoothL1Loss", x, y).value)
    assert "'mean'" in session.note


def test_ignored_targets_have_no_one_hot_row():
    rows = by_label(compare(example("004-nllloss-weight-ignore-index")))
    assert rows["CE on one-hot probabilities"].absent
    assert "ignored" in rows["CE on one-hot probabilities"].note
    assert "ignore_index" in rows["Poly-1 (ε=1)"].note


def test_multi_label_rows_are_not_one_class():
    rows = by_label(compare(example("000-multilabel-bcewithlogits")))
    assert rows["CE on [0, z]"].absent
    assert rows["MultiLabelSoftMargin"].value == pytest.approx(
        rows["BCEWithLogitsLoss (session)"].value, rel=1e-6
    )
