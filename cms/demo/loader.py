"""Builds the demo municipality from the data in cms/demo/*.py and
cms/demo/data/.

The survey instrument is an XLSForm (cms/demo/data/medborger-demo.xlsform.csv)
imported as staff import one (surveys/xlsform/).

Pages are created in Danish and copied for translation into every other
locale (Wagtail i18n); survey texts go into the modeltranslation columns.
Associations, boards, their reports and activities come from
cms/demo/participation.py; the strategy with its goals and indicators, the
official statistics and the synthetic population from cms/demo/insights.py.
"""

import datetime
import html

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Page, Site

from cms.demo import insights, instrument, pages, participation, synthetic, themes
from cms.models import ContentPage, HomePage, ResultsPage
from participation.council.models import Release, ReleaseStatus, ResultsSnapshot
from participation.council.releases import populations, release_make, release_publish
from participation.council.snapshots import snapshot_take
from surveys import xlsform
from surveys.models import Survey, SurveyPage, Wave
from surveys.pool import pool_flush

STAFF_EMAIL = "staff@medborger.example"
STAFF_PASSWORD = "demo-staff-2026"  # noqa: S105 - printed demo login, not a secret
MFA_NOTE = "sets up an authenticator app (TOTP) at first sign-in"
DEMO_LOGINS = [
    (f"Staff (Wagtail admin at /admin/; {MFA_NOTE})", STAFF_EMAIL, STAFF_PASSWORD),
    (
        "Association representative (/da/associations/)",
        participation.REPRESENTATIVE_EMAIL,
        participation.REPRESENTATIVE_PASSWORD,
    ),
    (
        f"Council member (/da/council/; {MFA_NOTE})",
        participation.COUNCIL_EMAIL,
        participation.COUNCIL_PASSWORD,
    ),
]
LANGS = [code for code, _name in settings.LANGUAGES]


def _paragraphs(text: str) -> str:
    """Plain text with blank-line paragraphs as escaped rich-text HTML."""
    return "".join(
        f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip()
    )


class DemoFormError(Exception):
    """The demo's XLSForm did not import: the problems the importer found."""


def build_survey() -> Survey:
    """Import the demo's XLSForm (cms/demo/instrument.py says which) through
    the importer staff use, and offer its machine-made translations."""
    data = instrument.FORM.read_bytes()
    report = xlsform.xlsform_import(
        data=data, filename=instrument.FORM.name, code=instrument.CODE
    )
    if not report.ok:
        raise DemoFormError("\n".join(str(error) for error in report.errors))
    survey = report.survey
    # Not expressible in an XLSForm: offering a language before its texts are
    # reviewed is a decision staff take per survey in the admin
    # (Survey.languages_forced, surveys/translation_review.py), not part of
    # the instrument. The demo's translations are machine-made (the file's
    # review columns say so): offer them anyway, as staff may.
    survey.languages_forced = [code for code in LANGS if code != "da"]
    survey.save(update_fields=["languages_forced"])
    return survey


#: The waves' names in every language ("%(year)s" is the wave's year).
WAVE_NAMES = {
    "baseline": {
        "da": "Basismåling %(year)s",
        "en": "Baseline %(year)s",
        "ar": "القياس الأساسي %(year)s",
        "fa": "سنجش پایه %(year)s",
        "so": "Cabbirka saldhigga %(year)s",
        "tr": "Başlangıç ölçümü %(year)s",
        "uk": "Базове вимірювання %(year)s",
        "ti": "መበገሲ መለክዒ %(year)s",
        "pl": "Pomiar bazowy %(year)s",
    },
    "follow_up": {
        "da": "Opfølgning %(year)s",
        "en": "Follow-up %(year)s",
        "ar": "المتابعة %(year)s",
        "fa": "پیگیری %(year)s",
        "so": "Dabagal %(year)s",
        "tr": "İzleme %(year)s",
        "uk": "Повторне вимірювання %(year)s",
        "ti": "ክትትል %(year)s",
        "pl": "Pomiar kontrolny %(year)s",
    },
}


def _wave_names(kind: str, year: int) -> dict[str, str]:
    return {
        f"name_{code}": text % {"year": year} for code, text in WAVE_NAMES[kind].items()
    }


def build_waves(survey: Survey, today: datetime.date) -> tuple[Wave, Wave]:
    baseline = Wave.objects.create(
        survey=survey,
        code="2023",
        **_wave_names("baseline", 2023),
        opens_on=datetime.date(2023, 9, 1),
        closes_on=datetime.date(2023, 10, 31),
    )
    current = Wave.objects.create(
        survey=survey,
        code=str(today.year),
        **_wave_names("follow_up", today.year),
        opens_on=datetime.date(today.year, 1, 1),
        closes_on=datetime.date(today.year, 12, 31),
    )
    return baseline, current


def _publish(page: Page) -> None:
    page.save_revision().publish()


def build_results_page(home: HomePage) -> ResultsPage:
    """The results page under the Danish home page, then a copy for each
    locale whose home page exists (the slug stays "results" everywhere)."""
    results = ResultsPage(
        title=pages.RESULTS["title"]["da"],
        slug=pages.RESULTS["slug"],
        intro=pages.RESULTS["intro"]["da"],
        summary=_paragraphs(pages.RESULTS["summary"]["da"]),
        show_in_menus=True,
    )
    home.add_child(instance=results)
    _publish(results)
    for code in LANGS:
        locale = Locale.objects.filter(language_code=code).first()
        if code == "da" or not home.get_translations().filter(locale=locale).exists():
            continue
        results_t = results.copy_for_translation(locale)
        results_t.title = pages.RESULTS["title"][code]
        results_t.intro = pages.RESULTS["intro"][code]
        results_t.summary = _paragraphs(pages.RESULTS["summary"][code])
        _publish(results_t)
    return results


def build_pages(survey: Survey) -> HomePage:
    """Home, About, Survey and Results pages in Danish, then a copy for each
    locale."""
    for code in LANGS:
        Locale.objects.get_or_create(language_code=code)
    da = Locale.objects.get(language_code="da")
    root = Page.get_first_root_node()
    # Wagtail's own "Welcome" page (and the Site pointing at it) make way.
    for welcome in Page.objects.filter(depth=2).exact_type(Page):
        welcome.delete()
    home = HomePage(
        title=pages.HOME["title"]["da"],
        slug="home",
        locale=da,
        intro=pages.HOME["intro"]["da"],
        body=_paragraphs(pages.HOME["body"]["da"]),
        survey_link_text=pages.HOME["survey_link_text"]["da"],
    )
    root.add_child(instance=home)
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": pages.MUNICIPALITY,
        },
    )
    about = ContentPage(
        title=pages.ABOUT["title"]["da"],
        slug=pages.ABOUT["slug"],
        body=_paragraphs(pages.ABOUT["body"]["da"]),
        show_in_menus=True,
    )
    home.add_child(instance=about)
    survey_page = SurveyPage(
        title=pages.SURVEY_PAGE["title"]["da"],
        slug="survey",
        survey=survey,
        intro=pages.SURVEY_PAGE["intro"]["da"],
        show_in_menus=True,
    )
    home.add_child(instance=survey_page)
    for page in (home, about, survey_page):
        _publish(page)
    for code in LANGS:
        if code == "da":
            continue
        locale = Locale.objects.get(language_code=code)
        home_t = home.copy_for_translation(locale)
        home_t.title = pages.HOME["title"][code]
        home_t.intro = pages.HOME["intro"][code]
        home_t.body = _paragraphs(pages.HOME["body"][code])
        home_t.survey_link_text = pages.HOME["survey_link_text"][code]
        _publish(home_t)
        about_t = about.copy_for_translation(locale)
        about_t.title = pages.ABOUT["title"][code]
        about_t.body = _paragraphs(pages.ABOUT["body"][code])
        _publish(about_t)
        survey_t = survey_page.copy_for_translation(locale)
        survey_t.title = pages.SURVEY_PAGE["title"][code]
        survey_t.intro = pages.SURVEY_PAGE["intro"][code]
        _publish(survey_t)
    build_results_page(home)
    return home


def build_staff() -> None:
    User = get_user_model()
    user = User.objects.create_superuser(
        username="staff", email=STAFF_EMAIL, password=STAFF_PASSWORD
    )
    EmailAddress.objects.create(
        user=user, email=STAFF_EMAIL, verified=True, primary=True
    )


def load_demo(
    *,
    responses: int = 2000,
    seed: int = 2023,
    records: bool = True,
    releases: bool = True,
) -> bool:
    """Create what is missing of the demo: the survey with its pages, staff
    login and responses, then the participation records, then the council's
    strategy, statistics and population, the results page, a published
    release of every wave and year of reports, and the first published
    results snapshot. Each part is left alone if it exists, so a
    demo loaded before the later parts gains them. False (and nothing
    changed) if all exist. ``records=False`` leaves out the associations,
    boards, their reports and activities (the slowest part), for tests that
    only need the pages; ``releases=False`` the releases and the public
    results made from them, for tests of the data alone."""
    today = timezone.localdate()
    created = False
    if not Survey.objects.filter(code=instrument.CODE).exists():
        survey = build_survey()
        waves = build_waves(survey, today)
        build_pages(survey)
        build_staff()
        synthetic.generate(
            survey=survey, waves=waves, count=responses, seed=seed, today=today
        )
        # Made-up answers, all at once: store the whole pool now (one batch a
        # wave), so the records, the releases and the pages see them.
        pool_flush(minimum=1, today=today)
        created = True
    if records and not participation.exists():
        participation.generate(seed=seed, today=today)
        created = True
    if not insights.exists():
        insights.generate(today=today)
        created = True
    if not themes.exists():
        themes.generate(seed=seed)
        created = True
    home = HomePage.objects.filter(locale__language_code="da").first()
    if home is not None and not ResultsPage.objects.exists():
        build_results_page(home)
        created = True
    if not releases:
        return created
    released = set(
        Release.objects.filter(status=ReleaseStatus.PUBLISHED).values_list(
            "population", flat=True
        )
    )
    for population in populations():
        if population.code not in released:
            release_publish(release=release_make(population=population, now=True))
            created = True
    if not ResultsSnapshot.objects.exists():
        # The demo's responses and records are made up: say so on the page.
        snapshot_take(today=today, synthetic=True)
        created = True
    return created
