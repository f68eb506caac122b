#!/usr/bin/env python3
"""Validate newsline date-gold files (JSON lines).

Usage: python3 check.py dev.jsonl [heldout.jsonl ...]

Checks every line parses, ids are unique across all files, required fields
are present, every dates[].text and not_dates[] string occurs verbatim in
"text", values are well-formed calendar values of the granularity the form
implies, "--" (yearless) values appear only when "published" is absent, and
roles agree with the publication date (reported/background on or before it,
planned after it). Prints counts per form, role and register, the number of
negatives and the number of passages without "published".
Exits 1 if any problem is found. Standard library only.
"""
import datetime
import json
import re
import sys
from collections import Counter

REGISTERS = ["wire", "online", "broadcast", "overseas", "brief", "release", "opinion"]
ROLES = ["reported", "planned", "background"]
FORMS = [
    "dm_slash", "dm_dot", "dm_dash", "dmy", "spelled", "month_name", "mong",
    "month_year", "month", "year", "range", "relative_day", "relative_month",
    "relative_year", "weekday", "week", "following", "explicit_over_relative",
    "time_and_date", "window", "holiday",
]
# granularity each form must resolve to
DAY_FORMS = {"dm_slash", "dm_dot", "dm_dash", "dmy", "spelled", "mong",
             "relative_day", "weekday", "following", "explicit_over_relative",
             "time_and_date", "holiday"}
MONTH_FORMS = {"month_year", "month", "month_name", "relative_month"}
YEAR_FORMS = {"year", "relative_year"}
RANGE_FORMS = {"range", "week"}
# a window of days, months or years ("3 ngày tới", "2 tháng qua", "10 năm qua") is a span of
# its unit, or the unit alone when it counts one
WINDOW_FORMS = {"window"}
# light shape checks on the written form
SHAPE = {
    "dm_slash": re.compile(r"\d{1,2}/\d{1,2}(?![/\d])"),
    "dm_dot": re.compile(r"\d{1,2}\.\d{1,2}(?![.\d])"),
    "dm_dash": re.compile(r"\d{1,2}-\d{1,2}(?![-\d])"),
    "dmy": re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-](\d{4}|\d{2})(?!\d)"),
    "month_year": re.compile(r"\d{4}"),
    "year": re.compile(r"\d{4}"),
    "mong": re.compile(r"(?i)(m[ồôo]ng|m[ùu]ng)"),
}

RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
RE_YEAR = re.compile(r"^(\d{4})$")
RE_YL_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
RE_YL_MONTH = re.compile(r"^--(\d{2})$")


def parse_single(v):
    """Return (kind, yearless, key) where key is a comparable tuple, or None."""
    m = RE_DAY.match(v)
    if m:
        try:
            datetime.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return ("day", False, (int(m[1]), int(m[2]), int(m[3])))
    m = RE_MONTH.match(v)
    if m and 1 <= int(m[2]) <= 12:
        return ("month", False, (int(m[1]), int(m[2])))
    m = RE_YEAR.match(v)
    if m:
        return ("year", False, (int(m[1]),))
    m = RE_YL_DAY.match(v)
    if m:
        try:
            datetime.date(2000, int(m[1]), int(m[2]))  # leap year: allows --02-29
        except ValueError:
            return None
        return ("day", True, (int(m[1]), int(m[2])))
    m = RE_YL_MONTH.match(v)
    if m and 1 <= int(m[1]) <= 12:
        return ("month", True, (int(m[1]),))
    return None


def parse_value(v):
    """Return (kind, yearless, start_key, end_key) or None; a span of days is "range", one of
    months or years "month range" or "year range"."""
    if "/" in v:
        parts = v.split("/")
        if len(parts) != 2:
            return None
        a, b = parse_single(parts[0]), parse_single(parts[1])
        if not a or not b or a[0] != b[0] or a[1] != b[1]:
            return None
        if a[0] != "day" and a[1]:
            return None
        if not a[1] and a[2] >= b[2]:
            return None
        if a[1] and a[2] == b[2]:
            return None
        return ("range" if a[0] == "day" else a[0] + " range", a[1], a[2], b[2])
    s = parse_single(v)
    if not s:
        return None
    return (s[0], s[1], s[2], s[2])


def pub_key(pub, kind):
    p = datetime.date.fromisoformat(pub)
    if kind == "day":
        return (p.year, p.month, p.day)
    if kind == "month":
        return (p.year, p.month)
    return (p.year,)


def check_files(paths):
    errors = []
    seen_ids = {}
    totals = {}

    def err(where, msg):
        errors.append(f"{where}: {msg}")

    for path in paths:
        c = {"form": Counter(), "role": Counter(), "register": Counter(),
             "passages": 0, "dates": 0, "negatives": 0, "no_published": 0,
             "no_dates": 0}
        totals[path] = c
        try:
            fh = open(path, encoding="utf-8")
        except OSError as e:
            err(path, f"cannot open: {e}")
            continue
        with fh:
            for ln, line in enumerate(fh, 1):
                where = f"{path}:{ln}"
                if not line.strip():
                    err(where, "empty line")
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as e:
                    err(where, f"invalid JSON: {e}")
                    continue
                if not isinstance(obj, dict):
                    err(where, "not an object")
                    continue
                pid = obj.get("id")
                if not isinstance(pid, str) or not pid:
                    err(where, "missing id")
                else:
                    where = f"{path}:{ln} ({pid})"
                    if pid in seen_ids:
                        err(where, f"duplicate id (also {seen_ids[pid]})")
                    seen_ids[pid] = f"{path}:{ln}"
                extra = set(obj) - {"id", "register", "published", "text", "dates", "not_dates"}
                if extra:
                    err(where, f"unknown fields {sorted(extra)}")
                c["passages"] += 1
                reg = obj.get("register")
                if reg not in REGISTERS:
                    err(where, f"bad register {reg!r}")
                c["register"][reg] += 1
                text = obj.get("text")
                if not isinstance(text, str) or not text.strip():
                    err(where, "missing text")
                    text = ""
                pub = obj.get("published")
                if "published" in obj:
                    if not isinstance(pub, str) or not RE_DAY.match(pub) or parse_single(pub) is None:
                        err(where, f"bad published {pub!r}")
                        pub = None
                else:
                    c["no_published"] += 1
                dates = obj.get("dates")
                if not isinstance(dates, list):
                    err(where, "dates must be a list")
                    dates = []
                if not dates:
                    c["no_dates"] += 1
                for i, dd in enumerate(dates):
                    w = f"{where} dates[{i}]"
                    if not isinstance(dd, dict) or set(dd) != {"text", "value", "form", "role"}:
                        err(w, "needs exactly text, value, form, role")
                        continue
                    t, v, f, r = dd["text"], dd["value"], dd["form"], dd["role"]
                    c["dates"] += 1
                    c["form"][f] += 1
                    c["role"][r] += 1
                    if not isinstance(t, str) or not t or t not in text:
                        err(w, f"text {t!r} not found verbatim")
                    if f not in FORMS:
                        err(w, f"bad form {f!r}")
                    if r not in ROLES:
                        err(w, f"bad role {r!r}")
                    if f in SHAPE and isinstance(t, str) and not SHAPE[f].search(t):
                        err(w, f"text {t!r} does not look like form {f}")
                    pv = parse_value(v) if isinstance(v, str) else None
                    if pv is None:
                        err(w, f"bad value {v!r}")
                        continue
                    kind, yearless, start, end = pv
                    want = ("day" if f in DAY_FORMS else "month" if f in MONTH_FORMS
                            else "year" if f in YEAR_FORMS else "range" if f in RANGE_FORMS
                            else None)
                    if f in WINDOW_FORMS:
                        want = kind if kind.endswith("range") or kind in ("day", "month", "year") else "range"
                    if want and kind != want:
                        err(w, f"form {f} needs a {want} value, got {v!r}")
                    if yearless and "published" in obj:
                        err(w, f"yearless value {v!r} although published is given")
                    if pub and not yearless and r in ROLES:
                        ck = "day" if kind == "range" else kind.split()[0]
                        pk = pub_key(pub, ck)
                        if r in ("reported", "background") and start > pk:
                            err(w, f"{r} date {v} starts after published {pub}")
                        if r == "planned" and ck == "day" and end <= pk:
                            err(w, f"planned date {v} not after published {pub}")
                        if r == "planned" and ck != "day" and end < pk:
                            err(w, f"planned date {v} before published {pub}")
                nd = obj.get("not_dates")
                if not isinstance(nd, list):
                    err(where, "not_dates must be a list")
                    nd = []
                for j, s in enumerate(nd):
                    if not isinstance(s, str) or not s or s not in text:
                        err(f"{where} not_dates[{j}]", f"{s!r} not found verbatim")
                    else:
                        c["negatives"] += 1
                if len(set(x for x in nd if isinstance(x, str))) != len(nd):
                    err(where, "duplicate not_dates entry")
    return errors, totals


def report(name, c):
    print(f"== {name}")
    print(f"passages {c['passages']}  gold dates {c['dates']}  negatives {c['negatives']}  "
          f"without published {c['no_published']}  without dates {c['no_dates']}")
    print("per form:     " + ", ".join(f"{k}={c['form'][k]}" for k in FORMS))
    print("per role:     " + ", ".join(f"{k}={c['role'][k]}" for k in ROLES))
    print("per register: " + ", ".join(f"{k}={c['register'][k]}" for k in REGISTERS))


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    errors, totals = check_files(argv[1:])
    for name, c in totals.items():
        report(name, c)
    if errors:
        print(f"\n{len(errors)} problem(s):", file=sys.stderr)
        for e in errors:
            print("  " + e, file=sys.stderr)
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
