"""Template helpers of the representatives' area."""

from django import template

register = template.Library()


@register.simple_tag
def widget(field):
    """The field's widget, pointing screen readers at its hint and its error
    messages (aria-describedby) and marking it invalid when it has errors."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {"aria-describedby": " ".join(ids)} if ids else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def is_multiple_choice(field) -> bool:
    return field.widget_type in {"checkboxselectmultiple", "radioselect"}


@register.filter
def value_of(obj, name):
    """``obj``'s attribute ``name`` (the saved figure beside a report box)."""
    return getattr(obj, name, "")
