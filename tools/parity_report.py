"""Measure how close the engine is to torch on the recorded reference data.

Run from the repository root::

    uv run python tools/parity_report.py            # print the table
    uv run python tools/parity_report.py --write    # update README.md

It reads every case of ``tests/data/torch_reference/*.json`` (recorded from
torch 2.13 by ``tools/make_torch_reference.py``), runs it through
:func:`lossgui.engine.compute`, and reports per loss:

* the value and gradient arrays compared (one or two per case that torch
  computes; the cases where torch raises are checked elsewhere);
* the share that is bit-identical to torch (dtype, shape, every element and
  the sign of every zero; NaN for NaN);
* the worst distance in ulps of the working precision (float32 when any input
  is float32), for values and for gradients: the count of representable
  numbers between the engine's element and torch's;
* the largest share of ``tests/torch_parity.py``'s allowance an element uses,
  ``|engine - torch| / (ULPS · ε · |torch| + SCALE_ULPS · ε · s)`` with ``s``
  the case's input scale (the tests pass below 1; a near-zero element's ulp
  distance can be huge — a sign change of a round-off-sized number — while
  this stays small).

``--write`` replaces the text between ``<!-- parity-report:start -->`` and
``<!-- parity-report:end -->`` in ``README.md``;
``tests/engine/test_parity_report.py`` fails when that text is not what this
script generates now. Torch is not needed.
"""

from __future__ import annotations

import argparse
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
START = "<!-- parity-report:start -->"
END = "<!-- parity-report:end -->"

if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from torch_parity import (  # noqa: E402
    SCALE_ULPS,
    ULPS,
    allowance_used,
    bit_identical,
    input_scale,
    ulp_distance,
)
from torch_reference_cases import (  # noqa: E402
    call,
    decode_array,
    inputs,
    load_cases,
    working_precision,
)


@dataclass
class LossParity:
    """What one loss's recorded cases measure."""

    arrays: int = 0
    identical: int = 0
    worst_ulps: dict[str, int] = field(default_factory=lambda: {"value": 0, "grad": 0})
    worst_used: float = 0.0

    def add(self, other: LossParity) -> None:
        self.arrays += other.arrays
        self.identical += other.identical
        for what, ulps in other.worst_ulps.items():
            self.worst_ulps[what] = max(self.worst_ulps[what], ulps)
        self.worst_used = max(self.worst_used, other.worst_used)


def _worst_ulps(actual: np.ndarray, expected: np.ndarray, work: np.dtype[Any]) -> int:
    """The largest ulp distance in ``work`` precision over the finite pairs."""
    both = np.isfinite(actual) & np.isfinite(expected)
    if not both.any():
        return 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # float64 -> float32
        a = actual[both].astype(work)
        e = expected[both].astype(work)
    return int(np.max(ulp_distance(a, e)))


def measure() -> dict[str, LossParity]:
    """Every loss with recorded cases -> its measurements."""
    report: dict[str, LossParity] = {}
    for case in load_cases():
        if "error" in case:
            continue
        entry = report.setdefault(case["loss"], LossParity())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = call(case)
        work = working_precision(case)
        scale = input_scale(*inputs(case))
        pairs = [("value", result.value, case["value"])]
        if case["grad"] is not None:
            pairs.append(("grad", result.grad, case["grad"]))
        for what, got, recorded in pairs:
            actual, expected = np.asarray(got), decode_array(recorded)
            entry.arrays += 1
            entry.identical += bit_identical(actual, expected)
            if expected.dtype.kind != "f" or actual.dtype != expected.dtype:
                continue
            precision = (
                work if work.itemsize < expected.dtype.itemsize else expected.dtype
            )
            ulps = _worst_ulps(actual, expected, precision)
            entry.worst_ulps[what] = max(entry.worst_ulps[what], ulps)
            error = allowance_used(actual, expected, precision, scale)
            entry.worst_used = max(entry.worst_used, error)
    return dict(sorted(report.items()))


def simd_profile() -> str:
    """The widest SIMD level NumPy dispatches to on this CPU ("AVX-512", "AVX2" ...).

    NumPy's SIMD loops for exp, log, log1p, power ... round some results
    differently from its scalar ones, so the bit-identical shares depend on
    the CPU they were measured on; the README names it.
    """
    try:
        from numpy._core._multiarray_umath import __cpu_features__ as features
    except ImportError:  # numpy < 2
        from numpy.core._multiarray_umath import __cpu_features__ as features
    for flag, name in (
        ("AVX512_SKX", "AVX-512"),
        ("AVX2", "AVX2"),
        ("ASIMD", "NEON"),
    ):
        if features.get(flag):
            return name
    return "baseline"


def profile_line(profile: str) -> str:
    """The README line that names the SIMD level the table was measured at."""
    return f"Measured with NumPy dispatching to {profile}."


def _count(n: int) -> str:
    return f"{n:,}"


def render(report: dict[str, LossParity]) -> str:
    """The README section (markers included) for ``report``."""
    total = LossParity()
    for entry in report.values():
        total.add(entry)
    share = 100.0 * total.identical / total.arrays
    lines = [
        START,
        "<!-- generated by tools/parity_report.py --write; do not edit by hand -->",
        "",
        "### Parity with torch, measured",
        "",
        f"Of the {_count(total.arrays)} values and gradients torch 2.13 computed on "
        f"the recorded cases (`tests/data/torch_reference`), the engine reproduces "
        f"{_count(total.identical)} ({share:.1f} %) bit for bit. The rest differ "
        "in the last bits: the tests accept, per element, "
        f"{ULPS} ulps plus {SCALE_ULPS} ε times the inputs' largest magnitude "
        "(ε of float32 when any input is float32), never a margin taken from the "
        "largest output (`tests/torch_parity.py`). *Worst ulps* counts the float "
        "values between the engine's and torch's element (a number near 0 that "
        "changes sign counts billions); *tolerance used* is the largest "
        "|engine − torch| of an element as a share of what the tests allow it. "
        "NumPy's SIMD loops round some results differently on different CPUs, so "
        "the shares move a little from machine to machine; on another CPU "
        "`tests/engine/test_parity_report.py` checks the table's cases and "
        "that every element stays within the allowance.",
        "",
        profile_line(simd_profile()),
        "",
        "| loss | arrays | bit-identical | worst ulps (value) | worst ulps (grad) "
        "| tolerance used |",
        "|---|--:|--:|--:|--:|--:|",
    ]
    for loss, e in report.items():
        lines.append(
            f"| `{loss}` | {_count(e.arrays)} | {100.0 * e.identical / e.arrays:.1f} % "
            f"| {_count(e.worst_ulps['value'])} | {_count(e.worst_ulps['grad'])} "
            f"| {100 * e.worst_used:.0f} % |"
        )
    lines += [
        f"| **all** | {_count(total.arrays)} | {share:.1f} % "
        f"| {_count(total.worst_ulps['value'])} | {_count(total.worst_ulps['grad'])} "
        f"| {100 * total.worst_used:.0f} % |",
        END,
    ]
    return "\n".join(lines)


def readme_section(text: str) -> str:
    """The marked section of ``text`` (markers included)."""
    start, end = text.index(START), text.index(END) + len(END)
    return text[start:end]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="update README.md")
    args = parser.parse_args(argv)
    section = render(measure())
    if not args.write:
        print(section)
        return 0
    text = README.read_text(encoding="utf-8")
    README.write_text(text.replace(readme_section(text), section), encoding="utf-8")
    print(f"updated {README.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
