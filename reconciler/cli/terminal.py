"""Colour and progress on a terminal, plain text everywhere else (CI logs, pipes, files).

Colour is used only when the stream is a terminal, `NO_COLOR` is unset or empty (https://no-color.org),
`TERM` is not `dumb`, and `--no-color` was not given. Rich markup is only ever turned into colour by
a rich Console; without colour the renderers produce plain text, so markup is never printed raw.
"""

from __future__ import annotations

import os
import sys
from typing import TextIO

import click
from rich.console import Console

NO_COLOR_OPTION = click.option(
    "--no-color",
    "no_color",
    is_flag=True,
    help="No colours (also when NO_COLOR is set, or output is not a terminal).",
)


def wants_color(stream: TextIO, *, no_color: bool) -> bool:
    """Whether to colour what goes to `stream`."""
    if no_color or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def console_for(stream: TextIO, *, color: bool) -> Console:
    """A rich Console on `stream` that colours only when `color`, and never re-wraps or highlights."""
    return Console(
        file=stream,
        force_terminal=True if color else None,  # without colour, rich still sees a terminal for bars
        no_color=not color,
        color_system="auto" if color else None,
        highlight=False,
        emoji=False,
        soft_wrap=True,
    )


def echo_rendered(text: str, *, color: bool) -> None:
    """Print renderer output: markup turned into colour on a terminal, plain text as it is elsewhere."""
    if color:
        console_for(sys.stdout, color=True).print(text, end="\n")
    else:
        click.echo(text)
