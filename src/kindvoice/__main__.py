"""Entry point for `kindvoice` and `python -m kindvoice`."""

from __future__ import annotations


def main() -> None:
    """Run the command-line interface."""
    from kindvoice.interfaces.cli.app import run

    run()


if __name__ == "__main__":
    main()
