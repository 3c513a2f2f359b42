"""``python -m generator``: the drukwerk command."""

from generator.cli import command

raise SystemExit(command())
