"""Each page's menu (alerta/navigation.py): short whatever the size of the site, the page always in it."""

from __future__ import annotations

import pytest

from alerta.navigation import all_pages_html, limit_of, menu


class Item:
    def __init__(self, title, url=None, children=None):
        self.title, self.url, self.children, self.active = title, url, children, False


def site(n: int) -> list[Item]:
    return [Item(f"P{i}", f"p{i}.html") for i in range(n)]


def test_a_small_site_shows_every_page_and_no_list_link():
    items = site(5)
    shown = menu(items, items[3], limit=16)
    assert shown.items == items and not shown.trimmed


def test_a_large_site_shows_the_first_entries_and_the_page_itself():
    items = site(500)
    page = items[321]
    page.active = True
    shown = menu(items, page, limit=16)
    assert shown.items == items[:15] + [page] and shown.trimmed
    page.active = False
    first = menu(items, items[2], limit=16)
    assert first.items == items[:15] and first.trimmed


def test_sections_off_the_way_are_one_link_and_the_way_is_cut_too():
    inner = site(40)
    section = Item("S", children=inner)
    other = Item("T", children=site(3))
    items = [Item("Home", "index.html"), section, other]
    page = inner[30]
    page.active = section.active = True
    shown = menu(items, page, limit=4)
    assert shown.trimmed and [i.title for i in shown.items] == ["Home", "S", "T"]
    assert shown.items[1] is not section and section.children is inner  # the shared nav is never changed
    assert shown.items[1].children == inner[:3] + [page]
    assert shown.items[2] is other  # pruned by Material to one link


def test_the_list_of_every_page_is_relative_to_where_it_is():
    items = [Item("Inicio", "en/index.html"), Item("Sección", children=[Item("Señales", "en/se%C3%B1ales.html")])]
    assert all_pages_html(items, "en/paginas.html") == '<ul class="all-pages"><li><a href="index.html">Inicio</a></li><li>Sección<ul><li><a href="se%C3%B1ales.html">Señales</a></li></ul></li></ul>'


@pytest.mark.parametrize("value", [1, "8", True, 2.5])
def test_a_wrong_limit_is_refused(value):
    with pytest.raises(ValueError, match="extra.nav_limit"):
        limit_of({"nav_limit": value})
    assert limit_of({}) == 20
