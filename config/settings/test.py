"""Test settings: fast hashing, plain static storage, locmem e-mail by default."""

from .base import *  # noqa: F403
from .base import STORAGES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The outbox task runs in-process after commit; tests needing real delivery use the smtp_server fixture.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
ACCOUNT_RATE_LIMITS = False
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
STATIC_ROOT = None
# Uploaded files of the tests go to a throwaway directory (tests needing their own set settings.MEDIA_ROOT).
import tempfile  # noqa: E402

MEDIA_ROOT = tempfile.mkdtemp(prefix="samverka-test-media-")
