import datetime as dt

from django import template

register = template.Library()


@register.filter
def duration(value: dt.timedelta | None) -> str:
    """A waiting time in Chinese: 3 天 2 小时, 5 小时 10 分钟, 12 分钟."""
    if value is None:
        return ""
    minutes = int(value.total_seconds() // 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        return f"{days} 天 {hours} 小时"
    if hours:
        return f"{hours} 小时 {minutes} 分钟"
    return f"{minutes} 分钟"


@register.filter
def ref_url(entry: dict) -> str:
    """The page of a stored reference ({"kind", "id"}): ``{{ e|ref_url }}``."""
    from zwgk.core.references import entry_url

    return entry_url(entry)
