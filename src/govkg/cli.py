"""The ``govkg`` command: a thin layer of verbs over the library.

Each verb lives in its own module under :mod:`govkg.commands` and exposes
``register(subparsers)``; this module finds them, parses the arguments and turns the library's
errors into one-line messages and exit codes:

* 0 — done;
* 1 — a run-time failure not caused by the input (a server that does not answer);
* 2 — bad input or bad arguments (the message names the file, line or entity, and the fix);
* 130 — interrupted.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from govkg import __version__, commands
from govkg.errors import CommandError, InputError, ValidationFailed


def parser() -> argparse.ArgumentParser:
    """The argument parser with every verb of :mod:`govkg.commands`."""
    top = argparse.ArgumentParser(
        prog="govkg",
        description=(
            "Build and use a knowledge graph of the officials, agencies, posts, platforms and "
            "policy tasks named in government meeting reports. Every fact carries the quote "
            "it came from."
        ),
        epilog="Run 'govkg VERB --help' for the options of each verb.",
    )
    top.add_argument("--version", action="version", version=f"govkg {__version__}")
    verbs = top.add_subparsers(dest="verb", metavar="VERB", required=True)
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"govkg.commands.{info.name}")
        module.register(verbs)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    args = parser().parse_args(argv)
    try:
        code: int = args.run(args)
        return code
    except InputError as error:
        print(f"govkg: error: {error}", file=sys.stderr)
        return 2
    except ValidationFailed as error:
        print(f"govkg: error: {error}", file=sys.stderr)
        return 2
    except CommandError as error:
        print(f"govkg: error: {error}", file=sys.stderr)
        return error.code
    except BrokenPipeError:
        # The reader went away (``govkg queries | head``): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        print(f"govkg: error: {error.strerror or error}: {error.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("govkg: interrupted", file=sys.stderr)
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
