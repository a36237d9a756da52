"""The choice lists of the content types, defined once: stored values and
their Chinese titles. Schemas offer them, content and pages show the titles."""

STANDARD_KINDS = {'national': '国家标准', 'industry': '行业标准', 'group': '团体标准'}
STANDARD_STATUSES = {'draft': '征求意见稿', 'in_force': '现行', 'superseded': '被代替', 'withdrawn': '废止'}
EDITIONS = {'first': '上半月刊', 'second': '下半月刊'}
ASSOCIATION_KINDS = {'national': '全国性', 'provincial': '省级', 'municipal': '市级', 'other': '其他'}
