"""Kỳ Họp: paperless council sessions for Vietnamese People's Councils."""

__version__ = "0.1.0"
