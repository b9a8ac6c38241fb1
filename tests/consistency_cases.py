"""Writes summarizer/data/consistency_cases*.jsonl: the project's own factual-consistency cases.

Summaries of the project's own articles (the page's examples and the bundled English news), written by
hand: faithful rewordings (numbers, dates and names in other forms, compressions) and perturbations (a
number, name, place or date swapped; a negation; a quote given to another speaker; roles reversed). No
public benchmark text is used. Run `python tests/consistency_cases.py` after editing the cases; a test
checks the committed file matches.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import consistency_cases_relations as relations

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "summarizer" / "data" / "consistency_cases.jsonl"

OK, BAD = True, False

# article id -> (language, where its text is)
ARTICLES = {
    "en-library": ("en", "ui/examples/en-library.txt"),
    "en-zoo": ("en", "summarizer/data/news_en.jsonl#1"),
    "en-veltron": ("en", "summarizer/data/news_en.jsonl#2"),
    "de-bakery": ("de", "ui/examples/de-bakery.txt"),
    "es-tren": ("es", "ui/examples/es-tren.txt"),
    "ru-forest": ("ru", "ui/examples/ru-forest.txt"),
    "zh-robot": ("zh", "ui/examples/zh-robot.txt"),
    "ar-water": ("ar", "ui/examples/ar-water.txt"),
}

# (article id, summary, consistent?, kind)
CASES = [
    # --- English: a library ---------------------------------------------------------------------
    ("en-library", "A new public library opened in Riverton on Saturday.", OK, "copy"),
    ("en-library", "The building cost $14 million and replaces a branch that closed in 2019.", OK,
     "number form"),
    ("en-library", "About 1200 people came on the first day.", OK, "number form"),
    ("en-library", "Some 1.2k people visited on opening day, the city said.", OK, "number form"),
    ("en-library", "Head librarian Grace Mensah said the idea came from a survey of residents.", OK,
     "compression"),
    ("en-library", "The library is open every day of the week.", OK, "paraphrase"),
    ("en-library", "The building cost 41 million dollars.", BAD, "number"),
    ("en-library", "About 2,100 people visited on the first day.", BAD, "number"),
    ("en-library", "A new public library opened in Riverton on Sunday.", BAD, "date"),
    ("en-library", "The old branch closed in 2017 after its roof failed.", BAD, "date"),
    ("en-library", "Head librarian Grace Okafor said residents had asked for the items.", BAD, "name"),
    ("en-library", "Mayor Tom Reyes said the library of things came from a survey.", BAD, "speaker"),
    ("en-library", "A new public library opened in Riverton and Lakeside on Saturday.", BAD, "place"),
    ("en-library", "Borrowing tools costs a fee, even with a library card.", BAD, "negation"),
    ("en-library", "The library has eight study rooms and a recording studio.", BAD, "number"),
    # --- English: a tiger cub -------------------------------------------------------------------
    ("en-zoo", "A Siberian tiger cub named Mira was born at the Northfield Zoo on 2 October.", OK,
     "date form"),
    ("en-zoo", "The cub was born on Oct. 2 to a seven-year-old mother, Kasha.", OK, "date form"),
    ("en-zoo", "It is the zoo's first tiger birth in fourteen years.", OK, "number form"),
    ("en-zoo", "Fewer than 600 Amur tigers are thought to live in the wild.", OK, "name form"),
    ("en-zoo", "Mira will be on view for two hours each morning.", OK, "copy"),
    ("en-zoo", "The cub was born on October 12 to seven-year-old mother Kasha.", BAD, "date"),
    ("en-zoo", "It is the first tiger born at the zoo in 41 years.", BAD, "number"),
    ("en-zoo", "Fewer than 6,000 Siberian tigers live in the wild.", BAD, "number"),
    ("en-zoo", "Kasha was brought to Northfield from a zoo in Poland three years ago.", BAD, "place"),
    ("en-zoo", "Head keeper Martin Walsh said the cub now weighs about 6 kilograms.", BAD, "name"),
    ("en-zoo", "Siberian tigers are no longer listed as endangered.", BAD, "negation"),
    ("en-zoo", '"She is curious, loud and already trying to climb things," Kasha said.', BAD, "speaker"),
    # --- English: a carmaker --------------------------------------------------------------------
    ("en-veltron", "Veltron Motors shares fell 12% on Wednesday after it cut its delivery forecast.", OK,
     "number form"),
    ("en-veltron", "Veltron now expects to deliver 180,000 to 190,000 vehicles this year, down from 230,000.",
     OK, "compression"),
    ("en-veltron", "Quarterly revenue was $2.9bn, up eight percent from a year earlier.", OK, "number form"),
    ("en-veltron", "Its operating loss widened to $310m.", OK, "number form"),
    ("en-veltron", "Chief executive Rosa Lindqvist blamed a fire at a supplier's battery plant.", OK,
     "compression"),
    ("en-veltron", "Shares of Veltron Motors fell 21 percent on Wednesday.", BAD, "number"),
    ("en-veltron", "Shares of Veltron Motors fell 12 percent on Thursday.", BAD, "date"),
    ("en-veltron", "A fire in August at a battery plant in Japan disrupted production.", BAD, "place"),
    ("en-veltron", "Chief executive Anna Lindqvist said demand was there but the cells were not.", BAD,
     "name"),
    ("en-veltron", "Revenue for the quarter was $3.9 billion.", BAD, "number"),
    ("en-veltron", "Shares of Veltron Motors rose 12 percent after it raised its delivery forecast.", BAD,
     "negation"),
    ("en-veltron", "The company delivered 52,000 vehicles in the third quarter.", BAD, "role"),
    # --- German: a bakery -----------------------------------------------------------------------
    ("de-bakery", "Ein junges Paar übernimmt die älteste Bäckerei von Lindenau zum 1. Januar.", OK,
     "date form"),
    ("de-bakery", "Die Stadt gibt einen Zuschuss von 30 000 Euro.", OK, "number form"),
    ("de-bakery", "Die Stadt fördert die Übernahme mit 30.000 €.", OK, "number form"),
    ("de-bakery", "Alle 7 Angestellten werden übernommen.", OK, "number form"),
    ("de-bakery", "Die neuen Besitzer Lena und Tarik Yilmaz wollen ein kleines Café eröffnen.", OK,
     "compression"),
    ("de-bakery", "Die Bäckerei war seit 1849 im Familienbesitz.", BAD, "number"),
    ("de-bakery", "Die Stadt gibt einen Zuschuss von 50.000 Euro.", BAD, "number"),
    ("de-bakery", "Ein junges Paar übernimmt die älteste Bäckerei von Lindenau zum ersten März.", BAD,
     "date"),
    ("de-bakery", "Die bisherige Inhaberin Margarete Schulz gibt das Geschäft auf.", BAD, "name"),
    ("de-bakery", "Die älteste Bäckerei von Lindenau und Hohenfeld bleibt erhalten.", BAD, "place"),
    ("de-bakery", "Nur drei der sieben Angestellten werden übernommen.", BAD, "number"),
    ("de-bakery", "Die Stadt unterstützt die Übernahme nicht.", BAD, "negation"),
    # --- Spanish: a train -----------------------------------------------------------------------
    ("es-tren", "El Gobierno regional presentó el lunes una nueva línea de tren entre Valdemora y la costa.",
     OK, "copy"),
    ("es-tren", "La obra costará 620 millones de euros.", OK, "copy"),
    ("es-tren", "Unos nueve mil viajeros al día podrían dejar el coche, según Andrés Molina.", OK,
     "number form"),
    ("es-tren", "El viaje pasará de dos horas a unos 60 minutos.", OK, "number form"),
    ("es-tren", "La línea tendrá 5 estaciones y trenes de hasta 200 km por hora.", OK, "number form"),
    ("es-tren", "La obra costará 260 millones de euros.", BAD, "number"),
    ("es-tren", "El Gobierno regional presentó el viernes el proyecto.", BAD, "date"),
    ("es-tren", "Los primeros trenes circularán en 2032.", BAD, "date"),
    ("es-tren", "Según el consejero de Transportes, Andrés Navarro, unos 9.000 viajeros dejarán el coche.",
     BAD, "name"),
    ("es-tren", "La nueva línea unirá Valdemora con Sevilla.", BAD, "place"),
    ("es-tren", "La línea tendrá siete estaciones.", BAD, "number"),
    ("es-tren", "Los vecinos pidieron un viaducto en lugar de un túnel.", BAD, "role"),
    # --- Russian: a forest ----------------------------------------------------------------------
    ("ru-forest", "За три года в Северном районе высадили более 1 000 000 деревьев.", OK, "number form"),
    ("ru-forest", "Программа началась после пожаров 2022 года, уничтоживших около 12 тысяч гектаров леса.",
     OK, "number form"),
    ("ru-forest", "В посадках участвовали более 5000 добровольцев.", OK, "number form"),
    ("ru-forest", "Прижились около 80 % саженцев.", OK, "number form"),
    ("ru-forest", "По словам Ольги Ивановой, сажали в основном сосну и берёзу.", OK, "name form"),
    ("ru-forest", "Программа началась после пожаров 2021 года.", BAD, "date"),
    ("ru-forest", "В посадках участвовали более пятнадцати тысяч добровольцев.", BAD, "number"),
    ("ru-forest", "Прижились около шестидесяти процентов саженцев.", BAD, "number"),
    ("ru-forest", "По словам руководителя лесного управления Ольги Петровой, сажали сосну.", BAD, "name"),
    ("ru-forest", "В следующем году район планирует высадить ещё семьсот тысяч деревьев.", BAD, "number"),
    ("ru-forest", "Деревья высадили в Северном районе и в Приморье.", BAD, "place"),
    # --- Chinese: a surgical robot --------------------------------------------------------------
    ("zh-robot", "江城市第一人民医院的手术机器人已完成500台微创手术。", OK, "number form"),
    ("zh-robot", "患者平均住院时间缩短了3天。", OK, "number form"),
    ("zh-robot", "该设备购置费用约为2000万元。", OK, "number form"),
    ("zh-robot", "机器人手术收费比传统手术高出约20%。", OK, "number form"),
    ("zh-robot", "外科主任李明说，术中出血量明显减少。", OK, "compression"),
    ("zh-robot", "江城市第一人民医院的手术机器人已完成八百台手术。", BAD, "number"),
    ("zh-robot", "该设备购置费用约为五千万元。", BAD, "number"),
    ("zh-robot", "外科主任王强说，术中出血量明显减少。", BAD, "name"),
    ("zh-robot", "医院计划明年再培训二十名医生。", BAD, "number"),
    ("zh-robot", "江城市第一人民医院周五宣布手术机器人已完成五百台手术。", BAD, "date"),
    ("zh-robot", "机器人可以代替医生的判断。", BAD, "negation"),
    # --- Arabic: a desalination plant -----------------------------------------------------------
    ("ar-water", "افتتحت مدينة الرمال يوم الأحد محطة جديدة لتحلية مياه البحر تعمل بالطاقة الشمسية.", OK,
     "copy"),
    ("ar-water", "تنتج المحطة نحو 60 ألف متر مكعب من المياه العذبة يوميا.", OK, "number form"),
    ("ar-water", "بلغت تكلفة المشروع نحو 200 مليون دولار.", OK, "number form"),
    ("ar-water", "تخطط المدينة لبناء محطة ثانية بحلول عام 2030.", OK, "number form"),
    ("ar-water", "قال سامي الحداد إن المحطة ستخفض تكلفة إنتاج المياه.", OK, "compression"),
    ("ar-water", "بلغت تكلفة المشروع نحو خمسمئة مليون دولار.", BAD, "number"),
    ("ar-water", "افتتحت مدينة الرمال يوم الخميس محطة جديدة لتحلية المياه.", BAD, "date"),
    ("ar-water", "تخطط المدينة لبناء محطة ثانية بحلول عام 2035.", BAD, "date"),
    ("ar-water", "وقال مدير شركة المياه، خالد العمري، إن المحطة ستخفض التكلفة.", BAD, "name"),
    ("ar-water", "تنتج المحطة نحو تسعين ألف متر مكعب من المياه يوميا.", BAD, "number"),
    ("ar-water", "استغرق بناء المحطة خمس سنوات.", BAD, "number"),
]


# Written after the rules above were settled and run once, unchanged: figures on cases the rules were
# not shaped on. (article id, summary, consistent?, kind)
FRESH_ARTICLES = {
    "en-measles": ("en", "summarizer/data/news_en.jsonl#3"),
    "en-football": ("en", "summarizer/data/news_en.jsonl#4"),
    "en-steps": ("en", "summarizer/data/news_en.jsonl#5"),
    "fr-budget": ("fr", "tests/data/paragraphs/fr.txt"),
    "it-budget": ("it", "tests/data/paragraphs/it.txt"),
    "pt-budget": ("pt", "tests/data/paragraphs/pt.txt"),
    "uk-budget": ("uk", "tests/data/paragraphs/uk.txt"),
    "ja-budget": ("ja", "tests/data/paragraphs/ja.txt"),
    "tr-budget": ("tr", "tests/data/paragraphs/tr.txt"),
    "hi-budget": ("hi", "tests/data/paragraphs/hi.txt"),
}
FRESH_CASES = [
    ("en-measles", "Eastmere has confirmed fourteen measles cases in three weeks.", OK, "number form"),
    ("en-measles", "It is the region's largest outbreak since 2019.", OK, "compression"),
    ("en-measles", "Vaccination rates fell from 95% in 2018 to about 88% this year.", OK, "number form"),
    ("en-measles", "Letters went to the families of some 4000 children missing a dose.", OK, "number form"),
    ("en-measles", "Dr Priya Natarajan called measles one of the most contagious diseases.", OK, "name form"),
    ("en-measles", "Eastmere has confirmed 41 cases of measles.", BAD, "number"),
    ("en-measles", "It is the largest outbreak in the region since 2016.", BAD, "date"),
    ("en-measles", "Dr. Priya Raman, the chief medical officer, urged parents to vaccinate.", BAD, "name"),
    ("en-measles", "She spoke at a news conference on Tuesday.", BAD, "date"),
    ("en-measles", "Clinics are opening in nine towns this week.", BAD, "number"),
    ("en-measles", "The outbreak began when a traveller returned from Brazil.", BAD, "place"),
    ("en-measles", "All of the children had received both doses of the vaccine.", BAD, "negation"),
    ("en-football", "Valdoria beat Norland 2-1 on Thursday to reach its first World Cup.", OK, "compression"),
    ("en-football", "Elias Moreau scored twice, the winner in the 87th minute.", OK, "number form"),
    ("en-football", "Valdoria has about three million people.", OK, "number form"),
    ("en-football", "Coach Henrik Sol took over four years ago, when the team was 112th.", OK, "compression"),
    ("en-football", "Valdoria beat Norland 3-1 on Thursday.", BAD, "number"),
    ("en-football", "Norland beat Valdoria 2-1 on Thursday.", BAD, "role"),
    ("en-football", "Striker Elias Laurent scored both goals.", BAD, "name"),
    ("en-football", "The team is now ranked 45th in the world.", BAD, "number"),
    ("en-football", "Valdoria lost in the playoffs in 2013 and 2017.", BAD, "date"),
    ("en-football", "The government declared Monday a public holiday.", BAD, "date"),
    ("en-football", '"This is for everyone who doubted us," striker Elias Moreau said.', BAD, "speaker"),
    ("en-steps", "People who walked 7000 steps a day had a 40% lower risk of dying.", OK, "number form"),
    ("en-steps", "The study followed 12 000 adults aged 40 to 79.", OK, "number form"),
    ("en-steps", "Benefits levelled off at around ten thousand steps a day.", OK, "number form"),
    ("en-steps", "Lead author Dr. Hannah Okafor of Midland University led the study.", OK, "copy"),
    ("en-steps", "People who walked 7,000 steps a day had a 60 percent lower risk of dying.", BAD, "number"),
    ("en-steps", "The study followed 21,000 adults.", BAD, "number"),
    ("en-steps", "Lead author Dr. Hannah Mensah said walking itself caused the lower risk.", BAD, "name"),
    ("en-steps", "The researchers reported their findings on Friday.", BAD, "date"),
    ("en-steps", "The study proves that walking itself lowers the risk of dying.", BAD, "negation"),
    ("en-steps", "Walking speed mattered more than the number of steps.", BAD, "role"),
    ("fr-budget", "Le conseil municipal a adopté mardi un nouveau budget.", OK, "copy"),
    ("fr-budget", "Le plan ajoute 12 lignes de bus et répare 3 vieux ponts.", OK, "number form"),
    ("fr-budget", "Les travaux commenceront en mars.", OK, "compression"),
    ("fr-budget", "Le plan ajoute quinze lignes de bus.", BAD, "number"),
    ("fr-budget", "Le conseil municipal a adopté jeudi un nouveau budget.", BAD, "date"),
    ("fr-budget", "Les travaux commenceront en juin et dureront deux ans.", BAD, "date"),
    ("fr-budget", "Le conseil municipal de Lyon a adopté un nouveau budget.", BAD, "place"),
    ("it-budget", "Il piano aggiunge 12 linee di autobus.", OK, "number form"),
    ("it-budget", "Il consiglio comunale ha approvato martedì il bilancio.", OK, "compression"),
    ("it-budget", "Il piano aggiunge venti linee di autobus.", BAD, "number"),
    ("it-budget", "I lavori inizieranno a maggio.", BAD, "date"),
    ("it-budget", "Il consiglio comunale ha approvato venerdì un nuovo bilancio.", BAD, "date"),
    ("pt-budget", "O plano acrescenta 12 linhas de ônibus e reforma 3 pontes.", OK, "number form"),
    ("pt-budget", "As obras começarão em março.", OK, "compression"),
    ("pt-budget", "O plano acrescenta dezoito linhas de ônibus.", BAD, "number"),
    ("pt-budget", "As obras começarão em abril e terminarão em dois anos.", BAD, "date"),
    ("pt-budget", "A câmara municipal de Lisboa aprovou um novo orçamento.", BAD, "place"),
    ("uk-budget", "План передбачає 12 нових автобусних маршрутів.", OK, "number form"),
    ("uk-budget", "Роботи розпочнуться в березні.", OK, "compression"),
    ("uk-budget", "План передбачає двадцять нових автобусних маршрутів.", BAD, "number"),
    ("uk-budget", "Роботи розпочнуться у травні.", BAD, "date"),
    ("uk-budget", "Міська рада Львова ухвалила новий бюджет.", BAD, "place"),
    ("ja-budget", "計画では12のバス路線を新設する。", OK, "number form"),
    ("ja-budget", "市議会は火曜日に新しい予算を承認した。", OK, "compression"),
    ("ja-budget", "計画では二十のバス路線を新設する。", BAD, "number"),
    ("ja-budget", "市議会は金曜日に新しい予算を承認した。", BAD, "date"),
    ("tr-budget", "Plan 12 yeni otobüs hattı ekliyor.", OK, "number form"),
    ("tr-budget", "Belediye meclisi salı günü yeni bütçeyi onayladı.", OK, "compression"),
    ("tr-budget", "Plan 20 yeni otobüs hattı ekliyor.", BAD, "number"),
    ("tr-budget", "Belediye meclisi cuma günü yeni bütçeyi onayladı.", BAD, "date"),
    ("hi-budget", "योजना में 12 नए बस मार्ग जोड़े जाएंगे।", OK, "number form"),
    ("hi-budget", "नगर परिषद ने मंगलवार को नया बजट मंजूर किया।", OK, "compression"),
    ("hi-budget", "योजना में 20 नए बस मार्ग जोड़े जाएंगे।", BAD, "number"),
    ("hi-budget", "नगर परिषद ने शुक्रवार को नया बजट मंजूर किया।", BAD, "date"),
]
FRESH_OUTPUT = ROOT / "summarizer" / "data" / "consistency_cases_fresh.jsonl"


def article_text(where: str) -> str:
    path, _, line = where.partition("#")
    text = (ROOT / path).read_text(encoding="utf-8")
    return json.loads(text.splitlines()[int(line)])["article"] if line else text


def lines(articles: dict[str, tuple[str, str]], cases: list[tuple[str, str, bool, str]]) -> list[str]:
    """Each article once, then the cases that refer to it by id."""
    rows = [{"id": key, "language": language, "article": article_text(where)}
            for key, (language, where) in articles.items()]
    rows += [{"article_id": key, "summary": summary, "consistent": consistent, "kind": kind}
             for key, summary, consistent, kind in cases]
    return [json.dumps(row, ensure_ascii=False) for row in rows]


RELATIONS_OUTPUT = ROOT / "summarizer" / "data" / "consistency_cases_relations.jsonl"

SETS = [(OUTPUT, ARTICLES, CASES), (FRESH_OUTPUT, FRESH_ARTICLES, FRESH_CASES),
        (RELATIONS_OUTPUT, relations.ARTICLES, relations.CASES)]

if __name__ == "__main__":
    for output, articles, cases in SETS:
        output.write_text("\n".join(lines(articles, cases)) + "\n", encoding="utf-8")
        print(f"wrote {len(cases)} cases on {len(articles)} articles to {output.relative_to(ROOT)}",
              file=sys.stderr)
