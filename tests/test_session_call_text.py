"""The call line under the value: valid Python that builds what the window computes."""

from __future__ import annotations

import ast

import numpy as np
import pytest

from lossgui.engine.registry import LOSSES
from lossgui.io.bundled import examples_dir, list_examples
from lossgui.io.session_file import read_session
from lossgui.session import new_document
from lossgui.session.call_text import call_text
from lossgui.session.torch_snippet import torch_snippet


def _example(stem: str):
    return read_session(examples_dir() / f"{stem}.json").document


def _call(text: str) -> ast.Call:
    """The outermost loss call of a call line (module call or functional)."""
    tree = ast.parse(text, mode="eval")
    node = tree.body
    assert isinstance(node, ast.Call)
    return node


def _keywords(text: str) -> dict[str, ast.expr]:
    node = _call(text)
    found = {k.arg: k.value for k in node.keywords}
    if isinstance(node.func, ast.Call):  # nn.Loss(...)(input, target)
        found.update({k.arg: k.value for k in node.func.keywords})
    return found


def test_pos_weight_is_written_as_the_tensor_torch_builds():
    torch = pytest.importorskip("torch")
    doc = _example("100-binary-pos-weight")
    evaluation = doc.evaluate()
    text = call_text(evaluation)
    assert "pos_weight=torch.tensor([3.])" in text
    assert "<" not in text
    built = eval(ast.unparse(_keywords(text)["pos_weight"]), {"torch": torch})
    expected = dict(evaluation.kwargs)["pos_weight"]
    assert built.dtype == torch.float32
    assert np.array_equal(built.numpy(), expected)


def test_class_weights_in_full_and_exactly():
    torch = pytest.importorskip("torch")
    evaluation = _example("004-nllloss-weight-ignore-index").evaluate()
    text = call_text(evaluation)
    assert "weight=torch.tensor([1., 2., 0.5])" in text
    assert "ignore_index=1" in text
    built = eval(ast.unparse(_keywords(text)["weight"]), {"torch": torch})
    assert np.array_equal(built.numpy(), dict(evaluation.kwargs)["weight"])


def test_two_d_weights_are_nested_lists_that_torch_reads_back():
    torch = pytest.importorskip("torch")
    evaluation = _example("001-bce-weighted").evaluate()
    text = call_text(evaluation)
    assert "weight=torch.tensor([[0.1, 0.9, 0.1], [0.1, 0.1, 0.9]])" in text
    built = eval(ast.unparse(_keywords(text)["weight"]), {"torch": torch})
    assert np.array_equal(built.numpy(), dict(evaluation.kwargs)["weight"])


def test_long_tensors_go_by_the_copy_as_pytorch_variable_name():
    doc = _example("004-bceloss-weight-columns")
    evaluation = doc.evaluate()
    weight = dict(evaluation.kwargs)["weight"]
    assert weight.size > 8
    text = call_text(evaluation)
    assert "weight=weight" in text
    # the script Copy as PyTorch writes defines exactly that variable
    assert "\nweight = torch.tensor(" in torch_snippet(doc, evaluation).code


def test_float64_tensors_say_their_dtype():
    doc = _example("100-binary-pos-weight")
    doc.set_setting("dtype", "float64")
    text = call_text(doc.evaluate())
    assert "pos_weight=torch.tensor([3.], dtype=torch.float64)" in text


def test_non_finite_values_are_still_python():
    doc = _example("100-binary-pos-weight")
    doc.tensor_params["pos_weight"] = np.array([np.inf])
    text = call_text(doc.evaluate())
    assert "pos_weight=torch.tensor([float('inf')])" in text
    ast.parse(text.split("  #")[0], mode="eval")


@pytest.mark.parametrize("example", list_examples(), ids=lambda e: e.path.stem)
def test_every_example_s_call_line_parses(example):
    text = call_text(read_session(example.path).document.evaluate())
    ast.parse(text, mode="exec")  # a trailing "# float64" comment is fine
    assert "<" not in text.split("#")[0]


@pytest.mark.parametrize("loss", sorted(LOSSES))
def test_every_loss_with_every_tensor_enabled_parses(loss):
    doc = new_document(loss)
    for name in doc.tensor_params:
        doc.set_setting(f"enabled.{name}", True)
    text = call_text(doc.evaluate())
    ast.parse(text, mode="exec")
    assert "<" not in text.split("#")[0]


def test_scalar_parameters_as_copy_as_pytorch_writes_them():
    doc = new_document("HuberLoss")
    doc.set_setting("param.delta", 2.0)
    assert "nn.HuberLoss(delta=2.0, reduction='mean')" in call_text(doc.evaluate())
    doc = new_document("CrossEntropyLoss")
    doc.set_setting("param.label_smoothing", 0.1)
    assert "label_smoothing=0.1," in call_text(doc.evaluate())
