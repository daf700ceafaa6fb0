"""Bad input is a clear 4xx, in Indonesian with English beside it; never a 500."""

import pytest

from warta.api import cursors

pytestmark = pytest.mark.django_db


def problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.data["status"] == status
    return response.data


def test_an_unknown_filter_is_refused_by_name(api, article):
    data = problem(api("articles?sectoin=3"), 400)
    assert data["detail"] == "Parameter kueri tidak dikenal: sectoin."
    assert data["detail_en"] == "Unknown query parameter(s): sectoin."


def test_a_bad_date_is_a_422_naming_the_parameter(api, article):
    data = problem(api("articles?updated_since=kemarin"), 422)
    assert "updated_since" in data["detail"]
    assert data["errors"][0]["loc"][-1] == "updated_since"


def test_a_date_out_of_range_in_utc_is_a_422(api, article):
    problem(api("articles?updated_since=0001-01-01T00:00:00%2B14:00"), 422)


@pytest.mark.parametrize("cursor", ["abc", "W1sxXV0:1vX:forged", "x" * 600])
def test_a_tampered_cursor_is_a_400(api, article, cursor):
    data = problem(api(f"articles?cursor={cursor}"), 400)
    assert data["detail_en"].startswith("The cursor is not one this API gave out")


def test_a_cursor_of_another_list_is_a_400(api, article):
    problem(api(f"articles?cursor={cursors.encode(5)}"), 400)


def test_a_huge_limit_is_refused_not_clamped(api, article):
    data = problem(api("articles?limit=1000000000"), 422)
    assert data["errors"][0]["loc"][-1] == "limit"


@pytest.mark.parametrize(
    "path",
    [
        "articles/99999999999999999999999",
        "articles?section=99999999999999999999",
        "articles?tag=%00",
        "articles?type=gosip",
        "live-coverages/0/updates",
    ],
)
def test_out_of_range_values_are_a_422(api, article, path):
    problem(api(path), 422)


def test_unknown_ids_are_a_404(api, article):
    assert problem(api("articles/987654"), 404)["detail"] == (
        "Tidak ada yang publik di alamat ini."
    )
    problem(api("articles?site=987654"), 404)
    problem(api("live-coverages/987654/updates"), 404)


def test_an_oversized_query_string_is_a_problem_not_a_page(api, article, settings):
    settings.WARTA_MAX_QUERY_STRING = 64
    data = problem(api("articles?tag=" + "a" * 100), 400)
    assert data["detail_en"].startswith("This request cannot be answered")


def test_an_unknown_api_url_is_a_problem_not_a_page(api, article):
    response = api("artikel/")
    problem(response, 404)
    assert response["Access-Control-Allow-Origin"] == "*"
