"""Fetches a member's external calendar (ICS) without becoming a tool for reaching the intranet.

A member gives the address of their own calendar (the "secret address in
iCal format" of Google Calendar, a published Outlook calendar). The server
then makes a request on their behalf, so the address is untrusted input:

* only ``https://`` and ``http://`` (``webcal://`` is read as ``https://``),
  no user name or password in the address;
* the host name is resolved and **every** address it resolves to is checked:
  private, loopback, link-local, shared, reserved, multicast and unspecified
  addresses are refused, unless they fall in ``CALENDARS_FETCH_ALLOWED_NETWORKS``
  (for tests and intranet calendar servers);
* the connection goes to the address that was checked (no second lookup that
  DNS could answer differently), with the host name kept for TLS and Host;
* redirects are followed by hand, at most ``CALENDARS_FETCH_MAX_REDIRECTS``,
  and every new address is checked again;
* a socket timeout and a deadline for the whole fetch
  (``CALENDARS_FETCH_TIMEOUT`` seconds), and a size limit
  (``CALENDARS_FETCH_MAX_BYTES``) enforced while streaming;
* the answer must be iCalendar: a web page (often a login page) or any other
  type is refused, and the body must start with ``BEGIN:VCALENDAR``.

Every refusal is a :class:`FetchError` with a message for the member.
"""

import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.utils.translation import gettext as _

DEFAULT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
CHUNK = 64 * 1024
USER_AGENT = "Samverka calendar fetcher (+free/busy)"
#: Content types under which calendar servers are seen to serve ICS files.
CALENDAR_TYPES = frozenset(
    {
        "text/calendar",
        "application/ics",
        "application/x-ics",
        "text/x-vcalendar",
        "application/octet-stream",
        "text/plain",
        "",
    }
)
WEB_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """A calendar address that cannot or may not be fetched; ``message`` is for the member."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class FetchLimits:
    timeout: float
    max_bytes: int
    max_redirects: int
    allowed_networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]

    @classmethod
    def from_settings(cls) -> "FetchLimits":
        networks = tuple(
            ipaddress.ip_network(entry, strict=False)
            for entry in getattr(settings, "CALENDARS_FETCH_ALLOWED_NETWORKS", ())
        )
        return cls(
            timeout=float(getattr(settings, "CALENDARS_FETCH_TIMEOUT", DEFAULT_TIMEOUT)),
            max_bytes=int(getattr(settings, "CALENDARS_FETCH_MAX_BYTES", DEFAULT_MAX_BYTES)),
            max_redirects=int(getattr(settings, "CALENDARS_FETCH_MAX_REDIRECTS", DEFAULT_MAX_REDIRECTS)),
            allowed_networks=networks,
        )


def normalise_url(url: str) -> str:
    """``webcal://`` (what Outlook and Apple hand out) is the same address over https."""
    url = (url or "").strip()
    if url.lower().startswith("webcal://"):
        url = "https://" + url[len("webcal://") :]
    return url


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str


def parse_target(url: str) -> Target:
    """Check the form of an address (scheme, host, port, no credentials)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise FetchError(_("The address is not a valid web address."), "invalid") from error
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(
            _("Only addresses that start with https:// (or http://) can be used for a calendar."), "scheme"
        )
    if not parts.hostname:
        raise FetchError(_("The address has no server name."), "invalid")
    if parts.username or parts.password:
        raise FetchError(
            _("Remove the user name and password from the address; use the calendar's secret address instead."),
            "credentials",
        )
    path = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    return Target(scheme=scheme, host=parts.hostname, port=port or (443 if scheme == "https" else 80), path=path)


def address_allowed(address: str, allowed: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network]) -> bool:
    """Whether a connection to ``address`` may be made: a public address, or one allow-listed."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip.version == network.version and ip in network for network in allowed):
        return True
    return ip.is_global and not ip.is_multicast and not ip.is_reserved


def resolve(target: Target, limits: FetchLimits) -> list[str]:
    """Every address of the host, all checked; refused when any of them is not allowed."""
    try:
        infos = socket.getaddrinfo(target.host, target.port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(
            _("The server %(host)s could not be found. Check the address.") % {"host": target.host}, "dns"
        ) from error
    addresses: list[str] = []
    for info in infos:
        address = str(info[4][0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise FetchError(_("The server %(host)s could not be found. Check the address.") % {"host": target.host}, "dns")
    for address in addresses:
        if not address_allowed(address, limits.allowed_networks):
            raise FetchError(
                _(
                    "The address %(host)s points into a private or internal network, which Samverka does not "
                    "fetch from. Use the public address of your calendar."
                )
                % {"host": target.host},
                "private_address",
            )
    return addresses


def _connect(target: Target, addresses: list[str], timeout: float) -> http.client.HTTPConnection:
    """A connection to one of the checked addresses, verified TLS for https with the host's name."""
    last_error: OSError | None = None
    for address in addresses:
        try:
            sock = socket.create_connection((address, target.port), timeout=timeout)
        except OSError as error:
            last_error = error
            continue
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            context = ssl.create_default_context()
            try:
                sock = context.wrap_socket(sock, server_hostname=target.host)
            except (ssl.SSLError, ssl.CertificateError, OSError) as error:
                sock.close()
                raise FetchError(
                    _("A secure connection to %(host)s could not be made (the certificate is not valid).")
                    % {"host": target.host},
                    "tls",
                ) from error
            connection = http.client.HTTPSConnection(target.host, target.port, timeout=timeout, context=context)
        else:
            connection = http.client.HTTPConnection(target.host, target.port, timeout=timeout)
        connection.sock = sock  # already connected to the checked address; never resolved again
        return connection
    if isinstance(last_error, TimeoutError | socket.timeout):
        raise FetchError(
            _("%(host)s did not answer within %(seconds)s seconds.") % {"host": target.host, "seconds": int(timeout)},
            "timeout",
        )
    raise FetchError(_("%(host)s could not be reached.") % {"host": target.host}, "unreachable")


def _status_error(status: int, host: str) -> FetchError:
    if status in (401, 403):
        return FetchError(
            _(
                "%(host)s requires a login for this calendar (HTTP %(status)d). Use the calendar's secret or "
                "published address, which works without logging in."
            )
            % {"host": host, "status": status},
            "auth",
        )
    if status in (404, 410):
        return FetchError(
            _("No calendar was found at the address (HTTP %(status)d). Check that it is complete.")
            % {"status": status},
            "not_found",
        )
    return FetchError(
        _("%(host)s answered with an error (HTTP %(status)d). Try again later.") % {"host": host, "status": status},
        "http_error",
    )


def looks_like_icalendar(data: bytes) -> bool:
    """Whether ``data`` starts like an iCalendar file (after a byte-order mark and blank lines)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf").lstrip()
    return head.upper().startswith(b"BEGIN:VCALENDAR")


def not_a_calendar() -> FetchError:
    return FetchError(
        _("The address does not lead to a calendar file (iCalendar, .ics). Copy the calendar's ICS address."),
        "not_calendar",
    )


def _read_body(response: http.client.HTTPResponse, limits: FetchLimits, deadline: float, host: str) -> bytes:
    too_big = FetchError(
        _("The calendar is larger than %(size)d MB, which is more than Samverka reads. Share a shorter period.")
        % {"size": max(1, limits.max_bytes // (1024 * 1024))},
        "too_large",
    )
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise too_big
    chunks: list[bytes] = []
    total = 0
    while True:
        if time.monotonic() > deadline:
            raise _timeout(host, limits)
        chunk = response.read(CHUNK)
        if not chunk:
            break
        total += len(chunk)
        if total > limits.max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _timeout(host: str, limits: FetchLimits) -> FetchError:
    return FetchError(
        _("%(host)s did not answer within %(seconds)s seconds.") % {"host": host, "seconds": int(limits.timeout)},
        "timeout",
    )


def fetch_calendar(url: str, *, limits: FetchLimits | None = None) -> bytes:
    """The bytes of the ICS file at ``url``, or FetchError with a message for the member."""
    limits = limits or FetchLimits.from_settings()
    deadline = time.monotonic() + limits.timeout
    current = normalise_url(url)
    for _hop in range(limits.max_redirects + 1):
        target = parse_target(current)
        addresses = resolve(target, limits)
        remaining = max(0.1, deadline - time.monotonic())
        connection = _connect(target, addresses, min(limits.timeout, remaining))
        try:
            connection.request(
                "GET",
                target.path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/calendar, application/ics;q=0.9, */*;q=0.1",
                    "Accept-Encoding": "identity",
                },
            )
            response = connection.getresponse()
            if response.status in REDIRECTS:
                location = response.getheader("Location")
                if not location:
                    raise _status_error(response.status, target.host)
                current = urljoin(current, location.strip())
                continue
            if response.status != 200:
                raise _status_error(response.status, target.host)
            content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
            if content_type in WEB_PAGE_TYPES:
                raise FetchError(
                    _(
                        "The address leads to a web page, not a calendar file (perhaps a login page). Copy the "
                        "calendar's ICS address."
                    ),
                    "web_page",
                )
            if content_type not in CALENDAR_TYPES:
                raise not_a_calendar()
            if response.getheader("Content-Encoding", "identity").lower() not in ("identity", ""):
                raise not_a_calendar()
            data = _read_body(response, limits, deadline, target.host)
        except TimeoutError as error:
            raise _timeout(target.host, limits) from error
        except ssl.SSLError as error:
            raise FetchError(
                _("A secure connection to %(host)s could not be made (the certificate is not valid).")
                % {"host": target.host},
                "tls",
            ) from error
        except (http.client.HTTPException, OSError) as error:
            raise FetchError(_("%(host)s could not be reached.") % {"host": target.host}, "unreachable") from error
        finally:
            connection.close()
        if not looks_like_icalendar(data):
            raise not_a_calendar()
        return data
    raise FetchError(_("The address redirects too many times."), "redirects")
