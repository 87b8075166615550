"""The README's command lines, read as a user reads them, turned into commands a test can run.

The "Using it" block is a synopsis; each line becomes one or more concrete commands by these rules,
and by nothing else:

- `# …` is a comment; an indented line continues the line above; ` ; ` separates two commands.
- `[…]` is optional: left out of the run (the options it names are checked against the command's
  own options by `option_errors`, without running).
- ` | ` between words separates alternatives, each run: `review set OPINION --cite SECTION | --tag T`
  runs `review set OPINION --cite SECTION` and `review set OPINION --tag T` (an alternative starts at
  the last `--option` of the first, else at its last word).
- `a|b|c` inside a word is a choice: a command's or an argument's choices are each run
  (`report responses|topics|…`, `diagram heat|topics|…`), an option's value is its first choice.
- `OPINION…` is one opinion.
- A word in capitals is a placeholder, given a value by the mapping the caller passes
  (`PLACEHOLDERS` in tests/test_install.py, documented there); one without a value is an error.
- Every other word runs as written: file names (`my-tree.yaml`, `results.md`, …) are files the test
  puts in the folder the commands run in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click

README = Path(__file__).parents[1] / "README.md"
PLACEHOLDER = re.compile(r"[A-Z][A-Z_]*")
WORD = re.compile(r"\[[^\]]*\]|\S+")


def readme() -> str:
    return README.read_text(encoding="utf-8")


def fenced_block(heading: str, lang: str = "sh") -> str:
    """The first ```lang block after the heading line `heading`."""
    text = readme()
    at = text.index(f"\n{heading}\n")
    start = text.index(f"```{lang}\n", at) + len(lang) + 4
    return text[start:text.index("```", start)]


def synopsis_lines(block: str) -> list[str]:
    """Each command line of a block, its continuations joined and its comment gone."""
    lines: list[str] = []
    for raw in block.splitlines():
        text = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
        if not text.strip():
            continue
        if raw[:1].isspace() and lines:
            lines[-1] += " " + text.strip()
        else:
            lines.append(text.strip())
    return lines


@dataclass(frozen=True)
class Command:
    line: str  # the README line it comes from
    argv: tuple[str, ...]  # without the leading `guidetrace`


def expand(line: str, values: dict[str, str], cli: click.Group) -> list[Command]:
    """The concrete commands one README line stands for (see the module's rules)."""
    out: list[Command] = []
    for part in line.split(" ; "):
        words = [w for w in WORD.findall(part) if not w.startswith("[")]
        assert words[0] == "guidetrace", f"README line does not start with guidetrace: {line}"
        for alternative in _alternatives(words[1:]):
            for argv in _choices(alternative, cli):
                out.append(Command(line, tuple(_value(w, values, line) for w in argv)))
    return out


def _alternatives(words: list[str]) -> list[list[str]]:
    if "|" not in words:
        return [words]
    segments: list[list[str]] = [[]]
    for w in words:
        if w == "|":
            segments.append([])
        else:
            segments[-1].append(w)
    first = segments[0]
    options = [i for i, w in enumerate(first) if w.startswith("--")]
    start = options[-1] if options else len(first) - 1
    prefix = first[:start]
    return [prefix + first[start:]] + [prefix + s for s in segments[1:]]


def _choices(words: list[str], cli: click.Group, *, first_value: bool = True) -> list[list[str]]:
    """Choices at a command's or an argument's place are each run; an option's value is its first choice
    (or, without `first_value`, left as written)."""
    runs: list[list[str]] = [[]]
    command: click.Command = cli
    for i, w in enumerate(words):
        choices = w.split("|") if "|" in w and not w.startswith("-") else [w]
        after_option = i > 0 and words[i - 1].startswith("-") and _takes_value(command, words[i - 1])
        if after_option:
            choices = choices[:1] if first_value else [w]
        runs = [run + [c] for run in runs for c in choices]
        if isinstance(command, click.Group) and choices[0] in command.commands:
            command = command.commands[choices[0]]
    return runs


def _takes_value(command: click.Command, name: str) -> bool:
    option = next((p for p in command.params if isinstance(p, click.Option) and name in p.opts), None)
    return option is not None and not option.is_flag


def _value(word: str, values: dict[str, str], line: str) -> str:
    word = word.rstrip("…")
    if PLACEHOLDER.fullmatch(word):
        assert word in values, f"the README placeholder {word} (in `{line}`) has no value in the test's mapping"
        return values[word]
    return word


def option_errors(line: str, cli: click.Group) -> list[str]:
    """Every option a README line names (optional ones too) is an option of its command, and every choice
    it lists for an option or argument is one the command accepts."""
    errors: list[str] = []
    for part in line.split(" ; "):
        words = [w.strip("[]") for w in " ".join(WORD.findall(part)).replace("[", " [ ").replace("]", " ] ").split()]
        words = [w for w in words if w not in ("[", "]", "|")]
        for argv in _choices(words[1:], cli, first_value=False):
            command: click.Command = cli
            rest = list(argv)
            while rest and isinstance(command, click.Group) and rest[0] in command.commands:
                command = command.commands[rest.pop(0)]
            arguments = [p for p in command.params if isinstance(p, click.Argument)]
            for i, w in enumerate(rest):
                if w.startswith("-"):
                    option = next((p for p in command.params if isinstance(p, click.Option) and w in p.opts), None)
                    if option is None:
                        errors.append(f"`{line}`: {command.name} has no option {w}")
                    elif not option.is_flag and i + 1 < len(rest):
                        errors += _choice_errors(line, option, rest[i + 1])
            for argument, word in zip(arguments, [w for w in _positionals(rest, command)]):
                errors += _choice_errors(line, argument, word)
    return errors


def _positionals(words: list[str], command: click.Command) -> list[str]:
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w.startswith("-"):
            skip = _takes_value(command, w)
        else:
            out.append(w)
    return out


def _choice_errors(line: str, param: click.Parameter, word: str) -> list[str]:
    if not isinstance(param.type, click.Choice) or PLACEHOLDER.fullmatch(word.rstrip("…")):
        return []
    return [f"`{line}`: {param.name} does not accept {c!r}" for c in word.split("|") if c not in param.type.choices]
