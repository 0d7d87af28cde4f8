import sys

from bitext.cli import main

sys.exit(main())
