"""The vocabulary map: which output tokens a summary of a given article may use."""

from summarizer.models.vocabulary_map import Variants, always_allowed, candidates, map_text

VOCABULARY = ["<s>", "</s>", ".", ",", "Ġ1", "Ġ2027", "Ġ$", "ĠThe", "The", "Ġthe", "Ġcouncil", "ĠCouncil",
              "Council", "Ġwarned", "Ġwarning", "Ġwarns", "Ġmortgage", "Ġmortgages", "ĠOsei", "Osei", "Ġsaid",
              "Ġzebra", "Ġhas", "Ġbeen", "a b"]


def tokenize(text: str) -> list[str]:
    """Whole words only, spelled as byte-level BPE spells them."""
    return [("Ġ" if i or text.startswith(" ") else "") + word for i, word in enumerate(text.split())]


def test_a_copied_word_may_start_a_sentence_change_case_or_inflect():
    variants = Variants(VOCABULARY, ["en"])
    assert variants.of("Ġcouncil") == {"Ġcouncil", "ĠCouncil", "Council"}
    assert "Ġwarns" in variants.of("Ġwarned") and "Ġwarned" in variants.of("Ġwarns")
    assert variants.of("Ġmortgage") == {"Ġmortgage", "Ġmortgages"}
    assert "Ġzebra" not in variants.of("Ġmortgage")


def test_numbers_and_punctuation_are_always_allowed_and_rare_words_only_from_the_source():
    always = always_allowed(VOCABULARY, tokenize, ["en"], frequent_words=200)
    assert {".", ",", "Ġ1", "Ġ2027", "Ġ$", "ĠThe", "Ġthe", "Ġhas", "Ġbeen"} <= always
    assert "Ġzebra" not in always and "ĠOsei" not in always
    allowed = candidates(tokenize("Mayor Osei warned"), always, Variants(VOCABULARY, ["en"]))
    assert {"ĠOsei", "Osei", "Ġwarns"} <= allowed and "Ġzebra" not in allowed


def test_the_map_file_has_the_always_line_first_and_no_token_with_a_space():
    text = map_text(VOCABULARY, {".", "Ġthe", "a b"}, ["en"])
    lines = text.splitlines()
    assert lines[0] == "\t. Ġthe"
    rules = dict(line.split("\t") for line in lines[1:])
    assert rules["Ġwarned"].split() == sorted(Variants(VOCABULARY, ["en"]).of("Ġwarned"))
    assert all(" " not in key for key in rules) and "a b" not in text


def test_with_the_real_bart_vocabulary_frequent_words_are_always_allowed_and_a_rare_name_is_not(hf_home):
    from transformers import AutoTokenizer

    from summarizer.models.hub import locate_model

    tokenizer = AutoTokenizer.from_pretrained(locate_model("sshleifer/distilbart-cnn-12-6"))
    vocabulary = list(tokenizer.get_vocab())
    always = always_allowed(vocabulary, tokenizer.tokenize, ["en"])
    assert {"Ġthe", "ĠThe", "Ġgovernment", "Ġsaid", "Ġ2020", "."} <= always
    name = tokenizer.tokenize(" Osei")
    assert not set(name) <= always  # a rare name's pieces come only from the article
    allowed = candidates(tokenizer.tokenize(" Mayor Osei warned"), always, Variants(vocabulary, ["en"]))
    assert set(name) <= allowed and len(allowed) < 0.6 * len(vocabulary)
