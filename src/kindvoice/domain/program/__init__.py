"""The 8-week program: one theme a week, read from ``content/week-N.toml``.

``course`` holds the records, the strict parser and the loader. Each week names
a core practice, a short daily practice, a journal question and an optional
practice to go deeper, all by the ids of shipped practices and breathing patterns.
"""
