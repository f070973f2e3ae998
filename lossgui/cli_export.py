"""``lossgui export``: a session, or arrays from a training script, to CSV.

Headless and Qt-free::

    lossgui export SESSION.json -o OUT.csv
    lossgui export --loss CrossEntropyLoss --input logits.npy
        --target labels.npy [--weight w.npy] [--tensor NAME=FILE]
        [--param label_smoothing=0.1] [--reduction mean] [--dtype float32]
        [--input-mode logits] -o OUT.csv

Array arguments take ``FILE`` or ``FILE:NAME`` (an array inside an ``.npz``,
a column of a CSV with a header, a key of a ``.pt`` dict). Every problem is
one line on stderr and a non-zero exit code: 2 for bad arguments, 1 for
files that cannot be read or written and inputs torch refuses.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy.typing as npt

from lossgui.engine.registry import LOSSES, ParamSpec
from lossgui.i18n import translate
from lossgui.io.arrays import load_arrays
from lossgui.io.csv_export import ExportError, write_export
from lossgui.io.errors import FileFormatError
from lossgui.io.session_file import read_session
from lossgui.io.text_parse import parse_block, parse_number
from lossgui.session.document import DTYPES, INPUT_MODES, SessionDocument
from lossgui.session.import_arrays import assign_arrays, document_from_arrays
from lossgui.session.layout import target_name

__all__ = ["add_export_arguments", "run_export"]

Array = npt.NDArray[Any]
_TRUE = ("true", "1", "yes", "on")
_FALSE = ("false", "0", "no", "off")


class UsageError(ValueError):
    """A problem with the command line itself (exit code 2)."""


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """The ``export`` command's options."""
    parser.add_argument(
        "session", nargs="?", help=translate("cli", "a session file (.json)")
    )
    parser.add_argument(
        "-o", "--output", required=True, help=translate("cli", "the CSV to write")
    )
    parser.add_argument(
        "--loss", help=translate("cli", "torch loss name, e.g. CrossEntropyLoss")
    )
    parser.add_argument(
        "--input", metavar="FILE[:NAME]", help=translate("cli", "the first tensor")
    )
    parser.add_argument(
        "--target", metavar="FILE[:NAME]", help=translate("cli", "the target tensor")
    )
    parser.add_argument(
        "--weight", metavar="FILE[:NAME]", help=translate("cli", "the weight tensor")
    )
    parser.add_argument(
        "--tensor",
        action="append",
        default=[],
        metavar="NAME=FILE[:NAME]",
        help=translate(
            "cli", "any other tensor by torch's name (pos_weight, var, input2, ...)"
        ),
    )
    parser.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help=translate(
            "cli",
            "a constructor argument, e.g. label_smoothing=0.1 or pos_weight=[3.0]",
        ),
    )
    parser.add_argument(
        "--reduction", help=translate("cli", "none, mean, sum (batchmean for KLDiv)")
    )
    parser.add_argument(
        "--dtype", choices=DTYPES, help=translate("cli", "float32 (default) or float64")
    )
    parser.add_argument(
        "--input-mode",
        choices=INPUT_MODES,
        help=translate(
            "cli", "logits (apply the loss's activation first; default) or raw"
        ),
    )


def _array(spec_text: str, slot: str) -> Array:
    """The array named by ``FILE`` or ``FILE:NAME``."""
    path, key = Path(spec_text), None
    if not path.exists() and ":" in spec_text:
        head, _, tail = spec_text.rpartition(":")
        if Path(head).exists():
            path, key = Path(head), tail
    if not path.exists():
        raise FileFormatError(
            translate("cli", "'{file}' does not exist").format(file=spec_text)
        )
    try:
        arrays = load_arrays(path)
    except FileFormatError as exc:
        raise FileFormatError(f"{path.name}: {exc}") from None
    if key is not None:
        if key not in arrays:
            raise FileFormatError(
                translate(
                    "cli", "{file} has no array '{key}' (it has: {names})"
                ).format(file=path.name, key=key, names=", ".join(arrays))
            )
        return arrays[key]
    if len(arrays) == 1:
        return next(iter(arrays.values()))
    if slot in arrays:
        return arrays[slot]
    raise FileFormatError(
        translate(
            "cli", "{file} holds several arrays ({names}); pick one with {file}:NAME"
        ).format(file=path.name, names=", ".join(arrays))
    )


def _param_value(param: ParamSpec, text: str) -> Any:
    what = f"--param {param.name}"
    try:
        if param.kind == "float":
            return parse_number(text)
        if param.kind == "int":
            return int(text.strip())
        if param.kind == "bool":
            if text.strip().lower() in _TRUE + _FALSE:
                return text.strip().lower() in _TRUE
            raise UsageError(
                translate("cli", "{option} takes true or false, not '{text}'").format(
                    option=what, text=text
                )
            )
        if param.kind == "choice":
            if text not in param.choices:
                raise UsageError(
                    translate("cli", "{option} takes one of {choices}").format(
                        option=what, choices=", ".join(param.choices)
                    )
                )
            return text
        return parse_block(text).values
    except (ValueError, FileFormatError) as exc:
        if isinstance(exc, UsageError):
            raise
        raise UsageError(
            translate("cli", "{option}: '{text}' is not a valid {kind}").format(
                option=what, text=text, kind=param.kind
            )
        ) from None


def _params(loss: str, items: Sequence[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Scalar parameters and tensor parameters from ``KEY=VALUE`` items."""
    spec = LOSSES[loss]
    known = {p.name: p for p in spec.params}
    scalars: dict[str, Any] = {}
    tensors: dict[str, Any] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep:
            raise UsageError(
                translate("cli", "--param needs KEY=VALUE, got '{item}'").format(
                    item=item
                )
            )
        if key not in known:
            names = ", ".join(known) or "none"
            raise UsageError(
                translate(
                    "cli", "{loss} has no parameter '{key}' (its parameters: {names})"
                ).format(loss=loss, key=key, names=names)
            )
        target = tensors if known[key].kind == "tensor" else scalars
        target[key] = _param_value(known[key], value)
    return scalars, tensors


def _arrays(loss: str, args: argparse.Namespace) -> dict[str, Any]:
    spec = LOSSES[loss]
    wanted: dict[str, str] = {}
    if args.input:
        wanted[spec.forward[0].name] = args.input
    if args.target:
        name = target_name(spec)
        if name is None:
            raise UsageError(
                translate("cli", "{loss} has no target; use --tensor NAME=FILE").format(
                    loss=loss
                )
            )
        wanted[name] = args.target
    if args.weight:
        wanted["weight"] = args.weight
    for item in args.tensor:
        name, sep, file = item.partition("=")
        if not sep:
            raise UsageError(
                translate("cli", "--tensor needs NAME=FILE, got '{item}'").format(
                    item=item
                )
            )
        wanted[name] = file
    return {name: _array(file, name) for name, file in wanted.items()}


def _document(args: argparse.Namespace) -> SessionDocument:
    if args.session and args.loss:
        raise UsageError(translate("cli", "give a session file or --loss, not both"))
    if args.session:
        try:
            doc = read_session(args.session).document
        except FileFormatError as exc:
            raise FileFormatError(f"{Path(args.session).name}: {exc}") from None
    elif args.loss:
        if args.loss not in LOSSES:
            raise UsageError(
                translate(
                    "cli", "unknown loss '{loss}'; choose one of: {names}"
                ).format(loss=args.loss, names=", ".join(LOSSES))
            )
        if not args.input:
            raise UsageError(
                translate("cli", "--loss needs --input (the first tensor)")
            )
        doc = None
    else:
        raise UsageError(
            translate("cli", "give a session file, or --loss with --input and --target")
        )
    loss = doc.loss if doc is not None else args.loss
    scalars, tensor_params = _params(loss, args.param)
    arrays = _arrays(loss, args) | tensor_params
    if doc is None:
        return document_from_arrays(
            loss,
            arrays,
            params=scalars,
            reduction=args.reduction,
            dtype=args.dtype or "float32",
            input_mode=args.input_mode or "logits",
        )
    for key, value in (
        ("reduction", args.reduction),
        ("dtype", args.dtype),
        ("input_mode", args.input_mode),
    ):
        if value is not None:
            doc.set_setting(key, value)
    for name, value in scalars.items():
        doc.set_setting(f"param.{name}", value)
    return assign_arrays(doc, arrays) if arrays else doc


def run_export(args: argparse.Namespace, prog: str = "lossgui export") -> int:
    """Run ``lossgui export``; returns the exit code (messages on stderr)."""
    try:
        doc = _document(args)
        evaluation = doc.evaluate()
        csv_file, summary = write_export(args.output, evaluation)
    except UsageError as exc:
        _error(prog, str(exc))
        return 2
    except (FileFormatError, ExportError) as exc:
        _error(prog, str(exc))
        return 1
    except ValueError as exc:  # a setting the loss does not offer
        _error(prog, str(exc))
        return 2
    except OSError as exc:
        text = translate("cli", "cannot write {file}: {reason}")
        _error(prog, text.format(file=args.output, reason=exc.strerror or exc))
        return 1
    value = evaluation.value
    shown = "" if value is None or value.ndim else f" = {value[()]}"
    text = translate(
        "cli", "wrote {csv} and {summary}: {loss} (reduction='{reduction}')"
    )
    print(
        text.format(
            csv=csv_file,
            summary=summary.name,
            loss=evaluation.loss,
            reduction=evaluation.reduction,
        )
        + shown
    )
    return 0


def _error(prog: str, message: str) -> None:
    """``PROG: error: MESSAGE`` on stderr, as argparse words it."""
    text = translate("cli", "{prog}: error: {message}")
    print(text.format(prog=prog, message=message), file=sys.stderr)
