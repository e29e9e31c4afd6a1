"""The project's one HTML parser (alerta.html): read as a browser does, edit without touching other bytes."""

from __future__ import annotations

import pytest

from alerta.html import (
    Edit,
    apply_edits,
    attribute,
    edit_start_tag,
    elements,
    inner_span,
    line,
    outer_span,
    parse,
    start_tag,
    start_tag_span,
    text,
)

PAGE = '<p>uno</p>\n<div class="a b" title=">">\n  <a href="x.html" download>dos &amp; tres</a><img src=i.png alt=\'l&#39;s\'>\n</div><ul><li>sin cierre<li>otro</ul>'


def test_spans_are_exact_source_slices():
    """These spans come from justhtml's internals: this test is the alarm if an upgrade moves them."""
    root = parse(PAGE, fragment=True)
    div = next(elements(root, "div"))
    assert PAGE[slice(*start_tag_span(div))] == '<div class="a b" title=">">'
    assert PAGE[slice(*outer_span(div))].endswith("</div>") and PAGE[slice(*outer_span(div))].startswith("<div")
    link = next(elements(root, "a"))
    assert PAGE[slice(*inner_span(link))] == "dos &amp; tres"
    img = next(elements(root, "img"))
    assert PAGE[slice(*outer_span(img))] == "<img src=i.png alt='l&#39;s'>"  # a void element ends with its tag
    first_item = next(elements(root, "li"))
    assert PAGE[slice(*outer_span(first_item))] == "<li>sin cierre"  # an implied end tag
    assert [line(e) for e in (div, link, img)] == [2, 3, 3]


def test_attributes_and_text_are_decoded_as_a_browser_decodes_them():
    root = parse('<a href="jav&#x61;script:x" ping=y>a &lt;b&gt;</a><!--><img src=x onerror=1>-->', fragment=True)
    link = next(elements(root, "a"))
    assert attribute(link, "href") == "javascript:x" and attribute(link, "ping") == "y"
    assert text(link) == "a <b>"
    # "<!-->" is an empty comment to a browser: the image after it is live and must be seen.
    assert attribute(next(elements(root, "img")), "onerror") == "1"


def test_edit_start_tag_keeps_every_other_byte():
    root = parse(PAGE, fragment=True)
    link, img = next(elements(root, "a")), next(elements(root, "img"))
    out = apply_edits(PAGE, [edit_start_tag(PAGE, link, {"href": "#p--x", "id": "n"}), edit_start_tag(PAGE, img, {"alt": None, "src": "data:,"})])
    assert '<a href="#p--x" download id="n">dos &amp; tres</a><img src="data:,">' in out
    assert out.replace('<a href="#p--x" download id="n">', "").replace('<img src="data:,">', "") == PAGE.replace('<a href="x.html" download>', "").replace(
        "<img src=i.png alt='l&#39;s'>", ""
    )


def test_start_tag_escapes_and_overlapping_edits_are_refused():
    assert start_tag("img", [("alt", 'a "b" & c'), ("hidden", None)]) == '<img alt="a &quot;b&quot; &amp; c" hidden>'
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, "A")]) == "AbcdEf"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, ""), Edit(2, 4, "")])


def test_positions_need_locations():
    element = next(elements(parse("<p>x</p>", fragment=True, locations=False), "p"))
    with pytest.raises(ValueError, match="locations=True"):
        start_tag_span(element)
