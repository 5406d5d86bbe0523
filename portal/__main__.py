"""``python -m portal`` — the same as the ``dvc-portal`` command."""

from portal.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
