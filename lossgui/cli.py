"""The ``lossgui`` command: the desktop explorer.

``lossgui`` opens the window with the cat/dog example; ``lossgui FILE``
explains that session files arrive in a later version and opens the example.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib.metadata import PackageNotFoundError, version

__all__ = ["build_parser", "main"]


def _version() -> str:
    try:
        return version("lossgui")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser."""
    parser = argparse.ArgumentParser(
        prog="lossgui",
        description="See exactly what each PyTorch loss computes on your own numbers.",
    )
    parser.add_argument(
        "file", nargs="?", help="a session file (supported in a later version)"
    )
    parser.add_argument("--version", action="version", version=f"lossgui {_version()}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``lossgui`` script; returns the exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    args, qt_args = build_parser().parse_known_args(args_list)
    if args.file is not None:
        print(
            f"lossgui: cannot open {args.file}: session files arrive in a later "
            "version; opening the cat/dog example.",
            file=sys.stderr,
        )
    from lossgui.ui.app import run  # Qt only when the GUI starts

    return run([sys.argv[0], *qt_args], session_file=args.file)
