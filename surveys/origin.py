"""The origin category (herkomst) that each survey response is stored under.

Every response is sorted into Statistics Denmark's (DST) origin categories:
Danish origin, immigrant or descendant. Immigrants and descendants are further
split into western and non-western country groups. The results are compared
with DST's population tables and broken down on the dashboard, so the rule
here must be DST's rule.

The survey does not ask for the category directly. It asks plain questions
that respondents can answer, each with the codes ``"yes"``, ``"no"``, ``"dk"``
(don't know), or ``None`` (not answered):

- ``born_in_denmark``: "Were you born in Denmark?"
- ``mother_danish`` / ``father_danish``: "Was your mother/father born in
  Denmark **and** a Danish citizen?" This is the one fact DST's rule turns on.
- ``citizen``: "Are you a Danish citizen?"

DST's rule, as given in ``data/README.md``:

- Danish origin: at least one parent is both born in Denmark and a Danish
  citizen. Where the person was born does not matter.
- Immigrant: born abroad, and neither parent is both. Born abroad with nothing
  known of the parents also counts as immigrant.
- Descendant: born in Denmark, and neither parent is both. Born in Denmark
  with nothing known of the parents counts as descendant when the person is a
  foreign citizen.

Here "nothing known of the parents" means that neither parent was answered
"yes" or "no" (both are "dk" or unanswered). DST counts a parent with unknown
details as not Danish, so when one parent is "no" and the other is unknown,
nothing stands in the way of "neither parent is both", and the parents count
as known to be not Danish.

Decision table, checked from top to bottom. "Parents" is one of
*any yes* (at least one parent "yes"), *no* (no parent "yes", at least one
parent "no"), or *nothing known* (both "dk" or unanswered).

===============  =============  =================  ==========
born_in_denmark  parents        citizen            origin
===============  =============  =================  ==========
any              any yes        any                DANISH
"no"             no             any                IMMIGRANT
"no"             nothing known  any                IMMIGRANT
"yes"            no             any                DESCENDANT
"yes"            nothing known  "no"               DESCENDANT
"yes"            nothing known  "yes", "dk", None  UNKNOWN
"dk" or None     no             any                UNKNOWN
"dk" or None     nothing known  any                UNKNOWN
===============  =============  =================  ==========

Notes on the table:

- Citizenship decides only one row. A person born abroad who has become a
  Danish citizen is still an immigrant, and a Danish citizen born in Denmark
  of non-Danish parents is still a descendant. Parents born in Denmark who
  both kept a foreign citizenship answer "no" for each parent, so their
  children born in Denmark are descendants.
- If the person does not know or did not say where they were born, and no
  parent is Danish, they could be an immigrant or a descendant, so the
  answer is UNKNOWN rather than a guess.
- A code other than "yes", "no" or "dk" (after trimming and lower-casing) is
  treated like an unanswered question. The function never raises on a
  strange code. A failed submission would lose the respondent's answers,
  and a badly configured question should be caught when it is set up.

This module is pure Python and does not import Django, so that the rule can
be tested on its own.
"""

from enum import StrEnum

__all__ = [
    "MULTICULTURAL",
    "ORIGINS",
    "POPULATION_ORIGINS",
    "CountryGroup",
    "Origin",
    "derive_country_group",
    "derive_origin",
]

_YES = "yes"
_NO = "no"


class Origin(StrEnum):
    """DST's origin category, plus UNKNOWN when the answers do not decide it."""

    DANISH = "danish"
    IMMIGRANT = "immigrant"
    DESCENDANT = "descendant"
    UNKNOWN = "unknown"


class CountryGroup(StrEnum):
    """DST's western / non-western grouping of immigrants and descendants."""

    WESTERN = "western"
    NON_WESTERN = "non_western"
    UNKNOWN = "unknown"


#: The one origin vocabulary (docs/ARCHITECTURE.md): every code a response,
#: a composition report or a council table counts people under, in the order
#: tables show them. Labels: surveys.messages.ORIGIN_LABELS.
ORIGINS: tuple[str, ...] = tuple(origin.value for origin in Origin)
#: The origins Statistics Denmark counts in its population tables (FOLK1E):
#: everyone has one, so there is no "unknown".
POPULATION_ORIGINS: tuple[str, ...] = (
    Origin.DANISH.value,
    Origin.IMMIGRANT.value,
    Origin.DESCENDANT.value,
)
#: "Multicultural background": immigrants and descendants together.
MULTICULTURAL: tuple[str, ...] = (Origin.IMMIGRANT.value, Origin.DESCENDANT.value)


def _code(value: str | None) -> str | None:
    """Normalise one answer code: trimmed and lower-cased; None stays None."""
    if value is None:
        return None
    return value.strip().lower()


def derive_origin(
    *,
    born_in_denmark: str | None,
    mother_danish: str | None,
    father_danish: str | None,
    citizen: str | None = None,
) -> Origin:
    """Return the DST origin category for one respondent.

    Takes the survey answer codes ("yes", "no", "dk" or None) to "born in
    Denmark?", "mother born in Denmark and a Danish citizen?", the same for
    the father, and "Danish citizen?". Returns an ``Origin``. See the module
    docstring for the decision table. Never raises: unrecognised codes count
    as unanswered.
    """
    born = _code(born_in_denmark)
    parents = (_code(mother_danish), _code(father_danish))
    citizen_code = _code(citizen)

    if _YES in parents:
        return Origin.DANISH
    # From here on, neither parent is known to be Danish. A parent who is
    # "dk" or unanswered counts as not Danish (as in DST's registers). The only
    # thing still to decide is how much we know about the parents at all.
    parents_known = _NO in parents

    if born == _NO:
        return Origin.IMMIGRANT
    if born == _YES:
        if parents_known:
            return Origin.DESCENDANT
        # Born here with nothing known of the parents: DST counts this as
        # descendant only for a foreign citizen. A Danish citizen (or someone
        # who did not say) is more likely to have a Danish parent that we do
        # not know about, so we do not guess.
        if citizen_code == _NO:
            return Origin.DESCENDANT
        return Origin.UNKNOWN
    # Birthplace unknown and no Danish parent: could be either group.
    return Origin.UNKNOWN


def derive_country_group(*, origin: Origin, country_group: str | None) -> CountryGroup:
    """Return the country group for a respondent of the given origin.

    Takes the derived ``origin`` and the survey code for the country group
    question ("western", "non_western", anything else or None). Returns
    WESTERN or NON_WESTERN only for immigrants and descendants. For Danish
    origin and unknown origin, returns UNKNOWN, because the grouping does not
    apply to them. Unrecognised codes also give UNKNOWN.
    """
    if origin not in (Origin.IMMIGRANT, Origin.DESCENDANT):
        return CountryGroup.UNKNOWN
    code = _code(country_group)
    if code == CountryGroup.WESTERN:
        return CountryGroup.WESTERN
    if code == CountryGroup.NON_WESTERN:
        return CountryGroup.NON_WESTERN
    return CountryGroup.UNKNOWN
