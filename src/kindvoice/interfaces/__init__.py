"""Interfaces: the command line (and later the web). Thin: they call services and render."""
