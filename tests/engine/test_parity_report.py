"""README's parity table is what ``tools/parity_report.py`` measures now.

The table between ``<!-- parity-report:start -->`` and
``<!-- parity-report:end -->`` is generated (bit-identical share and worst ulp
distance per loss, on the recorded torch data); after an engine change or new
reference data, regenerate it with ``uv run python tools/parity_report.py
--write``. Torch is not needed.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from script_modules import load_tool

ROOT = Path(__file__).resolve().parents[2]


def _report() -> ModuleType:
    return load_tool("parity_report")


@cache
def _measured() -> dict[str, Any]:
    return _report().measure()


def _columns(section: str, first: int, last: int) -> list[list[str]]:
    """Columns ``first:last`` of every table row of a rendered section."""
    rows = [line.split("|")[1:-1] for line in section.splitlines() if line[:3] == "| `"]
    return [[cell.strip() for cell in row[first:last]] for row in rows]


def test_readme_table_is_the_generated_one() -> None:
    """Bit for bit on a CPU of the README's SIMD level; its cases on any other.

    NumPy rounds some exp/log/power results differently on AVX-512 and AVX2,
    which moves the bit-identical shares; the loss rows and array counts do
    not move, and every element must stay within the tests' allowance.
    """
    report = _report()
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert text.count(report.START) == 1 and text.count(report.END) == 1
    measured = _measured()
    generated = report.render(measured)
    stale = (
        "README.md's parity table is stale: run "
        "`uv run python tools/parity_report.py --write`"
    )
    written = report.readme_section(text)
    if report.profile_line(report.simd_profile()) in written:
        assert written == generated, stale
    else:
        assert _columns(written, 0, 2) == _columns(generated, 0, 2), stale
        assert all(entry.worst_used < 1 for entry in measured.values())


def test_every_recorded_loss_has_a_row() -> None:
    report = _report()
    measured = _measured()
    losses = {c["loss"] for c in report.load_cases() if "error" not in c}
    assert set(measured) == losses
    assert all(entry.arrays > 0 for entry in measured.values())
