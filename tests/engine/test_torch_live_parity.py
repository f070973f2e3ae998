"""The engine against a live torch, on fresh random cases (skipped without torch).

The cases come from ``tools/make_torch_reference.py`` with a different seed
from the committed reference data, so the random parts (shapes, values,
weights, options) are new; they are run through torch here and then checked
exactly as ``test_torch_reference_data.py`` checks the recorded ones (value,
gradient, error and warnings). A fixed sample of ``PER_LOSS`` cases of every
loss keeps it quick; set ``LOSSGUI_LIVE_SEED`` to fuzz with another seed (and
``LOSSGUI_LIVE_SAMPLE=0`` to run every case, about 2200).
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from script_modules import load_module

torch = pytest.importorskip("torch")

ROOT = Path(__file__).resolve().parents[2]
LIVE_SEED = int(os.environ.get("LOSSGUI_LIVE_SEED", "72026613"))
#: Cases drawn from each loss's list (0: all of them).
PER_LOSS = int(os.environ.get("LOSSGUI_LIVE_SAMPLE", "30"))


maker = load_module(
    "_lossgui_make_torch_reference", ROOT / "tools" / "make_torch_reference.py"
)
reference = load_module(
    "_lossgui_torch_reference_checks",
    Path(__file__).resolve().parent / "test_torch_reference_data.py",
)


def _specs() -> list[tuple[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        per_loss = maker.build_specs(LIVE_SEED)
    rng = np.random.default_rng(LIVE_SEED)
    specs = []
    for loss, cases in per_loss.items():
        keep: Any = range(len(cases))
        if 0 < PER_LOSS < len(cases):
            keep = sorted(rng.choice(len(cases), PER_LOSS, replace=False))
        specs += [(f"live-{loss}-{i:03d}-{cases[i].label}", cases[i]) for i in keep]
    return specs


SPECS = _specs()


def test_live_seed_differs_from_the_committed_one() -> None:
    assert LIVE_SEED != maker.SEED
    assert torch.__version__.startswith("2.13.")


def test_every_loss_is_sampled() -> None:
    assert {spec.loss for _, spec in SPECS} == set(maker.LOSS_NAMES)


@pytest.mark.parametrize("spec", [s for _, s in SPECS], ids=[i for i, _ in SPECS])
def test_engine_matches_live_torch(spec: Any) -> None:
    case = maker.run_torch(spec)
    reference.check_case(case)
    if "error" not in case:
        reference.check_warnings(case)
