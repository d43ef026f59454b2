"""The command line's shared pieces: the group that maps every error to its exit status, the options several
commands take, and the helpers that write their output."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
from itaplan.base import thai
from itaplan.base.errors import ItaplanError, Problem
from itaplan.base.i18n import problem_text
from itaplan.base.i18n_composed import N_
from itaplan.base.version import __version__
from itaplan.cli.thaiwrap import Context
from itaplan.drafting.model import Plan
from itaplan.render import BINARY_FORMATS, CARD_FORMATS, FORMATS, format_of

if TYPE_CHECKING:
    from itaplan.app.session import Session

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
MAX_PROBLEMS_SHOWN = 200  # a file with 150,000 bad lines is named 200 times, then counted
MAX_LINE = 2000  # characters of one problem line (a 180,000-character cell is not printed whole)


class Translated:
    """A command whose help is shown in the interface language: its text, its options' and its commands', the
    Thai wrapped at Thai word boundaries (``Context``'s formatter)."""

    context_class: type[click.Context] = Context

    def get_help(self, ctx: click.Context) -> str:
        from itaplan.base.i18n import language, translate, translate_block

        if language() == "en":
            return super().get_help(ctx)  # type: ignore[misc]
        texts: list[tuple[Any, str, Any]] = [(self, "help", self.help)]  # type: ignore[attr-defined]
        texts += [(param, "help", getattr(param, "help", None))
                  for param in self.get_params(ctx)]  # type: ignore[attr-defined]
        for sub in getattr(self, "commands", {}).values():
            texts += [(sub, "help", sub.help), (sub, "short_help", sub.short_help)]
        try:
            for owner, name, value in texts:
                setattr(owner, name, translate_block(value))
            return _click_extras(translate(super().get_help(ctx)))  # type: ignore[misc]
        finally:
            for owner, name, value in texts:
                setattr(owner, name, value)


    def get_short_help_str(self, limit: int = 45) -> str:
        """The line the command list shows: in Thai, the first paragraph of the Thai help cut at a Thai word."""
        from itaplan.base.i18n import language

        own = super().get_short_help_str(limit)  # type: ignore[misc]
        if language() == "en" or getattr(self, "short_help", None) or not getattr(self, "help", None):
            return str(own)
        from itaplan.cli.thaiwrap import one_line

        return one_line(str(getattr(self, "help", "")), limit)


# the words click adds to an option's help ([default: text], [required]): click's own, so put in the interface's
# words here, from the catalogue like every other message
_CLICK_DEFAULT, _CLICK_REQUIRED = re.compile(r"\[default:(\s)"), re.compile(r"(\[|; )required\]")


def _click_extras(text: str) -> str:
    from itaplan.base.i18n import translate

    text = _CLICK_DEFAULT.sub(lambda m: f"[{translate(N_('default'))}:{m.group(1)}", text)
    return _CLICK_REQUIRED.sub(lambda m: f"{m.group(1)}{translate(N_('required'))}]", text)


def bundled_example(path: str) -> str:
    """``examples/…`` not found here: the example that ships with itaplan, said in one line (the README's commands
    name them so, run from a workspace that has no examples/ of its own)."""
    from itaplan.builtin import builtin_dir

    parts = Path(path).parts
    if Path(path).exists() or len(parts) < 2 or parts[0] != "examples":
        return path
    shipped = builtin_dir("examples").joinpath(*parts[1:])
    if not shipped.exists():
        return path
    _echo(f"not in this folder: {path}; using the example that ships with itaplan: {shipped}", err=True)
    return str(shipped)


def example_fallback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    """A click callback for a file argument the README names as ``examples/…``: the shipped example when this folder
    has none of that name (``bundled_example``); several files (``nargs=-1``) each so."""
    if isinstance(value, tuple):
        return tuple(bundled_example(v) for v in value)
    return bundled_example(value) if value else value


def utf8_text(value: str, where: str) -> str:
    """Text typed at a terminal that is not set to UTF-8 arrives with undecodable bytes (Thai typed in TIS-620):
    refused with what to do, never saved into a plan that nothing could then write or read."""
    if any("\ud800" <= ch <= "\udfff" for ch in value):
        from itaplan.base.errors import Problem, UsageError

        raise UsageError(Problem(where, "is not UTF-8 text (the terminal sends another encoding, such as TIS-620); "
                                        "set the terminal to UTF-8 and type it again"))
    return value


def ask(prompt: str, default: str = "", show_default: bool = False) -> str:
    """One answer typed at a prompt (Enter alone: ``default``). At a terminal, click's prompt. From a pipe (answers
    in a file, a script), nothing echoes what is read, so click's prompt would leave each prompt without its line's
    end and the next output running on after it: the prompt is printed, the line read, and the answer printed after
    it, ending the line, as a terminal shows it. The end of the input stops the session, as click's prompt does."""
    if sys.stdin is None or sys.stdin.isatty():
        return str(click.prompt(prompt, default=default, show_default=show_default))
    shown = f"{prompt} [{default}]: " if show_default and default else f"{prompt}: "
    click.echo(shown, nl=False)
    line = sys.stdin.readline()
    if not line:
        click.echo()
        raise click.Abort()
    answer = line.rstrip("\r\n")
    click.echo(answer)
    return answer or default


class Command(Translated, click.Command):
    """Every text given on the command line is UTF-8, checked before the command runs."""

    def invoke(self, ctx: click.Context) -> Any:
        for param in self.get_params(ctx):
            value = ctx.params.get(param.name or "")
            for text in (value if isinstance(value, (tuple, list)) else (value,)):
                if isinstance(text, str):
                    utf8_text(text, param.opts[0] if getattr(param, "opts", None) else str(param.name))
        return super().invoke(ctx)


class Group(Translated, click.Group):
    """Maps every ItaplanError to its one-line messages and exit status: no traceback for users."""

    command_class = Command
    group_class = type

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """--lang is the whole interface's: given after the command (``itaplan score x.yaml --lang th``), as users
        type it, it is taken as if given before it."""
        if ctx.parent is None:
            args = _lang_first(args)
        return super().parse_args(ctx, args)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """click's own usage errors ("No such option …") in the interface language, with click's exit status."""
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            status = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.ClickException as exc:
            import io

            shown = io.StringIO()
            exc.show(file=shown)
            _echo(shown.getvalue().rstrip("\n"), err=True)
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            _echo("Aborted!", err=True)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ItaplanError as exc:
            for problem in exc.problems[:MAX_PROBLEMS_SHOWN]:
                line = problem_text(problem)
                _echo(f"error: {line if len(line) <= MAX_LINE else line[:MAX_LINE] + ' …'}", err=True)
            for detail in exc.details[:MAX_PROBLEMS_SHOWN]:
                _echo("  " + detail[:MAX_LINE], err=True)
            if len(exc.problems) > MAX_PROBLEMS_SHOWN:
                _echo(f"error: … and {len(exc.problems) - MAX_PROBLEMS_SHOWN} more problems of the same input; mend "
                      "these first", err=True)
            ctx.exit(int(exc.exit_status))
        except (KeyboardInterrupt, click.exceptions.Abort):  # Ctrl-C, or the input ended during a prompt
            _echo("\ninterrupted (what was confirmed before is saved)", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # `itaplan … | head`: the reader has gone; nothing more to say
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as exc:  # a bug: one line for users, the traceback with --verbose
            if (ctx.obj or {}).get("verbose"):
                raise
            _echo(f"error: internal error ({exc.__class__.__name__}: {str(exc)[:300]}); run again with --verbose and "
                       "report it", err=True)
            ctx.exit(70)


def _echo(message: Any = "", err: bool = False, **kwargs: Any) -> None:
    """click.echo for messages that may hold text from input files: no escape sequences or control characters."""
    from itaplan.base.errors import clean_text
    from itaplan.base.i18n import translate

    click.echo(clean_text(translate(str(message))), err=err, **kwargs)


def _lang_first(args: list[str]) -> list[str]:
    """``--lang X`` (or ``--lang=X``) and ``-q``/``--quiet`` moved before the command name, wherever they were typed
    (before ``--``): both are the whole interface's (``itaplan draft r.yaml -q`` as users type it)."""
    rest, lang, quiet = list(args), [], []
    i = 0
    while i < len(rest) and rest[i] != "--":
        if rest[i] == "--lang" and i + 1 < len(rest):
            lang = rest[i:i + 2]
            del rest[i:i + 2]
            continue
        if rest[i].startswith("--lang="):
            lang = [rest.pop(i)]
            continue
        if rest[i] in ("-q", "--quiet"):
            quiet = [rest.pop(i)]
            continue
        i += 1
    return lang + quiet + rest


def _choose_language(lang: str | None) -> None:
    """--lang, taken before anything else is read (help included): the process's interface language."""
    if lang:
        import os

        os.environ["ITAPLAN_LANG"] = lang


def _state(ctx: click.Context) -> dict:
    return ctx.find_root().obj or {}


def _warn_line(problem: Any) -> None:
    from itaplan.base.i18n import problem_text

    _echo(f"warning: {problem_text(problem)}", err=True)


def warn_approval(plan: Plan, where: str) -> None:
    """An approval day after today, wherever a plan's approval day is read (draft, render, check): the documents
    would print the measures as approved on a day still to come."""
    from itaplan.drafting.officer_notes import approval_after_today

    said = approval_after_today(plan, thai.today())
    if said:
        _warn_line(Problem(where, said))


framework_option = click.option("--framework", "framework", metavar="YEAR",
                                help="Fiscal year (พ.ศ.) whose framework to use, for results that do not say "
                                     "theirs (results that name another year are refused).")
framework_file_option = click.option("--framework-file", type=click.Path(dir_okay=False), metavar="FILE",
                                     help="Your own framework YAML for a year (new or corrected).")
strict_option = click.option("--strict", is_flag=True,
                             help="A line of the results that starts with a question code but cannot be read is an "
                                  "error (exit 2), not a warning.")
agency_option = click.option("--agency", metavar="NAME",
                             help="The agency to read from a table of many (a province CSV or XLSX): its name, or a "
                                  "part of only one name.")
previous_option = click.option("--previous", type=click.Path(dir_okay=False), metavar="FILE",
                               help="Last year's results file, for the change per indicator.")


@click.group(cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="itaplan")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and the requested output.")
@click.option("-v", "--verbose", is_flag=True, help="Print more about what is done.")
@click.option("--lang", type=click.Choice(["th", "en"]), default=None, is_eager=True, expose_value=False,
              callback=lambda ctx, param, value: _choose_language(value),
              help="The interface in Thai or English (default: Thai when the locale is Thai, or ITAPLAN_LANG).")
@click.pass_context
def main(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Draft a Thai agency's ITA improvement documents from its results.

    \b
    Example:
      itaplan score results.yaml
      itaplan draft results.yaml --format docx -o plan.docx
    """
    ctx.obj = {"quiet": quiet, "verbose": verbose}



rules_option = click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False), metavar="DIR",
                            help="A folder of your own rule files, layered over the built-in ones (repeatable).")
recs_option = click.option("--recommendations", "rec_dirs", multiple=True, type=click.Path(file_okay=False),
                           metavar="DIR", help="A folder of your own recommendations, layered over the built-in ones.")
engine_option = click.option("--engine", type=click.Choice(["auto", "durable", "pure"]), default="auto",
                             show_default=True, help="Rule evaluator: durable_rules, the pure-Python one, or auto.")
format_option = click.option("--format", "fmt", type=click.Choice(list(FORMATS)),
                             default=None, help="Output format (default: from the -o suffix, else yaml).")
def file_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """An -o that names a file: a name ending in '/' or naming a folder is refused (it used to be written as a file
    of that name); '-' is standard output where the command can write there (as no -o), else refused."""
    if value is None:
        return None
    if value == "-" and param.name == "output" and not param.required and ctx.command.name in STDOUT_COMMANDS:
        return None
    if value == "-" or value.endswith(("/", "\\")) or Path(value).is_dir():
        raise click.BadParameter(f"'{value}' is not a file name; give one, such as plan.yaml", ctx, param)
    return value


STDOUT_COMMANDS = ("draft", "render", "report")  # text formats go to standard output without -o
output_option = click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="OUT", callback=file_output,
                             help="Write to this file (text formats go to standard output without it; - is "
                                  "standard output too).")
force_option = click.option("--force", is_flag=True, help="Overwrite an existing output file.")
csv_keys_option = click.option("--csv-keys", type=click.Choice(["th", "en"]), default="th", show_default=True,
                               help="CSV: th, the measures table in Thai as the agency posts it (opens in Excel); en, "
                                    "English keys with each measure's id, review status and rules, for other programs.")
digits_option = click.option("--thai-digits/--arabic-digits", default=None,
                             help="Numbers, dates, codes and list numbers in Thai digits (๘๗.๐๒), or Arabic (87.02). "
                                  "Default: Thai in documents (Markdown, HTML, Word, PDF), Arabic in data (CSV, "
                                  "Excel, JSON, YAML).")
font_option = click.option("--font", default="TH Sarabun New", show_default=True,
                           help="Font of Word, Excel and PDF files (e.g. TH SarabunPSK); the PDF uses the "
                                "bundled Sarabun when this font is not installed.")
cards_option = click.option("--cards", is_flag=True,
                            help="Add the action-plan table and a project card per measure (Word or PDF).")
notes_option = click.option("--working-notes", "working_notes", is_flag=True,
                            help="Add the officer's working notes (what to check, assumptions, what each measure's fixes "
                                 "were worth last year) as an appendix marked as not for publication (Markdown, HTML, "
                                 "Word, PDF). Off by default: published documents carry none of them.")
card_option = click.option("--card", "card_ids", multiple=True, metavar="ID",
                           help="The project cards of these measures only (ID or number; repeatable; implies --cards): the plan "
                                "and its whole action-plan table, every project in it, still come first; the cards of "
                                "the other measures are left out.")


def session(rules_dirs: tuple[str, ...] | list[str] = (), rec_dirs: tuple[str, ...] | list[str] = (),
            framework: str | None = None, framework_file: str | None = None, engine: str = "auto",
            strict: bool = False, agency: str | None = None) -> Session:
    """The one session of a command: the folders given (with their sibling recommendations/), else the
    workspace's (itaplan.yaml from the current folder upward); a results line that cannot be read is a warning
    printed on standard error, or an error with ``strict``."""
    from itaplan.app.session import Session  # the engine only for the command that runs (start-up stays quick)

    return Session(tuple(rules_dirs), tuple(rec_dirs), framework, framework_file, engine, strict, _warn_line,
                   agency=agency)


def say_workspace(ctx: click.Context, rules_dirs: tuple[str, ...], rec_dirs: tuple[str, ...]) -> None:
    """One line on standard error, unless -q, when a plan is drafted with a workspace's layers found around the
    current folder (none given): which workspace, and how many rule and recommendation files it lays over the
    built-in ones (an auditor's trial: draft and review in a workspace never said its layers were used)."""
    if rules_dirs or rec_dirs or _state(ctx).get("quiet"):
        return
    from itaplan.app.workspace import find_workspace, workspace_layers
    from itaplan.base.yamlio import yaml_files

    found = find_workspace()
    rules, recs = workspace_layers()
    if found is None or not (rules or recs):
        return

    def shown(folders: list[str]) -> str:
        names = []
        for folder in folders:
            try:
                names.append(str(Path(folder).relative_to(found.parent.resolve())) + "/")
            except ValueError:
                names.append(folder)
        return ", ".join(names) or "-"

    rule_files = sum(len(yaml_files(Path(f))) for f in rules)
    rec_files = sum(len(yaml_files(Path(f))) for f in recs)
    workspace = found.parent
    rule_folders, rec_folders = shown(rules), shown(recs)
    _echo(f"drafted with the office workspace {workspace}: rule files: {rule_files} ({rule_folders}), recommendation "
          f"files: {rec_files} ({rec_folders}), laid over the built-in ones", err=True)


def _bundled_example() -> str:
    from itaplan.builtin import builtin_dir

    return str(builtin_dir("examples") / "example.yaml")


def _format_for(fmt: str | None, output: str | None) -> str:
    if fmt:
        return fmt
    if output:
        named = format_of(Path(output).suffix)
        if named is not None:
            return named
        from itaplan.base.errors import Problem, UsageError

        known = ", ".join(f".{f}" for f in FORMATS)
        raise UsageError(Problem(output, f"the file name does not say a format itaplan writes (use one of {known}, "
                                         "or give --format)"))
    return "yaml" if not sys.stdout.isatty() else "md"


def _emit(data: bytes | str, fmt: str, output: str | None, force: bool) -> None:
    from itaplan.base.errors import Problem, UsageError
    from itaplan.base.output import write_atomic

    if output:
        write_atomic(Path(output), data, force)
        return
    if fmt in BINARY_FORMATS:
        raise UsageError(Problem("itaplan", f"the format {fmt} needs -o FILE (it is not text)"))
    click.echo(data, nl=False)  # the document itself, as rendered


def _check_cards(fmt: str, cards: bool, card_ids: tuple[str, ...]) -> None:
    if (cards or card_ids) and fmt not in CARD_FORMATS:
        from itaplan.base.errors import Problem, UsageError

        # (a message that begins with an option is not extracted for translation: the words come first)
        raise UsageError(Problem("itaplan", f"project cards go into the Word or PDF file only: --cards and --card "
                                            f"need --format docx or pdf, not {fmt}"))


def _summary(plan: Plan, output: str | None) -> str:
    scores = plan["scores"]
    total = "–" if scores["total"] is None else f"{scores['total']:.2f}"
    where = f" -> {output}" if output else ""
    from itaplan.drafting.plan import active_measures

    count = len(active_measures(plan))  # the measures the documents show: those an officer dropped are not
    name, year, level, label, plan_year = (plan["agency"].get("name", ""), plan["fiscal_year"], scores["level"] or "",
                                           scores["label"] or "", plan["plan_year"])
    result = " ".join(x for x in (total, level, label) if x)
    if count == 1:
        return f"{name}: FY{year} total {result}; 1 measure for FY{plan_year}{where}"
    return f"{name}: FY{year} total {result}; {count} measures for FY{plan_year}{where}"


def _command_to_write(command: list[str], name: str) -> str:
    """The command that writes what a command at a terminal did not print (``draft``, ``render``): the command given,
    with ``-o`` and a file name that is free here (plan.yaml, else plan-2.yaml …), so it never stops at 'exists'."""
    import shlex

    stem, suffix = Path(name).stem, Path(name).suffix
    free = next(n for n in (name, *(f"{stem}-{i}{suffix}" for i in range(2, 1000))) if not Path(n).exists())
    return shlex.join([*command, "-o", free])
