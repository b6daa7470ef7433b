"""Why a harvest run stopped. Every failure of a source is one of these: a message code of
app.i18n (Vietnamese first) and its parameters, kept on the source and shown to its managers."""

from __future__ import annotations

# What a parameter may show of a URL a source sent: enough to recognise it, never a page of it.
_MAX_SHOWN = 200


def shown(text: str) -> str:
    return text if len(text) <= _MAX_SHOWN else text[:_MAX_SHOWN] + "…"


class HarvestError(Exception):
    def __init__(self, code: str, **params: str | int) -> None:
        self.code = code
        self.params = {key: shown(value) if isinstance(value, str) else value
                       for key, value in params.items()}
        super().__init__(code)


class ClaimLost(Exception):
    """Another process took the source over (this one's claim had expired): stop, write nothing."""
