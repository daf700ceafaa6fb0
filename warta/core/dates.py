"""Times as readers in each zone expect them: "Jumat, 31 Desember 2021 09.15 WITA".

Times are stored in UTC; a site renders them in its own zone with the zone's
Indonesian abbreviation rather than a UTC offset.
"""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

ZONE_LABELS = {
    "Asia/Jakarta": "WIB",
    "Asia/Pontianak": "WIB",
    "Asia/Makassar": "WITA",
    "Asia/Jayapura": "WIT",
}

ZONE_CHOICES = [
    ("Asia/Jakarta", _("Western Indonesia Time (WIB, UTC+7)")),
    ("Asia/Pontianak", _("Western Indonesia Time, Pontianak (WIB, UTC+7)")),
    ("Asia/Makassar", _("Central Indonesia Time (WITA, UTC+8)")),
    ("Asia/Jayapura", _("Eastern Indonesia Time (WIT, UTC+9)")),
]

# Day, date, then 24-hour time with a dot, as Indonesian papers print it.
DATETIME_FORMAT = "l, j F Y H.i"


def zone_label(zone_name):
    return ZONE_LABELS.get(zone_name, zone_name)


def local_datetime(value, zone_name):
    """`value` (an aware datetime) in `zone_name`, written out with the zone's label."""
    local = timezone.localtime(value, ZoneInfo(zone_name))
    return f"{date_format(local, DATETIME_FORMAT)} {zone_label(zone_name)}"
