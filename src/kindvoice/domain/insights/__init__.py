"""Insights: how things have changed over weeks and months, as numbers.

``inputs`` holds the small points the services build from stored records, so the
metrics never depend on storage; ``stats`` the statistics (intervals, trends,
medians); ``metrics`` one pure function per insight. Every result says how many
data points are behind it and whether that is enough to say anything. Wording
belongs to the interface: nothing here makes sentences. The definitions, in
plain words, are in ``docs/insights.md``.
"""
