"""``python -m lossgui``: the same as the ``lossgui`` command."""

from __future__ import annotations

import sys

from lossgui.cli import main

if __name__ == "__main__":
    sys.exit(main())
