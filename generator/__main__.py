from generator.cli import command

raise SystemExit(command())
