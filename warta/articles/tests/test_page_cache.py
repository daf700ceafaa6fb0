"""The cached site, settings, routes, restrictions and navigation (core/pagecache.py).

Every test warms the cache first (the same page twice), then changes something and
checks that the very next request sees the change: no stale route, masthead or setting.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from warta.articles.factories import make_article, make_section, make_site
from warta.core.models import SiteSettings

pytestmark = pytest.mark.django_db


def warm(get, path):
    for _ in range(2):
        assert get(path).status_code == 200


def count(get, path):
    with CaptureQueriesContext(connection) as captured:
        response = get(path)
    assert response.status_code == 200
    return len(captured)


def test_a_warm_article_skips_site_settings_route_restrictions_and_navigation(get, section):
    article = make_article(section)
    warm(get, article.url)
    with CaptureQueriesContext(connection) as captured:
        assert get(article.url).status_code == 200
    tables = " ".join(query["sql"] for query in captured.captured_queries)
    for table in ("wagtailcore_site", "core_sitesettings", "wagtailcore_pageviewrestriction"):
        assert f'"{table}"' not in tables
    # The article is loaded once, by id, not walked to from the home page.
    assert '"articles_homepage"' not in tables
    assert '"articles_sectionpage"' not in tables
    assert '"articles_standingpage"' not in tables


def test_publishing_a_section_shows_in_the_masthead_at_once(get, site, section):
    article = make_article(section)
    warm(get, article.url)
    make_section(site, "Ekonomi", "ekonomi")
    assert 'href="/ekonomi/"' in get(article.url).content.decode()


def test_unpublishing_an_article_makes_its_cached_route_a_404(get, section):
    article = make_article(section)
    warm(get, article.url)
    article.unpublish()
    assert get(article.url).status_code == 404


def test_unpublished_section_leaves_the_masthead(get, site, section):
    other = make_section(site, "Ekonomi", "ekonomi")
    article = make_article(section)
    warm(get, article.url)
    other.unpublish()
    assert 'href="/ekonomi/"' not in get(article.url).content.decode()


def test_a_moved_article_is_served_at_its_new_url_only(get, site, section):
    other = make_section(site, "Ekonomi", "ekonomi")
    article = make_article(section, slug="pindah")
    old_url = article.url
    warm(get, old_url)
    article.move(other, pos="last-child")
    old = get(old_url)
    # Wagtail leaves a redirect at the old URL; the page itself is not served there.
    assert old.status_code == 301
    assert old["Location"].endswith("/ekonomi/pindah/")
    assert get("/ekonomi/pindah/").status_code == 200


def test_a_new_slug_is_served_and_the_old_one_is_not(get, section):
    article = make_article(section, slug="lama")
    warm(get, "/internasional/lama/")
    article.slug = "baru"
    article.save_revision().publish()
    assert get("/internasional/lama/").status_code == 404
    assert get("/internasional/baru/").status_code == 200


def test_a_draft_is_not_served_but_the_live_version_is(get, section):
    article = make_article(section, title="Judul terbit")
    warm(get, article.url)
    article.title = "Judul draf"
    article.save_revision()  # saved, not published
    html = get(article.url).content.decode()
    assert "Judul terbit" in html
    assert "Judul draf" not in html


def test_changed_site_settings_are_seen_at_once(get, site, section):
    article = make_article(section)
    warm(get, article.url)
    assert "Berita berbasis fakta." in get(article.url).content.decode()
    settings = SiteSettings.objects.get(site=site)
    settings.tagline = "Kabar dari lapangan."
    settings.save()
    html = get(article.url).content.decode()
    assert "Kabar dari lapangan." in html
    assert "Berita berbasis fakta." not in html


def test_a_view_restriction_applies_at_once_and_lifting_it_too(get, section):
    article = make_article(section)
    warm(get, article.url)
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    response = get(article.url)
    assert response.status_code == 302
    assert "/_util/login/" in response["Location"]
    # Restricted pages leave the lists too (`.public()` uses the cached paths).
    assert 'href="/internasional/"' not in get("/").content.decode()
    restriction.delete()
    assert get(article.url).status_code == 200
    assert 'href="/internasional/"' in get("/").content.decode()


def test_two_sites_keep_their_own_routes_settings_and_navigation(client, site, section):
    papua = make_site(
        "PosPapusa", "pospapusa.localhost", "Asia/Jayapura", "Suara Papua.", default=False
    )
    papua_section = make_section(papua, "Internasional Papua", "internasional")
    make_article(section, title="Berita Bali", slug="sama")
    make_article(papua_section, title="Berita Papua", slug="sama")
    for _ in range(2):
        bali = client.get("/internasional/sama/", HTTP_HOST="balicitizen.localhost")
        papua_page = client.get("/internasional/sama/", HTTP_HOST="pospapusa.localhost")
    bali, papua_page = bali.content.decode(), papua_page.content.decode()
    assert "Berita Bali" in bali and "Berita Papua" not in bali
    assert "Berita Papua" in papua_page and "Berita Bali" not in papua_page
    assert "Suara Papua." in papua_page and "Suara Papua." not in bali
    assert "Internasional Papua" in papua_page and "Internasional Papua" not in bali


def test_a_new_site_host_is_found_after_its_site_is_created(client, site, section):
    # Asked before the site exists: the default site answers (Wagtail's fallback).
    assert client.get("/", HTTP_HOST="pospapusa.localhost").status_code == 200
    papua = make_site(
        "PosPapusa", "pospapusa.localhost", "Asia/Jayapura", "Suara Papua.", default=False
    )
    make_section(papua, "Tanah Papua", "tanah-papua")
    html = client.get("/", HTTP_HOST="pospapusa.localhost").content.decode()
    assert "Tanah Papua" in html


def test_the_admin_preview_shows_the_draft(client, section, django_user_model):
    article = make_article(section, title="Judul terbit")
    editor = django_user_model.objects.create_superuser("editor", "e@example.com", "pw")
    client.force_login(editor)
    article.title = "Judul draf"
    article.save_revision()
    response = client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert response.status_code == 200
    assert "Judul draf" in response.content.decode()


def test_pages_are_served_from_the_database_when_redis_is_down(settings, get, section):
    article = make_article(section, title="Tetap terbit")
    settings.CACHES = {
        "default": {
            "BACKEND": "warta.core.cache.DegradingRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        }
    }
    for _ in range(2):
        response = get(article.url)
        assert response.status_code == 200
        assert "Tetap terbit" in response.content.decode()


def test_a_renamed_author_and_a_new_tag_show_in_the_byline_at_once(get, section, author):
    article = make_article(section, authors=[author])
    warm(get, article.url)
    author.title = "Ni Luh Ayu Lestari"
    author.save_revision().publish()
    article.tags.add("pemilu")
    article.save_revision().publish()
    html = get(article.url).content.decode()
    assert "Ni Luh Ayu Lestari" in html
    assert "pemilu" in html


def test_a_host_that_is_not_allowed_gets_a_400_and_no_cache_entry(client, site, monkeypatch):
    from warta.core import pagecache

    stored = []
    real_store = pagecache.store
    monkeypatch.setattr(
        pagecache, "store", lambda name, value: stored.append(name) or real_store(name, value)
    )
    assert client.get("/", HTTP_HOST="balicitizen.localhost").status_code == 200
    assert any(name.startswith("site:") for name in stored)  # the spy sees an allowed host
    stored.clear()
    assert client.get("/", HTTP_HOST="tidak-dikenal.example").status_code == 400
    assert not [name for name in stored if name.startswith("site:")]
