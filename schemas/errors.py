"""Chinese messages for colander's own validation errors."""
from string import Template

import colander

# colander's built-in message ids, in Chinese.
_MESSAGES = {
    'Required': '必填',
    'Invalid date': '日期格式不正确（应为 YYYY-MM-DD）',
    '"${val}" is not a string': '应为文本',
    '"${val}" is not a number': '应为数字',
    '"${val}" is not one of ${choices}': '“${val}”不是可选值之一：${choices}',
    'Shorter than minimum length ${min}': '不能少于 ${min} 个字符',
    'Longer than maximum length ${max}': '不能多于 ${max} 个字符',
    '"${val}" is not iterable': '应为列表',
    '"${val}" is not a mapping type: ${err}': '应为对象（键值表）',
    'Unrecognized keys in mapping: "${val}"': '有未知的字段：${val}',
    '${val} is less than minimum value ${min}': '${val} 小于最小值 ${min}',
    '${val} is greater than maximum value ${max}': '${val} 大于最大值 ${max}',
    'Invalid URL': '网址格式不正确',
}


def _translate(msg):
    text = _MESSAGES.get(str(msg), str(msg))
    return Template(text).safe_substitute(getattr(msg, 'mapping', None) or {})


def field_errors(invalid):
    """``{field name: Chinese message}`` for a ``colander.Invalid``."""
    assert isinstance(invalid, colander.Invalid)
    return {name or '_': message for name, message in invalid.asdict(translate=_translate).items()}
