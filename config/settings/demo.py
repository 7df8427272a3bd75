"""`make run`: the demo as its users will see it.

DEBUG off (Swedish error pages, no tracebacks), served on localhost by gunicorn, static files from
the collected, hashed set through WhiteNoise, e-mail written to var/mail as in development.
``SITE_URL`` (set by the Makefile from ``PORT``) makes the links in e-mails and calendar files point
at the port the demo is served on. `make dev` uses ``config.settings.dev`` (debug on, autoreload).
"""

from .base import env
from .dev import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
