"""``python -m wessex_cli`` runs the ``wessex`` command."""

from .cli import main

main()
