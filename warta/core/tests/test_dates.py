from datetime import datetime

from django.utils import translation

from warta.core.dates import local_datetime

SEED_TIME = datetime.fromisoformat("2021-12-31T01:15:00+00:00")


def test_bali_time_is_written_out_in_indonesian_with_wita():
    with translation.override("id"):
        assert local_datetime(SEED_TIME, "Asia/Makassar") == "Jumat, 31 Desember 2021 09.15 WITA"


def test_papua_time_is_an_hour_later_and_labelled_wit():
    with translation.override("id"):
        assert local_datetime(SEED_TIME, "Asia/Jayapura") == "Jumat, 31 Desember 2021 10.15 WIT"


def test_jakarta_time_crosses_midnight_backwards_and_is_labelled_wib():
    early = datetime.fromisoformat("2022-01-01T16:30:00+00:00")
    with translation.override("id"):
        assert local_datetime(early, "Asia/Jakarta") == "Sabtu, 1 Januari 2022 23.30 WIB"


def test_english_keeps_the_zone_label():
    with translation.override("en"):
        assert local_datetime(SEED_TIME, "Asia/Makassar") == "Friday, 31 December 2021 09.15 WITA"
