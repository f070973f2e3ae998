"""The formula box: the loss's per-element formula and the reduction actually chosen.

``LOSSES[name].formula`` states the per-element formula and, in its last
lines, what ``'mean'`` divides by. The box under the loss selector shows the
per-element part and then one line for the reduction the document uses,
worded for its settings:

- ``sum = Σ l``;
- ``mean = Σ l / numel`` (or the loss's own divisor, ``Σ_n l_n / N`` ...);
- ``mean = Σ l_n / Σ_n w[y_n]`` for CrossEntropyLoss/NLLLoss with class
  indices and a class ``weight`` (counting only non-ignored ``n`` when
  ``ignore_index`` is set);
- ``mean = Σ l / Σ w`` for the functional ``weight=`` of L1/MSE/Huber;
- ``batchmean = Σ l / N``;
- ``none: the per-element l``.

:func:`wrap_friendly` then makes the text break only between terms: inside
brackets spaces become non-breaking and a math minus never starts a line, so
``(1 − y)`` is never split across lines; a zero-width space after each
top-level operator marks where a narrow box may break.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lossgui.engine.registry import LOSSES
from lossgui.i18n import translate

if TYPE_CHECKING:
    from lossgui.session.document import SessionDocument
    from lossgui.session.evaluation import Evaluation

__all__ = [
    "FormulaSettings",
    "formula_lines",
    "formula_text",
    "per_element_lines",
    "reduction_line",
    "wrap_friendly",
]

#: Where a reduction clause starts inside a registry formula line.
_REDUCTION_CLAUSE = re.compile(r"(?:^|;\s+|\s{2,})(?=(?:batch)?mean = )")

#: Bracket groups up to this many characters are kept on one line.
SHORT_GROUP = 24

MINUS = "\u2212"
NBSP = "\u00a0"  # a space that does not break
WORD_JOINER = "\u2060"
BREAK = "\u200b"


def per_element_lines(formula: str) -> list[str]:
    """The registry formula without its reduction clauses (``mean = ...``)."""
    lines = []
    for line in formula.splitlines():
        match = _REDUCTION_CLAUSE.search(line)
        kept = line[: match.start()] if match else line
        kept = kept.rstrip(" ;")
        if kept:
            lines.append(kept)
    return lines


def _registry_mean(formula: str) -> str | None:
    """The right-hand side of the registry's ``mean = ...`` clause."""
    match = re.search(r"(?:^|[^h])mean = (.+?)(?=\s{2,}|;\s|$)", formula, re.M)
    return match.group(1).strip() if match else None


def _per_sample(mean: str | None) -> tuple[str, str]:
    """The summed symbol and how ``'none'`` reads (per element or per sample)."""
    if mean and "loss_b" in mean:
        return "Σ_b loss_b", translate("session", "none: the per-sequence loss_b")
    if mean and "l_n" in mean:
        return "Σ_n l_n", translate("session", "none: the per-sample l_n")
    return "Σ l", translate("session", "none: the per-element l")


@dataclass(frozen=True)
class FormulaSettings:
    """What the reduction line depends on (from a document or an evaluation)."""

    loss: str
    reduction: str
    target_mode: str
    enabled: frozenset[str]
    ignore_index: int = -100

    @classmethod
    def of_document(cls, doc: SessionDocument) -> FormulaSettings:
        """The settings of a document."""
        enabled = frozenset(name for name, on in doc.enabled.items() if on)
        ignore = _ignore_index(doc.params.get("ignore_index", -100))
        return cls(doc.loss, doc.reduction, doc.target_mode, enabled, ignore)

    @classmethod
    def of_evaluation(cls, evaluation: Evaluation) -> FormulaSettings:
        """The settings an evaluation was computed with."""
        kwargs = dict(evaluation.kwargs)
        spec = LOSSES[evaluation.loss]
        enabled = frozenset(
            p.name
            for p in spec.params
            if p.kind == "tensor" and kwargs.get(p.name) is not None
        )
        ignore = _ignore_index(kwargs.get("ignore_index", -100))
        return cls(
            evaluation.loss,
            evaluation.reduction,
            evaluation.target_mode,
            enabled,
            ignore,
        )


def _ignore_index(value: object) -> int:
    """``ignore_index`` as the class index it ignores (``None`` means -100)."""
    return -100 if value is None else int(value)  # type: ignore[call-overload]


def reduction_line(settings: FormulaSettings) -> str:
    """What the reduction does with the per-element losses."""
    spec = LOSSES[settings.loss]
    mean = _registry_mean(spec.formula)
    total, none = _per_sample(mean)
    reduction = settings.reduction
    if reduction == "none":
        return none
    if reduction == "sum":
        return f"sum = {total}"
    if reduction == "batchmean":
        return translate(
            "session", "batchmean = Σ l / N   (N = input.size(0), the batch size)"
        )
    weighted = "weight" in settings.enabled
    if spec.name in ("CrossEntropyLoss", "NLLLoss") and settings.target_mode == "index":
        ignore = settings.ignore_index != -100
        where = translate("session", "   (n with y_n ≠ ignore_index)") if ignore else ""
        if weighted:
            return f"mean = Σ_n l_n / Σ_n w[y_n]{where}"
        return (
            translate(
                "session", "mean = Σ_n l_n / (number of n with y_n ≠ ignore_index)"
            )
            if ignore
            else "mean = Σ_n l_n / N"
        )
    if spec.name == "CrossEntropyLoss":  # probability targets
        return "mean = Σ_n l_n / N   (N = numel / C)"
    functional_weight = any(
        p.functional_only and p.kind == "tensor" and p.name in settings.enabled
        for p in spec.params
    )
    if functional_weight:
        return "mean = Σ l / Σ w"
    return f"mean = {mean}" if mean else "mean = Σ l / numel"


def _math_minus(text: str) -> str:
    """ASCII ``-`` as ``−`` where it is arithmetic (``non-ignored`` stays)."""
    return re.sub(r"(?<![A-Za-z]{2})-|-(?![A-Za-z]{2})", MINUS, text)


def _long_groups(line: str) -> list[bool]:
    """Per character: whether every bracket group around it is long.

    Groups of at most :data:`SHORT_GROUP` characters never break.
    """
    opened: list[int] = []
    spans: list[tuple[int, int]] = []
    for index, char in enumerate(line):
        if char in "([{":
            opened.append(index)
        elif char in ")]}" and opened:
            spans.append((opened.pop(), index))
    spans += [(start, len(line) - 1) for start in opened]  # unclosed: to the end
    long = [True] * len(line)
    for start, end in spans:
        if end - start + 1 <= SHORT_GROUP:
            for index in range(start, end + 1):
                long[index] = False
    return long


def wrap_friendly(line: str) -> str:
    """``line`` with line breaks allowed only between terms.

    A space may break outside brackets, and inside a long bracket group after
    ``+``, ``−`` or ``,`` (between its terms); every other space is
    non-breaking, short groups (``(1 − y)``, ``max(0, x)``) never break, and
    a math minus is glued to what follows (word joiner), so ``(1−y)`` never
    splits either. A zero-width space after a ``·`` outside short groups
    lets a long product break there.
    """
    line = _math_minus(line)
    long = _long_groups(line)
    out: list[str] = []
    depth = 0
    for index, char in enumerate(line):
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if char == " ":
            previous = line[index - 1 : index]
            between_terms = long[index] and previous in ("+", MINUS, ",")
            out.append(" " if depth == 0 or between_terms else NBSP)
            continue
        out.append(char)
        if char == MINUS:
            out.append(WORD_JOINER)
        elif char == "·" and (depth == 0 or long[index]):
            out.append(BREAK)
    return "".join(out)


def formula_lines(settings: FormulaSettings) -> list[str]:
    """The per-element lines, then the reduction line (plain text)."""
    return [*per_element_lines(LOSSES[settings.loss].formula), reduction_line(settings)]


def formula_text(doc: SessionDocument, *, wrap: bool = True) -> str:
    """The formula box's text for ``doc``: per-element lines, then the reduction.

    Parameters
    ----------
    doc : SessionDocument
        The document (its loss, reduction, enabled tensors, target mode).
    wrap : bool
        Apply :func:`wrap_friendly` to every line (plain text otherwise).
    """
    lines = formula_lines(FormulaSettings.of_document(doc))
    if wrap:
        lines = [wrap_friendly(line) for line in lines]
    return "\n".join(lines)
