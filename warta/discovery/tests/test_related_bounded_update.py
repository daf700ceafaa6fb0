"""Publishing updates related reads with bounded work, never a scan of the archive."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from warta.articles.models import ArticlePage
from warta.discovery import related
from warta.discovery.related_models import RelatedRead
from warta.discovery.tests.related_corpus import FLOOD, story

pytestmark = pytest.mark.django_db


def flood_archive(section, count, start=0):
    return [
        story(section, f"Banjir merendam Denpasar, laporan {n}", FLOOD)
        for n in range(start, start + count)
    ]


def test_publishing_an_article_gives_it_a_list_and_puts_it_on_its_neighbours(
    section, django_capture_on_commit_callbacks
):
    older = story(section, "Banjir merendam Denpasar", FLOOD)
    related.recompute(older.pk)
    assert not RelatedRead.objects.filter(article=older).exists()
    with django_capture_on_commit_callbacks(execute=True):
        new = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    assert RelatedRead.objects.filter(article=new, related=older).exists()
    assert RelatedRead.objects.filter(article=older, related=new).exists()


def publish_cost(section, title):
    new = story(section, title, FLOOD)
    with CaptureQueriesContext(connection) as captured:
        related.refresh_on_publish(new.pk)
    return len(captured), new


def test_a_publish_costs_the_same_queries_for_a_small_and_a_large_archive(section):
    related.compute_all(flood_archive(section, 4))
    small, _ = publish_cost(section, "Banjir surut di Denpasar")
    related.compute_all(flood_archive(section, 30, start=4))
    large, new = publish_cost(section, "Banjir datang lagi di Denpasar")
    assert large == small
    assert 0 < RelatedRead.objects.filter(related=new).count() <= related.FAN_OUT


def test_candidates_are_capped_and_lists_change_for_at_most_fan_out_stories(section, monkeypatch):
    monkeypatch.setattr(related, "CANDIDATES", 6)
    monkeypatch.setattr(related, "FAN_OUT", 3)
    related.compute_all(flood_archive(section, 12))
    new = story(section, "Banjir surut di Denpasar", FLOOD)
    assert len(related.candidate_pks(new, new.get_site())) == 6
    assert related.refresh_on_publish(new.pk) == 3
    assert RelatedRead.objects.filter(related=new).count() == 3


def test_stories_outside_the_recency_window_are_not_candidates(section):
    new = story(section, "Banjir merendam Denpasar", FLOOD)
    old = story(
        section,
        "Banjir merendam Denpasar dulu",
        FLOOD,
        published_at=new.published_at - related.WINDOW - timedelta(days=1),
    )
    recent = story(section, "Banjir merendam Denpasar lagi", FLOOD)
    candidates = related.candidate_pks(new, new.get_site())
    assert recent.pk in candidates and old.pk not in candidates


def test_stories_sharing_a_topic_or_tag_come_before_the_rest_of_the_section(section, monkeypatch):
    monkeypatch.setattr(related, "CANDIDATES", 2)
    new = story(section, "Banjir merendam Denpasar", FLOOD)
    new.tags.add("banjir")
    new.save()
    tagged = story(section, "Sisa banjir", "Lumpur di jalan.")
    tagged.tags.add("banjir")
    tagged.save()
    flood_archive(section, 3)
    new = ArticlePage.objects.get(pk=new.pk)
    candidates = related.candidate_pks(new, new.get_site())
    assert candidates[0] == tagged.pk and len(candidates) == 2


def test_the_command_computes_lists_for_an_existing_archive(section):
    archive = flood_archive(section, 3)
    out = io.StringIO()
    call_command("related_reads", stdout=out, stderr=io.StringIO())
    assert "3 articles" in out.getvalue()
    assert all(RelatedRead.objects.filter(article=article).count() == 2 for article in archive)
