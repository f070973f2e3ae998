""" "Copy as PyTorch": the generated scripts, run by torch, print the window's numbers.

All snippets run in one subprocess (``sys.executable``; torch is imported
once), each as a script with :func:`runpy.run_path`; the driver records what
each printed and the ``loss`` and gradient it left behind.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from torch_parity import assert_matches_torch, input_scale

from lossgui.engine import LOSSES
from lossgui.session import (
    new_document,
    startup_document,
    switch_loss,
    switch_target_mode,
)
from lossgui.session.torch_snippet import tensor_literal, torch_snippet

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[1]
DRIVER = r"""
import contextlib, io, json, runpy, sys, warnings
out = []
for path, grad_name in json.loads(sys.argv[1]):
    record = {"path": path}
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            names = runpy.run_path(path, run_name="__main__")
        except Exception as exc:
            record["error"] = f"{type(exc).__name__}: {exc}"
            names = None
    record["printed"] = buffer.getvalue()
    if names is not None:
        record["value"] = names["loss"].detach().double().reshape(-1).tolist()
        tensor = names.get(grad_name)
        if tensor is not None and tensor.grad is not None:
            record["grad"] = tensor.grad.double().reshape(-1).tolist()
    out.append(record)
print(json.dumps(out))
"""
PRINTED_NUMBER = re.compile(r"-?(?:\d+\.?\d*(?:e[-+]?\d+)?|nan|inf)")


def _set(doc, **changes):
    for key, value in changes.items():
        if key.startswith("enable_"):
            doc.enabled[key[7:]] = True
            doc.tensor_params[key[7:]] = np.asarray(value, dtype=np.float64)
        elif key.startswith("tensor_"):
            doc.tensors[key[7:]] = np.asarray(value)
        else:
            doc.set_setting(key.replace("__", "."), value)
    return doc


def _sessions():
    yield "startup", startup_document()
    for name in LOSSES:
        yield f"default-{name}", new_document(name)
    yield (
        "bce-raw-weight",
        _set(
            new_document("BCELoss"),
            input_mode="raw",
            tensor_input=[0.9, 0.2, 1.0],
            enable_weight=[1, 2, 0.5],
        ),
    )
    bce = switch_loss(new_document("MultiLabelSoftMarginLoss"), "BCEWithLogitsLoss")
    yield (
        "bce-logits-both-weights-f64-sum",
        _set(
            bce,
            enable_weight=[[1, 2, 0.5], [0, 1, 3]],
            enable_pos_weight=[3, 0.5, 2],
            dtype="float64",
            reduction="sum",
        ),
    )
    yield (
        "ce-weight-ignore-smoothing",
        _set(
            new_document("CrossEntropyLoss"),
            enable_weight=[1, 2, 0.5, 3, 1],
            param__ignore_index=0,
            param__label_smoothing=0.15,
        ),
    )
    yield (
        "ce-probabilities",
        switch_target_mode(
            _set(new_document("CrossEntropyLoss"), param__label_smoothing=0.1),
            "probability",
        ),
    )
    yield (
        "ce-target-out-of-range",
        _set(new_document("CrossEntropyLoss"), tensor_target=[3, 7, 2]),
    )
    yield (
        "nll-raw-none",
        _set(new_document("NLLLoss"), input_mode="raw", reduction="none"),
    )
    yield (
        "kl-log-target-batchmean",
        _set(new_document("KLDivLoss"), param__log_target=True, reduction="batchmean"),
    )
    yield "l1-weight", _set(new_document("L1Loss"), enable_weight=[1, 2, 0.5, 0])
    yield (
        "huber-weight-delta",
        _set(new_document("HuberLoss"), param__delta=0.5, enable_weight=[1, 2, 0.5, 0]),
    )
    yield (
        "focal-alpha-gamma",
        _set(
            new_document("sigmoid_focal_loss"),
            param__alpha=-1.0,
            param__gamma=0.5,
            reduction="mean",
        ),
    )
    for distance in ("cosine_distance", "l1", "squared_euclidean"):
        yield (
            f"triplet-{distance}",
            _set(
                new_document("TripletMarginWithDistanceLoss"),
                param__distance_function=distance,
                param__swap=True,
            ),
        )
    yield "poly1-eps", _set(new_document("Poly1CrossEntropyLoss"), param__epsilon=2.5)
    yield "softdice-logits", _set(new_document("SoftDiceLoss"), param__smooth=0.5)
    yield (
        "logcosh-far",
        _set(new_document("LogCoshLoss"), tensor_input=[0.2, -3.5, 40, 3]),
    )
    yield "nan-logit", _set(startup_document(), tensor_input=[float("nan"), 0.7, 1e4])
    yield from _bundled_examples()


def _bundled_examples():
    """Every example in resources/examples (read with issue 5's session reader)."""
    folder = ROOT / "resources" / "examples"
    if not folder.is_dir():
        return
    try:
        from lossgui.io.session_file import read_session
    except ImportError:  # the file reader is not there yet
        return
    for path in sorted(folder.glob("*.json")):
        yield f"example-{path.stem}", read_session(path).document


SESSIONS = list(_sessions())


def _numbers(line: str) -> list[float]:
    line = re.sub(r"dtype=torch\.\w+|requires_grad=\w+|grad_fn=<\w+>", "", line)
    return [float(x) for x in PRINTED_NUMBER.findall(line)]


@pytest.fixture(scope="module")
def torch_runs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("snippets")
    jobs = []
    for i, (_, doc) in enumerate(SESSIONS):
        snippet = torch_snippet(doc, doc.evaluate())
        path = folder / f"snippet_{i:03d}.py"
        path.write_text(snippet.code, encoding="utf-8")
        jobs.append((str(path), snippet.grad_name))
    done = subprocess.run(
        [sys.executable, "-c", DRIVER, json.dumps(jobs)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=folder,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("index", range(len(SESSIONS)), ids=[n for n, _ in SESSIONS])
def test_snippet_prints_what_the_app_shows(torch_runs, index):
    _, doc = SESSIONS[index]
    evaluation = doc.evaluate()
    run = torch_runs[index]
    if evaluation.error is not None:
        assert run.get("error") == evaluation.error.torch_text
        return
    assert "error" not in run, run.get("error")
    # The driver prints torch's numbers as JSON floats: compared in float64
    # under the shared rule at the document's precision.
    arguments = [a for _, a in evaluation.inputs] + [v for _, v in evaluation.kwargs]
    rule = {"precision": np.dtype(doc.dtype), "scale": input_scale(*arguments)}
    value = np.asarray(evaluation.value, dtype=np.float64).reshape(-1)
    assert_matches_torch(value, np.asarray(run["value"], float), what="value", **rule)
    grad = np.asarray(evaluation.result.grad, dtype=np.float64).reshape(-1)
    assert_matches_torch(grad, np.asarray(run["grad"], float), what="grad", **rule)
    printed = run["printed"]
    loss_text, _, grad_text = printed.partition("grad:")
    loss_text = loss_text.partition("loss:")[2]
    np.testing.assert_allclose(
        _numbers(loss_text), value, rtol=1e-6, atol=1e-7, equal_nan=True
    )
    np.testing.assert_allclose(
        _numbers(grad_text), grad, rtol=1e-6, atol=1e-7, equal_nan=True
    )


def test_tensor_literals_round_trip_exactly():
    values = np.array([[0.1, -0.8, 1 / 3], [1e-300, float("nan"), -float("inf")]])
    for dtype in ("float32", "float64"):
        text = tensor_literal(values, dtype)
        made = eval(text, {"torch": torch})
        np.testing.assert_array_equal(made.numpy(), values.astype(dtype))
    empty = eval(tensor_literal(np.zeros((0, 3)), "float32"), {"torch": torch})
    assert tuple(empty.shape) == (0, 3)
    assert "torch.long" in tensor_literal(np.array([3, 0]), "int64")


def test_snippet_quotes_the_value_and_names_the_call():
    code = torch_snippet(startup_document(), startup_document().evaluate()).code
    assert "# lossgui shows: loss = 1.0827879" in code
    assert "nn.BCEWithLogitsLoss(reduction='mean')" in code
    bce = switch_loss(startup_document(), "BCELoss")
    code = torch_snippet(bce).code
    assert (
        "input = torch.sigmoid(logits)" in code
        and 'print("grad:", logits.grad)' in code
    )
