"""Fetching a URL someone else gave us, without letting it reach inside our network.

Feeds, imported media and anything else fetched on a user's behalf go through
`fetch`. Each hop (the first request and every redirect) must:

- use http or https and name a host on the caller's allow-list;
- resolve only to public addresses: loopback, private, link-local (cloud
  metadata at 169.254.169.254), multicast, reserved and unspecified addresses
  are refused after DNS resolution, and the connection goes to the very
  address that was checked, so a second DNS answer cannot swap it (rebinding);
- answer within the size and content-type limits, read in chunks and cut off
  as soon as the body passes the limit.

`trusted_first_hop` lets tests serve the first request from 127.0.0.1: it
names (address, port) pairs accepted for the first hop only; redirects are
always checked in full.
"""

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchRefused(Exception):
    """The URL was not fetched, or its answer was not accepted; the message says why."""


@dataclass(frozen=True)
class FetchResult:
    url: str
    status: int
    headers: dict  # lower-cased names
    body: bytes


def _public(address):
    ip = ipaddress.ip_address(address)
    if ip.version == 6 and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def _checked_address(host, port, trusted, resolve):
    try:
        infos = resolve(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchRefused(f"{host} could not be resolved ({error}).") from error
    addresses = [info[4][0] for info in infos]
    if not addresses:
        raise FetchRefused(f"{host} has no address.")
    for address in addresses:
        if not _public(address) and (address, port) not in trusted:
            raise FetchRefused(f"{host} resolves to {address}, a non-public address; refused.")
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _read(response, max_bytes, url):
    length = response.getheader("Content-Length")
    if length and length.isascii() and length.isdigit() and int(length) > max_bytes:
        raise FetchRefused(f"{url} is larger than {max_bytes} bytes; refused.")
    parts, size = [], 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchRefused(f"{url} is larger than {max_bytes} bytes; refused.")
        parts.append(chunk)
    return b"".join(parts)


def fetch(
    url,
    *,
    allowed_hosts,
    max_bytes,
    content_types=None,
    headers=None,
    timeout=10,
    max_redirects=3,
    trusted_first_hop=frozenset(),
    resolve=socket.getaddrinfo,
):
    """GET `url` within the limits above; raises FetchRefused, never reaches a private address.

    `content_types`: accepted media types ("image/jpeg"), or None for any.
    A 304 is returned as is (empty body), so callers can send validators.
    """
    allowed_hosts = {host.lower() for host in allowed_hosts}
    trusted = set(trusted_first_hop)
    for _hop in range(max_redirects + 1):
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme not in ("http", "https") or not host:
            raise FetchRefused(f"{url} is not an http(s) URL; refused.")
        if host not in allowed_hosts:
            raise FetchRefused(f"{host} is not an allowed host; refused.")
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as error:
            raise FetchRefused(f"{url} has a bad port; refused.") from error
        address = _checked_address(host, port, trusted, resolve)
        trusted = set()  # only ever the first hop
        connection_class = (
            _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
        )
        connection = connection_class(host, port, address, timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request("GET", path, headers=dict(headers or {}))
            response = connection.getresponse()
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise FetchRefused(f"{url} redirects nowhere; refused.")
                url = urljoin(url, location)
                continue
            response_headers = {name.lower(): value for name, value in response.getheaders()}
            if response.status == 304:
                return FetchResult(url, 304, response_headers, b"")
            if response.status != 200:
                raise FetchRefused(f"{url} answered {response.status}.")
            media_type = response_headers.get("content-type", "").split(";")[0].strip().lower()
            if content_types is not None and media_type not in content_types:
                raise FetchRefused(f"{url} is {media_type or 'of no type'}; not accepted.")
            return FetchResult(url, 200, response_headers, _read(response, max_bytes, url))
        except (OSError, http.client.HTTPException) as error:
            raise FetchRefused(f"{url} could not be fetched ({error}).") from error
        finally:
            connection.close()
    raise FetchRefused(f"{url}: more than {max_redirects} redirects; refused.")
