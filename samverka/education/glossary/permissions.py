"""Who may change the glossary: platform admins only.

The glossary is platform-wide and public (every space speaks the same words), so reading needs no rule;
``glossary.edit_glossary`` (no object) guards every write in ``services`` and the admin site.
"""

import rules

from samverka.platform.spaces.permissions import is_platform_admin

rules.add_perm("glossary.edit_glossary", is_platform_admin)
#: The history page of a term (``core:history``) asks for the model's change rule.
rules.add_perm("glossary.change_term", is_platform_admin)
