"""camra adduser."""
import getpass
import sys

from camra.content.actions import SYSTEM, ActionError, AddUser
from camra.content.principals import ROLES

from .site import open_site, settings_of


def register(sub, common):
    add = sub.add_parser('adduser', parents=[common],
                         help='create a user (password from a prompt, or the first line of stdin)')
    add.add_argument('name')
    add.add_argument('--role', choices=list(ROLES), required=True)
    add.add_argument('--title', default='', help='display name (default: the user name)')
    add.set_defaults(func=adduser)


def adduser(args):
    """Create a user; the password never appears on the command line."""
    settings = settings_of(args)
    if sys.stdin.isatty():
        password = getpass.getpass('密码：')
        if getpass.getpass('再输入一次：') != password:
            print('camra adduser: 两次输入的密码不一致，未创建用户。', file=sys.stderr)
            return 1
    else:
        password = sys.stdin.readline().rstrip('\r\n')
    with open_site(settings) as (site, tm):
        try:
            user = AddUser(site, SYSTEM, args.name, args.role, password, args.title,
                           how=' from the command line').execute()
        except ActionError as exc:
            print(f'camra adduser: {exc}', file=sys.stderr)
            return 1
        tm.get().note(f'camra adduser {user.name}')
        tm.commit()
    print(f'camra adduser: 已创建用户 {args.name}（{ROLES[args.role]}）')
    return 0
