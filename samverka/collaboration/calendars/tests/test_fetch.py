"""The external calendar fetcher against a real local HTTP server (threading http.server on 127.0.0.1)."""

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from samverka.collaboration.calendars.fetch import FetchError, fetch_calendar

#: A busy hour 60 days ahead, 09:00–10:00 UTC.
BUSY_DAY = (datetime.now(tz=UTC) + timedelta(days=60)).strftime("%Y%m%d")
ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
    b"BEGIN:VEVENT\r\nUID:busy-1@test\r\nDTSTAMP:20260101T000000Z\r\n"
    + f"DTSTART:{BUSY_DAY}T090000Z\r\nDTEND:{BUSY_DAY}T100000Z\r\n".encode()
    + b"SUMMARY:Privat\r\nEND:VEVENT\r\n"
    b"END:VCALENDAR\r\n"
)
LOGIN_PAGE = b"<!doctype html><html><body><form><input name=password></form></body></html>"


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, dict[str, str], bytes, float]] = {}

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        status, headers, body, delay = self.routes.get(self.path, (404, {}, b"", 0.0))
        if delay:
            time.sleep(delay)
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.routes = {
        "/cal.ics": (200, {"Content-Type": "text/calendar; charset=utf-8"}, ICS, 0.0),
        "/login": (200, {"Content-Type": "text/html"}, LOGIN_PAGE, 0.0),
        "/html-as-ics": (200, {"Content-Type": "text/calendar"}, LOGIN_PAGE, 0.0),
        "/slow.ics": (200, {"Content-Type": "text/calendar"}, ICS, 3.0),
        "/big.ics": (200, {"Content-Type": "text/calendar"}, ICS + b" " * 5000, 0.0),
        "/redirect-ok": (302, {"Location": "/cal.ics"}, b"", 0.0),
        "/redirect-private": (302, {"Location": "http://10.0.0.1/cal.ics"}, b"", 0.0),
        "/forbidden": (403, {}, b"", 0.0),
    }
    yield base
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def allow_loopback(settings: Any) -> None:
    settings.CALENDARS_FETCH_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.CALENDARS_FETCH_TIMEOUT = 1.0


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/cal.ics",
        "http://10.1.2.3/cal.ics",
        "http://192.168.0.1/cal.ics",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/cal.ics",
        "http://[::ffff:127.0.0.1]/cal.ics",
        "http://localhost/cal.ics",
    ],
)
def test_private_addresses_are_refused(url: str) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(url)
    assert error.value.code == "private_address"
    assert "private or internal network" in error.value.message


def test_hostname_resolving_to_loopback_is_refused(monkeypatch: Any) -> None:
    def fake_getaddrinfo(host: str, port: int, *args: Any, **kwargs: Any) -> list[Any]:
        assert host == "calendar.example.com"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    with pytest.raises(FetchError) as error:
        fetch_calendar("https://calendar.example.com/me.ics")
    assert error.value.code == "private_address"


def test_the_local_server_itself_is_refused_without_the_setting(server: str) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/cal.ics")
    assert error.value.code == "private_address"


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("ftp://example.com/cal.ics", "scheme"),
        ("file:///etc/passwd", "scheme"),
        ("https://user:secret@example.com/cal.ics", "credentials"),
        ("not a url", "scheme"),
        ("https://", "invalid"),
    ],
)
def test_malformed_addresses_are_refused(url: str, code: str) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(url)
    assert error.value.code == code


def test_allowed_network_serves_a_real_calendar(server: str, allow_loopback: None) -> None:
    data = fetch_calendar(server + "/cal.ics")
    assert data.startswith(b"BEGIN:VCALENDAR") and b"busy-1@test" in data


def test_webcal_and_redirect_within_allowed_network(server: str, allow_loopback: None) -> None:
    assert b"busy-1@test" in fetch_calendar(server + "/redirect-ok")


def test_redirect_to_private_address_is_refused(server: str, allow_loopback: None) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/redirect-private")
    assert error.value.code == "private_address"


def test_timeout(server: str, allow_loopback: None) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/slow.ics")
    assert error.value.code == "timeout"
    assert "did not answer within" in error.value.message
    assert time.monotonic() - started < 2.5


def test_size_limit(server: str, allow_loopback: None, settings: Any) -> None:
    settings.CALENDARS_FETCH_MAX_BYTES = 1000
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/big.ics")
    assert error.value.code == "too_large"


def test_html_login_page_is_refused(server: str, allow_loopback: None) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/login")
    assert error.value.code == "web_page"
    assert "login page" in error.value.message
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/html-as-ics")
    assert error.value.code == "not_calendar"


def test_login_required_and_not_found(server: str, allow_loopback: None) -> None:
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/forbidden")
    assert error.value.code == "auth"
    with pytest.raises(FetchError) as error:
        fetch_calendar(server + "/missing.ics")
    assert error.value.code == "not_found"
