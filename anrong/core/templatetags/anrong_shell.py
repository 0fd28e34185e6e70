"""Template helpers for the page shell: `{% load anrong_shell %}`.

`{% module_icon module.icon %}` draws a module's icon as described in anrong.core.modules.Module.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Our own line icons, 24x24, drawn with currentColor so they follow the text colour.
ICONS: dict[str, str] = {
    "document": '<path d="M6 2h8l4 4v16H6z"/><path d="M14 2v4h4M9 12h6M9 16h6"/>',
    "megaphone": '<path d="M3 10v4h3l7 5V5L6 10z"/><path d="M16 8a5 5 0 0 1 0 8"/>',
    "news": '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M7 8h10M7 12h10M7 16h6"/>',
    "alert": '<path d="M12 3 2 21h20z"/><path d="M12 10v5M12 18v.5"/>',
    "shop": '<path d="M4 9h16l-1 11H5z"/><path d="M8 9V7a4 4 0 0 1 8 0v2"/>',
    "food": '<path d="M4 11h16a8 8 0 0 1-16 0z"/><path d="M9 3v4M12 2v5M15 3v4"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
    "video": '<rect x="3" y="6" width="13" height="12" rx="2"/><path d="m16 10 5-3v10l-5-3"/>',
    "health": '<path d="M12 21s-8-5-8-11a4 4 0 0 1 8-2 4 4 0 0 1 8 2c0 6-8 11-8 11z"/><path d="M9 12h6M12 9v6"/>',
    "chart": '<path d="M4 20V4M4 20h16"/><path d="M8 16v-4M12 16V8M16 16v-6"/>',
    "map": '<path d="M12 21s-7-6-7-12a7 7 0 0 1 14 0c0 6-7 12-7 12z"/><circle cx="12" cy="9" r="2.5"/>',
    "user": '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
    "grid": '<rect x="4" y="4" width="7" height="7"/><rect x="13" y="4" width="7" height="7"/><rect x="4" y="13" width="7" height="7"/><rect x="13" y="13" width="7" height="7"/>',
}

_SVG = (
    '<svg class="icon" viewBox="0 0 24 24" width="28" height="28" fill="none" stroke="currentColor" '
    'stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" '
    'focusable="false">{}</svg>'
)


@register.simple_tag
def module_icon(icon: str = "") -> SafeString:
    """An icon name from ICONS becomes inline SVG; any other text (an emoji) is shown as text;
    nothing gives the generic grid icon. Icons are decorative: the module name carries meaning."""
    name = (icon or "grid").strip()
    if name in ICONS:
        return mark_safe(_SVG.format(ICONS[name]))  # noqa: S308 - our own constant markup
    return format_html('<span class="icon icon-text" aria-hidden="true">{}</span>', name)
