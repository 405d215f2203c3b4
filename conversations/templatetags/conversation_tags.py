from django import template

from conversations.services import may_offer_message

register = template.Library()


@register.simple_tag(takes_context=True)
def may_message(context, person) -> bool:
    """``{% may_message person as allowed %}``: may the signed-in viewer write to ``person``?"""
    request = context.get("request")
    return may_offer_message(getattr(request, "user", None), person)
