"""Admin panels of the participation area: what staff may edit, and in
which order. Status fields are shown but never edited here; a decision goes
through participation.associations.services (see
participation/associations/admin_views.py)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList, TabbedInterface

from surveys.panels import language_tabs


class TranslatedNameForm(WagtailAdminModelForm):
    """The Danish name is the fallback for every other language, so it
    cannot be left empty."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_da"].required = True


def translated_name_panels(heading) -> TabbedInterface:
    """Code and order on the first tab, then the name in each language."""
    return TabbedInterface(
        [
            ObjectList([FieldPanel("code"), FieldPanel("sort_order")], heading=heading),
            *language_tabs(("name",)),
        ],
        base_form_class=TranslatedNameForm,
    )


_association_fields = [
    FieldPanel("name"),
    FieldPanel("kind"),
    FieldPanel("neighbourhood"),
    FieldPanel("cvr"),
    FieldPanel("description"),
    FieldPanel("contact_email"),
]

# Staff create boards and associations that need no approval.
association_create_panels = ObjectList(_association_fields)
association_edit_panels = ObjectList(
    [
        *_association_fields,
        FieldPanel("status", read_only=True),
        FieldPanel("requested_by", read_only=True, heading=_("requested by")),
        FieldPanel("request_note", read_only=True),
    ]
)

# A representation staff add is approved at once; afterwards only its note
# changes here (who speaks for which association is the decision itself).
representation_create_panels = ObjectList(
    [FieldPanel("user"), FieldPanel("association"), FieldPanel("note")]
)
representation_edit_panels = ObjectList(
    [
        FieldPanel("user", read_only=True),
        FieldPanel("association", read_only=True),
        FieldPanel("status", read_only=True),
        FieldPanel("note"),
    ]
)
