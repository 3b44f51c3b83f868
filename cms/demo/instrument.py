"""The demo survey instrument: "Do you feel represented where you live?"

This is the questionnaire the demo municipality's Integration Council runs
among its residents (SPEC §1 and §3.1): feeling represented, trust, community
and influence, experiences of unfair treatment, taking part in associations and
boards, the resident's own words, and the optional background questions that
give Statistics Denmark's origin category. ``cms/demo/loader.py`` turns
``SURVEY`` into Survey, Section, Question and Choice rows.

Danish (``da``) is the source text. The texts in the other eight languages
(``MACHINE_TRANSLATED``) are machine-made translations awaiting human review; a
reviewer who approves a language removes it from that tuple. Texts are plain,
warm and short (B1 level, read on a phone). Background is asked as where you
and your parents were born and citizenship, never as "ethnicity".

Every text is a dict over all codes in ``LANGS``. Question and choice codes are
stable and never translated: answers are stored against them. The labels of the
agreement scale and of yes / no / don't know come from the app's translations,
so "agree" and "yesno" questions have no choices here. A ``show_if`` condition
refers to a question in an earlier section (the survey works without
JavaScript); that is why "taking_part_more" and "background_more" are
sections of their own. ``validate()`` lists what is wrong; run this module to
print it.

This module is pure data (no Django imports), so it can be read by the demo
loader, by tests and by translators' tools alike.
"""

import re

LANGS = ("da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl")
SOURCE_LANG = "da"
MACHINE_TRANSLATED = ("en", "ar", "fa", "so", "tr", "uk", "ti", "pl")

# Shown under every multiple-choice question (the form adds no such hint).
_MULTI_HINT = {
    "da": "Du kan vælge flere svar.",
    "en": "You can choose more than one answer.",
    "ar": "يمكنك اختيار أكثر من إجابة.",
    "fa": "می‌توانید بیش از یک پاسخ انتخاب کنید.",
    "so": "Waxaad dooran kartaa wax ka badan hal jawaab.",
    "tr": "Birden fazla cevap seçebilirsiniz.",
    "uk": "Можна вибрати кілька відповідей.",
    "ti": "ካብ ሓደ ንላዕሊ መልሲ ክትመርጹ ትኽእሉ ኢኹም።",
    "pl": "Można wybrać więcej niż jedną odpowiedź.",
}

# "Answer yes only if both are true" (parent born in Denmark AND a citizen).
_BOTH_HINT = {
    "da": "Svar kun ja, hvis begge dele passer.",
    "en": "Answer yes only if both are true.",
    "ar": "أجب بـ«نعم» فقط إذا كان الأمران صحيحين.",
    "fa": "فقط اگر هر دو درست است، «بله» را انتخاب کنید.",
    "so": "Dooro haa kaliya haddii labaduba run yihiin.",
    "tr": "Yalnızca ikisi de doğruysa evet deyin.",
    "uk": "Відповідайте «так», лише якщо правдиве і те, і інше.",
    "ti": "ክልቲኡ ሓቂ እንተኾይኑ ጥራይ «እወ» ምረጹ።",
    "pl": "Proszę wybrać „tak” tylko wtedy, gdy obie rzeczy są prawdą.",
}


SURVEY = {
    "code": "representation",
    "title": {
        "da": "Føler du dig repræsenteret, der hvor du bor?",
        "en": "Do you feel represented where you live?",
        "ar": "هل تشعر بأنك ممثَّل في المكان الذي تعيش فيه؟",
        "fa": "آیا احساس می‌کنید در جایی که زندگی می‌کنید نماینده دارید؟",
        "so": "Ma dareemaysaa in lagu matalo meesha aad ku nooshahay?",
        "tr": "Yaşadığınız yerde temsil edildiğinizi hissediyor musunuz?",
        "uk": "Чи відчуваєте Ви, що Вас представлено там, де Ви живете?",
        "ti": "ኣብቲ እትነብሩሉ ቦታ ውክልና ከም ዘለኩም ይስምዓኩም ዶ?",
        "pl": "Czy czują Państwo, że mają swoich przedstawicieli tam, gdzie mieszkają?",
    },
    "intro": {
        "da": (
            "Integrationsrådet i kommunen vil gerne vide, om du føler dig "
            "repræsenteret, der hvor du bor. Dine svar hjælper rådet med at gøre "
            "lokalsamfundet bedre for alle. Det tager cirka 5 minutter, og du er "
            "anonym."
        ),
        "en": (
            "The municipality's Integration Council would like to know whether you "
            "feel represented where you live. Your answers help the council make the "
            "local community better for everyone. It takes about 5 minutes, and you "
            "are anonymous."
        ),
        "ar": (
            "يريد مجلس الاندماج في البلدية أن يعرف هل تشعر بأنك ممثَّل في المكان "
            "الذي تعيش فيه. تساعد إجاباتك المجلس على جعل المجتمع المحلي أفضل "
            "للجميع. يستغرق الاستبيان حوالي 5 دقائق، وهو مجهول الهوية."
        ),
        "fa": (
            "شورای ادغام شهرداری می‌خواهد بداند آیا احساس می‌کنید در جایی که زندگی "
            "می‌کنید نماینده دارید. پاسخ‌های شما به شورا کمک می‌کند جامعه‌ی محلی را "
            "برای همه بهتر کند. این پرسش‌نامه حدود 5 دقیقه طول می‌کشد و ناشناس است."
        ),
        "so": (
            "Golaha Is-dhexgalka ee degmada ayaa doonaya inuu ogaado haddii aad "
            "dareemayso in lagu matalo meesha aad ku nooshahay. Jawaabahaagu waxay "
            "golaha ka caawinayaan inuu bulshada deegaanka u wanaajiyo qof walba. "
            "Sahanku wuxuu qaadanayaa qiyaastii 5 daqiiqo, waana qarsoodi."
        ),
        "tr": (
            "Belediyenin Entegrasyon Konseyi, yaşadığınız yerde temsil edildiğinizi "
            "hissedip hissetmediğinizi öğrenmek istiyor. Cevaplarınız, konseyin "
            "yerel topluluğu herkes için daha iyi hale getirmesine yardımcı olur. "
            "Anket yaklaşık 5 dakika sürer ve anonimdir."
        ),
        "uk": (
            "Рада з питань інтеграції муніципалітету хоче дізнатися, чи відчуваєте "
            "Ви, що Вас представлено там, де Ви живете. Ваші відповіді допоможуть "
            "раді зробити місцеву громаду кращою для всіх. Опитування триває "
            "приблизно 5 хвилин і є анонімним."
        ),
        "ti": (
            "ባይቶ ውህደት ናይ ምምሕዳር ከተማ፣ ኣብቲ እትነብሩሉ ቦታ ውክልና ከም ዘለኩም ይስምዓኩም ዶ "
            "ክፈልጥ ይደሊ። መልስታትኩም ነቲ ባይቶ፣ ከባቢያዊ ሕብረተሰብ ንኹሉ ሰብ ዝሓሸ ንምግባር "
            "ይሕግዝዎ። እቲ መጽናዕቲ ኣስታት 5 ደቒቕ ይወስድ፣ ስም ዘይብሉ ድማ እዩ።"
        ),
        "pl": (
            "Rada ds. Integracji gminy chce się dowiedzieć, czy czują Państwo, że "
            "mają swoich przedstawicieli tam, gdzie mieszkają. Państwa odpowiedzi "
            "pomogą radzie sprawić, by lokalna społeczność była lepsza dla "
            "wszystkich. Ankieta trwa około 5 minut i jest anonimowa."
        ),
    },
    # One short paragraph per point; the consent page renders blank lines as
    # paragraphs (|linebreaks).
    "consent": {
        "da": (
            "Vi gemmer dine svar. Det gælder også de frivillige spørgsmål om, hvor "
            "du og dine forældre er født. Det er følsomme oplysninger efter GDPR "
            "artikel 9.\n\n"
            "Vi bruger svarene til at se, om borgere med alle slags baggrunde føler "
            "sig repræsenteret, og til at følge kommunens integrationsstrategi.\n\n"
            "Du er anonym: Vi gemmer ikke dit navn eller din IP-adresse, kun den "
            "dag, du svarede.\n\n"
            "Alle spørgsmål om din baggrund er frivillige.\n\n"
            "Vi viser kun resultater for grupper på mindst 5 personer.\n\n"
            "Til sidst får du en kvitteringskode. Med den kan du senere trække dine "
            "svar tilbage."
        ),
        "en": (
            "We store your answers. This includes the optional questions about "
            "where you and your parents were born. This is sensitive data under "
            "GDPR article 9.\n\n"
            "We use the answers to see whether residents of all backgrounds feel "
            "represented, and to follow up on the municipality's integration "
            "strategy.\n\n"
            "You are anonymous: we do not store your name or your IP address, only "
            "the day you answered.\n\n"
            "All questions about your background are optional.\n\n"
            "We only show results for groups of at least 5 people.\n\n"
            "At the end you get a receipt code. With it you can withdraw your "
            "answers later."
        ),
        "ar": (
            "نحفظ إجاباتك. ويشمل ذلك الأسئلة الاختيارية عن مكان ولادتك وولادة "
            "والديك. هذه بيانات حساسة بحسب المادة 9 من اللائحة العامة لحماية "
            "البيانات (GDPR).\n\n"
            "نستخدم الإجابات لنعرف هل يشعر السكان من جميع الخلفيات بأنهم ممثَّلون، "
            "ولمتابعة استراتيجية الاندماج في البلدية.\n\n"
            "أنت مجهول الهوية: لا نحفظ اسمك ولا عنوان IP الخاص بك، بل نحفظ فقط "
            "اليوم الذي أجبت فيه.\n\n"
            "كل الأسئلة عن خلفيتك اختيارية.\n\n"
            "لا نعرض النتائج إلا لمجموعات من 5 أشخاص على الأقل.\n\n"
            "في النهاية تحصل على رمز إيصال. بهذا الرمز يمكنك سحب إجاباتك لاحقًا."
        ),
        "fa": (
            "ما پاسخ‌های شما را ذخیره می‌کنیم. این شامل پرسش‌های اختیاری درباره‌ی "
            "محل تولد شما و پدر و مادرتان هم می‌شود. این‌ها طبق ماده‌ی 9 مقررات "
            "عمومی حفاظت از داده‌ها (GDPR) اطلاعات حساس هستند.\n\n"
            "از پاسخ‌ها استفاده می‌کنیم تا ببینیم آیا ساکنان با هر پیشینه‌ای احساس "
            "می‌کنند نماینده دارند، و تا راهبرد ادغام شهرداری را دنبال کنیم.\n\n"
            "شما ناشناس هستید: نام یا نشانی IP شما را ذخیره نمی‌کنیم، فقط روزی را "
            "که پاسخ داده‌اید.\n\n"
            "همه‌ی پرسش‌ها درباره‌ی پیشینه‌ی شما اختیاری هستند.\n\n"
            "نتایج را فقط برای گروه‌هایی با دست‌کم 5 نفر نشان می‌دهیم.\n\n"
            "در پایان یک کد رسید می‌گیرید. با این کد می‌توانید بعداً پاسخ‌هایتان "
            "را پس بگیرید."
        ),
        "so": (
            "Waxaan kaydinaynaa jawaabahaaga. Tan waxaa ku jira su'aalaha "
            "ikhtiyaariga ah ee ku saabsan meesha adiga iyo waalidiintaadu ku "
            "dhasheen. Taasi waa xog xasaasi ah sida uu qabo qodobka 9aad ee "
            "GDPR.\n\n"
            "Jawaabaha waxaan u isticmaalnaa si aan u ogaanno haddii dadka deegaanka "
            "ee asal kasta leh ay dareemaan in la matalo, iyo si aan ula socono "
            "istaraatiijiyadda is-dhexgalka ee degmada.\n\n"
            "Waad qarsoon tahay: ma kaydinno magacaaga ama cinwaanka IP-gaaga, "
            "kaliya maalinta aad jawaabtay.\n\n"
            "Dhammaan su'aalaha ku saabsan asalkaaga waa ikhtiyaari.\n\n"
            "Natiijooyinka waxaan kaliya u muujinnaa kooxaha ugu yaraan 5 qof ka "
            "kooban.\n\n"
            "Dhammaadka waxaad helaysaa koodh rasiid ah. Koodhkaas ayaad hadhow "
            "kaga noqon kartaa jawaabahaaga."
        ),
        "tr": (
            "Cevaplarınızı kaydediyoruz. Buna, sizin ve anne babanızın nerede "
            "doğduğuyla ilgili isteğe bağlı sorular da dahildir. Bunlar GDPR'nin 9. "
            "maddesine göre hassas verilerdir.\n\n"
            "Cevapları, her kökenden insanın kendini temsil edilmiş hissedip "
            "hissetmediğini görmek ve belediyenin entegrasyon stratejisini takip "
            "etmek için kullanıyoruz.\n\n"
            "Anonimsiniz: Adınızı ya da IP adresinizi kaydetmiyoruz, yalnızca cevap "
            "verdiğiniz günü kaydediyoruz.\n\n"
            "Kökeninizle ilgili tüm sorular isteğe bağlıdır.\n\n"
            "Sonuçları yalnızca en az 5 kişilik gruplar için gösteriyoruz.\n\n"
            "Sonunda bir makbuz kodu alırsınız. Bu kodla cevaplarınızı daha sonra "
            "geri çekebilirsiniz."
        ),
        "uk": (
            "Ми зберігаємо Ваші відповіді. Це стосується і необов’язкових запитань "
            "про те, де народилися Ви та Ваші батьки. Це чутливі дані згідно зі "
            "статтею 9 GDPR.\n\n"
            "Ми використовуємо відповіді, щоб побачити, чи відчувають мешканці "
            "різного походження, що їх представлено, і щоб стежити за виконанням "
            "стратегії інтеграції муніципалітету.\n\n"
            "Ви залишаєтеся анонімними: ми не зберігаємо Ваше ім’я чи IP-адресу, "
            "лише день, коли Ви відповіли.\n\n"
            "Усі запитання про Ваше походження необов’язкові.\n\n"
            "Ми показуємо результати лише для груп щонайменше з 5 осіб.\n\n"
            "Наприкінці Ви отримаєте код квитанції. З ним Ви зможете пізніше "
            "відкликати свої відповіді."
        ),
        "ti": (
            "መልስታትኩም ንዕቅብ። እዚ ድማ ነቶም ብዛዕባ ንስኻትኩምን ወለድኹምን ኣበይ ከም "
            "እተወለድኩም ዝሓቱ ብድሌት ዝምለሱ ሕቶታት እውን የጠቓልል። እዚ ብመሰረት ዓንቀጽ 9 ናይ "
            "GDPR ተኣፋፊ ሓበሬታ እዩ።\n\n"
            "መልስታት እንጥቀመሉ፣ ካብ ኩሉ ድሕረ ባይታ ዝመጹ ነበርቲ ውክልና ከም ዘለዎም ይስምዖም ዶ "
            "ንምፍላጥን ስትራተጂ ውህደት ናይ ምምሕዳር ከተማ ንምክትታልን እዩ።\n\n"
            "ስም ዘይብሉ እዩ፦ ስምኩም ወይ IP ኣድራሻኹም ኣይንዕቅብን፣ ዝመለስኩምሉ መዓልቲ ጥራይ ኢና "
            "እንዕቅብ።\n\n"
            "ብዛዕባ ድሕረ ባይታኹም ዘለዉ ሕቶታት ኩሎም ብድሌትኩም ዝምለሱ እዮም።\n\n"
            "ውጽኢታት ንጉጅለታት ብውሑዱ 5 ሰባት ጥራይ ኢና እነርኢ።\n\n"
            "ኣብ መወዳእታ ኮድ ቅብሊት ክትረኽቡ ኢኹም። በቲ ኮድ ድሒርኩም መልስታትኩም ክትስሕቡ "
            "ትኽእሉ ኢኹም።"
        ),
        "pl": (
            "Zapisujemy Państwa odpowiedzi. Dotyczy to także nieobowiązkowych pytań "
            "o to, gdzie urodzili się Państwo i Państwa rodzice. Są to dane wrażliwe "
            "w rozumieniu art. 9 RODO.\n\n"
            "Odpowiedzi wykorzystujemy, aby sprawdzić, czy mieszkańcy o różnym "
            "pochodzeniu czują, że mają swoich przedstawicieli, oraz aby śledzić "
            "realizację strategii integracji gminy.\n\n"
            "Ankieta jest anonimowa: nie zapisujemy imienia i nazwiska ani adresu "
            "IP, tylko dzień, w którym udzielono odpowiedzi.\n\n"
            "Wszystkie pytania o pochodzenie są nieobowiązkowe.\n\n"
            "Wyniki pokazujemy tylko dla grup liczących co najmniej 5 osób.\n\n"
            "Na końcu otrzymają Państwo kod potwierdzenia. Za jego pomocą można "
            "później wycofać swoje odpowiedzi."
        ),
    },
    "thanks": {
        "da": (
            "Tak for dine svar! De hjælper Integrationsrådet med at gøre "
            "lokalsamfundet bedre for alle."
        ),
        "en": (
            "Thank you for your answers! They help the Integration Council make the "
            "local community better for everyone."
        ),
        "ar": (
            "شكرًا على إجاباتك! فهي تساعد مجلس الاندماج على جعل المجتمع المحلي أفضل "
            "للجميع."
        ),
        "fa": (
            "از پاسخ‌های شما سپاسگزاریم! این پاسخ‌ها به شورای ادغام کمک می‌کند "
            "جامعه‌ی محلی را برای همه بهتر کند."
        ),
        "so": (
            "Waad ku mahadsan tahay jawaabahaaga! Waxay Golaha Is-dhexgalka ka "
            "caawinayaan inuu bulshada deegaanka u wanaajiyo qof walba."
        ),
        "tr": (
            "Cevaplarınız için teşekkür ederiz! Cevaplarınız, Entegrasyon "
            "Konseyi'nin yerel topluluğu herkes için daha iyi hale getirmesine "
            "yardımcı olur."
        ),
        "uk": (
            "Дякуємо за Ваші відповіді! Вони допоможуть Раді з питань інтеграції "
            "зробити місцеву громаду кращою для всіх."
        ),
        "ti": ("ስለ መልስታትኩም የቐንየልና! ንባይቶ ውህደት፣ ከባቢያዊ ሕብረተሰብ ንኹሉ ሰብ ዝሓሸ ንምግባር ይሕግዝዎ።"),
        "pl": (
            "Dziękujemy za odpowiedzi! Pomogą one Radzie ds. Integracji sprawić, by "
            "lokalna społeczność była lepsza dla wszystkich."
        ),
    },
    "sections": [
        # 1 ------------------------------------------------------------------
        {
            "code": "represented",
            "title": {
                "da": "At føle sig repræsenteret",
                "en": "Feeling represented",
                "ar": "الشعور بالتمثيل",
                "fa": "احساس داشتن نماینده",
                "so": "Dareenka in lagu matalo",
                "tr": "Temsil edilme duygusu",
                "uk": "Відчуття представленості",
                "ti": "ስምዒት ውክልና",
                "pl": "Poczucie reprezentacji",
            },
            "questions": [
                {
                    "code": "represented_local",
                    "kind": "agree",
                    "text": {
                        "da": "Jeg føler mig repræsenteret i mit lokalsamfund.",
                        "en": "I feel represented in my local community.",
                        "ar": "أشعر بأن لي تمثيلًا في مجتمعي المحلي.",
                        "fa": "احساس می‌کنم در جامعه‌ی محلی‌ام نماینده دارم.",
                        "so": "Waxaan dareemayaa in la i matalo bulshada deegaankayga.",
                        "tr": "Yerel topluluğumda kendimi temsil edilmiş hissediyorum.",
                        "uk": "Я відчуваю, що мене представлено в моїй місцевій громаді.",
                        "ti": "ኣብ ከባቢያዊ ሕብረተሰበይ ውክልና ከም ዘለኒ ይስምዓኒ።",
                        "pl": "Czuję, że w mojej społeczności lokalnej mam swoich przedstawicieli.",
                    },
                },
                {
                    "code": "represented_decisions",
                    "kind": "agree",
                    "text": {
                        "da": (
                            "Jeg føler mig repræsenteret, når der bliver truffet "
                            "beslutninger, som påvirker mig og min familie."
                        ),
                        "en": (
                            "I feel represented when decisions are made that affect "
                            "me and my family."
                        ),
                        "ar": "أشعر بأن لي تمثيلًا عندما تُتَّخذ قرارات تؤثر عليّ وعلى عائلتي.",
                        "fa": (
                            "وقتی درباره‌ی چیزهایی که روی من و خانواده‌ام اثر دارد "
                            "تصمیم گرفته می‌شود، احساس می‌کنم نماینده دارم."
                        ),
                        "so": (
                            "Waxaan dareemayaa in la i matalo marka la gaarayo "
                            "go'aanno saameyn ku leh aniga iyo qoyskayga."
                        ),
                        "tr": (
                            "Beni ve ailemi etkileyen kararlar alınırken kendimi "
                            "temsil edilmiş hissediyorum."
                        ),
                        "uk": (
                            "Я відчуваю, що мене представлено, коли ухвалюють "
                            "рішення, які стосуються мене та моєї родини."
                        ),
                        "ti": (
                            "ኣባይን ኣብ ስድራይን ጽልዋ ዘለዎም ውሳነታት ክውሰኑ ከለዉ፣ ውክልና ከም ዘለኒ ይስምዓኒ።"
                        ),
                        "pl": (
                            "Czuję, że mam swoich przedstawicieli, gdy zapadają "
                            "decyzje, które dotyczą mnie i mojej rodziny."
                        ),
                    },
                },
                {
                    "code": "council_known",
                    "kind": "yesno",
                    "dont_know": True,
                    "text": {
                        "da": "Havde du hørt om kommunens Integrationsråd før i dag?",
                        "en": "Before today, had you heard of the municipality's Integration Council?",
                        "ar": "هل سمعت عن مجلس الاندماج في البلدية قبل اليوم؟",
                        "fa": "آیا پیش از امروز درباره‌ی شورای ادغام شهرداری چیزی شنیده بودید؟",
                        "so": "Maanta ka hor, ma maqashay Golaha Is-dhexgalka ee degmada?",
                        "tr": "Bugünden önce belediyenin Entegrasyon Konseyi'ni duymuş muydunuz?",
                        "uk": "Чи чули Ви до сьогодні про Раду з питань інтеграції муніципалітету?",
                        "ti": "ቅድሚ ሎሚ፣ ብዛዕባ ባይቶ ውህደት ናይ ምምሕዳር ከተማ ሰሚዕኩም ኔርኩም ዶ?",
                        "pl": "Czy przed dzisiejszym dniem słyszeli Państwo o Radzie ds. Integracji gminy?",
                    },
                },
            ],
        },
        # 2 ------------------------------------------------------------------
        {
            "code": "included",
            "title": {
                "da": "Tillid, fællesskab og indflydelse",
                "en": "Trust, community and influence",
                "ar": "الثقة والانتماء والتأثير",
                "fa": "اعتماد، احساس تعلق و تأثیرگذاری",
                "so": "Kalsoonida, bulshada iyo saameynta",
                "tr": "Güven, topluluk ve etki",
                "uk": "Довіра, спільнота і вплив",
                "ti": "እምነት፣ ሕብረተሰብን ጽልዋን",
                "pl": "Zaufanie, wspólnota i wpływ",
            },
            "questions": [
                {
                    "code": "trust_people",
                    "kind": "agree",
                    "text": {
                        "da": "De fleste mennesker i mit lokalområde er til at stole på.",
                        "en": "Most people in my local area can be trusted.",
                        "ar": "يمكن الوثوق بمعظم الناس في منطقتي.",
                        "fa": "به بیشتر مردم محله‌ام می‌شود اعتماد کرد.",
                        "so": "Inta badan dadka deegaankayga waa la aamini karaa.",
                        "tr": "Yaşadığım bölgedeki insanların çoğuna güvenilebilir.",
                        "uk": "Більшості людей у моїй місцевості можна довіряти.",
                        "ti": "ኣብ ከባቢይ ዘለዉ መብዛሕትኦም ሰባት ክእመኑ ይኽእሉ እዮም።",
                        "pl": "Większości ludzi w mojej okolicy można ufać.",
                    },
                },
                {
                    "code": "community_belong",
                    "kind": "agree",
                    "text": {
                        "da": "Jeg føler mig som en del af fællesskabet, der hvor jeg bor.",
                        "en": "I feel part of the community where I live.",
                        "ar": "أشعر بأنني جزء من المجتمع في المكان الذي أعيش فيه.",
                        "fa": "احساس می‌کنم بخشی از جامعه‌ی جایی هستم که در آن زندگی می‌کنم.",
                        "so": "Waxaan dareemayaa inaan ka mid ahay bulshada meesha aan ku noolahay.",
                        "tr": "Yaşadığım yerdeki topluluğun bir parçası olduğumu hissediyorum.",
                        "uk": "Я відчуваю себе частиною громади там, де я живу.",
                        "ti": "ኣብቲ ዝነብረሉ ቦታ ኣካል ናይቲ ሕብረተሰብ ከም ዝኾንኩ ይስምዓኒ።",
                        "pl": "Czuję, że jestem częścią społeczności tam, gdzie mieszkam.",
                    },
                },
                {
                    "code": "influence_local",
                    "kind": "agree",
                    "text": {
                        "da": "Jeg kan få indflydelse på det, der sker i mit lokalområde.",
                        "en": "I can influence what happens in my local area.",
                        "ar": "أستطيع أن أؤثر فيما يحدث في منطقتي.",
                        "fa": "می‌توانم بر آنچه در محله‌ام اتفاق می‌افتد تأثیر بگذارم.",
                        "so": "Waxaan saameyn ku yeelan karaa waxa ka dhaca deegaankayga.",
                        "tr": "Yaşadığım bölgede olup bitenleri etkileyebilirim.",
                        "uk": "Я можу впливати на те, що відбувається в моїй місцевості.",
                        "ti": "ኣብቲ ኣብ ከባቢይ ዝኸውን ነገር ጽልዋ ክገብር እኽእል እየ።",
                        "pl": "Mam wpływ na to, co dzieje się w mojej okolicy.",
                    },
                },
                {
                    "code": "discrimination_12m",
                    "kind": "yesno",
                    "dont_know": True,
                    "text": {
                        "da": (
                            "Er du inden for de seneste 12 måneder blevet behandlet "
                            "uretfærdigt på grund af din baggrund, religion eller "
                            "hudfarve?"
                        ),
                        "en": (
                            "In the last 12 months, have you been treated unfairly "
                            "because of your background, religion or skin colour?"
                        ),
                        "ar": (
                            "خلال الأشهر الـ12 الماضية، هل عوملت بشكل غير عادل بسبب "
                            "أصلك أو دينك أو لون بشرتك؟"
                        ),
                        "fa": (
                            "آیا در 12 ماه گذشته به خاطر پیشینه، دین یا رنگ پوستتان "
                            "با شما رفتار ناعادلانه‌ای شده است؟"
                        ),
                        "so": (
                            "12-kii bilood ee la soo dhaafay, ma lagula dhaqmay si aan "
                            "cadaalad ahayn sababtoo ah asalkaaga, diintaada ama "
                            "midabka maqaarkaaga?"
                        ),
                        "tr": (
                            "Son 12 ay içinde kökeniniz, dininiz veya ten renginiz "
                            "nedeniyle haksız bir muameleyle karşılaştınız mı?"
                        ),
                        "uk": (
                            "За останні 12 місяців чи ставилися до Вас несправедливо "
                            "через Ваше походження, релігію чи колір шкіри?"
                        ),
                        "ti": (
                            "ኣብዚ ዝሓለፈ 12 ኣዋርሕ፣ ብሰንኪ ድሕረ ባይታኹም፣ ሃይማኖትኩም ወይ "
                            "ሕብሪ ቆርበትኩም ዘይፍትሓዊ ኣተሓሕዛ ኣጋጢሙኩም ዶ?"
                        ),
                        "pl": (
                            "Czy w ciągu ostatnich 12 miesięcy byli Państwo traktowani "
                            "niesprawiedliwie z powodu pochodzenia, religii lub koloru "
                            "skóry?"
                        ),
                    },
                },
            ],
        },
        # 3 ------------------------------------------------------------------
        {
            "code": "discrimination",
            "title": {
                "da": "Hvor det skete",
                "en": "Where it happened",
                "ar": "أين حدث ذلك",
                "fa": "کجا اتفاق افتاد",
                "so": "Halka ay ka dhacday",
                "tr": "Nerede oldu",
                "uk": "Де це сталося",
                "ti": "ኣበይ ከም ዘጋጠመ",
                "pl": "Gdzie to się stało",
            },
            "questions": [
                {
                    "code": "discrimination_where",
                    "kind": "multi",
                    "show_if": ("discrimination_12m", ["yes"]),
                    "text": {
                        "da": "Hvor skete det?",
                        "en": "Where did it happen?",
                        "ar": "أين حدث ذلك؟",
                        "fa": "این اتفاق کجا افتاد؟",
                        "so": "Xaggee ayay ka dhacday?",
                        "tr": "Bu nerede oldu?",
                        "uk": "Де це сталося?",
                        "ti": "ኣበይ እዩ ኣጋጢሙኩም?",
                        "pl": "Gdzie to się stało?",
                    },
                    "help": _MULTI_HINT,
                    "choices": [
                        {
                            "code": "work",
                            "label": {
                                "da": "På arbejdet",
                                "en": "At work",
                                "ar": "في العمل",
                                "fa": "در محل کار",
                                "so": "Goobta shaqada",
                                "tr": "İşte",
                                "uk": "На роботі",
                                "ti": "ኣብ ስራሕ",
                                "pl": "W pracy",
                            },
                        },
                        {
                            "code": "education",
                            "label": {
                                "da": "I skolen eller på en uddannelse",
                                "en": "At school or in education",
                                "ar": "في المدرسة أو أثناء الدراسة",
                                "fa": "در مدرسه یا محل تحصیل",
                                "so": "Dugsiga ama waxbarashada",
                                "tr": "Okulda veya eğitimde",
                                "uk": "У школі чи на навчанні",
                                "ti": "ኣብ ቤት ትምህርቲ ወይ ኣብ ትምህርቲ",
                                "pl": "W szkole lub podczas nauki",
                            },
                        },
                        {
                            "code": "housing",
                            "label": {
                                "da": "Da jeg ledte efter en bolig",
                                "en": "When looking for a home",
                                "ar": "عند البحث عن سكن",
                                "fa": "هنگام پیدا کردن خانه",
                                "so": "Markii aan guri raadinayay",
                                "tr": "Ev ararken",
                                "uk": "Під час пошуку житла",
                                "ti": "ገዛ ክደሊ ከለኹ",
                                "pl": "Podczas szukania mieszkania",
                            },
                        },
                        {
                            "code": "authorities",
                            "label": {
                                "da": "Hos en myndighed, fx kommunen",
                                "en": "At a public office, e.g. the municipality",
                                "ar": "في دائرة حكومية، مثل البلدية",
                                "fa": "در یک اداره‌ی دولتی، مثلاً شهرداری",
                                "so": "Xafiis dowladeed, tusaale ahaan degmada",
                                "tr": "Bir resmi dairede, örneğin belediyede",
                                "uk": "У державній установі, наприклад у муніципалітеті",
                                "ti": "ኣብ ቤት ጽሕፈት መንግስቲ፣ ንኣብነት ምምሕዳር ከተማ",
                                "pl": "W urzędzie, np. w gminie",
                            },
                        },
                        {
                            "code": "health",
                            "label": {
                                "da": "I sundhedsvæsenet, fx hos lægen eller på hospitalet",
                                "en": "In health services, e.g. at the doctor or hospital",
                                "ar": "في الخدمات الصحية، مثل عند الطبيب أو في المستشفى",
                                "fa": "در خدمات درمانی، مثلاً پیش پزشک یا در بیمارستان",
                                "so": "Adeegyada caafimaadka, tusaale ahaan dhakhtarka ama isbitaalka",
                                "tr": "Sağlık hizmetlerinde, örneğin doktorda veya hastanede",
                                "uk": "У закладах охорони здоров’я, наприклад у лікаря чи в лікарні",
                                "ti": "ኣብ ኣገልግሎት ጥዕና፣ ንኣብነት ኣብ ሓኪም ወይ ሆስፒታል",
                                "pl": "W służbie zdrowia, np. u lekarza lub w szpitalu",
                            },
                        },
                        {
                            "code": "shops",
                            "label": {
                                "da": "I butikker, på restauranter eller i nattelivet",
                                "en": "In shops, restaurants or nightlife",
                                "ar": "في المتاجر أو المطاعم أو أماكن السهر",
                                "fa": "در فروشگاه‌ها، رستوران‌ها یا مکان‌های تفریحی شبانه",
                                "so": "Dukaamada, makhaayadaha ama meelaha madadaalada habeenkii",
                                "tr": "Mağazalarda, restoranlarda veya eğlence mekânlarında",
                                "uk": "У магазинах, ресторанах чи нічних закладах",
                                "ti": "ኣብ ድኳናት፣ ቤት መግቢ ወይ ናይ ለይቲ መዘናግዒ ቦታታት",
                                "pl": "W sklepach, restauracjach lub lokalach nocnych",
                            },
                        },
                        {
                            "code": "public_space",
                            "label": {
                                "da": "På gaden eller i den offentlige transport",
                                "en": "In the street or on public transport",
                                "ar": "في الشارع أو في المواصلات العامة",
                                "fa": "در خیابان یا در وسایل حمل‌ونقل عمومی",
                                "so": "Waddada ama gaadiidka dadweynaha",
                                "tr": "Sokakta veya toplu taşımada",
                                "uk": "На вулиці чи в громадському транспорті",
                                "ti": "ኣብ ጽርግያ ወይ ኣብ ህዝባዊ መጓዓዝያ",
                                "pl": "Na ulicy lub w komunikacji miejskiej",
                            },
                        },
                        {
                            "code": "online",
                            "label": {
                                "da": "På internettet eller sociale medier",
                                "en": "Online or on social media",
                                "ar": "على الإنترنت أو وسائل التواصل الاجتماعي",
                                "fa": "در اینترنت یا شبکه‌های اجتماعی",
                                "so": "Internetka ama baraha bulshada",
                                "tr": "İnternette veya sosyal medyada",
                                "uk": "В інтернеті чи соцмережах",
                                "ti": "ኣብ ኢንተርነት ወይ ማሕበራዊ ሚድያ",
                                "pl": "W internecie lub w mediach społecznościowych",
                            },
                        },
                        {
                            "code": "association",
                            "label": {
                                "da": "I en forening eller klub",
                                "en": "In an association or club",
                                "ar": "في جمعية أو نادٍ",
                                "fa": "در یک انجمن یا باشگاه",
                                "so": "Urur ama naadi",
                                "tr": "Bir dernekte veya kulüpte",
                                "uk": "В об’єднанні чи клубі",
                                "ti": "ኣብ ማሕበር ወይ ክለብ",
                                "pl": "W stowarzyszeniu lub klubie",
                            },
                        },
                        {
                            "code": "other",
                            "label": {
                                "da": "Et andet sted",
                                "en": "Somewhere else",
                                "ar": "في مكان آخر",
                                "fa": "جای دیگر",
                                "so": "Meel kale",
                                "tr": "Başka bir yerde",
                                "uk": "В іншому місці",
                                "ti": "ኣብ ካልእ ቦታ",
                                "pl": "W innym miejscu",
                            },
                        },
                    ],
                },
            ],
        },
        # 4 ------------------------------------------------------------------
        {
            "code": "taking_part",
            "title": {
                "da": "At deltage",
                "en": "Taking part",
                "ar": "المشاركة",
                "fa": "مشارکت",
                "so": "Ka qaybgalka",
                "tr": "Katılım",
                "uk": "Участь",
                "ti": "ተሳትፎ",
                "pl": "Udział",
            },
            "questions": [
                {
                    "code": "member_association",
                    "kind": "yesno",
                    "text": {
                        "da": "Er du medlem af en forening eller klub?",
                        "en": "Are you a member of an association or club?",
                        "ar": "هل أنت عضو في جمعية أو نادٍ؟",
                        "fa": "آیا عضو یک انجمن یا باشگاه هستید؟",
                        "so": "Ma xubin ka tahay urur ama naadi?",
                        "tr": "Bir derneğe veya kulübe üye misiniz?",
                        "uk": "Чи є Ви членом якогось об’єднання чи клубу?",
                        "ti": "ኣባል ማሕበር ወይ ክለብ ዲኹም?",
                        "pl": "Czy należą Państwo do jakiegoś stowarzyszenia lub klubu?",
                    },
                    "help": {
                        "da": "Fx sport, kultur, et trossamfund eller en beboerforening.",
                        "en": (
                            "For example sport, culture, a religious community or a "
                            "residents' association."
                        ),
                        "ar": "مثلًا: رياضة، ثقافة، جماعة دينية أو جمعية سكان.",
                        "fa": "مثلاً ورزش، فرهنگ، یک جامعه‌ی دینی یا انجمن ساکنان.",
                        "so": (
                            "Tusaale ahaan isboorti, dhaqan, bulsho diimeed ama urur "
                            "dadka deegaanka."
                        ),
                        "tr": "Örneğin spor, kültür, bir dini cemaat veya bir sakinler derneği.",
                        "uk": (
                            "Наприклад, спорт, культура, релігійна громада чи "
                            "об’єднання мешканців."
                        ),
                        "ti": "ንኣብነት ስፖርት፣ ባህሊ፣ ሃይማኖታዊ ማሕበር ወይ ማሕበር ነበርቲ።",
                        "pl": (
                            "Na przykład sport, kultura, wspólnota religijna lub "
                            "stowarzyszenie mieszkańców."
                        ),
                    },
                },
                {
                    "code": "volunteer_12m",
                    "kind": "yesno",
                    "text": {
                        "da": "Har du lavet frivilligt arbejde inden for de seneste 12 måneder?",
                        "en": "In the last 12 months, have you done voluntary work?",
                        "ar": "خلال الأشهر الـ12 الماضية، هل قمت بعمل تطوعي؟",
                        "fa": "آیا در 12 ماه گذشته کار داوطلبانه انجام داده‌اید؟",
                        "so": "12-kii bilood ee la soo dhaafay, ma qabatay shaqo tabarruc ah?",
                        "tr": "Son 12 ay içinde gönüllü bir iş yaptınız mı?",
                        "uk": "Чи займалися Ви волонтерством за останні 12 місяців?",
                        "ti": "ኣብዚ ዝሓለፈ 12 ኣዋርሕ፣ ወለንታዊ ስራሕ ሰሪሕኩም ዶ?",
                        "pl": "Czy w ciągu ostatnich 12 miesięcy angażowali się Państwo w wolontariat?",
                    },
                },
            ],
        },
        # 5 ------------------------------------------------------------------
        # A section of its own: show_if must point to an earlier section.
        {
            "code": "taking_part_more",
            "title": {
                "da": "Mere om at deltage",
                "en": "More about taking part",
                "ar": "المزيد عن المشاركة",
                "fa": "بیشتر درباره‌ی مشارکت",
                "so": "Wax dheeraad ah oo ku saabsan ka qaybgalka",
                "tr": "Katılım hakkında biraz daha",
                "uk": "Ще трохи про участь",
                "ti": "ተወሳኺ ብዛዕባ ተሳትፎ",
                "pl": "Więcej o udziale",
            },
            "questions": [
                {
                    "code": "association_kinds",
                    "kind": "multi",
                    "show_if": ("member_association", ["yes"]),
                    "text": {
                        "da": "Hvilken slags forening eller klub?",
                        "en": "What kind of association or club?",
                        "ar": "ما نوع الجمعية أو النادي؟",
                        "fa": "چه نوع انجمن یا باشگاهی؟",
                        "so": "Waa noocee ururka ama naadiga?",
                        "tr": "Ne tür bir dernek veya kulüp?",
                        "uk": "Що це за об’єднання чи клуб?",
                        "ti": "እንታይ ዓይነት ማሕበር ወይ ክለብ?",
                        "pl": "Jakiego rodzaju jest to stowarzyszenie lub klub?",
                    },
                    "help": _MULTI_HINT,
                    "choices": [
                        {
                            "code": "sport",
                            "label": {
                                "da": "Sport",
                                "en": "Sport",
                                "ar": "رياضة",
                                "fa": "ورزشی",
                                "so": "Isboorti",
                                "tr": "Spor",
                                "uk": "Спорт",
                                "ti": "ስፖርት",
                                "pl": "Sport",
                            },
                        },
                        {
                            "code": "culture",
                            "label": {
                                "da": "Kultur",
                                "en": "Culture",
                                "ar": "ثقافة",
                                "fa": "فرهنگی",
                                "so": "Dhaqan",
                                "tr": "Kültür",
                                "uk": "Культура",
                                "ti": "ባህሊ",
                                "pl": "Kultura",
                            },
                        },
                        {
                            "code": "religious",
                            "label": {
                                "da": "Trossamfund",
                                "en": "Religious community",
                                "ar": "جماعة دينية",
                                "fa": "جامعه‌ی دینی",
                                "so": "Bulsho diimeed",
                                "tr": "Dini cemaat",
                                "uk": "Релігійна громада",
                                "ti": "ሃይማኖታዊ ማሕበር",
                                "pl": "Wspólnota religijna",
                            },
                        },
                        {
                            "code": "volunteering",
                            "label": {
                                "da": "Frivilligt arbejde",
                                "en": "Volunteering",
                                "ar": "عمل تطوعي",
                                "fa": "کار داوطلبانه",
                                "so": "Shaqo tabarruc ah",
                                "tr": "Gönüllülük",
                                "uk": "Волонтерство",
                                "ti": "ወለንታዊ ስራሕ",
                                "pl": "Wolontariat",
                            },
                        },
                        {
                            "code": "residents",
                            "label": {
                                "da": "Beboerdemokrati eller boligforening",
                                "en": "Residents' democracy or housing association",
                                "ar": "ديمقراطية السكان أو جمعية الإسكان",
                                "fa": "شورای ساکنان یا انجمن مسکن",
                                "so": "Dimuqraadiyadda dadka deggan ama ururka guryaha",
                                "tr": "Sakinler demokrasisi veya konut derneği",
                                "uk": "Самоврядування мешканців або житлова асоціація",
                                "ti": "ደሞክራሲ ነበርቲ ወይ ማሕበር ገዛውቲ",
                                "pl": "Samorząd mieszkańców lub spółdzielnia mieszkaniowa",
                            },
                        },
                        {
                            "code": "parents",
                            "label": {
                                "da": "Forældre- eller elevforening",
                                "en": "Parents' or pupils' organisation",
                                "ar": "جمعية أولياء الأمور أو التلاميذ",
                                "fa": "انجمن اولیا یا دانش‌آموزان",
                                "so": "Ururka waalidiinta ama ardayda",
                                "tr": "Veli veya öğrenci derneği",
                                "uk": "Батьківська чи учнівська організація",
                                "ti": "ማሕበር ወለዲ ወይ ተመሃሮ",
                                "pl": "Organizacja rodziców lub uczniów",
                            },
                        },
                        {
                            "code": "other",
                            "label": {
                                "da": "Andet",
                                "en": "Other",
                                "ar": "غير ذلك",
                                "fa": "دیگر",
                                "so": "Wax kale",
                                "tr": "Diğer",
                                "uk": "Інше",
                                "ti": "ካልእ",
                                "pl": "Inne",
                            },
                        },
                    ],
                },
                {
                    "code": "boards",
                    "kind": "multi",
                    "text": {
                        "da": "Sidder du i en af disse bestyrelser?",
                        "en": "Do you sit on any of these boards?",
                        "ar": "هل أنت عضو في أحد هذه المجالس؟",
                        "fa": "آیا عضو یکی از این هیئت‌مدیره‌ها یا شوراها هستید؟",
                        "so": "Ma xubin ka tahay mid ka mid ah guddiyadan?",
                        "tr": "Aşağıdaki kurullardan birinde görev alıyor musunuz?",
                        "uk": "Чи входите Ви до складу якоїсь із цих рад?",
                        "ti": "ኣባል ሓደ ካብዞም ኮሚቴታት ዲኹም?",
                        "pl": "Czy zasiadają Państwo w którejś z tych rad lub zarządów?",
                    },
                    "help": _MULTI_HINT,
                    "choices": [
                        {
                            "code": "school",
                            "label": {
                                "da": "Skolebestyrelse",
                                "en": "School board",
                                "ar": "مجلس المدرسة",
                                "fa": "شورای مدرسه",
                                "so": "Guddiga dugsiga",
                                "tr": "Okul yönetim kurulu",
                                "uk": "Рада школи",
                                "ti": "ኮሚቴ ቤት ትምህርቲ",
                                "pl": "Rada szkoły",
                            },
                        },
                        {
                            "code": "daycare",
                            "label": {
                                "da": "Bestyrelse i vuggestue eller børnehave",
                                "en": "Day-care board (nursery or kindergarten)",
                                "ar": "مجلس الحضانة أو الروضة",
                                "fa": "شورای مهدکودک",
                                "so": "Guddiga xannaanada ama dugsiga barbaarinta",
                                "tr": "Kreş veya anaokulu yönetim kurulu",
                                "uk": "Рада ясел чи дитячого садка",
                                "ti": "ኮሚቴ መዋእለ ህጻናት",
                                "pl": "Rada żłobka lub przedszkola",
                            },
                        },
                        {
                            "code": "housing",
                            "label": {
                                "da": "Afdelingsbestyrelse i en boligforening",
                                "en": "Housing section board (afdelingsbestyrelse)",
                                "ar": "مجلس القسم في جمعية الإسكان (afdelingsbestyrelse)",
                                "fa": "هیئت‌مدیره‌ی بخش مسکونی (afdelingsbestyrelse)",
                                "so": "Guddiga qaybta ururka guryaha (afdelingsbestyrelse)",
                                "tr": "Konut derneği bölüm yönetim kurulu (afdelingsbestyrelse)",
                                "uk": "Правління житлового відділення (afdelingsbestyrelse)",
                                "ti": "ኮሚቴ ክፍሊ ማሕበር ገዛውቲ (afdelingsbestyrelse)",
                                "pl": "Zarząd osiedla w spółdzielni mieszkaniowej (afdelingsbestyrelse)",
                            },
                        },
                        {
                            "code": "association",
                            "label": {
                                "da": "Bestyrelse i en forening",
                                "en": "Board of an association",
                                "ar": "مجلس إدارة جمعية",
                                "fa": "هیئت‌مدیره‌ی یک انجمن",
                                "so": "Guddiga urur",
                                "tr": "Bir derneğin yönetim kurulu",
                                "uk": "Правління об’єднання",
                                "ti": "ኮሚቴ ማሕበር",
                                "pl": "Zarząd stowarzyszenia",
                            },
                        },
                        {
                            "code": "local_council",
                            "label": {
                                "da": "Lokalråd",
                                "en": "Local council (lokalråd)",
                                "ar": "المجلس المحلي (lokalråd)",
                                "fa": "شورای محلی (lokalråd)",
                                "so": "Golaha deegaanka (lokalråd)",
                                "tr": "Yerel konsey (lokalråd)",
                                "uk": "Місцева рада (lokalråd)",
                                "ti": "ከባቢያዊ ባይቶ (lokalråd)",
                                "pl": "Rada lokalna (lokalråd)",
                            },
                        },
                        {
                            "code": "none",
                            "exclusive": True,
                            "label": {
                                "da": "Ingen af disse",
                                "en": "None of these",
                                "ar": "لا شيء مما سبق",
                                "fa": "هیچ‌کدام",
                                "so": "Midna",
                                "tr": "Hiçbiri",
                                "uk": "Жодної з цих",
                                "ti": "ካብዚኣቶም ሓደ እውን የለን",
                                "pl": "Żadne z tych",
                            },
                        },
                    ],
                },
                {
                    "code": "hours_month",
                    "kind": "number",
                    "min": 0,
                    "max": 300,
                    "text": {
                        "da": (
                            "Cirka hvor mange timer om måneden bruger du på foreninger "
                            "eller frivilligt arbejde?"
                        ),
                        "en": (
                            "About how many hours a month do you spend in associations "
                            "or voluntary work?"
                        ),
                        "ar": "كم ساعة تقريبًا في الشهر تقضي في الجمعيات أو العمل التطوعي؟",
                        "fa": (
                            "تقریباً چند ساعت در ماه را در انجمن‌ها یا کار داوطلبانه "
                            "می‌گذرانید؟"
                        ),
                        "so": (
                            "Qiyaastii imisa saacadood bishii ayaad ku bixisaa ururada "
                            "ama shaqada tabarruca ah?"
                        ),
                        "tr": (
                            "Derneklerde veya gönüllü işlerde ayda yaklaşık kaç saat "
                            "geçiriyorsunuz?"
                        ),
                        "uk": (
                            "Приблизно скільки годин на місяць Ви приділяєте "
                            "об’єднанням чи волонтерству?"
                        ),
                        "ti": "ኣብ ማሕበራት ወይ ወለንታዊ ስራሕ፣ ኣብ ወርሒ ኣስታት ክንደይ ሰዓት ተሕልፉ?",
                        "pl": (
                            "Ile mniej więcej godzin w miesiącu poświęcają Państwo na "
                            "stowarzyszenia lub wolontariat?"
                        ),
                    },
                    "help": {
                        "da": "Skriv 0, hvis du ikke bruger tid på det.",
                        "en": "Write 0 if none.",
                        "ar": "اكتب 0 إذا لم تقضِ أي وقت في ذلك.",
                        "fa": "اگر هیچ وقتی نمی‌گذارید، 0 بنویسید.",
                        "so": "Qor 0 haddii aadan waqti ku bixin.",
                        "tr": "Hiç zaman ayırmıyorsanız 0 yazın.",
                        "uk": "Якщо не приділяєте на це часу, напишіть 0.",
                        "ti": "ዋላ ሓንቲ ሰዓት እንተ ዘየሕለፍኩም፣ 0 ጽሓፉ።",
                        "pl": "Jeśli nie poświęcają Państwo na to czasu, proszę wpisać 0.",
                    },
                },
                {
                    "code": "barriers",
                    "kind": "multi",
                    "text": {
                        "da": "Er der noget, der gør det svært for dig at deltage?",
                        "en": "What, if anything, makes it hard for you to take part?",
                        "ar": "هل هناك ما يصعّب عليك المشاركة؟ ما هو؟",
                        "fa": "اگر چیزی شرکت کردن را برایتان سخت می‌کند، آن چیست؟",
                        "so": "Ma jiraa wax kuu adkeeya inaad ka qayb qaadato? Waa maxay?",
                        "tr": "Katılmanızı zorlaştıran bir şey var mı? Varsa ne?",
                        "uk": "Чи є щось, що заважає Вам брати участь?",
                        "ti": "ክትሳተፉ ዘጸግመኩም ነገር እንተሎ፣ እንታይ እዩ?",
                        "pl": "Czy coś utrudnia Państwu udział? Jeśli tak, to co?",
                    },
                    "help": _MULTI_HINT,
                    "choices": [
                        {
                            "code": "language",
                            "label": {
                                "da": "Sproget",
                                "en": "Language",
                                "ar": "اللغة",
                                "fa": "زبان",
                                "so": "Luqadda",
                                "tr": "Dil",
                                "uk": "Мова",
                                "ti": "ቋንቋ",
                                "pl": "Język",
                            },
                        },
                        {
                            "code": "money",
                            "label": {
                                "da": "Penge",
                                "en": "Money",
                                "ar": "المال",
                                "fa": "پول",
                                "so": "Lacag",
                                "tr": "Para",
                                "uk": "Гроші",
                                "ti": "ገንዘብ",
                                "pl": "Pieniądze",
                            },
                        },
                        {
                            "code": "time",
                            "label": {
                                "da": "Tid",
                                "en": "Time",
                                "ar": "الوقت",
                                "fa": "وقت",
                                "so": "Waqti",
                                "tr": "Zaman",
                                "uk": "Час",
                                "ti": "ግዜ",
                                "pl": "Czas",
                            },
                        },
                        {
                            "code": "not_invited",
                            "label": {
                                "da": "Ingen har inviteret mig",
                                "en": "No one invited me",
                                "ar": "لم يدعُني أحد",
                                "fa": "کسی مرا دعوت نکرده است",
                                "so": "Qofna ima casuumin",
                                "tr": "Kimse beni davet etmedi",
                                "uk": "Мене ніхто не запросив",
                                "ti": "ዝዓደመኒ ሰብ የለን",
                                "pl": "Nikt mnie nie zaprosił",
                            },
                        },
                        {
                            "code": "not_knowing",
                            "label": {
                                "da": "Jeg ved ikke, hvordan man gør",
                                "en": "I don't know how",
                                "ar": "لا أعرف كيف",
                                "fa": "نمی‌دانم چطور",
                                "so": "Ma aqaan sida loo sameeyo",
                                "tr": "Nasıl yapılacağını bilmiyorum",
                                "uk": "Я не знаю, як це зробити",
                                "ti": "ከመይ ከም ዝግበር ኣይፈልጥን",
                                "pl": "Nie wiem, jak to zrobić",
                            },
                        },
                        {
                            "code": "discrimination",
                            "label": {
                                "da": "Jeg er bange for at blive behandlet uretfærdigt",
                                "en": "I fear being treated unfairly",
                                "ar": "أخشى أن أُعامَل بشكل غير عادل",
                                "fa": "می‌ترسم با من ناعادلانه رفتار شود",
                                "so": "Waxaan ka baqayaa in si aan cadaalad ahayn la iila dhaqmo",
                                "tr": "Haksız muamele görmekten korkuyorum",
                                "uk": "Я боюся несправедливого ставлення",
                                "ti": "ዘይፍትሓዊ ኣተሓሕዛ ከየጋጥመኒ እፈርህ",
                                "pl": "Boję się niesprawiedliwego traktowania",
                            },
                        },
                        {
                            "code": "other",
                            "label": {
                                "da": "Noget andet",
                                "en": "Something else",
                                "ar": "شيء آخر",
                                "fa": "چیز دیگری",
                                "so": "Wax kale",
                                "tr": "Başka bir şey",
                                "uk": "Щось інше",
                                "ti": "ካልእ ነገር",
                                "pl": "Coś innego",
                            },
                        },
                        {
                            "code": "nothing",
                            "exclusive": True,
                            "label": {
                                "da": "Intet – der er ikke noget, der stopper mig",
                                "en": "Nothing stops me",
                                "ar": "لا شيء يمنعني",
                                "fa": "هیچ چیز مانع من نیست",
                                "so": "Waxba ima hor istaagaan",
                                "tr": "Hiçbir şey beni engellemiyor",
                                "uk": "Мені ніщо не заважає",
                                "ti": "ዝኽልክለኒ ነገር የለን",
                                "pl": "Nic mi nie przeszkadza",
                            },
                        },
                    ],
                },
            ],
        },
        # 6 ------------------------------------------------------------------
        {
            "code": "your_voice",
            "title": {
                "da": "Med dine egne ord",
                "en": "In your own words",
                "ar": "بكلماتك أنت",
                "fa": "با کلمات خودتان",
                "so": "Ereyadaada",
                "tr": "Kendi sözlerinizle",
                "uk": "Своїми словами",
                "ti": "ብቓላትኩም",
                "pl": "Własnymi słowami",
            },
            "intro": {
                "da": (
                    "Du må gerne skrive på det sprog, du vil. Skriv ikke navne, "
                    "telefonnumre eller CPR-numre."
                ),
                "en": (
                    "You can write in any language you like. Please do not write "
                    "names, phone numbers or CPR numbers (personal ID numbers)."
                ),
                "ar": (
                    "يمكنك الكتابة بأي لغة تريدها. من فضلك لا تكتب أسماء أو أرقام "
                    "هواتف أو أرقام الهوية الشخصية (CPR)."
                ),
                "fa": (
                    "می‌توانید به هر زبانی که می‌خواهید بنویسید. لطفاً نام، شماره‌ی "
                    "تلفن یا شماره‌ی شناسایی شخصی (CPR) ننویسید."
                ),
                "so": (
                    "Waxaad ku qori kartaa luqad kasta oo aad rabto. Fadlan ha qorin "
                    "magacyo, lambarro taleefan ama lambarka aqoonsiga shakhsiga "
                    "(CPR)."
                ),
                "tr": (
                    "İstediğiniz dilde yazabilirsiniz. Lütfen isim, telefon numarası "
                    "veya kişisel kimlik numarası (CPR) yazmayın."
                ),
                "uk": (
                    "Можна писати будь-якою мовою. Будь ласка, не пишіть імен, номерів "
                    "телефонів чи персональних ідентифікаційних номерів (CPR)."
                ),
                "ti": (
                    "ብዝደለኹምዎ ቋንቋ ክትጽሕፉ ትኽእሉ ኢኹም። በጃኹም ኣስማት፣ ቁጽሪ ቴሌፎን ወይ "
                    "ናይ ውልቂ መለለዪ ቁጽሪ (CPR) ኣይትጽሓፉ።"
                ),
                "pl": (
                    "Można pisać w dowolnym języku. Prosimy nie wpisywać imion i "
                    "nazwisk, numerów telefonów ani numerów identyfikacyjnych (CPR)."
                ),
            },
            "questions": [
                {
                    "code": "more_represented",
                    "kind": "text",
                    "max_length": 2000,
                    "text": {
                        "da": (
                            "Hvad ville få dig til at føle dig mere repræsenteret, der "
                            "hvor du bor?"
                        ),
                        "en": "What would make you feel more represented where you live?",
                        "ar": (
                            "ما الذي يمكن أن يجعلك تشعر بتمثيل أكبر في المكان الذي "
                            "تعيش فيه؟"
                        ),
                        "fa": (
                            "چه چیزی باعث می‌شود بیشتر احساس کنید در جایی که زندگی "
                            "می‌کنید نماینده دارید؟"
                        ),
                        "so": (
                            "Maxaa kaa dhigi lahaa inaad dareento in si ka badan lagu "
                            "matalo meesha aad ku nooshahay?"
                        ),
                        "tr": (
                            "Yaşadığınız yerde kendinizi daha çok temsil edilmiş "
                            "hissetmeniz için ne olması gerekir?"
                        ),
                        "uk": (
                            "Що допомогло б Вам більше відчувати, що Вас представлено "
                            "там, де Ви живете?"
                        ),
                        "ti": ("ኣብቲ እትነብሩሉ ቦታ ዝያዳ ውክልና ከም ዘለኩም ንኽስምዓኩም እንታይ ምሓገዘ?"),
                        "pl": (
                            "Co sprawiłoby, że bardziej czuliby Państwo, że mają "
                            "swoich przedstawicieli tam, gdzie mieszkają?"
                        ),
                    },
                },
                {
                    "code": "anything_else",
                    "kind": "text",
                    "max_length": 2000,
                    "text": {
                        "da": "Er der andet, du gerne vil fortælle Integrationsrådet?",
                        "en": "Is there anything else you want the Integration Council to know?",
                        "ar": "هل هناك أي شيء آخر تريد أن يعرفه مجلس الاندماج؟",
                        "fa": "آیا چیز دیگری هست که بخواهید شورای ادغام بداند؟",
                        "so": "Ma jiraa wax kale oo aad rabto in Golaha Is-dhexgalka uu ogaado?",
                        "tr": "Entegrasyon Konseyi'nin bilmesini istediğiniz başka bir şey var mı?",
                        "uk": "Чи є ще щось, що Ви хотіли б повідомити Раді з питань інтеграції?",
                        "ti": "ባይቶ ውህደት ክፈልጦ እትደልይዎ ካልእ ነገር ኣሎ ዶ?",
                        "pl": "Czy jest coś jeszcze, o czym Rada ds. Integracji powinna wiedzieć?",
                    },
                },
            ],
        },
        # 7 ------------------------------------------------------------------
        {
            "code": "background",
            "title": {
                "da": "Om dig",
                "en": "About you",
                "ar": "معلومات عنك",
                "fa": "درباره‌ی شما",
                "so": "Wax adiga kugu saabsan",
                "tr": "Sizinle ilgili",
                "uk": "Про Вас",
                "ti": "ብዛዕባኹም",
                "pl": "Informacje o Państwu",
            },
            "intro": {
                "da": (
                    "Disse spørgsmål er frivillige. De hjælper rådet med at se, om "
                    "mennesker med alle slags baggrunde føler sig repræsenteret. Vi "
                    "spørger aldrig om dit navn."
                ),
                "en": (
                    "These questions are optional. They help the council see whether "
                    "people of all backgrounds feel represented. We never ask your "
                    "name."
                ),
                "ar": (
                    "هذه الأسئلة اختيارية. فهي تساعد المجلس على أن يرى هل يشعر الناس "
                    "من جميع الخلفيات بأنهم ممثَّلون. لن نسألك عن اسمك أبدًا."
                ),
                "fa": (
                    "این پرسش‌ها اختیاری هستند. آن‌ها به شورا کمک می‌کنند ببیند آیا "
                    "مردم با هر پیشینه‌ای احساس می‌کنند نماینده دارند. ما هرگز نام شما "
                    "را نمی‌پرسیم."
                ),
                "so": (
                    "Su'aalahan waa ikhtiyaari. Waxay golaha ka caawinayaan inuu arko "
                    "haddii dadka asal kasta leh ay dareemaan in la matalo. Weligeen "
                    "ma weydiinno magacaaga."
                ),
                "tr": (
                    "Bu sorular isteğe bağlıdır. Konseyin, her kökenden insanın kendini "
                    "temsil edilmiş hissedip hissetmediğini görmesine yardımcı olur. "
                    "Adınızı asla sormayız."
                ),
                "uk": (
                    "Ці запитання необов’язкові. Вони допомагають раді побачити, чи "
                    "відчувають люди різного походження, що їх представлено. Ми ніколи "
                    "не запитуємо Вашого імені."
                ),
                "ti": (
                    "እዞም ሕቶታት ብድሌትኩም ዝምለሱ እዮም። ባይቶ፣ ካብ ኩሉ ድሕረ ባይታ ዝመጹ ሰባት "
                    "ውክልና ከም ዘለዎም ይስምዖም ዶ ንኽርኢ ይሕግዝዎ። ስምኩም ፈጺምና ኣይንሓትን።"
                ),
                "pl": (
                    "Te pytania są nieobowiązkowe. Pomagają radzie sprawdzić, czy osoby "
                    "o różnym pochodzeniu czują, że mają swoich przedstawicieli. Nigdy "
                    "nie pytamy o imię i nazwisko."
                ),
            },
            "questions": [
                {
                    "code": "born_dk",
                    "kind": "yesno",
                    "dont_know": True,
                    "role": "born_dk",
                    "text": {
                        "da": "Er du født i Danmark?",
                        "en": "Were you born in Denmark?",
                        "ar": "هل وُلدت في الدنمارك؟",
                        "fa": "آیا در دانمارک به دنیا آمده‌اید؟",
                        "so": "Ma ku dhalatay Denmark?",
                        "tr": "Danimarka'da mı doğdunuz?",
                        "uk": "Чи народилися Ви в Данії?",
                        "ti": "ኣብ ዴንማርክ ተወሊድኩም ዶ?",
                        "pl": "Czy urodzili się Państwo w Danii?",
                    },
                },
                {
                    "code": "citizen_dk",
                    "kind": "yesno",
                    "dont_know": True,
                    "role": "citizen_dk",
                    "text": {
                        "da": "Er du dansk statsborger?",
                        "en": "Are you a Danish citizen?",
                        "ar": "هل تحمل الجنسية الدنماركية؟",
                        "fa": "آیا تابعیت دانمارک را دارید؟",
                        "so": "Ma haysataa dhalashada Denmark?",
                        "tr": "Danimarka vatandaşı mısınız?",
                        "uk": "Чи маєте Ви громадянство Данії?",
                        "ti": "ዜግነት ዴንማርክ ኣለኩም ዶ?",
                        "pl": "Czy mają Państwo obywatelstwo duńskie?",
                    },
                },
                {
                    "code": "mother_dk",
                    "kind": "yesno",
                    "dont_know": True,
                    "role": "mother_dk",
                    "text": {
                        "da": "Er din mor født i Danmark og dansk statsborger?",
                        "en": "Was your mother born in Denmark and a Danish citizen?",
                        "ar": "هل وُلدت والدتك في الدنمارك وتحمل الجنسية الدنماركية؟",
                        "fa": "آیا مادرتان در دانمارک به دنیا آمده و تابعیت دانمارک دارد؟",
                        "so": "Hooyadaa ma ku dhalatay Denmark, oo ma haysataa dhalashada Denmark?",
                        "tr": "Anneniz Danimarka'da doğmuş ve Danimarka vatandaşı mı?",
                        "uk": "Чи народилася Ваша мати в Данії і чи має вона громадянство Данії?",
                        "ti": "ኣዴኹም ኣብ ዴንማርክ ተወሊዳ፣ ዜግነት ዴንማርክ ድማ ኣለዋ ዶ?",
                        "pl": "Czy Państwa matka urodziła się w Danii i ma obywatelstwo duńskie?",
                    },
                    "help": _BOTH_HINT,
                },
                {
                    "code": "father_dk",
                    "kind": "yesno",
                    "dont_know": True,
                    "role": "father_dk",
                    "text": {
                        "da": "Er din far født i Danmark og dansk statsborger?",
                        "en": "Was your father born in Denmark and a Danish citizen?",
                        "ar": "هل وُلد والدك في الدنمارك ويحمل الجنسية الدنماركية؟",
                        "fa": "آیا پدرتان در دانمارک به دنیا آمده و تابعیت دانمارک دارد؟",
                        "so": "Aabbahaa ma ku dhashay Denmark, oo ma haystaa dhalashada Denmark?",
                        "tr": "Babanız Danimarka'da doğmuş ve Danimarka vatandaşı mı?",
                        "uk": "Чи народився Ваш батько в Данії і чи має він громадянство Данії?",
                        "ti": "ኣቦኹም ኣብ ዴንማርክ ተወሊዱ፣ ዜግነት ዴንማርክ ድማ ኣለዎ ዶ?",
                        "pl": "Czy Państwa ojciec urodził się w Danii i ma obywatelstwo duńskie?",
                    },
                    "help": _BOTH_HINT,
                },
                {
                    "code": "country_group",
                    "kind": "single",
                    "role": "country_group",
                    "text": {
                        "da": (
                            "Hvis du eller dine forældre er kommet til Danmark fra et "
                            "andet land: Hvilket land?"
                        ),
                        "en": (
                            "If you or your parents came to Denmark from another "
                            "country: which country?"
                        ),
                        "ar": (
                            "إذا كنت أنت أو والداك قد جئتم إلى الدنمارك من بلد آخر: "
                            "من أي بلد؟"
                        ),
                        "fa": (
                            "اگر شما یا پدر و مادرتان از کشور دیگری به دانمارک "
                            "آمده‌اید: از کدام کشور؟"
                        ),
                        "so": (
                            "Haddii adiga ama waalidiintaadu Denmark uga timaadeen "
                            "waddan kale: waddankee?"
                        ),
                        "tr": (
                            "Siz veya anne babanız Danimarka'ya başka bir ülkeden "
                            "geldiyseniz: hangi ülkeden?"
                        ),
                        "uk": (
                            "Якщо Ви або Ваші батьки приїхали до Данії з іншої країни: "
                            "з якої?"
                        ),
                        "ti": (
                            "ንስኻትኩም ወይ ወለድኹም ካብ ካልእ ሃገር ናብ ዴንማርክ እንተ መጺእኩም፦ ካበየናይ ሃገር?"
                        ),
                        "pl": (
                            "Jeśli Państwo lub Państwa rodzice przyjechali do Danii z "
                            "innego kraju: z jakiego?"
                        ),
                    },
                    "choices": [
                        {
                            "code": "western",
                            "label": {
                                "da": (
                                    "Et vestligt land: et EU-land, Norge, Island, "
                                    "Storbritannien, Schweiz, USA, Canada, Australien "
                                    "eller New Zealand"
                                ),
                                "en": (
                                    "A western country: an EU country, Norway, Iceland, "
                                    "the UK, Switzerland, the USA, Canada, Australia or "
                                    "New Zealand"
                                ),
                                "ar": (
                                    "بلد غربي: بلد في الاتحاد الأوروبي، النرويج، "
                                    "آيسلندا، المملكة المتحدة، سويسرا، الولايات "
                                    "المتحدة، كندا، أستراليا أو نيوزيلندا"
                                ),
                                "fa": (
                                    "یک کشور غربی: یکی از کشورهای اتحادیه‌ی اروپا، "
                                    "نروژ، ایسلند، بریتانیا، سوئیس، آمریکا، کانادا، "
                                    "استرالیا یا نیوزیلند"
                                ),
                                "so": (
                                    "Waddan reer galbeed ah: waddan ka tirsan Midowga "
                                    "Yurub, Norway, Iceland, Ingiriiska, Swiiserland, "
                                    "Maraykanka, Kanada, Awstaraaliya ama New Zealand"
                                ),
                                "tr": (
                                    "Batılı bir ülke: bir AB ülkesi, Norveç, İzlanda, "
                                    "Birleşik Krallık, İsviçre, ABD, Kanada, Avustralya "
                                    "veya Yeni Zelanda"
                                ),
                                "uk": (
                                    "Західна країна: країна ЄС, Норвегія, Ісландія, "
                                    "Велика Британія, Швейцарія, США, Канада, "
                                    "Австралія або Нова Зеландія"
                                ),
                                "ti": (
                                    "ምዕራባዊት ሃገር፦ ሃገር ሕብረት ኤውሮጳ፣ ኖርወይ፣ ኣይስላንድ፣ "
                                    "ብሪጣንያ፣ ስዊዘርላንድ፣ ኣመሪካ፣ ካናዳ፣ ኣውስትራልያ ወይ "
                                    "ኒው ዚላንድ"
                                ),
                                "pl": (
                                    "Kraj zachodni: kraj UE, Norwegia, Islandia, Wielka "
                                    "Brytania, Szwajcaria, USA, Kanada, Australia lub "
                                    "Nowa Zelandia"
                                ),
                            },
                        },
                        {
                            "code": "non_western",
                            "label": {
                                "da": "Et andet land end dem",
                                "en": "Another country, outside those",
                                "ar": "بلد آخر غير هذه البلدان",
                                "fa": "کشوری دیگر، غیر از این‌ها",
                                "so": "Waddan kale oo aan kuwaas ahayn",
                                "tr": "Bunların dışında başka bir ülke",
                                "uk": "Інша країна, не з цього переліку",
                                "ti": "ካልእ ሃገር፣ ካብዚኣተን ወጻኢ",
                                "pl": "Inny kraj, spoza tej listy",
                            },
                        },
                        {
                            "code": "not_relevant",
                            "label": {
                                "da": "Det gælder ikke for mig",
                                "en": "Does not apply to me",
                                "ar": "لا ينطبق عليّ",
                                "fa": "به من مربوط نمی‌شود",
                                "so": "Ima khuseyso",
                                "tr": "Benim için geçerli değil",
                                "uk": "Мене це не стосується",
                                "ti": "ኣይምልከተንን",
                                "pl": "Nie dotyczy mnie",
                            },
                        },
                    ],
                },
            ],
        },
        # 8 ------------------------------------------------------------------
        # A section of its own: show_if must point to an earlier section.
        {
            "code": "background_more",
            "title": {
                "da": "Lidt mere om dig",
                "en": "A little more about you",
                "ar": "المزيد قليلًا عنك",
                "fa": "کمی بیشتر درباره‌ی شما",
                "so": "Wax yar oo dheeraad ah oo adiga kugu saabsan",
                "tr": "Sizinle ilgili biraz daha",
                "uk": "Ще трохи про Вас",
                "ti": "ቁሩብ ተወሳኺ ብዛዕባኹም",
                "pl": "Jeszcze kilka informacji o Państwu",
            },
            "intro": {
                "da": "Disse spørgsmål er også frivillige.",
                "en": "These questions are optional too.",
                "ar": "هذه الأسئلة اختيارية أيضًا.",
                "fa": "این پرسش‌ها هم اختیاری هستند.",
                "so": "Su'aalahanna waa ikhtiyaari.",
                "tr": "Bu sorular da isteğe bağlıdır.",
                "uk": "Ці запитання теж необов’язкові.",
                "ti": "እዞም ሕቶታት እውን ብድሌትኩም ዝምለሱ እዮም።",
                "pl": "Te pytania również są nieobowiązkowe.",
            },
            "questions": [
                {
                    "code": "years_in_dk",
                    "kind": "number",
                    "min": 0,
                    "max": 100,
                    "show_if": ("born_dk", ["no"]),
                    "role": "years_in_dk",
                    "text": {
                        "da": "Hvor mange år har du boet i Danmark?",
                        "en": "How many years have you lived in Denmark?",
                        "ar": "كم سنة عشت في الدنمارك؟",
                        "fa": "چند سال است که در دانمارک زندگی می‌کنید؟",
                        "so": "Imisa sano ayaad ku noolayd Denmark?",
                        "tr": "Kaç yıldır Danimarka'da yaşıyorsunuz?",
                        "uk": "Скільки років Ви живете в Данії?",
                        "ti": "ኣብ ዴንማርክ ክንደይ ዓመት ነቢርኩም?",
                        "pl": "Od ilu lat mieszkają Państwo w Danii?",
                    },
                    "help": {
                        "da": "Et cirka-tal er fint.",
                        "en": "A rough number is fine.",
                        "ar": "يكفي رقم تقريبي.",
                        "fa": "یک عدد تقریبی کافی است.",
                        "so": "Tiro qiyaas ah ayaa ku filan.",
                        "tr": "Yaklaşık bir sayı yeterli.",
                        "uk": "Достатньо приблизного числа.",
                        "ti": "ግምታዊ ቁጽሪ ይኣክል።",
                        "pl": "Wystarczy liczba w przybliżeniu.",
                    },
                },
                {
                    "code": "age_band",
                    "kind": "single",
                    "role": "age_band",
                    "text": {
                        "da": "Hvor gammel er du?",
                        "en": "How old are you?",
                        "ar": "كم عمرك؟",
                        "fa": "چند سال دارید؟",
                        "so": "Da'daadu waa imisa?",
                        "tr": "Kaç yaşındasınız?",
                        "uk": "Скільки Вам років?",
                        "ti": "ዕድመኹም ክንደይ እዩ?",
                        "pl": "Ile mają Państwo lat?",
                    },
                    "choices": [
                        {
                            "code": "under_18",
                            "label": {
                                "da": "Under 18 år",
                                "en": "Under 18",
                                "ar": "أقل من 18 سنة",
                                "fa": "کمتر از 18 سال",
                                "so": "Ka yar 18 sano",
                                "tr": "18 yaşından küçük",
                                "uk": "Менше 18 років",
                                "ti": "ትሕቲ 18 ዓመት",
                                "pl": "Poniżej 18 lat",
                            },
                        },
                        {
                            "code": "18_29",
                            "label": {
                                "da": "18–29 år",
                                "en": "18–29",
                                "ar": "من 18 إلى 29 سنة",
                                "fa": "18 تا 29 سال",
                                "so": "18–29 sano",
                                "tr": "18–29 yaş",
                                "uk": "18–29 років",
                                "ti": "18–29 ዓመት",
                                "pl": "18–29 lat",
                            },
                        },
                        {
                            "code": "30_49",
                            "label": {
                                "da": "30–49 år",
                                "en": "30–49",
                                "ar": "من 30 إلى 49 سنة",
                                "fa": "30 تا 49 سال",
                                "so": "30–49 sano",
                                "tr": "30–49 yaş",
                                "uk": "30–49 років",
                                "ti": "30–49 ዓመት",
                                "pl": "30–49 lat",
                            },
                        },
                        {
                            "code": "50_64",
                            "label": {
                                "da": "50–64 år",
                                "en": "50–64",
                                "ar": "من 50 إلى 64 سنة",
                                "fa": "50 تا 64 سال",
                                "so": "50–64 sano",
                                "tr": "50–64 yaş",
                                "uk": "50–64 роки",
                                "ti": "50–64 ዓመት",
                                "pl": "50–64 lata",
                            },
                        },
                        {
                            "code": "65_plus",
                            "label": {
                                "da": "65 år eller ældre",
                                "en": "65 or older",
                                "ar": "65 سنة أو أكثر",
                                "fa": "65 سال یا بیشتر",
                                "so": "65 sano ama ka weyn",
                                "tr": "65 yaş ve üzeri",
                                "uk": "65 років і старше",
                                "ti": "65 ዓመት ወይ ልዕሊኡ",
                                "pl": "65 lat lub więcej",
                            },
                        },
                    ],
                },
                {
                    "code": "gender",
                    "kind": "single",
                    "role": "gender",
                    "text": {
                        "da": "Hvad er dit køn?",
                        "en": "What is your gender?",
                        "ar": "ما جنسك؟",
                        "fa": "جنسیت شما چیست؟",
                        "so": "Jinsigaagu waa kee?",
                        "tr": "Cinsiyetiniz nedir?",
                        "uk": "Яка Ваша стать?",
                        "ti": "ጾታኹም እንታይ እዩ?",
                        "pl": "Jaka jest Państwa płeć?",
                    },
                    "choices": [
                        {
                            "code": "woman",
                            "label": {
                                "da": "Kvinde",
                                "en": "Woman",
                                "ar": "امرأة",
                                "fa": "زن",
                                "so": "Haweeney",
                                "tr": "Kadın",
                                "uk": "Жінка",
                                "ti": "ሰበይቲ",
                                "pl": "Kobieta",
                            },
                        },
                        {
                            "code": "man",
                            "label": {
                                "da": "Mand",
                                "en": "Man",
                                "ar": "رجل",
                                "fa": "مرد",
                                "so": "Nin",
                                "tr": "Erkek",
                                "uk": "Чоловік",
                                "ti": "ሰብኣይ",
                                "pl": "Mężczyzna",
                            },
                        },
                        {
                            "code": "other",
                            "label": {
                                "da": "Andet / jeg beskriver mig selv på en anden måde",
                                "en": "Other / I describe myself differently",
                                "ar": "غير ذلك / أصف نفسي بطريقة أخرى",
                                "fa": "دیگر / خودم را به شکل دیگری توصیف می‌کنم",
                                "so": "Wax kale / naftayda si kale ayaan u qeexaa",
                                "tr": "Diğer / Kendimi farklı tanımlıyorum",
                                "uk": "Інше / я описую себе інакше",
                                "ti": "ካልእ / ንርእሰይ ብኻልእ መገዲ እገልጾ",
                                "pl": "Inna / określam się inaczej",
                            },
                        },
                        {
                            "code": "prefer_not",
                            "label": {
                                "da": "Det vil jeg helst ikke sige",
                                "en": "I prefer not to say",
                                "ar": "أفضّل ألّا أجيب",
                                "fa": "ترجیح می‌دهم نگویم",
                                "so": "Waxaan doorbidayaa inaanan sheegin",
                                "tr": "Belirtmek istemiyorum",
                                "uk": "Не хочу відповідати",
                                "ti": "ክገልጽ ኣይደልን",
                                "pl": "Wolę nie odpowiadać",
                            },
                        },
                    ],
                },
                {
                    "code": "neighbourhood",
                    "kind": "single",
                    "role": "neighbourhood",
                    "text": {
                        "da": "Hvor bor du?",
                        "en": "Where do you live?",
                        "ar": "أين تسكن؟",
                        "fa": "کجا زندگی می‌کنید؟",
                        "so": "Xaggee ayaad deggan tahay?",
                        "tr": "Nerede yaşıyorsunuz?",
                        "uk": "Де Ви живете?",
                        "ti": "ኣበይ ትነብሩ?",
                        "pl": "Gdzie Państwo mieszkają?",
                    },
                    "help": {
                        "da": "Vælg det område, der ligger tættest på dig.",
                        "en": "Choose the area closest to you.",
                        "ar": "اختر المنطقة الأقرب إليك.",
                        "fa": "منطقه‌ای را انتخاب کنید که به شما نزدیک‌تر است.",
                        "so": "Dooro aagga kuugu dhow.",
                        "tr": "Size en yakın bölgeyi seçin.",
                        "uk": "Виберіть район, найближчий до Вас.",
                        "ti": "ኣዝዩ ዝቐረበኩም ከባቢ ምረጹ።",
                        "pl": "Proszę wybrać najbliższą okolicę.",
                    },
                    # Place names stay in Danish; ar/fa/ti add a transliteration
                    # for readers who find the Latin alphabet hard.
                    "choices": [
                        {
                            "code": "aalborg_ost",
                            "label": {
                                "da": "Aalborg Øst",
                                "en": "Aalborg Øst",
                                "ar": "Aalborg Øst (آلبورغ أوست)",
                                "fa": "Aalborg Øst (آلبورگ اوست)",
                                "so": "Aalborg Øst",
                                "tr": "Aalborg Øst",
                                "uk": "Aalborg Øst",
                                "ti": "Aalborg Øst (ኦልቦርግ ኦስት)",
                                "pl": "Aalborg Øst",
                            },
                        },
                        {
                            "code": "centrum",
                            "label": {
                                "da": "Aalborg Centrum",
                                "en": "Aalborg Centrum",
                                "ar": "Aalborg Centrum (آلبورغ سنتروم)",
                                "fa": "Aalborg Centrum (آلبورگ سنتروم)",
                                "so": "Aalborg Centrum",
                                "tr": "Aalborg Centrum",
                                "uk": "Aalborg Centrum",
                                "ti": "Aalborg Centrum (ኦልቦርግ ሰንትሩም)",
                                "pl": "Aalborg Centrum",
                            },
                        },
                        {
                            "code": "vestbyen",
                            "label": {
                                "da": "Vestbyen",
                                "en": "Vestbyen",
                                "ar": "Vestbyen (فستبيين)",
                                "fa": "Vestbyen (وستبین)",
                                "so": "Vestbyen",
                                "tr": "Vestbyen",
                                "uk": "Vestbyen",
                                "ti": "Vestbyen (ቨስትቢየን)",
                                "pl": "Vestbyen",
                            },
                        },
                        {
                            "code": "norresundby",
                            "label": {
                                "da": "Nørresundby",
                                "en": "Nørresundby",
                                "ar": "Nørresundby (نوريسوندبي)",
                                "fa": "Nørresundby (نوره‌سوندبی)",
                                "so": "Nørresundby",
                                "tr": "Nørresundby",
                                "uk": "Nørresundby",
                                "ti": "Nørresundby (ኖረሱንድቢ)",
                                "pl": "Nørresundby",
                            },
                        },
                        {
                            "code": "hasseris",
                            "label": {
                                "da": "Hasseris",
                                "en": "Hasseris",
                                "ar": "Hasseris (هاسيريس)",
                                "fa": "Hasseris (هاسریس)",
                                "so": "Hasseris",
                                "tr": "Hasseris",
                                "uk": "Hasseris",
                                "ti": "Hasseris (ሃሰሪስ)",
                                "pl": "Hasseris",
                            },
                        },
                        {
                            "code": "vejgaard",
                            "label": {
                                "da": "Vejgaard",
                                "en": "Vejgaard",
                                "ar": "Vejgaard (فايغور)",
                                "fa": "Vejgaard (وایگور)",
                                "so": "Vejgaard",
                                "tr": "Vejgaard",
                                "uk": "Vejgaard",
                                "ti": "Vejgaard (ቫይጎር)",
                                "pl": "Vejgaard",
                            },
                        },
                        {
                            "code": "gug",
                            "label": {
                                "da": "Gug",
                                "en": "Gug",
                                "ar": "Gug (غوغ)",
                                "fa": "Gug (گوگ)",
                                "so": "Gug",
                                "tr": "Gug",
                                "uk": "Gug",
                                "ti": "Gug (ጉግ)",
                                "pl": "Gug",
                            },
                        },
                        {
                            "code": "svenstrup",
                            "label": {
                                "da": "Svenstrup",
                                "en": "Svenstrup",
                                "ar": "Svenstrup (سفينستروب)",
                                "fa": "Svenstrup (سونستروپ)",
                                "so": "Svenstrup",
                                "tr": "Svenstrup",
                                "uk": "Svenstrup",
                                "ti": "Svenstrup (ስቨንስትሩፕ)",
                                "pl": "Svenstrup",
                            },
                        },
                        {
                            "code": "other",
                            "label": {
                                "da": "Et andet område",
                                "en": "Another area",
                                "ar": "منطقة أخرى",
                                "fa": "منطقه‌ای دیگر",
                                "so": "Aag kale",
                                "tr": "Başka bir bölge",
                                "uk": "Інший район",
                                "ti": "ካልእ ከባቢ",
                                "pl": "Inna okolica",
                            },
                        },
                    ],
                },
            ],
        },
    ],
}


# --- Checks -------------------------------------------------------------------

KINDS = ("agree", "yesno", "single", "multi", "number", "text")
CHOICE_KINDS = ("single", "multi")
YESNO_CODES = ("yes", "no", "dk")
ROLES = (
    "born_dk",
    "citizen_dk",
    "mother_dk",
    "father_dk",
    "country_group",
    "years_in_dk",
    "age_band",
    "gender",
    "neighbourhood",
)
SURVEY_KEYS = {"code", "title", "intro", "consent", "thanks", "sections"}
SECTION_KEYS = {"code", "title", "intro", "questions"}
QUESTION_KEYS = {
    "code",
    "kind",
    "text",
    "help",
    "required",
    "dont_know",
    "choices",
    "show_if",
    "min",
    "max",
    "max_length",
    "role",
}
_CODE = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*\Z")  # snake_case, fits a SlugField


def _text_problems(where: str, value: object) -> list[str]:
    """Problems of one translated text: a dict with every language, non-empty."""
    if not isinstance(value, dict):
        return [f"{where}: not a dict of texts by language"]
    problems = [
        f"{where}: missing or empty in {lang!r}"
        for lang in LANGS
        if not isinstance(value.get(lang), str) or not value[lang].strip()
    ]
    problems += [
        f"{where}: unknown language {key!r}" for key in value if key not in LANGS
    ]
    return problems


def _code_problems(where: str, code: object) -> list[str]:
    if not isinstance(code, str) or not _CODE.match(code) or len(code) > 64:
        return [f"{where}: code {code!r} is not snake_case (a-z, 0-9, _; at most 64)"]
    return []


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _question_problems(where: str, question: dict) -> list[str]:
    """Checks that need only the question itself (not show_if)."""
    problems = [
        f"{where}: unknown key {key!r}" for key in question if key not in QUESTION_KEYS
    ]
    kind = question.get("kind")
    if kind not in KINDS:
        problems.append(f"{where}: unknown kind {kind!r}")
    problems += _text_problems(f"{where}.text", question.get("text"))
    if "help" in question:
        problems += _text_problems(f"{where}.help", question["help"])
    for flag in ("required", "dont_know"):
        if flag in question and not isinstance(question[flag], bool):
            problems.append(f"{where}: {flag} must be True or False")
    if question.get("dont_know") and kind != "yesno":
        problems.append(f"{where}: dont_know is for yesno only (agree always has it)")
    if kind in CHOICE_KINDS:
        choices = question.get("choices")
        if not isinstance(choices, list) or not choices:
            problems.append(f"{where}: a {kind} question needs choices")
            choices = []
        seen: set[str] = set()
        for c_index, choice in enumerate(choices):
            c_where = f"{where}.choices[{c_index}]"
            if not isinstance(choice, dict):
                problems.append(f"{c_where}: not a dict")
                continue
            code = choice.get("code")
            problems += _code_problems(c_where, code)
            if code in seen:
                problems.append(f"{c_where}: duplicate choice code {code!r}")
            seen.add(code)
            problems += _text_problems(f"{c_where}.label", choice.get("label"))
            problems += [
                f"{c_where}: unknown key {key!r}"
                for key in choice
                if key not in ("code", "label", "exclusive")
            ]
    elif "choices" in question:
        problems.append(f"{where}: a {kind} question has no choices")
    for key in ("min", "max"):
        if key in question and (kind != "number" or not _is_int(question[key])):
            problems.append(
                f"{where}: {key} must be a whole number on a number question"
            )
    if (
        _is_int(question.get("min"))
        and _is_int(question.get("max"))
        and question["min"] > question["max"]
    ):
        problems.append(f"{where}: min is above max")
    if "max_length" in question and (
        kind != "text"
        or not _is_int(question["max_length"])
        or question["max_length"] < 1
    ):
        problems.append(
            f"{where}: max_length must be a positive whole number on a text question"
        )
    if "role" in question and question["role"] not in ROLES:
        problems.append(f"{where}: unknown background role {question['role']!r}")
    return problems


def _condition_codes(question: dict) -> set[str] | None:
    """The answer codes a show_if may name for this question; None if it cannot be one."""
    if question.get("kind") == "yesno":
        return set(YESNO_CODES) if question.get("dont_know") else {"yes", "no"}
    if question.get("kind") in CHOICE_KINDS:
        return {
            c.get("code") for c in question.get("choices", []) if isinstance(c, dict)
        }
    return None


def validate(survey: dict = SURVEY) -> list[str]:
    """Every problem found in a survey description; an empty list means it is fine."""
    problems: list[str] = []
    if not isinstance(survey, dict):
        return ["survey: not a dict"]
    problems += [
        f"survey: unknown key {key!r}" for key in survey if key not in SURVEY_KEYS
    ]
    problems += _code_problems("survey", survey.get("code"))
    for field in ("title", "intro", "consent", "thanks"):
        problems += _text_problems(f"survey.{field}", survey.get(field))
    sections = survey.get("sections")
    if not isinstance(sections, list) or not sections:
        return [*problems, "survey: needs a non-empty list of sections"]

    # Where every question code lives: (section index, question), for show_if.
    located: dict[str, tuple[int, dict]] = {}
    section_codes: set[str] = set()
    roles: set[str] = set()
    for s_index, section in enumerate(sections):
        s_where = f"sections[{s_index}]"
        if not isinstance(section, dict):
            problems.append(f"{s_where}: not a dict")
            continue
        s_where = f"section {section.get('code')!r}"
        problems += [
            f"{s_where}: unknown key {key!r}"
            for key in section
            if key not in SECTION_KEYS
        ]
        problems += _code_problems(s_where, section.get("code"))
        if section.get("code") in section_codes:
            problems.append(f"{s_where}: duplicate section code")
        section_codes.add(section.get("code"))
        problems += _text_problems(f"{s_where}.title", section.get("title"))
        if "intro" in section:
            problems += _text_problems(f"{s_where}.intro", section["intro"])
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            problems.append(f"{s_where}: needs a non-empty list of questions")
            continue
        for q_index, question in enumerate(questions):
            if not isinstance(question, dict):
                problems.append(f"{s_where}.questions[{q_index}]: not a dict")
                continue
            code = question.get("code")
            q_where = f"question {code!r}"
            problems += _code_problems(q_where, code)
            if code in located:
                problems.append(f"{q_where}: duplicate question code")
            else:
                located[code] = (s_index, question)
            problems += _question_problems(q_where, question)
            role = question.get("role")
            if role is not None:
                if role in roles:
                    problems.append(f"{q_where}: background role {role!r} used twice")
                roles.add(role)

    for s_index, section in enumerate(sections):
        if not isinstance(section, dict) or not isinstance(
            section.get("questions"), list
        ):
            continue
        for question in section["questions"]:
            if not isinstance(question, dict) or "show_if" not in question:
                continue
            q_where = f"question {question.get('code')!r}"
            condition = question["show_if"]
            if (
                not isinstance(condition, tuple | list)
                or len(condition) != 2
                or not isinstance(condition[1], tuple | list)
                or not condition[1]
            ):
                problems.append(
                    f"{q_where}: show_if must be (question_code, [answer codes])"
                )
                continue
            parent_code, values = condition
            if parent_code not in located:
                problems.append(
                    f"{q_where}: show_if refers to unknown question {parent_code!r}"
                )
                continue
            parent_section, parent = located[parent_code]
            if parent_section >= s_index:
                problems.append(
                    f"{q_where}: show_if refers to {parent_code!r}, which is not in an "
                    "earlier section"
                )
            allowed = _condition_codes(parent)
            if allowed is None:
                problems.append(
                    f"{q_where}: show_if cannot depend on a {parent.get('kind')} question"
                )
                continue
            problems += [
                f"{q_where}: show_if names {value!r}, which {parent_code!r} does not offer"
                for value in values
                if value not in allowed
            ]
    return problems


if __name__ == "__main__":
    found = validate()
    for problem in found:
        print(problem)  # noqa: T201 - a command-line check
    questions = [q for s in SURVEY["sections"] for q in s["questions"]]
    choices = sum(len(q.get("choices", [])) for q in questions)
    print(  # noqa: T201
        f"{len(found)} problem(s); {len(SURVEY['sections'])} sections, "
        f"{len(questions)} questions, {choices} choices."
    )
    raise SystemExit(1 if found else 0)
