"""lossgui.save and the Qt-free half of lossgui.show: torch modules and tensors to a document.

Expected values come from torch itself (the module called on the same
tensors); torch is imported inside the tests that need it.
"""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from _torch_loss_cases import (
    PENDING,
    TORCH_NN_LOSSES,
    as_float,
    torch_case,
    torch_case_names,
)

import lossgui
from lossgui.engine import LOSSES, compute
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import read_session
from lossgui.session.from_code import document_from_call
from lossgui.session.from_torch import UnsupportedLossError, read_loss
from lossgui.session.import_arrays import document_from_arrays
from lossgui.session.torch_snippet import torch_snippet
from lossgui.session.torch_verify import run_snippet


def assert_same_value(shown, expected, dtype="float32"):
    """The document's value against torch's: float32 (or float64) rounding at most."""
    rtol = 1e-6 if dtype == "float32" else 1e-13
    np.testing.assert_allclose(
        np.asarray(shown, np.float64), expected, rtol=rtol, atol=rtol
    )


def assert_same_call(a, b):
    """Two LossCalls: same loss, reduction, scalar and tensor arguments.

    A tensor argument may come back broadcast to the grid's shape
    (BCEWithLogitsLoss's ``weight`` (C,) is stored per element): the same
    values for every element, so the same module output.
    """
    assert (a.name, a.reduction, a.params) == (b.name, b.reduction, b.params)
    assert sorted(a.tensors) == sorted(b.tensors)
    for name in a.tensors:
        first, second = a.tensors[name], b.tensors[name]
        shape = np.broadcast_shapes(first.shape, second.shape)
        np.testing.assert_array_equal(
            np.broadcast_to(first, shape), np.broadcast_to(second, shape), err_msg=name
        )


def case_or_skip(torch, name):
    assert hasattr(torch.nn, name), f"the registry says torch.nn has {name}"
    if name in PENDING:
        pytest.skip(f"{name}: {PENDING[name]}")
    assert name in torch_case_names(torch), (
        f"{name} is a torch.nn loss without a case in tests/_torch_loss_cases.py"
    )
    return torch_case(torch, name)


@pytest.mark.parametrize("name", TORCH_NN_LOSSES)
def test_every_torch_loss_module_saves_and_opens_with_its_value(name, tmp_path):
    torch = pytest.importorskip("torch")
    module, tensors = case_or_skip(torch, name)
    expected = as_float(module(*tensors))
    path = lossgui.save(tmp_path / "batch.json", *tensors, loss=module)
    assert path == tmp_path / "batch.json"
    doc = read_session(path).document
    evaluation = doc.evaluate()
    assert evaluation.ok, evaluation.error
    assert doc.input_mode == "raw"
    assert_same_value(evaluation.value, expected)


@pytest.mark.parametrize("name", TORCH_NN_LOSSES)
def test_every_torch_loss_module_snippet_rebuilds_the_module(name):
    torch = pytest.importorskip("torch")
    module, tensors = case_or_skip(torch, name)
    doc = document_from_call(tensors, module)
    snippet = torch_snippet(doc)
    namespace: dict = {}
    exec(compile(snippet.code, "<snippet>", "exec"), namespace)
    rebuilt = namespace["loss_fn"]
    assert type(rebuilt) is type(module)
    assert_same_call(read_loss(rebuilt), read_loss(module))
    value, _grad, error = run_snippet(snippet.code, snippet.grad_name)
    assert error is None
    assert_same_value(value, as_float(module(*tensors)))


def test_non_leaf_requires_grad_non_contiguous_float64_tensors():
    torch = pytest.importorskip("torch")
    leaf = torch.randn(4, 6, dtype=torch.float64, requires_grad=True)
    logits = (leaf * 1.5).t()  # non-leaf, requires grad, non-contiguous
    assert not logits.is_contiguous() and not logits.is_leaf
    labels = torch.tensor([0, 3, 1, 2, 2, 1])
    module = torch.nn.CrossEntropyLoss(
        weight=torch.tensor([1.0, 2.0, 0.5, 3.0], dtype=torch.float64),
        label_smoothing=0.05,
        reduction="sum",
    )
    doc = document_from_call((logits, labels), module)
    assert doc.dtype == "float64"
    np.testing.assert_array_equal(doc.tensors["input"], logits.detach().numpy())
    assert_same_value(doc.evaluate().value, as_float(module(logits, labels)), "float64")
    assert (
        logits.grad_fn is not None and leaf.grad is None
    )  # the caller's graph is untouched


def test_a_custom_distance_function_is_refused_by_name():
    torch = pytest.importorskip("torch")
    module = torch.nn.TripletMarginWithDistanceLoss(
        distance_function=lambda a, b: (a - b).abs().max(-1).values
    )
    x = torch.randn(3, 4)
    with pytest.raises(
        UnsupportedLossError, match=r"distance_function=.*lambda.*custom"
    ):
        lossgui.save("never-written.json", x, x, x, loss=module)


def test_a_named_distance_overrides_the_custom_function():
    torch = pytest.importorskip("torch")
    F = torch.nn.functional
    custom = torch.nn.TripletMarginWithDistanceLoss(
        distance_function=lambda a, b: 1 - F.cosine_similarity(a, b, dim=-1), margin=0.5
    )
    g = torch.Generator().manual_seed(3)
    a, p, n = (torch.randn(6, 4, generator=g) for _ in range(3))
    doc = document_from_call(
        (a, p, n), custom, {"distance_function": "cosine_distance"}
    )
    assert doc.params["distance_function"] == "cosine_distance"
    assert_same_value(doc.evaluate().value, as_float(custom(a, p, n)))


def test_pairwise_distance_with_other_norm_is_refused():
    torch = pytest.importorskip("torch")
    module = torch.nn.TripletMarginWithDistanceLoss(
        distance_function=torch.nn.PairwiseDistance(p=3)
    )
    with pytest.raises(UnsupportedLossError, match=r"PairwiseDistance\(p=3"):
        read_loss(module)


def test_subclass_unknown_module_and_hooks_are_refused():
    torch = pytest.importorskip("torch")

    class Weighted(torch.nn.CrossEntropyLoss):
        pass

    with pytest.raises(
        UnsupportedLossError, match="subclass of torch.nn.CrossEntropyLoss"
    ):
        read_loss(Weighted())
    with pytest.raises(
        UnsupportedLossError, match=r"does not support torch.nn.Linear \("
    ):
        read_loss(torch.nn.Linear(2, 2))
    hooked = torch.nn.MSELoss()
    hooked.register_forward_hook(lambda *args: None)
    with pytest.raises(UnsupportedLossError, match="Custom is not a loss"):
        read_loss(type("Custom", (torch.nn.Module,), {})())
    with pytest.raises(UnsupportedLossError, match="forward hooks"):
        read_loss(hooked)
    tagged = torch.nn.MSELoss()
    tagged.scale = 2.0
    with pytest.raises(UnsupportedLossError, match="'scale'"):
        read_loss(tagged)


def test_class_name_and_keywords_equal_the_module():
    torch = pytest.importorskip("torch")
    module, _tensors = torch_case(torch, "BCEWithLogitsLoss")
    kwargs = {"weight": module.weight, "pos_weight": module.pos_weight}
    by_class = read_loss(torch.nn.BCEWithLogitsLoss, kwargs)
    by_name = read_loss("BCEWithLogitsLoss", kwargs)
    assert_same_call(by_class, read_loss(module))
    assert_same_call(by_name, read_loss(module))
    with pytest.raises(UnsupportedLossError, match="function binary_cross_entropy"):
        read_loss(torch.nn.functional.binary_cross_entropy_with_logits)


def test_keywords_override_the_module_and_add_functional_arguments():
    torch = pytest.importorskip("torch")
    x, y, w = torch.randn(5, 2), torch.randn(5, 2), torch.rand(5, 2)
    doc = document_from_call((x, y), torch.nn.L1Loss(reduction="sum"), {"weight": w})
    expected = torch.nn.functional.l1_loss(x, y, weight=w, reduction="sum")
    assert_same_value(doc.evaluate().value, as_float(expected))
    doc = document_from_call(
        (x, y), torch.nn.MSELoss(reduction="sum"), {"reduction": "mean"}
    )
    assert doc.reduction == "mean"


def test_legacy_keywords_set_the_reduction():
    assert read_loss("MSELoss", {"size_average": False}).reduction == "sum"
    assert read_loss("MSELoss", {"reduce": False}).reduction == "none"


def test_numpy_arrays_and_nested_lists_without_torch():
    lists = document_from_call(([[2.0, 3.0, 0.1]], [1]), "CrossEntropyLoss")
    assert lists.dtype == "float32"  # as torch.tensor makes Python floats
    arrays = document_from_call(
        (np.array([[2.0, 3.0, 0.1]]), np.array([1])), "CrossEntropyLoss"
    )
    assert arrays.dtype == "float64"
    logits = np.array([2.0, 3.0, 0.1])
    expected = -(logits[1] - np.log(np.exp(logits).sum()))  # -log softmax(z)[1]
    assert_same_value(arrays.evaluate().value, expected, "float64")


def test_wrong_tensor_count_unknown_keyword_and_loss():
    with pytest.raises(TypeError, match=r"takes 2 tensors \(input, target\)"):
        document_from_call(([1.0],), "MSELoss")
    with pytest.raises(TypeError, match="unexpected keyword argument 'beta'"):
        read_loss("MSELoss", {"beta": 1.0})
    with pytest.raises(ValueError, match="unknown loss 'MSE'"):
        read_loss("MSE")
    with pytest.raises(TypeError, match="loss must be a torch loss module"):
        read_loss(3)


def test_a_shape_the_grid_cannot_hold_gets_the_import_message():
    logits = np.zeros((2, 3, 4, 4))
    labels = np.zeros((2, 4, 4), dtype=np.int64)
    with pytest.raises(FileFormatError) as dialog:
        document_from_arrays("CrossEntropyLoss", {"input": logits, "target": labels})
    with pytest.raises(FileFormatError) as shown:
        document_from_call((logits, labels), "CrossEntropyLoss")
    assert str(shown.value) == str(dialog.value)
    assert "reshape it first" in str(shown.value)


def test_a_column_vector_is_mapped_as_import_does():
    torch = pytest.importorskip("torch")
    x, y = torch.randn(6, 1), torch.randn(6, 1)
    doc = document_from_call((x, y), torch.nn.SmoothL1Loss(beta=0.3))
    assert doc.tensors["input"].shape == (6,)
    assert_same_value(
        doc.evaluate().value, as_float(torch.nn.SmoothL1Loss(beta=0.3)(x, y))
    )


def test_import_and_save_load_no_qt_and_import_loads_no_numpy(tmp_path):
    code = (
        "import sys, json\n"
        "import lossgui\n"
        "cheap = 'numpy' not in sys.modules\n"
        "lossgui.save(sys.argv[1], [[2.0, 3.0, 0.1]], [1], loss='CrossEntropyLoss')\n"
        "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'shiboken6', 'pyqtgraph'))\n"
        "print(json.dumps({'cheap': cheap, 'qt': qt}))\n"
    )
    path = tmp_path / "batch.json"
    out = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(out.stdout)
    assert report == {"cheap": True, "qt": []}
    assert read_session(path).document.loss == "CrossEntropyLoss"


@pytest.mark.parametrize("out_features", [(), (2,)])
def test_linear_cross_entropy_module_reads_its_linear_layer(out_features):
    torch = pytest.importorskip("torch")
    if "LinearCrossEntropyLoss" not in LOSSES:
        pytest.skip("LinearCrossEntropyLoss is not in the engine")
    g = torch.Generator().manual_seed(5)
    module = torch.nn.LinearCrossEntropyLoss(
        3,
        4,
        out_features=out_features,
        bias=True,
        label_smoothing=0.1,
        weight=torch.tensor([1.0, 2.0, 0.5, 1.0]),
        reduction="sum",
    )
    x = torch.randn(5, 3, generator=g)
    y = torch.randint(4, (5, *out_features), generator=g)
    call = read_loss(module)
    assert call.tensors["linear_weight"].shape == (4, *out_features, 3)
    assert call.tensors["linear_bias"].shape == (4, *out_features)
    result = compute(
        call.name,
        x.numpy(),
        y.numpy(),
        reduction=call.reduction,
        **call.params,
        **call.tensors,
    )
    assert_same_value(result.value, as_float(module(x, y)))


def test_torchvisions_focal_loss_function_is_read_by_name():
    def sigmoid_focal_loss(inputs, targets, alpha=0.25, gamma=2, reduction="none"):
        raise AssertionError("never called")

    sigmoid_focal_loss.__module__ = "torchvision.ops.focal_loss"
    call = read_loss(sigmoid_focal_loss, {"gamma": 1.5, "reduction": "mean"})
    assert (call.name, call.reduction, call.params) == (
        "sigmoid_focal_loss",
        "mean",
        {"alpha": 0.25, "gamma": 1.5},
    )
    sigmoid_focal_loss.__module__ = "mycode"
    with pytest.raises(UnsupportedLossError, match="function .*sigmoid_focal_loss"):
        read_loss(sigmoid_focal_loss)
