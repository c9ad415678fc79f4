"""``python -m p2pkit``: the team kit's command line (:func:`p2pkit.team.cli.main`)."""

import sys

from .team.cli import main

if __name__ == "__main__":
    sys.exit(main())
