"""LinearCrossEntropyLoss against torch 2.13: recorded cases, live cases, OpInfo.

* The recorded cases (``tests/data/torch_reference/LinearCrossEntropyLoss.json``)
  also carry torch's gradients with respect to ``linear_weight`` and
  ``linear_bias`` (``"param_grads"``): checked here against
  :attr:`LossResult.param_grads` (values, input gradients, errors and
  warnings are checked by ``test_torch_reference_data.py``).
* Live (skipped without torch): random heads through ``F.linear_cross_entropy``
  and PyTorch's own test material when ``torch.testing._internal`` imports
  (it needs ``expecttest``): the OpInfo samples and error inputs of
  ``nn.functional.linear_cross_entropy`` (all three variants) and the
  ModuleInfo inputs and error inputs of ``nn.LinearCrossEntropyLoss``.
  Torch's chunked path (``options=...``) is compared with the engine's
  reference path at the same tolerance; its "options ignored" warning is not
  modelled.

Tolerances as in the reference data test: float64 ``rtol=1e-10`` with an
absolute floor ``1e-12·max(1, max|torch|)``; float32 ``rtol=1e-5``, floor
``1e-6·max(1, max|torch|)``; NaN and ±inf positions equal.
"""

from __future__ import annotations

import json
import math
import re
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from lossgui.engine import LOSSES, LossInputError, compute

NAME = "LinearCrossEntropyLoss"
DATA = Path(__file__).resolve().parents[1] / "data" / "torch_reference" / f"{NAME}.json"
TOLERANCES = {
    np.dtype(np.float64): (1e-10, 1e-12),
    np.dtype(np.float32): (1e-5, 1e-6),
}


# --------------------------------------------------------------------------- #
# Helpers
# --------------------------------------------------------------------------- #


def assert_close(actual: Any, expected: Any, what: str) -> None:
    """Same dtype and shape; NaN/inf equal; finite values within tolerance."""
    a, e = np.asarray(actual), np.asarray(expected)
    assert a.dtype == e.dtype, f"{what}: dtype {a.dtype}, torch {e.dtype}"
    assert a.shape == e.shape, f"{what}: shape {a.shape}, torch {e.shape}"
    a64, e64 = a.astype(np.float64), e.astype(np.float64)
    assert np.array_equal(np.isnan(a64), np.isnan(e64)), f"{what}: NaN positions"
    inf = np.isinf(e64) | np.isinf(a64)
    assert np.array_equal(a64[inf], e64[inf]), f"{what}: ±inf differ"
    finite = np.isfinite(e64)
    rtol, floor = TOLERANCES[e.dtype]
    scale = max(1.0, float(np.max(np.abs(e64[finite]), initial=0.0)))
    err = np.abs(a64 - e64)[finite]
    limit = floor * scale + rtol * np.abs(e64[finite])
    assert np.all(err <= limit), (
        f"{what}: max error {float(np.max(err - limit, initial=0)):g} beyond "
        f"rtol={rtol} (engine {a64[finite][err > limit][:4]}, "
        f"torch {e64[finite][err > limit][:4]})"
    )


def decode(obj: Any) -> Any:
    """A recorded ``{"dtype", "shape", "data"}`` tensor (or a plain keyword)."""
    if isinstance(obj, dict) and "dtype" in obj:
        dtype = np.dtype(obj["dtype"])
        data = [float(v) if isinstance(v, str) else v for v in obj["data"]]
        base = np.float64 if dtype.kind == "f" else dtype
        return np.array(data, dtype=base).astype(dtype).reshape(obj["shape"])
    if isinstance(obj, dict) and "float" in obj:
        return float(obj["float"])
    return obj


@cache
def recorded() -> tuple[dict[str, Any], ...]:
    return tuple(json.loads(DATA.read_text(encoding="utf-8"))["cases"])


# --------------------------------------------------------------------------- #
# Without torch
# --------------------------------------------------------------------------- #


def test_registered_like_the_torch_module() -> None:
    spec = LOSSES[NAME]
    assert [a.name for a in spec.forward] == ["input", "target"]
    defaults = spec.defaults
    assert defaults["ignore_index"] is None
    assert defaults["label_smoothing"] == 0.0
    assert defaults["reduction"] == "mean"
    assert {"linear_weight", "linear_bias", "weight"} <= {
        p.name for p in spec.params if p.kind == "tensor"
    }


def test_is_cross_entropy_of_the_linear_logits() -> None:
    """An independent formula: logits by hand, CrossEntropyLoss on them."""
    rng = np.random.default_rng(3)
    x, w, b = rng.normal(size=(6, 4)), rng.normal(size=(8, 4)), rng.normal(size=8)
    y = rng.integers(0, 8, 6)
    r = compute(NAME, x, y, linear_weight=w, linear_bias=b, reduction="sum")
    z = np.einsum("nh,ch->nc", x, w) + b
    lse = np.log(np.sum(np.exp(z - z.max(1, keepdims=True)), 1)) + z.max(1)
    np.testing.assert_allclose(r.value, np.sum(lse - z[np.arange(6), y]), rtol=1e-12)
    np.testing.assert_allclose(r.derived["logits"], z, rtol=1e-12)
    p = np.exp(z - lse[:, None])
    g = p - np.eye(8)[y]
    np.testing.assert_allclose(r.grad, g @ w, rtol=1e-10, atol=1e-13)
    np.testing.assert_allclose(r.param_grads["linear_weight"], g.T @ x, atol=1e-12)
    np.testing.assert_allclose(r.param_grads["linear_bias"], g.sum(0), atol=1e-12)


def test_needs_linear_weight() -> None:
    with pytest.raises(LossInputError, match="needs linear_weight") as info:
        compute(NAME, np.ones((2, 3)), np.array([0, 1]))
    assert info.value.torch_type == "TypeError"


def test_recorded_parameter_gradients() -> None:
    """``param_grads`` match torch's recorded gradients of both Linear tensors."""
    checked = 0
    for case in recorded():
        if "param_grads" not in case:
            continue
        tensors = [decode(t) for t in case["tensors"]]
        kwargs = {k: decode(v) for k, v in case["kwargs"].items()}
        result = compute(NAME, *tensors, **kwargs)
        for key, grad in case["param_grads"].items():
            assert_close(result.param_grads[key], decode(grad), f"{case['id']}: {key}")
            checked += 1
    assert checked >= 200


def test_recorded_cases_cover_the_brief() -> None:
    cases = recorded()
    ids = " ".join(c["id"] for c in cases)
    for part in ("probs", "index", "lm-head", "all-ignored", "err-linear-dtype"):
        assert part in ids
    shapes = {len(c["kwargs"]["linear_weight"]["shape"]) for c in cases if "value" in c}
    assert {2, 3, 4} <= shapes  # out_features (), (d1,), (d1, d2)
    assert any("linear_bias" in c["kwargs"] and "value" in c for c in cases)
    assert any(c["kwargs"].get("label_smoothing") for c in cases if "value" in c)


# --------------------------------------------------------------------------- #
# Live torch
# --------------------------------------------------------------------------- #


def _torch_run(torch: Any, x: Any, w: Any, y: Any, **kwargs: Any) -> dict[str, Any]:
    """``F.linear_cross_entropy`` and the gradients of its sum (or its error)."""
    F = torch.nn.functional
    tx = x.detach().clone().requires_grad_(x.is_floating_point())
    tw = w.detach().clone().requires_grad_(w.is_floating_point())
    bias = kwargs.pop("linear_bias", None)
    tb = None if bias is None else bias.detach().clone().requires_grad_(True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = F.linear_cross_entropy(tx, tw, y, linear_bias=tb, **kwargs)
        out.sum().backward()
    grads = {"input": tx.grad, "linear_weight": tw.grad}
    if tb is not None:
        grads["linear_bias"] = tb.grad
    return {"value": out.detach(), "grads": grads}


def _engine_kwargs(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Torch's keywords for ``compute``: tensors as arrays, ``options`` dropped."""
    return {
        k: v.detach().numpy() if hasattr(v, "detach") else v
        for k, v in kwargs.items()
        if k != "options"
    }


def _check_live(
    torch: Any, x: Any, w: Any, y: Any, kwargs: dict[str, Any], what: str
) -> None:
    expected = _torch_run(torch, x, w, y, **kwargs)
    r = compute(
        NAME,
        x.detach().numpy(),
        y.detach().numpy(),
        linear_weight=w.detach().numpy(),
        **_engine_kwargs(kwargs),
    )
    assert_close(r.value, expected["value"].numpy(), f"{what}: value")
    for key, grad in expected["grads"].items():
        if grad is None:
            continue
        got = r.grad if key == "input" else r.param_grads[key]
        assert_close(got, grad.numpy(), f"{what}: d/d {key}")


@pytest.mark.parametrize("seed", range(12))
def test_random_heads_match_live_torch(seed: int) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng([seed, 18])
    for dtype in (np.float32, np.float64):
        n, h, c = (int(v) for v in rng.integers(1, 7, 3))
        out = tuple(int(v) for v in rng.integers(1, 4, int(rng.integers(0, 3))))
        x = torch.from_numpy(rng.normal(size=(n, h)).astype(dtype))
        w = torch.from_numpy(rng.normal(size=(c, *out, h)).astype(dtype))
        kwargs: dict[str, Any] = {"reduction": str(rng.choice(["none", "mean", "sum"]))}
        if rng.random() < 0.5:
            kwargs["linear_bias"] = torch.from_numpy(
                rng.normal(size=(c, *out)).astype(dtype)
            )
        if rng.random() < 0.5:
            kwargs["weight"] = torch.from_numpy(rng.uniform(0.2, 2, c).astype(dtype))
        if rng.random() < 0.5:
            kwargs["label_smoothing"] = float(rng.choice([0.05, 0.3, 1.0]))
        if rng.random() < 0.5:
            y = torch.from_numpy(rng.random((n, c, *out)).astype(dtype))
        else:
            y = torch.from_numpy(rng.integers(0, c, (n, *out)))
            if rng.random() < 0.5:
                kwargs["ignore_index"] = int(rng.integers(0, c))
        _check_live(torch, x, w, y, kwargs, f"seed {seed} {np.dtype(dtype).name}")


@cache
def _internal() -> tuple[Any, Any]:
    """PyTorch's OpInfo and ModuleInfo databases (skip when they do not import)."""
    pytest.importorskip("torch")
    try:
        from torch.testing._internal.common_methods_invocations import op_db
        from torch.testing._internal.common_modules import module_db
    except Exception as exc:  # any import failure means "skip"
        pytest.skip(f"torch.testing._internal does not import: {exc!r}")
    return op_db, module_db


def _ops() -> list[Any]:
    op_db, _ = _internal()
    ops = [op for op in op_db if op.name == "nn.functional.linear_cross_entropy"]
    assert ops, "torch 2.13 has OpInfo entries for linear_cross_entropy"
    return ops


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
def test_opinfo_samples_match_torch(dtype_name: str) -> None:
    torch = pytest.importorskip("torch")
    dtype = getattr(torch, dtype_name)
    count = 0
    for op in _ops():
        for sample in op.sample_inputs("cpu", dtype, requires_grad=False):
            w, y = sample.args
            what = f"{op.variant_test_name or 'reference'} sample {count}"
            _check_live(torch, sample.input, w, y, dict(sample.kwargs), what)
            count += 1
    assert count >= 300


def _check_error(call: Any, error_type: type, regex: str, what: str) -> None:
    with pytest.raises(LossInputError) as info:
        call()
    assert info.value.torch_type == error_type.__name__, what
    with warnings.catch_warnings():  # torch's regexes use "[(]" sets
        warnings.simplefilter("ignore", FutureWarning)
        found = re.search(regex, str(info.value))
    assert found, f"{what}: {info.value!s} does not match {regex!r}"


def test_opinfo_error_inputs_match_torch() -> None:
    count = 0
    for op in _ops():
        for error in op.error_inputs("cpu"):
            s = error.sample_input
            w, y = s.args
            _check_error(
                lambda s=s, w=w, y=y: compute(
                    NAME,
                    s.input.numpy(),
                    y.numpy(),
                    linear_weight=w.numpy(),
                    **_engine_kwargs(dict(s.kwargs)),
                ),
                error.error_type,
                error.error_regex,
                f"{op.variant_test_name} error {count}",
            )
            count += 1
    assert count >= 6


def _module_info() -> Any:
    _, module_db = _internal()
    infos = [m for m in module_db if m.module_cls.__name__ == NAME]
    assert infos, "torch 2.13 has a ModuleInfo for LinearCrossEntropyLoss"
    return infos[0]


def _module_tensors(
    torch: Any, args: tuple[Any, ...], kwargs: dict[str, Any], dtype: Any
) -> tuple[Any, Any]:
    """The Linear parameters a module built from these arguments gets."""
    in_features, classes = args[:2]
    out = tuple(kwargs.get("out_features", ()))
    torch.manual_seed(len(out) + classes)
    w = torch.randn((classes, *out, in_features), dtype=dtype)
    b = torch.randn((classes, *out), dtype=dtype) if kwargs.get("bias") else None
    return w, b


_MODULE_ONLY = ("out_features", "bias", "device", "dtype")


@pytest.mark.parametrize("dtype_name", ["float32", "float64"])
def test_module_inputs_match_torch(dtype_name: str) -> None:
    torch = pytest.importorskip("torch")
    dtype = getattr(torch, dtype_name)
    info = _module_info()
    count = 0
    for inp in info.module_inputs_func(
        info, device="cpu", dtype=dtype, requires_grad=False, training=True
    ):
        args, kwargs = inp.constructor_input.args, dict(inp.constructor_input.kwargs)
        x, y = inp.forward_input.args
        w, b = _module_tensors(torch, args, kwargs, dtype)
        loss_kwargs = {k: v for k, v in kwargs.items() if k not in _MODULE_ONLY}
        if b is not None:
            loss_kwargs["linear_bias"] = b
        _check_live(torch, x, w, y, loss_kwargs, f"module input {count}")
        count += 1
    assert count >= 100


def test_module_error_inputs_match_torch() -> None:
    torch = pytest.importorskip("torch")
    info = _module_info()
    count = 0
    for error in info.module_error_inputs_func(
        info, device="cpu", dtype=torch.float32, requires_grad=False, training=True
    ):
        ctor = error.module_error_input.constructor_input
        args, kwargs = ctor.args, dict(ctor.kwargs)
        x, y = error.module_error_input.forward_input.args
        w, b = _module_tensors(torch, args, kwargs, torch.float32)
        loss_kwargs = _engine_kwargs(
            {k: v for k, v in kwargs.items() if k not in _MODULE_ONLY}
        )
        if b is not None:
            loss_kwargs["linear_bias"] = b.numpy()
        _check_error(
            lambda x=x, y=y, w=w, kw=loss_kwargs: compute(
                NAME, x.numpy(), y.numpy(), linear_weight=w.numpy(), **kw
            ),
            error.error_type,
            error.error_regex,
            f"module error {count}",
        )
        count += 1
    assert count >= 1


def test_tolerance_helper_can_fail() -> None:
    with pytest.raises(AssertionError):
        assert_close(np.float64(1.0), np.float64(1.0 + 1e-8), "probe")
    assert math.isfinite(TOLERANCES[np.dtype(np.float64)][0])
