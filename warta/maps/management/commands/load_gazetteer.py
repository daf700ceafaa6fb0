"""Load Indonesia's provinces, regencies/cities and districts into the gazetteer."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from warta.maps.gazetteer import display_name, fold
from warta.maps.models import GazetteerPlace

PACKAGE = "territory-indonesia"
LEVELS = {"province": 1, "regency": 2, "district": 3}


class Command(BaseCommand):
    help = (
        "Load the gazetteer (provinces, regencies/cities, districts with coordinates) from "
        f"the pinned npm package {PACKAGE}; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--data-dir",
            default=str(settings.NODE_MODULES / PACKAGE / "data"),
            help="Folder with provinces.json, regencies.json and districts.json.",
        )

    def read(self, data_dir, name):
        try:
            with open(f"{data_dir}/{name}.json", encoding="utf-8") as file:
                return json.load(file)
        except FileNotFoundError:
            raise CommandError(
                f"{data_dir}/{name}.json not found: run `make install` (npm ci) first."
            ) from None

    def handle(self, *args, data_dir, **options):
        provinces = {row["id"]: row for row in self.read(data_dir, "provinces")}
        regencies = {row["id"]: row for row in self.read(data_dir, "regencies")}
        districts = self.read(data_dir, "districts")
        places = []
        skipped = 0

        def add(kind, code, name, regency, province, row):
            nonlocal skipped
            if row.get("latitude") is None or row.get("longitude") is None:
                skipped += 1  # a few districts in the package have no point
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

        for code, row in provinces.items():
            add("province", code, display_name(row["name"]), "", display_name(row["name"]), row)
        self.stderr.write(f"{len(provinces)} provinces")
        for code, row in regencies.items():
            province = display_name(provinces[row["province_id"]]["name"])
            add("regency", code, display_name(row["name"]), "", province, row)
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
            )
        self.stderr.write(f"{len(districts)} districts ({skipped} without coordinates skipped)")
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
