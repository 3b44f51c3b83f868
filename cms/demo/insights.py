"""Demo council insights: Aalborg's Integrationsstrategi 2023-2026 with its
three goals and their indicators, the strategy's Tables 1-3 imported as
official statistics (Table 3 with its måltal as targets), and a synthetic
population table in Statistics Denmark's FOLK1E format that adds up to
Aalborg's published 2023 total (222,571).

The figures come in as Statistics Denmark publishes them — the tables as
JSON-stat from its API, the population as a FOLK1E PX file from
Statistikbanken — through the same commands staff use (``manage.py
import_statistics`` and ``import_population``). cms/demo/statbank_files.py
makes the files in cms/demo/data/ from the strategy's tables (a copy of
../shared/data/aalborg_integrationsstrategi_2023_tables.csv) and from
participation.council.folk1e.synthetic_folk1e; the population file's first
note says it is synthetic, and it is stored and shown as such.

Goal 3's wording follows what the strategy says (parents with a multicultural
background on school and day-care boards; more children and adults with a
multicultural background in local associations). Goals 1 and 2 are named
from what Tables 1 and 2 measure (education and employment), not quoted.
The Danish texts are ours; the other eight languages are machine-made
translations, to be reviewed by a native speaker before real use.
"""

import datetime
import io
from decimal import Decimal

from django.conf import settings
from django.core.management import call_command

from cms.demo import instrument
from cms.demo.participation import YEARS_OF_REPORTS
from cms.demo.statbank_files import (
    IMPORT_OPTIONS,
    POPULATION,
    POPULATION_FILE,
    STATISTICS_FILES,
)
from participation.associations.models import AssociationKind
from participation.council.indicators import indicator_targets_sync
from participation.council.models import (
    Goal,
    Indicator,
    IndicatorSource,
    IndicatorTarget,
    IndicatorUnit,
    OriginGroup,
    ParticipationMeasure,
    PopulationTable,
    Strategy,
)
from surveys.models import Question

LANGS = [code for code, _name in settings.LANGUAGES]
POPULATION_NAME = "FOLK1E Aalborg 2023K1 (synthetic)"
# Re-exported: what the population file is made from (statbank_files).
__all__ = ["POPULATION", "POPULATION_FILE", "STATISTICS_FILES"]
SURVEY_QUESTION = "represented_local"

STRATEGY = {
    "valid_from": 2023,
    "valid_to": 2026,
    "name": {
        "da": "Integrationsstrategi 2023-2026",
        "en": "Integration Strategy 2023-2026",
        "ar": "استراتيجية الاندماج 2023-2026",
        "fa": "راهبرد ادغام 2023-2026",
        "so": "Istaraatiijiyadda Is-dhexgalka 2023-2026",
        "tr": "Entegrasyon Stratejisi 2023-2026",
        "uk": "Стратегія інтеграції 2023-2026",
        "ti": "ስትራተጂ ምውህሃድ 2023-2026",
        "pl": "Strategia integracji 2023-2026",
    },
}

# Machine-made translations (all but "da"), marked for review.
GOALS = [
    {
        "code": "uddannelse",
        "title": {
            "da": "Flere med en flerkulturel baggrund gennemfører en uddannelse",
            "en": "More people with a multicultural background complete an education",
            "ar": "مزيد من ذوي الخلفية متعددة الثقافات يُكملون تعليمهم",
            "fa": "افراد بیشتری با پیشینه‌ی چندفرهنگی تحصیلات خود را به پایان می‌رسانند",
            "so": "Dad badan oo leh asal dhaqameed kala duwan ayaa dhammaystira waxbarasho",
            "tr": "Çok kültürlü geçmişe sahip daha fazla kişi bir eğitimi tamamlıyor",
            "uk": "Більше людей із багатокультурним походженням здобувають освіту",
            "ti": "ዝበዝሑ ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ሰባት ትምህርቲ ይውድኡ",
            "pl": "Więcej osób o wielokulturowym pochodzeniu kończy edukację",
        },
        "description": {
            "da": "Tabel 1 i strategien: højeste fuldførte uddannelse efter herkomst (Danmarks Statistik, 2022). Færre skal have grundskolen som højeste uddannelse.",
            "en": "Table 1 of the strategy: highest completed education by origin (Statistics Denmark, 2022). Fewer should have primary school as their highest education.",
            "ar": "الجدول 1 في الاستراتيجية: أعلى مستوى تعليمي مكتمل حسب الأصل (هيئة الإحصاء الدنماركية، 2022). يجب أن يقل عدد من يكون التعليم الأساسي أعلى تعليم لديهم.",
            "fa": "جدول ۱ راهبرد: بالاترین تحصیلات تکمیل‌شده بر اساس تبار (آمار دانمارک، 2022). باید افراد کمتری فقط تحصیلات ابتدایی داشته باشند.",
            "so": "Shaxda 1 ee istaraatiijiyadda: waxbarashada ugu sarreysa ee la dhammaystiray marka loo eego asalka (Tirakoobka Denmark, 2022). Waa in ay yaraadaan kuwa waxbarashadooda ugu sarreysaa tahay dugsiga hoose.",
            "tr": "Stratejinin 1. tablosu: kökene göre tamamlanan en yüksek eğitim (Danimarka İstatistik Kurumu, 2022). En yüksek eğitimi ilkokul olanlar azalmalı.",
            "uk": "Таблиця 1 стратегії: найвища здобута освіта за походженням (Статистика Данії, 2022). Менше людей мають мати лише базову школу як найвищу освіту.",
            "ti": "ሰንጠረዥ 1 ናይቲ ስትራተጂ፦ ብመበቆል ዝለዓለ ዝተወድአ ትምህርቲ (ስታቲስቲክስ ዴንማርክ፡ 2022)። ቀዳማይ ደረጃ ጥራይ ዝወድኡ ክውሕዱ ኣለዎም።",
            "pl": "Tabela 1 strategii: najwyższe ukończone wykształcenie według pochodzenia (Duński Urząd Statystyczny, 2022). Mniej osób powinno mieć szkołę podstawową jako najwyższe wykształcenie.",
        },
    },
    {
        "code": "beskaeftigelse",
        "title": {
            "da": "Flere med en flerkulturel baggrund kommer i job",
            "en": "More people with a multicultural background are in work",
            "ar": "مزيد من ذوي الخلفية متعددة الثقافات يعملون",
            "fa": "افراد بیشتری با پیشینه‌ی چندفرهنگی شاغل می‌شوند",
            "so": "Dad badan oo leh asal dhaqameed kala duwan ayaa shaqo helaya",
            "tr": "Çok kültürlü geçmişe sahip daha fazla kişi iş sahibi oluyor",
            "uk": "Більше людей із багатокультурним походженням мають роботу",
            "ti": "ዝበዝሑ ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ሰባት ስራሕ ይረኽቡ",
            "pl": "Więcej osób o wielokulturowym pochodzeniu ma pracę",
        },
        "description": {
            "da": "Tabel 2 og 3 i strategien: beskæftigelsesfrekvens efter herkomst og alder (Danmarks Statistik, 2022) og andelen af kommunens ansatte med ikke-vestlig baggrund mod kommunens måltal.",
            "en": "Tables 2 and 3 of the strategy: employment rate by origin and age (Statistics Denmark, 2022), and the share of the municipality's employees with a non-western background against its targets.",
            "ar": "الجدولان 2 و3 في الاستراتيجية: معدل التوظيف حسب الأصل والعمر (هيئة الإحصاء الدنماركية، 2022)، ونسبة موظفي البلدية من خلفية غير غربية مقارنةً بأهدافها.",
            "fa": "جدول‌های ۲ و ۳ راهبرد: نرخ اشتغال بر اساس تبار و سن (آمار دانمارک، 2022) و سهم کارکنان شهرداری با پیشینه‌ی غیرغربی در برابر هدف‌های آن.",
            "so": "Shaxda 2 iyo 3 ee istaraatiijiyadda: heerka shaqo-helidda marka loo eego asalka iyo da'da (Tirakoobka Denmark, 2022), iyo saamiga shaqaalaha degmada ee asalka aan reer galbeed ahayn marka loo eego bartilmaameedyadeeda.",
            "tr": "Stratejinin 2. ve 3. tabloları: kökene ve yaşa göre istihdam oranı (Danimarka İstatistik Kurumu, 2022) ve belediye çalışanları içinde Batılı olmayan kökenlilerin payının hedeflerle karşılaştırması.",
            "uk": "Таблиці 2 і 3 стратегії: рівень зайнятості за походженням і віком (Статистика Данії, 2022) та частка працівників муніципалітету з незахідним походженням порівняно з його цілями.",
            "ti": "ሰንጠረዥ 2ን 3ን ናይቲ ስትራተጂ፦ ብመበቆልን ዕድመን መጠን ስራሕ (ስታቲስቲክስ ዴንማርክ፡ 2022)፡ ከምኡ'ውን ምዕራባዊ ዘይኮነ ድሕረ ባይታ ዘለዎም ሰራሕተኛታት ምምሕዳር ብመንጽር ዕላማታቱ።",
            "pl": "Tabele 2 i 3 strategii: wskaźnik zatrudnienia według pochodzenia i wieku (Duński Urząd Statystyczny, 2022) oraz udział pracowników gminy o pochodzeniu niezachodnim w porównaniu z jej celami.",
        },
    },
    {
        "code": "faellesskab",
        "title": {
            "da": "Flere forældre med en flerkulturel baggrund i skole- og dagtilbudsbestyrelser og flere børn og voksne med en flerkulturel baggrund i lokale foreninger",
            "en": "More parents with a multicultural background on school and day-care boards, and more children and adults with a multicultural background in local associations",
            "ar": "مزيد من أولياء الأمور ذوي الخلفية متعددة الثقافات في مجالس المدارس ومجالس دور الرعاية النهارية، ومزيد من الأطفال والبالغين ذوي الخلفية متعددة الثقافات في الجمعيات المحلية",
            "fa": "والدین بیشتری با پیشینه‌ی چندفرهنگی در هیئت مدیره‌های مدرسه و مهدکودک، و کودکان و بزرگسالان بیشتری با پیشینه‌ی چندفرهنگی در انجمن‌های محلی",
            "so": "Waalid badan oo leh asal dhaqameed kala duwan oo ku jira guddiyada dugsiyada iyo xannaanada carruurta, iyo carruur iyo dad waaweyn oo badan oo leh asal dhaqameed kala duwan oo ku jira ururada deegaanka",
            "tr": "Okul ve kreş yönetim kurullarında çok kültürlü geçmişe sahip daha fazla ebeveyn, yerel derneklerde çok kültürlü geçmişe sahip daha fazla çocuk ve yetişkin",
            "uk": "Більше батьків із багатокультурним походженням у радах шкіл і дитячих закладів, більше дітей і дорослих із багатокультурним походженням у місцевих об'єднаннях",
            "ti": "ዝበዝሑ ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ወለዲ ኣብ ሽማግለታት ቤት ትምህርትን መዕበዪ ህጻናትን፡ ዝበዝሑ ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ቆልዑን ዓበይትን ኣብ ከባቢያዊ ማሕበራት",
            "pl": "Więcej rodziców o wielokulturowym pochodzeniu w radach szkół i placówek opieki dziennej oraz więcej dzieci i dorosłych o wielokulturowym pochodzeniu w lokalnych stowarzyszeniach",
        },
        "description": {
            "da": "Følges med rådets egne tal: foreningernes og bestyrelsernes indberetninger og borgerundersøgelsen om at føle sig repræsenteret.",
            "en": "Followed with the council's own figures: the reports of associations and boards, and the resident survey on feeling represented.",
            "ar": "يُتابَع بأرقام المجلس نفسه: تقارير الجمعيات والمجالس، واستطلاع السكان حول الشعور بالتمثيل.",
            "fa": "با ارقام خود شورا دنبال می‌شود: گزارش‌های انجمن‌ها و هیئت مدیره‌ها، و نظرسنجی ساکنان درباره‌ی احساس داشتن نماینده.",
            "so": "Waxaa lala socdaa tirooyinka golaha laftiisa: warbixinnada ururada iyo guddiyada, iyo sahanka dadka deegaanka ee ku saabsan dareenka in lagu matalo.",
            "tr": "Konseyin kendi rakamlarıyla izlenir: derneklerin ve kurulların raporları ile temsil edilme duygusu üzerine sakin anketi.",
            "uk": "Відстежується за власними даними ради: звітами об'єднань і рад та опитуванням мешканців про відчуття представленості.",
            "ti": "ብናይቲ ባይቶ ባዕሉ ቁጽርታት ይከታተል፦ ጸብጻባት ማሕበራትን ሽማግለታትን፡ ከምኡ'ውን መጽናዕቲ ነበርቲ ብዛዕባ ስምዒት ውክልና።",
            "pl": "Śledzone na podstawie własnych danych rady: sprawozdań stowarzyszeń i rad oraz ankiety mieszkańców o poczuciu reprezentacji.",
        },
    },
]

# (goal code, indicator fields, name, description). Machine-made
# translations, as above. "baseline_year": None means the first year of
# the demo's composition reports. "targets": the council's own targets by
# year (Table 3 takes its måltal from the imported statistics instead): half
# of the residents with a multicultural background feeling represented by the
# end of the strategy, boards and associations as mixed as the population.
INDICATORS = [
    (
        "uddannelse",
        {
            "code": "grundskole-efterkommere",
            "source": IndicatorSource.STATISTICS,
            "direction": "fall",
            "baseline_year": 2022,
            "statistic_table": "1",
            "statistic_indicator": "highest_completed_education_share",
            "statistic_breakdown": "Grundskole",
            "statistic_group": "descendants",
        },
        {
            "da": "Efterkommere med grundskolen som højeste uddannelse",
            "en": "Descendants with primary school as their highest education",
            "ar": "الأحفاد الذين يكون التعليم الأساسي أعلى تعليم لديهم",
            "fa": "فرزندان مهاجران با تحصیلات ابتدایی به‌عنوان بالاترین تحصیلات",
            "so": "Faraca soo-galootiga ee waxbarashadooda ugu sarreysaa tahay dugsiga hoose",
            "tr": "En yüksek eğitimi ilkokul olan göçmen çocukları",
            "uk": "Нащадки іммігрантів, чия найвища освіта — базова школа",
            "ti": "ደቂ ስደተኛታት ቀዳማይ ደረጃ ዝለዓለ ትምህርቶም ዝኾነ",
            "pl": "Potomkowie imigrantów ze szkołą podstawową jako najwyższym wykształceniem",
        },
        {
            "da": "Procent af efterkommerne. Tabel 1 (Danmarks Statistik).",
            "en": "Per cent of descendants. Table 1 (Statistics Denmark).",
            "ar": "نسبة مئوية من الأحفاد. الجدول 1 (هيئة الإحصاء الدنماركية).",
            "fa": "درصد از فرزندان مهاجران. جدول ۱ (آمار دانمارک).",
            "so": "Boqolkiiba faraca. Shaxda 1 (Tirakoobka Denmark).",
            "tr": "Göçmen çocuklarının yüzdesi. Tablo 1 (Danimarka İstatistik Kurumu).",
            "uk": "Відсоток нащадків. Таблиця 1 (Статистика Данії).",
            "ti": "ሚእታዊት ካብ ደቂ ስደተኛታት። ሰንጠረዥ 1 (ስታቲስቲክስ ዴንማርክ)።",
            "pl": "Odsetek potomków. Tabela 1 (Duński Urząd Statystyczny).",
        },
    ),
    (
        "uddannelse",
        {
            "code": "grundskole-indvandrere",
            "source": IndicatorSource.STATISTICS,
            "direction": "fall",
            "baseline_year": 2022,
            "statistic_table": "1",
            "statistic_indicator": "highest_completed_education_share",
            "statistic_breakdown": "Grundskole",
            "statistic_group": "immigrants",
        },
        {
            "da": "Indvandrere med grundskolen som højeste uddannelse",
            "en": "Immigrants with primary school as their highest education",
            "ar": "المهاجرون الذين يكون التعليم الأساسي أعلى تعليم لديهم",
            "fa": "مهاجران با تحصیلات ابتدایی به‌عنوان بالاترین تحصیلات",
            "so": "Soo-galootiga waxbarashadooda ugu sarreysaa tahay dugsiga hoose",
            "tr": "En yüksek eğitimi ilkokul olan göçmenler",
            "uk": "Іммігранти, чия найвища освіта — базова школа",
            "ti": "ስደተኛታት ቀዳማይ ደረጃ ዝለዓለ ትምህርቶም ዝኾነ",
            "pl": "Imigranci ze szkołą podstawową jako najwyższym wykształceniem",
        },
        {
            "da": "Procent af indvandrerne. Tabel 1 (Danmarks Statistik).",
            "en": "Per cent of immigrants. Table 1 (Statistics Denmark).",
            "ar": "نسبة مئوية من المهاجرين. الجدول 1 (هيئة الإحصاء الدنماركية).",
            "fa": "درصد از مهاجران. جدول ۱ (آمار دانمارک).",
            "so": "Boqolkiiba soo-galootiga. Shaxda 1 (Tirakoobka Denmark).",
            "tr": "Göçmenlerin yüzdesi. Tablo 1 (Danimarka İstatistik Kurumu).",
            "uk": "Відсоток іммігрантів. Таблиця 1 (Статистика Данії).",
            "ti": "ሚእታዊት ካብ ስደተኛታት። ሰንጠረዥ 1 (ስታቲስቲክስ ዴንማርክ)።",
            "pl": "Odsetek imigrantów. Tabela 1 (Duński Urząd Statystyczny).",
        },
    ),
    (
        "beskaeftigelse",
        {
            "code": "beskaeftigelse-indvandrere-25-29",
            "source": IndicatorSource.STATISTICS,
            "direction": "rise",
            "baseline_year": 2022,
            "statistic_table": "2",
            "statistic_indicator": "employment_rate",
            "statistic_breakdown": "25-29 år",
            "statistic_group": "immigrants",
        },
        {
            "da": "Beskæftigelsesfrekvens, indvandrere 25-29 år",
            "en": "Employment rate, immigrants aged 25-29",
            "ar": "معدل التوظيف، المهاجرون بعمر 25-29",
            "fa": "نرخ اشتغال، مهاجران ۲۵ تا ۲۹ ساله",
            "so": "Heerka shaqo-helidda, soo-galootiga da'doodu tahay 25-29",
            "tr": "İstihdam oranı, 25-29 yaş göçmenler",
            "uk": "Рівень зайнятості, іммігранти віком 25-29 років",
            "ti": "መጠን ስራሕ፡ ስደተኛታት ዕድመ 25-29",
            "pl": "Wskaźnik zatrudnienia, imigranci w wieku 25-29 lat",
        },
        {
            "da": "Procent i beskæftigelse. Tabel 2 (Danmarks Statistik).",
            "en": "Per cent in employment. Table 2 (Statistics Denmark).",
            "ar": "النسبة المئوية للعاملين. الجدول 2 (هيئة الإحصاء الدنماركية).",
            "fa": "درصد شاغلان. جدول ۲ (آمار دانمارک).",
            "so": "Boqolkiiba kuwa shaqeeya. Shaxda 2 (Tirakoobka Denmark).",
            "tr": "Çalışanların yüzdesi. Tablo 2 (Danimarka İstatistik Kurumu).",
            "uk": "Відсоток зайнятих. Таблиця 2 (Статистика Данії).",
            "ti": "ሚእታዊት ሰራሕተኛታት። ሰንጠረዥ 2 (ስታቲስቲክስ ዴንማርክ)።",
            "pl": "Odsetek pracujących. Tabela 2 (Duński Urząd Statystyczny).",
        },
    ),
    (
        "beskaeftigelse",
        {
            "code": "beskaeftigelse-efterkommere-25-29",
            "source": IndicatorSource.STATISTICS,
            "direction": "rise",
            "baseline_year": 2022,
            "statistic_table": "2",
            "statistic_indicator": "employment_rate",
            "statistic_breakdown": "25-29 år",
            "statistic_group": "descendants",
        },
        {
            "da": "Beskæftigelsesfrekvens, efterkommere 25-29 år",
            "en": "Employment rate, descendants aged 25-29",
            "ar": "معدل التوظيف، الأحفاد بعمر 25-29",
            "fa": "نرخ اشتغال، فرزندان مهاجران ۲۵ تا ۲۹ ساله",
            "so": "Heerka shaqo-helidda, faraca da'doodu tahay 25-29",
            "tr": "İstihdam oranı, 25-29 yaş göçmen çocukları",
            "uk": "Рівень зайнятості, нащадки іммігрантів віком 25-29 років",
            "ti": "መጠን ስራሕ፡ ደቂ ስደተኛታት ዕድመ 25-29",
            "pl": "Wskaźnik zatrudnienia, potomkowie imigrantów w wieku 25-29 lat",
        },
        {
            "da": "Procent i beskæftigelse. Tabel 2 (Danmarks Statistik).",
            "en": "Per cent in employment. Table 2 (Statistics Denmark).",
            "ar": "النسبة المئوية للعاملين. الجدول 2 (هيئة الإحصاء الدنماركية).",
            "fa": "درصد شاغلان. جدول ۲ (آمار دانمارک).",
            "so": "Boqolkiiba kuwa shaqeeya. Shaxda 2 (Tirakoobka Denmark).",
            "tr": "Çalışanların yüzdesi. Tablo 2 (Danimarka İstatistik Kurumu).",
            "uk": "Відсоток зайнятих. Таблиця 2 (Статистика Данії).",
            "ti": "ሚእታዊት ሰራሕተኛታት። ሰንጠረዥ 2 (ስታቲስቲክስ ዴንማርክ)።",
            "pl": "Odsetek pracujących. Tabela 2 (Duński Urząd Statystyczny).",
        },
    ),
    (
        "beskaeftigelse",
        {
            "code": "kommunalt-ansatte-ikke-vestlig",
            "source": IndicatorSource.STATISTICS,
            "direction": "rise",
            "baseline_year": 2018,
            "statistic_table": "3",
            "statistic_indicator": "municipal_employees_non_western_actual",
            "statistic_breakdown": "Ansatte med ikke-vestlig baggrund",
            "statistic_group": "all",
            "statistic_target_indicator": "municipal_employees_non_western_target",
        },
        {
            "da": "Kommunalt ansatte med ikke-vestlig baggrund",
            "en": "Municipal employees with a non-western background",
            "ar": "موظفو البلدية من خلفية غير غربية",
            "fa": "کارکنان شهرداری با پیشینه‌ی غیرغربی",
            "so": "Shaqaalaha degmada ee asalkoodu aanu ahayn reer galbeed",
            "tr": "Batılı olmayan kökenli belediye çalışanları",
            "uk": "Працівники муніципалітету з незахідним походженням",
            "ti": "ሰራሕተኛታት ምምሕዳር ምዕራባዊ ዘይኮነ ድሕረ ባይታ ዘለዎም",
            "pl": "Pracownicy gminy o pochodzeniu niezachodnim",
        },
        {
            "da": "Procent af kommunens ansatte, med kommunens måltal. Tabel 3 (Silkeborg Data / Danmarks Statistik).",
            "en": "Per cent of the municipality's employees, with its targets (måltal). Table 3 (Silkeborg Data / Statistics Denmark).",
            "ar": "نسبة مئوية من موظفي البلدية، مع أهدافها. الجدول 3 (Silkeborg Data / هيئة الإحصاء الدنماركية).",
            "fa": "درصد از کارکنان شهرداری، همراه با هدف‌های آن. جدول ۳ (Silkeborg Data / آمار دانمارک).",
            "so": "Boqolkiiba shaqaalaha degmada, iyo bartilmaameedyadeeda. Shaxda 3 (Silkeborg Data / Tirakoobka Denmark).",
            "tr": "Belediye çalışanlarının yüzdesi ve hedefleri. Tablo 3 (Silkeborg Data / Danimarka İstatistik Kurumu).",
            "uk": "Відсоток працівників муніципалітету, з його цілями. Таблиця 3 (Silkeborg Data / Статистика Данії).",
            "ti": "ሚእታዊት ካብ ሰራሕተኛታት ምምሕዳር፡ ምስ ዕላማታቱ። ሰንጠረዥ 3 (Silkeborg Data / ስታቲስቲክስ ዴንማርክ)።",
            "pl": "Odsetek pracowników gminy, z jej celami. Tabela 3 (Silkeborg Data / Duński Urząd Statystyczny).",
        },
    ),
    (
        "faellesskab",
        {
            "code": "foeler-sig-repraesenteret",
            "source": IndicatorSource.SURVEY,
            "direction": "rise",
            "baseline_year": 2023,
            "group": OriginGroup.MULTICULTURAL,
            # A sample survey moves by chance: only 3 points count.
            "threshold": 3,
            "published": True,
            "targets": {2026: "50"},
        },
        {
            "da": "Borgere med en flerkulturel baggrund, der føler sig repræsenteret i deres lokalsamfund",
            "en": "Residents with a multicultural background who feel represented in their local community",
            "ar": "السكان ذوو الخلفية متعددة الثقافات الذين يشعرون بأن لهم تمثيلًا في مجتمعهم المحلي",
            "fa": "ساکنان با پیشینه‌ی چندفرهنگی که احساس می‌کنند در جامعه‌ی محلی خود نماینده دارند",
            "so": "Dadka deegaanka ee leh asal dhaqameed kala duwan ee dareema in lagu matalo bulshada deegaankooda",
            "tr": "Yerel topluluğunda kendini temsil edilmiş hisseden çok kültürlü geçmişe sahip sakinler",
            "uk": "Мешканці з багатокультурним походженням, які відчувають себе представленими у своїй місцевій громаді",
            "ti": "ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ነበርቲ ኣብ ከባቢያዊ ሕብረተሰቦም ውክልና ከም ዘለዎም ዝስምዖም",
            "pl": "Mieszkańcy o wielokulturowym pochodzeniu, którzy czują się reprezentowani w swojej społeczności lokalnej",
        },
        {
            "da": "Andel af indvandrere og efterkommere, der svarer 4 eller 5 (enig) i borgerundersøgelsen. Basisår: målingen i 2023.",
            "en": "Share of immigrants and descendants answering 4 or 5 (agree) in the resident survey. Baseline: the 2023 wave.",
            "ar": "نسبة المهاجرين والأحفاد الذين يجيبون بـ 4 أو 5 (موافق) في استطلاع السكان. سنة الأساس: جولة 2023.",
            "fa": "سهم مهاجران و فرزندان مهاجران که در نظرسنجی ساکنان ۴ یا ۵ (موافق) پاسخ می‌دهند. سال پایه: دور 2023.",
            "so": "Saamiga soo-galootiga iyo faraca ee ku jawaaba 4 ama 5 (waan ku raacsanahay) sahanka dadka deegaanka. Sannadka saldhigga: wareegga 2023.",
            "tr": "Sakin anketinde 4 veya 5 (katılıyorum) yanıtını veren göçmen ve göçmen çocuklarının payı. Başlangıç: 2023 turu.",
            "uk": "Частка іммігрантів і нащадків, які відповідають 4 або 5 (згоден) в опитуванні мешканців. Базовий рік: хвиля 2023.",
            "ti": "ኣብ መጽናዕቲ ነበርቲ 4 ወይ 5 (ይሰማማዕ) ዝመለሱ ስደተኛታትን ደቂ ስደተኛታትን። መበገሲ ዓመት፦ ዙር 2023።",
            "pl": "Odsetek imigrantów i potomków odpowiadających 4 lub 5 (zgadzam się) w ankiecie mieszkańców. Rok bazowy: fala 2023.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "diskrimination-flerkulturel",
            "source": IndicatorSource.SURVEY,
            "question_code": "discrimination_12m",
            "answers": "yes",
            "direction": "fall",
            "baseline_year": 2023,
            "group": OriginGroup.MULTICULTURAL,
            "threshold": 3,
            "published": True,
            "targets": {2026: "20"},
        },
        {
            "da": "Borgere med en flerkulturel baggrund, der har oplevet forskelsbehandling inden for de seneste 12 måneder",
            "en": "Residents with a multicultural background who were treated unfairly in the last 12 months",
            "ar": "السكان ذوو الخلفية متعددة الثقافات الذين عوملوا بشكل غير عادل خلال الأشهر الاثني عشر الماضية",
            "fa": "ساکنان با پیشینه‌ی چندفرهنگی که در ۱۲ ماه گذشته با آنان رفتار ناعادلانه شده است",
            "so": "Dadka deegaanka ee leh asal dhaqameed kala duwan ee si aan cadaalad ahayn loola dhaqmay 12-kii bilood ee la soo dhaafay",
            "tr": "Son 12 ayda haksız muameleye maruz kalan çok kültürlü geçmişe sahip sakinler",
            "uk": "Мешканці з багатокультурним походженням, з якими за останні 12 місяців поводилися несправедливо",
            "ti": "ኣብ ዝሓለፉ 12 ኣዋርሕ ብዘይፍትሓዊ መንገዲ ዝተተሓዙ ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ነበርቲ",
            "pl": "Mieszkańcy o wielokulturowym pochodzeniu, którzy w ostatnich 12 miesiącach zostali potraktowani niesprawiedliwie",
        },
        {
            "da": "Andel af indvandrere og efterkommere, der svarer ja til spørgsmålet om forskelsbehandling (blandt dem, der svarer ja eller nej). Tallet skal falde.",
            "en": "Share of immigrants and descendants answering yes to the question on unfair treatment (of those answering yes or no). The figure should fall.",
            "ar": "نسبة المهاجرين وأبناء المهاجرين الذين يجيبون بنعم على سؤال المعاملة غير العادلة (من بين من أجابوا بنعم أو لا). ينبغي أن ينخفض الرقم.",
            "fa": "سهم مهاجران و فرزندان مهاجران که به پرسش رفتار ناعادلانه پاسخ بله می‌دهند (از میان کسانی که بله یا نه پاسخ داده‌اند). این رقم باید کاهش یابد.",
            "so": "Qaybta soo-galootiga iyo carruurtooda ee ku jawaabta haa su'aasha ku saabsan dhaqanka aan cadaaladda ahayn (kuwa ku jawaabay haa ama maya). Tiradu waa inay hoos u dhacdo.",
            "tr": "Haksız muamele sorusuna evet yanıtı veren göçmenlerin ve göçmen çocuklarının oranı (evet ya da hayır yanıtı verenler arasında). Rakamın düşmesi gerekir.",
            "uk": "Частка іммігрантів та їхніх нащадків, які відповідають «так» на питання про несправедливе ставлення (серед тих, хто відповів «так» чи «ні»). Показник має знижуватися.",
            "ti": "ንሕቶ ዘይፍትሓዊ ኣተሓሕዛ እወ ዝመለሱ ስደተኛታትን ደቂ ስደተኛታትን ብጽሒት (ካብቶም እወ ወይ ኣይፋል ዝመለሱ)። እቲ ቁጽሪ ክወርድ ኣለዎ።",
            "pl": "Odsetek imigrantów i ich potomków odpowiadających „tak” na pytanie o niesprawiedliwe traktowanie (spośród odpowiadających „tak” lub „nie”). Wartość powinna spadać.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "inkludering-flerkulturel",
            "source": IndicatorSource.COMPOSITE,
            "components": ["trust_people", "community_belong", "influence_local"],
            "direction": "rise",
            "baseline_year": 2023,
            "group": OriginGroup.MULTICULTURAL,
            "threshold": 3,
            "published": True,
        },
        {
            "da": "Borgere med en flerkulturel baggrund, der føler sig inkluderet (tillid, fællesskab og indflydelse)",
            "en": "Residents with a multicultural background who feel included (trust, community and influence)",
            "ar": "السكان ذوو الخلفية متعددة الثقافات الذين يشعرون بالاندماج (الثقة والانتماء والتأثير)",
            "fa": "ساکنان با پیشینه‌ی چندفرهنگی که احساس می‌کنند پذیرفته شده‌اند (اعتماد، همبستگی و تأثیرگذاری)",
            "so": "Dadka deegaanka ee leh asal dhaqameed kala duwan ee dareema in lagu daray (kalsooni, bulsho iyo saameyn)",
            "tr": "Kendini dahil edilmiş hisseden çok kültürlü geçmişe sahip sakinler (güven, topluluk ve etki)",
            "uk": "Мешканці з багатокультурним походженням, які відчувають себе залученими (довіра, спільнота і вплив)",
            "ti": "ከም ዝተሓወሱ ዝስምዖም ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ነበርቲ (ምትእምማን፡ ሕብረተሰብን ጽልዋን)",
            "pl": "Mieszkańcy o wielokulturowym pochodzeniu, którzy czują się włączeni (zaufanie, wspólnota i wpływ)",
        },
        {
            "da": "Indeks af tre spørgsmål: tillid til andre, at føle sig som en del af fællesskabet og at kunne påvirke lokalområdet. En person tæller med, når gennemsnittet af personens svar (1-5) er 4 eller mere.",
            "en": "Index of three questions: trust in others, feeling part of the community and being able to influence the local area. A person counts when the mean of their answers (1-5) is 4 or more.",
            "ar": "مؤشر من ثلاثة أسئلة: الثقة بالآخرين، والشعور بالانتماء إلى المجتمع، والقدرة على التأثير في المنطقة المحلية. يُحتسب الشخص عندما يكون متوسط إجاباته (1-5) 4 أو أكثر.",
            "fa": "شاخصی از سه پرسش: اعتماد به دیگران، احساس تعلق به جامعه و توانایی تأثیرگذاری بر محله. فردی به حساب می‌آید که میانگین پاسخ‌هایش (۱ تا ۵) ۴ یا بیشتر باشد.",
            "so": "Tilmaame ka kooban saddex su'aalood: kalsoonida dadka kale, dareenka ka mid ahaanshaha bulshada iyo awoodda saameynta deegaanka. Qofku wuu tirsanaadaa marka celceliska jawaabihiisu (1-5) yahay 4 ama ka badan.",
            "tr": "Üç sorudan oluşan endeks: başkalarına güven, topluluğun bir parçası olma hissi ve yerel çevreyi etkileyebilme. Yanıtlarının ortalaması (1-5) 4 veya üzeri olan kişi sayılır.",
            "uk": "Індекс із трьох питань: довіра до інших, відчуття причетності до спільноти та можливість впливати на місцевість. Людина враховується, коли середнє її відповідей (1-5) становить 4 або більше.",
            "ti": "ካብ ሰለስተ ሕቶታት ዝቖመ መዐቀኒ፦ ንኻልኦት ምእማን፡ ከም ኣካል ሕብረተሰብ ምስማዕን ኣብ ከባቢ ጽልዋ ምግባርን። ማእከላይ መልሱ (1-5) 4 ወይ ልዕሊኡ ምስ ዝኸውን እቲ ሰብ ይቑጸር።",
            "pl": "Indeks z trzech pytań: zaufanie do innych, poczucie przynależności do wspólnoty i możliwość wpływu na okolicę. Osoba jest liczona, gdy średnia jej odpowiedzi (1-5) wynosi 4 lub więcej.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "skolebestyrelser-flerkulturel",
            "source": IndicatorSource.PARTICIPATION,
            "direction": "rise",
            "baseline_year": None,
            "measure": ParticipationMeasure.BOARD_SHARE,
            "association_kind": AssociationKind.SCHOOL_BOARD,
            "group": OriginGroup.MULTICULTURAL,
            "published": True,
            "targets": {2026: "15"},
        },
        {
            "da": "Forældre med en flerkulturel baggrund i skolebestyrelser",
            "en": "Parents with a multicultural background on school boards",
            "ar": "أولياء الأمور ذوو الخلفية متعددة الثقافات في مجالس المدارس",
            "fa": "والدین با پیشینه‌ی چندفرهنگی در هیئت مدیره‌های مدرسه",
            "so": "Waalidiinta leh asal dhaqameed kala duwan ee ku jira guddiyada dugsiyada",
            "tr": "Okul yönetim kurullarında çok kültürlü geçmişe sahip ebeveynler",
            "uk": "Батьки з багатокультурним походженням у радах шкіл",
            "ti": "ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ወለዲ ኣብ ሽማግለታት ቤት ትምህርቲ",
            "pl": "Rodzice o wielokulturowym pochodzeniu w radach szkół",
        },
        {
            "da": "Andel af pladserne i skolebestyrelserne (med kendt herkomst), som indvandrere og efterkommere har, ifølge bestyrelsernes indberetninger.",
            "en": "Share of school-board seats (of known origin) held by immigrants and descendants, from the boards' reports.",
            "ar": "نسبة مقاعد مجالس المدارس (ذات الأصل المعروف) التي يشغلها المهاجرون والأحفاد، من تقارير المجالس.",
            "fa": "سهم کرسی‌های هیئت مدیره‌های مدرسه (با تبار معلوم) که در اختیار مهاجران و فرزندان مهاجران است، از گزارش‌های هیئت‌ها.",
            "so": "Saamiga kuraasta guddiyada dugsiyada (asal la yaqaan) ee ay hayaan soo-galootiga iyo faraca, laga soo qaaday warbixinnada guddiyada.",
            "tr": "Okul yönetim kurullarındaki (kökeni bilinen) koltukların göçmenler ve göçmen çocuklarınca tutulan payı, kurulların raporlarından.",
            "uk": "Частка місць у радах шкіл (з відомим походженням), які займають іммігранти та нащадки, за звітами рад.",
            "ti": "ብስደተኛታትን ደቂ ስደተኛታትን ዝተታሕዘ መቐመጫታት ሽማግለታት ቤት ትምህርቲ (ፍሉጥ መበቆል)፡ ካብ ጸብጻባት ሽማግለታት።",
            "pl": "Odsetek miejsc w radach szkół (o znanym pochodzeniu) zajmowanych przez imigrantów i potomków, według sprawozdań rad.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "dagtilbudsbestyrelser-flerkulturel",
            "source": IndicatorSource.PARTICIPATION,
            "direction": "rise",
            "baseline_year": None,
            "measure": ParticipationMeasure.BOARD_SHARE,
            "association_kind": AssociationKind.DAYCARE_BOARD,
            "group": OriginGroup.MULTICULTURAL,
            "published": True,
            "targets": {2026: "15"},
        },
        {
            "da": "Forældre med en flerkulturel baggrund i dagtilbudsbestyrelser",
            "en": "Parents with a multicultural background on day-care boards",
            "ar": "أولياء الأمور ذوو الخلفية متعددة الثقافات في مجالس دور الرعاية النهارية",
            "fa": "والدین با پیشینه‌ی چندفرهنگی در هیئت مدیره‌های مهدکودک",
            "so": "Waalidiinta leh asal dhaqameed kala duwan ee ku jira guddiyada xannaanada carruurta",
            "tr": "Kreş yönetim kurullarında çok kültürlü geçmişe sahip ebeveynler",
            "uk": "Батьки з багатокультурним походженням у радах дитячих закладів",
            "ti": "ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ወለዲ ኣብ ሽማግለታት መዕበዪ ህጻናት",
            "pl": "Rodzice o wielokulturowym pochodzeniu w radach placówek opieki dziennej",
        },
        {
            "da": "Andel af pladserne i dagtilbudsbestyrelserne (med kendt herkomst), som indvandrere og efterkommere har, ifølge bestyrelsernes indberetninger.",
            "en": "Share of day-care board seats (of known origin) held by immigrants and descendants, from the boards' reports.",
            "ar": "نسبة مقاعد مجالس دور الرعاية النهارية (ذات الأصل المعروف) التي يشغلها المهاجرون والأحفاد، من تقارير المجالس.",
            "fa": "سهم کرسی‌های هیئت مدیره‌های مهدکودک (با تبار معلوم) که در اختیار مهاجران و فرزندان مهاجران است، از گزارش‌های هیئت‌ها.",
            "so": "Saamiga kuraasta guddiyada xannaanada carruurta (asal la yaqaan) ee ay hayaan soo-galootiga iyo faraca, laga soo qaaday warbixinnada guddiyada.",
            "tr": "Kreş yönetim kurullarındaki (kökeni bilinen) koltukların göçmenler ve göçmen çocuklarınca tutulan payı, kurulların raporlarından.",
            "uk": "Частка місць у радах дитячих закладів (з відомим походженням), які займають іммігранти та нащадки, за звітами рад.",
            "ti": "ብስደተኛታትን ደቂ ስደተኛታትን ዝተታሕዘ መቐመጫታት ሽማግለታት መዕበዪ ህጻናት (ፍሉጥ መበቆል)፡ ካብ ጸብጻባት ሽማግለታት።",
            "pl": "Odsetek miejsc w radach placówek opieki dziennej (o znanym pochodzeniu) zajmowanych przez imigrantów i potomków, według sprawozdań rad.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "skolebestyrelser-repraesentation",
            "source": IndicatorSource.PARTICIPATION,
            "unit": IndicatorUnit.RATIO,
            "direction": "rise",
            "baseline_year": None,
            "measure": ParticipationMeasure.REPRESENTATION_RATIO,
            "association_kind": AssociationKind.SCHOOL_BOARD,
            "group": OriginGroup.MULTICULTURAL,
            "threshold": "0.05",
            "targets": {2026: "1"},
        },
        {
            "da": "Repræsentation i skolebestyrelser (andel af pladserne i forhold til andel af befolkningen)",
            "en": "Representation on school boards (share of seats against share of the population)",
            "ar": "التمثيل في مجالس المدارس (نسبة المقاعد مقارنةً بنسبة السكان)",
            "fa": "نمایندگی در هیئت مدیره‌های مدرسه (سهم کرسی‌ها در برابر سهم از جمعیت)",
            "so": "Matalaadda guddiyada dugsiyada (saamiga kuraasta marka loo eego saamiga dadweynaha)",
            "tr": "Okul yönetim kurullarında temsil (koltuk payının nüfus payına oranı)",
            "uk": "Представленість у радах шкіл (частка місць щодо частки населення)",
            "ti": "ውክልና ኣብ ሽማግለታት ቤት ትምህርቲ (ብጽሒት መቐመጫታት ብመንጽር ብጽሒት ህዝቢ)",
            "pl": "Reprezentacja w radach szkół (udział miejsc wobec udziału w ludności)",
        },
        {
            "da": "Indvandreres og efterkommeres andel af pladserne delt med deres andel af de voksne i kommunen (1 = repræsenteret som i befolkningen). Befolkningen er en syntetisk tabel i demoen.",
            "en": "Immigrants' and descendants' share of the seats divided by their share of the municipality's adults (1 = represented as in the population). The population is a synthetic table in the demo.",
            "ar": "نسبة المقاعد التي يشغلها المهاجرون والأحفاد مقسومةً على نسبتهم من البالغين في البلدية (1 = ممثلون كما في السكان). السكان في العرض التوضيحي جدول اصطناعي.",
            "fa": "سهم مهاجران و فرزندان مهاجران از کرسی‌ها تقسیم بر سهم آنان از بزرگسالان شهرداری (۱ = نمایندگی به اندازه‌ی جمعیت). جمعیت در نسخه‌ی نمایشی یک جدول ساختگی است.",
            "so": "Saamiga kuraasta ee soo-galootiga iyo faraca oo loo qaybiyay saamigooda dadka waaweyn ee degmada (1 = loo matalay sida dadweynaha). Dadweynaha bandhigga waa shax la sameeyay.",
            "tr": "Göçmenlerin ve göçmen çocuklarının koltuk payının belediyedeki yetişkinler içindeki paylarına bölümü (1 = nüfustaki gibi temsil). Demoda nüfus sentetik bir tablodur.",
            "uk": "Частка місць іммігрантів і нащадків, поділена на їхню частку серед дорослих муніципалітету (1 = представлені як у населенні). У демо населення — синтетична таблиця.",
            "ti": "ብጽሒት መቐመጫታት ስደተኛታትን ደቂ ስደተኛታትን ተኸፊሉ ብብጽሒቶም ካብ ዓበይቲ ምምሕዳር (1 = ከም ኣብ ህዝቢ ውክልና)። ኣብቲ ምርኢት ህዝቢ ሰብ ዝሰርሖ ሰንጠረዥ እዩ።",
            "pl": "Udział imigrantów i potomków w miejscach podzielony przez ich udział wśród dorosłych mieszkańców gminy (1 = reprezentacja jak w ludności). W wersji demonstracyjnej ludność to tabela syntetyczna.",
        },
    ),
    (
        "faellesskab",
        {
            "code": "foreningsmedlemmer-flerkulturel",
            "source": IndicatorSource.PARTICIPATION,
            "direction": "rise",
            "baseline_year": None,
            "measure": ParticipationMeasure.MEMBERS_SHARE,
            "association_kind": "",
            "group": OriginGroup.MULTICULTURAL,
            "published": True,
            "targets": {2026: "35"},
        },
        {
            "da": "Børn og voksne med en flerkulturel baggrund i lokale foreninger",
            "en": "Children and adults with a multicultural background in local associations",
            "ar": "الأطفال والبالغون ذوو الخلفية متعددة الثقافات في الجمعيات المحلية",
            "fa": "کودکان و بزرگسالان با پیشینه‌ی چندفرهنگی در انجمن‌های محلی",
            "so": "Carruurta iyo dadka waaweyn ee leh asal dhaqameed kala duwan ee ku jira ururada deegaanka",
            "tr": "Yerel derneklerde çok kültürlü geçmişe sahip çocuklar ve yetişkinler",
            "uk": "Діти й дорослі з багатокультурним походженням у місцевих об'єднаннях",
            "ti": "ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም ቆልዑን ዓበይትን ኣብ ከባቢያዊ ማሕበራት",
            "pl": "Dzieci i dorośli o wielokulturowym pochodzeniu w lokalnych stowarzyszeniach",
        },
        {
            "da": "Andel af foreningernes medlemmer (med kendt herkomst), der er indvandrere eller efterkommere, ifølge foreningernes indberetninger.",
            "en": "Share of the associations' members (of known origin) who are immigrants or descendants, from the associations' reports.",
            "ar": "نسبة أعضاء الجمعيات (ذوي الأصل المعروف) من المهاجرين أو الأحفاد، من تقارير الجمعيات.",
            "fa": "سهم اعضای انجمن‌ها (با تبار معلوم) که مهاجر یا فرزند مهاجر هستند، از گزارش‌های انجمن‌ها.",
            "so": "Saamiga xubnaha ururada (asal la yaqaan) ee ah soo-galooti ama faraca, laga soo qaaday warbixinnada ururada.",
            "tr": "Derneklerin (kökeni bilinen) üyeleri içinde göçmen veya göçmen çocuğu olanların payı, derneklerin raporlarından.",
            "uk": "Частка членів об'єднань (з відомим походженням), які є іммігрантами або нащадками, за звітами об'єднань.",
            "ti": "ብጽሒት ኣባላት ማሕበራት (ፍሉጥ መበቆል) ስደተኛታት ወይ ደቂ ስደተኛታት ዝኾኑ፡ ካብ ጸብጻባት ማሕበራት።",
            "pl": "Odsetek członków stowarzyszeń (o znanym pochodzeniu), którzy są imigrantami lub potomkami, według sprawozdań stowarzyszeń.",
        },
    ),
]


def exists() -> bool:
    """Whether the demo strategy is already there."""
    return Strategy.objects.filter(name_da=STRATEGY["name"]["da"]).exists()


def _translated(field: str, texts: dict[str, str]) -> dict[str, str]:
    return {field: texts["da"], **{f"{field}_{code}": texts[code] for code in LANGS}}


def build_strategy(*, today: datetime.date) -> Strategy:
    """The strategy, its goals and indicators (no figures yet)."""
    strategy = Strategy(
        valid_from=STRATEGY["valid_from"],
        valid_to=STRATEGY["valid_to"],
        **_translated("name", STRATEGY["name"]),
    )
    strategy.full_clean()
    strategy.save()
    goals = {}
    for order, data in enumerate(GOALS):
        goal = Goal(
            strategy=strategy,
            code=data["code"],
            sort_order=order,
            **_translated("title", data["title"]),
            **_translated("description", data["description"]),
        )
        goal.full_clean()
        goal.save()
        goals[goal.code] = goal
    first_report_year = today.year - YEARS_OF_REPORTS + 1
    for order, (goal_code, fields, names, descriptions) in enumerate(INDICATORS):
        fields = dict(fields)
        targets = fields.pop("targets", {})
        components = fields.pop("components", [])
        question_code = fields.pop("question_code", SURVEY_QUESTION)
        if fields["baseline_year"] is None:
            fields["baseline_year"] = first_report_year
        if fields["source"] == IndicatorSource.SURVEY:
            fields["question"] = Question.objects.get(
                survey__code=instrument.CODE, code=question_code
            )
        indicator = Indicator(
            goal=goals[goal_code],
            sort_order=order,
            **fields,
            **_translated("name", names),
            **_translated("description", descriptions),
        )
        if components:
            indicator.components.set(
                Question.objects.filter(
                    survey__code=instrument.CODE, code__in=components
                )
            )
        indicator.full_clean()
        indicator.save()
        for year, value in targets.items():
            target = IndicatorTarget(
                indicator=indicator, year=year, value=Decimal(value)
            )
            target.full_clean()
            target.save()
    return strategy


def import_files() -> None:
    """The tables (JSON-stat) and the population (PX) through the staff's
    own commands, with the options staff would give."""
    out = io.StringIO()
    for number, path in STATISTICS_FILES.items():
        call_command(
            "import_statistics", str(path), stdout=out, **IMPORT_OPTIONS[number]
        )
    call_command(
        "import_population",
        str(POPULATION_FILE),
        name=POPULATION_NAME,
        synthetic=True,
        stdout=out,
    )


def generate(*, today: datetime.date) -> dict[str, int]:
    """Create the strategy with its goals and indicators, then import the
    statistics (which copies Table 3's måltal to its indicator's targets)
    and the synthetic population. Returns how many of each."""
    strategy = build_strategy(today=today)
    import_files()
    # Targets are copied on import; indicators made after an earlier import
    # of the same tables get theirs here.
    for indicator in Indicator.objects.exclude(statistic_target_indicator=""):
        indicator_targets_sync(indicator=indicator)
    population = PopulationTable.objects.get(name=POPULATION_NAME)
    return {
        "goals": strategy.goals.count(),
        "indicators": Indicator.objects.filter(goal__strategy=strategy).count(),
        "population": population.total,
    }
