"""Messages for the next page a user sees ("已保存。"), kept in the session.

The session lives in a signed cookie, which browsers limit to about 4 KB.
A client that never follows the redirect after a save (a script, an editor
with several tabs) never reads its messages, and if they piled up the
cookie would outgrow that limit: every later answer would fail *after* its
write was committed. So only the newest few messages are kept, and each is
cut to a length that keeps the cookie small whatever a title holds.
"""
KEEP = 3            # messages kept for the next page
MAX_LENGTH = 120    # characters of one message (a JSON-escaped CJK character takes 8 cookie bytes)


def flash(request, text):
    """Leave ``text`` for the user's next page, dropping the oldest messages
    beyond ``KEEP``."""
    text = str(text)
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH - 1] + '…'
    session = request.session
    waiting = session.pop_flash()[-(KEEP - 1):]
    for old in waiting + [text]:
        session.flash(old)
