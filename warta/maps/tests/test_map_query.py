"""Parsing map filters: bounded windows, a bounding box inside the one world, clear errors."""

from datetime import UTC, datetime, timedelta

import pytest

from warta.maps.query import MAX_LIMIT, BadMapQuery, parse_map_query

NOW = datetime(2026, 11, 26, 8, 0, tzinfo=UTC)


def parse(**params):
    return parse_map_query(params, now=NOW)


def test_default_window_is_the_last_seven_days():
    query = parse()
    assert (query.since, query.until) == (NOW - timedelta(days=7), None)
    assert query.limit == 1000 and query.page == 1


def test_a_window_can_be_given_in_days_or_as_since_and_until():
    assert parse(days="30").since == NOW - timedelta(days=30)
    query = parse(since="2026-11-01T00:00:00+08:00", until="2026-11-10T00:00:00+08:00")
    assert query.until - query.since == timedelta(days=9)


def test_bbox_is_parsed_west_south_east_north():
    assert parse(bbox="114.4,-8.9,115.8,-8.0").bbox == (114.4, -8.9, 115.8, -8.0)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"bbox": "115,200,116,201"}, "Lintang"),  # latitude 200
        ({"bbox": "-1800,-90,1800,90"}, "Bujur"),  # the world ten times over
        ({"bbox": "116,-9,115,-8"}, "barat harus lebih kecil dari timur"),
        ({"bbox": "a,b,c,d"}, "empat angka"),
        ({"bbox": "nan,-9,115,-8"}, "empat angka"),
        ({"bbox": "1,2,3"}, "empat angka"),
        ({"days": "3650"}, "antara 1 dan 90"),  # ten years
        ({"since": "2016-11-26T08:00:00+00:00"}, "paling lama 90 hari"),
        ({"days": "seminggu"}, "bilangan bulat"),
        ({"limit": "banyak"}, "bilangan bulat"),
        ({"limit": str(MAX_LIMIT + 1)}, "antara 1 dan"),
        ({"page": "0"}, "antara 1 dan"),
        ({"section": "1e9"}, "bilangan bulat"),
        ({"since": "kemarin"}, "tanggal dan jam"),
        # Calendar edges: a window before year 1 or after 9999 cannot be computed.
        ({"until": "0001-01-01T00:00:00Z"}, "antara tahun 1900 dan 9000"),
        ({"until": "0001-01-01T00:00:00+14:00"}, "antara tahun 1900 dan 9000"),
        ({"since": "9999-12-31T23:59:59-12:00"}, "antara tahun 1900 dan 9000"),
        ({"since": "1899-12-31T23:59:59Z"}, "antara tahun 1900 dan 9000"),
        ({"since": "2026-11-20T00:00:00", "days": "3"}, "jangan keduanya"),
        ({"kind": "rumor"}, "kind"),
        ({"lat": "200"}, "tidak dikenal"),
    ],
)
def test_bad_parameters_are_refused_with_a_message_in_indonesian(params, message):
    with pytest.raises(BadMapQuery, match=message):
        parse(**params)
