"""The Somali and Tigrinya catalogs for django-allauth's account and MFA pages
and Django's own form and password messages (locale_vendor/, built by
scripts/vendor_catalogs.py).

Neither allauth nor Django ships a catalog for either language, so without
these the sign-in, sign-up, verification, password reset and two-factor pages
are English, and a form error such as "This field is required." falls back to
Danish."""

import gettext
import importlib.util
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import override_settings
from django.utils import translation

REPO = Path(__file__).resolve().parents[2]
LANGS = ("so", "ti")
PLURAL_FORMS = {
    "so": "nplurals=2; plural=(n != 1);",
    "ti": "nplurals=2; plural=(n > 1);",
}
MARK = "machine translation, needs review"
# Names of standards, and the punctuation Django's label_suffix uses, kept as
# they are (Somali writes a plain colon; Tigrinya has its own marks).
KEPT = {"WebAuthn", ":", ":?.!"}
#: Month abbreviations Somali writes as English does (CLDR "so").
KEPT_IN = {"so": {"jan", "feb", "mar", "may", "jun", "May"}}

PRINTF = re.compile(
    r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)
BRACES = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"<[^>]*>")
ETHIOPIC = re.compile(r"[\u1200-\u137f]")


def load_script():
    path = REPO / "scripts" / "vendor_catalogs.py"
    spec = importlib.util.spec_from_file_location("vendor_catalogs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def po_path(lang: str) -> Path:
    return REPO / "locale_vendor" / lang / "LC_MESSAGES" / "django.po"


def catalog(lang: str) -> polib.POFile:
    return polib.pofile(str(po_path(lang)))


def pairs(entry: polib.POEntry):
    """(source text, translation) for each msgstr of an entry."""
    if entry.msgid_plural:
        forms = entry.msgstr_plural
        return [
            (entry.msgid if i == 0 else entry.msgid_plural, forms[i]) for i in forms
        ]
    return [(entry.msgid, entry.msgstr)]


def markers(text: str) -> Counter:
    return Counter(PRINTF.findall(text) + BRACES.findall(text) + TAG.findall(text))


@pytest.fixture(scope="module")
def script():
    return load_script()


@pytest.mark.parametrize("lang", LANGS)
def test_header(lang):
    po = catalog(lang)
    assert po.metadata["Language"] == lang
    assert po.metadata["Plural-Forms"] == PLURAL_FORMS[lang]
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert po.encoding.lower() in {"utf-8", "utf8"}


@pytest.mark.parametrize("lang", LANGS)
def test_every_entry_is_translated(script, lang):
    po = catalog(lang)
    table = script.load_table(lang)
    assert len(po) > 250
    assert po.percent_translated() == 100
    assert not po.untranslated_entries()
    assert not po.fuzzy_entries()
    assert not po.obsolete_entries()
    for entry in po:
        # Every entry is marked for review until the JSON says a native
        # speaker has reviewed it.
        _msgstr, reviewed = script.unpack(table[script.key_of(entry)])
        assert entry.tcomment == ("" if reviewed else MARK), entry.msgid
        if entry.msgid_plural:
            assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid
        for source, text in pairs(entry):
            assert text.strip(), source
            if source in KEPT or source in KEPT_IN.get(lang, ()):
                continue
            assert text != source, f"left in English: {source!r}"
            if lang == "ti":
                assert ETHIOPIC.search(text), f"no Ge'ez script: {text!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_and_markup_match(lang):
    """%(name)s, %d, {name} and HTML tags come through exactly, as do a leading
    or trailing newline (gettext's own check)."""
    for entry in catalog(lang):
        for source, text in pairs(entry):
            assert markers(text) == markers(source), (source, text)
            assert text.startswith("\n") == source.startswith("\n"), source
            assert text.endswith("\n") == source.endswith("\n"), source
            # Interpolating the arguments the msgid takes must not fail.
            if "python-format" in entry.flags:
                names = re.findall(r"%\((\w+)\)", source)
                # 3 fills %(name)s and %(name)d alike.
                args = dict.fromkeys(names, 3) if names else (3,)
                assert isinstance(text % args, str), source


def test_the_examples_are_in_the_catalogs():
    for lang in LANGS:
        keys = {(e.msgctxt, e.msgid) for e in catalog(lang)}
        assert (None, "Sign In") in keys
        assert (None, "Forgot your password?") in keys
        assert ("field label", "Login") in keys
        assert (None, "Two-Factor Authentication") in keys


@pytest.mark.parametrize("lang", LANGS)
def test_catalog_is_up_to_date(script, lang):
    """The .po file is what the script builds now from the installed allauth's
    msgids and the JSON table: after an allauth upgrade (new msgids) or a JSON
    edit, re-run scripts/vendor_catalogs.py."""
    source, entries = script.source_entries()
    table = script.load_table(lang)
    missing = [
        script.key_of(e)
        for e in entries
        if not script.is_translated(lang, e, table.get(script.key_of(e)))
    ]
    assert not missing, f"untranslated allauth msgids for {lang}: {missing}"
    built = script.render(script.build(lang, source, entries, table))
    assert po_path(lang).read_text(encoding="utf-8") == built


def test_selection_covers_account_mfa_and_django_forms_only(script):
    _source, entries = script.source_entries()
    paths = [path for entry in entries for path, _line in entry.occurrences]
    assert any(p.startswith("allauth/templates/account/") for p in paths)
    assert any(p.startswith("allauth/templates/mfa/") for p in paths)
    assert any(p.startswith("django/forms/") for p in paths)
    assert any(p == "django/contrib/auth/password_validation.py" for p in paths)
    allowed = tuple(f"allauth/{prefix}" for prefix in script.PREFIXES) + tuple(
        f"django/{source}" for source in script.DJANGO_SOURCES
    )
    for entry in entries:
        assert any(p.startswith(allowed) for p, _ in entry.occurrences), entry.msgid
    # Nothing only the social-account, sessions or identity-provider code uses.
    keys = {script.key_of(e) for e in entries}
    assert "Social Accounts" not in keys


@pytest.fixture(scope="module")
def compiled(tmp_path_factory):
    """The .po files compiled to .mo, as compilemessages does, in a tmp dir."""
    root = tmp_path_factory.mktemp("locale")
    for lang in LANGS:
        out = root / lang / "LC_MESSAGES"
        out.mkdir(parents=True)
        catalog(lang).save_as_mofile(str(out / "django.mo"))
    return root


def expected(lang: str, msgid: str, context: str | None = None):
    for entry in catalog(lang):
        if entry.msgid == msgid and entry.msgctxt == context:
            return entry
    raise AssertionError(f"{msgid!r} not in the {lang} catalog")


@pytest.mark.parametrize("lang", LANGS)
def test_gettext_reads_the_compiled_catalog(compiled, lang):
    trans = gettext.translation("django", localedir=str(compiled), languages=[lang])
    for msgid in ("Sign In", "Forgot your password?", "Sign Out", "Password"):
        text = trans.gettext(msgid)
        assert text == expected(lang, msgid).msgstr
        assert text != msgid
    assert (
        trans.pgettext("field label", "Login")
        == expected(lang, "Login", "field label").msgstr
    )
    assert (
        trans.pgettext("action", "Change Phone")
        == expected(lang, "Change Phone", "action").msgstr
    )
    if lang == "ti":
        assert ETHIOPIC.search(trans.gettext("Sign In"))

    plural = expected(lang, "You have added %(count)s security key.")
    one, many = plural.msgstr_plural[0], plural.msgstr_plural[1]
    singular, plural_id = plural.msgid, plural.msgid_plural
    assert trans.ngettext(singular, plural_id, 1) == one
    assert trans.ngettext(singular, plural_id, 2) == many
    # Zero takes the plural in Somali (n != 1) and the singular in Tigrinya (n > 1).
    assert trans.ngettext(singular, plural_id, 0) == (many if lang == "so" else one)


@pytest.mark.parametrize("lang", LANGS)
def test_django_uses_the_catalog(compiled, lang):
    """Through Django's own machinery (catalog merging and plural rules), with
    only the compiled vendor catalogs on LOCALE_PATHS."""
    with override_settings(LOCALE_PATHS=[compiled]), translation.override(lang):
        assert translation.gettext("Sign In") == expected(lang, "Sign In").msgstr
        assert (
            translation.gettext("Forgot your password?")
            == expected(lang, "Forgot your password?").msgstr
        )
        assert (
            translation.pgettext("field label", "Login")
            == expected(lang, "Login", "field label").msgstr
        )
        text = translation.ngettext(
            "You have added %(count)s security key.",
            "You have added %(count)s security keys.",
            3,
        ) % {"count": 3}
        assert "3" in text
        assert text != "You have added 3 security keys."
        # Django's own form errors, which no Django release has in so or ti.
        required = expected(lang, "This field is required.").msgstr
        assert translation.gettext("This field is required.") == required


def test_locale_vendor_is_on_locale_paths():
    assert REPO / "locale_vendor" in [Path(p) for p in settings.LOCALE_PATHS]
