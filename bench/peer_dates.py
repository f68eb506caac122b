#!/usr/bin/env python3
"""Vietnamese date cases of public peers' test suites, read by newsline.

    python3 bench/peer_dates.py --duckling /work/.mirror/facebook+duckling/repo \
        --dateparser /work/.mirror/scrapinghub+dateparser/repo \
        [--newsline target/release/newsline] [--json] [--list]

The peers' repositories are read where they are, as git snapshots (`git --git-dir PATH show
HEAD:FILE`); nothing of theirs is copied into this repository. The cases:

- Duckling, Duckling/Time/VI/Corpus.hs: every example whose grain is a day, week, month or
  year (datetime or interval), resolved from Duckling's reference time 2017-02-02 03:55, and
  the negative corpus (no date). Hour, minute, second and quarter grains are left out.
- dateparser, tests/test_languages.py: the Vietnamese `param("vi", TEXT, TRANSLATION)` cases
  whose translation names a day, week, month or year ("thursday 8 january 2015", "1 day ago",
  "15 month ago", "in 1 week", "2 week 3 day"), resolved from the same reference date; hour
  grains ("21 giờ trước") are left out. tests/test_search.py: every Vietnamese
  search_parse case, each expected substring with its date.

Each text becomes the body of one article (published on the reference date, when the case
has one; below six blank lines, since newsline reads a short dated line at the top of a page
as its dateline, not as an event) and goes through `newsline events`; a case is right when an event of its text has exactly the
expected value (a day 2017-02-06, a week 2017-01-30/2017-02-05, a month 2017-06, a year
2017); a span of months or years newsline writes at its precision ("2017-03/2017-05") is
the same span as the peer's days from its first to its last ("2017-03-01/2017-05-31").
Printed: accuracy overall and per kind, and every miss with the reason where a
convention differs: Duckling resolves toward the future (an assistant sets reminders),
news toward the past ("tháng 6" in a February article is last June, "giáng sinh" last
Christmas); Duckling and dateparser read durations without a direction and seasons ("mùa
hè này", "2 tuần 3 ngày") as dates, news reads them as no event (a window with its
direction, "3 ngày tới", "2 tháng qua", is a span to both, and a miss there is a miss);
dateparser reads "tuần sau" as the day a week on,
newsline as next week's Monday to Sunday; a bare "7/3" with no cue word around it is no
date to newsline (in news it is as often a ratio or a score). Such misses are also counted apart ("agrees but
for the convention"), never bent into agreement.
"""

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import OrderedDict, defaultdict

REF = dt.date(2017, 2, 2)
# Six blank lines: the case is body text, not one of the top lines that may be a dateline.
BODY = "\n" * 6
GRAINS = {"Day", "Week", "Month", "Year"}


def git_show(repo, path):
    return subprocess.run(
        ["git", "--git-dir", repo, "show", f"HEAD:{path}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def value_of(y, m, d, grain):
    if grain == "Day":
        return f"{y:04d}-{m:02d}-{d:02d}"
    if grain == "Week":
        start = dt.date(y, m, d)
        return f"{start}/{start + dt.timedelta(days=6)}"
    if grain == "Month":
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}"


def duckling_kind(text, grain, interval):
    t = text.lower()
    if interval:
        # A window next to the reference time has its direction written; a season has not.
        if re.search(r"tới|tiếp theo|qua|vừa rồi|gần đây", t):
            return "relative window"
        return "duration or season"
    if re.search(r"giáng sinh|noel|quốc khánh|valentine", t):
        return "holiday"
    if grain == "Week":
        return "week"
    if grain == "Year":
        return "relative year"
    if grain == "Month":
        if re.search(r"trước|sau|tới|tiếp|này", t):
            return "relative month"
        return "month"
    if re.search(r"thứ|chủ nhật|chúa nhật", t):
        if re.search(r"\d{1,2}/\d|tháng", t):
            return "weekday with its date"
        return "weekday"
    if re.search(r"\d|tháng", t):
        return "day and month"
    return "relative day"


def duckling_cases(repo):
    src = git_show(repo, "Duckling/Time/VI/Corpus.hs")
    cases = []
    block = re.compile(
        r"examples\s*\((datetime|datetimeInterval)\s*(\(.*?\))\s*(\w+)\)\s*\[(.*?)\]",
        re.S,
    )
    for kind, args, grain, body in block.findall(src):
        if grain not in GRAINS:
            continue
        texts = re.findall(r'"((?:[^"\\]|\\.)*)"', body)
        numbers = [int(n) for n in re.findall(r"-?\d+", args)]
        if kind == "datetime":
            y, m, d = numbers[:3]
            value = value_of(y, m, d, grain)
        else:
            start = dt.date(*numbers[:3])
            end = dt.date(*numbers[6:9]) - dt.timedelta(days=1)
            value = f"{start}/{end}"
        for t in texts:
            cases.append(
                {
                    "peer": "duckling",
                    "text": t,
                    "published": str(REF),
                    "value": value,
                    "kind": duckling_kind(t, grain, kind != "datetime"),
                }
            )
    neg = re.search(r"negativeCorpus.*?examples\s*=\s*\[(.*?)\]", src, re.S)
    if neg:
        for t in re.findall(r'"((?:[^"\\]|\\.)*)"', neg.group(1)):
            cases.append(
                {"peer": "duckling", "text": t, "published": str(REF), "value": None, "kind": "no date"}
            )
    return cases


MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}


def translation_value(tr):
    """A dateparser translation as (value, kind), or None for hour grains."""
    tr = tr.lower()
    m = re.search(r"(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})", tr)
    if m:
        return f"{int(m[3]):04d}-{MONTHS[m[2]]:02d}-{int(m[1]):02d}", "day and month"
    m = re.search(r"(\d{2})/(\d{2})/(\d{4})", tr)
    if m:
        return f"{m[3]}-{m[2]}-{m[1]}", "day and month"
    if re.search(r"\b(hour|minute|second)\b", tr):
        return None
    m = re.fullmatch(r"(\d+) day ago.*", tr)
    if m:
        return str(REF - dt.timedelta(days=int(m[1]))), "relative day"
    m = re.fullmatch(r"(\d+) month ago", tr)
    if m:
        total = REF.year * 12 + REF.month - 1 - int(m[1])
        return f"{total // 12:04d}-{total % 12 + 1:02d}", "relative month"
    m = re.fullmatch(r"in (\d+) week", tr)
    if m:
        return str(REF + dt.timedelta(days=7 * int(m[1]))), "week"
    m = re.fullmatch(r"(\d+) week (\d+) day", tr)
    if m:
        return str(REF - dt.timedelta(days=7 * int(m[1]) + int(m[2]))), "duration or season"
    raise ValueError(f"unread translation {tr!r}")


def python_strings(s):
    """The Python string literals of `s`, joined as Python joins adjacent ones."""
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', s))


def dateparser_cases(repo):
    cases = []
    src = git_show(repo, "tests/test_languages.py")
    for m in re.finditer(r'param\(\s*"vi",\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\s*\)', src):
        read = translation_value(m[2])
        if read is None:
            continue
        value, kind = read
        cases.append(
            {"peer": "dateparser", "text": m[1], "published": str(REF), "value": value, "kind": kind}
        )
    src = git_show(repo, "tests/test_search.py")
    item = re.compile(r'\(\s*"((?:[^"\\]|\\.)*)",\s*datetime\.datetime\((\d+),\s*(\d+),\s*(\d+)')
    for m in re.finditer(r'param\(\s*"vi",\s*((?:"(?:[^"\\]|\\.)*"\s*)+),\s*\[(.*?)\]\s*,?', src, re.S):
        text = python_strings(m[1])
        for sub, y, mo, d in item.findall(m[2]):
            if "ngày" in sub or "/" in sub:
                value, kind = f"{int(y):04d}-{int(mo):02d}-{int(d):02d}", "day and month"
            elif "tháng" in sub:
                value, kind = f"{int(y):04d}-{int(mo):02d}", "month"
            else:
                value, kind = f"{int(y):04d}", "year"
            cases.append(
                {"peer": "dateparser", "text": text, "published": None, "value": value,
                 "kind": "in running text: " + kind, "mention": sub}
            )
    return cases


def run_newsline(binary, cases):
    """The values newsline finds in each distinct (text, published), by case index."""
    keys = OrderedDict()
    for c in cases:
        keys.setdefault((c["text"], c["published"]), f"t{len(keys)}")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "cases.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for (text, published), key in keys.items():
                # The body of an article, below the page's top lines: newsline reads a short
                # line with a date at the top of a page ("Thứ Tư, 07/01/2015 | 22:34") as its
                # dateline, the page's publication date, and no event.
                line = {"id": key, "text": BODY + text}
                if published:
                    line["published"] = published
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
        # Each case is its own article: merging would fold cases with the same date into one
        # happening reported under the first case's id.
        out = subprocess.run(
            [binary, "events", "--no-merge", path], check=True, capture_output=True, text=True
        ).stdout
    found = defaultdict(list)
    for line in out.splitlines():
        e = json.loads(line)
        found[e["id"]].append(e["date"] + ("/" + e["end"] if e.get("end") else ""))
    return [found.get(keys[(c["text"], c["published"])], []) for c in cases]


DATEPARSER_RUN = r"""
import datetime as dt, json, sys
from dateparser.search import search_dates
for line in sys.stdin:
    c = json.loads(line)
    base = dt.datetime.fromisoformat(c["published"] + "T03:55") if c["published"] else None
    settings = {"RELATIVE_BASE": base} if base else {}
    try:
        hits = search_dates(c["text"], languages=["vi"], settings=settings) or []
    except Exception:
        hits = []
    print(json.dumps([h[1].date().isoformat() for h in hits]))
"""


def day_span(value):
    """The first and last day of a value (a day, month, year or START/END of them)."""
    def first_last(v):
        parts = [int(p) for p in v.split("-")]
        if len(parts) == 3:
            d = dt.date(*parts)
            return d, d
        if len(parts) == 2:
            y, m = parts
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return dt.date(y, m, 1), nxt - dt.timedelta(days=1)
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)

    try:
        a, _, b = value.partition("/")
        return first_last(a)[0], first_last(b or a)[1]
    except ValueError:
        return None


def matches(expected, values):
    """Whether some found value is the expected one, a span compared by its days."""
    if expected in values:
        return True
    if "/" not in expected:
        return False
    want = day_span(expected)
    return any("/" in v and day_span(v) == want for v in values)


def at_grain(day, expected):
    """A peer's day at the grain of the expected value (a week as its Monday to Sunday)."""
    if expected is None or "/" in expected and len(expected.split("/")[0]) != 10:
        return day
    d = dt.date.fromisoformat(day)
    if "/" in expected:
        start = d - dt.timedelta(days=d.weekday())
        return f"{start}/{start + dt.timedelta(days=6)}"
    return day[: len(expected)]


def run_dateparser(python, cases):
    """What dateparser finds in each case's text, at the case's grain (scratch venv only)."""
    lines = "".join(
        json.dumps({"text": c["text"], "published": c["published"]}, ensure_ascii=False) + "\n"
        for c in cases
    )
    out = subprocess.run(
        [python, "-c", DATEPARSER_RUN], input=lines, check=True, capture_output=True, text=True
    ).stdout
    return [
        [at_grain(d, c["value"]) for d in json.loads(line)]
        for c, line in zip(cases, out.splitlines())
    ]


def shift_year(value, years):
    m = re.fullmatch(r"(\d{4})(-\d{2}(?:-\d{2})?)", value or "")
    return f"{int(m[1]) + years:04d}{m[2]}" if m else None


def convention(case, values):
    """Why a miss is a matter of convention, or None."""
    v = case["value"]
    if v is None:
        return None
    if case["kind"] == "duration or season":
        return "a duration or season is no event in news"
    if re.fullmatch(r"\d{1,2}/\d{1,2}", case["text"].strip()) and not values:
        return "a bare day/month with no cue word may be a ratio or a score to news"
    if shift_year(v, -1) in values:
        return "the peer resolves ahead, news resolves back (a year earlier)"
    if len(v) == 10:
        d = dt.date.fromisoformat(v)
        if str(d - dt.timedelta(days=7)) in values:
            return "the peer resolves ahead, news resolves back (a week earlier)"
        for x in values:
            if "/" in x:
                a, b = x.split("/")
                if a <= v <= b and case["kind"] == "week":
                    return "the peer reads a day a week on, news the next Monday-Sunday week"
    return None


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--duckling", required=True, help="git directory of facebook/duckling")
    p.add_argument("--dateparser", required=True, help="git directory of scrapinghub/dateparser")
    p.add_argument("--newsline", default="target/release/newsline")
    p.add_argument("--json", action="store_true", help="every case as JSON lines")
    p.add_argument("--list", action="store_true", help="list every miss")
    p.add_argument(
        "--peer-python",
        help="a Python with dateparser installed (a scratch venv): score dateparser instead",
    )
    a = p.parse_args(argv)
    cases = duckling_cases(a.duckling) + dateparser_cases(a.dateparser)
    if a.peer_python:
        found = run_dateparser(a.peer_python, cases)
    else:
        found = run_newsline(a.newsline, cases)
    per = defaultdict(lambda: [0, 0, 0])
    for c, values in zip(cases, found):
        c["found"] = values
        c["right"] = (not values) if c["value"] is None else matches(c["value"], values)
        # The conventions named are newsline's; a peer is scored exactly.
        c["convention"] = None if c["right"] or a.peer_python else convention(c, values)
        for key in ("all", c["peer"], f'{c["peer"]}: {c["kind"]}'):
            per[key][0] += 1
            per[key][1] += c["right"]
            per[key][2] += c["right"] or c["convention"] is not None
    if a.json:
        for c in cases:
            print(json.dumps(c, ensure_ascii=False))
        return 0
    reader = "dateparser" if a.peer_python else "newsline"
    extra = "" if a.peer_python else f" {'but for convention':>19}"
    print(f"{reader + ' on cases':<58} {'n':>4} {'exact':>7}{extra}")
    for key in sorted(per, key=lambda k: (k != "all", k.split(":")[0], k)):
        n, right, conv = per[key]
        extra = "" if a.peer_python else f" {conv / n:>19.1%}"
        print(f"{key:<58} {n:>4} {right / n:>7.1%}{extra}")
    if a.list:
        print("\nmisses:")
        for c in cases:
            if not c["right"]:
                why = c["convention"] or "miss"
                print(f'  [{c["peer"]}] {c["text"]!r}: expected {c["value"]}, found {c["found"]} ({why})')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
