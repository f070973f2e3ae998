"""Generate the torch reference cases that pin the lossgui engine to PyTorch.

Run from the repository root::

    uv run python tools/make_torch_reference.py

It needs real torch (2.13.0, the CPU build) in the environment; the tests that
read its output do not. It writes one file per loss,
``tests/data/torch_reference/<LossName>.json``, and is deterministic: the inputs
come from seeded NumPy ``Generator``s (``SEED``; see ``torch_reference.core.Maker``),
torch runs single-threaded, so running it twice gives byte-identical files (on
the same NumPy and torch). Every case is run twice and must give the same
record: inputs on which torch returns uninitialised memory (``'mean'``/``'sum'``
of an empty ``MultiMarginLoss``/``MultiLabelMarginLoss`` batch) are not
generated.

The cases are defined in the package next to this file,
``tools/torch_reference/<family>.py``: random shapes and values, every
parameter and reduction, extremes (±1e4, NaN, ±inf, empty batches), float32
and float64, the deprecated ``size_average``/``reduce``, and the inputs each
loss rejects.

Three calls are not ``torch.nn.<Loss>(**kwargs)(*tensors)``:

* ``sigmoid_focal_loss`` (``"call": "torchvision.ops.sigmoid_focal_loss"``):
  torchvision is not installed, so ``torch_reference/focal.py`` carries
  torchvision's published algorithm written in torch (autograd gives the
  gradient);
* ``LinearCrossEntropyLoss``: the engine takes the module's Linear parameters
  as the keywords ``linear_weight``/``linear_bias``;
  ``torch_reference/linear.py`` builds the module around them;
* ``TripletMarginWithDistanceLoss``: the engine takes ``distance_function`` as
  a name; ``torch_reference/triplet.py`` maps each name to the torch callable
  it stands for before calling the module.

File format (``"format": "lossgui-torch-reference"``, ``"version": 1``)
------------------------------------------------------------------------
A JSON object: ``torch_version``, ``numpy_version``, ``seed``, ``loss`` and
``cases``, one case per line. A case is::

    {"id": "CrossEntropyLoss-017-kdim-weight-f32-2x3x4-mean",
     "loss": "CrossEntropyLoss",
     "call": "torch.nn.CrossEntropyLoss",  # torch.nn.functional.l1_loss (etc.)
                                        # for the functional-only weight=
     "tensors": [<tensor>, ...],        # forward's positional tensors
     "kwargs": {"weight": <tensor>, "ignore_index": 1, "reduction": "mean"},
     "value": <tensor>,                 # what torch returned
     "grad": <tensor> or null,          # d sum(value) / d tensors[0]; null when
                                        # the first tensor is not floating, or
                                        # when torch's backward itself fails:
     "grad_error": {"type", "message"}, # (only then) what that backward raised
     "param_grads": {"linear_weight": <tensor>, ...},  # (LinearCrossEntropyLoss)
                                        # d sum(value) / d each parameter tensor
     "warnings": ["..."],               # torch's warning texts, in order, unique
     # or, instead of value/grad/warnings, for an input torch rejects:
     "error": {"type": "IndexError", "message": "Target 3 is out of bounds."}}

A ``<tensor>`` is ``{"dtype": "float32", "shape": [2, 3], "data": [...]}`` with
``data`` flattened in C order (so empty shapes such as ``[0, 3]`` survive).
Floats that are not finite are the strings ``"nan"``, ``"inf"`` and ``"-inf"``
(strict JSON has no literal for them); every other float is a JSON number
that parses back to the exact value (float32 values are written with the
shortest text that round-trips through float32, checked when writing). A
non-tensor keyword that is a non-finite float is ``{"float": "inf"}``. The
tensors are what torch received, so a reader rebuilds them with
``np.asarray(data, float64).astype(dtype).reshape(shape)``.

``tests/engine/test_torch_live_parity.py`` imports ``build_specs`` and
``run_torch`` from this file to compare fresh random cases live.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import torch

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # loaded by path (the live test), not run
    sys.path.insert(0, str(HERE))

from torch_reference import LOSS_NAMES, SEED, build_specs, dump, run_torch  # noqa: E402

__all__ = ["LOSS_NAMES", "SEED", "build_specs", "main", "run_torch"]

OUT_DIR = HERE.parent / "tests" / "data" / "torch_reference"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="output folder")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument(
        "--only",
        nargs="+",
        choices=LOSS_NAMES,
        metavar="LOSS",
        help="write only these losses' files (each loss has its own stream, "
        "so the others' files would not change anyway)",
    )
    args = parser.parse_args(argv)
    torch.set_num_threads(1)
    args.out.mkdir(parents=True, exist_ok=True)
    total = size = 0
    for loss, specs in build_specs(args.seed).items():
        if args.only and loss not in args.only:
            continue
        cases = []
        for i, spec in enumerate(specs):
            case = run_torch(spec, i)
            if json.dumps(run_torch(spec, i)) != json.dumps(case):
                raise RuntimeError(f"torch is not deterministic on {case['id']}")
            cases.append(case)
        text = dump(loss, cases, args.seed)
        (args.out / f"{loss}.json").write_text(text, encoding="utf-8")
        errors = sum("error" in c for c in cases)
        print(
            f"{loss:29s} {len(cases):4d} cases ({errors:3d} errors) "
            f"{len(text):8d} bytes"
        )
        total += len(cases)
        size += len(text)
    print(f"{total} cases, {size} bytes, torch {torch.__version__}")


if __name__ == "__main__":
    main()
