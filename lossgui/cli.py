"""The ``lossgui`` command: the desktop explorer, and headless sub-commands.

``lossgui`` opens the window (with the cat/dog example, or a recovered
autosave); ``lossgui FILE`` opens a session file. ``lossgui export ...``
writes a CSV without starting Qt (see :mod:`lossgui.cli_export`). Qt is
imported only when the window starts, and not at all when the Linux system
libraries its xcb plugin needs are missing: a one-line hint names them
instead (:mod:`lossgui.system_libs`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lossgui import __version__
from lossgui.system_libs import missing_libraries_hint

__all__ = ["build_export_parser", "build_parser", "main"]

_EPILOG = """\
commands:
  lossgui export SESSION.json -o OUT.csv
  lossgui export --loss NAME --input X.npy --target Y.npy [--weight W.npy]
                 [--param KEY=VALUE ...] [--reduction R] [--dtype float32|float64]
                 -o OUT.csv
      write one CSV row per input element (value, target, loss, gradient)
      and OUT.summary.json; see `lossgui export --help`.
"""


def build_parser() -> argparse.ArgumentParser:
    """The parser of the GUI command line (``lossgui [FILE]``)."""
    parser = argparse.ArgumentParser(
        prog="lossgui",
        description="See exactly what each PyTorch loss computes on your own numbers.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "file", nargs="?", help="a session file (.json or .lossgui) to open"
    )
    parser.add_argument("--version", action="version", version=f"lossgui {__version__}")
    return parser


def build_export_parser() -> argparse.ArgumentParser:
    """The parser of ``lossgui export``."""
    from lossgui.cli_export import add_export_arguments

    parser = argparse.ArgumentParser(
        prog="lossgui export",
        description=(
            "Compute a loss headlessly and write one CSV row per input element "
            "(indices, input, activation, target, weights, loss, gradient) plus "
            "OUT.summary.json (loss, parameters, reduction, reduced value)."
        ),
    )
    add_export_arguments(parser)
    return parser


def _export(argv: list[str]) -> int:
    from lossgui.cli_export import run_export

    parser = build_export_parser()
    args = parser.parse_args(argv)
    return run_export(args)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lossgui`` script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list and args_list[0] == "export":
        try:
            return _export(args_list[1:])
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            return int(exc.code or 0) if not isinstance(exc.code, str) else 2
        except KeyboardInterrupt:
            return 130
        except Exception as exc:  # never a traceback for a user
            print(
                f"lossgui export: internal error: {type(exc).__name__}: {exc}",
                file=sys.stderr,
            )
            return 1
    args, qt_args = build_parser().parse_known_args(args_list)
    hint = missing_libraries_hint()
    if hint is not None:  # Qt would abort with a misleading "xcb plugin" message
        print(hint, file=sys.stderr)
        return 1
    from lossgui.ui.app import run  # Qt only when the GUI starts

    return run([sys.argv[0], *qt_args], session_file=args.file)
