"""``python -m orientir`` runs the command line."""

from orientir.cli.main import run

run()
