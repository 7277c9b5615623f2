from django import template

from core.sms import phone_display

register = template.Library()


@register.filter(name="phone")
def phone_filter(value) -> str:
    """{{ user.phone|phone }}: "137 0013 7000" rather than the stored "+8613700137000"."""
    return phone_display(str(value or ""))
