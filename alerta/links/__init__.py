"""The link checker: every link of a built site (local.py, parse.py), outside links on request (external.py).

Every HTML file is parsed once; every a[href], area[href], link[href],
img[src|srcset], source[src|srcset], script[src], iframe/video/audio source,
meta refresh and every CSS url()/@import (in .css files, <style> elements and
style attributes) must point to a file of the site, and a #fragment must be
an id (or a[name]) of the target page. tel: numbers must be well formed AND
published in docs/contacts.yml; mailto: must be well formed; javascript: is
refused. An inline <script> or <style> must be allowed by the page's own
Content-Security-Policy (by its hash), or the browser blocks it.
"""

from __future__ import annotations

import posixpath

from alerta.links.external import check_external
from alerta.links.local import HTTP_ONLY_PAGES, check_inline_code, check_languages, check_link, load_numbers, load_site, sort_findings
from alerta.links.model import Finding, Options, Site

__all__ = ["Finding", "Options", "Site", "check_site"]


def check_site(options: Options) -> tuple[list[Finding], Site]:
    """Every finding of the site folder, sorted by file and line."""
    site = load_site(options)
    if options.contacts is not None:
        load_numbers(site)
    findings: list[Finding] = []
    for path, page in site.pages.items():
        if options.offline and posixpath.basename(path) in HTTP_ONLY_PAGES:
            continue
        for link in page.links:
            check_link(findings, site, page, link)
        check_inline_code(findings, site, page)
    check_languages(findings, site)
    if options.external and site.external:
        findings += check_external(site)
    return sort_findings(findings), site


