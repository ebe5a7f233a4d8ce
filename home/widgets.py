"""Form widgets of the public filters.

``Select`` renders the same HTML as Django's, but in Python: Django renders every
``<option>`` through a template include, which made the filter forms of the Rückblick
and the Gebietslisten a noticeable part of those pages' rendering time."""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs):
    """Attributes as Django's ``attrs.html`` writes them: ``True`` as a bare name,
    ``False`` left out, everything else escaped."""
    parts = []
    for name, value in attrs.items():
        if value is True:
            parts.append(format_html(" {}", name))
        elif value is not False:
            parts.append(format_html(' {}="{}"', name, value))
    return mark_safe("".join(parts))  # noqa: S308 - joined parts escaped above


class Select(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '\n  <option value="{}"{}>{}</option>\n',
                ((option["value"], _attrs(option["attrs"]), option["label"]) for option in options),
            )
            if group_name:
                rendered = format_html(
                    '\n  <optgroup label="{}">{}\n  </optgroup>', group_name, rendered
                )
            groups.append(rendered)
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attrs(widget["attrs"]),
            format_html_join("", "{}", ((group,) for group in groups)),
        )
