"""Guided practices: breathing patterns as data, and the pacer that times them.

``patterns`` holds the records and the parser for a typed pattern such as
``4-7-8``, ``catalog`` reads the shipped patterns from ``content/breathing.toml``,
and ``pacer`` turns a pattern into a schedule a renderer can follow without
drifting. Nothing here sleeps, prints or starts threads.
"""
