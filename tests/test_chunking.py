import pytest
from conftest import paragraph

from summarizer.models.catalogue import DEFAULT_SUMMARY_MODEL, MULTILINGUAL_SUMMARY_MODEL
from summarizer.models.registry import load_model
from summarizer.text.chunking import CHARACTERS_PER_TOKEN, estimate_chunk_count, pack_chunks
from summarizer.text.segmentation import count_words, length_label, split_sentences


@pytest.fixture(scope="module")
def bart(hf_home):
    return load_model(DEFAULT_SUMMARY_MODEL)


@pytest.fixture(scope="module")
def mt5(hf_home):
    return load_model(MULTILINGUAL_SUMMARY_MODEL)


def test_every_sentence_in_exactly_one_chunk_in_order(bart, long_english):
    sentences = split_sentences(long_english, "en")
    chunks = pack_chunks(sentences, bart, 200)
    assert len(chunks) > 5
    assert [s for c in chunks for s in c.sentences] == sentences
    assert all(bart.count_tokens(c.text) <= 200 for c in chunks)
    assert all(c.tokens == bart.count_tokens(c.text) for c in chunks)


def test_one_giant_sentence_is_cut_on_token_boundaries(bart):
    giant = " ".join(f"word{i}" for i in range(3000))
    chunks = pack_chunks(["Short opener.", giant, "Short closer."], bart, 256)
    assert chunks[0].text == "Short opener." and chunks[-1].text == "Short closer."
    middle = chunks[1:-1]
    assert len(middle) >= 2
    assert all(bart.count_tokens(c.text) <= 256 for c in middle)
    assert "".join(c.text for c in middle).replace(" ", "") == giant.replace(" ", "")


@pytest.mark.parametrize("language", ["zh", "ar", "ru", "hi"])
def test_non_latin_scripts_pack_without_loss(mt5, language):
    text = "\n\n".join([paragraph(language)] * 40)
    sentences = split_sentences(text, language)
    assert len(sentences) >= 80
    chunks = pack_chunks(sentences, mt5, 128, "" if language == "zh" else " ")
    assert len(chunks) > 1
    assert [s for c in chunks for s in c.sentences] == sentences
    assert all(mt5.count_tokens(c.text) <= 128 for c in chunks)


def test_sentences_split_across_paragraphs_and_languages():
    assert len(split_sentences(paragraph("en"), "en")) == 3
    assert len(split_sentences(paragraph("zh"), "zh")) == 3
    assert len(split_sentences(paragraph("ar"), "ar")) == 3
    assert split_sentences("Title without stop\n\nBody sentence. Another one.", "en") == [
        "Title without stop", "Body sentence.", "Another one."]


def test_word_counts_are_script_aware():
    assert count_words("The council met on Tuesday.") == 5
    assert count_words("市议会周二") == 5
    assert count_words("وافق مجلس المدينة") == 3
    assert count_words("मुख्यमंत्री ने स्वास्थ्य केंद्र का उद्घाटन किया") == 7  # vowel signs stay in their word
    assert count_words("स्वास्थ्य केंद्र") == 2
    assert count_words("Jose\u0301 and Ame\u0301lie") == 3  # decomposed accents too
    assert count_words("مُحَمَّد رَسُول") == 2  # Arabic with harakat


def test_chunk_estimate_follows_the_text_length_and_script():
    assert estimate_chunk_count("word " * 10, 1024) == 1
    latin = "x" * int(CHARACTERS_PER_TOKEN * 1024 * 2.5)
    assert estimate_chunk_count(latin, 1024) == 3
    assert estimate_chunk_count(latin, 512) == 5
    ideographs = "市议会" * 700  # one token each: 2,100 tokens
    assert estimate_chunk_count(ideographs, 1024) == 3
    assert estimate_chunk_count("한국어" * 700, 1024) == 3  # Hangul counts like ideographs



def test_length_labels_name_the_unit_readers_use():
    assert length_label(1234, "en") == "1,234 words"
    assert length_label(56, "zh") == "56 characters" and length_label(56, "ja") == "56 characters"
    assert length_label(56, "ko") == "56 words"  # Korean puts spaces between words


def test_token_counts_are_the_real_bart_tokenizers(bart):
    """The tiny DistilBART carries BART's real byte-level BPE (benchmarks/gpt2_vocabulary.py), so counts and
    special tokens are the ones a user's model has: "ĠThe Ġcouncil Ġapproved Ġthe Ġbudget ." + <s> </s>."""
    assert bart.count_tokens("The council approved the budget.") == 8
    assert len(bart.tokenizer) == 50265 and bart.tokenizer.mask_token_id == 50264
    assert (bart.tokenizer.bos_token_id, bart.tokenizer.pad_token_id, bart.tokenizer.eos_token_id) == (0, 1, 2)
    assert bart.tokenizer.tokenize(" Zürich") == ["ĠZ", "Ã¼", "rich"]  # GPT-2's bytes, not characters
