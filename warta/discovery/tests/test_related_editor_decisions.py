"""Editors' decisions (pin, remove) survive every recompute and every new publish."""

import pytest

from warta.discovery.related import recompute, refresh_on_publish
from warta.discovery.related_models import RelatedRead
from warta.discovery.tests.related_corpus import FLOOD, story

pytestmark = pytest.mark.django_db


@pytest.fixture
def flood_stories(section):
    first = story(section, "Banjir merendam Denpasar", FLOOD)
    follow_up = story(section, "Warga Denpasar membersihkan sisa banjir", FLOOD)
    response = story(section, "Denpasar siapkan tanggul banjir", FLOOD)
    unrelated = story(section, "Festival layang-layang di Sanur", "Ratusan layang-layang terbang.")
    return first, follow_up, response, unrelated


def shown(article):
    rows = RelatedRead.objects.filter(article=article, removed=False)
    return list(rows.order_by("-pinned", "position", "-score").values_list("related_id", flat=True))


def test_a_pinned_read_stays_first_after_a_recompute(flood_stories):
    first, follow_up, _, unrelated = flood_stories
    recompute(first.pk)
    assert unrelated.pk not in shown(first)[:2]
    RelatedRead.objects.update_or_create(
        article=first, related=unrelated, defaults={"pinned": True, "reason": "editor"}
    )
    recompute(first.pk)
    assert shown(first)[0] == unrelated.pk
    assert follow_up.pk in shown(first)


def test_a_removed_read_never_comes_back(flood_stories):
    first, follow_up, response, _ = flood_stories
    recompute(first.pk)
    assert follow_up.pk in shown(first)
    RelatedRead.objects.filter(article=first, related=follow_up).update(removed=True)
    recompute(first.pk)
    assert follow_up.pk not in shown(first)
    # Republishing the removed article offers it to its closest stories again: not to this one.
    refresh_on_publish(follow_up.pk)
    assert follow_up.pk not in shown(first)
    assert RelatedRead.objects.get(article=first, related=follow_up).removed
    assert response.pk in shown(first)
