"""Finding the files that ship with lossgui: example sessions, icons, styles.

The repository's top-level ``resources/`` folder is installed inside the
wheel as ``lossgui/resources`` (``[tool.hatch.build.targets.wheel.force-include]``
in ``pyproject.toml``). :func:`resources_dir` looks there first and then beside
the package, so the same code works from an installed wheel, an editable
install and a plain checkout.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import lossgui

__all__ = ["Example", "examples_dir", "list_examples", "resources_dir"]


def resources_dir() -> Path:
    """The folder holding lossgui's bundled resources.

    Raises
    ------
    FileNotFoundError
        If neither the installed nor the checkout location exists.
    """
    package = Path(lossgui.__file__).resolve().parent
    for candidate in (package / "resources", package.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("lossgui's resources folder is missing from this install")


def examples_dir() -> Path:
    """The folder of example sessions (``resources/examples``)."""
    return resources_dir() / "examples"


@dataclass(frozen=True)
class Example:
    """One bundled example session.

    Attributes
    ----------
    path : Path
        The session file.
    title : str
        The menu text.
    group : str
        The submenu it belongs in (the article, or "Loss families").
    description : str
        A sentence on what it shows.
    loss : str
        The loss it opens with (as the file names it).
    """

    path: Path
    title: str
    group: str
    description: str
    loss: str = ""


def list_examples() -> list[Example]:
    """Every bundled example, in file-name order (unreadable files skipped).

    The folder is read once (the menu and the example matching both list it).
    """
    try:
        folder = examples_dir()
    except FileNotFoundError:
        return []
    return list(_listing(folder))


@functools.lru_cache(maxsize=4)
def _listing(folder: Path) -> tuple[Example, ...]:
    examples = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            meta = data.get("example", {})
        except (OSError, ValueError, AttributeError):
            continue
        if not isinstance(meta, dict):
            continue
        examples.append(
            Example(
                path=path,
                title=str(meta.get("title", path.stem)),
                group=str(meta.get("group", "Examples")),
                description=str(meta.get("description", "")),
                loss=str(data.get("loss", "")),
            )
        )
    return tuple(examples)
