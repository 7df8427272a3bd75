"""Who may change the glossary: platform admins only.

The glossary is platform-wide and public (every space speaks the same words), so reading needs no rule;
``glossary.edit_glossary`` (no object) guards every write in ``services`` and the admin site.
"""

import rules

from samverka.platform.spaces.permissions import is_platform_admin

rules.add_perm("glossary.edit_glossary", is_platform_admin)
