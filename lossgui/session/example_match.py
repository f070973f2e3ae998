"""Which bundled example a document is: its title, description and article record.

The document carries no link to the file it came from, so the example is
recognised by content: the same loss, input mode, target mode, scalar
parameters, switched-on optional tensors and forward tensors as one of the
bundled example files (the reduction may differ: the articles print several).
An edited cell, another loss or another parameter and it is no longer that
example.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from lossgui.io.bundled import Example
    from lossgui.session.document import SessionDocument

__all__ = ["BundledExample", "bundled_examples", "matching_example"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BundledExample:
    """One bundled example file, read once.

    Attributes
    ----------
    stem : str
        The file name without ``.json`` (``"000-bceloss-sigmoid-cat-dog"``).
    title, group, description : str
        Its menu title, the article (or "Loss families") and its full text.
    article : dict
        What the article printed (``seed``, ``file``, ``printed``, ``note``);
        empty for the family examples.
    document : SessionDocument
        The session it opens.
    """

    stem: str
    title: str
    group: str
    description: str
    article: dict[str, Any]
    document: SessionDocument


def bundled_examples(loss: str | None = None) -> tuple[BundledExample, ...]:
    """Every bundled example, or those of ``loss`` (unreadable files skipped).

    Each file is read and checked on first use only: matching a document
    reads the few examples of its loss, not all of them.
    """
    from lossgui.io.bundled import list_examples

    return tuple(
        found
        for example in list_examples()
        if loss is None or example.loss == loss
        if (found := _read(example)) is not None
    )


@functools.cache
def _read(example: Example) -> BundledExample | None:
    from lossgui.io.errors import FileFormatError
    from lossgui.io.session_file import read_session

    try:
        loaded = read_session(example.path)
    except (OSError, FileFormatError) as exc:
        log.warning("bundled example %s unreadable: %s", example.path.name, exc)
        return None
    article = loaded.example.get("article", {})
    return BundledExample(
        stem=example.path.stem,
        title=example.title,
        group=example.group,
        description=example.description,
        article=article if isinstance(article, dict) else {},
        document=loaded.document,
    )


def _same_arrays(a: dict[str, Any], b: dict[str, Any]) -> bool:
    if a.keys() != b.keys():
        return False
    for name, array in a.items():
        other = b[name]
        if np.shape(array) != np.shape(other):
            return False
        if not np.array_equal(array, other, equal_nan=True):
            return False
    return True


def _matches(doc: SessionDocument, example: SessionDocument) -> bool:
    if (doc.loss, doc.input_mode, doc.target_mode) != (
        example.loss,
        example.input_mode,
        example.target_mode,
    ):
        return False
    if doc.params != example.params:
        return False
    enabled = {n for n, on in doc.enabled.items() if on}
    if enabled != {n for n, on in example.enabled.items() if on}:
        return False
    first = doc.first_name
    if np.shape(doc.tensors[first]) != np.shape(example.tensors[first]):
        return False  # cheap exit before comparing a large batch
    return _same_arrays(doc.tensors, example.tensors) and _same_arrays(
        {n: doc.tensor_params[n] for n in enabled},
        {n: example.tensor_params[n] for n in enabled},
    )


def matching_example(doc: SessionDocument) -> BundledExample | None:
    """The bundled example whose numbers ``doc`` holds, or None.

    One with the same reduction is preferred (KLDivLoss ``'mean'`` is its
    own example beside the article's ``'batchmean'``).
    """
    found = [e for e in bundled_examples(doc.loss) if _matches(doc, e.document)]
    same = [e for e in found if e.document.reduction == doc.reduction]
    best = same or found
    return best[0] if best else None
