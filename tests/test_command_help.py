"""Every option of every command of ours says what it does in --help."""

import pytest
from django.core.management import get_commands, load_command_class

OURS = ("content", "interests", "recommender", "guide", "tooling")
COMMANDS = sorted((app, name) for name, app in get_commands().items() if app in OURS)


@pytest.mark.parametrize("app, name", COMMANDS, ids=[name for _, name in COMMANDS])
def test_every_option_has_help(app, name):
    command = load_command_class(app, name)
    parser = command.create_parser("manage.py", name)
    assert (command.help or "").strip(), f"{name} has no description"
    silent = [action.option_strings or action.dest for action in parser._actions if not (action.help or "").strip()]
    assert silent == [], f"{name}: options without help: {silent}"
