"""Where registration may call: never into our own network through a wildcard allow-list entry."""

import ipaddress
import socket
from urllib.parse import urlsplit


class NonPublicAddress(Exception):
    pass


def require_public_host(url: str) -> list[str]:
    """The addresses the URL's host resolves to, all public (global) ones; else raise.

    Loopback, private, link-local (cloud metadata), shared and reserved ranges are refused. The
    calls then go to one of these (`saleor.http.pinned`): a zone that re-resolves in between (DNS
    rebinding) is not asked again.
    """
    parts = urlsplit(url)
    try:
        resolved = socket.getaddrinfo(parts.hostname, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise NonPublicAddress(f"{parts.hostname} does not resolve: {exc}") from None
    checked = []
    for *_, sockaddr in resolved:
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if not address.is_global:
            raise NonPublicAddress(f"{parts.hostname} resolves to the non-public address {address}")
        checked.append(str(address))
    if not checked:
        raise NonPublicAddress(f"{parts.hostname} resolves to no address")
    return checked
