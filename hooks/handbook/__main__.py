"""Command line: ``python -m handbook validate | export DIR | schemas``."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .export import export
from .errors import ContentError
from .load import load_content
from .schema import write_schemas


def _validate(args) -> int:
    pubs = load_content(Path(args.content))
    items = sum(1 for p in pubs.values() for page in p.pages.values() for _ in page.walk_items())
    print(f"ok: {len(pubs)} publication(s), {sum(len(p.pages) for p in pubs.values())} pages, {items} items")
    return 0


def _export(args) -> int:
    written = export(Path(args.content), Path(args.out), Path(args.config) if args.config else None)
    print(f"wrote {len(written)} files under {args.out}")
    return 0


def _schemas(args) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status (1 on content problems or a bad argument)."""
    parser = argparse.ArgumentParser(prog="python -m handbook", description=__doc__)
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    sub = parser.add_subparsers(required=True, metavar="command")
    p = sub.add_parser("validate", help="check every YAML file under the content folder")
    p.set_defaults(func=_validate)
    p = sub.add_parser("export", help="write the generated Markdown pages and items.json files to a folder")
    p.add_argument("out", help="folder to write into (e.g. build/export)")
    p.add_argument("--config", metavar="MKDOCS_YML",
                   help="also copy docs/ and write a standalone mkdocs.yml (no hook) built from this one")
    p.set_defaults(func=_export)
    p = sub.add_parser("schemas", help="write the JSON Schemas of the content files")
    p.add_argument("--out", default="content/schemas", help="folder to write into (default: content/schemas)")
    p.set_defaults(func=_schemas)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except ContentError as exc:
        print(exc, file=sys.stderr)
        print(f"error: {len(exc.problems)} problem(s) in the content", file=sys.stderr)
        return 1
    except ValueError as exc:  # a bad argument, e.g. export's --config: its message says what and how to fix it
        print(f"error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
