"""Related reads in a real browser on a phone with JavaScript off."""

import pytest

from warta.discovery.related import recompute
from warta.discovery.tests.related_corpus import FLOOD, story

pytestmark = pytest.mark.django_db


def test_a_reader_sees_and_follows_the_related_reads(served_page, site, section):
    body = "\n\n".join(f"{FLOOD} Paragraf nomor {n}." for n in range(1, 6))
    article = story(section, "Banjir merendam Denpasar", body)
    for title in ("Warga Denpasar membersihkan sisa banjir", "Denpasar siapkan tanggul banjir"):
        story(section, title, FLOOD)
    recompute(article.pk)
    phone = served_page(
        site.hostname, viewport={"width": 360, "height": 740}, java_script_enabled=False
    )
    phone.goto(f"http://{site.hostname}{article.relative_url(site)}")
    inline = phone.locator(".article-body .related-read-auto")
    assert inline.inner_text().startswith("BACA JUGA")
    # Right after the third paragraph.
    assert "Paragraf nomor 3" in inline.evaluate("el => el.previousElementSibling.textContent")
    end_list = phone.locator("aside.related-reads")
    assert end_list.locator("h2").inner_text() == "Berita terkait"
    assert end_list.locator("li").count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.blocked == []
    title = inline.locator("a").inner_text().removeprefix("BACA JUGA").strip()
    inline.locator("a").click()
    assert phone.locator("h1").inner_text() == title
