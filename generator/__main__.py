"""``python -m generator``: the same as the ``specgen`` command."""

import sys

from .cli import main

sys.exit(main())
