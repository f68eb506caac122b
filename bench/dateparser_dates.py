#!/usr/bin/env python3
"""dateparser on the gold date files, scored as `newsline evaluate --events` scores newsline.

    python3 -m venv /tmp/dp-venv && /tmp/dp-venv/bin/pip install dateparser   # scratch only
    /tmp/dp-venv/bin/python bench/dateparser_dates.py --data tests/data/dates/dev.jsonl

dateparser is a peer, never a dependency of newsline: install it in a scratch virtual
environment. Each passage goes through `dateparser.search.search_dates(text,
languages=["vi"], settings={"RELATIVE_BASE": published})` (dateparser's default settings
otherwise). dateparser gives a date and time for every hit, with no precision, so two
measures are comparable:

- day and month: the gold day dates and ranges (not weeks), year aside, against the day and
  month of every hit (as newsline's, one to one);
- full days, with a publication date: gold day values (a range's first day) against every hit
  as a day, year included.
"""

import argparse
import datetime as dt
import json
import re
import sys

from dateparser.search import search_dates


def pair(gold, found):
    left = list(found)
    hits = 0
    for g in gold:
        if g in left:
            left.remove(g)
            hits += 1
    return hits


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data", required=True, nargs="+")
    a = p.parse_args(argv)
    tot = {k: 0 for k in ["dm_gold", "dm_found", "dm_hit", "day_gold", "day_found", "day_hit"]}
    for path in a.data:
        with open(path, encoding="utf-8") as f:
            for line in f:
                o = json.loads(line)
                settings = {}
                if o.get("published"):
                    settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(o["published"])
                try:
                    hits = search_dates(o["text"], languages=["vi"], settings=settings) or []
                except Exception:  # a peer's crash on one passage is no hit
                    hits = []
                values = [d["value"] if isinstance(d, dict) else d for d in o["dates"]]
                forms = [d.get("form") if isinstance(d, dict) else None for d in o["dates"]]
                first = [v.split("/")[0] for v in values]
                is_day = lambda v: re.fullmatch(r"(\d{4}|-)-\d{2}-\d{2}", v) is not None
                gold_dm = [v[-5:] for v, f in zip(first, forms) if f != "week" and is_day(v)]
                found = [h[1].date() for h in hits]
                found_dm = [d.strftime("%m-%d") for d in found]
                tot["dm_gold"] += len(gold_dm)
                tot["dm_found"] += len(found_dm)
                tot["dm_hit"] += pair(gold_dm, found_dm)
                if o.get("published"):
                    gold_days = [v for v, f in zip(first, forms) if f != "week" and is_day(v)]
                    found_days = [str(d) for d in found]
                    tot["day_gold"] += len(gold_days)
                    tot["day_found"] += len(found_days)
                    tot["day_hit"] += pair(gold_days, found_days)
    r = lambda h, n: h / n if n else 1.0
    print(f"dateparser on {', '.join(a.data)}")
    print(f"day and month:            recall {r(tot['dm_hit'], tot['dm_gold']):.3f}  precision {r(tot['dm_hit'], tot['dm_found']):.3f}"
          f"  (gold {tot['dm_gold']}, found {tot['dm_found']})")
    print(f"full days (with published): recall {r(tot['day_hit'], tot['day_gold']):.3f}  precision {r(tot['day_hit'], tot['day_found']):.3f}"
          f"  (gold {tot['day_gold']}, found {tot['day_found']})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
