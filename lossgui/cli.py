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
from collections.abc import Iterable, Sequence
from typing import Any, NoReturn

from lossgui import __version__
from lossgui.i18n import QT_TRANSLATE_NOOP, set_language, system_language, translate
from lossgui.system_libs import missing_libraries_hint

__all__ = ["TranslatedParser", "build_export_parser", "build_parser", "main"]

_EPILOG = QT_TRANSLATE_NOOP(
    "cli",
    "commands:\n"
    "  lossgui export SESSION.json -o OUT.csv\n"
    "  lossgui export --loss NAME --input X.npy --target Y.npy [--weight W.npy]\n"
    "                 [--param KEY=VALUE ...] [--reduction R] "
    "[--dtype float32|float64]\n"
    "                 -o OUT.csv\n"
    "      write one CSV row per input element (value, target, loss, gradient)\n"
    "      and OUT.summary.json; see `lossgui export --help`.\n",
)


class _Formatter(argparse.HelpFormatter):
    """argparse's help with its ``usage:`` heading in lossgui's language."""

    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[Any],
        prefix: str | None = None,
    ) -> None:
        if prefix is None:
            prefix = translate("cli", "usage: ")
        super().add_usage(usage, actions, groups, prefix)


class _RawFormatter(_Formatter, argparse.RawDescriptionHelpFormatter):
    """:class:`_Formatter` keeping the description's and epilog's line breaks."""


class TranslatedParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words follow :mod:`lossgui.i18n`.

    The section headings, ``-h``'s help and the ``error:`` prefix are
    translated; the messages argparse itself composes stay English.
    """

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(add_help=False, **kwargs)
        self._positionals.title = translate("cli", "positional arguments")
        self._optionals.title = translate("cli", "options")
        self.add_argument(
            "-h",
            "--help",
            action="help",
            help=translate("cli", "show this help message and exit"),
        )

    def error(self, message: str) -> NoReturn:
        """Print the usage and ``PROG: error: MESSAGE``; exit with code 2."""
        self.print_usage(sys.stderr)
        text = translate("cli", "{prog}: error: {message}")
        self.exit(2, text.format(prog=self.prog, message=message) + "\n")


def build_parser() -> argparse.ArgumentParser:
    """The parser of the GUI command line (``lossgui [FILE]``)."""
    parser = TranslatedParser(
        prog="lossgui",
        description=translate(
            "cli", "See exactly what each PyTorch loss computes on your own numbers."
        ),
        epilog=translate("cli", _EPILOG),
        formatter_class=_RawFormatter,
    )
    parser.add_argument(
        "file",
        nargs="?",
        help=translate("cli", "a session file (.json or .lossgui) to open"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"lossgui {__version__}",
        help=translate("cli", "show program's version number and exit"),
    )
    return parser


def build_export_parser() -> argparse.ArgumentParser:
    """The parser of ``lossgui export``."""
    from lossgui.cli_export import add_export_arguments

    parser = TranslatedParser(
        prog="lossgui export",
        description=translate(
            "cli",
            "Compute a loss headlessly and write one CSV row per input element "
            "(indices, input, activation, target, weights, loss, gradient) plus "
            "OUT.summary.json (loss, parameters, reduction, reduced value).",
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
    # The command line speaks the POSIX locale's language; the window then
    # chooses its own (the setting, else QLocale) before it builds widgets.
    set_language(system_language())
    if args_list and args_list[0] == "export":
        try:
            return _export(args_list[1:])
        except SystemExit as exc:  # argparse: --help (0) or a usage error (2)
            return int(exc.code or 0) if not isinstance(exc.code, str) else 2
        except KeyboardInterrupt:
            return 130
        except Exception as exc:  # never a traceback for a user
            text = translate("cli", "lossgui export: internal error: {error}")
            print(text.format(error=f"{type(exc).__name__}: {exc}"), file=sys.stderr)
            return 1
    args, qt_args = build_parser().parse_known_args(args_list)
    hint = missing_libraries_hint()
    if hint is not None:  # Qt would abort with a misleading "xcb plugin" message
        print(hint, file=sys.stderr)
        return 1
    from lossgui.ui.app import run  # Qt only when the GUI starts

    return run([sys.argv[0], *qt_args], session_file=args.file)
