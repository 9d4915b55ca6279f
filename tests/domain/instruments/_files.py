"""A small instrument file, in parts, for the engine tests to load and to break."""

from __future__ import annotations

SOURCE = "broken.toml"

HEAD = """
id = "mood-mini"
name = "Mini mood"
description = "Three questions."
validated = false
wording_included = true
higher_is_better = true
scoring = "sum"
subscales = ["calm", "warmth"]
subscale_scoring = "mean"

[scale]
low = 0
high = 3
labels = ["not at all", "a little", "quite a bit", "very much"]
"""
ITEMS = """
[[items]]
number = 1
text = "I felt calm."
reverse = false
subscale = "calm"

[[items]]
number = 2
text = "I felt tense."
reverse = true
subscale = "calm"

[[items]]
number = 3
text = "I was warm to myself."
reverse = false
subscale = "warmth"
"""
NORMS = """
[norms]
mean = 5.0
sd = 1.5
retest_r = 0.8
source = "A made-up sample for the tests."
"""
GOOD = HEAD + ITEMS + NORMS
