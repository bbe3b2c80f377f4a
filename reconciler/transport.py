"""Which URLs may carry credentials (ARCHITECTURE.md §13): https anywhere, plain http only to loopback.

Plain `http://` is allowed to loopback addresses (127.0.0.0/8, ::1, `localhost`) and, with a warning on
every run, to any host of a target that says `insecure: true`. Link-local addresses (169.254.0.0/16,
fe80::/10) and cloud metadata endpoints are refused for every URL, whatever `insecure` says.

Hosts are judged by what the URL says, never by resolving DNS: an IP literal (in any form the system
resolver would accept, such as `2852039166` or `0xA9FEA9FE`) is checked as an address, a name only
against `localhost` and the metadata names. A name that resolves to a link-local address is therefore
not caught here; egress rules are the place for that.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import sys
from urllib.parse import urlsplit

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

LOOPBACK_NAMES = frozenset({"localhost"})
METADATA_NAMES = frozenset({"metadata.google.internal"})
METADATA_ADDRESSES = frozenset(
    {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
)
_LEGACY_IPV4 = re.compile(r"[0-9a-fA-FxX.]+")


def _host_of(url: str) -> str | None:
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def address_of(host: str) -> IpAddress | None:
    """The address an IP-literal host names (IPv4-mapped IPv6 as IPv4), or None for a name."""
    bare = host.strip("[]").split("%", 1)[0]
    try:
        address: IpAddress = ipaddress.ip_address(bare)
    except ValueError:
        if not _LEGACY_IPV4.fullmatch(bare):
            return None
        try:  # the forms getaddrinfo accepts without DNS: 2852039166, 0xA9FEA9FE, 169.254.43518
            address = ipaddress.IPv4Address(socket.inet_aton(bare))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and `localhost` (an address to bind to or a URL's host)."""
    name = host.rstrip(".").lower()
    if name in LOOPBACK_NAMES:
        return True
    address = address_of(name)
    return address is not None and address.is_loopback


def forbidden(host: str) -> str | None:
    """Why no URL may point at `host` (a metadata endpoint or a link-local address), or None."""
    name = host.rstrip(".").lower()
    address = address_of(name)
    if name in METADATA_NAMES or address in METADATA_ADDRESSES:
        return f"{name} is a cloud metadata endpoint"
    if address is not None and address.is_link_local:
        return f"{address} is a link-local address"
    return None


def refusal(url: str, *, insecure: bool = False) -> str | None:
    """Why `url` may not carry credentials, or None when it may.

    `insecure` (a target's `insecure: true`) allows plain http to any host except the forbidden ones.
    """
    scheme = urlsplit(url).scheme.lower() if "://" in url else ""
    host = _host_of(url)
    if scheme not in ("http", "https") or host is None:
        return "is not an http(s) URL with a host"
    problem = forbidden(host)
    if problem is not None:
        return f"is refused: {problem} (never allowed, not even with insecure: true)"
    if scheme == "http" and not insecure and not is_loopback(host):
        return (
            f"is plain http:// to {host}, which would send credentials in clear text; use https:// "
            "(plain http is allowed only to loopback addresses, or to a target with insecure: true)"
        )
    return None


def plain_http_elsewhere(url: str) -> bool:
    """True when `url` is plain http to a host that is not loopback (allowed only by insecure: true)."""
    host = _host_of(url)
    return urlsplit(url).scheme.lower() == "http" and host is not None and not is_loopback(host)


def warn_insecure(target: str, urls: list[str]) -> None:
    """The warning (stderr) of every run that uses an `insecure: true` target; it names hosts, never URLs."""
    hosts = sorted({str(urlsplit(url).hostname) for url in urls if plain_http_elsewhere(url)})
    reached = (
        f"credentials and data go in clear text to {', '.join(hosts)}" if hosts else "plain http allowed"
    )
    print(f"warning: target '{target}' has insecure: true: {reached}", file=sys.stderr)
