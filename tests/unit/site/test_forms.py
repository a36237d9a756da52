"""Edit forms from the content schemas: fields shown, posted text read back."""
import datetime
import io
import types

from webob.multidict import MultiDict

from camra.schemas.types import MagazineIssueSchema, NoticeSchema
from camra.site.forms import as_text, fields, from_post


def by_name(fields_):
    return {f.name: f for f in fields_}


def upload(filename, data):
    return types.SimpleNamespace(filename=filename, file=io.BytesIO(data))


def stored(filename):
    return types.SimpleNamespace(filename=filename, content_type='application/pdf')


def test_each_field_has_the_kind_its_schema_node_asks_for_and_the_body_comes_last():
    shown = fields(MagazineIssueSchema(), {})
    kinds = {f.name: f.kind for f in shown}
    assert kinds['year'] == 'number' and kinds['date'] == 'date' and kinds['edition'] == 'select'
    assert kinds['toc'] == 'table' and kinds['cover'] == 'file' and kinds['body'] == 'markdown'
    assert shown[-1].name == 'body' and 'state' not in kinds
    assert by_name(shown)['toc'].columns_hint == '栏目 | 篇名 | 作者 | 页码'
    assert by_name(shown)['magazine'].required and not by_name(shown)['cover'].required
    assert kinds['publish_at'] == 'datetime'


def test_stored_values_read_as_the_text_of_their_fields():
    values = {'date': datetime.date(2022, 3, 1), 'toc': [{'column': '专题', 'title': '新能源', 'author': '', 'page': '3'}]}
    shown = by_name(fields(MagazineIssueSchema(), values, errors={'toc.0.title': '请填写篇名'}))
    assert shown['date'].value == '2022-03-01'
    assert shown['toc'].value == '专题 | 新能源 |  | 3'
    assert shown['toc'].error == '请填写篇名'
    # China time, whatever the server's zone.
    noon_utc = datetime.datetime(2022, 3, 1, 4, 0, tzinfo=datetime.timezone.utc)
    assert as_text(noon_utc) == '2022-03-01T12:00'


def test_a_posted_table_keeps_a_bar_inside_its_last_column_and_pads_short_rows():
    post = MultiDict({'toc': '专题 | 新能源 | 张三 | 3 | 4\n\n卷首语', 'magazine': '中国汽车维修'})
    cstruct = from_post(MagazineIssueSchema(), post, {}, accept=None).cstruct
    assert cstruct['toc'] == [{'column': '专题', 'title': '新能源', 'author': '张三', 'page': '3 | 4'},
                              {'column': '卷首语', 'title': '', 'author': '', 'page': ''}]
    assert cstruct['magazine'] == '中国汽车维修'


def test_posted_files_keep_the_stored_ones_not_removed_and_add_the_accepted_uploads():
    post = MultiDict([('attachments.remove', '0'), ('attachments.upload', upload('附件二.pdf', b'%PDF-2')),
                      ('attachments.upload', upload('病毒.exe', b'MZ')), ('related', 'a\n\n b ')])

    def accept(filename, data):
        if filename.endswith('.exe'):
            raise ValueError(f'不接受“{filename}”')
        return stored(filename)
    posted = from_post(NoticeSchema(), post, {'attachments': [stored('附件一.pdf'), stored('附件三.pdf')]}, accept)
    assert [f.filename for f in posted.cstruct['attachments']] == ['附件三.pdf', '附件二.pdf']
    assert posted.errors == {'attachments': '不接受“病毒.exe”'}
    assert [f.filename for f in posted.fresh['attachments']] == ['附件二.pdf'] and posted.held == {}
    assert posted.cstruct['related'] == ['a', 'b']


class Held:
    """A stand-in for ``content.held.HeldFiles``: the keys it was given."""

    def __init__(self, **files):
        self.files = files

    def get(self, key):
        return self.files.get(key)


def test_held_files_ticked_in_the_form_come_back_before_new_uploads():
    post = MultiDict([('attachments.held', 'k1'), ('attachments.held', 'forged'),
                      ('attachments.upload', upload('附件三.pdf', b'%PDF-3'))])
    posted = from_post(NoticeSchema(), post, {}, lambda name, data: stored(name),
                       Held(k1=stored('附件一.pdf'), k2=stored('附件二.pdf')))
    assert [f.filename for f in posted.cstruct['attachments']] == ['附件一.pdf', '附件三.pdf']
    assert [(k, f.filename) for k, f in posted.held['attachments']] == [('k1', '附件一.pdf')]


def test_a_single_file_is_replaced_by_a_new_upload_and_otherwise_kept():
    schema = MagazineIssueSchema()
    kept = from_post(schema, MultiDict(), {'cover': stored('旧封面.jpg')}, accept=None).cstruct
    assert kept['cover'].filename == '旧封面.jpg'
    new = from_post(schema, MultiDict([('cover.upload', upload('新封面.jpg', b'jpg'))]),
                    {'cover': stored('旧封面.jpg')}, lambda name, data: stored(name)).cstruct
    assert new['cover'].filename == '新封面.jpg'


def test_a_field_posted_twice_or_as_a_file_is_read_as_empty_text_not_a_crash():
    post = MultiDict([('title', upload('x.txt', b'x'))])
    assert from_post(NoticeSchema(), post, {}, accept=None).cstruct['title'] == ''
