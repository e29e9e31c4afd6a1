#!/usr/bin/env python3
"""Check every link of a built site: pages, anchors, images, CSS, phones, languages (alerta.links).

Usage: check_links.py SITE_DIR [--offline] [--external] [--json] [--contacts PATH] [--docs PATH]
                      [--cache PATH] [--cache-days N] [--timeout S] [--retries N] [--per-host N]

--offline checks the folder as file:// opens it (an unpacked offline bundle).
--external also checks http(s) links (concurrent, a few connections per host,
retries, a cache in .cache/external-links.json; TLS certificates are always
verified). Exit status: 0 clean, 1 findings, 2 bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from alerta.config import DOCS_DIR, ROOT, cache_dir, relative_name
from alerta.links import check_site
from alerta.links.model import BACKOFF, CACHE_DAYS, CACHE_NAME, PER_HOST, RETRIES, TIMEOUT, Options
from alerta.links.report import as_json, format_finding, summary
from alerta.problems import ProblemError


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line, as documented at the top of this file."""
    parser = argparse.ArgumentParser(prog="check_links.py", description="Check the links of the built site (or of an unpacked offline bundle).")
    parser.add_argument("site", metavar="SITE_DIR", help="folder written by `mkdocs build`, or an unpacked offline bundle")
    parser.add_argument("--offline", action="store_true", help="check as file:// opens the folder (offline bundles): no folder links, no links starting with /")
    parser.add_argument("--external", action="store_true", help="also check http(s) links (needs the network)")
    parser.add_argument("--json", action="store_true", help="print the findings as JSON (file, line, page, link, reason, kind)")
    parser.add_argument("--contacts", type=Path, help="contacts file whose numbers tel: links may use (default: DOCS/contacts.yml)")
    parser.add_argument("--docs", type=Path, help=f"Markdown sources, to name the file and line of each finding (default: {DOCS_DIR.relative_to(ROOT)})")
    parser.add_argument("--cache", type=Path, default=None, help=f"cache of external results (default: .cache/{CACHE_NAME})")
    parser.add_argument("--cache-days", type=float, default=CACHE_DAYS, help=f"days a good external result is trusted (default: {CACHE_DAYS:g}; 0 = always check)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds to wait for an outside server (default: {TIMEOUT:g})")
    parser.add_argument("--retries", type=int, default=RETRIES, help=f"new attempts after a 5xx or a timeout (default: {RETRIES})")
    parser.add_argument("--backoff", type=float, default=BACKOFF, help=f"seconds before the first retry, doubled each time (default: {BACKOFF:g})")
    parser.add_argument("--per-host", type=int, default=PER_HOST, help=f"connections at a time to one host (default: {PER_HOST})")
    return parser.parse_args(argv)


def make_options(args: argparse.Namespace) -> Options | str:
    """Options from the command line, or an error message."""
    site = Path(args.site)
    if not site.is_dir():
        return f"check_links.py: error: site folder '{args.site}' not found. Build the site first (mkdocs build --strict) or give the folder an offline bundle was unpacked into."
    docs = args.docs if args.docs is not None else DOCS_DIR
    if args.docs is not None and not docs.is_dir():
        return f"check_links.py: error: --docs folder '{docs}' not found."
    contacts = args.contacts if args.contacts is not None else docs / "contacts.yml"
    if not contacts.is_file():
        return f"check_links.py: error: contacts file '{contacts}' not found; tel: links are checked against it (give one with --contacts)."
    return Options(
        site=site.resolve(),
        site_label=relative_name(site),
        offline=args.offline,
        external=args.external,
        docs=docs.resolve() if docs.is_dir() else None,
        contacts=contacts,
        cache=args.cache or cache_dir() / CACHE_NAME,
        cache_days=args.cache_days,
        timeout=args.timeout,
        retries=max(0, args.retries),
        backoff=args.backoff,
        per_host=max(1, args.per_host),
    )


def main(argv: list[str] | None = None) -> int:
    """Run the checker; 0 clean, 1 findings, 2 bad usage."""
    started = time.perf_counter()
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    options = make_options(args)
    if isinstance(options, str):
        print(options, file=sys.stderr)
        return 2
    try:
        findings, site = check_site(options)
    except ProblemError as exc:
        print(exc, file=sys.stderr)
        return 2
    line = summary(findings, site, time.perf_counter() - started)
    if args.json:
        print(json.dumps(as_json(findings), ensure_ascii=False, indent=2))
        print(line, file=sys.stderr)
    else:
        for finding in findings:
            print(format_finding(finding))
        print(line)
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
