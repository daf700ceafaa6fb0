"""The Indonesian analyser: affixed forms of one root meet; queries cannot smuggle syntax."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from warta.discovery.analysis import index_terms, normalise, query_groups, variants


def meet(a, b):
    return bool(variants(a) & variants(b))


@pytest.mark.parametrize(
    "forms",
    [
        ["meningkat", "peningkatan", "ditingkatkan", "tingkat", "meningkatkan"],
        ["menulis", "penulis", "tulisan", "ditulis"],
        ["mengirim", "pengiriman", "kirim", "dikirim"],
        ["menembak", "penembakan", "tembak", "ditembak"],
        ["menangkap", "penangkapan", "ditangkap", "tangkap"],
        ["bertanya", "pertanyaan", "menanyakan", "tanya", "dipertanyakan"],
        ["memukul", "pemukulan", "pukul"],
        ["menyerang", "penyerangan", "serang", "diserang"],
        ["kebakaran", "dibakar", "membakar", "bakar"],
        ["pemerintah", "perintah", "memerintahkan"],
        ["berita", "beritanya"],
    ],
)
def test_affixed_forms_of_one_root_meet(forms):
    for form in forms:
        for other in forms:
            assert meet(form, other), (form, other, variants(form), variants(other))


@pytest.mark.parametrize(
    "a,b",
    [("tulis", "kirim"), ("bali", "papua"), ("tembak", "tanam"), ("gempa", "banjir")],
)
def test_different_roots_do_not_meet(a, b):
    assert not meet(a, b)


def test_the_word_itself_is_a_term_so_exact_forms_rank_highest():
    assert "peningkatan" in variants("peningkatan")
    assert "jayapura" in variants("Jayapura")


def test_normalise_folds_case_width_and_diacritics():
    assert normalise("KÉMENTERIAN Ｂali") == "kementerian bali"


def test_stopwords_are_neither_indexed_nor_queried():
    assert index_terms("yang dan di") == []
    assert query_groups("banjir di Denpasar") == [variants("banjir"), variants("denpasar")]


def test_hyphenated_forms_are_kept_whole_and_split():
    terms = index_terms("kota-kota Covid-19")
    assert {"kota-kota", "kota", "covid-19", "covid", "19"} <= set(terms)


def test_query_operators_and_quotes_are_only_separators():
    groups = query_groups('"gempa" OR (banjir* NEAR -longsor')
    flat = set().union(*groups)
    assert all(ch not in term for term in flat for ch in '"()*')
    assert variants("gempa") in groups and variants("longsor") in groups


def test_a_long_query_is_bounded():
    assert len(query_groups(" ".join(f"kata{i}" for i in range(1000)))) == 12
    assert all(len(t) <= 40 for t in index_terms("a" * 10_000))


@given(st.text(max_size=300))
def test_any_text_gives_clean_terms(text):
    for term in index_terms(text):
        assert term and term == term.strip() and len(term) <= 40
        assert not set(term) & set("\"'()*:^{}[]")
    for group in query_groups(text):
        assert group
