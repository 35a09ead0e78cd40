"""The verbs of the ``govkg`` command, one module each, each with ``register(subparsers)``.

A module's ``register`` adds its sub-parser and sets ``run`` (a function taking the parsed
arguments and returning the exit code) with ``set_defaults(run=...)``.
"""
