"""Questionnaires as data: their scoring keys, scoring, and reliable change.

``engine`` reads an instrument from a TOML file (items, the response scale,
reverse-keyed items, subscales, optional norms), checks it strictly, scores a
person's answers and says whether a change between two scores is larger than
the instrument's own measurement error (Jacobson & Truax 1991).

The published scales ship as scoring keys only: their item wording belongs to
their authors, so a person or their clinician can add it in a file of their own.
kindvoice's own weekly kindness check-in ships whole, and is not a validated
clinical scale. Nothing here reads answers from anyone or prints anything.
"""
