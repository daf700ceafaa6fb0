"""Load Indonesia's provinces, regencies/cities and districts into the gazetteer.

The data files are the package's own, copied at install into settings.BUILD_DIR;
the bad points are checked here, at load, rather than at build: the load's report
says what was corrected or left out, and `--data-dir` may still point at any copy
of the package's data, which then goes through the same checks.
"""

import json
import statistics

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from warta.maps.gazetteer import display_name, distance_km, fold
from warta.maps.models import GazetteerPlace

PACKAGE = "territory-indonesia"
# bin/build_assets.py copies the package's data files here at install time.
DATA_DIR = "gazetteer"
LEVELS = {"province": 1, "regency": 2, "district": 3}
# The package's points were geocoded by name, and some landed in a namesake
# far away (a Kalimantan district at Denpasar's point, DKI Jakarta's province
# point in Kalimantan). Checked against the middle (median) of the points
# below them, which a few wrong ones cannot move:
# - a province point this far from the middle of its regencies is replaced by it;
PROVINCE_MAX_KM = 300
# - a regency this far from the middle of its province's regencies, or a
#   district this far from its regency's point, is left out rather than
#   answer a reverse look-up wrongly (Papua's regencies span about 800 km).
MAX_KM_FROM_PARENT = {"regency": 900, "district": 250}


def point(row):
    return row["latitude"], row["longitude"]


def middle(rows):
    return {
        "latitude": statistics.median(row["latitude"] for row in rows),
        "longitude": statistics.median(row["longitude"] for row in rows),
    }


class Command(BaseCommand):
    help = (
        "Load the gazetteer (provinces, regencies/cities, districts with coordinates) from "
        f"the pinned npm package {PACKAGE}, as `make install` builds it; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            default=str(settings.BUILD_DIR / DATA_DIR),
            help="Folder with provinces.json, regencies.json and districts.json.",
        )

    def read(self, data_dir, name):
        try:
            with open(f"{data_dir}/{name}.json", encoding="utf-8") as file:
                return json.load(file)
        except FileNotFoundError:
            raise CommandError(
                f"{data_dir}/{name}.json not found: run `make install` first."
            ) from None

    def handle(self, *args, data_dir, **options):
        provinces = {row["id"]: row for row in self.read(data_dir, "provinces")}
        regencies = {row["id"]: row for row in self.read(data_dir, "regencies")}
        districts = self.read(data_dir, "districts")
        places = []
        skipped = misplaced = 0

        def add(kind, code, name, regency, province, row, parent=None):
            nonlocal skipped, misplaced
            if row.get("latitude") is None or row.get("longitude") is None:
                skipped += 1  # a few districts in the package have no point
                return
            too_far = MAX_KM_FROM_PARENT.get(kind, 0)
            if parent is not None and distance_km(*point(row), *point(parent)) > too_far:
                misplaced += 1
                return
            places.append(
                GazetteerPlace(
                    code=code,
                    kind=kind,
                    level=LEVELS[kind],
                    name=name,
                    regency=regency,
                    province=province,
                    latitude=row["latitude"],
                    longitude=row["longitude"],
                    search_name=fold(name),
                )
            )

        middles = {
            code: middle([r for r in regencies.values() if r["province_id"] == code])
            for code in provinces
        }
        for code, row in provinces.items():
            if distance_km(*point(row), *point(middles[code])) > PROVINCE_MAX_KM:
                row = {**row, **middles[code]}
            add("province", code, display_name(row["name"]), "", display_name(row["name"]), row)
        self.stderr.write(f"{len(provinces)} provinces")
        for code, row in regencies.items():
            province = display_name(provinces[row["province_id"]]["name"])
            add(
                "regency",
                code,
                display_name(row["name"]),
                "",
                province,
                row,
                middles[row["province_id"]],
            )
        self.stderr.write(f"{len(regencies)} regencies and cities")
        for row in districts:
            regency = regencies[row["regency_id"]]
            province = display_name(provinces[regency["province_id"]]["name"])
            add(
                "district",
                row["id"],
                display_name(row["name"]),
                display_name(regency["name"]),
                province,
                row,
                regency,
            )
        self.stderr.write(
            f"{len(districts)} districts; left out: {skipped} without a point, "
            f"{misplaced} too far from their regency or province"
        )
        with transaction.atomic():
            GazetteerPlace.objects.bulk_create(
                places,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["code"],
                update_fields=[
                    "kind",
                    "level",
                    "name",
                    "regency",
                    "province",
                    "latitude",
                    "longitude",
                    "search_name",
                ],
            )
            stale = GazetteerPlace.objects.exclude(code__in=[place.code for place in places])
            removed, _ = stale.delete()
        self.stdout.write(f"Gazetteer: {len(places)} places loaded, {removed} stale removed.")
