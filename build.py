#!/usr/bin/env python3
"""Build the site in this folder: `python build.py [build|check|serve|new|import] …`.

The same as the `bitext` command, run from this folder.
"""

import sys
from pathlib import Path

from bitext.cli import main

if __name__ == "__main__":
    sys.exit(main(root=Path(__file__).resolve().parent))
