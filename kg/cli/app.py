"""The `kg` command: a thin layer over the library, one module per command (kg/cli/<command>.py,
each with `add(subparsers)` and `run(args)`); here the arguments are parsed and the command run,
and every failure becomes one `Error: <what>. <fix>` line with exit code 1 (130 on Ctrl-C)."""
from __future__ import annotations

import argparse
import gc
import importlib
import sys
from types import ModuleType

from kg.base.errors import KgError, from_os_error

#: command -> its module, imported when the command runs (or for `kg --help`): `kg show` does not
#: load the extractor that `kg build` needs
COMMANDS = {name: f"kg.cli.{name}" for name in
            ("build", "query", "eval", "remove", "enrich", "export", "show", "validate", "gazetteer")}


def command(name: str) -> ModuleType:
    """The module of one command (`add(subparsers)`, `run(args)`)."""
    return importlib.import_module(COMMANDS[name])


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, each added by its module; with `only`, that command's in full
    and the others by name alone (what `kg ONLY ...` needs)."""
    p = argparse.ArgumentParser(
        prog="kg", description="Build a geopolitical knowledge graph from news articles: actors, "
        "PLOVER events with negation and modality, and the sentence each comes from, as RDF.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in COMMANDS:
        if only in (None, name):
            command(name).add(sub)
        else:
            sub.add_parser(name)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    args, extra = parser.parse_known_args(argv)
    start, end = getattr(args, "start", None), getattr(args, "end", None)
    if start and end and start > end:
        parser.error(f"--from {start} is after --to {end}: no event can be in that range; swap them")
    if extra:       # GRAPH files after options (kg show balance --split D x.trig): argparse leaves them
        if args.command in ("show", "export") and not any(x.startswith("-") for x in extra):
            (args.items if args.command == "show" else args.graphs).extend(extra)
        else:
            parser.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return command(args.command).run(args)
    except KgError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        del exc
        gc.collect()        # frames of the failed command may hold the store open (for callers in-process)
        return 1
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        print(f"Error: interrupted; {_kept(args)}. Run the same command again to finish", file=sys.stderr)
        return 130
    except OSError as exc:                  # disk full, read-only, permissions, where no KgError said it
        print(f"Error: {from_os_error(exc, kept=_kept(args))}", file=sys.stderr)
        return 1


def entry() -> None:
    """The `kg` program: `main()`, then exit with its code. The objects the command left for
    the garbage collector (a network of 100,000 events is cyclic) are frozen first, so the
    exiting process does not spend a second collecting what it is about to drop anyway."""
    code = main()
    gc.freeze()
    sys.exit(code)


def _kept(args: argparse.Namespace) -> str:
    """What a command stopped half-way leaves behind (output files are only ever replaced whole)."""
    if args.command == "build" and not args.no_store:
        return ("the store keeps the whole articles written before (a rerun goes on from there); "
                "the output files are as they were")
    if args.command == "remove":
        return "the articles removed before stay removed; the output files are as they were"
    if args.command == "enrich":
        return "the store's articles are as they were, its enrichment graph may be missing"
    if args.command == "query" and args.allow_update:
        return "the update was made whole or not at all"
    return "nothing written"


if __name__ == "__main__":
    entry()
