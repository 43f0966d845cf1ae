#!/usr/bin/env python3
"""Writes N declared military activities (CSV for `attache csbm import`) spread over one
year and all 57 OSCE participating states, deterministically (seeded). Sizes follow a
long tail: most below the notification thresholds, some notifiable, a few large, so the
check has every kind of finding to make.

    gen_csbm.py N YEAR > activities.csv
"""
import csv
import datetime
import json
import random
import sys
from pathlib import Path

n, year = int(sys.argv[1]), int(sys.argv[2])
orgs = json.loads((Path(__file__).parent.parent / "data/reference/organisations.json").read_text())
states = next(o for o in orgs if o["code"] == "OSCE")["members"]
# Territory in the zone of application: not the United States, Canada or Mongolia.
hosts = [s for s in states if s not in ("USA", "CAN", "MNG")]
rng = random.Random(2027)
kinds = ["land_exercise"] * 6 + ["amphibious_landing", "parachute_assault", "transfer", "concentration"]
out = csv.writer(sys.stdout)
out.writerow(["reference", "name", "kind", "start_date", "end_date", "host", "participants",
              "area", "troops", "battle_tanks", "acvs", "artillery", "sorties", "alert",
              "notified_on", "calendared_on"])
jan1 = datetime.date(year, 1, 1)
for i in range(n):
    host = hosts[i % len(hosts)]
    guest = states[(i * 7) % len(states)]
    start = jan1 + datetime.timedelta(days=rng.randrange(365))
    end = start + datetime.timedelta(days=rng.randrange(1, 15))
    troops = int(rng.paretovariate(1.3) * 2000)
    notified = start - datetime.timedelta(days=rng.choice([60, 50, 42, 41, 30]))
    calendared = datetime.date(year - rng.choice([1, 1, 1, 2, 0]), 11, rng.choice([1, 15, 20]))
    out.writerow([f"BENCH-{i:05d}", f"Exercise {i}", rng.choice(kinds), start, end, host,
                  f"{host};{guest}", "bench area", troops, rng.randrange(0, 320),
                  rng.randrange(0, 520), rng.randrange(0, 260), rng.randrange(0, 220),
                  "yes" if rng.random() < 0.02 else "no", notified if rng.random() < 0.9 else "",
                  calendared if rng.random() < 0.8 else ""])
