"""Who may see and change knowledge nodes.

Published nodes are public (the model's ``restrict``); every node of a space is for its insiders, who
also see which areas no node covers. Those who run the space (platform admin, the space's admin or
secretariat) add and change nodes.

Objects: ``view_knowledgenode`` and ``change_knowledgenode`` take a KnowledgeNode; the other rules the Space.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import runs_space
from samverka.education.knowledgenodes.models import KnowledgeNode
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider


@rules.predicate
def is_published_node(user: Any, node: Any) -> bool:
    return isinstance(node, KnowledgeNode) and node.is_published


sees_space_nodes = is_platform_admin | is_space_insider

rules.add_perm("knowledgenodes.view_space_nodes", sees_space_nodes)
rules.add_perm("knowledgenodes.view_coverage", sees_space_nodes)
rules.add_perm("knowledgenodes.view_knowledgenode", is_published_node | sees_space_nodes)
rules.add_perm("knowledgenodes.add_knowledgenode", runs_space)
rules.add_perm("knowledgenodes.change_knowledgenode", runs_space)
