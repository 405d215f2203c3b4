from django import template

register = template.Library()


@register.filter
def pounds(pence) -> str:
    """Whole pence as money people read: 1250 -> £12.50, 1200 -> £12."""
    if pence is None or pence == "":
        return ""
    pence = int(pence)
    return f"£{pence // 100:,}" if pence % 100 == 0 else f"£{pence / 100:,.2f}"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None
