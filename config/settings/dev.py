"""The embedded default used by `make run`: SQLite, local files, e-mail written to var/mail."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR, env

DEBUG = env.bool("DEBUG", default=True)

# The demo's e-mail lands as files in var/mail (one .log per sending run), and every message is
# listed on the outbox page; set EMAIL_URL (e.g. smtp://…) to send for real.
if "EMAIL_URL" not in os.environ:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = str(VAR_DIR / "mail")
