"""Which array of a file becomes which tensor: guessed from names, kept if it fits."""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.session import new_document
from lossgui.session.assign_guess import guess_assignment, guess_by_name


def test_guess_skips_arrays_that_do_not_fit():
    doc = new_document("CrossEntropyLoss")
    arrays = {
        "logits": np.zeros((10, 5)),
        "labels": np.arange(10) % 5,
        "sample_weights": np.ones(10),  # per sample: CE's weight is per class
    }
    assert guess_by_name(doc, list(arrays))["weight"] == "sample_weights"
    assert guess_assignment(doc, arrays) == {"input": "logits", "target": "labels"}


def test_a_per_class_weight_is_kept():
    doc = new_document("CrossEntropyLoss")
    arrays = {"logits": np.zeros((4, 3)), "labels": [0, 1, 2, 0], "w": np.ones(3)}
    assert guess_assignment(doc, arrays) == {
        "input": "logits",
        "target": "labels",
        "weight": "w",
    }


def test_tensor_names_match_in_any_case_before_synonyms():
    doc = new_document("CrossEntropyLoss")
    names = ["Target", "INPUT", "labels", "logits"]
    assert guess_by_name(doc, names) == {"input": "INPUT", "target": "Target"}


def test_synonyms_go_in_order_and_each_array_is_used_once():
    doc = new_document("BCEWithLogitsLoss")
    assert guess_by_name(doc, ["y", "preds", "labels"]) == {
        "input": "preds",
        "target": "labels",  # "labels" comes before "y" among the synonyms
    }
    ctc = new_document("CTCLoss")  # its first tensor is log_probs
    assert guess_by_name(ctc, ["log_probs", "x"]) == {"log_probs": "log_probs"}


@pytest.mark.parametrize(
    ("preferred", "expected"),
    [("target", "target"), (None, "input"), ("no_such_tensor", "input")],
)
def test_a_lone_unnamed_array_goes_where_it_was_dropped(preferred, expected):
    doc = new_document("BCEWithLogitsLoss")
    assert guess_by_name(doc, ["scores_epoch3"], preferred) == {
        expected: "scores_epoch3"
    }


def test_several_unknown_names_give_no_guess():
    doc = new_document("BCEWithLogitsLoss")
    assert guess_by_name(doc, ["a", "b"], "target") == {}


def test_a_first_tensor_that_does_not_fit_drops_only_itself():
    doc = new_document("CrossEntropyLoss")  # 3 x 5
    arrays = {"logits": np.zeros((2, 3, 4)), "labels": [0, 4, 1]}
    assert guess_assignment(doc, arrays) == {"target": "labels"}
