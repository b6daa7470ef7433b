"""Which addresses may be harvested (`KYHOP_HARVEST_ALLOW`): pure rules, no network.

Public (globally routable, unicast) addresses may always be harvested: following another council's
open data on the Internet is the point. Anything else — loopback, private networks, link-local,
shared (CGNAT), multicast, reserved — only when listed, either as a host name (allowed whatever it
resolves to: the operator named it) or as an address or network in CIDR form. app.harvest.client
applies the rule to every connection it opens, redirects included, to the address it actually
connects to; `url_problem` is the early check made when a source is added.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

MAX_URL_LENGTH = 2000  # bytes of UTF-8: what a unique index on PostgreSQL holds comfortably
_HOST_NAME = re.compile(r"^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?"
                        r"(\.[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?)*$")
_LOOPBACK_NAMES = ("localhost", "localhost.localdomain")
UrlProblem = Literal["invalid", "not_allowed"]


def normal_host(host: str) -> str:
    """Lower case, without a trailing dot, international names in their ASCII (xn--) form."""
    text = host.strip().lower().rstrip(".")
    if not text.isascii():
        try:
            text = text.encode("idna").decode("ascii")
        except UnicodeError:
            return text
    return text


def parse_entry(entry: str) -> str | Network:
    """One item of the list: a network ("10.20.0.0/16", "127.0.0.1", "::1") or a host name.
    Raises ValueError for anything else."""
    text = normal_host(entry)
    try:
        return ipaddress.ip_network(text, strict=False)
    except ValueError:
        pass
    if not _HOST_NAME.match(text):
        raise ValueError(f"{entry!r} is neither a host name nor an address or network")
    return text


def as_address(host: str) -> Address | None:
    """The address a URL's host names literally (IPv4-mapped IPv6 as IPv4), or None for a name."""
    try:
        address = ipaddress.ip_address(normal_host(host).strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


@dataclass(frozen=True)
class AllowList:
    hosts: frozenset[str] = frozenset()
    networks: tuple[Network, ...] = ()

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        hosts: set[str] = set()
        networks: list[Network] = []
        for entry in entries:
            parsed = parse_entry(entry)
            if isinstance(parsed, str):
                hosts.add(parsed)
            else:
                networks.append(parsed)
        return cls(hosts=frozenset(hosts), networks=tuple(networks))

    def host_listed(self, host: str) -> bool:
        return normal_host(host) in self.hosts

    def address_allowed(self, address: Address) -> bool:
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if any(address in network for network in self.networks):
            return True
        return address.is_global and not address.is_multicast


def url_problem(url: str, allow: AllowList) -> UrlProblem | None:
    """What is wrong with a source URL before anything is fetched: not an http(s) URL with a host
    (or with a user name or password in it), or a host that is literally an address, or
    localhost, outside what may be harvested. Names are resolved, and checked, when fetched."""
    if len(url.encode("utf-8", "replace")) > MAX_URL_LENGTH or any(ch.isspace() or ord(ch) < 32 for ch in url):
        return "invalid"
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises ValueError for a port that is not a number in range
    except ValueError:
        return "invalid"
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host or parts.username is not None:
        return "invalid"
    if allow.host_listed(host):
        return None
    address = as_address(host)
    if address is None:
        if normal_host(host) in _LOOPBACK_NAMES or normal_host(host).endswith(".localhost"):
            address = ipaddress.IPv4Address("127.0.0.1")
        elif not _HOST_NAME.match(normal_host(host)):
            return "invalid"
        else:
            return None
    return None if allow.address_allowed(address) else "not_allowed"
