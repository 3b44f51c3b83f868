"""Every message a resident can see about their answers, in one place.

Django's own messages are replaced so that all of them are translated into
the nine languages we ship (Django has no Somali or Tigrinya catalogue).
"""

from django.utils.translation import gettext_lazy as _

REQUIRED = _("Please answer this question.")
INVALID_CHOICE = _("Please choose one of the options shown.")
INVALID_NUMBER = _("Please write a whole number, for example 12.")
NUMBER_RANGE = _("Please write a number from %(min)s to %(max)s.")
TOO_LONG = _(
    "Please shorten your answer to at most %(limit_value)d characters "
    "(it has %(show_value)d)."
)
NULL_CHARACTER = _(
    "Your answer contains a character that cannot be saved. Please remove it."
)
FORM_ERRORS = _("Some answers need a look. They are marked below.")

AGREE_LABELS = {
    "1": _("Strongly disagree"),
    "2": _("Disagree"),
    "3": _("Neither agree nor disagree"),
    "4": _("Agree"),
    "5": _("Strongly agree"),
}
DONT_KNOW = _("Don't know")

# The origin vocabulary's names (codes: surveys/origin.py), as forms, tables
# and the admin show them.
ORIGIN_LABELS = {
    "danish": _("Danish origin"),
    "immigrant": _("Immigrants"),
    "descendant": _("Descendants"),
}
COUNTRY_GROUP_LABELS = {
    "western": _("Western countries"),
    "non_western": _("Non-western countries"),
}
YES = _("Yes")
NO = _("No")
RECEIPT_INVALID = _(
    "This does not look like a receipt code. It has 12 letters and digits, "
    "like K7QM-4XPA-9D2F."
)
CONSENT_MISSING = _("Please say whether you agree to take part.")
TOO_FAST = _(
    "You answered very quickly. Please check your answers, then press "
    "“Send answers” again."
)
EXCLUSIVE_CHOICE = _("“%(label)s” cannot be chosen together with other answers.")
