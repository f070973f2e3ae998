"""The translation catalogues are complete and current (run in CI).

Every text the code marks (``QCoreApplication.translate``, ``self.tr``,
``lossgui.i18n.translate``, ``QT_TRANSLATE_NOOP``) and every example title and
description has a finished Chinese translation; no catalogue keeps text the
code no longer has; the shipped ``.qm`` is what ``pyside6-lrelease`` makes of
the ``.ts``. ``tools/i18n.py update`` / ``release`` repair what this finds.
Here (not in the Qt-free suites) because lupdate and lrelease come with
PySide6.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from script_modules import load_tool

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    return load_tool("i18n")


def test_every_python_file_of_lossgui_is_in_exactly_one_area():
    tool = _tool()
    owners: dict[Path, list[str]] = {}
    for area in tool.AREAS:
        for path in tool.sources(area):
            owners.setdefault(path, []).append(area)
    every = set((ROOT / "lossgui").rglob("*.py"))
    assert set(owners) == every, sorted(str(p) for p in every ^ set(owners))
    assert {p: a for p, a in owners.items() if len(a) > 1} == {}


@pytest.mark.parametrize("code", ["zh_CN"])
def test_every_marked_text_has_a_current_finished_translation(code, capsys):
    tool = _tool()
    assert code in tool.TRANSLATED
    status = tool.check()
    report = capsys.readouterr().out
    problems = report.strip().splitlines()
    assert status == 0, f"{len(problems)} problems, e.g.:\n" + "\n".join(problems[:40])


@pytest.mark.parametrize("code", ["zh_CN"])
def test_the_shipped_qm_is_the_compiled_catalogues(code, tmp_path):
    tool = _tool()
    fresh = tmp_path / f"lossgui_{code}.qm"
    tool.lrelease(code, fresh)
    shipped = tool.I18N / f"lossgui_{code}.qm"
    assert shipped.read_bytes() == fresh.read_bytes(), (
        "run `uv run python tools/i18n.py release`"
    )


def test_the_catalogues_ship_in_the_wheel():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources" = "lossgui/resources"' in text
    assert (ROOT / "resources" / "i18n" / "glossary_zh_CN.md").exists()
