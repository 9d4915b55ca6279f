"""Bringing history in from other apps: pure readers for Daylio CSV and jrnl JSON exports.

Each reader turns a file's text (or parsed JSON) into plain rows, collecting every problem
with its location (``row 12, time`` in a Daylio sheet, ``entries[3].date`` in a jrnl file);
``records.py`` then turns those rows into kindvoice's own entries and check-ins, with ids
that come from the rows' contents, so the same file imported twice adds nothing twice.
Nothing here reads files, knows the time zone or touches the database: the services do.
"""
