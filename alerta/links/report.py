"""The link checker's report: one line per finding, and a closing summary."""

from __future__ import annotations

from dataclasses import asdict

from alerta.links.model import Finding, Site
from alerta.problems import message_language, say

HTML_SUFFIXES = (".html", ".htm")
KIND_LABELS = {
    "missing": say("enlace roto", "broken link"),
    "anchor": say("enlace roto", "broken link"),
    "offline": say("enlace que solo funciona en internet", "http-only link"),
    "tel": say("teléfono mal escrito", "bad phone link"),
    "tel-unknown": say("teléfono desconocido", "unknown phone number"),
    "mailto": say("correo mal escrito", "bad mailto link"),
    "javascript": say("enlace javascript", "javascript link"),
    "scheme": say("enlace no admitido", "unsupported link"),
    "counterpart": say("falta una traducción", "missing counterpart"),
    "fallback": say("página sin traducir no avisada", "undeclared fallback"),
    "hreflang": say("versión en otro idioma equivocada", "bad hreflang alternate"),
    "external": say("enlace externo roto", "broken external link"),
    "csp": say("código insertado que la política bloquea", "inline code the policy blocks"),
}


def format_finding(finding: Finding) -> str:
    """One line for people: file, line, what, the link, the page it is in, why."""
    if message_language() == "es":
        where = f"{finding.file}, línea {finding.line}" if finding.line else finding.file
        return f"{where}: {KIND_LABELS[finding.kind]} '{finding.link}' (en {finding.page}): {finding.reason}."
    where = f"{finding.file}:{finding.line}" if finding.line else finding.file
    return f"{where}: {KIND_LABELS[finding.kind]} '{finding.link}' (in {finding.page}): {finding.reason}"


def as_json(findings: list[Finding]) -> list[dict]:
    """The findings as plain data, reasons in the chosen language."""
    return [{**asdict(f), "reason": str(f.reason)} for f in findings]


def summary(findings: list[Finding], site: Site, seconds: float) -> str:
    """The last line of the report."""
    pages = sum(1 for p in site.pages if p.endswith(HTML_SUFFIXES))
    es = message_language() == "es"
    scope = (
        f"{pages} páginas, {site.checked} enlaces" + (f", {len(site.external)} direcciones externas" if site.options.external else "") + f", {seconds:.2f} s"
        if es
        else f"{pages} pages, {site.checked} links" + (f", {len(site.external)} outside URLs" if site.options.external else "") + f", {seconds:.2f} s"
    )
    if not findings:
        return f"check_links: ningún enlace roto ({scope})." if es else f"check_links: no broken links ({scope})."
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    detail = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
    if es:
        return f"check_links: {len(findings)} problema{'s' if len(findings) != 1 else ''} ({detail}) en {scope}."
    return f"check_links: {len(findings)} finding{'s' if len(findings) != 1 else ''} ({detail}) in {scope}."
