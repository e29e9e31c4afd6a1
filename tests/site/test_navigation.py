"""A page's menu stays short when the site grows; the list of every page holds them all (hooks/navigation.py)."""

from __future__ import annotations

from alerta.config import site_config
from alerta.html import attribute, elements, parse
from alerta.links import Options, check_site
from tests.support.project import mkdocs_build


def menu_links(page) -> list[str]:
    """The hrefs of the primary menu's own entries (not the page's contents list inside it)."""
    tree = parse(page.read_text(encoding="utf-8"), locations=False)
    nav = next(e for e in elements(tree, "nav") if "md-nav--primary" in (attribute(e, "class") or ""))
    return [attribute(a, "href") for a in elements(nav, "a") if "md-nav__link" in (attribute(a, "class") or "") and not (attribute(a, "href") or "").startswith("#")]


def test_with_a_small_limit_every_menu_is_cut_and_the_list_page_has_every_page(project_copy, tmp_path):
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("extra:\n", "extra:\n  nav_limit: 4\n", 1), encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    nav = site_config(config).nav
    assert len(nav) > 4
    for lang, prefix in (("es", ""), ("qu", "qu/")):
        for name in nav:
            page = site / prefix / name.replace(".md", ".html")
            links = menu_links(page)
            # Three first entries, the page itself if it is not one of them, then the list.
            assert links[-1] == "paginas.html", (lang, name, links)
            assert len(links) <= 5, (lang, name, links)
        listed = [attribute(a, "href") for a in elements(parse((site / prefix / "paginas.html").read_text(encoding="utf-8"), locations=False), "a") if a.parent is not None and a.parent.name == "li" and a.parent.parent is not None and "all-pages" in (attribute(a.parent.parent, "class") or "")]
        assert len(listed) == len(nav)
    findings, _ = check_site(Options(site=site, site_label="site", docs=project_copy / "docs", contacts=project_copy / "docs" / "contacts.yml"))
    assert findings == []


def test_the_real_site_menu_lists_every_page(built_site):
    """Below the limit nothing is cut: no list link, every page in the menu."""
    nav = site_config().nav
    links = menu_links(built_site / "formas.html")
    assert "paginas.html" not in links and len(links) == len(nav)
