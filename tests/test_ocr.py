"""Scanned PDFs, made here (text rendered to a picture, saved as an image-only PDF), read back by the real
Tesseract; and scans built to cost too much (many pages, huge images, slow reading) refused within bounds."""

from __future__ import annotations

import io
import os
import time
import zlib
from pathlib import Path

import pytest
from test_hostile_inputs import pdf_with_objects

from summarizer.cli import main
from summarizer.errors import InputError, TooLarge
from summarizer.sources import ocr
from summarizer.sources.documents import article_from_file

# `make test` installs Tesseract and sets TESTS_NEED_OCR: there these tests fail, never skip, without it.
needs_tesseract = pytest.mark.skipif(not ocr.installed_packs() and not os.environ.get("TESTS_NEED_OCR"),
                                     reason="no Tesseract (make test installs it)")
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PRESS_RELEASE = ("The city council voted on Tuesday to rebuild\nthe harbour wall before the winter storms.\n"
                 "Work starts in March and will cost 40 million\neuros, paid from the regional budget.")
GERMAN = ("Der Stadtrat hat am Dienstag beschlossen, die\nHafenmauer vor den Winterstürmen neu zu bauen.\n"
          "Die Arbeiten beginnen im März und kosten\nvierzig Millionen Euro für die ganze Küste.")


def scanned_pdf(*pages: str, size: tuple[int, int] = (1240, 600)) -> bytes:
    """Each text as one page that is only a picture, as a scanner writes it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(FONT), 30) if FONT.exists() else ImageFont.load_default(size=30)
    pictures = []
    for text in pages:
        picture = Image.new("L", size, 255)
        ImageDraw.Draw(picture).multiline_text((50, 50), text, fill=0, font=font, spacing=14)
        pictures.append(picture)
    out = io.BytesIO()
    pictures[0].save(out, "PDF", resolution=150, save_all=True, append_images=pictures[1:])
    return out.getvalue()


def image_pdf(width: int, height: int, stream: bytes, image_filter: str) -> bytes:
    """One page showing one image whose size the PDF states as `width` x `height`."""
    content = b"q 612 0 0 792 0 0 cm /Im0 Do Q"
    return pdf_with_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /XObject << /Im0 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
        b"/Filter /%s /Length %d >>\nstream\n" % (width, height, image_filter.encode(), len(stream))
        + stream + b"\nendstream",
    ])


@needs_tesseract
def test_a_scanned_press_release_is_read_by_ocr_and_says_so():
    article = article_from_file("scan.pdf", scanned_pdf(PRESS_RELEASE))
    assert article.read_by_ocr
    for words in ("city council voted on Tuesday", "harbour wall", "40 million"):
        assert words in " ".join(article.text.split())


@needs_tesseract
def test_a_latin_script_scan_is_read_again_with_its_own_languages_pack():
    article = article_from_file("scan.pdf", scanned_pdf(GERMAN, PRESS_RELEASE))
    text = " ".join(article.text.split())
    assert "Winterstürmen" in text and "März" in text and "für" in text  # the German pack's letters
    assert "harbour wall" in text  # the second page, in the same reading


@needs_tesseract
def test_the_command_line_summarises_a_scan_and_says_it_was_read_by_ocr(tmp_path, capsys):
    scan = tmp_path / "release.pdf"
    scan.write_bytes(scanned_pdf(PRESS_RELEASE))
    assert main([str(scan), "--engine", "extractive", "--quiet"]) == 0
    out, err = capsys.readouterr()
    assert "harbour wall" in out and "read by OCR" in err


def test_without_ocr_the_reader_is_told_plainly(monkeypatch):
    monkeypatch.setattr(ocr, "installed_packs", lambda: frozenset())
    with pytest.raises(InputError) as refused:
        article_from_file("scan.pdf", scanned_pdf(PRESS_RELEASE))
    assert "no OCR" in str(refused.value) and "tesseract-ocr" in str(refused.value)
    assert refused.value.reader == ocr.NO_OCR and "tesseract" not in refused.value.reader.lower()


@needs_tesseract
def test_thousands_of_scanned_pages_are_refused_before_any_is_read():
    for pages, refusal in ((900, "a scan of 900 pages; at most 20 scanned pages"),
                           (2_000, "has 2,000 pages, over the 1,000-page limit")):
        data = scanned_pdf(*["page"] * pages, size=(60, 30))
        started = time.monotonic()
        with pytest.raises(TooLarge, match=refusal):
            article_from_file("thick.pdf", data)
        assert time.monotonic() - started < 10  # Tesseract never ran: that would take minutes


@needs_tesseract
def test_a_huge_page_image_is_refused_from_what_the_pdf_says_before_it_is_decoded():
    started = time.monotonic()
    with pytest.raises(TooLarge, match="100,000 x 100,000 pixels"):  # 10 GB of pixels, never unpacked
        article_from_file("huge.pdf", image_pdf(100_000, 100_000, zlib.compress(b"\xff" * 1000), "FlateDecode"))
    assert time.monotonic() - started < 5


@needs_tesseract
def test_a_jpeg_that_decodes_larger_than_the_pdf_says_is_refused(monkeypatch):
    from PIL import Image

    monkeypatch.setenv("SUMMARIZER_OCR_MEGAPIXELS", "1")
    jpeg = io.BytesIO()
    Image.new("L", (3000, 3000), 255).save(jpeg, "JPEG")  # 9 megapixels inside a 100 x 100 "image"
    with pytest.raises(TooLarge, match="decodes to more than 1 megapixels"):
        article_from_file("liar.pdf", image_pdf(100, 100, jpeg.getvalue(), "DCTDecode"))


@needs_tesseract
def test_reading_that_takes_too_long_is_stopped_at_the_limit(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_OCR_SECONDS", "1")
    started = time.monotonic()
    with pytest.raises(TooLarge, match="took longer than 1 s"):
        article_from_file("slow.pdf", scanned_pdf(*[PRESS_RELEASE * 6] * 6, size=(2480, 3508)))
    assert time.monotonic() - started < 8


def test_the_scans_line_breaks_do_not_cut_its_sentences():
    assert ocr._unwrapped("The council voted to re-\nbuild the wall\nbefore winter.\n\nA second\nparagraph.") == \
        "The council voted to rebuild the wall before winter.\n\nA second paragraph."
    assert ocr._unwrapped("市议会周二投票\n决定重建港口。") == "市议会周二投票决定重建港口。"  # no space in between
    assert ocr._unwrapped("a\nb\nc") == "a b c" and ocr._unwrapped("Anti-\nSemitism") == "Anti-Semitism"


@needs_tesseract
@pytest.mark.skipif(not FONT.exists(), reason="no DejaVu font to draw Cyrillic letters with")
def test_a_cyrillic_scan_is_read_with_the_scripts_packs():
    russian = ("Городской совет во вторник проголосовал\nза восстановление портовой стены до\n"
               "зимних штормов. Работы начнутся в марте\nи обойдутся в сорок миллионов евро.")
    text = " ".join(article_from_file("scan.pdf", scanned_pdf(russian)).text.split())
    assert "Городской совет" in text and "миллионов евро" in text
