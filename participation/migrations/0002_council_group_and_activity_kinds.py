"""The council members' group and the activity kinds every municipality
starts with (staff may add more). Names in all nine languages."""

from django.db import migrations

COUNCIL_GROUP = "Council members"

KINDS = [
    ("event", {"da": "Arrangement", "en": "Event", "ar": "فعالية", "fa": "رویداد", "so": "Dhacdo", "tr": "Etkinlik", "uk": "Захід", "ti": "ፍጻመ", "pl": "Wydarzenie"}),  # noqa: E501
    ("course", {"da": "Kursus", "en": "Course", "ar": "دورة تدريبية", "fa": "دوره آموزشی", "so": "Koorso", "tr": "Kurs", "uk": "Курс", "ti": "ኮርስ", "pl": "Kurs"}),  # noqa: E501
    ("mentoring", {"da": "Mentorordning", "en": "Mentoring", "ar": "إرشاد", "fa": "مربی‌گری", "so": "Hagitaan", "tr": "Mentorluk", "uk": "Наставництво", "ti": "ምኽሪ ምሃብ", "pl": "Mentoring"}),  # noqa: E501
    ("sport", {"da": "Sport og motion", "en": "Sport and exercise", "ar": "رياضة", "fa": "ورزش", "so": "Isboorti", "tr": "Spor", "uk": "Спорт", "ti": "ስፖርት", "pl": "Sport"}),  # noqa: E501
    ("culture", {"da": "Kultur", "en": "Culture", "ar": "ثقافة", "fa": "فرهنگ", "so": "Dhaqan", "tr": "Kültür", "uk": "Культура", "ti": "ባህሊ", "pl": "Kultura"}),  # noqa: E501
    ("festival", {"da": "Festival (fx Verdensfestival)", "en": "Festival (e.g. Verdensfestival)", "ar": "مهرجان (مثل Verdensfestival)", "fa": "جشنواره (مثلاً Verdensfestival)", "so": "Bandhig (tusaale Verdensfestival)", "tr": "Festival (ör. Verdensfestival)", "uk": "Фестиваль (напр. Verdensfestival)", "ti": "ፌስቲቫል (ንኣብነት Verdensfestival)", "pl": "Festiwal (np. Verdensfestival)"}),  # noqa: E501
    ("council_meeting", {"da": "Rådsmøde", "en": "Council meeting", "ar": "اجتماع المجلس", "fa": "جلسه شورا", "so": "Kulanka golaha", "tr": "Konsey toplantısı", "uk": "Засідання ради", "ti": "ኣኼባ ባይቶ", "pl": "Posiedzenie rady"}),  # noqa: E501
    ("other", {"da": "Andet", "en": "Other", "ar": "أخرى", "fa": "دیگر", "so": "Kale", "tr": "Diğer", "uk": "Інше", "ti": "ካልእ", "pl": "Inne"}),  # noqa: E501
]


def seed(apps, schema_editor):
    apps.get_model("auth", "Group").objects.get_or_create(name=COUNCIL_GROUP)
    ActivityKind = apps.get_model("participation", "ActivityKind")
    for order, (code, names) in enumerate(KINDS):
        fields = {f"name_{lang}": text for lang, text in names.items()}
        ActivityKind.objects.update_or_create(
            code=code, defaults={"sort_order": order, "name": names["da"], **fields}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("participation", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
