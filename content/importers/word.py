"""Word (.docx) files as Markdown bodies: headings, lists and tables kept,
images taken out as files.

mammoth reads the document's structure (its heading and list styles, not
its looks) into HTML; markdownify writes that as Markdown. Each image
becomes a file named after the document (``通知-图1.png``) and is referred
to in the body as ``attachment:<filename>``, which pages resolve to the
item's download URL of that file.
"""
import io
import mimetypes
import os
import zipfile

import docx
import mammoth
import markdownify
from docx.oxml.ns import qn

ATTACHMENT_SCHEME = 'attachment:'
# A .docx is a zip: a small file can unpack to gigabytes of XML (once 85 KB
# gave a 20 MB body and 23 s of work). The text of a 300-page document is
# about 3 MB of XML; the images are kept as files, each within the upload limit.
MAX_XML = 16 * 1024 * 1024
MAX_UNPACKED = 256 * 1024 * 1024


class WordImportError(ValueError):
    """A file that cannot be read as a Word document (Chinese message)."""


class _Converter(markdownify.MarkdownConverter):
    """markdownify, with ``|`` inside table cells escaped so cells stay cells."""

    def convert_td(self, el, text, parent_tags):
        return super().convert_td(el, text.replace('|', '\\|'), parent_tags)

    def convert_th(self, el, text, parent_tags):
        return super().convert_th(el, text.replace('|', '\\|'), parent_tags)


def check_unpacked(data, filename='文档.docx'):
    """Raise ``WordImportError`` unless ``data`` is a zip whose XML and whole
    content unpack within ``MAX_XML`` and ``MAX_UNPACKED`` bytes (the sizes
    its directory declares, which also bound what reading it yields)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise WordImportError(f'无法读取 Word 文件“{filename}”（不是有效的 .docx）') from exc
    xml = sum(e.file_size for e in entries if e.filename.endswith(('.xml', '.rels')))
    if xml > MAX_XML or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise WordImportError(f'Word 文件“{filename}”的文字解压后有 {xml // 1048576} MB，超过 {MAX_XML // 1048576} MB：'
                              '请拆分成几个文件再导入。')


def docx_to_markdown(data, filename='文档.docx'):
    """Convert the bytes of a .docx file.

    Returns ``(markdown, images)`` where ``images`` is a list of
    ``(filename, bytes, content_type)`` in the order they appear.
    """
    check_unpacked(data, filename)
    stem = os.path.splitext(os.path.basename(filename))[0] or '文档'
    images = []

    def image(img):
        with img.open() as f:
            content = f.read()
        extension = mimetypes.guess_extension(img.content_type or '') or '.bin'
        name = f"{stem}-图{len(images) + 1}{extension}"
        images.append((name, content, img.content_type))
        return {'src': ATTACHMENT_SCHEME + name, 'alt': img.alt_text or name}

    try:
        result = mammoth.convert_to_html(io.BytesIO(data), convert_image=mammoth.images.img_element(image))
    except Exception as exc:    # mammoth fails in many ways on a damaged file
        raise WordImportError(f'无法读取 Word 文件“{filename}”（{type(exc).__name__}）') from exc
    converter = _Converter(heading_style='ATX', bullets='-', table_infer_header=True,
                           keep_inline_images_in=['td', 'th', 'li', 'p'])
    markdown = converter.convert(result.value)
    return markdown.strip() + '\n', images


def docx_text(data, filename='文档.docx'):
    """The plain text of a .docx as Word's "save as text" gives it: one line
    a paragraph (tabs kept, as in a table of contents), a table row a line
    with its cells separated by tabs. What the text importers read."""
    check_unpacked(data, filename)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:    # python-docx fails in many ways on a damaged file
        raise WordImportError(f'无法读取 Word 文件“{filename}”（{type(exc).__name__}）') from exc
    lines = []
    for block in body.iterchildren():
        if block.tag == qn('w:p'):
            lines.append(_paragraph_text(block))
        elif block.tag == qn('w:tbl'):
            for row in block.iter(qn('w:tr')):
                cells = [' '.join(_paragraph_text(p) for p in cell.iter(qn('w:p'))).strip()
                         for cell in row.iter(qn('w:tc'))]
                lines.append('\t'.join(cells))
    return '\n'.join(lines) + '\n'


def _paragraph_text(paragraph):
    parts = []
    for node in paragraph.iter(qn('w:t'), qn('w:tab'), qn('w:br')):
        parts.append(node.text or '' if node.tag == qn('w:t') else '\t' if node.tag == qn('w:tab') else '\n')
    return ''.join(parts)
