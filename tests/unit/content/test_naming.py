"""URL names from Chinese titles, pinyin sorting, unique names."""
from camra.content.folder import Folder
from camra.content.naming import pinyin_key, slugify, unique_name


def test_slugify_reads_chinese_as_pinyin_and_is_never_empty():
    assert slugify('苏州市机动车维修行业协会') == 'su-zhou-shi-ji-dong-che-wei-xiu-hang-ye-xie-hui'
    assert slugify('T/CAMRA 002-2016') == 't-camra-002-2016'
    assert slugify('ＶＯＣ排放') == 'voc-pai-fang'
    assert slugify('！？', fallback='news') == 'news'
    long = slugify('宁波市二手车流通协会2021年度工作总结和2022年度工作思路', 40)
    assert len(long) <= 40 and not long.endswith('-')


def test_pinyin_sort_and_unique_names():
    assert sorted(['上海', '北京', '重庆', '安徽'], key=pinyin_key) == ['安徽', '北京', '重庆', '上海']
    folder = Folder()
    folder.add('a', Folder())
    folder.add('a-2', Folder())
    assert unique_name(folder, 'a') == 'a-3' and unique_name(folder, 'b') == 'b'
