#!/usr/bin/env python3
"""Writes N synthetic activities in the interchange CSV format, for the import benchmark.

Every row is valid for a register initialised with `attache init --nation GBR`: known
partner codes (host included among two or three participants, GBR among them often),
the twelve categories, the seven statuses, standing-aim objectives, an asset for every ship
or aircraft visit, GBP/USD/EUR costs. The output is deterministic for a given seed.

    python3 bench/gen_activities.py -n 1000000 -o bench/out/activities.csv

Standard library only.
"""

import argparse
import csv
import datetime
import os
import random
import sys

COLUMNS = [
    "external_id", "title", "category", "status", "start_date", "end_date", "host",
    "participants", "location", "latitude", "longitude", "objectives", "assets",
    "cost_amount", "cost_currency", "classification", "releasable_to", "description",
    "outcome",
]

OUR_NATION = "GBR"

# Partner states, each with a place and its coordinates.
PLACES = {
    "AUS": ("Canberra", -35.28, 149.13), "BRA": ("Brasília", -15.79, -47.88),
    "BRN": ("Muara", 5.03, 115.07), "CAN": ("Ottawa", 45.42, -75.70),
    "CHL": ("Valparaíso", -33.05, -71.62), "DEU": ("Berlin", 52.52, 13.40),
    "DNK": ("Copenhagen", 55.68, 12.57), "EGY": ("Alexandria", 31.20, 29.92),
    "ESP": ("Rota", 36.62, -6.35), "EST": ("Tallinn", 59.44, 24.75),
    "FRA": ("Toulon", 43.12, 5.93), "GBR": ("Portsmouth", 50.80, -1.09),
    "GHA": ("Accra", 5.60, -0.19), "IDN": ("Jakarta", -6.21, 106.85),
    "IND": ("Mumbai", 19.08, 72.88), "ITA": ("Taranto", 40.47, 17.24),
    "JOR": ("Amman", 31.95, 35.93), "JPN": ("Yokosuka", 35.28, 139.67),
    "KEN": ("Mombasa", -4.04, 39.67), "KOR": ("Busan", 35.18, 129.08),
    "MYS": ("Lumut", 4.23, 100.63), "NGA": ("Lagos", 6.52, 3.38),
    "NLD": ("Den Helder", 52.96, 4.76), "NOR": ("Bergen", 60.39, 5.32),
    "NZL": ("Auckland", -36.85, 174.76), "OMN": ("Duqm", 19.67, 57.70),
    "PHL": ("Manila", 14.60, 120.98), "POL": ("Gdynia", 54.52, 18.53),
    "QAT": ("Doha", 25.29, 51.53), "SAU": ("Jeddah", 21.49, 39.19),
    "SGP": ("Changi Naval Base", 1.32, 104.01), "THA": ("Sattahip", 12.66, 100.90),
    "TUR": ("Istanbul", 41.01, 28.98), "UKR": ("Odesa", 46.48, 30.72),
    "USA": ("Norfolk", 36.85, -76.29), "VNM": ("Cam Ranh", 11.92, 109.16),
    "ZAF": ("Simon's Town", -34.19, 18.43),
}
STATES = sorted(PLACES)
OTHERS = [s for s in STATES if s != OUR_NATION]
ORGANISATIONS = ["NATO", "ASEAN", "OSCE", "EU", "AU"]

CATEGORIES = [
    "personnel_exchange", "ship_visit", "aircraft_visit", "high_level_engagement",
    "bilateral_meeting", "staff_talks", "training", "exercise", "regional_forum",
    "outreach", "csbm", "non_proliferation",
]
STATUSES = ["proposed", "planned", "approved", "completed", "assessed", "postponed", "cancelled"]
OBJECTIVES = [
    "build_trust", "dispel_hostility", "non_proliferation", "accountable_forces",
    "conflict_prevention", "security_sector_reform",
]
CURRENCIES = ["GBP", "USD", "EUR"]
SHIPS = ["HMS Albion", "HMS Dauntless", "HMS Enterprise", "HMS Kent", "HMS Northumberland",
         "HMS Richmond", "HMS Spey", "HMS Tamar", "HMS Trent", "RFA Argus"]
AIRCRAFT = ["Atlas", "Voyager", "Typhoon", "Poseidon", "Rivet Joint", "A400M"]
EVENTS = ["visit", "talks", "workshop", "course", "port call", "seminar", "exchange",
          "symposium", "conference", "consultations"]
OUTCOMES = ["", "", "Agreed follow-up staff talks.", "Good attendance; \"warm\" reception.",
            "Postponed by the host, to be rescheduled.", "Objectives met, report filed."]

FIRST_DAY = datetime.date(2015, 1, 1).toordinal()
DAYS = datetime.date(2030, 12, 31).toordinal() - FIRST_DAY


def row(i, rnd):
    """The i-th activity, drawn from the generator's random stream."""
    category = rnd.choice(CATEGORIES)
    # Two or three participants, the host among them; GBR takes part in most.
    size = rnd.choice((2, 2, 3))
    if rnd.random() < 0.7:
        members = [OUR_NATION] + rnd.sample(OTHERS, size - 1)
    else:
        members = rnd.sample(OTHERS, size)
    host = rnd.choice(members)
    participants = []
    for code in members:
        if code != host and rnd.random() < 0.15:
            code += rnd.choice((":observer", ":lead"))
        participants.append(code)
    if category == "regional_forum" and rnd.random() < 0.5:
        participants.append(rnd.choice(ORGANISATIONS) + ":observer")

    start = FIRST_DAY + rnd.randrange(DAYS)
    end = start + rnd.choice((0, 0, 1, 2, 3, 4, 7, 14))
    place, lat, lon = PLACES[host]
    if rnd.random() < 0.7:
        latitude, longitude = f"{lat + rnd.uniform(-0.05, 0.05):.4f}", f"{lon + rnd.uniform(-0.05, 0.05):.4f}"
    else:
        latitude = longitude = ""

    assets = []
    if category == "ship_visit" or (category == "exercise" and rnd.random() < 0.5):
        assets.append(f"{rnd.choice(SHIPS)} (F{rnd.randrange(70, 240)})")
    if category == "aircraft_visit":
        assets.append(f"{rnd.choice(AIRCRAFT)} ZZ{rnd.randrange(100, 999)}")

    if rnd.random() < 0.6:
        cost_amount = f"{rnd.randrange(500, 2_000_000)}.{rnd.randrange(100):02d}"
        cost_currency = rnd.choice(CURRENCIES)
    else:
        cost_amount = cost_currency = ""

    draw = rnd.random()
    classification = "official" if draw < 0.7 else "official_sensitive" if draw < 0.95 else "secret"
    releasable = sorted(rnd.sample(OTHERS, rnd.choice((0, 0, 1, 2))))

    event = rnd.choice(EVENTS)
    title = f"{category.replace('_', ' ').capitalize()}: {event} with {host}"
    return [
        f"bench-{i:07d}",
        title,
        category,
        rnd.choice(STATUSES),
        datetime.date.fromordinal(start).isoformat(),
        datetime.date.fromordinal(end).isoformat(),
        host,
        ";".join(participants),
        place,
        latitude,
        longitude,
        ";".join(sorted(rnd.sample(OBJECTIVES, rnd.choice((1, 1, 2, 3))))),
        ";".join(assets),
        cost_amount,
        cost_currency,
        classification,
        ";".join(releasable),
        f"{event.capitalize()} in {place}, {len(members)} nations, day {rnd.randrange(1, 9)} of the programme.",
        rnd.choice(OUTCOMES),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--rows", type=int,
                        default=int(os.environ.get("N", "1000000")),
                        help="how many activities (default: $N or 1,000,000)")
    parser.add_argument("-o", "--output", default="-", help="CSV file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=2027, help="random seed (default: 2027)")
    args = parser.parse_args()

    rnd = random.Random(args.seed)
    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="", encoding="utf-8")
    try:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for i in range(1, args.rows + 1):
            writer.writerow(row(i, rnd))
    finally:
        if out is not sys.stdout:
            out.close()


if __name__ == "__main__":
    main()
