"""The pure similarity of two stories (no database)."""

from datetime import datetime, timedelta

from warta.discovery.related_scoring import (
    PROFILE_TERMS,
    Story,
    distance_km,
    rank,
    recency_factor,
    score,
    term_profile,
)

NOW = datetime.fromisoformat("2026-03-01T00:00:00+00:00")


def test_affixed_forms_of_one_root_share_terms():
    a = term_profile("Harga cabai meningkat", "", "")
    b = term_profile("Peningkatan harga cabai", "", "")
    c = term_profile("Festival layang-layang", "", "")
    assert set(a) & set(b) - {"harga", "cabai"}
    assert not set(a) & set(c)


def test_title_terms_weigh_more_than_body_terms():
    profile = term_profile("Banjir", "", "gempa")
    assert profile["banjir"] > profile["gempa"]


def test_a_profile_keeps_only_the_strongest_terms():
    body = " ".join(f"kata{n}" for n in range(500))
    assert len(term_profile("Judul", "", body)) == PROFILE_TERMS


def test_similar_words_outrank_a_shared_section():
    flood = Story(1, term_profile("Banjir merendam Denpasar", "", ""), section="a")
    other_flood = Story(2, term_profile("Rendaman banjir di Denpasar", "", ""), section="b")
    kites = Story(3, term_profile("Festival layang-layang", "", ""), section="a")
    assert [pk for _, _, pk in rank(flood, [kites, other_flood])] == [2, 3]


def test_the_reason_names_the_strongest_signal():
    a = Story(1, {"x": 1.0}, topics=frozenset({7}))
    b = Story(2, {"y": 1.0}, topics=frozenset({7}))
    assert score(a, b, {})[1] == "topic"


def test_the_same_or_a_nearby_place_adds_to_the_score():
    denpasar = Story(1, place_name="Denpasar", latitude=-8.65, longitude=115.22)
    kuta = Story(2, place_name="Kuta", latitude=-8.72, longitude=115.17)
    jayapura = Story(3, place_name="Jayapura", latitude=-2.53, longitude=140.72)
    assert 8 < distance_km(-8.65, 115.22, -8.72, 115.17) < 10
    assert score(denpasar, kuta, {})[0] > score(denpasar, jayapura, {})[0] == 0


def test_stories_far_apart_in_time_weigh_less_but_never_below_three_quarters():
    a = Story(1, published=NOW)
    soon = Story(2, published=NOW + timedelta(days=1))
    late = Story(3, published=NOW + timedelta(days=3000))
    assert recency_factor(a, soon) > recency_factor(a, late) > 0.75
