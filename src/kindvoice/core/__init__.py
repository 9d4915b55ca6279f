"""Core: settings, errors and time. Standard library only."""
