"""One schema per content type, with the type's own fields and checks."""
import colander

from .base import ItemSchema, choice, date, file, text
from .choices import ASSOCIATION_KINDS, EDITIONS, STANDARD_KINDS, STANDARD_STATUSES
from .validators import docnumber, phone, section_number, standard_code, standard_docnumber, website

day = date      # inside a schema whose own ``date`` field hides the function


class HandbookSectionSchema(ItemSchema):
    number = text('章节编号', missing=colander.required, validator=section_number)


class StandardSchema(ItemSchema):
    code = text('标准编号', missing=colander.required, validator=standard_code)
    kind = choice('标准类别', STANDARD_KINDS, missing=colander.required)
    status = choice('标准状态', STANDARD_STATUSES, missing='in_force')
    effective = date('实施日期')
    committee = text('归口单位', missing='', max_length=200)
    scope = text('适用范围', missing='')
    file = file('标准文本')
    replaces = text('代替标准', missing='')
    replaced_by = text('被代替为', missing='')


class FileList(colander.SequenceSchema):
    attachment = file('附件')


class PathList(colander.SequenceSchema):
    path = text('相关链接', missing=colander.required, max_length=500)


class NoteList(colander.SequenceSchema):
    note = text('附件名称', missing=colander.required, max_length=300)


class DocNumberList(colander.SequenceSchema):
    number = text('文号', missing=colander.required, validator=docnumber, preparer=standard_docnumber)


class NoticeSchema(ItemSchema):
    """An official document (公文) with the parts GB/T 9704 prints."""

    number = text('文号', missing=colander.required, validator=docnumber, preparer=standard_docnumber)
    issuer = text('发文单位', missing='', max_length=200)
    date = date('发文日期', missing=colander.required)     # 成文日期 in GB/T 9704
    recipients = text('主送机关', missing='', max_length=300)
    attachment_notes = NoteList(title='附件说明', missing=())
    cc = text('抄送机关', missing='', max_length=500)
    printed_by = text('印发机关', missing='', max_length=200)
    printed_on = day('印发日期')
    revokes = DocNumberList(title='废止的文件（文号）', missing=())
    amends = DocNumberList(title='修订的文件（文号）', missing=())
    attachments = FileList(title='附件', missing=())
    related = PathList(title='相关内容', missing=())


class NewsSchema(ItemSchema):
    date = date('日期', missing=colander.required)
    source = text('来源', missing='', max_length=200)
    summary = text('摘要', missing='', max_length=1000)
    attachments = FileList(title='附件', missing=())


class TocEntry(colander.MappingSchema):
    column = text('栏目', missing='', max_length=100)
    title = text('篇名', missing=colander.required, max_length=300)
    author = text('作者', missing='', max_length=200)
    page = text('页码', missing='', max_length=20)


class Toc(colander.SequenceSchema):
    entry = TocEntry()


class MagazineIssueSchema(ItemSchema):
    magazine = text('刊名', missing=colander.required, max_length=100)
    edition = choice('版别', EDITIONS, missing='first')
    year = colander.SchemaNode(colander.Int(), title='年份', missing_msg='请填写年份',
                               validator=colander.Range(1950, 2200))
    issue_no = colander.SchemaNode(colander.Int(), title='期号', missing_msg='请填写期号',
                                   validator=colander.Range(1, 99))
    date = date('出版日期', missing=colander.required)
    cover = file('封面')
    toc = Toc(title='目录', missing=())
    pdf = file('PDF 全文')


class AssociationSchema(ItemSchema):
    province = text('省份', missing='', max_length=20)
    city = text('城市', missing='', max_length=40)
    kind = choice('类别', ASSOCIATION_KINDS, missing='')
    address = text('地址', missing='', max_length=300)
    phone = text('电话', missing='', validator=phone, max_length=100)
    website = text('网址', missing='', validator=website, max_length=300)


class PageSchema(ItemSchema):
    pass
