"""Every bundled example opens and shows the numbers the seed articles print.

Each example in ``resources/examples`` names the seed cases it reproduces
(``"example": {"cases": [...]}``); opening it and choosing the case's
reduction must give ``tests/data/seed_cases.json``'s value and gradient (or
torch's error). Every seed case is claimed by an example, except the two
whose point is a shape lossgui's grids cannot hold.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from lossgui.engine import LOSSES
from lossgui.io.bundled import examples_dir, list_examples, resources_dir
from lossgui.io.session_file import read_session

SEEDS = json.loads(
    (Path(__file__).resolve().parent.parent / "data" / "seed_cases.json").read_text(
        encoding="utf-8"
    )
)["cases"]
BY_ID = {case["id"]: case for case in SEEDS}
EXAMPLES = list_examples()
CLAIMS = [
    (example, case_id)
    for example in EXAMPLES
    for case_id in read_session(example.path).example.get("cases", [])
]
#: Seed cases shown only in an example's description, with the reason.
NOT_SESSIONS = {
    "s002-bcewl-index-target": "torch's error, shown by switching the CE example",
    "s004-bce-w-bad": "a (4,) weight for a (4, 5) input: grids keep shapes matched",
}


def test_examples_are_found_from_the_checkout_or_the_wheel():
    assert resources_dir().name == "resources"
    assert examples_dir().is_dir()
    assert len(EXAMPLES) >= 25


def test_every_seed_case_has_an_example():
    claimed = {case_id for _, case_id in CLAIMS}
    assert claimed <= set(BY_ID)
    assert set(BY_ID) - claimed == set(NOT_SESSIONS)


def test_one_example_per_loss_family():
    families = {
        LOSSES[read_session(e.path).document.loss].family
        for e in EXAMPLES
        if e.group == "Loss families"
    }
    assert families == {spec.family for spec in LOSSES.values()}


@pytest.mark.parametrize(
    ("example", "case_id"), CLAIMS, ids=[f"{e.path.stem}:{c}" for e, c in CLAIMS]
)
def test_example_reproduces_seed_case(example, case_id):
    case = BY_ID[case_id]
    doc = read_session(example.path).document
    assert doc.loss == case["loss"]
    assert doc.dtype == "float32"
    doc.set_setting("reduction", case["kwargs"].get("reduction", "mean"))
    evaluation = doc.evaluate()
    if "expected_error" in case:
        assert evaluation.error is not None
        assert evaluation.error.torch_text == case["expected_error"]
        return
    assert evaluation.ok, evaluation.error
    loss = evaluation.result.loss
    value = np.asarray(loss.value)
    assert value.dtype == np.float32
    np.testing.assert_allclose(value, case["expected"], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(
        loss.grad, case["expected_grad_wrt_transformed_input"], rtol=1e-5, atol=1e-6
    )


def test_example_as_opened_shows_the_first_case():
    for example in EXAMPLES:
        session = read_session(example.path)
        cases = session.example.get("cases")
        if not cases:
            assert session.document.evaluate().ok, example.path.name
            continue
        first = BY_ID[cases[0]]
        assert session.document.reduction == first["kwargs"].get("reduction", "mean")
        assert session.example["title"] and session.example["description"]
