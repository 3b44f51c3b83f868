"""Page texts for the demo municipality.

The demo site (``MUNICIPALITY``) ships with a home page, an about page, a
survey page, the help text of the withdraw page and a results page, in all
nine languages.

Danish (``da``) is the source text. The other eight languages are
machine-made translations awaiting human review: they are listed in
``MACHINE_TRANSLATED``, and a reviewer who approves a language removes it from
that tuple. Write plain, warm, short sentences at B1 level; address the reader
respectfully (Ukrainian "Ви"; in Polish, forms that avoid grammatical gender).

Every text is a dict over all codes in ``LANGS``; body texts are plain text
with paragraphs separated by a blank line (``"\\n\\n"``), the same number of
paragraphs in every language. ``validate()`` lists what is missing.

This module is pure data (no Django imports), so it can be read by the demo
loader, by tests and by translators' tools alike.
"""

LANGS = ("da", "en", "ar", "fa", "so", "tr", "uk", "ti", "pl")
SOURCE_LANG = "da"
MACHINE_TRANSLATED = ("en", "ar", "fa", "so", "tr", "uk", "ti", "pl")

MUNICIPALITY = "Aalborg Kommune (demo)"  # shown in the header; not translated

HOME = {
    "title": {
        "da": "Velkommen",
        "en": "Welcome",
        "ar": "مرحبًا بكم",
        "fa": "خوش آمدید",
        "so": "Ku soo dhawoow",
        "tr": "Hoş geldiniz",
        "uk": "Ласкаво просимо",
        "ti": "እንቋዕ ብደሓን መጻእኩም",
        "pl": "Witamy",
    },
    "intro": {
        "da": (
            "Her er Integrationsrådets hjemmeside. Din stemme tæller – fortæl os, "
            "hvad du mener."
        ),
        "en": (
            "This is the website of the Integration Council. Your voice counts – "
            "tell us what you think."
        ),
        "ar": "هذا هو موقع مجلس الاندماج. صوتك مهم، فأخبرنا برأيك.",
        "fa": "این وب‌سایت شورای ادغام است. صدای شما مهم است؛ نظرتان را به ما بگویید.",
        "so": (
            "Kani waa bogga Golaha Is-dhexgalka. Codkaagu waa muhiim – noo sheeg "
            "fikradaada."
        ),
        "tr": (
            "Burası Entegrasyon Konseyi'nin web sitesidir. Sesiniz önemli; "
            "düşüncelerinizi bizimle paylaşın."
        ),
        "uk": (
            "Це сайт Ради з питань інтеграції. Ваш голос важливий — розкажіть нам, "
            "що Ви думаєте."
        ),
        "ti": "እዚ መርበብ ሓበሬታ ባይቶ ውህደት እዩ። ድምጽኹም ኣገዳሲ እዩ፣ ሓሳብኩም ንገሩና።",
        "pl": (
            "To jest strona Rady ds. Integracji. Twój głos się liczy – powiedz nam, "
            "co myślisz."
        ),
    },
    "body": {
        "da": (
            "Integrationsrådet består af borgere med forskellig baggrund. Rådet "
            "giver byrådet råd om integration.\n\n"
            "Vi vil gerne vide, om du føler dig repræsenteret i dit lokalsamfund, i "
            "foreninger og i bestyrelser. Derfor beder vi dig svare på en kort "
            "undersøgelse. Den er anonym og tager cirka 5 minutter.\n\n"
            "Vi offentliggør resultaterne her på siden på alle ni sprog."
        ),
        "en": (
            "The Integration Council is made up of residents with different "
            "backgrounds. The council advises the city council on integration.\n\n"
            "We would like to know if you feel represented in your local community, "
            "in associations and on boards. That is why we ask you to answer a "
            "short survey. It is anonymous and takes about 5 minutes.\n\n"
            "We will publish the results here on this website in all nine "
            "languages."
        ),
        "ar": (
            "يتكوّن مجلس الاندماج من سكان من خلفيات مختلفة. يقدّم المجلس المشورة "
            "لمجلس المدينة في قضايا الاندماج.\n\n"
            "نودّ أن نعرف هل تشعر بأنك ممثَّل في مجتمعك المحلي وفي الجمعيات ومجالس "
            "الإدارة. لذلك نطلب منك الإجابة عن استبيان قصير. الاستبيان مجهول الهوية "
            "ويستغرق حوالي 5 دقائق.\n\n"
            "سننشر النتائج هنا على هذا الموقع بجميع اللغات التسع."
        ),
        "fa": (
            "شورای ادغام از ساکنانی با پیشینه‌های مختلف تشکیل شده است. این شورا به "
            "شورای شهر در زمینه‌ی ادغام مشاوره می‌دهد.\n\n"
            "می‌خواهیم بدانیم آیا احساس می‌کنید در جامعه‌ی محلی خود، در انجمن‌ها و "
            "در هیئت‌مدیره‌ها نماینده دارید. به همین دلیل از شما می‌خواهیم به یک "
            "پرسش‌نامه‌ی کوتاه پاسخ دهید. پرسش‌نامه ناشناس است و حدود 5 دقیقه طول "
            "می‌کشد.\n\n"
            "نتایج را در همین وب‌سایت به هر نُه زبان منتشر می‌کنیم."
        ),
        "so": (
            "Golaha Is-dhexgalka waxa uu ka kooban yahay dadka deegaanka oo asal "
            "kala duwan leh. Goluhu waxa uu golaha magaalada talo ka siiyaa "
            "arrimaha is-dhexgalka.\n\n"
            "Waxaan doonaynaa in aan ogaanno haddii aad dareemayso in lagu matalo "
            "bulshada deegaankaaga, ururrada iyo guddiyada. Sidaas darteed waxaan "
            "kaa codsanaynaa in aad ka jawaabto sahan gaaban. Sahanku waa qarsoodi, "
            "waxayna qaadanaysaa qiyaastii 5 daqiiqo.\n\n"
            "Natiijooyinka waxaan ku daabici doonnaa boggan, dhammaan sagaalka "
            "luqadood."
        ),
        "tr": (
            "Entegrasyon Konseyi, farklı geçmişlere sahip sakinlerden oluşur. "
            "Konsey, belediye meclisine entegrasyon konusunda tavsiyelerde bulunur.\n\n"
            "Yerel topluluğunuzda, derneklerde ve yönetim kurullarında temsil "
            "edildiğinizi hissedip hissetmediğinizi öğrenmek istiyoruz. Bu nedenle "
            "kısa bir ankete katılmanızı rica ediyoruz. Anket anonimdir ve yaklaşık "
            "5 dakika sürer.\n\n"
            "Sonuçları bu web sitesinde dokuz dilin hepsinde yayımlayacağız."
        ),
        "uk": (
            "Рада з питань інтеграції складається з мешканців різного походження. "
            "Вона надає міській раді поради щодо інтеграції.\n\n"
            "Ми хочемо дізнатися, чи відчуваєте Ви, що Вас представлено у Вашій "
            "місцевій громаді, в об’єднаннях і в керівних радах. Тому просимо Вас "
            "відповісти на коротке опитування. Воно анонімне і триває приблизно 5 "
            "хвилин.\n\n"
            "Ми опублікуємо результати на цьому сайті всіма дев’ятьма мовами."
        ),
        "ti": (
            "ባይቶ ውህደት ካብ ዝተፈላለየ ድሕረ ባይታ ዝመጹ ነበርቲ ዝቖመ እዩ። እቲ ባይቶ ንባይቶ ከተማ ብዛዕባ ውህደት "
            "ምኽሪ ይህብ።\n\n"
            "ኣብ ከባቢያዊ ሕብረተሰብኩም፣ ኣብ ማሕበራትን ኣብ ኮሚቴታትን ውክልና ከም ዘለኩም ይስምዓኩም ዶ ክንፈልጥ "
            "ንደሊ። ስለዚ ሓጺር መጽናዕቲ ክትምልሱ ንሓተኩም። እቲ መጽናዕቲ ስም ዘይብሉ እዩ፣ ኣስታት 5 ደቒቕ ድማ "
            "ይወስድ።\n\n"
            "ውጽኢታቱ ኣብዚ መርበብ ሓበሬታ ብኹሉ ትሽዓተ ቋንቋታት ክንዝርግሖ ኢና።"
        ),
        "pl": (
            "Rada ds. Integracji składa się z mieszkańców o różnym pochodzeniu. "
            "Doradza ona radzie miejskiej w sprawach integracji.\n\n"
            "Chcemy się dowiedzieć, czy czujesz, że masz swoich przedstawicieli w "
            "lokalnej społeczności, w stowarzyszeniach i w zarządach. Dlatego "
            "prosimy o wypełnienie krótkiej ankiety. Ankieta jest anonimowa i "
            "zajmuje około 5 minut.\n\n"
            "Wyniki opublikujemy na tej stronie we wszystkich dziewięciu językach."
        ),
    },
    "survey_link_text": {
        "da": "Svar på undersøgelsen",
        "en": "Answer the survey",
        "ar": "أجب عن الاستبيان",
        "fa": "به پرسش‌نامه پاسخ دهید",
        "so": "Ka jawaab sahanka",
        "tr": "Ankete katılın",
        "uk": "Пройти опитування",
        "ti": "ነቲ መጽናዕቲ ምለሱ",
        "pl": "Wypełnij ankietę",
    },
}

ABOUT = {
    "title": {
        "da": "Om Integrationsrådet og undersøgelsen",
        "en": "About the Integration Council and the survey",
        "ar": "عن مجلس الاندماج والاستبيان",
        "fa": "درباره‌ی شورای ادغام و پرسش‌نامه",
        "so": "Ku saabsan Golaha Is-dhexgalka iyo sahanka",
        "tr": "Entegrasyon Konseyi ve anket hakkında",
        "uk": "Про Раду з питань інтеграції та опитування",
        "ti": "ብዛዕባ ባይቶ ውህደትን እቲ መጽናዕትን",
        "pl": "O Radzie ds. Integracji i ankiecie",
    },
    "slug": "about",  # the same in every language
    "body": {
        "da": (
            "Integrationsrådet er et rådgivende råd i kommunen. Medlemmerne er "
            "borgere med forskellig baggrund. Rådet giver byrådet råd om "
            "integration og lytter til borgerne.\n\n"
            "Kommunens integrationsstrategi for 2023-2026 har et klart mål: "
            "Integrationen skal styrkes gennem inkluderende lokale fællesskaber, "
            "lokale foreninger og godt naboskab. Med undersøgelsen vil vi finde ud "
            "af, om du føler dig repræsenteret. Vi følger udviklingen frem til "
            "2026.\n\n"
            "Vi spørger om din baggrund, men ikke om din etnicitet. Vi spørger kun, "
            "hvor du og dine forældre er født, og om I er danske statsborgere. "
            "Danmarks Statistik bruger de samme oplysninger. Så kan vi se, om "
            "svarene er forskellige fra gruppe til gruppe.\n\n"
            "Undersøgelsen er anonym. Vi spørger ikke om dit navn, og vi gemmer "
            "ikke din IP-adresse. Vi viser kun resultater for grupper på mindst 5 "
            "personer. Når du har svaret, får du en kvitteringskode. Med koden kan "
            "du trække dine svar tilbage.\n\n"
            "Du kan svare på ni sprog. Du kan også svare på papir eller med hjælp "
            "fra en tolk. Spørg i Borgerservice."
        ),
        "en": (
            "The Integration Council is an advisory council in the municipality. "
            "Its members are residents with different backgrounds. The council "
            "advises the city council on integration and listens to residents.\n\n"
            "The municipality's integration strategy for 2023-2026 has a clear "
            "goal: integration is strengthened through inclusive local communities, "
            "local associations and good neighbourliness. With this survey we want "
            "to find out whether you feel represented. We will follow the "
            "development until 2026.\n\n"
            "We ask about your background, but not about your ethnicity. We only "
            "ask where you and your parents were born and whether you are Danish "
            "citizens. Statistics Denmark uses the same information. This lets us "
            "see whether the answers differ from group to group.\n\n"
            "The survey is anonymous. We do not ask for your name, and we do not "
            "store your IP address. We only show results for groups of at least 5 "
            "people. When you have answered, you get a receipt code. With the code "
            "you can withdraw your answers.\n\n"
            "You can answer in nine languages. You can also answer on paper or with "
            "help from an interpreter. Ask at Citizens' Service (Borgerservice)."
        ),
        "ar": (
            "مجلس الاندماج مجلس استشاري في البلدية. أعضاؤه سكان من خلفيات مختلفة. "
            "يقدّم المجلس المشورة لمجلس المدينة في قضايا الاندماج ويستمع إلى "
            "السكان.\n\n"
            "لاستراتيجية الاندماج في البلدية للفترة 2023-2026 هدف واضح: تعزيز "
            "الاندماج من خلال مجتمعات محلية تشمل الجميع، والجمعيات المحلية، وحسن "
            "الجوار. بهذا الاستبيان نريد أن نعرف هل تشعر بأنك ممثَّل. وسنتابع "
            "التطور حتى عام 2026.\n\n"
            "نسألك عن خلفيتك، لكننا لا نسألك عن أصلك العرقي. نسأل فقط أين وُلدتَ "
            "أنت ووالداك، وهل تحملون الجنسية الدنماركية. هيئة الإحصاء الدنماركية "
            "تستخدم المعلومات نفسها. بهذا نستطيع أن نرى هل تختلف الإجابات من مجموعة "
            "إلى أخرى.\n\n"
            "الاستبيان مجهول الهوية. لا نسأل عن اسمك، ولا نحفظ عنوان IP الخاص بك. "
            "لا نعرض النتائج إلا لمجموعات من 5 أشخاص على الأقل. بعد أن تجيب، تحصل "
            "على رمز إيصال. بهذا الرمز يمكنك سحب إجاباتك.\n\n"
            "يمكنك الإجابة بتسع لغات. ويمكنك أيضًا الإجابة على الورق أو بمساعدة "
            "مترجم فوري. اسأل في خدمة المواطنين (Borgerservice)."
        ),
        "fa": (
            "شورای ادغام یک شورای مشورتی در شهرداری است. اعضای آن ساکنانی با "
            "پیشینه‌های مختلف هستند. شورا به شورای شهر در زمینه‌ی ادغام مشاوره "
            "می‌دهد و به حرف ساکنان گوش می‌دهد.\n\n"
            "راهبرد ادغام شهرداری برای سال‌های 2023-2026 هدف روشنی دارد: ادغام از "
            "راه جامعه‌های محلی فراگیر، انجمن‌های محلی و همسایگی خوب تقویت می‌شود. "
            "با این پرسش‌نامه می‌خواهیم بدانیم آیا احساس می‌کنید نماینده دارید. "
            "تغییرات را تا سال 2026 دنبال می‌کنیم.\n\n"
            "ما درباره‌ی پیشینه‌ی شما می‌پرسیم، اما درباره‌ی قومیت شما نمی‌پرسیم. "
            "فقط می‌پرسیم شما و پدر و مادرتان کجا به دنیا آمده‌اید و آیا تابعیت "
            "دانمارک را دارید. اداره‌ی آمار دانمارک هم از همین اطلاعات استفاده "
            "می‌کند. این‌طور می‌توانیم ببینیم آیا پاسخ‌ها در گروه‌های مختلف با هم "
            "فرق دارند.\n\n"
            "پرسش‌نامه ناشناس است. نام شما را نمی‌پرسیم و نشانی IP شما را ذخیره "
            "نمی‌کنیم. نتایج را فقط برای گروه‌هایی با دست‌کم 5 نفر نشان می‌دهیم. پس "
            "از پاسخ دادن، یک کد رسید می‌گیرید. با این کد می‌توانید پاسخ‌هایتان را "
            "پس بگیرید.\n\n"
            "می‌توانید به نُه زبان پاسخ دهید. همچنین می‌توانید روی کاغذ یا با کمک "
            "مترجم شفاهی پاسخ دهید. از خدمات شهروندی (Borgerservice) بپرسید."
        ),
        "so": (
            "Golaha Is-dhexgalka waa gole la-talin ah oo ka tirsan degmada. "
            "Xubnihiisu waa dadka deegaanka oo asal kala duwan leh. Goluhu waxa uu "
            "golaha magaalada talo ka siiyaa arrimaha is-dhexgalka, waxaana uu "
            "dhegeystaa dadka deegaanka.\n\n"
            "Istaraatiijiyadda is-dhexgalka ee degmada 2023-2026 waxay leedahay "
            "hadaf cad: in is-dhexgalka lagu xoojiyo bulshooyin deegaan oo qof "
            "walba soo dhoweeya, ururro deegaan iyo deris wanaag. Sahankan waxaan "
            "ku ogaanaynaa haddii aad dareemayso in lagu matalo. Waxaan la socon "
            "doonnaa isbeddelka ilaa 2026.\n\n"
            "Waxaan ku weydiinaynaa asalkaaga, laakiin kuma weydiinayno "
            "qowmiyaddaada. Waxaan kaliya ku weydiinaynaa meesha adiga iyo "
            "waalidiintaadu ku dhasheen, iyo haddii aad haysataan dhalashada "
            "Denmark. Xafiiska Tirakoobka Denmark ayaa isticmaala isla xogtan. "
            "Sidaas ayaan ku arki karnaa haddii jawaabuhu ay kooxaha ku kala duwan "
            "yihiin.\n\n"
            "Sahanku waa qarsoodi. Magacaaga lama weydiinayo, cinwaanka IP-gaagana "
            "lama kaydinayo. Natiijooyinka waxaan kaliya u muujinaynaa kooxaha ugu "
            "yaraan 5 qof ka kooban. Markaad jawaabto kadib, waxaad helaysaa koodh "
            "rasiid ah. Koodhkaas waxaad u isticmaali kartaa in aad jawaabahaaga "
            "dib u qaadato.\n\n"
            "Waxaad ku jawaabi kartaa sagaal luqadood. Sidoo kale waxaad ku jawaabi "
            "kartaa warqad ama adiga oo kaashanaya turjubaan. Weydii Adeegga "
            "Muwaadiniinta (Borgerservice)."
        ),
        "tr": (
            "Entegrasyon Konseyi, belediyede bir danışma kuruludur. Üyeleri farklı "
            "geçmişlere sahip sakinlerdir. Konsey, belediye meclisine entegrasyon "
            "konusunda tavsiyelerde bulunur ve sakinleri dinler.\n\n"
            "Belediyenin 2023-2026 entegrasyon stratejisinin açık bir hedefi var: "
            "Entegrasyon; herkesi kucaklayan yerel topluluklar, yerel dernekler ve "
            "iyi komşulukla güçlenecek. Bu anketle temsil edildiğinizi hissedip "
            "hissetmediğinizi öğrenmek istiyoruz. Gelişmeyi 2026'ya kadar takip "
            "edeceğiz.\n\n"
            "Geçmişinizi soruyoruz ama etnik kökeninizi sormuyoruz. Yalnızca sizin "
            "ve anne babanızın nerede doğduğunu ve Danimarka vatandaşı olup "
            "olmadığınızı soruyoruz. Danimarka İstatistik Kurumu da aynı bilgileri "
            "kullanır. Böylece cevapların gruptan gruba farklı olup olmadığını "
            "görebiliriz.\n\n"
            "Anket anonimdir. Adınızı sormuyoruz ve IP adresinizi kaydetmiyoruz. "
            "Sonuçları yalnızca en az 5 kişilik gruplar için gösteriyoruz. Cevap "
            "verdikten sonra bir makbuz kodu alırsınız. Bu kodla cevaplarınızı geri "
            "çekebilirsiniz.\n\n"
            "Dokuz dilde cevap verebilirsiniz. Ayrıca kâğıt üzerinde ya da bir "
            "tercüman yardımıyla da cevap verebilirsiniz. Vatandaş Hizmetleri'ne "
            "(Borgerservice) sorun."
        ),
        "uk": (
            "Рада з питань інтеграції — це дорадчий орган муніципалітету. Її члени "
            "— мешканці різного походження. Рада надає міській раді поради щодо "
            "інтеграції та слухає мешканців.\n\n"
            "Стратегія інтеграції муніципалітету на 2023-2026 роки має чітку мету: "
            "інтеграція зміцнюється завдяки відкритим для всіх місцевим громадам, "
            "місцевим об’єднанням і добросусідству. Цим опитуванням ми хочемо "
            "дізнатися, чи відчуваєте Ви, що Вас представлено. Ми стежитимемо за "
            "змінами до 2026 року.\n\n"
            "Ми запитуємо про Ваше походження, але не про Вашу етнічну належність. "
            "Ми запитуємо лише, де народилися Ви та Ваші батьки і чи маєте Ви "
            "громадянство Данії. Статистичне управління Данії використовує ту саму "
            "інформацію. Так ми бачимо, чи відрізняються відповіді в різних групах.\n\n"
            "Опитування анонімне. Ми не запитуємо Ваше ім’я і не зберігаємо Вашу "
            "IP-адресу. Ми показуємо результати лише для груп щонайменше з 5 осіб. "
            "Після відповіді Ви отримаєте код квитанції. З цим кодом Ви можете "
            "відкликати свої відповіді.\n\n"
            "Ви можете відповісти дев’ятьма мовами. Також можна відповісти на "
            "папері або за допомогою перекладача. Зверніться до Служби "
            "обслуговування громадян (Borgerservice)."
        ),
        "ti": (
            "ባይቶ ውህደት ኣብ ምምሕዳር ከተማ ዝርከብ ኣማኻሪ ባይቶ እዩ። ኣባላቱ ካብ ዝተፈላለየ ድሕረ ባይታ ዝመጹ "
            "ነበርቲ እዮም። እቲ ባይቶ ንባይቶ ከተማ ብዛዕባ ውህደት ምኽሪ ይህብ፣ ንነበርቲ ድማ ይሰምዕ።\n\n"
            "ስትራተጂ ውህደት ናይ ምምሕዳር ከተማ ን2023-2026 ንጹር ዕላማ ኣለዎ፦ ውህደት ብንኹሉ ዝሓቁፍ ከባቢያዊ "
            "ሕብረተሰብ፣ ብከባቢያዊ ማሕበራትን ብጽቡቕ ጉርብትናን ይድልድል። በዚ መጽናዕቲ ውክልና ከም ዘለኩም ይስምዓኩም "
            "ዶ ክንፈልጥ ንደሊ። ክሳብ 2026 ነቲ ለውጢ ክንከታተሎ ኢና።\n\n"
            "ብዛዕባ ድሕረ ባይታኹም ንሓተኩም፣ ብዛዕባ ብሄርኩም ግን ኣይንሓትን። ንስኻትኩምን ወለድኹምን ኣበይ ከም "
            "ዝተወለድኩምን ዜግነት ዴንማርክ ከም ዘለኩምን ጥራይ ኢና እንሓትት። ቤት ጽሕፈት ስታቲስቲክስ ዴንማርክ እውን "
            "ነዚ ሓበሬታ እዚ ይጥቀመሉ። በዚ ኣገባብ መልስታት ካብ ጉጅለ ናብ ጉጅለ ይፈላለ እንተኾይኑ ክንርኢ ንኽእል።\n\n"
            "እቲ መጽናዕቲ ስም ዘይብሉ እዩ። ስምኩም ኣይንሓትን፣ IP ኣድራሻኹም ድማ ኣይንዕቅብን። ውጽኢታት ንጉጅለታት "
            "ብውሑዱ 5 ሰባት ጥራይ ኢና እነርኢ። ምስ መለስኩም ኮድ ቅብሊት ክትረኽቡ ኢኹም። በቲ ኮድ መልስታትኩም "
            "ክትስሕቡ ትኽእሉ ኢኹም።\n\n"
            "ብትሽዓተ ቋንቋታት ክትምልሱ ትኽእሉ ኢኹም። ከምኡ'ውን ብወረቐት ወይ ብሓገዝ ተርጓሚ ክትምልሱ ትኽእሉ ኢኹም። "
            "ኣብ ኣገልግሎት ዜጋታት (Borgerservice) ሕተቱ።"
        ),
        "pl": (
            "Rada ds. Integracji to organ doradczy gminy. Jej członkami są "
            "mieszkańcy o różnym pochodzeniu. Rada doradza radzie miejskiej w "
            "sprawach integracji i słucha mieszkańców.\n\n"
            "Strategia integracji gminy na lata 2023-2026 ma jasny cel: integrację "
            "wzmacniają otwarte lokalne społeczności, lokalne stowarzyszenia i "
            "dobre sąsiedztwo. Dzięki tej ankiecie chcemy się dowiedzieć, czy "
            "czujesz, że masz swoich przedstawicieli. Będziemy śledzić zmiany do "
            "2026 roku.\n\n"
            "Pytamy o twoje pochodzenie, ale nie o przynależność etniczną. Pytamy "
            "tylko o miejsce urodzenia twoje i twoich rodziców oraz o to, czy macie "
            "duńskie obywatelstwo. Tych samych informacji używa Duński Urząd "
            "Statystyczny. Dzięki temu widzimy, czy odpowiedzi różnią się w "
            "poszczególnych grupach.\n\n"
            "Ankieta jest anonimowa. Nie pytamy o imię i nazwisko i nie zapisujemy "
            "twojego adresu IP. Wyniki pokazujemy tylko dla grup liczących co "
            "najmniej 5 osób. Po wypełnieniu ankiety dostaniesz kod potwierdzenia. "
            "Za pomocą tego kodu możesz wycofać swoje odpowiedzi.\n\n"
            "Możesz odpowiedzieć w dziewięciu językach. Możesz też wypełnić ankietę "
            "na papierze lub z pomocą tłumacza. Zapytaj w Biurze Obsługi "
            "Mieszkańców (Borgerservice)."
        ),
    },
}

# The page that hosts the survey.
SURVEY_PAGE = {
    "title": {
        "da": "Undersøgelse: Føler du dig repræsenteret?",
        "en": "Survey: Do you feel represented?",
        "ar": "استبيان: هل تشعر بأنك ممثَّل؟",
        "fa": "پرسش‌نامه: آیا احساس می‌کنید نماینده دارید؟",
        "so": "Sahan: Ma dareemaysaa in lagu matalo?",
        "tr": "Anket: Temsil edildiğinizi hissediyor musunuz?",
        "uk": "Опитування: чи відчуваєте Ви, що Вас представлено?",
        "ti": "መጽናዕቲ፦ ውክልና ከም ዘለኩም ይስምዓኩም ዶ?",
        "pl": "Ankieta: czy czujesz, że masz swoich przedstawicieli?",
    },
    "intro": {
        "da": (
            "Svar på nogle korte spørgsmål om dit lokalsamfund – det er anonymt og "
            "tager cirka 5 minutter."
        ),
        "en": (
            "Answer a few short questions about your local community – it is "
            "anonymous and takes about 5 minutes."
        ),
        "ar": (
            "أجب عن بعض الأسئلة القصيرة عن مجتمعك المحلي، فالاستبيان مجهول الهوية "
            "ويستغرق حوالي 5 دقائق."
        ),
        "fa": (
            "به چند پرسش کوتاه درباره‌ی جامعه‌ی محلی خود پاسخ دهید؛ پرسش‌نامه "
            "ناشناس است و حدود 5 دقیقه طول می‌کشد."
        ),
        "so": (
            "Ka jawaab dhowr su'aalood oo gaaban oo ku saabsan bulshada "
            "deegaankaaga – waa qarsoodi, waxayna qaadanaysaa qiyaastii 5 daqiiqo."
        ),
        "tr": (
            "Yerel topluluğunuz hakkında birkaç kısa soruyu cevaplayın; anket "
            "anonimdir ve yaklaşık 5 dakika sürer."
        ),
        "uk": (
            "Дайте відповідь на кілька коротких запитань про Вашу місцеву громаду — "
            "це анонімно і займає приблизно 5 хвилин."
        ),
        "ti": "ብዛዕባ ከባቢያዊ ሕብረተሰብኩም ቁሩብ ሓጸርቲ ሕቶታት ምለሱ፤ ስም ዘይብሉ እዩ፣ ኣስታት 5 ደቒቕ ድማ ይወስድ።",
        "pl": (
            "Odpowiedz na kilka krótkich pytań o twoją lokalną społeczność – "
            "ankieta jest anonimowa i zajmuje około 5 minut."
        ),
    },
}

# Help text on the withdraw page.
WITHDRAW_HELP = {
    "da": (
        "Skriv den kvitteringskode, du fik på takkesiden, da du svarede. Så sletter "
        "vi dine svar."
    ),
    "en": (
        "Enter the receipt code you got on the thank-you page when you answered. "
        "Then we will delete your answers."
    ),
    "ar": (
        "اكتب رمز الإيصال الذي حصلت عليه في صفحة الشكر بعد أن أجبت. بعد ذلك سنحذف "
        "إجاباتك."
    ),
    "fa": (
        "کد رسیدی را که پس از پاسخ دادن در صفحه‌ی تشکر گرفتید وارد کنید. سپس "
        "پاسخ‌های شما را پاک می‌کنیم."
    ),
    "so": (
        "Geli koodhka rasiidka ee aad ka heshay bogga mahadnaqa markii aad "
        "jawaabtay. Kadib jawaabahaaga waan tirtiri doonnaa."
    ),
    "tr": (
        "Cevap verdikten sonra teşekkür sayfasında aldığınız makbuz kodunu girin. "
        "Ardından cevaplarınızı sileceğiz."
    ),
    "uk": (
        "Введіть код квитанції, який Ви отримали на сторінці подяки після "
        "відповіді. Після цього ми видалимо Ваші відповіді."
    ),
    "ti": "ምስ መለስኩም ኣብ ገጽ ምስጋና ዝረኸብኩምዎ ኮድ ቅብሊት ኣእትዉ። ድሕሪኡ መልስታትኩም ክንድምስሶ ኢና።",
    "pl": (
        "Wpisz kod potwierdzenia, który pojawił się na stronie z podziękowaniem po "
        "wypełnieniu ankiety. Wtedy usuniemy twoje odpowiedzi."
    ),
}

# The public results page; its figures come from the published snapshot.
RESULTS = {
    "title": {
        "da": "Resultater",
        "en": "Results",
        "ar": "النتائج",
        "fa": "نتایج",
        "so": "Natiijooyinka",
        "tr": "Sonuçlar",
        "uk": "Результати",
        "ti": "ውጽኢታት",
        "pl": "Wyniki",
    },
    "slug": "results",  # the same in every language (/<code>/results/)
    "intro": {
        "da": (
            "Her kan du se, hvad borgerundersøgelsen og foreningernes indberetninger "
            "viser, og hvad Integrationsrådet har gjort med svarene."
        ),
        "en": (
            "Here you can see what the resident survey and the associations' "
            "reports show, and what the Integration Council has done with the "
            "answers."
        ),
        "ar": (
            "هنا يمكنك أن ترى ما يُظهره استبيان السكان وتقارير الجمعيات، وما فعله "
            "مجلس الاندماج بالإجابات."
        ),
        "fa": (
            "در اینجا می‌توانید ببینید نظرسنجی ساکنان و گزارش‌های انجمن‌ها چه نشان "
            "می‌دهند و شورای ادغام با پاسخ‌ها چه کرده است."
        ),
        "so": (
            "Halkan waxaad ku arki kartaa waxa sahanka dadka deegaanka iyo "
            "warbixinnada ururadu muujinayaan, iyo waxa Golaha Is-dhexgalku ku "
            "sameeyay jawaabaha."
        ),
        "tr": (
            "Burada sakin anketinin ve derneklerin raporlarının neyi gösterdiğini ve "
            "Entegrasyon Konseyi'nin cevaplarla ne yaptığını görebilirsiniz."
        ),
        "uk": (
            "Тут Ви можете побачити, що показують опитування мешканців і звіти "
            "об'єднань, і що Рада з питань інтеграції зробила з відповідями."
        ),
        "ti": (
            "ኣብዚ መጽናዕቲ ነበርትን ጸብጻባት ማሕበራትን እንታይ ከም ዘርእዩ፣ ባይቶ ውህደት ድማ "
            "ብመልስታት እንታይ ከም ዝገበረ ክትርእዩ ትኽእሉ ኢኹም።"
        ),
        "pl": (
            "Tutaj można zobaczyć, co pokazują ankieta wśród mieszkańców i "
            "sprawozdania stowarzyszeń oraz co Rada ds. Integracji zrobiła z "
            "odpowiedziami."
        ),
    },
    # What the answers led to, in plain words (three paragraphs).
    "summary": {
        "da": (
            "I 2023 svarede borgerne for første gang på, om de føler sig "
            "repræsenteret i deres lokalsamfund. Mange med en flerkulturel baggrund "
            "svarede, at de ikke kender foreningerne i deres område, og at de "
            "sjældent bliver inviteret.\n\n"
            "Derfor har Integrationsrådet og kommunen holdt informationsmøder om "
            "foreningslivet på flere sprog. Skoler og dagtilbud inviterer nu alle "
            "forældre personligt til at stille op til bestyrelsen.\n\n"
            "Vi spørger igen hvert år. Tallene nedenfor viser, hvordan det går med "
            "målene i integrationsstrategien. Denne side er en demo: Teksten og "
            "tallene er opdigtede."
        ),
        "en": (
            "In 2023, residents answered for the first time whether they feel "
            "represented in their local community. Many with a multicultural "
            "background answered that they do not know the associations in their "
            "area and that they are rarely invited.\n\n"
            "That is why the Integration Council and the municipality have held "
            "information meetings about associations in several languages. Schools "
            "and day-care centres now invite every parent personally to stand for "
            "the board.\n\n"
            "We ask again every year. The figures below show how the goals of the "
            "integration strategy are going. This page is a demo: the text and the "
            "figures are made up."
        ),
        "ar": (
            "في عام 2023 أجاب السكان لأول مرة عن سؤال: هل يشعرون بأنهم ممثَّلون في "
            "مجتمعهم المحلي؟ أجاب كثيرون من ذوي الخلفية متعددة الثقافات بأنهم لا "
            "يعرفون الجمعيات في منطقتهم، وأنهم نادرًا ما يُدعَون إليها.\n\n"
            "لذلك عقد مجلس الاندماج والبلدية لقاءات إعلامية عن الجمعيات بعدة لغات. "
            "وأصبحت المدارس ودور الرعاية النهارية تدعو كل وليّ أمر شخصيًا إلى الترشح "
            "لعضوية مجلس الإدارة.\n\n"
            "نسأل مرة أخرى كل عام. تُظهر الأرقام أدناه كيف تسير أهداف استراتيجية "
            "الاندماج. هذه الصفحة تجريبية: النص والأرقام مختلَقة."
        ),
        "fa": (
            "در سال 2023 ساکنان برای نخستین بار به این پرسش پاسخ دادند که آیا در "
            "جامعه‌ی محلی خود احساس می‌کنند نماینده دارند. بسیاری از افراد با "
            "پیشینه‌ی چندفرهنگی پاسخ دادند که انجمن‌های منطقه‌ی خود را نمی‌شناسند و "
            "به‌ندرت دعوت می‌شوند.\n\n"
            "به همین دلیل شورای ادغام و شهرداری جلسه‌های اطلاع‌رسانی درباره‌ی "
            "انجمن‌ها به چند زبان برگزار کرده‌اند. مدرسه‌ها و مهدکودک‌ها اکنون همه‌ی "
            "والدین را شخصاً دعوت می‌کنند که برای هیئت مدیره نامزد شوند.\n\n"
            "ما هر سال دوباره می‌پرسیم. ارقام زیر نشان می‌دهند که هدف‌های راهبرد "
            "ادغام چگونه پیش می‌روند. این صفحه نمایشی است: متن و ارقام ساختگی هستند."
        ),
        "so": (
            "Sannadkii 2023 dadka deegaanku markii ugu horreysay waxay ka jawaabeen "
            "haddii ay dareemayaan in lagu matalo bulshada deegaankooda. Qaar badan "
            "oo leh asal dhaqameed kala duwan ayaa ku jawaabay in aysan aqoon "
            "ururada deegaankooda, oo aan inta badan lagu martiqaadin.\n\n"
            "Sidaas darteed Golaha Is-dhexgalka iyo degmadu waxay luqado dhowr ah ku "
            "qabteen kulamo macluumaad oo ku saabsan ururada. Dugsiyada iyo "
            "xannaanooyinku hadda waxay waalid kasta si shakhsi ah ugu martiqaadaan "
            "in uu isu sharraxo guddiga.\n\n"
            "Sannad kasta mar kale ayaan weydiinnaa. Tirooyinka hoose waxay "
            "muujinayaan sida ay u socdaan yoolalka istaraatiijiyadda is-dhexgalka. "
            "Boggani waa tijaabo: qoraalka iyo tirooyinkuba waa tusaale, ma aha "
            "xaqiiq."
        ),
        "tr": (
            "2023'te sakinler, yerel topluluklarında temsil edildiklerini hissedip "
            "hissetmediklerini ilk kez cevapladı. Çok kültürlü geçmişe sahip birçok "
            "kişi, bölgelerindeki dernekleri tanımadıklarını ve nadiren davet "
            "edildiklerini söyledi.\n\n"
            "Bu yüzden Entegrasyon Konseyi ve belediye, dernek hayatı hakkında "
            "birkaç dilde bilgilendirme toplantıları düzenledi. Okullar ve kreşler "
            "artık her ebeveyni yönetim kuruluna aday olmaya kişisel olarak davet "
            "ediyor.\n\n"
            "Her yıl yeniden soruyoruz. Aşağıdaki rakamlar entegrasyon stratejisinin "
            "hedeflerinin nasıl gittiğini gösteriyor. Bu sayfa bir demodur: metin ve "
            "rakamlar uydurmadır."
        ),
        "uk": (
            "У 2023 році мешканці вперше відповіли, чи відчувають вони, що їх "
            "представлено в місцевій громаді. Багато людей із багатокультурним "
            "походженням відповіли, що не знають об'єднань у своєму районі і що їх "
            "рідко запрошують.\n\n"
            "Тому Рада з питань інтеграції та муніципалітет провели інформаційні "
            "зустрічі про об'єднання кількома мовами. Школи й дитячі заклади тепер "
            "особисто запрошують усіх батьків балотуватися до ради.\n\n"
            "Ми запитуємо знову щороку. Цифри нижче показують, як просуваються цілі "
            "стратегії інтеграції. Ця сторінка — демонстрація: текст і цифри "
            "вигадані."
        ),
        "ti": (
            "ኣብ 2023 ነበርቲ ንመጀመርታ ግዜ ኣብ ከባቢያዊ ሕብረተሰቦም ውክልና ከም ዘለዎም "
            "ይስምዖም እንተኾይኑ መለሱ። ብዙሓት ብዙሕ-ባህላዊ ድሕረ ባይታ ዘለዎም፡ ኣብ ከባቢኦም "
            "ዘለዋ ማሕበራት ከም ዘይፈልጡን ብዙሕ ግዜ ከም ዘይዕደሙን መለሱ።\n\n"
            "ስለዚ ባይቶ ውህደትን ምምሕዳርን ብዛዕባ ማሕበራት ብብዙሓት ቋንቋታት ኣኼባታት "
            "ሓበሬታ ኣካይዶም። ኣብያተ ትምህርትን መዕበዪ ህጻናትን ድማ ሕጂ ንነፍሲ ወከፍ ወላዲ "
            "ንሽማግለ ክወዳደር ብውልቂ ይዕድሙ።\n\n"
            "ነፍሲ ወከፍ ዓመት ደጊምና ንሓትት። እዞም ኣብ ታሕቲ ዘለዉ ቁጽርታት ዕላማታት "
            "ስትራተጂ ምውህሃድ ከመይ ይኸዱ ከም ዘለዉ የርእዩ። እዚ ገጽ ንምርኣይ ጥራይ እዩ፦ "
            "እቲ ጽሑፍን ቁጽርታትን ዝተፈጥሩ እዮም።"
        ),
        "pl": (
            "W 2023 roku mieszkańcy po raz pierwszy odpowiedzieli na pytanie, czy "
            "czują, że mają swoich przedstawicieli w lokalnej społeczności. Wiele "
            "osób o wielokulturowym pochodzeniu odpowiedziało, że nie zna "
            "stowarzyszeń w swojej okolicy i rzadko otrzymuje zaproszenia.\n\n"
            "Dlatego Rada ds. Integracji i gmina zorganizowały spotkania informacyjne "
            "o stowarzyszeniach w kilku językach. Szkoły i placówki opieki dziennej "
            "zapraszają teraz osobiście każdego rodzica do kandydowania do rady.\n\n"
            "Pytamy ponownie co roku. Poniższe liczby pokazują, jak przebiega "
            "realizacja celów strategii integracji. Ta strona jest wersją "
            "demonstracyjną: tekst i liczby są zmyślone."
        ),
    },
}

# Every translatable text in this module, by a dotted name used in messages.
TEXTS = {
    "HOME.title": HOME["title"],
    "HOME.intro": HOME["intro"],
    "HOME.body": HOME["body"],
    "HOME.survey_link_text": HOME["survey_link_text"],
    "ABOUT.title": ABOUT["title"],
    "ABOUT.body": ABOUT["body"],
    "SURVEY_PAGE.title": SURVEY_PAGE["title"],
    "SURVEY_PAGE.intro": SURVEY_PAGE["intro"],
    "WITHDRAW_HELP": WITHDRAW_HELP,
    "RESULTS.title": RESULTS["title"],
    "RESULTS.intro": RESULTS["intro"],
    "RESULTS.summary": RESULTS["summary"],
}

# Texts made of paragraphs; every language must have as many as Danish.
MULTI_PARAGRAPH = ("HOME.body", "ABOUT.body", "RESULTS.summary")


def validate() -> list[str]:
    """Return a list of problems; an empty list means every text is complete."""
    problems = []
    for name, text in TEXTS.items():
        if not isinstance(text, dict):
            problems.append(f"{name}: not a dict of languages")
            continue
        for lang in LANGS:
            value = text.get(lang)
            if value is None:
                problems.append(f"{name}: missing language {lang!r}")
            elif not isinstance(value, str) or not value.strip():
                problems.append(f"{name}: empty text for {lang!r}")
            elif value != value.strip():
                problems.append(f"{name}: {lang!r} has leading/trailing space")
        for lang in text:
            if lang not in LANGS:
                problems.append(f"{name}: unknown language {lang!r}")
        if name in MULTI_PARAGRAPH and isinstance(text.get(SOURCE_LANG), str):
            expected = len(text[SOURCE_LANG].split("\n\n"))
            for lang in LANGS:
                value = text.get(lang)
                if isinstance(value, str) and value.strip():
                    found = len(value.split("\n\n"))
                    if found != expected:
                        problems.append(
                            f"{name}: {lang!r} has {found} paragraphs, "
                            f"Danish has {expected}"
                        )
    if ABOUT.get("slug") != "about":
        problems.append("ABOUT.slug: must be 'about'")
    if RESULTS.get("slug") != "results":
        problems.append("RESULTS.slug: must be 'results'")
    for lang in MACHINE_TRANSLATED:
        if lang not in LANGS or lang == SOURCE_LANG:
            problems.append(f"MACHINE_TRANSLATED: unexpected code {lang!r}")
    return problems
