"""kindvoice: a local-first companion for practising self-compassion."""

__version__ = "0.1.0"
