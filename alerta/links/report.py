"""The link checker's report: one line per finding, and a closing summary."""

from __future__ import annotations

from alerta.links.model import Finding, Site

HTML_SUFFIXES = (".html", ".htm")
KIND_LABELS = {
    "missing": "broken link",
    "anchor": "broken link",
    "offline": "http-only link",
    "tel": "bad phone link",
    "tel-unknown": "unknown phone number",
    "mailto": "bad mailto link",
    "javascript": "javascript link",
    "scheme": "unsupported link",
    "counterpart": "missing counterpart",
    "fallback": "undeclared fallback",
    "hreflang": "bad hreflang alternate",
    "external": "broken external link",
    "csp": "inline code the policy blocks",
}


def format_finding(finding: Finding) -> str:
    """One line for people: file:line: what 'link' (in page): why."""
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return f"{where}: {KIND_LABELS.get(finding.kind, finding.kind)} '{finding.link}' (in {finding.page}): {finding.reason}"


def summary(findings: list[Finding], site: Site, seconds: float) -> str:
    """The last line of the report."""
    pages = sum(1 for p in site.pages if p.endswith(HTML_SUFFIXES))
    scope = f"{pages} pages, {site.checked} links" + (f", {len(site.external)} outside URLs" if site.options.external else "") + f", {seconds:.2f} s"
    if not findings:
        return f"check_links: no broken links ({scope})."
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    return f"check_links: {len(findings)} finding{'s' if len(findings) != 1 else ''} ({detail}) in {scope}."
