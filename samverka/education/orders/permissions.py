"""Who may see and run education orders.

* ``orders.view_orders`` (a Space): the space's insiders — the overview, the CSV export.
* ``orders.add_order`` (a Space): whoever runs the space or leads one of its bodies (the form offers only the
  bodies they run; the service checks the body).
* ``orders.view_educationorder`` (an order): who may see it (``EducationOrder.objects.restrict``).
* ``orders.view_order_page`` (an order): who gets its working page (notes, names, consultations): the
  space's insiders and the leaders of the ordering and addressee bodies; others who may see a published
  order get its public page.
* ``orders.change_educationorder`` / ``orders.transition_educationorder`` (an order): whoever runs the
  space or the ordering body; an addressee body's leaders also move it (received, under assessment).
* ``orders.decide_orderaddressee`` (an OrderAddressee): whoever runs the addressee body (its leaders, the
  space's secretariat and admins); an organisation's decision is recorded by the secretariat.
* ``orders.upload_orders`` (a Space): whoever runs the space.
* ``orders.view_secret_parts`` (an order): who sees what its secrecy marking hides — the space's secrecy
  grant (the registry's rule) and whoever runs the ordering body (``orders.secrecy``).
* ``orders.mark_secret`` (an order): who may set or lift a secrecy marking — whoever runs the ordering body
  (who also sees what it hides).
* ``orders.track_question`` (an education-order Question): whoever runs the asking body — the message
  grows into a tracked order.
"""

from typing import Any

import rules

from samverka.collaboration.bodies.permissions import body_seats, runs_body, runs_space
from samverka.education.orders.models import EducationOrder, OrderAddressee
from samverka.platform.spaces.permissions import is_platform_admin, is_space_insider


@rules.predicate
def may_view_order(user: Any, order: Any) -> bool:
    return isinstance(order, EducationOrder) and EducationOrder.objects.restrict(user).filter(pk=order.pk).exists()


@rules.predicate
def inside_order_space(user: Any, order: Any) -> bool:
    return isinstance(order, EducationOrder) and is_space_insider.test(user, order.space)


@rules.predicate
def runs_origin_body(user: Any, order: Any) -> bool:
    return isinstance(order, EducationOrder) and runs_body.test(user, order.origin_body)


@rules.predicate
def leads_an_addressee(user: Any, order: Any) -> bool:
    if not isinstance(order, EducationOrder):
        return False
    leader = body_seats(user)["leader"]
    return bool(leader) and order.addressees.filter(body_id__in=leader).exists()


@rules.predicate
def leads_a_body_of_space(user: Any, space: Any) -> bool:
    from samverka.collaboration.bodies.models import Body

    leader = body_seats(user)["leader"]
    return bool(leader) and Body.objects.filter(space=space, pk__in=leader).exists()


@rules.predicate
def runs_addressee(user: Any, addressee: Any) -> bool:
    if not isinstance(addressee, OrderAddressee):
        return False
    if addressee.body_id is not None:
        return runs_body.test(user, addressee.body)
    return runs_space.test(user, addressee.order.space)


@rules.predicate
def has_secrecy_grant(user: Any, order: Any) -> bool:
    from samverka.records.registry.secrecy import may_see_marked_in

    return isinstance(order, EducationOrder) and may_see_marked_in(user, order.space_id)


@rules.predicate
def runs_asking_body(user: Any, question: Any) -> bool:
    from samverka.records.questions.models import Question

    return isinstance(question, Question) and runs_body.test(user, question.from_body)


rules.add_perm("orders.track_question", runs_asking_body)
rules.add_perm("orders.view_orders", is_platform_admin | is_space_insider)
rules.add_perm("orders.add_order", runs_space | leads_a_body_of_space)
rules.add_perm("orders.view_educationorder", is_platform_admin | may_view_order)
rules.add_perm("orders.view_order_page", is_platform_admin | inside_order_space | runs_origin_body | leads_an_addressee)
rules.add_perm("orders.change_educationorder", runs_origin_body)
rules.add_perm("orders.transition_educationorder", runs_origin_body | leads_an_addressee)
rules.add_perm("orders.decide_orderaddressee", runs_addressee)
rules.add_perm("orders.upload_orders", runs_space)
rules.add_perm("orders.view_secret_parts", is_platform_admin | has_secrecy_grant | runs_origin_body)
rules.add_perm("orders.mark_secret", runs_origin_body)
