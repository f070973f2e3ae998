"""CSV export: one tidy row per element of the first tensor, plus a JSON summary.

``OUT.csv`` is plain CSV (a header row, commas, Unix line ends, no index
column, no comments), so ``pandas.read_csv(OUT)`` reads it with no options.
Columns, left to right (absent when they do not apply):

``sample``, ``class`` / ``feature`` / ``column``
    The element's indices (the second only for 2-D inputs).
``input`` (torch's name of the first tensor)
    The value the loss pipeline received, in the session's dtype: the logit
    in logits mode.
``sigmoid`` / ``log_softmax``
    The activation's output, what the loss itself received (logits mode).
``probability``
    softmax / exp of the input, for losses read as class distributions.
``target``, ``weight``, ``pos_weight``, ... (torch's names)
    Every other tensor. One value per sample (class indices) repeats on
    each of the sample's rows; one value per class (``weight`` of
    CrossEntropyLoss) appears on the rows of that class.
``loss`` or ``sample_loss``
    ``loss``: the element's unreduced loss (``reduction='none'``).
    ``sample_loss``: for losses whose unreduced output is one value per
    sample (CrossEntropyLoss, NLLLoss, MultiMarginLoss, ...), that value,
    repeated on each of the sample's rows; take one row per sample to get
    torch's ``reduction='none'`` output.
``grad``
    ∂(reduced loss)/∂input for this element (for ``'none'``: of the sum).

Floats are written in the shortest form that reads back to the same value
in the session's dtype (``np.float32(float(text))`` is bit-identical);
``nan``, ``inf`` and ``-inf`` are spelled so. The companion
``OUT.summary.json`` records the loss, parameters, reduction, reduced value,
receipt, the PyTorch call and the lossgui version.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from lossgui import __version__
from lossgui.engine.registry import LOSSES, LossSpec
from lossgui.i18n import translate
from lossgui.io.atomic import atomic_write
from lossgui.io.json_values import encode_array, encode_number
from lossgui.session.call_text import call_text
from lossgui.session.evaluation import Evaluation
from lossgui.session.layout import TargetMode, forward_slots, param_slots

__all__ = [
    "EXPORT_FORMAT",
    "ExportCancelled",
    "ExportError",
    "ExportTable",
    "export_table",
    "summary_path",
    "write_export",
]

Array = npt.NDArray[Any]
Progress = Callable[[float], bool]
EXPORT_FORMAT = "lossgui-export"
_CHUNK_ROWS = 50_000


class ExportError(ValueError):
    """The session cannot be exported (torch refuses its input)."""


class ExportCancelled(Exception):
    """The user cancelled a long export; nothing was written."""


@dataclass(frozen=True)
class ExportTable:
    """The columns of an export, each one value per CSV row.

    Attributes
    ----------
    names : tuple of str
        Column headers.
    columns : tuple of ndarray
        Values (strings are formatted lazily, chunk by chunk).
    descriptions : dict
        What each column holds, for the summary file.
    other_tensors : dict
        Tensors that are not one value per row (CTCLoss's label sequence and
        lengths), as nested lists for the summary file.
    """

    names: tuple[str, ...]
    columns: tuple[Array, ...]
    descriptions: dict[str, str]
    other_tensors: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        """The number of CSV rows."""
        return int(self.columns[0].shape[0])


def summary_path(csv_path: str | os.PathLike[str]) -> Path:
    """``out.csv`` -> ``out.summary.json`` (beside the CSV)."""
    path = Path(csv_path)
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return path.with_name(f"{stem}.summary.json")


def _second_index(spec: LossSpec) -> str:
    """``class`` for class dimensions, ``feature`` for embeddings, else ``column``."""
    text = spec.forward[0].shape
    if re.search(r"\bC\b", text) or spec.activation is not None:
        return "class"
    if re.search(r"\bD\b", text):
        return "feature"
    return "column"


def _spread(values: Array, role: str, rows: int, cols: int) -> Array:
    """One value per CSV row from a tensor of ``role``."""
    if role == "rows":
        return np.repeat(np.asarray(values).reshape(rows), cols)
    if role == "classes":
        return np.tile(np.asarray(values).reshape(cols), rows)
    return np.asarray(values).reshape(rows * cols)


def export_table(evaluation: Evaluation) -> ExportTable:
    """The tidy columns of ``evaluation``.

    Raises
    ------
    ExportError
        If torch refuses the input (there is no loss to export).
    """
    result = evaluation.result
    if result is None:
        text = evaluation.error.torch_text if evaluation.error else "no result"
        raise ExportError(
            translate(
                "io",
                "torch refuses this input, so there is nothing to export: {text}",
            ).format(text=text)
        )
    spec = LOSSES[evaluation.loss]
    grid = np.asarray(evaluation.grid)
    rows = int(grid.shape[0]) if grid.ndim else 1
    cols = int(grid.size // rows) if rows else 1
    first = spec.forward[0].name
    out: dict[str, Array] = {"sample": np.repeat(np.arange(rows), cols)}
    notes = {"sample": "row of the first tensor (the sample index n)"}
    if grid.ndim == 2:
        second = _second_index(spec)
        out[second] = np.tile(np.arange(cols), rows)
        notes[second] = f"column of the first tensor (the {second} index)"
    out[first] = grid.reshape(-1)
    notes[first] = f"'{first}' as the loss pipeline received it ({evaluation.dtype})"
    if result.activated is not None:
        name = "sigmoid" if result.activation == "sigmoid" else "log_softmax"
        out[name] = np.asarray(result.activated).reshape(-1)
        notes[name] = f"{name}({first}): what {spec.name} itself received"
    probs = evaluation.probabilities
    raw_probs = evaluation.input_mode == "raw" and spec.activation == "sigmoid"
    if (
        probs is not None
        and probs.shape == grid.shape
        and result.activation != "sigmoid"
        and not raw_probs
    ):
        out["probability"] = np.asarray(probs).reshape(-1)
        notes["probability"] = (
            f"sigmoid({first}): the predicted probability"
            if spec.family == "binary"
            else "softmax over the classes (or exp of log-probabilities)"
        )
    mode: TargetMode = (
        "probability" if evaluation.target_mode == "probability" else "index"
    )
    slots = forward_slots(spec, mode) + param_slots(spec)
    inputs, kwargs = dict(evaluation.inputs), dict(evaluation.kwargs)
    others: dict[str, Any] = {}
    for slot in slots[1:]:
        value = kwargs.get(slot.name) if slot.optional else inputs.get(slot.name)
        if value is None:
            continue
        array = np.asarray(value)
        expected = {"grid": rows * cols, "rows": rows, "classes": cols}
        if array.size != expected.get(slot.role, -1):
            others[slot.name] = encode_array(array)  # a scalar or a label sequence
            continue
        out[slot.name] = _spread(array, slot.role, rows, cols)
        where = {
            "rows": " (one per sample, repeated on its rows)",
            "classes": " (per class)",
        }
        notes[slot.name] = f"'{slot.name}' tensor{where.get(slot.role, '')}"
    loss = np.asarray(result.loss.elementwise)
    if loss.shape == grid.shape:
        out["loss"] = loss.reshape(-1)
        notes["loss"] = "unreduced loss of this element (reduction='none')"
    elif loss.size == rows and cols > 1:
        out["sample_loss"] = np.repeat(loss.reshape(rows), cols)
        notes["sample_loss"] = (
            "unreduced loss of the sample (one value per sample, repeated on each "
            "of its rows; take one row per sample for reduction='none')"
        )
    out["grad"] = np.asarray(result.grad).reshape(-1)
    reduced = "sum" if evaluation.reduction == "none" else f"{evaluation.reduction}"
    notes["grad"] = f"d({reduced}-reduced loss)/d({first}) for this element"
    return ExportTable(tuple(out), tuple(out.values()), notes, others)


def _text(column: Array) -> Array:
    """Shortest round-trip text of each value in its own dtype."""
    if column.dtype.kind == "b":
        return column.astype(np.int64).astype(str)
    return column.astype(str)


def _summary(
    evaluation: Evaluation, table: ExportTable, csv_name: str
) -> dict[str, Any]:
    result = evaluation.result
    assert result is not None
    loss = result.loss
    params: dict[str, Any] = {}
    for name, value in evaluation.kwargs:
        if name == "reduction":
            continue
        if value is None or isinstance(value, str | bool):
            params[name] = value
        elif isinstance(value, np.ndarray):
            params[name] = (
                f"column '{name}'" if name in table.names else encode_array(value)
            )
        else:
            params[name] = encode_number(value)
    value = np.asarray(loss.value)
    return {
        "format": EXPORT_FORMAT,
        "version": 1,
        "lossgui_version": __version__,
        "csv": csv_name,
        "loss": evaluation.loss,
        "params": params,
        "reduction": evaluation.reduction,
        "dtype": evaluation.dtype,
        "input_mode": evaluation.input_mode,
        "activation": result.activation,
        "value": encode_number(value.item()) if value.ndim == 0 else None,
        "value_note": (
            "reduction='none': the per-element values are in the CSV"
            if value.ndim
            else "the reduced loss, exactly as torch returns it"
        ),
        "numerator": encode_number(loss.numerator),
        "denominator": None
        if loss.denominator is None
        else encode_number(loss.denominator),
        "receipt": None if evaluation.receipt is None else evaluation.receipt.text,
        "call": call_text(evaluation),
        "warnings": list(loss.warnings),
        "shapes": {name: list(np.shape(array)) for name, array in evaluation.inputs},
        "rows": table.rows,
        "columns": table.descriptions,
        "other_tensors": table.other_tensors,
    }


def write_export(
    path: str | os.PathLike[str],
    evaluation: Evaluation,
    progress: Progress | None = None,
) -> tuple[Path, Path]:
    """Write ``OUT.csv`` and ``OUT.summary.json`` atomically.

    Parameters
    ----------
    path : path-like
        The CSV file.
    evaluation : Evaluation
        What to export.
    progress : callable, optional
        Called with the fraction written so far; returning False cancels.

    Returns
    -------
    tuple of Path
        The CSV and the summary file.

    Raises
    ------
    ExportError
        If torch refuses the session's input.
    ExportCancelled
        If ``progress`` returned False (nothing is written).
    OSError
        If the folder is missing or not writable (nothing is left behind).
    """
    table = export_table(evaluation)
    csv_file = Path(path)
    summary_file = summary_path(csv_file)
    summary = _summary(evaluation, table, csv_file.name)
    # The CSV's temporary file is renamed first: if that fails (the path is
    # a folder, the disk is full), the summary's is discarded with it.
    with ExitStack() as stack:
        summary_stream = stack.enter_context(atomic_write(summary_file, newline="\n"))
        csv_stream = stack.enter_context(atomic_write(csv_file))
        csv_stream.write(",".join(table.names) + "\n")
        for start in range(0, table.rows, _CHUNK_ROWS):
            stop = min(start + _CHUNK_ROWS, table.rows)
            texts = [_text(column[start:stop]) for column in table.columns]
            csv_stream.write("\n".join(map(",".join, zip(*texts, strict=True))) + "\n")
            if progress is not None and not progress(stop / max(table.rows, 1)):
                raise ExportCancelled
        summary_stream.write(json.dumps(summary, indent=2, ensure_ascii=False) + "\n")
    return csv_file, summary_file
