"""The relation rules of the quick check: sides, scores, what a number counts, negations, quotations'
speakers; and the faithful forms they must leave alone (passives, possessives, inflected names, shares,
Indian digit grouping, a summary in another language)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from summarizer.checks.faithfulness import (
    NOT_FOUND,
    PARTLY,
    SUPPORTED,
    UNCHECKED,
    check_summary,
    verdict_lines,
)
from summarizer.checks.words import fold
from summarizer.text.article import Article

DERBY = ("Harbour City beat Millbrook Rovers 3-1 at Kestrel Park on Sunday. Striker Dani Osei scored twice. "
         "Goalkeeper Ian Hale saved 31 shots and let in 2 goals. "
         "Millbrook have not won at Kestrel Park since 2016. "
         "“We were brave with the ball,” said Harbour City manager Paula Verhoef. "
         "Her Millbrook counterpart, Graham Tully, was less pleased. “We gave away two goals,” he said.")


def relations(summary: str, article: str, language: str) -> list[tuple[str, str]]:
    support, unsupported = check_summary([summary], Article.read(article, language))
    return [(f.kind, f.reason) for f in unsupported]


def verdict(summary: str, article: str, language: str) -> str:
    support, _ = check_summary([summary], Article.read(article, language))
    return support[0].verdict


@pytest.mark.parametrize("summary, kind, says", [
    ("Millbrook Rovers beat Harbour City 3-1 at Kestrel Park.", "sides", "Harbour City beat Millbrook Rovers"),
    ("Harbour City beat Millbrook Rovers 1-3 at Kestrel Park.", "score", "3-1"),
    ("Goalkeeper Ian Hale saved 2 shots.", "count", "31 shots"),
    ("Millbrook have won at Kestrel Park since 2016.", "negation", "not"),
    ("Striker Dani Osei did not score twice.", "negation", "not"),
    ("“We gave away two goals,” said Paula Verhoef.", "speaker", "Graham Tully"),
    ("“We were brave with the ball,” Graham Tully said.", "speaker", "Paula Verhoef"),
])
def test_each_relation_is_reported_with_what_the_article_says(summary, kind, says):
    found = relations(summary, DERBY, "en")
    assert [k for k, _ in found] == [kind], found
    assert says in found[0][1]
    assert verdict(summary, DERBY, "en") == PARTLY


@pytest.mark.parametrize("summary", [
    "Harbour City beat Millbrook Rovers 3-1 at Kestrel Park on Sunday.",
    "Millbrook Rovers were beaten 3-1 by Harbour City at Kestrel Park.",   # a passive: the sides agree
    "Osei's two goals helped Harbour City beat Millbrook Rovers.",          # a possessive of an article name
    "Millbrook have not won at Kestrel Park since 2016.",
    "“We gave away two goals,” said Millbrook's Graham Tully.",              # a pronoun's speaker, found earlier
    "Under Verhoef, Harbour City beat Millbrook Rovers.",                   # a capitalised opener is no name
    "Goalkeeper Ian Hale let in 2 goals and saved 31 shots.",
])
def test_faithful_forms_are_supported(summary):
    assert relations(summary, DERBY, "en") == []
    assert verdict(summary, DERBY, "en") == SUPPORTED


@pytest.mark.parametrize("language, article, summary", [
    ("fr", "Le Stade vellerois a battu Castelmont 27 à 19. Le club n'a pas changé d'entraîneur cette saison.",
     "Le club a changé d'entraîneur cette saison."),
    ("de", "Die Stadt hat den Vertrag nicht verlängert. Der Versorger kündigte Berufung an.",
     "Die Stadt hat den Vertrag verlängert."),
    ("ru", "Команда не проиграла ни одного матча дома. Тренер доволен сезоном.",
     "Команда проиграла матч дома."),
    ("ar", "قال الوزير إن الحكومة لن ترفع أسعار الوقود هذا العام. وأضاف أن الميزانية متوازنة.",
     "قال الوزير إن الحكومة سترفع أسعار الوقود هذا العام."),
    ("zh", "市政府表示，今年不会提高公交票价。新线路将在明年开通。", "市政府表示，今年会提高公交票价。"),
    ("hi", "मंत्री ने कहा कि सरकार इस साल किराया नहीं बढ़ाएगी। नई लाइन अगले साल खुलेगी।",
     "मंत्री ने कहा कि सरकार इस साल किराया बढ़ाएगी।"),
])
def test_a_dropped_negation_is_found_in_each_language(language, article, summary):
    assert [kind for kind, _ in relations(summary, article, language)] == ["negation"]


def test_a_contrast_keeps_the_negated_part_apart():
    article = "Тренер сказал, что ребята сыграли не ради себя, а ради всего города. Сезон окончен."
    assert relations("Тренер сказал, что ребята сыграли ради всего города.", article, "ru") == []
    assert [k for k, _ in relations("Тренер сказал, что ребята сыграли ради себя.", article, "ru")] == \
        ["negation"]


def test_in_hindi_a_vowel_sign_is_a_letter_so_ne_is_no_negation():
    assert fold("ने") != fold("न")
    article = "रोहित सैनी ने तीन विकेट लिए। टीम ने फाइनल जीता।"
    assert relations("रोहित सैनी ने तीन विकेट लिए।", article, "hi") == []


def test_swapped_sides_in_a_script_without_spaces():
    article = "青川猛虎队以98比91击败江宁飞鹰队，晋级总决赛。"
    assert [k for k, _ in relations("江宁飞鹰队击败青川猛虎队。", article, "zh")] == ["sides"]
    assert relations("青川猛虎队击败江宁飞鹰队。", article, "zh") == []


def test_a_quotation_in_french_marks_keeps_its_speaker():
    article = ("« C'est tout le groupe qui a gagné ce soir », a déclaré l'entraîneur Philippe Roussel. "
               "Le capitaine Karim Benali a ajouté : « Nous avons souffert. »")
    found = relations("« Nous avons souffert », a déclaré Philippe Roussel.", article, "fr")
    assert found == [("speaker", "the article gives these words to Karim Benali")]
    assert relations("Selon Philippe Roussel, « c'est tout le groupe qui a gagné ce soir ».", article, "fr") == []


def test_shares_and_indian_grouping_read_as_the_article_states_them():
    article = "El acuerdo fue aprobado por 812 de los 1.015 votantes. El premio es de 50,00,000 rupias."
    assert verdict("Cuatro de cada cinco votantes aprobaron el acuerdo.", article, "es") == SUPPORTED
    assert verdict("Tres de cada cinco votantes aprobaron el acuerdo.", article, "es") != SUPPORTED
    hindi = "विजेता टीम को 50,00,000 रुपये का इनाम मिला। उपविजेता को 25 लाख रुपये मिले।"
    assert verdict("विजेता टीम को 50 लाख रुपये का इनाम मिला।", hindi, "hi") == SUPPORTED


def test_a_summary_in_another_language_is_unchecked_not_flagged():
    article = ("Команда «Ледокол» обыграла «Горняк» со счётом 4:2 и вышла в финал. Вратарь Никита Басов "
               "отразил 31 бросок. Матч посмотрели около девяти тысяч зрителей.")
    support, unsupported = check_summary(["Ledokol beat Gornyak 4-2 and reached the final."],
                                         Article.read(article, "ru"))
    assert [s.verdict for s in support] == [UNCHECKED] and unsupported == []
    assert verdict_lines(support[0].to_dict(), [])[0].startswith("Not checked: this sentence is in another")


def test_a_summary_in_another_language_is_checked_against_the_articles_translation_where_one_is_at_hand():
    article = Article.read("Команда «Ледокол» обыграла «Горняк» со счётом 4:2 и вышла в финал. Вратарь Никита "
                           "Басов отразил 31 бросок.", "ru")
    english = ["Ledokol beat Gornyak 4-2 and reached the final.", "Goalkeeper Nikita Basov made 31 saves."]
    asked = []

    def translate(source: Article, target: str) -> Article:  # a translator, sentence for sentence
        asked.append((source.language, target))
        return Article(" ".join(english), target, tuple(
            replace(segment, text=text) for segment, text in zip(source.segments, english)))

    support, unsupported = check_summary(["Ledokol beat Gornyak 4-2 and reached the final.",
                                          "Basov made 35 saves."], article, translate)
    assert asked == [("ru", "en")]
    assert [s.verdict for s in support] == [SUPPORTED, NOT_FOUND] and support[0].sources == (0,)
    assert [(f.text, f.kind) for f in unsupported] == [("35", "number")]
    assert all(s.compared_with == "en" for s in support)
    lines = verdict_lines(support[0].to_dict(), [])
    assert lines == ["Supported: the article says this.", "Checked against a machine translation of the article "
                     "into English, not against the article's own words."]
    unchecked, _ = check_summary(english, article, lambda source, target: None)  # no translator at hand
    assert [s.verdict for s in unchecked] == [UNCHECKED, UNCHECKED]
    assert "compared_with" not in unchecked[0].to_dict()


def test_the_check_command_translates_the_article_for_a_summary_in_another_language(fake_models, tmp_path, capsys):
    from summarizer.cli import main

    source, summary = tmp_path / "source.txt", tmp_path / "summary.txt"
    source.write_text(DERBY, encoding="utf-8")
    summary.write_text("Harbour City a battu Millbrook Rovers 3-1 dimanche à Kestrel Park.", encoding="utf-8")
    main(["check", "--source", str(source), "--summary", str(summary)])
    out = capsys.readouterr().out
    assert fake_models("Helsinki-NLP/opus-mt-en-fr").calls  # the fake translator was asked
    assert "Checked against a machine translation of the article into French" in out


def test_a_relation_reads_plainly_in_the_verdict():
    support, unsupported = check_summary(["Millbrook Rovers beat Harbour City 3-1 at Kestrel Park."],
                                         Article.read(DERBY, "en"))
    lines = verdict_lines(support[0].to_dict(), [f.to_dict() for f in unsupported])
    assert lines == ['Partly supported: the article has these words, but the article has it the other way '
                     'round: "Harbour City beat Millbrook Rovers".']


def test_a_verdict_names_a_missing_fact_and_a_relation_when_a_sentence_has_both():
    support, unsupported = check_summary(["Millbrook Rovers beat Harbour City 3-1 at Wembley."],
                                         Article.read(DERBY, "en"))
    lines = verdict_lines(support[0].to_dict(), [f.to_dict() for f in unsupported])
    assert lines[0].startswith("Partly supported: the article backs this sentence, but not Wembley (")
    assert lines[0].endswith('; and the article has it the other way round: "Harbour City beat Millbrook Rovers".')


def test_bing_fei_is_a_negation_in_chinese():
    article = "调查显示，这次事故并非人为造成。调查将在下月结束。"
    assert [k for k, _ in relations("调查显示，这次事故是人为造成。", article, "zh")] == ["negation"]


def test_a_sentence_after_a_closing_quotation_mark_starts_with_no_name():
    article = ("“We never stopped running,” said manager Paula Verhoef. “Dani is in form.”\n\nHer rival, "
               "Graham Tully, was less pleased. “We gave away two goals,” he said.")
    found = relations("“We gave away two goals,” said Paula Verhoef.", article, "en")
    assert found == [("speaker", "the article gives these words to Graham Tully")]
