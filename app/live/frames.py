"""Writing one event's websocket frame to many sockets without the ASGI send chain.

A server's text frame is not masked, so without compression the bytes on the wire are the same
for every socket: the hub encodes them once per event and reader kind and hands them to each
socket's transport. uvicorn's websockets protocol is extended to offer this through the ASGI
scope (`scope["extensions"][EXTENSION]`); a socket that cannot take the bytes right now (not
open, closing, or its transport's buffer full) says so, and the event goes the usual way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from uvicorn.protocols.websockets.websockets_sansio_impl import WebSocketsSansIOProtocol
from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.protocol import State

EXTENSION = "kyhop.frames"
# How `kyhop serve` and the tests run uvicorn: this protocol, no per-message compression (a
# compressed frame would differ per socket).
UVICORN_WEBSOCKETS: dict[str, Any] = {"ws": "app.live.frames:FrameWritingProtocol",
                                      "ws_per_message_deflate": False}


class FrameWriter(Protocol):
    def write_frame(self, frame: bytes) -> bool: ...


def text_frame(text: str) -> bytes:
    """A complete, unmasked, uncompressed text frame, as a server sends it."""
    return Frame(Opcode.TEXT, text.encode()).serialize(mask=False)


def frame_writer(scope: Mapping[str, Any]) -> FrameWriter | None:
    extension = scope.get("extensions", {}).get(EXTENSION)
    return extension["writer"] if extension else None


class FrameWritingProtocol(WebSocketsSansIOProtocol):
    """uvicorn's sans-I/O websockets protocol, plus `write_frame` for the hub."""

    def handle_connect(self, event: Request) -> None:
        super().handle_connect(event)
        if self.response.status_code == 101:  # the scope exists: the app has not started yet
            self.scope["extensions"][EXTENSION] = {"writer": self}

    def write_frame(self, frame: bytes) -> bool:
        """Writes the frame now if the socket is open and its buffer is not full; else False,
        and the caller sends the message through ASGI, which waits for the buffer to drain."""
        if (not self.handshake_complete or self.close_sent or self.disconnected
                or self.initial_response is not None or not self.writable.is_set()
                or self.conn.state is not State.OPEN or self.conn.extensions
                or self.transport.is_closing()):
            return False
        self.transport.write(frame)
        return True
