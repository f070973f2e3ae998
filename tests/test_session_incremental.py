"""Incremental evaluation equals a full evaluation, bit for bit, for every loss."""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np
import pytest

from lossgui.engine import LOSSES
from lossgui.session.convert import new_document, switch_target_mode
from lossgui.session.document import SessionDocument
from lossgui.session.evaluation import Evaluation
from lossgui.session.incremental import evaluate_rows
from lossgui.session.row_blocks import MEAN_BY_ROWS

ROW_ROLES = ("grid", "rows")


def _same_array(a: Any, b: Any) -> bool:
    """Bit for bit, except that any NaN equals any NaN (sign and payload).

    NumPy's vector loops and their scalar tails give ``inf - inf`` NaNs of
    different signs, so a row computed alone may carry another NaN than the
    same row inside its batch; torch's NaN signs are not part of parity.
    """
    if a is None or b is None:
        return a is b
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype != b.dtype or a.shape != b.shape:
        return False
    if a.dtype.kind not in "fc":
        return a.tobytes() == b.tobytes()
    nan_a, nan_b = np.isnan(a), np.isnan(b)
    if not np.array_equal(nan_a, nan_b):
        return False
    keep = ~nan_a
    return bool(a[keep].tobytes() == b[keep].tobytes())


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return _same_array(a, b)
    return type(a) is type(b) and (a == b or (a != a and b != b))


def assert_same(inc: Evaluation, full: Evaluation) -> None:
    """Every field the views read, compared bit for bit."""
    for field in ("loss", "reduction", "dtype", "input_mode", "target_mode"):
        assert getattr(inc, field) == getattr(full, field), field
    assert [n for n, _ in inc.inputs] == [n for n, _ in full.inputs]
    for (name, a), (_, b) in zip(inc.inputs, full.inputs, strict=True):
        assert _same_array(a, b), name
    assert [k for k, _ in inc.kwargs] == [k for k, _ in full.kwargs]
    for (key, a), (_, b) in zip(inc.kwargs, full.kwargs, strict=True):
        assert _same_value(a, b), key
    assert inc.error is None and full.error is None
    assert inc.result is not None and full.result is not None
    ri, rf = inc.result, full.result
    assert ri.activation == rf.activation
    assert _same_array(ri.activated, rf.activated)
    assert _same_array(ri.grad, rf.grad)
    li, lf = ri.loss, rf.loss
    for field in ("value", "grad", "elementwise"):
        assert _same_array(getattr(li, field), getattr(lf, field)), field
    assert li.reduction == lf.reduction
    assert _same_value(li.numerator, lf.numerator)
    assert li.denominator == lf.denominator
    assert li.warnings == lf.warnings
    assert dict(li.derived) == dict(lf.derived) == {}
    assert dict(li.param_grads) == dict(lf.param_grads) == {}
    assert _same_array(inc.probabilities, full.probabilities)
    assert inc.receipt == full.receipt or (
        inc.receipt is not None
        and full.receipt is not None
        and inc.receipt.text == full.receipt.text
    )
    assert inc.ok == full.ok and inc.warnings == full.warnings


def _row_tensors(doc: SessionDocument) -> list[str]:
    names = []
    for slot in doc.slots():
        if slot.role not in ROW_ROLES:
            continue
        if slot.name in doc.tensor_params and not doc.enabled.get(slot.name):
            continue
        names.append(slot.name)
    return names


def _random_edit(
    doc: SessionDocument, rng: np.random.Generator
) -> tuple[str, range] | None:
    """Write random values into one or more rows of one row-indexed tensor."""
    names = _row_tensors(doc)
    if not names:
        return None
    name = names[int(rng.integers(len(names)))]
    table = doc.table(name)
    n, width = table.shape
    if rng.random() < 0.5:
        start, stop = int(rng.integers(n)), 0
        stop = start + 1
        cols = np.array([int(rng.integers(width))])
    else:
        start = int(rng.integers(n))
        stop = int(rng.integers(start + 1, n + 1))
        cols = np.arange(width)
    rows = np.repeat(np.arange(start, stop), len(cols))
    columns = np.tile(cols, stop - start)
    if doc.slot(name).kind == "index":
        pool = np.unique(table)  # values the document already holds
        values = rng.choice(pool, size=rows.size).astype(np.float64)
    else:
        values = rng.normal(0.0, 1.5, size=rows.size)
        if rng.random() < 0.1:
            values[0] = rng.choice([0.0, -0.0, 30.0, -30.0, np.inf, np.nan])
    doc.set_values(name, rows, columns, values)
    return name, range(start, stop)


def random_batch(name: str, seed: int, reduction: str | None = None) -> SessionDocument:
    """``name``'s example resized to 300 x 40 and randomised (``reduction`` set)."""
    doc = new_document(name)
    doc.resize(300, 40)
    doc.randomize(seed=seed)
    if reduction is not None:
        doc.reduction = reduction
    return doc


def _documents(name: str) -> list[SessionDocument]:
    doc = new_document(name)
    docs = [doc]
    big = doc.copy()
    try:
        big.resize(50, 7 if doc.columns > 1 or doc.class_dim else 1)
    except (ValueError, KeyError):  # a layout that cannot grow
        return docs
    big.randomize(seed=11)
    docs.append(big)
    wide = doc.copy()  # long rows: pairwise sums and vectorised kernels
    wide.resize(300, 40 if doc.columns > 1 or doc.class_dim else 1)
    wide.randomize(seed=12)
    docs.append(wide)
    weighted = big.copy()  # every optional tensor on (class or element weights)
    rng = np.random.default_rng(13)
    for key in weighted.tensor_params:
        values = weighted.tensor_params[key]
        values[...] = rng.uniform(0.1, 3.0, size=values.shape)
        weighted.enabled[key] = True
    if weighted.tensor_params:
        docs.append(weighted)
    if name == "CrossEntropyLoss":  # probability targets (soft labels)
        docs.append(switch_target_mode(big, "probability"))
    return docs


TAKEN: set[tuple[str, str]] = set()


@pytest.mark.parametrize("name", sorted(LOSSES))
def test_incremental_equals_full_over_random_edits(name: str) -> None:
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    for base in _documents(name):
        for reduction in dict.fromkeys((base.reduction, *("none", "sum", "mean"))):
            if reduction not in LOSSES[name].reductions:
                continue
            doc = base.copy()
            doc.reduction = reduction
            previous = doc.evaluate()
            for _ in range(12):
                edit = _random_edit(doc, rng)
                if edit is None:
                    break
                inc = evaluate_rows(previous, doc, (edit[0],), edit[1])
                full = doc.evaluate()
                if inc is not None:
                    assert_same(inc, full)
                    TAKEN.add((name, reduction))
                previous = full


@pytest.mark.parametrize(
    "name",
    ["CrossEntropyLoss", "MSELoss", "BCEWithLogitsLoss", "HuberLoss", "NLLLoss"],
)
@pytest.mark.parametrize("reduction", ["none", "sum"])
def test_row_local_losses_take_the_incremental_path(name: str, reduction: str) -> None:
    doc = new_document(name)
    doc.resize(20, 4 if doc.columns > 1 or doc.class_dim else 1)
    doc.randomize(seed=3)
    doc.reduction = reduction
    previous = doc.evaluate()
    first = doc.first_name
    doc.set_values(first, np.array([5]), np.array([0]), np.array([0.25]))
    inc = evaluate_rows(previous, doc, (first,), range(5, 6))
    assert inc is not None
    assert_same(inc, doc.evaluate())


def test_mean_of_the_batch_reaches_the_rows() -> None:
    """'mean': the edited rows get the batch's 1/N, not their own."""
    doc = new_document("MSELoss")
    doc.resize(40, 3)
    doc.randomize(seed=2)
    doc.reduction = "mean"
    previous = doc.evaluate()
    doc.set_values(doc.first_name, np.array([0]), np.array([0]), np.array([3.0]))
    inc = evaluate_rows(previous, doc, (doc.first_name,), range(0, 1))
    assert inc is not None and inc.result is not None
    assert inc.result.loss.denominator == 120.0
    assert_same(inc, doc.evaluate())


def test_every_row_local_loss_takes_the_mean_path() -> None:
    """The random edits above took 'mean' incrementally for each such loss."""
    for name in MEAN_BY_ROWS:
        test_incremental_equals_full_over_random_edits(name)
    test_incremental_equals_full_over_random_edits("CrossEntropyLoss")
    taken = {n for n, r in TAKEN if r == "mean"}
    assert set(MEAN_BY_ROWS) | {"CrossEntropyLoss"} <= taken


@pytest.mark.parametrize(
    "change",
    [
        lambda d: setattr(d, "reduction", "sum"),
        lambda d: setattr(d, "dtype", np.dtype(np.float64)),
        lambda d: setattr(d, "input_mode", "raw"),
    ],
)
def test_whole_tensor_changes_do_not_take_the_incremental_path(change: Any) -> None:
    doc = new_document("MSELoss")
    doc.reduction = "none"
    previous = doc.evaluate()
    change(doc)
    assert evaluate_rows(previous, doc, (doc.first_name,), range(0, 1)) is None


def test_loss_switch_does_not_take_the_incremental_path() -> None:
    doc = new_document("MSELoss")
    doc.reduction = "none"
    previous = doc.evaluate()
    other = new_document("L1Loss")
    other.reduction = "none"
    assert evaluate_rows(previous, other, (other.first_name,), range(0, 1)) is None


def test_a_parameter_change_does_not_take_the_incremental_path() -> None:
    doc = new_document("HuberLoss")
    doc.reduction = "none"
    previous = doc.evaluate()
    doc.set_setting("param.delta", 0.5)
    assert evaluate_rows(previous, doc, (doc.first_name,), range(0, 1)) is None


def test_a_row_edit_that_torch_rejects_gets_the_full_error() -> None:
    doc = new_document("CrossEntropyLoss")
    doc.reduction = "none"
    previous = doc.evaluate()
    target = next(s.name for s in doc.slots()[1:] if s.kind == "index")
    doc.set_values(target, np.array([0]), np.array([0]), np.array([99.0]))
    assert evaluate_rows(previous, doc, (target,), range(0, 1)) is None
    assert doc.evaluate().error is not None


@pytest.mark.parametrize("weighted", [False, True])
def test_mean_cross_entropy_takes_the_incremental_path(weighted: bool) -> None:
    doc = new_document("CrossEntropyLoss")
    doc.resize(40, 6)
    doc.randomize(seed=4)
    doc.reduction = "mean"
    doc.tensors["target"][::5] = -100  # ignored rows: W is not N
    if weighted:
        doc.tensor_params["weight"][...] = np.linspace(0.25, 2.0, 6)
        doc.enabled["weight"] = True
    previous = doc.evaluate()
    doc.set_values("input", np.array([7, 7]), np.array([0, 3]), np.array([4.0, -1.0]))
    inc = evaluate_rows(previous, doc, ("input",), range(7, 8))
    assert inc is not None and inc.rewritten_rows == range(7, 8)
    assert_same(inc, doc.evaluate())


def test_a_target_edit_under_mean_is_a_full_evaluation() -> None:
    doc = new_document("CrossEntropyLoss")
    doc.reduction = "mean"
    previous = doc.evaluate()
    doc.set_values("target", np.array([0]), np.array([0]), np.array([2.0]))
    assert evaluate_rows(previous, doc, ("target",), range(0, 1)) is None


def test_large_arrays_are_written_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    import lossgui.session.incremental as incremental

    monkeypatch.setattr(incremental, "IN_PLACE_MIN_SIZE", 100)
    doc = random_batch("CrossEntropyLoss", 6, "mean")
    previous = doc.evaluate()
    assert previous.result is not None
    old_grad = previous.result.grad
    doc.set_values("input", np.array([123]), np.array([9]), np.array([2.5]))
    inc = evaluate_rows(previous, doc, ("input",), range(123, 124))
    assert inc is not None and inc.result is not None
    assert inc.result.grad is old_grad  # the same memory, rewritten
    assert not inc.result.grad.flags.writeable
    assert inc.rewritten_rows is not None and 123 in inc.rewritten_rows
    assert_same(inc, doc.evaluate())


def test_a_refused_edit_leaves_the_previous_evaluation_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """None (here: torch would raise) writes nothing into what stays on screen."""
    import lossgui.session.incremental as incremental

    monkeypatch.setattr(incremental, "IN_PLACE_MIN_SIZE", 1)  # write in place
    doc = random_batch("CrossEntropyLoss", 6, "sum")
    previous = doc.evaluate()
    assert previous.result is not None
    kept = {name: array.copy() for name, array in previous.inputs}
    grad = previous.result.grad.copy()
    doc.set_values("target", np.array([5]), np.array([0]), np.array([99.0]))
    assert evaluate_rows(previous, doc, ("target",), range(5, 6)) is None
    for name, array in previous.inputs:
        assert np.array_equal(array, kept[name]), name
    assert np.array_equal(previous.result.grad, grad)
