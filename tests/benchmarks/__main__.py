"""``python -m tests.benchmarks [engine|repaint|edits|curves|large|scale|files|startup ...]``."""

import sys

from tests.benchmarks.run_all import main

sys.exit(main(sys.argv[1:]))
