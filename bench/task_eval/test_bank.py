"""The test set's text: templates, word lists, topics and passage sentences, written for this file alone.

    python -m bench.task_eval.generate --set test     # rewrites bench/task_eval/test.jsonl

The held-out test set of the routing benchmark (``test.jsonl``, assembled by
``bench/task_eval/test_set.py``) is generated from this bank, not written by hand. It is
used only for a final evaluation of the task router, and was written after the router's
design was settled on the evaluation and dev sets, so no design choice has seen it. Every
template, word list, topic and passage sentence here was written fresh, apart from the
evaluation bank (``generate.py``), the dev bank (``dev_bank.py``) and Spec-Bench: no
Spec-Bench prompt, passage or topic list was copied, and the topics (beekeeping, tea
estates, tower clocks, literacy classes, ...) and source languages (Portuguese, Polish,
Swedish, Turkish, Japanese besides German, French and Spanish) are not the other sets'.
The generator's prompts are only as varied as these templates; ``test_set.py`` adds
preambles ("You are a helpful assistant."), instruction formats and suffixes on top.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

# ------------------------------------------------------------------------------ translation

# Whole sentences per language (not subject/verb/object slots: Polish, Turkish and Japanese
# do not compose that way), each checked to read as a native speaker would write it.
SENTENCES: dict[str, list[str]] = {
    "German": [
        "Die Imkerin hat in diesem Frühjahr drei neue Bienenvölker gekauft.",
        "Wegen des Glatteises fallen morgen alle Schulbusse im Landkreis aus.",
        "Der Zahnarzt empfiehlt, die Zahnbürste alle drei Monate zu wechseln.",
        "Unsere Wohnungsgenossenschaft will im Innenhof einen Spielplatz bauen.",
        "Die Uhrmacherin braucht für eine Reparatur oft mehrere Wochen.",
        "Im Stadtarchiv liegen noch Briefe aus dem siebzehnten Jahrhundert.",
        "Nach dem Spiel feierten die Fans bis tief in die Nacht auf dem Marktplatz.",
        "Könnten Sie mir bitte sagen, wann der nächste Zug nach Leipzig fährt?",
        "Der Vertrag tritt am ersten Januar in Kraft und gilt zwei Jahre lang.",
        "Ich habe den Schlüssel im Briefkasten gelassen, falls du vor mir nach Hause kommst.",
        "Die Käserei im Nachbardorf verkauft ihren Bergkäse inzwischen bis nach Japan.",
        "Bitte lassen Sie das Gerät vor der Reinigung vollständig abkühlen.",
    ],
    "French": [
        "La fromagerie du village a remporté un prix national l'année dernière.",
        "Merci de bien vouloir confirmer votre présence avant vendredi midi.",
        "Les apiculteurs s'inquiètent de la disparition de nombreuses colonies cet hiver.",
        "Il faut compter environ deux heures de marche pour atteindre le refuge.",
        "Le tribunal a reporté l'audience au mois prochain faute de témoins.",
        "Ma fille apprend le violoncelle depuis qu'elle a six ans.",
        "Ce logiciel ne fonctionne plus depuis la dernière mise à jour.",
        "Nous avons loué un petit appartement près du port pour l'été.",
    ],
    "Spanish": [
        "El laboratorio confirmó los resultados de los análisis de sangre el martes.",
        "¿Sabes si la farmacia de la esquina abre los domingos?",
        "Los mineros llevan tres semanas en huelga para pedir mejores condiciones.",
        "Mi tía cultiva tomates y pimientos en la azotea de su edificio.",
        "La conferencia se retrasó media hora porque el proyector no funcionaba.",
        "Hay que regar las plantas del invernadero dos veces al día en verano.",
        "El equipo de rescate encontró a los excursionistas perdidos al amanecer.",
    ],
    "Portuguese": [
        "A padaria da esquina fecha mais cedo aos sábados.",
        "O governo anunciou novas regras para o aluguel de imóveis de temporada.",
        "Meu avô trabalhou como marceneiro durante quarenta anos.",
        "Os alunos voltaram para casa mais cedo por causa da tempestade.",
        "Você poderia me enviar o relatório até amanhã de manhã?",
        "A exposição de azulejos antigos atraiu milhares de visitantes em Lisboa.",
        "Precisamos trocar os pneus do carro antes da viagem.",
        "Ela aprendeu a tocar cavaquinho sozinha, assistindo a vídeos na internet.",
        "O médico recomendou repouso absoluto por pelo menos uma semana.",
        "A biblioteca municipal vai oferecer aulas gratuitas de informática para idosos.",
    ],
    "Polish": [
        "Moja siostra pracuje jako pielęgniarka w szpitalu w Poznaniu.",
        "Pociąg do Wrocławia jest opóźniony o czterdzieści minut.",
        "Czy mógłbyś kupić chleb i mleko w drodze do domu?",
        "W zeszłym roku nasza wieś zebrała pieniądze na nowy dach kościoła.",
        "Ten przepis na pierogi dostałam od babci.",
        "Firma planuje zatrudnić dwudziestu nowych programistów do końca roku.",
        "Zimą jezioro zamarza i dzieci jeżdżą po nim na łyżwach.",
        "Proszę wyłączyć telefony komórkowe przed rozpoczęciem egzaminu.",
    ],
    "Swedish": [
        "Vi brukar plocka blåbär i skogen i slutet av juli.",
        "Mötet har flyttats till torsdag eftermiddag.",
        "Kan du hjälpa mig att bära upp flyttkartongerna?",
        "Kommunen ska bygga en ny förskola nära stationen.",
        "Min bror har precis börjat jobba som snickare i Umeå.",
        "Det snöade så mycket i natt att bussarna inte kunde köra.",
        "Glöm inte att stänga av spisen innan du går.",
        "Restaurangen serverar bara vegetarisk mat på måndagar.",
    ],
    "Turkish": [
        "Yarın sabah erkenden Ankara'ya gitmem gerekiyor.",
        "Bu kitabı bana geçen yıl bir arkadaşım hediye etti.",
        "Belediye, parktaki eski ağaçları korumak için yeni bir plan hazırladı.",
        "Lütfen toplantıdan önce raporu okuyun.",
        "Annem her pazar sabahı kahvaltıda menemen yapar.",
        "Havalar ısınınca çocuklar bahçede daha çok oynuyor.",
        "Bilet fiyatları bu ay yüzde on artacak.",
    ],
    "Japanese": [
        "明日の会議は午後三時から始まります。",
        "駅の近くに新しいパン屋ができました。",
        "この薬は食後に一錠ずつ飲んでください。",
        "去年の夏、家族と一緒に沖縄を旅行しました。",
        "すみません、この近くに郵便局はありますか。",
        "弟は毎朝六時に起きて犬の散歩に行きます。",
        "雨が降りそうなので、傘を持って行ったほうがいいですよ。",
        "図書館で借りた本を今週中に返さなければなりません。",
    ],
    "English": [
        "The pharmacy will be closed on Monday for stocktaking.",
        "Please remember to bring your passport and a printed copy of your ticket.",
        "Our flight was delayed by fog, so we missed the connection.",
        "The museum offers free guided tours on the first Sunday of every month.",
        "I would like to book a table for four at eight o'clock.",
        "Water the seedlings lightly every evening until the first leaves appear.",
        "The warranty covers manufacturing defects for two years from the date of purchase.",
        "Could you tell me where the nearest charging point for electric cars is?",
        "We are sorry, but the workshop has been cancelled because too few people signed up.",
    ],
}
# Short messages of several sentences, as people paste them from an inbox or a notice board.
MESSAGES: dict[str, list[str]] = {
    "German": [
        "Liebe Frau Becker,\nvielen Dank für Ihre schnelle Antwort. Leider kann ich am Dienstag nicht "
        "kommen, weil mein Sohn krank ist. Wäre auch Donnerstag um zehn Uhr möglich?\nMit freundlichen "
        "Grüßen\nJan Hoffmann",
        "Hallo zusammen, die Heizung im zweiten Stock ist wieder kaputt. Der Hausmeister kommt erst am "
        "Montag. Bitte lasst die Fenster nachts geschlossen.",
    ],
    "French": [
        "Bonjour,\nJe vous écris au sujet de la facture n° 4521. Le montant indiqué ne correspond pas au "
        "devis que vous m'aviez envoyé. Pourriez-vous vérifier et me renvoyer une facture corrigée "
        "?\nCordialement",
        "Salut ! On se retrouve devant le cinéma à 19 h 30 ? Si tu es en retard, envoie-moi un message. "
        "Bisous",
    ],
    "Spanish": [
        "Estimados vecinos: les recordamos que el ascensor estará fuera de servicio del 3 al 7 de marzo por "
        "obras de mantenimiento. Disculpen las molestias.",
        "Hola Marta, ¿te acuerdas del libro de recetas que me prestaste? Se me olvidó devolvértelo. Te lo "
        "llevo el viernes sin falta.",
    ],
    "Portuguese": [
        "Oi, tudo bem? Chego em Porto Alegre na sexta à noite e fico até domingo. Se você estiver livre no "
        "sábado, podemos almoçar juntos naquele restaurante perto do mercado. Me avisa!",
        "Prezados clientes, informamos que a loja estará fechada no feriado de 7 de setembro. Retomaremos o "
        "atendimento normal no dia seguinte.",
    ],
    "Polish": [
        "Dzień dobry, chciałabym zapisać córkę na zajęcia z pływania od września. Czy są jeszcze wolne "
        "miejsca w grupie dla ośmiolatków?\nPozdrawiam\nAnna Zielińska",
        "Cześć Kasia! Dziękuję za wczorajszą kolację, wszystko było pyszne. Następnym razem zapraszam do "
        "mnie.",
    ],
    "Swedish": [
        "Hej! Tack för senast, det var jättetrevligt att ses. Jag skickar bilderna från midsommar i "
        "morgon.\nKram, Elin",
        "Till alla boende: tvättstugan är stängd på onsdag på grund av reparationer. Vi ber om ursäkt för "
        "besväret.",
    ],
    "Turkish": [
        "Merhaba, siparişim hâlâ gelmedi. Kargo takip numarası da çalışmıyor. Lütfen en kısa sürede bilgi "
        "verir misiniz?",
        "Sevgili öğrenciler, yarınki ders iptal edildi. Ödevlerinizi cuma gününe kadar teslim edebilirsiniz.",
    ],
    "Japanese": [
        "田中様\nいつもお世話になっております。先日ご依頼いただいた見積書を添付いたしました。ご不明な点がございましたら、お気軽にご連絡ください。\nよろしくお願いいたします。",
        "お疲れさまです。明日の打ち合わせですが、会議室が使えなくなったので、オンラインで行います。リンクは後ほど送ります。",
    ],
    "English": [
        "Dear guests, breakfast is served from 7 to 10 in the garden room. The sauna is open until 9 pm. "
        "Please leave your key at reception when you go out.",
        "Hi Sam, thanks for lending me the drill. I'll drop it off on Saturday morning, if that suits you.",
    ],
}
# Translation prompt i is from SOURCE_CYCLE[i % len]; "English" ones go into another language.
SOURCE_CYCLE = [
    "German",
    "Portuguese",
    "French",
    "Polish",
    "Spanish",
    "Swedish",
    "Japanese",
    "Turkish",
    "English",
    "German",
    "Portuguese",
    "Polish",
    "Spanish",
    "Japanese",
    "Swedish",
    "English",
    "German",
    "French",
    "Turkish",
    "English",
]
# Into these from English, and now and then from another source into one of them.
TARGETS = ["French", "German", "Spanish", "Japanese", "Portuguese", "Italian", "Polish"]
RELATIONS = ["aunt", "landlord", "exchange student", "colleague", "grandmother", "neighbour", "pen pal"]
# Any source and target. {s}: the text, {lang}: its language, {target}: the language wanted.
TRANSLATE_ASKS = [
    "You are a professional translator. Translate the user's text from {lang} into {target}, keeping the "
    "tone of the original.\n\nText: {s}",
    'To {target}, please:\n"{s}"',
    "{lang} → {target}\n{s}",
    "Please give a faithful {target} rendering of the passage below, with no commentary.\n\n{s}",
    "What's this in {target}? {s}",
    "Source ({lang}): {s}\nTarget ({target}):",
    "I got this from a supplier. Can you put it into {target} for me?\n\n{s}",
    "{s}\n\nInto {target}, please. Keep the names as they are.",
    "Need a quick translation ({lang} to {target}) of a notice I saw: {s}",
    "Could you help me translate the following into {target}? It is for a formal letter, so keep it "
    "polite.\n\n{s}",
    "[{lang}] {s}\n[{target}]",
]
# Only when the source is foreign and the reader wants English.
TRANSLATE_TO_ENGLISH_ASKS = [
    "{s}\n\n^ can someone translate this? it's {lang}",
    "My {relation} sent me this in {lang} and I can't read it. What does it say?\n\n{s}",
    "I'm learning {lang}. Could you give me the English meaning of this, first word for word and then as "
    "natural English? {s}",
    "what does '{s}' mean",
]
# {lines}: a bulleted list of sentences.
TRANSLATE_LIST_ASKS = [
    "Translate each line into {target}:\n{lines}",
    "Here are a few {lang} sentences from my textbook. Give me the {target} for each one.\n{lines}",
    "{lines}\n\nThe sentences above are {lang}; translate them into {target}, one per line.",
]
# English sources only: {s} in English, {target} another language.
TRANSLATE_FROM_ENGLISH_ASKS = [
    'How do I say "{s}" in {target}?',
    "I'm writing to a hotel abroad. How would this sentence read in {target}? {s}",
    "{s}\n\nCan you put that into {target}? Informal is fine.",
    "Translate into {target} for a sign at the front desk: {s}",
]

# ------------------------------------------------------------------------------ passages (summarization, rag)


@dataclass(frozen=True)
class Topic:
    """An invented organisation that documents are written about."""

    name: str  # "the Hollow Creek Beekeepers' Association"
    short: str  # "the association"
    kind: str  # "beekeeping association"
    staff: str  # who does the work, plural
    site: str  # where the work happens
    issue: str  # its main difficulty
    product: str  # what it makes or offers
    count: str  # what it did last year, a verb phrase with {n}
    count_q: str  # the question that asks for count, with {name}
    n: tuple[int, int]  # range of {n}


TOPICS = [
    Topic(
        name="the Hollow Creek Beekeepers' Association",
        short="the association",
        kind="beekeeping association",
        staff="beekeepers",
        site="the teaching apiary",
        issue="varroa mites",
        product="honey",
        count="harvested {n} kilograms of honey",
        count_q="How much honey did {name} harvest last year",
        n=(800, 4000),
    ),
    Topic(
        name="the Saltmarsh Recovery Trust",
        short="the trust",
        kind="coastal restoration charity",
        staff="ecologists",
        site="the tidal nursery beds",
        issue="coastal erosion",
        product="cordgrass seedlings",
        count="planted {n} cordgrass seedlings along the estuary",
        count_q="How many seedlings did {name} plant last year",
        n=(2000, 20000),
    ),
    Topic(
        name="the Greenway municipal composting scheme",
        short="the scheme",
        kind="municipal composting scheme",
        staff="collection crews",
        site="the composting yard",
        issue="plastic mixed into food waste",
        product="compost",
        count="turned {n} tonnes of kitchen waste into compost",
        count_q="How many tonnes of kitchen waste did {name} compost last year",
        n=(300, 6000),
    ),
    Topic(
        name="the Castellane School of Violin Making",
        short="the school",
        kind="violin-making school",
        staff="luthiers",
        site="the varnish workshop",
        issue="a shortage of well-seasoned spruce",
        product="violins",
        count="finished {n} instruments",
        count_q="How many instruments did {name} finish last year",
        n=(20, 140),
    ),
    Topic(
        name="Quiet Lantern Games",
        short="the studio",
        kind="independent video game studio",
        staff="developers",
        site="the studio's loft office",
        issue="crunch before every release",
        product="puzzle games",
        count="sold {n} copies of the latest game",
        count_q="How many copies of its latest game did {name} sell",
        n=(5000, 90000),
    ),
    Topic(
        name="the Northern Regional Blood Service",
        short="the service",
        kind="regional blood bank",
        staff="phlebotomists",
        site="the mobile donation unit",
        issue="a shrinking pool of regular donors",
        product="donated blood",
        count="collected {n} units of blood",
        count_q="How many units of blood did {name} collect last year",
        n=(8000, 60000),
    ),
    Topic(
        name="the Green Terrace Tea Estate",
        short="the estate",
        kind="tea estate",
        staff="pickers",
        site="the withering shed",
        issue="erratic monsoon rains",
        product="tea",
        count="produced {n} tonnes of made tea",
        count_q="How much tea did {name} produce last year",
        n=(40, 900),
    ),
    Topic(
        name="the Kestrel Point satellite ground station",
        short="the station",
        kind="satellite ground station",
        staff="operators",
        site="the antenna field",
        issue="radio interference from new housing nearby",
        product="satellite data",
        count="tracked {n} satellite passes",
        count_q="How many satellite passes did {name} track last year",
        n=(3000, 25000),
    ),
    Topic(
        name="the Guild of Tower Clock Restorers",
        short="the guild",
        kind="restoration guild",
        staff="clockmakers",
        site="the workshop beneath the old bell tower",
        issue="missing original parts",
        product="restored tower clocks",
        count="returned {n} tower clocks to working order",
        count_q="How many tower clocks did {name} repair last year",
        n=(4, 40),
    ),
    Topic(
        name="the Stone Valley Creamery",
        short="the creamery",
        kind="farmhouse cheese dairy",
        staff="cheesemakers",
        site="the ageing cellar",
        issue="rising feed prices",
        product="cheese",
        count="made {n} wheels of cheese",
        count_q="How many wheels of cheese did {name} make last year",
        n=(1500, 12000),
    ),
    Topic(
        name="the Eastbank paper recycling plant",
        short="the plant",
        kind="paper recycling plant",
        staff="sorters",
        site="the pulping hall",
        issue="plastic hidden in paper bales",
        product="recycled cardboard",
        count="processed {n} tonnes of waste paper",
        count_q="How much waste paper did {name} process last year",
        n=(10000, 200000),
    ),
    Topic(
        name="the Open Page Adult Literacy Project",
        short="the project",
        kind="adult literacy charity",
        staff="volunteer tutors",
        site="the reading room above the public library",
        issue="high turnover among volunteers",
        product="reading classes",
        count="taught {n} adults to read",
        count_q="How many adults did {name} teach to read last year",
        n=(60, 900),
    ),
    Topic(
        name="the Forge Lane Makerspace",
        short="the makerspace",
        kind="community workshop",
        staff="members",
        site="the laser-cutting room",
        issue="expensive tools broken by careless use",
        product="workshop time",
        count="logged {n} hours of workshop use",
        count_q="How many hours of workshop use did {name} log last year",
        n=(5000, 40000),
    ),
    Topic(
        name="the Red Clay Pottery Collective",
        short="the collective",
        kind="ceramics collective",
        staff="potters",
        site="the wood-fired kiln",
        issue="the rising cost of kiln fuel",
        product="stoneware",
        count="fired {n} pieces of stoneware",
        count_q="How many pieces of stoneware did {name} fire last year",
        n=(2000, 30000),
    ),
    Topic(
        name="the Birchwood Mycological Society",
        short="the society",
        kind="mushroom foraging society",
        staff="foragers",
        site="the spore-print archive",
        issue="poisonings among untrained foragers",
        product="identification courses",
        count="identified {n} species on the autumn surveys",
        count_q="How many species did {name} identify on its autumn surveys",
        n=(90, 600),
    ),
    Topic(
        name="the Clear Hands Interpreting Cooperative",
        short="the cooperative",
        kind="sign language interpreting cooperative",
        staff="interpreters",
        site="the booking office",
        issue="too few qualified interpreters for rural hospitals",
        product="interpreting sessions",
        count="provided {n} hours of interpreting",
        count_q="How many hours of interpreting did {name} provide last year",
        n=(2000, 30000),
    ),
]
TOWNS = [
    "Aarhus",
    "Cluj-Napoca",
    "Tucumán",
    "Kumasi",
    "Da Nang",
    "Tartu",
    "Asheville",
    "Ballarat",
    "Thessaloniki",
    "Arequipa",
    "Yogyakarta",
    "Lugano",
    "Kaunas",
    "Plovdiv",
    "Salta",
    "Mysore",
    "Trondheim",
    "Rotorua",
]
FOLK = [
    "Marguerite Oyelaran",
    "Tadeusz Wiśniewski",
    "Sunniva Dahl",
    "Rafael Quintero",
    "Yuki Sato",
    "Adaeze Nwosu",
    "Henrik Aalto",
    "Leila Moradi",
    "Bruno Castellano",
    "Ngaio Parata",
    "Irene Vlachou",
    "Samuel Okonjo",
    "Dorota Kaczmarek",
    "Emeka Eze",
    "Astrid Nyberg",
    "Tomás Ibarra",
]
FOUNDER_JOBS = [
    "retired schoolteacher",
    "hospital porter",
    "software engineer",
    "carpenter",
    "veterinary nurse",
    "bank clerk",
    "physics student",
    "former army cook",
    "librarian",
    "taxi driver",
]
# Infinitive phrases: "members voted {plan}". {town2}: another town.
PLANS = [
    "to open a second site in {town2}",
    "to buy the building that has been rented for years",
    "to hire a full-time manager for the first time",
    "to start a training programme for secondary schools",
    "to put the whole archive online",
    "to replace the ageing equipment over the next three years",
    "to merge with a similar group in {town2}",
]
CURRENCIES = ["$", "€", "£"]

# The facts every document states, phrased per genre. Fields: {name} {Name} {short} {Short}
# {kind} {town} {Town} {founder} {founder_last} {founder_job} {year} {director}
# {director_last} {since} {issue} {staff} {site} {product} {count} {plan} {budget}, and
# {n2} {small} {report_year} {date} {p1}..{p4}; fillers also get {year2} (after {year}).
NEWS_HEADLINES = [
    "{Town} {kind} has its busiest year yet",
    "'We never expected this': inside {name}",
    "{Town}'s {kind} struggles with {issue}",
    "A quiet success story on the edge of {town}",
]
NEWS_FACTS = [
    "{Name} was set up in {year} by {founder}, at the time a {founder_job}.",
    "Its home is on the edge of {town}, a short walk from the old bus station.",
    "In recent years the main headache has been {issue}; the {staff} say the problem is getting harder to "
    "ignore.",
    "According to figures released this week, {short} {count} last year, more than ever before.",
    "{director}, who has run {short} since {since}, said the numbers reflected years of patient work.",
    "At a meeting in the spring, members voted {plan}.",
    "{Short} runs on an annual budget of roughly {budget}.",
]
NEWS_QUOTES = [
    '"We are still learning," {director_last} said. "Every season teaches us something new."',
    '"People assume this is a hobby. It stopped being a hobby a long time ago," said {director_last}.',
    '"None of it works without the {staff}," {director_last} added.',
]
REPORT_LINES = {
    "title": "# {Name}: annual report {report_year}",
    "who": "{Name} is a {kind} in {town}. It dates from {year}, when {founder}, then a {founder_job}, "
    "started it.",
    "count": "- Output: {short} {count}.",
    "budget": "- Annual budget: {budget}",
    "people": "- People involved: {n2} {staff} and volunteers",
    "issue": "The biggest challenge of the year was, once again, {issue}.",
    "director": "{director} has been director since {since} and will stand again at the next election.",
    "plan": "The board has agreed {plan}.",
}
REPORT_HEADINGS = [
    "## Who we are",
    "## The year in numbers",
    "## Challenges",
    "## Leadership",
    "## Looking ahead",
]
MINUTES_LINES = [
    "Minutes of the board meeting of {name}, {town}",
    "Date: {date}",
    "Present: {director} (chair), {p1}, {p2}, {p3}",
    "Apologies: {p4}",
    "1. Opening. The chair, {director}, in post since {since}, opened the meeting at 6.30 pm.",
    "2. Last year's figures. The treasurer reported that {short} {count}. The budget for the coming year was "
    "set at {budget}.",
    "3. Risks. The board discussed {issue} at length. {p1} asked for a written plan before the next meeting.",
    "4. History booklet. {p2} presented material on the founding of {short} in {year} by {founder}, then a "
    "{founder_job} living in {town}.",
    "5. Decision. After discussion, the board resolved {plan}.",
    "6. Any other business.",
    "The meeting closed at 8.45 pm.",
]
INTERVIEW_INTRO = (
    "{director} has led {name} in {town} since {since}. We talked about where it came from, what worries the "
    "{staff}, and what comes next."
)
INTERVIEW_TURNS = [
    (
        "How did it all begin?",
        "It was {founder}'s idea. In {year} {founder_last} was a {founder_job} with a spare room and a lot "
        "of stubbornness, and that was enough to get {short} started.",
    ),
    ("What keeps you awake at night?", "Honestly, {issue}. We talk about it at every meeting."),
    ("Give us a sense of scale.", "Last year we {count}. When I joined, that would have sounded absurd."),
    ("And the money?", "Our annual budget is about {budget}. Every cent of it is spoken for."),
    (
        "What happens next?",
        "The members have voted {plan}. It is the biggest decision we have made in years.",
    ),
]
ENCYCLOPEDIA_FACTS = [
    "{Name} is a {kind} based in {town}.",
    "It was established in {year} by {founder}, a local {founder_job}.",
    "Since {since} it has been directed by {director}.",
    "Its main difficulty in recent years has been {issue}.",
    "In the most recent year for which figures are available, {short} {count}.",
    "Its annual budget is approximately {budget}.",
    "In its latest strategy the organisation committed itself {plan}.",
]
EMAIL_LINES = {
    "subject": "Subject: Where we stand, and what comes next",
    "greeting": "Dear members,",
    "history": "As many of you know, {founder} started {short} in {year}, back when {founder_last} was a "
    "{founder_job} here in {town}.",
    "count": "I'm pleased to say that last year {short} {count}.",
    "budget": "Our budget for the year is {budget}, and the accounts are available to anyone who asks.",
    "issue": "I won't pretend everything is rosy: dealing with {issue} still takes up far too much of our "
    "time.",
    "plan": "At the general meeting, you voted {plan}, and the committee is already working on it.",
    "sign": "Warm regards,\n{director}\nDirector (since {since}), {name}",
}
BLOG_LINES = [
    "I have been volunteering at {name} in {town} for {small} years now, and people keep asking me what it "
    "is actually like.",
    "Some history first: {founder}, a {founder_job}, set it up in {year} with almost no money.",
    "These days it is run by {director}, who took over in {since}.",
    "The numbers still surprise me: last year {short} {count}.",
    "It all runs on about {budget} a year.",
    "If you ask the {staff} what worries them, almost all of them will say {issue}.",
    "The big news is that we have voted {plan}, and I have volunteered to help.",
]
# Sentences any of the genres may carry besides the facts, to make the documents longer.
FILLER = [
    "Membership has grown steadily since then, although the pandemic years brought a sharp dip.",
    "Most of the day-to-day work is done by {staff}, many of whom started as volunteers.",
    "Work to renovate {site} was finished in {year2}, paid for by a series of open days.",
    "Neighbours were sceptical at first, but a public meeting in {year2} changed many minds.",
    "A partnership with a technical college lets students spend a term at {site}.",
    "The biggest single expense is insurance, followed by the upkeep of {site}.",
    "Local papers have written about {short} more often since it began publishing monthly figures.",
    "Some long-standing members feel the organisation has become too professional and lost its informal "
    "character.",
    "The {staff} say the trouble with {issue} is easier to manage when it is reported early.",
    "An outside review last autumn praised the record keeping but criticised the slow decision-making.",
    "Demand has outstripped what {short} can offer in each of the last {small} years.",
    "A waiting list was introduced in {year2} because there was no longer room for everyone who applied.",
    "The regional council has promised to match private donations up to a fixed limit.",
    "Visitors are welcome on the first Saturday of every month, when the {staff} give short demonstrations.",
    "Records moved from paper notebooks to a shared spreadsheet only {small} years ago.",
    "Two of the founding members still sit on the board.",
    "A small shop at the entrance sells {product} and postcards, and its takings pay the heating bill.",
    "The weather of the last two seasons was unusually hard to predict, which made planning difficult.",
    "Training for newcomers now lasts {small} weeks instead of a single weekend.",
    "Several groups in neighbouring regions have asked for advice on how to start something similar.",
    "The annual general meeting now draws about {n2} people, far more than a decade ago.",
    "Not every idea has worked: a series of evening lectures was dropped after one term.",
    "A local photographer has documented the work at {site} for an exhibition planned for next year.",
    "Safety rules were tightened after a minor accident in {year2}, and nobody has been hurt since.",
]

SUMMARY_BEFORE = [
    "Can you give me the key takeaways from this?\n\n{p}",
    "You are an assistant that writes executive summaries. Summarize the document below for a busy manager "
    "in at most five bullet points.\n\n{p}",
    "## Task\nSummarize the input.\n\n## Input\n{p}",
    "Shorten this to about a third of its length, keeping all the facts.\n\n{p}",
    "I have to present this to my team in a two-minute stand-up. What should I say? Here it is:\n\n{p}",
    "Write a one-line summary, then a paragraph-long summary, of the following.\n\n{p}",
    'Please read this and tell me briefly what it says.\n\n"""\n{p}\n"""',
    "summarise pls\n\n{p}",
    "Give me an overview of the following in plain language, for someone with no background:\n\n{p}",
    "Summarize the following.\n\nTEXT:\n{p}\n\nSUMMARY:",
]
SUMMARY_AFTER = [
    "{p}\n\nWhat are the main points here? Keep it short.",
    "{p}\n\n---\nPlease write a brief synopsis of the text above.",
    "{p}\n\nExplain what this is about in plain words, in no more than 50 words.",
    "{p}\n\nKey takeaways (3 bullets):",
    "{p}\n\nCould you recap this for someone who hasn't read it?",
    "{p}\n\nSummarise the above as a blurb for our newsletter.",
    "Here's something I was sent:\n\n{p}\n\nI only care about the gist. Can you shrink it to a few "
    "sentences?",
]

# RAG: one document ({p}) and a question about it ({q}, {ql} with a lower-case first letter).
RAG_ASKS = [
    "### Context\n{p}\n\n### Question\n{q}",
    "Question: {q}\n\nUse this excerpt to answer:\n{p}",
    "{q}\nAnswer from the document below only. If it does not say, reply 'not stated'.\n\nDocument:\n{p}",
    "{p}\n\nBased on the text above, answer briefly: {q}",
    "<document>\n{p}\n</document>\n\n{q}",
    "I'm reading this:\n\n{p}\n\nQuick question about it: {ql}",
    "You are a helpful assistant that answers questions about the provided text.\n\nText:\n"
    '"""\n{p}\n"""\n\nUser question: {q}',
    "Reference:\n{p}\n\nWith reference to the above, {ql}",
    "{p}\n\n{q} Quote the sentence that supports your answer.",
    "Given the text that follows, {ql}\n\n{p}",
]
# Several retrieved documents ({docs}: "[1] ...\n\n[2] ..."), one of which answers {q}.
RAG_MULTI_ASKS = [
    "Retrieved passages:\n{docs}\n\nUsing the passages, answer: {q}",
    "{docs}\n\nWhich of the documents above answers this, and what is the answer? {q}",
    "Search results:\n\n{docs}\n\nQ: {q}",
]
# Per fact: questions a reader of the document can answer from it alone.
RAG_QUESTIONS: dict[str, list[str]] = {
    "founder": [
        "Who started {name}, and what was their job at the time?",
        "which person set up {name}",
        "Name the founder of {name}.",
    ],
    "year": ["What year was {name} set up?", "When did {founder} start {name}? Just the year."],
    "town": ["{Name}: what town is it in?", "Name the town where {name} operates."],
    "issue": [
        "What is the main difficulty {name} faces at the moment?",
        "what has been causing trouble for the {staff} at {name} recently",
    ],
    "count": ["{count_q}?", "{count_q}"],
    "director": ["Who is in charge of {name} now, and since when?", "who runs {name} today"],
    "plan": ["What is the next big step for {name}?", "What did the members of {name} decide to do next?"],
    "budget": ["How large is the yearly budget of {name}?", "what does {name} spend in a year"],
}

# ------------------------------------------------------------------------------ qa

# Open-domain factoid questions, written as people type them into a search box; each
# template with the fills that make sense for it.
QA: list[tuple[str, list[str]]] = [
    (
        "who designed the {x}",
        [
            "sydney opera house",
            "guggenheim museum in bilbao",
            "fallingwater house",
            "lotus temple in delhi",
            "glass pyramid at the louvre",
        ],
    ),
    (
        "what is the main ingredient in {x}",
        ["hummus", "guacamole", "polenta", "tzatziki", "falafel", "borscht"],
    ),
    ("which country does {x} come from", ["pad thai", "pierogi", "feijoada", "goulash", "poutine", "kimchi"]),
    ("when did the {x} sink", ["titanic", "vasa", "lusitania", "mary rose", "andrea doria"]),
    ("who created the {x} programming language", ["python", "ruby", "c++", "haskell", "javascript", "lua"]),
    ("what year was {x} first released", ["python", "java", "linux", "windows 95", "android"]),
    (
        "which museum has {x}",
        [
            "the night watch",
            "guernica",
            "the starry night",
            "girl with a pearl earring",
            "the birth of venus",
            "the garden of earthly delights",
        ],
    ),
    ("what vitamin deficiency causes {x}", ["scurvy", "rickets", "beriberi", "pellagra", "night blindness"]),
    ("what script is {x} written in", ["georgian", "armenian", "mongolian", "serbian", "amharic"]),
    (
        "when is {x} celebrated",
        ["diwali", "nowruz", "hanukkah", "midsummer in sweden", "the day of the dead", "lunar new year"],
    ),
    ("how fast can a {x} run", ["cheetah", "ostrich", "greyhound", "pronghorn", "grizzly bear"]),
    ("when was the treaty of {x} signed", ["westphalia", "tordesillas", "utrecht", "nanking", "waitangi"]),
    ("who founded {x}", ["ikea", "lego", "nokia", "samsung", "toyota", "the body shop"]),
    ("where is {x} headquartered", ["ikea", "lego", "nestle", "toyota", "spotify"]),
    ("what is the dialling code for {x}", ["norway", "argentina", "egypt", "south korea", "new zealand"]),
    (
        "when did {x} launch",
        [
            "voyager 1",
            "the hubble space telescope",
            "sputnik",
            "the james webb telescope",
            "the rosetta probe",
        ],
    ),
    (
        "how many chambers does {x} heart have",
        ["a frog's", "a fish's", "a crocodile's", "the human", "a bird's"],
    ),
    (
        "what is the time difference between {x}",
        ["london and tokyo", "new york and sydney", "paris and mumbai", "lima and madrid"],
    ),
    (
        "who was the first woman to {x}",
        ["win a nobel prize", "fly solo across the atlantic", "climb mount everest", "travel to space"],
    ),
    ("what is the half-life of {x}", ["carbon-14", "uranium-238", "iodine-131", "plutonium-239"]),
    ("what does the {x} do", ["pancreas", "spleen", "gallbladder", "thyroid", "appendix"]),
    (
        "how many {x}",
        ["ounces in a pound", "feet in a mile", "teaspoons in a tablespoon", "pints in a gallon"],
    ),
]
# {q}: the question as typed (lower case, no mark); {Q}: capitalised.
QA_FRAMES = [
    "{q}",
    "{q}",
    "{Q}?",
    "{Q}?",
    "{q}?",
    "Can you tell me {q}?",
    "Quick question: {q}?",
    "{Q}? Answer concisely.",
    "Do you happen to know {q}?",
    "trivia night tomorrow and I need this: {q}",
    "Q: {Q}?\nA:",
    "{Q}? One word or a short phrase is enough.",
    "I was arguing with a friend about this. {Q}?",
    "hey, {q}? thanks",
]

# ------------------------------------------------------------------------------ math_reasoning

MATH_NAMES = [
    "Chidi",
    "Maren",
    "Teodor",
    "Yasmin",
    "Hiroshi",
    "Paloma",
    "Anouk",
    "Kofi",
    "Ingeborg",
    "Mateus",
]


def _triple(r: random.Random) -> dict[str, object]:
    a, b, c = r.choice([(3, 4, 5), (6, 8, 10), (5, 12, 13), (9, 12, 15), (8, 15, 17)])
    return {"a": a, "b": b, "c": c}


def _ages(r: random.Random) -> dict[str, object]:
    younger, gap = r.randint(8, 40), r.randint(2, 15)
    return {"d": gap, "s": 2 * younger + gap}


def _grandmother(r: random.Random) -> dict[str, object]:
    age, times = r.randint(10, 30), r.randint(3, 6)
    back = r.randint(1, age - 2)
    return {"a": age, "g": times * (age - back) + back, "m": times}


def _average(r: random.Random) -> dict[str, object]:
    avg = r.choice([70, 75, 80, 85])
    return {"avg": avg, **{f"s{k}": r.randint(avg - 5, avg + 10) for k in (1, 2, 3)}}


def _growth(r: random.Random) -> dict[str, object]:
    before, pct = r.randint(8, 90) * 100, r.choice([-20, -12, -5, 4, 8, 15, 25, 40])
    return {
        "a": before,
        "b": before * (100 + pct) // 100,
        "y1": r.randint(1990, 2005),
        "y2": r.randint(2015, 2024),
    }


def _film(r: random.Random) -> dict[str, object]:
    return {"h": r.randint(5, 9), "m": f"{r.choice([0, 10, 15, 30, 45, 50]):02d}", "ads": r.randint(8, 25)}


def _stairs(r: random.Random) -> dict[str, object]:
    step, steps = r.choice([15, 16, 18, 20]), r.randint(12, 24)
    return {"s": step, "h": f"{step * steps / 100:g}"}


def _ratio(r: random.Random) -> dict[str, object]:
    blue, yellow = r.randint(1, 4), r.randint(2, 5)
    return {"p": blue, "q": yellow, "t": (blue + yellow) * r.choice([2, 3, 4, 6, 10])}


def _equation(r: random.Random) -> dict[str, object]:
    a, x, b = r.randint(2, 12), r.randint(-9, 20), r.randint(-30, 40)
    return {"a": a, "b": f"+ {b}" if b >= 0 else f"- {-b}", "c": a * x + b}


def _ranges(**spec: tuple[int, int] | list[object]) -> Callable[[random.Random], dict[str, object]]:
    """Numbers drawn independently: (lo, hi) inclusive, or a list to choose from."""

    def draw(r: random.Random) -> dict[str, object]:
        return {k: r.randint(*v) if isinstance(v, tuple) else r.choice(v) for k, v in spec.items()}

    return draw


# Word problems of several shapes (money, percentages, ages, geometry, rates, time), each
# with what draws its numbers; {n1} and {n2} are names.
MATH: list[tuple[str, Callable[[random.Random], dict[str, object]]]] = [
    (
        "A jacket costs ${price}. It is marked down by {pct}%, and then sales tax of {tax}% is added to the "
        "sale price. How much does the jacket cost in the end?",
        _ranges(price=(40, 240), pct=[10, 15, 20, 25, 30, 40], tax=[5, 6, 8, 10]),
    ),
    (
        "{n1} scored {s1}, {s2} and {s3} on the first three quizzes of the term. What score does {n1} need "
        "on the fourth quiz to finish with an average of exactly {avg}?",
        _average,
    ),
    (
        "{n1} is {d} years older than {n2}. Together their ages add up to {s}. How old is each of them?",
        _ages,
    ),
    (
        "{n1} is {a} and {n1}'s grandmother is {g}. How many years ago was the grandmother's age exactly {m} "
        "times {n1}'s?",
        _grandmother,
    ),
    (
        "A circular pond has a radius of {r} m. A gravel path {w} m wide runs all the way around it. What is "
        "the area of the path? Use 3.14 for pi.",
        _ranges(r=(2, 15), w=[1, 2, 3]),
    ),
    (
        "A {c} m ladder leans against a wall with its foot {a} m from the base of the wall. How high up the "
        "wall does the top of the ladder reach?",
        _triple,
    ),
    (
        "How many 2 cm cubes fit into a box that measures {l} cm by {w} cm by {h} cm inside?",
        _ranges(l=[10, 12, 16, 20, 24], w=[6, 8, 10, 14], h=[4, 6, 8, 12]),
    ),
    (
        "A kitchen floor is {l} m by {w} m. It will be covered with square tiles of {t} cm a side, sold in "
        "boxes of {b}. How many boxes have to be bought?",
        _ranges(l=(3, 7), w=(2, 5), t=[20, 25, 30, 40], b=[8, 10, 12, 15]),
    ),
    (
        "{n1} changes {a} euros into dollars at {r} dollars per euro, and the exchange office keeps {f}% of "
        "the result as a fee. How many dollars does {n1} walk away with?",
        _ranges(a=[200, 250, 400, 500, 800, 1000], r=["1.05", "1.08", "1.10", "1.12"], f=[1, 2, 3]),
    ),
    (
        "{k} friends have dinner together. The bill comes to ${b}, and they add a {t}% tip. If they split "
        "the total evenly, how much does each of them pay?",
        _ranges(k=(3, 8), b=(90, 420), t=[10, 15, 18, 20]),
    ),
    (
        "A hiker climbs a {d} km trail at {u} km/h and comes back down the same way at {v} km/h. How long "
        "does the round trip take, and what is the average speed over the whole trip?",
        _ranges(d=[6, 8, 9, 12], u=[2, 3], v=[4, 5, 6]),
    ),
    (
        "A village had {a} residents in {y1} and {b} in {y2}. By what percentage did its population change?",
        _growth,
    ),
    (
        "A shade of green paint is mixed from blue and yellow in the ratio {p}:{q}. How many litres of blue "
        "are needed for {t} litres of the green?",
        _ratio,
    ),
    (
        "{n1} deposits ${P} in an account paying {r}% simple interest per year. How much interest has the "
        "money earned after {t} years, and what is the balance then?",
        _ranges(P=[500, 1200, 2500, 4000, 7500], r=[2, 3, 4, 5], t=(2, 9)),
    ),
    (
        "A car uses {c} litres of petrol per 100 km, and petrol costs €{p} per litre. What does the fuel for "
        "a {d} km trip cost?",
        _ranges(c=[5, 6, 7, 8, 9], p=["1.60", "1.75", "1.89", "2.05"], d=[150, 240, 380, 520, 760]),
    ),
    (
        "A printer produces {r} pages per minute. How long will it take to print {k} copies of a {p}-page "
        "booklet? Give the answer in hours and minutes.",
        _ranges(r=[12, 15, 20, 25, 30], k=[40, 75, 120, 200], p=[8, 12, 16, 24]),
    ),
    (
        "A film is listed as starting at {h}:{m} pm, but {ads} minutes of trailers come first, and the film "
        "itself runs {dur} minutes. At what time does it finish?",
        lambda r: {**_film(r), "dur": r.randint(88, 170)},
    ),
    ("What is {pct}% of {n}?", _ranges(pct=[12, 15, 35, 45, 62, 80], n=[240, 360, 480, 1250, 96])),
    ("Solve for x: {a}x {b} = {c}.", _equation),
    (
        "Each step of a staircase is {s} cm high, and the staircase climbs {h} m in total. How many steps "
        "does it have?",
        _stairs,
    ),
    (
        "A {g1} g bag of rice costs ${p1} and a {g2} g bag costs ${p2}. Which bag is the better deal, and by "
        "how much per kilogram?",
        _ranges(g1=[500, 750], p1=["1.20", "1.45", "1.90"], g2=[2000, 5000], p2=["4.10", "6.80", "9.50"]),
    ),
    (
        "How long will the bread be in the oven altogether? The recipe says to bake it for {a} minutes, turn "
        "the oven down and bake for another {b} minutes, then leave it in the switched-off oven for {c} "
        "minutes.",
        _ranges(a=(10, 25), b=(15, 35), c=(5, 15)),
    ),
    (
        "Given:\n- a garden is {l} m long and {w} m wide\n- a path {p} m wide runs along the inside of its "
        "edge\nFind the area of the garden that is not path.",
        _ranges(l=(12, 30), w=(8, 11), p=[1, 2]),
    ),
    (
        "Two runners start at opposite ends of a {d} km trail and run towards each other, one at {u} km/h "
        "and the other at {v} km/h. After how many minutes do they meet?",
        _ranges(d=[6, 9, 10, 12, 15], u=[8, 9, 10, 12], v=[6, 7, 8]),
    ),
]
# {t}: the problem.
MATH_FRAMES = [
    "{t}",
    "{t}",
    "{t}",
    "Homework help: {t}",
    "My son got this problem and I can't work it out:\n\n{t}",
    "Word problem:\n{t}",
    "Can you solve this? {t}",
]
MATH_SUFFIX = [
    "",
    "",
    "",
    " Let's think step by step.",
    " Write out each calculation.",
    " Give only the final number.",
    " Explain briefly, then state the answer on its own line.",
    " Put the final answer in \\boxed{}.",
    " Walk me through it.",
]

# ------------------------------------------------------------------------------ mt_bench

# Open tasks in MT-bench's categories (writing, roleplay, reasoning, coding, extraction, STEM,
# humanities); each template with its own fills.
MT: list[tuple[str, dict[str, list[str]]]] = [
    # writing
    (
        "Write a toast for my {relation}'s retirement party. She spent {years} years as a {job} and loves "
        "{hobby}. About two minutes long, warm, with one joke.",
        {
            "relation": ["sister", "aunt", "mentor", "neighbour"],
            "years": ["22", "31", "40"],
            "job": ["pharmacist", "court stenographer", "midwife", "land surveyor"],
            "hobby": ["crossword puzzles", "salsa dancing", "growing chillies", "restoring old radios"],
        },
    ),
    (
        "I'm applying for a {role} job at a small {company}. Write a cover letter that highlights my {years} "
        "years in {field} without sounding arrogant.",
        {
            "role": ["project coordinator", "junior data analyst", "office manager"],
            "company": ["architecture firm", "organic food wholesaler", "translation agency"],
            "years": ["three", "six", "eleven"],
            "field": ["hospitality", "retail banking", "event planning"],
        },
    ),
    (
        "Write the opening scene of a mystery set in {setting}. End on a cliffhanger, under 300 words.",
        {
            "setting": [
                "a snowed-in ski lodge",
                "a floating market at dawn",
                "an abandoned planetarium",
                "a wedding on a river barge",
            ]
        },
    ),
    (
        'Write a reply to this customer review that apologises without admitting legal fault: "{review}"',
        {
            "review": [
                "My blender arrived with a cracked jug and nobody answered my emails for a week. Two stars, "
                "only because the courier was nice.",
                "The hotel room smelled of smoke and the air conditioning rattled all night.",
                "Paid for express shipping, got the parcel nine days later. Not impressed.",
            ]
        },
    ),
    (
        "Give me a {tone} product name and a 40-word description for {product}.",
        {
            "tone": ["playful", "premium-sounding", "eco-friendly"],
            "product": ["a refillable fountain pen", "a sleep tracker for dogs", "oat-based ice cream"],
        },
    ),
    (
        "Turn these notes into a friendly paragraph for the staff newsletter:\n{notes}",
        {
            "notes": [
                "- new coffee machine on floor 2\n- fire drill next Tuesday 10am\n- welcome to Priya "
                "(finance)",
                "- car park closed for resurfacing 3-5 May\n- summer party date TBC\n- IT: change passwords",
            ]
        },
    ),
    (
        "Write a free-verse poem about {subject}, no rhymes, under 12 lines.",
        {
            "subject": [
                "a laundromat at 2 a.m.",
                "the smell of rain on hot asphalt",
                "a grandfather's toolbox",
                "waiting for exam results",
            ]
        },
    ),
    (
        "Rewrite this sentence in three different tones (formal, sarcastic, excited): '{sentence}'",
        {"sentence": ["The meeting has been moved to Thursday.", "We are out of coffee again."]},
    ),
    # roleplay
    (
        "Let's role-play. You own a tiny bookshop that is about to close, and I'm a reporter from the local "
        "paper. Answer in character. First question: why are you closing?",
        {},
    ),
    (
        "Pretend you're a {briefing}. Keep it reassuring but don't skip anything important.",
        {
            "briefing": [
                "climbing instructor giving a safety talk to nervous beginners before their first indoor "
                "climb",
                "sailing instructor briefing first-timers before leaving the harbour",
                "glassblower explaining the workshop rules to a group of teenagers",
            ]
        },
    ),
    (
        "You are an alien anthropologist writing a field report on a human {ritual}. Keep the tone "
        "scientific and slightly baffled.",
        {"ritual": ["birthday party", "job interview", "supermarket checkout queue", "football match"]},
    ),
    (
        "Play a strict but fair piano teacher. I've practised for a month and still can't play the left hand "
        "without looking at it. What do you tell me?",
        {},
    ),
    (
        "Act as my landlord and negotiate with me: I want permission to keep {pet} in the flat. Stay in "
        "character and push back a little.",
        {"pet": ["a rabbit", "a small dog", "a pair of budgies"]},
    ),
    (
        "Imagine you are {figure}, asked to give a short public talk about your life's work. Write the first "
        "minute of it.",
        {"figure": ["Ada Lovelace", "Ibn Battuta", "Hypatia of Alexandria", "Gregor Mendel"]},
    ),
    # reasoning
    (
        "Three boxes are labelled 'apples', 'oranges' and 'mixed', and every label is wrong. You may take "
        "one fruit out of one box without looking inside. How can you relabel all three boxes correctly?",
        {},
    ),
    (
        "If {k} machines take {k} minutes to make {k} gadgets, how long do {m} machines need to make {m} "
        "gadgets? Explain why people often get this wrong.",
        {"k": ["4", "5", "7"], "m": ["60", "100", "250"]},
    ),
    (
        "Anna is taller than Ben, Ben is taller than Chloe, and Chloe is taller than Dev. Is Dev taller than "
        "Anna? And what happens to the puzzle if I add that Ben and Dev are the same height?",
        {},
    ),
    (
        "A notebook and a pen cost {deal} than the pen. What does the pen cost? Explain the mistake most "
        "people make.",
        {
            "deal": [
                "$2.40 together. The notebook costs $2.00 more",
                "$3.20 together. The notebook costs $3.00 more",
            ]
        },
    ),
    (
        "A sign outside a café says 'No shoes, no shirt, no service.' Does it follow that anyone wearing "
        "shoes and a shirt will be served? Explain the logic.",
        {},
    ),
    (
        "Five people sit in a row. Maya is at neither end, Tom sits directly to Maya's right, and Lena sits "
        "at the left end. Give one seating that works, or show that none does.",
        {},
    ),
    # coding
    (
        "In Python, write a function returning the run-length encoding of a string, e.g. 'aaabcc' -> "
        "'a3b1c2'. Include a few tests.",
        {},
    ),
    (
        "In Go, how do I read a file line by line and count the lines that contain a given word? Show "
        "complete code.",
        {},
    ),
    (
        "Here is my SQL:\n\n    SELECT patient_name, COUNT(*) FROM appointments GROUP BY clinic_id;\n\n"
        'Postgres says column "patient_name" must appear in the GROUP BY clause. What is wrong and how do I '
        "fix it?",
        {},
    ),
    (
        "Write a regular expression that matches {format} and explain each part of it.",
        {
            "format": [
                "24-hour times like 07:45",
                "ISO 8601 dates like 2024-03-09",
                "hex colour codes like #1a2B3c",
                "UK postcodes",
            ]
        },
    ),
    (
        "Refactor this JavaScript to use async/await:\n\n```js\nfetch(url).then(r => r.json()).then(data => "
        "{{ render(data); }}).catch(err => console.error(err));\n```",
        {},
    ),
    (
        "Implement an LRU cache in {plang} with O(1) get and put, and explain the data structures you chose.",
        {"plang": ["Java", "C++", "Python", "TypeScript"]},
    ),
    (
        "My Python script crashes with `KeyError: '{key}'` when I read a settings dict. How do I fall back "
        "to a default value instead, and which way is most idiomatic?",
        {"key": ["timeout", "user", "region"]},
    ),
    (
        "Write a shell one-liner that prints the ten largest files under the current directory with "
        "human-readable sizes.",
        {},
    ),
    # extraction
    (
        "From the receipt below, extract the shop name, the date and the total as JSON.\n\n{receipt}",
        {
            "receipt": [
                "HARBOUR HARDWARE\n12/03/2025 14:22\n2x wood screws 4.50\n1x sandpaper pack 3.20\nTOTAL "
                "12.20\nCARD ****1134",
                "Café Lindgren\n2025-07-19\nCappuccino 3,80\nCinnamon bun 3,20\nSumma 7,00 EUR",
            ]
        },
    ),
    (
        "Label each support message as billing, technical or other, and return CSV with the columns "
        "id,label:\n{messages}",
        {
            "messages": [
                "1. I was charged twice this month.\n2. The app freezes when I open settings.\n3. Do you "
                "have an office in Lisbon?",
                "1. How do I reset my password?\n2. Can I get an invoice with my company's VAT number?\n3. "
                "Love the new update!",
            ]
        },
    ),
    (
        "Pull the job title, location, salary range and required years of experience out of this ad, as "
        "JSON:\n\n{ad}",
        {
            "ad": [
                "We're hiring! Senior Bookkeeper, Tartu office (hybrid). 3,200-3,900 EUR/month. At least 5 "
                "years of experience with small-business accounts.",
                "Warehouse Team Lead wanted in Ballarat. $68k-$75k plus super. 3+ years leading a team "
                "required.",
            ]
        },
    ),
    (
        "Make a bullet list of the ingredients and amounts in this note: '{recipe}'",
        {
            "recipe": [
                "ok so for the pancakes you need two eggs, about 250 ml milk, a cup of flour and a pinch of "
                "salt, butter for the pan",
                "soup: 1 onion, 2 carrots, 500 g red lentils, a litre of stock, cumin to taste",
            ]
        },
    ),
    # STEM
    (
        "Why does {phenomenon}? Explain it so a curious 14-year-old could follow.",
        {
            "phenomenon": [
                "ice float on water",
                "the sky turn red at sunset",
                "a spinning top stay upright",
                "metal feel colder than wood at the same temperature",
            ]
        },
    ),
    (
        "How does {device} work? Keep it under 200 words.",
        {
            "device": [
                "a heat pump",
                "an induction hob",
                "a pair of noise-cancelling headphones",
                "a smoke detector",
            ]
        },
    ),
    (
        "What is the difference between {pair} in statistics? Give an example of each.",
        {"pair": ["correlation and causation", "the mean and the median", "precision and recall"]},
    ),
    (
        "A {mass} kg crate is pushed across a floor with a force of {force} N against {friction} N of "
        "friction. What is its acceleration, and which of Newton's laws are you using?",
        {"mass": ["10", "25", "40"], "force": ["120", "200"], "friction": ["40", "75"]},
    ),
    (
        "Explain what {organelle} does in a cell and what happens when it stops working.",
        {"organelle": ["a mitochondrion", "a ribosome", "a lysosome", "the cell membrane"]},
    ),
    # humanities
    (
        "Should museums return {objects} to their countries of origin? Give the strongest argument on each "
        "side, then your own conclusion.",
        {"objects": ["the Benin Bronzes", "the Parthenon marbles", "colonial-era manuscripts"]},
    ),
    (
        "Explain the core idea of {school} and one serious objection to it.",
        {"school": ["utilitarianism", "stoicism", "existentialism", "social contract theory"]},
    ),
    (
        "Compare how {comparison}.",
        {
            "comparison": [
                "ancient Athens and republican Rome defined citizenship",
                "Tang China and the Abbasid Caliphate supported trade and scholarship",
                "Renaissance Florence and Edo Japan paid for their artists",
            ]
        },
    ),
    (
        "Write an essay plan (thesis plus three points) on the question: '{question}'",
        {
            "question": [
                "Does social media make democracy stronger or weaker?",
                "Is mass tourism good for historic cities?",
                "Should voting be compulsory?",
            ]
        },
    ),
    (
        "What does the story of {myth} tell us about what its audience valued?",
        {"myth": ["Gilgamesh", "Orpheus and Eurydice", "Thor's fishing trip with Hymir"]},
    ),
]
# Multi-turn chats: an opening, the assistant's reply, and the follow-ups that fit them.
CHATS: list[tuple[str, str, list[str]]] = [
    (
        "We're adopting a rescue cat next week.",
        "Congratulations! How can I help you get ready?",
        ["What should I buy or set up before she arrives?", "How do we handle the first few days?"],
    ),
    (
        "I start a new job as a night-shift nurse on Monday.",
        "That's a big change. What's worrying you most?",
        ["How do I sleep during the day?", "Can you plan my meals around the shifts?"],
    ),
    (
        "I want to learn to swim properly. I'm 40 and can barely float.",
        "It's never too late. Do you have access to a pool?",
        [
            "Yes, a public one. What should my first five sessions look like?",
            "How do I stop panicking in deep water?",
        ],
    ),
    (
        "My landlord wants to raise the rent by 15%.",
        "I'm sorry to hear that. Which country are you in, and what does your lease say?",
        ["Germany, and the lease doesn't mention increases. What can I do?", "Can you draft a reply to him?"],
    ),
    (
        "I'm moving to a city where I don't know anyone.",
        "That can feel lonely at first. What do you enjoy doing?",
        ["Board games and hiking. How do I meet people who like those?", "How long does it usually take?"],
    ),
    (
        "I have to give a wedding speech as best man.",
        "What an honour! How well do you know the couple?",
        ["Since school. How do I start it?", "How long should it be, and what should I avoid?"],
    ),
]
# {a}: the opening; {b}: the reply; {c}: a follow-up.
CHAT_LAYOUTS = [
    "{a}\n{b}\n{c}",
    "User: {a}\nAssistant: {b}\nUser: {c}",
    "USER: {a}\nASSISTANT: {b}\nUSER: {c}\nASSISTANT:",
]

# ------------------------------------------------------------------------------ wrappers

# What real prompts carry around the request: system-prompt preambles, instruction formats,
# closing lines. {x}: the prompt.
PREAMBLES = [
    "You are a helpful assistant.\n\n{x}",
    "You are a helpful assistant. Answer the user's request as well as you can.\n\nUser: {x}",
    "System: You are a knowledgeable, friendly assistant.\nUser: {x}\nAssistant:",
    "### Instruction:\n{x}\n\n### Response:",
    "[INST] {x} [/INST]",
]
SUFFIXES = [
    "\n\nAnswer concisely.",
    " Thanks!",
    "\n\nPlease keep the answer short.",
    "\n\nBe accurate; if you are unsure, say so.",
    " Thank you in advance.",
]
