"""Keep the translation catalogues in step with the code.

Run from the repository root::

    uv run python tools/i18n.py update    # lupdate every area -> resources/i18n/*.ts
    uv run python tools/i18n.py release   # lrelease the .ts -> lossgui_<lang>.qm
    uv run python tools/i18n.py check     # what the tests check: nothing missing

    # one area at a time (several translators at once each keep to their own):
    uv run python tools/i18n.py update --area explain
    uv run python tools/i18n.py todo --area explain > todo.json   # unfinished entries
    uv run python tools/i18n.py fill --area explain --entries done.json  # write them

``todo`` prints the unfinished entries as a JSON list of ``{"context",
"source", "translation"}`` objects (translation empty); ``fill`` takes such a
list with the translations written and puts them into the catalogue.

Each *area* of the code has its own catalogue per language,
``resources/i18n/<area>_<lang>.ts`` (one file per area keeps edits apart).
``update`` runs ``pyside6-lupdate -locations none -no-obsolete`` on the area's
sources (Python files, plus the example sessions' titles and descriptions,
which a generated ``.py`` list hands to lupdate), so new text appears as
``type="unfinished"`` entries to translate and text that left the code is
dropped. ``release`` compiles every catalogue of a language into one
``lossgui_<lang>.qm`` for Qt. ``tests/test_i18n_catalogues.py`` fails when a
catalogue misses text of the code, keeps text the code no longer has, or has
an unfinished entry, and when a ``.qm`` is not what ``release`` makes.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from lossgui.i18n import read_catalogue

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "resources" / "i18n"
EXAMPLES = ROOT / "resources" / "examples"
TRANSLATED = ("zh_CN",)

#: Area -> the sources lupdate reads for it (folders are searched recursively).
#: "examples" is made from the example sessions (see :func:`examples_source`).
AREAS: dict[str, tuple[str, ...]] = {
    "window": ("lossgui/ui",),  # minus the panels (see sources())
    "panels": (
        "lossgui/ui/cell_editor.py",
        "lossgui/ui/compare_panel.py",
        "lossgui/ui/controller.py",
        "lossgui/ui/diagnostics_banner.py",
        "lossgui/ui/element_tracker.py",
        "lossgui/ui/elided_label.py",
        "lossgui/ui/example_notes.py",
        "lossgui/ui/explain_panel.py",
        "lossgui/ui/grid_area.py",
        "lossgui/ui/grid_controls.py",
        "lossgui/ui/hardest_panel.py",
        "lossgui/ui/loss_controls.py",
        "lossgui/ui/naming.py",
        "lossgui/ui/param_panel.py",
        "lossgui/ui/param_widgets.py",
        "lossgui/ui/plots",
        "lossgui/ui/result_model.py",
        "lossgui/ui/results_panel.py",
        "lossgui/ui/sgd_controls.py",
        "lossgui/ui/table_views.py",
        "lossgui/ui/tensor_model.py",
        "lossgui/ui/tensor_panel.py",
    ),
    "explain": ("lossgui/session/explain",),
    "session": ("lossgui/session",),  # minus explain/ (see sources())
    "engine": ("lossgui/engine",),
    "app": (
        "lossgui/__init__.py",
        "lossgui/__main__.py",
        "lossgui/api.py",
        "lossgui/cli.py",
        "lossgui/cli_export.py",
        "lossgui/i18n.py",
        "lossgui/io",
        "lossgui/system_libs.py",
    ),
    "examples": (),
}


def _python_files(path: Path) -> list[Path]:
    return sorted(path.rglob("*.py")) if path.is_dir() else [path]


def sources(area: str) -> list[Path]:
    """The Python files of ``area`` (each file of lossgui in exactly one area)."""
    files: list[Path] = []
    for entry in AREAS[area]:
        files += [p for p in _python_files(ROOT / entry) if p.exists()]
    if area == "session":
        explain = ROOT / "lossgui" / "session" / "explain"
        files = [p for p in files if explain not in p.parents]
    if area == "window":
        panels = set(sources("panels"))
        files = [p for p in files if p not in panels]
    return files


def examples_source() -> str:
    """A Python module lupdate can read: every example's title, group and notes."""
    lines = ["from lossgui.i18n import QT_TRANSLATE_NOOP", ""]
    seen: set[str] = set()
    for path in sorted(EXAMPLES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        meta = data.get("example", data)
        if not isinstance(meta, dict):
            continue
        texts = [meta.get(key) for key in ("group", "title", "description")]
        article = meta.get("article", {})
        if isinstance(article, dict):  # its note and what each print shows
            texts.append(article.get("note"))
            for entry in article.get("printed", []):
                if isinstance(entry, dict):
                    texts += [entry.get("what"), entry.get("note")]
        for text in texts:
            if isinstance(text, str) and text and text not in seen:
                seen.add(text)
                lines.append(f"QT_TRANSLATE_NOOP('examples', {text!r})")
    return "\n".join(lines) + "\n"


def _tool(name: str) -> str:
    found = shutil.which(name) or shutil.which(
        name, path=str(Path(sys.executable).parent)
    )
    if found is None:
        raise SystemExit(f"{name} not found: it comes with PySide6 (uv sync)")
    return found


def lupdate(area: str, ts: Path) -> None:
    """Bring ``ts`` in step with ``area``'s code (new text unfinished, old dropped)."""
    with tempfile.TemporaryDirectory() as folder:
        files = [str(p) for p in sources(area)]
        if area == "examples":
            generated = Path(folder) / "examples.py"
            generated.write_text(examples_source(), encoding="utf-8")
            files = [str(generated)]
        subprocess.run(
            [
                _tool("pyside6-lupdate"),
                "-locations",
                "none",
                "-no-obsolete",
                *files,
                "-ts",
                str(ts),
            ],
            check=True,
            capture_output=True,
        )


def lrelease(code: str, qm: Path) -> None:
    """Compile every catalogue of ``code`` into one ``.qm``."""
    catalogues = [str(p) for p in sorted(I18N.glob(f"*_{code}.ts"))]
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", *catalogues, "-qm", str(qm)],
        check=True,
        capture_output=True,
    )


def update(areas: list[str]) -> None:
    I18N.mkdir(parents=True, exist_ok=True)
    for code in TRANSLATED:
        for area in areas:
            ts = I18N / f"{area}_{code}.ts"
            lupdate(area, ts)
            todo = sum(v is None for v in read_catalogue(ts).values())
            total = len(read_catalogue(ts))
            print(f"{ts.relative_to(ROOT)}: {total} messages, {todo} to translate")


def release() -> None:
    for code in TRANSLATED:
        qm = I18N / f"lossgui_{code}.qm"
        lrelease(code, qm)
        print(f"wrote {qm.relative_to(ROOT)}")


def todo(areas: list[str]) -> list[dict[str, str]]:
    """The unfinished entries of ``areas``' catalogues."""
    out = []
    for code in TRANSLATED:
        for area in areas:
            entries = read_catalogue(I18N / f"{area}_{code}.ts")
            for (context, source), text in entries.items():
                if text is None:
                    entry = {"context": context, "source": source, "translation": ""}
                    out.append(entry)
    return out


def fill(area: str, entries: list[dict[str, str]], code: str = "zh_CN") -> int:
    """Write ``entries``' translations into ``area``'s catalogue; returns how many."""
    ts = I18N / f"{area}_{code}.ts"
    tree = ElementTree.parse(ts)
    wanted = {(e["context"], e["source"]): e["translation"] for e in entries}
    written = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", default="")
        for message in context.iter("message"):
            key = (name, message.findtext("source") or "")
            element = message.find("translation")
            if key in wanted and wanted[key] and element is not None:
                element.text = wanted[key]
                element.attrib.pop("type", None)
                written += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lupdate(area, ts)  # back to lupdate's own layout
    return written


def check(areas: list[str] | None = None) -> int:
    """Print what is missing; 0 when every catalogue is complete and current."""
    problems: list[str] = []
    for code in TRANSLATED:
        for area in areas or list(AREAS):
            ts = I18N / f"{area}_{code}.ts"
            if not ts.exists():
                problems.append(f"{ts.name}: missing")
                continue
            with tempfile.TemporaryDirectory() as folder:
                fresh = Path(folder) / ts.name
                shutil.copy(ts, fresh)
                lupdate(area, fresh)
                now, committed = read_catalogue(fresh), read_catalogue(ts)
            for key in sorted(now.keys() - committed.keys()):
                problems.append(f"{ts.name}: not in the catalogue: {key}")
            for key in sorted(committed.keys() - now.keys()):
                problems.append(f"{ts.name}: no longer in the code: {key}")
            for key, text in sorted(committed.items()):
                if text is None and key in now:
                    problems.append(f"{ts.name}: untranslated: {key}")
    for line in problems:
        print(line)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "command", choices=["update", "release", "check", "todo", "fill"]
    )
    parser.add_argument("--entries", help="fill: the JSON file of translated entries")
    parser.add_argument("--area", choices=list(AREAS), action="append")
    args = parser.parse_args(argv)
    areas = args.area or list(AREAS)
    if args.command == "update":
        update(areas)
    elif args.command == "release":
        release()
    elif args.command == "todo":
        print(json.dumps(todo(areas), ensure_ascii=False, indent=1))
    elif args.command == "fill":
        if not args.entries or not args.area or len(args.area) != 1:
            parser.error("fill needs one --area and --entries FILE")
        entries = json.loads(Path(args.entries).read_text(encoding="utf-8"))
        print(f"wrote {fill(args.area[0], entries)} translations")
    else:
        return check(args.area)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
