"""The reader's page: server-rendered, cacheable, works with JS off."""

from datetime import timedelta

from django.utils import timezone

from warta.live.factories import make_update
from warta.live.models import LiveCoverage


def get_page(client, page, **params):
    return client.get(page.url, params, HTTP_HOST="balicitizen.localhost")


def test_topic_page_shows_updates_newest_first_with_pinned_first(client, coverage, topic):
    now = timezone.now()
    make_update(coverage, "Pertama", time=now - timedelta(hours=2), pinned=True)
    make_update(coverage, "Kedua", time=now - timedelta(hours=1))
    make_update(coverage, "Ketiga", time=now)
    make_update(coverage, "Belum disetujui", approved=False)

    html = get_page(client, topic).content.decode()

    positions = [html.index(text) for text in ("Pertama", "Ketiga", "Kedua")]
    assert positions == sorted(positions)
    assert "Belum disetujui" not in html


def test_reader_page_is_public_and_cacheable(client, coverage, topic):
    make_update(coverage)
    response = get_page(client, topic)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_key_events_get_their_own_list(client, coverage, topic):
    update = make_update(coverage, key_event=True, headline="Tanggul jebol")
    html = get_page(client, topic).content.decode()
    key_list = html[html.index('class="live-key-events"') :]
    assert f'href="#update-{update.pk}">Tanggul jebol</a>' in key_list


def test_older_updates_are_paginated(client, coverage, topic):
    now = timezone.now()
    for n in range(25):
        make_update(coverage, f"Pembaruan nomor {n:02d}.", time=now - timedelta(minutes=n))
    first = get_page(client, topic).content.decode()
    second = get_page(client, topic, live_page=2).content.decode()
    assert "nomor 00" in first and "nomor 24" not in first
    assert "nomor 24" in second and "nomor 00" not in second
    assert 'rel="next" href="?live_page=2#live"' in first


def test_a_bad_page_number_shows_a_page_not_an_error(client, coverage, topic):
    make_update(coverage)
    assert get_page(client, topic, live_page="x").status_code == 200
    assert get_page(client, topic, live_page="999").status_code == 200


def test_live_blog_posting_has_coverage_times_and_modified_time_of_newest_update(
    client, coverage, topic, json_ld
):
    now = timezone.now()
    make_update(coverage, "Lama", time=now - timedelta(hours=3))
    newest = make_update(coverage, "Baru", time=now - timedelta(minutes=5), headline="Terbaru")
    coverage.status = LiveCoverage.Status.ENDED
    coverage.ended_at = now
    coverage.save()

    data = json_ld(get_page(client, topic).content.decode(), "LiveBlogPosting")

    assert data["coverageStartTime"] == coverage.started_at.isoformat()
    assert data["coverageEndTime"] == now.isoformat()
    assert data["dateModified"] == newest.time.isoformat()
    assert [u["headline"] for u in data["liveBlogUpdate"]] == ["Terbaru", topic.title]


def test_script_in_an_update_is_not_rendered(client, coverage, topic):
    make_update(coverage, 'Aman<script>alert("x")</script><img src=x onerror="alert(1)">')
    html = get_page(client, topic).content.decode()
    assert "Aman" in html
    assert 'alert("x")' not in html and "onerror" not in html


def test_pages_without_coverage_are_unchanged(client, topic):
    assert 'class="live-coverage"' not in get_page(client, topic).content.decode()
