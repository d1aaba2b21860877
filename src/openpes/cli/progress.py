"""What every long-running command shares: checking option values and a step progress bar."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from openpes.errors import InputError


def check_choices(gettext: Callable[[str], str], *options: tuple[str, str, Iterable[str]]) -> None:
    """Refuse an option value outside its choices, naming the option and what it accepts."""
    for option, value, choices in options:
        allowed = tuple(choices)
        if value not in allowed:
            raise InputError(
                gettext("{option} must be one of {choices}, got {value!r}").format(
                    option=option, choices=", ".join(allowed), value=value
                )
            )


def step_progress() -> Progress:
    """A progress bar on standard error (standard output may carry the command's result)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
    )
