"""Test set-up shared by every suite: Qt runs offscreen, settings stay in tmp."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
