"""The code passes the linter that pyproject.toml configures ([tool.ruff]): ruff is a test
dependency, and what it flags (an unused import, a bug-prone pattern) fails here rather
than waiting for someone to run it."""

import importlib.util
import subprocess
import sys

from tests.conftest import REPO, require


def test_the_code_passes_ruff():
    require(importlib.util.find_spec("ruff") is not None, "ruff (pip install -e '.[test]')")
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", str(REPO)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
