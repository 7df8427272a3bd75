"""The sections other apps add to the profile page (``/profile/``).

``accounts`` sits below ``spaces`` and the domain apps, so the profile cannot ask them what the
person belongs to; an app registers a section in its ``AppConfig.ready()`` (see
``samverka.platform.core.panels``): ``context(user)`` gives the section's ``data``.
"""

from samverka.platform.core.panels import Panel, Panels

__all__ = ["Panel", "profile_page"]

#: The sections of the profile page between "Security" and "API token".
profile_page = Panels("the profile page")
