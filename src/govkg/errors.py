"""The one error type that bad input raises, and how it prints."""

from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Bad input: names the file, the line or entity, what is wrong and what to do.

    The command line prints ``str(error)`` as one line and exits with code 2.

    Args:
        path: The file at fault.
        problem: What is wrong, in a few words.
        fix: What the user should do about it.
        line: The 1-based line in ``path``, where known.
        entity: The id of the entity at fault, where known.

    """

    def __init__(
        self,
        path: Path | str,
        problem: str,
        fix: str,
        *,
        line: int | None = None,
        entity: str | None = None,
    ) -> None:
        self.path = Path(path)
        self.problem = problem
        self.fix = fix
        self.line = line
        self.entity = entity
        super().__init__(self.render())

    def render(self) -> str:
        """Format as ``file:line: entity 'x': problem; fix``, on one line."""
        where = str(self.path) if self.line is None else f"{self.path}:{self.line}"
        who = f" entity '{self.entity}':" if self.entity else ""
        text = f"{where}:{who} {self.problem}; {self.fix}"
        return " ".join(text.split())


class ValidationFailed(Exception):
    """The built graph does not conform to the SHACL shapes; the message lists each violation."""


class CommandError(Exception):
    """A command cannot go on (a server not answering, a missing output).

    The CLI prints the message as one line and exits with ``code`` (2 for bad arguments or
    input, 1 otherwise).
    """

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code
