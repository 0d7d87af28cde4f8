"""The command line: build, check, serve, new, import.

Exit status: 0 on success, 1 when the input has problems (each printed as
`path:line: field: …`, then a summary line), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import errno
import gc
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bitext import __version__
from bitext.cache import CACHE_DIR, MemoryCache, disk_cache
from bitext.errors import InputError, counted, summary
from bitext.inputs import Options, source_date_epoch, survey
from bitext.progress import Progress
from bitext.write import StoppedAfterUpdate

if TYPE_CHECKING:
    from bitext.content import Paper

# The formats `import --format` names, which `bitext.sources.read_records` reads. (Here,
# not beside their readers: every command builds this parser, and importing the readers
# cost a build with nothing to do 10 ms of its 50-100.)
FORMATS = ("digest", "org", "table", "bibtex", "ris", "medline", "wos", "csl", "hf", "arxiv")

DEFAULT_OUT = "_site"


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bitext", description="Build a bilingual research digest into a static site.")
    parser.add_argument("--version", action="version", version=f"bitext {__version__}")
    parser.add_argument("--root", type=Path, help="the site's folder (default: here)")
    parser.set_defaults(handler=run_build, out=None, base_url=None, drafts=False, jobs=None,
                        cache=True, search=True, watch=False)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    build_parser = commands.add_parser("build", help="build the site (the default command)")
    add_build_options(build_parser)
    build_parser.set_defaults(handler=run_build)

    check_parser = commands.add_parser(
        "check", help="validate config, content and templates; write nothing")
    check_parser.add_argument("--drafts", action="store_true", help="include draft papers")
    check_parser.set_defaults(handler=run_check)

    serve_parser = commands.add_parser("serve", help="preview with live reload")
    serve_parser.add_argument("--host", default="127.0.0.1",
                              help="address to listen on (default: 127.0.0.1, this machine only)")
    serve_parser.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve_parser.add_argument("--open", action="store_true", help="open it in a browser")
    serve_parser.add_argument("--no-drafts", dest="drafts", action="store_false",
                              help="leave draft papers out (the preview shows them by default)")
    serve_parser.set_defaults(handler=run_serve, drafts=True)

    new_parser = commands.add_parser("new", help="start a paper file")
    new_parser.add_argument("title", help="the paper's title in the primary language")
    new_parser.add_argument("--date", type=parse_date, help="YYYY-MM-DD (default: today)")
    new_parser.add_argument("--tag", action="append", default=[], dest="tags",
                            help="a tag (repeat for more)")
    new_parser.add_argument("--arxiv", help="arXiv id such as 2505.09388")
    new_parser.set_defaults(handler=run_new)

    import_parser = commands.add_parser(
        "import", help="turn digests, tables, Hugging Face daily papers or arXiv answers "
                       "into paper files",
        description="Reads plain-text digests (per entry: title, optional affiliation, "
                    "translated title, abstract, translated abstract, one per line, and "
                    "optional lines of links; as text or a Word .docx), tables (CSV, TSV, "
                    "Markdown, JSON records, an .xlsx workbook or a .docx's tables, "
                    "with columns named title, abstract, their translations and more), "
                    "reference managers' exports (Zotero's CSV, CSL JSON, BibTeX, RIS, "
                    "MEDLINE, Web of Science; the translations that Translate for Zotero "
                    "keeps in Extra), the JSON "
                    "of https://huggingface.co/api/daily_papers?date=YYYY-MM-DD (or week=YYYY-Www, "
                    "month=YYYY-MM) and the Atom "
                    "of http://export.arxiv.org/api/query?id_list=… and arXiv's daily e-mail; "
                    "the format is told from "
                    "the content. Papers without a translation await it; a translation "
                    "without its paper's abstract (a newsletter's) goes into the paper that "
                    "another input or content/papers/ has (with --update).")
    import_parser.add_argument("files", nargs="+", metavar="FILE",
                               help="input files ('-' reads standard input)")
    import_parser.add_argument("--format", choices=FORMATS, dest="format_name",
                               help="the input's format (default: told from its content)")
    import_parser.add_argument("--date", type=parse_date,
                               help="date of the papers, YYYY-MM-DD (default: the day the "
                                    "daily papers list them, the date in the file name such "
                                    "as 2025-05, arXiv's date, else today)")
    import_parser.add_argument("--tag", action="append", default=[], dest="tags",
                               help="a tag for every paper (repeat for more)")
    import_parser.add_argument("--dry-run", action="store_true",
                               help="show what would be written; write nothing")
    import_parser.add_argument("--translator", metavar="NAME",
                               help="who translated the papers whose translation the input "
                                    "gives (a person; 'machine' for a model)")
    import_parser.add_argument("--translation-model", metavar="MODEL",
                               help="the model that translated them (the translator is then "
                                    "'machine'), such as deepseek-chat")
    import_parser.add_argument("--reviewed-by", metavar="NAME",
                               help="who reviewed their translations")
    import_parser.add_argument("--update", action="store_true",
                               help="refresh papers that exist already with what the input "
                                    "gives (a translation and fields added by hand are kept)")
    import_parser.set_defaults(handler=run_import)

    confirm_parser = commands.add_parser(
        "confirm", help="confirm that translations match their papers' current text",
        description="After you have checked or updated a translation that `check` calls out "
                    "of date, record that it now matches the primary text (the file's "
                    "translated_from field).")
    confirm_parser.add_argument("files", nargs="+", metavar="FILE", type=Path,
                                help="paper files")
    confirm_parser.add_argument("--reviewed-by", metavar="NAME",
                                help="also record that NAME reviewed the translation")
    confirm_parser.set_defaults(handler=run_confirm)

    translate_parser = commands.add_parser(
        "translate", help="fill missing translations through an OpenAI-compatible service",
        description="Asks the chat-completions service of site.yaml's translation for the "
                    "missing secondary title and abstract of the named papers, or of every "
                    "paper awaiting translation (--pending), and for a new translation of "
                    "each machine translation that no one reviewed and whose primary text "
                    "changed (--stale). The key comes from the environment variable that "
                    "site.yaml names. A translation is written only when it passes the "
                    "translation checks.")
    translate_parser.add_argument("files", nargs="*", metavar="FILE", type=Path,
                                  help="paper files")
    translate_parser.add_argument("--pending", action="store_true",
                                  help="every paper awaiting its translation")
    translate_parser.add_argument("--stale", action="store_true",
                                  help="every machine translation that no one reviewed and "
                                       "whose primary title or abstract changed since")
    translate_parser.add_argument("--dry-run", action="store_true",
                                  help="say what would be asked; send and write nothing")
    translate_parser.add_argument("--force", action="store_true",
                                  help="translate again the named papers that have a "
                                       "translation, a person's or a reviewed one too (with "
                                       "--stale: every stale translation)")
    translate_parser.set_defaults(handler=run_translate)
    return parser


def add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, help=f"output folder (default: {DEFAULT_OUT})")
    parser.add_argument("--base-url", help="the site's public URL; overrides site.yaml")
    parser.add_argument("--drafts", action="store_true", help="include draft papers")
    parser.add_argument("--jobs", type=positive, metavar="N",
                        help="processes for parsing, rendering and search indexing (default: "
                             "one per core)")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="keep the last search index instead of indexing changed papers "
                             "(quicker rebuilds; publish with a full build)")
    parser.add_argument("--no-cache", dest="cache", action="store_false",
                        help=f"neither read nor write the cache folder {CACHE_DIR}/ "
                             "(the output is the same either way)")
    parser.add_argument("--watch", action="store_true",
                        help="build again after each change until Ctrl-C, rendering only what "
                             "changed (the search index of the first build is kept)")


def positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1, found {text!r}")
    return int(text)


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, found {text!r}") from None


def options_from(args: argparse.Namespace, root: Path) -> Options:
    out = args.out if args.out is not None else root / DEFAULT_OUT
    return Options(root=root, out=out, base_url=args.base_url, drafts=args.drafts,
                   source_date_epoch=source_date_epoch(), jobs=args.jobs, search=args.search)


def run_build(args: argparse.Namespace, root: Path) -> int:
    options = options_from(args, root)
    if args.watch:
        from bitext.watching import build_on_changes

        build_on_changes(options, disk_cache(root) if args.cache else None)
        return 0
    cache = disk_cache(root) if args.cache else MemoryCache()
    surveyed = survey(options, cache)
    if surveyed.up_to_date:
        print(f"no changes: {counted(surveyed.papers, 'paper')}, "
              f"{counted(surveyed.files, 'file')} in {options.out} are up to date "
              f"({time.perf_counter() - surveyed.started:.2f} s)")
        if args.builds_once:
            LEFT_TO_THE_END.append((cache, surveyed))
        return 0
    # (imported only now: a build that finds nothing changed, the most common, does
    # without the parsers, the model and Jinja; see bitext.inputs)
    from bitext.pipeline import build

    progress = Progress()
    try:
        result = build(options, cache, progress, surveyed=surveyed)
    finally:
        progress.done()
    for warning in result.warnings:
        print(warning.format(), file=sys.stderr)
    warn_local_base_url(result.config.base_url_set)
    note_awaiting(len(result.awaiting), result.config.publish_awaiting or options.drafts)
    print(f"built {counted(result.papers, 'paper')}: {counted(result.files, 'file')} in "
          f"{options.out}, {result.written:,} written, {result.unchanged:,} unchanged, "
          f"{result.deleted:,} deleted, in {result.seconds:.2f} s")
    if args.builds_once:
        LEFT_TO_THE_END.append((cache, result, surveyed))
    return 0


def machine_work_to_review(paper: Paper) -> tuple[str, str]:
    """The paper and what a machine translated in it that no one has reviewed, with the
    model: its translation, or its title's when a person translated the abstract."""
    if paper.machine_translated:
        what, model = "machine translation", paper.translation_model
        if paper.title_machine_translated:  # (another model than the abstract's)
            model = f"{model or 'a model'}; title: {paper.title_translation_model or 'a model'}"
    else:
        what, model = "machine translation of the title", paper.title_translation_model
    return paper.source, f"{what} ({model})" if model else what


def run_check(args: argparse.Namespace, root: Path) -> int:
    from bitext.checks import check_glossary, site_warnings
    from bitext.pipeline import render

    options = options_from(args, root)
    site, files, static, loaded = render(options)
    warnings = (loaded.warnings + check_glossary(root, site.config)
                + site_warnings(loaded.papers, root, site.config, dt.date.today()))
    for warning in sorted(warnings, key=lambda p: (p.path, p.line or 0)):
        print(warning.format(), file=sys.stderr)
    warn_local_base_url(site.config.base_url_set)
    published = site.config.publish_awaiting or options.drafts
    for source in loaded.awaiting:
        print(f"{source}: awaiting translation ({'published' if published else 'held back'})")
    to_review = sorted(machine_work_to_review(paper) for paper in loaded.papers
                       if paper.machine_translated_unreviewed)
    for source, what in to_review:
        print(f"{source}: {what} to review")
    if args.builds_once:
        LEFT_TO_THE_END.append((site, files, static, loaded))
    print(f"ok: {counted(len(site.papers), 'paper')}, {len(files):,} pages and feeds, "
          f"{counted(len(static), 'static file')}; {len(loaded.awaiting):,} awaiting "
          f"translation, {counted(len(to_review), 'machine translation')} to review, "
          f"{counted(len(warnings), 'warning')}")
    return 0


def note_awaiting(count: int, published: bool) -> None:
    """Say what happened to the papers awaiting their translation."""
    if not count:
        return
    papers = counted(count, "paper")
    if published:
        print(f"note: {papers} awaiting translation published with a note that it is "
              f"coming (`bitext check` lists them)", file=sys.stderr)
    else:
        print(f"note: {papers} awaiting translation held back until translated "
              f"(awaiting_translation: publish in site.yaml publishes them; `bitext check` "
              f"lists them)", file=sys.stderr)


def run_serve(args: argparse.Namespace, root: Path) -> int:
    from bitext.serve import serve  # livereload and tornado load only for the preview

    return serve(root, host=args.host, port=args.port, open_browser=args.open,
                 drafts=args.drafts)


def run_new(args: argparse.Namespace, root: Path) -> int:
    from bitext.scaffold import new_paper

    path = new_paper(root, args.title, args.date or dt.date.today(), args.tags, args.arxiv)
    print(f"created {path.relative_to(root).as_posix()} (a draft: write its abstract, then "
          "set 'draft: false' to publish it; the translation awaits you or `bitext "
          "translate`)")
    return 0


def run_import(args: argparse.Namespace, root: Path) -> int:
    from bitext.config import load_config
    from bitext.content import MACHINE
    from bitext.importer import plan_import, read_digests, report_lines, write_planned

    if args.translation_model and args.translator not in (None, MACHINE):
        print(f"bitext import: --translation-model names the model that translated, whose "
              f"translator is 'machine', not {args.translator!r}: give --reviewed-by "
              f"{args.translator!r} for the person who reviewed its translations",
              file=sys.stderr)
        return 2
    config = load_config(root)
    digests = read_digests(args.files, sys.stdin.buffer,
                           lambda text: print(text, file=sys.stderr, flush=True))
    planned = plan_import(root, config, digests, args.date, args.tags, args.update,
                          today=dt.date.today(), format_name=args.format_name,
                          provenance={"translator": args.translator,
                                      "translation_model": args.translation_model,
                                      "reviewed_by": args.reviewed_by})
    if not args.dry_run:
        write_planned(planned)
    for line in report_lines(planned, root, args.dry_run,
                             tuple(digest.name for digest in digests)):
        print(line)
    return 0


def run_confirm(args: argparse.Namespace, root: Path) -> int:
    from bitext.config import load_config
    from bitext.confirm import confirm_translations

    config = load_config(root)
    for line in confirm_translations(root, config, paper_paths(args.files),
                                     args.reviewed_by):
        print(line)
    return 0


def run_translate(args: argparse.Namespace, root: Path) -> int:
    from bitext.config import load_config
    from bitext.translate import translate

    if not args.files and not args.pending and not args.stale:
        print("bitext translate: name paper files, or --pending for every paper awaiting "
              "its translation, or --stale for every out-of-date machine translation",
              file=sys.stderr)
        return 2
    config = load_config(root)
    failed = translate(root, config, paper_paths(args.files), args.pending,
                       args.force, args.dry_run, report=lambda line: print(line, flush=True),
                       stale=args.stale)
    return 1 if failed else 0


def resolve(path: Path) -> Path:
    """A path given on the command line, from the folder the command runs in."""
    return path if path.is_absolute() else Path.cwd() / path


def paper_paths(given: list[Path]) -> list[Path]:
    """The paper files named on the command line, from the folder the command runs in; a
    pattern that names no file as the files it matches (`content\\papers\\qwen*.md`, which
    PowerShell and cmd pass on as written), or as itself where it matches none (which is
    then said to be no paper file)."""
    from bitext.importer import pattern_files

    paths = []
    for path in map(resolve, given):
        matched = pattern_files(str(path))
        paths += map(Path, matched) if matched else [path]
    return paths


def warn_local_base_url(base_url_set: bool) -> None:
    if not base_url_set:
        print("note: base_url is not set in site.yaml: feeds and the sitemap point at "
              "http://localhost:8000/ (set base_url or pass --base-url)", file=sys.stderr)


def with_default_command(argv: list[str]) -> list[str]:
    """The arguments with `build` before the first option that is not the program's own
    (`--root`, `--version`, `--help`): `bitext --base-url URL` builds, as `bitext` does
    (else argparse took the option for a command, "invalid choice: 'URL'")."""
    at = 0
    while at < len(argv) and (argv[at] == "--root" or argv[at].startswith("--root=")):
        at += 1 if "=" in argv[at] else 2
    if at < len(argv) and argv[at].startswith("-") and argv[at] not in (
            "-h", "--help", "--version"):
        return [*argv[:at], "build", *argv[at:]]
    return argv


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    """The command line: `argv` (else the process's arguments) as a command's, its exit
    status returned; the process is ended here after a build or check it runs once (see
    `end_process`)."""
    status = run_command(argv, root)
    if argv is None and LEFT_TO_THE_END:
        end_process(status)
    return status


# What a one-shot build or check still holds when it is done (its cache and result, and
# through them every paper): left for the process's end, see `end_process`.
LEFT_TO_THE_END: list = []


def end_process(status: int) -> None:
    """End the process now, with `status`, when nothing else runs in it: the system takes
    its memory back at once, where freeing the objects one by one (10,000 papers' worth,
    then the interpreter's own) took a one-edit build at 10,000 papers 0.05 s of its 0.6.
    Nothing is left to do at exit: the files are written and closed, the workers and
    Pagefind have ended, and what was printed is flushed here."""
    if threading.active_count() > 1:
        return  # (a thread still at work: the interpreter's ending waits for it)
    atexit._run_exitfuncs()  # (logging's and multiprocessing's: quick, with no worker left)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


def run_command(argv: list[str] | None, root: Path | None) -> int:
    args = make_parser().parse_args(with_default_command(
        sys.argv[1:] if argv is None else argv))
    builds_once = argv is None and args.handler in (run_build, run_check) and not args.watch
    args.builds_once = builds_once
    if builds_once:
        # The process builds once and ends: the cycle collector would only walk the site
        # model (build() pauses it while it works) and then everything again at exit.
        gc.disable()
    root = (args.root or root or Path.cwd()).resolve()
    # SIGTERM (a cancelled CI job, `timeout`, `kill`) and SIGHUP (the terminal closed)
    # stop a command as Ctrl-C does: a build removes what it staged and leaves the output
    # folder as it was, the preview removes its temporary site, `build --watch` saves the
    # cache. (Their default ended the process on the spot.)
    in_main_thread = threading.current_thread() is threading.main_thread()
    stopping = stop_signals() if in_main_thread else []
    previous = [(number, signal.signal(number, raise_interrupt)) for number in stopping]
    try:
        return args.handler(args, root)
    except InputError as error:
        for problem in error.problems:
            print(problem.format(), file=sys.stderr)
        print(summary(error.problems), file=sys.stderr)
        return 1
    except OSError as error:
        print(os_error_message(error, builds=args.handler is run_build),
              file=sys.stderr)
        return 1
    except StoppedAfterUpdate:
        print("stopped (after the output folder was brought up to date)", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 130
    finally:
        for number, handler in previous:
            signal.signal(number, handler)
        if builds_once:
            # Python's last collection at exit walks every object still alive unless it
            # is frozen: 0.2 s of a command-line build at 10,000 papers, for nothing.
            gc.freeze()


def stop_signals() -> list[int]:
    """The signals that stop a command as Ctrl-C does: SIGTERM, and SIGHUP where there is
    one (not on Windows) unless it is ignored (`nohup bitext serve &` should live on after
    its terminal closes)."""
    found = [signal.SIGTERM]
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None and signal.getsignal(hangup) is signal.SIG_DFL:
        found.append(hangup)
    return found


def raise_interrupt(number: int, frame: object) -> None:
    raise KeyboardInterrupt


OS_ERROR_HINTS = {
    errno.ENOSPC: "free some space on that disk and run it again",
    errno.EDQUOT: "free some space (the disk quota is used up) and run it again",
    errno.EACCES: "check who may read and write there",
    errno.EROFS: "that file system is read-only: choose another folder",
}


def os_error_message(error: OSError, builds: bool) -> str:
    """What the system refused, where, and what to do (a failed build changes nothing in
    the output folder: it says so)."""
    text = f"error: {error.strerror or error}: {error.filename or ''}".rstrip(": ")
    hint = OS_ERROR_HINTS.get(error.errno)
    if hint:
        text += f" — {hint}"
    return text + ("; nothing was written." if builds else "")


if __name__ == "__main__":
    sys.exit(main())
