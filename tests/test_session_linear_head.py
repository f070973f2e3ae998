"""LinearCrossEntropyLoss in the document: hidden states, the layer, K classes.

The grid holds hidden states ``(N, in_features)``; ``linear_weight`` is a
required ``(K, in_features)`` matrix; ``linear_bias`` and the class ``weight``
hold ``K`` values; probability targets are ``(N, K)``. Editing the grid's
columns changes ``in_features`` (the matrix follows), editing ``K`` changes the
layer's outputs. Curves and the explain page work on the layer's logits.
"""

from __future__ import annotations

import numpy as np
import pytest

from lossgui.engine import LOSSES, compute
from lossgui.io.session_file import read_session, write_session
from lossgui.session import new_document
from lossgui.session.convert import switch_loss, switch_target_mode
from lossgui.session.problem import Problem

NAME = "LinearCrossEntropyLoss"
pytestmark = pytest.mark.skipif(NAME not in LOSSES, reason="not registered")


def _engine_value(doc) -> np.ndarray:
    """The loss as :func:`compute` gives it on the document's own tensors."""
    kwargs = {"reduction": doc.reduction, **doc.params}
    for name, array in doc.tensor_params.items():
        on = doc.enabled.get(name)
        kwargs[name] = array.astype(doc.dtype) if on else None
    target = doc.tensors["target"]
    if target.dtype.kind == "f":
        target = target.astype(doc.dtype)
    return compute(NAME, doc.tensors["input"].astype(doc.dtype), target, **kwargs).value


def test_the_example_is_a_tiny_language_model_head():
    doc = new_document(NAME)
    assert doc.tensors["input"].shape == (5, 4)  # 5 tokens, hidden size 4
    assert doc.tensor_params["linear_weight"].shape == (8, 4)  # vocabulary 8
    assert doc.enabled["linear_weight"] and doc.classes == 8 and doc.columns == 4
    assert doc.params["ignore_index"] is None
    evaluation = doc.evaluate()
    assert evaluation.ok
    np.testing.assert_array_equal(evaluation.value, _engine_value(doc))
    logits = evaluation.result.loss.derived["logits"]
    np.testing.assert_allclose(
        logits, doc.tensors["input"] @ doc.tensor_params["linear_weight"].T, rtol=1e-6
    )
    assert evaluation.probabilities.shape == (5, 8)


def test_columns_are_features_and_outputs_are_classes():
    doc = new_document(NAME)
    doc.enabled["linear_bias"] = doc.enabled["weight"] = True
    doc.insert_columns(1, 2)
    assert doc.tensors["input"].shape == (5, 6)
    assert doc.tensor_params["linear_weight"].shape == (8, 6)
    assert doc.tensor_params["weight"].shape == (8,)
    doc.insert_rows(0)
    assert doc.tensors["target"].shape == (6,)
    assert doc.tensor_params["linear_weight"].shape == (8, 6)
    doc.resize_outputs(3)
    assert doc.classes == 3
    assert doc.tensor_params["linear_bias"].shape == (3,)
    doc.tensors["target"][:] = 2
    assert doc.evaluate().ok
    np.testing.assert_array_equal(doc.evaluate().value, _engine_value(doc))


def test_probability_targets_have_one_column_per_class():
    doc = switch_target_mode(new_document(NAME), "probability")
    assert doc.tensors["target"].shape == (5, 8)
    np.testing.assert_array_equal(doc.tensors["target"].argmax(1), [3, 5, 6, 0, 1])
    before = new_document(NAME).evaluate().value
    np.testing.assert_allclose(doc.evaluate().value, before, rtol=1e-6)
    doc.set_setting("param.ignore_index", -100)  # torch: not with probabilities
    assert "ignore_index cannot be specified" in str(doc.evaluate().error)
    doc.set_setting("param.ignore_index", None)
    assert doc.evaluate().ok


def test_curves_sweep_the_logits_with_cross_entropy():
    doc = new_document(NAME)
    doc.set_setting("param.label_smoothing", 0.1)
    evaluation = doc.evaluate()
    problem = Problem.from_evaluation(evaluation)
    assert problem.loss == "CrossEntropyLoss"
    assert problem.grid.shape == (5, 8)
    assert problem.kwargs["ignore_index"] == -100
    np.testing.assert_allclose(
        problem.run().loss.elementwise, evaluation.result.loss.elementwise, rtol=1e-6
    )


def test_switching_to_and_from_other_losses_opens_their_examples():
    doc = switch_loss(new_document("CrossEntropyLoss"), NAME)
    assert doc.tensors["input"].shape == (5, 4) and doc.evaluate().ok
    back = switch_loss(doc, "CrossEntropyLoss")
    assert (
        back.tensors["input"].shape
        == new_document("CrossEntropyLoss").tensors["input"].shape
    )


def test_session_files_keep_the_layer(tmp_path):
    doc = new_document(NAME)
    doc.resize_outputs(5)
    doc.tensors["target"][:] = [0, 4, 1, 2, 3]
    doc.enabled["linear_bias"] = True
    doc.tensor_params["linear_bias"][:] = [0.5, -0.5, 0.0, 1.0, 2.0]
    doc.set_setting("param.ignore_index", 4)
    path = tmp_path / "head.json"
    write_session(path, doc)
    back = read_session(path).document
    assert back.params["ignore_index"] == 4
    for name in ("linear_weight", "linear_bias"):
        np.testing.assert_array_equal(back.tensor_params[name], doc.tensor_params[name])
    np.testing.assert_array_equal(back.evaluate().value, doc.evaluate().value)
    doc.set_setting("param.ignore_index", None)
    write_session(path, doc)
    assert read_session(path).document.params["ignore_index"] is None
