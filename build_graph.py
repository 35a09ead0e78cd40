"""Build the knowledge graph: the same as ``govkg build`` (pass ``--help`` for the options)."""

import sys

from govkg.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]]))
