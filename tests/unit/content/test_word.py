"""Word files: what they unpack to is bounded before anything parses them."""
import io
import zipfile

import docx
import pytest

from camra.content.importers.word import MAX_XML, WordImportError, docx_text, docx_to_markdown


def document(text):
    buffer = io.BytesIO()
    made = docx.Document()
    made.add_paragraph(text)
    made.save(buffer)
    return buffer.getvalue()


def inflated(data, size):
    """``data`` with its document.xml padded with ``size`` bytes of runs (compresses to almost nothing)."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == 'word/document.xml':
                run = b'<w:p><w:r><w:t>\xe4\xbc\x9a</w:t></w:r></w:p>'
                content = content.replace(b'<w:sectPr', run * (size // len(run)) + b'<w:sectPr', 1)
            target.writestr(entry, content)
    return out.getvalue()


def test_an_ordinary_document_reads():
    data = document('关于召开年会的通知')
    assert '关于召开年会的通知' in docx_to_markdown(data)[0]
    assert '关于召开年会的通知' in docx_text(data)


def test_a_small_file_that_unpacks_past_the_limit_is_refused_before_parsing():
    bomb = inflated(document('正文'), MAX_XML + 1024 * 1024)
    assert len(bomb) < 1024 * 1024
    for read in (docx_to_markdown, docx_text):
        with pytest.raises(WordImportError, match='请拆分'):
            read(bomb, '通知.docx')


def test_a_file_that_is_not_a_zip_is_refused_with_a_chinese_message():
    with pytest.raises(WordImportError, match='不是有效的 .docx'):
        docx_to_markdown(b'PK\x03\x04 not really', '坏文件.docx')
