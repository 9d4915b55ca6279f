"""The web app's sentences: Insights, Program and Learn pages.

Keys start with ``web.``; they join ``MESSAGES`` in ``messages/__init__.py``.
"""

from __future__ import annotations

WEB: dict[str, str] = {}
