#!/usr/bin/env python3
"""Validate the happenings gold files (python3 standard library only).

Usage: python3 check.py [--strict-dates] FILE.jsonl [FILE.jsonl ...]

Each line is one article:
  {"id", "title", "text", "published", "url", "outlet", "label", "happenings": [{"id", "date", "main"}]}

Happening id conventions (the "main" happening of an article decides its group):
  c01 / hc01      cluster: one happening told by 3-6 outlets
  nm01a / nm01b   near-miss pair: two different happenings, same day and topic (1-2 articles each)
  fu01 / hfu01    follow-up: a later development; lists an earlier cluster as background (main false)
  o01 / ho01      `other` article (noise), one article per happening
  anything else   background / planned happenings (never main), e.g. c01-bg1, c01-plan, bg-nd13

Checks (exit status 1 on any problem):
  * every line parses, required fields present with the right types, label valid,
    article ids unique, dates well formed, exactly one main happening per article;
  * the same happening id has the same date in every article (across all files given);
  * main ids follow the conventions; group sizes match EXPECTED (or the ranges above for unknown files);
  * every group has one label, distinct outlets, published >= the happening's first day;
  * near-miss halves share date and label; follow-ups cite an earlier cluster as background;
  * outlet -> URL host is consistent;
  * weekday names next to a date ("thứ Ba (4/6)") match the calendar;
  * heuristic: each listed happening's date is written in the text (absolute form, or
    hôm qua / hôm nay / weekday relative to "published"). A warning unless --strict-dates.
Prints clusters with sizes and outlets, near-miss pairs, follow-ups and counts per label.
"""
import datetime as dt
import json
import os
import re
import sys
import unicodedata
from collections import Counter, OrderedDict, defaultdict

LABELS = {"cybersecurity", "summits", "space", "other"}
REQUIRED = {"id": str, "title": str, "text": str, "published": str, "url": str,
            "outlet": str, "label": str, "happenings": list}

# intended group sizes per file (number of articles whose MAIN happening is the id)
EXPECTED = {
    "dev.jsonl": {
        "clusters": {"c01": 6, "c02": 4, "c03": 3, "c04": 5, "c05": 3, "c06": 4,
                     "c07": 5, "c08": 4, "c09": 3, "c10": 6, "c11": 3, "c12": 5,
                     "c13": 5, "c14": 3, "c15": 4, "c16": 5, "c17": 3, "c18": 4},
        "nearmiss": {"nm01a": 2, "nm01b": 2, "nm02a": 2, "nm02b": 1, "nm03a": 1,
                     "nm03b": 2, "nm04a": 2, "nm04b": 2, "nm05a": 1, "nm05b": 1},
        "followups": {"fu01": 2, "fu02": 2, "fu03": 2, "fu04": 1},
        "other": 15,
        "labels": {"cybersecurity": 6, "summits": 6, "space": 6},
    },
    "dev-2.jsonl": {
        "clusters": {"c19": 4, "c20": 4, "c21": 5, "c22": 3},
        "nearmiss": {"nm06a": 2, "nm06b": 1, "nm07a": 2, "nm07b": 1, "nm08a": 1,
                     "nm08b": 1, "nm09a": 1, "nm09b": 2, "nm10a": 2, "nm10b": 1,
                     "nm11a": 1, "nm11b": 1, "nm12a": 1, "nm12b": 2, "nm13a": 1,
                     "nm13b": 1},
        "followups": {},
        "other": 0,
        "labels": {"cybersecurity": 1, "summits": 2, "space": 1},
    },
    "heldout.jsonl": {
        "clusters": {"hc01": 5, "hc02": 4, "hc03": 3, "hc04": 4, "hc05": 3,
                     "hc06": 5, "hc07": 4, "hc08": 3},
        "nearmiss": {"hnm01a": 2, "hnm01b": 1, "hnm02a": 1, "hnm02b": 2,
                     "hnm03a": 1, "hnm03b": 1},
        "followups": {"hfu01": 1, "hfu02": 1},
        "other": 6,
        "labels": {"cybersecurity": 3, "summits": 3, "space": 2},
    },
}

KIND_RES = [
    ("cluster", re.compile(r"^h?c\d{2}$")),
    ("nearmiss", re.compile(r"^h?nm\d{2}[ab]$")),
    ("followup", re.compile(r"^h?fu\d{2}$")),
    ("other", re.compile(r"^h?o\d{2}$")),
]
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
ART_ID_RE = re.compile(r"^hp-[a-z]+-\d{3}$")

WEEKDAYS = ["thu hai", "thu ba", "thu tu", "thu nam", "thu sau", "thu bay", "chu nhat"]
TODAY_WORDS = ["hom nay", "sang nay", "trua nay", "chieu nay", "toi nay", "dem nay", "rang sang nay"]
YESTERDAY_WORDS = ["hom qua", "sang qua", "trua qua", "chieu qua", "toi qua", "dem qua"]

problems = []
warnings = []


def problem(msg):
    problems.append(msg)


def warn(msg):
    warnings.append(msg)


def kind_of(hid):
    for k, rx in KIND_RES:
        if rx.match(hid):
            return k
    return None


def parse_date_spec(s):
    """Return (first_day, last_day, precision) or None."""
    try:
        if "/" in s:
            a, b = s.split("/", 1)
            if not (DAY_RE.match(a) and DAY_RE.match(b)):
                return None
            da, db = dt.date.fromisoformat(a), dt.date.fromisoformat(b)
            if db <= da:
                return None
            return da, db, "range"
        if DAY_RE.match(s):
            d = dt.date.fromisoformat(s)
            return d, d, "day"
        if MONTH_RE.match(s):
            y, m = int(s[:4]), int(s[5:])
            first = dt.date(y, m, 1)
            nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1), "month"
    except ValueError:
        return None
    return None


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.lower()


def has_diacritics(s):
    return fold(s) != s.lower()


RANGE_RX = re.compile(r"(?<!\d)(\d{1,2})\s*(?:-|–|den|toi|va)\s*(\d{1,2})\s*(?:[/.]|\s+thang\s+)(\d{1,2})(?!\d)")


def day_written(t, d, pub):
    dd, mm = d.day, d.month
    pats = [
        r"(?<!\d)0?%d\s*[/.\-]\s*0?%d(?!\d)" % (dd, mm),
        r"(?<!\d)0?%d\s+thang\s+0?%d(?!\d)" % (dd, mm),
    ]
    if any(re.search(p, t) for p in pats):
        return True
    for a, b, m in RANGE_RX.findall(t):
        if int(m) == mm and int(a) <= dd <= int(b):
            return True
    if d == pub and any(w in t for w in TODAY_WORDS):
        return True
    if d == pub - dt.timedelta(days=1) and any(w in t for w in YESTERDAY_WORDS):
        return True
    if abs((pub - d).days) <= 7 and WEEKDAYS[d.weekday()] in t:
        return True
    return False


def month_written(t, first, pub):
    mm, yy = first.month, first.year
    if re.search(r"thang\s+0?%d(?!\d)" % mm, t):
        return True
    if re.search(r"(?<!\d)0?%d\s*[/.\-]\s*%d" % (mm, yy), t):
        return True
    if (pub.year, pub.month) == (yy, mm) and "thang nay" in t:
        return True
    return False


def date_written(text, spec, pub):
    t = fold(text)
    first, last, prec = parse_date_spec(spec)
    if prec == "day":
        return day_written(t, first, pub)
    if prec == "month":
        return month_written(t, first, pub)
    # range: a written range covering the first day, or the first / last day written
    return day_written(t, first, pub) or day_written(t, last, pub)


WEEKDAY_DATE_RX = re.compile(
    r"(thu hai|thu ba|thu tu|thu nam|thu sau|thu bay|chu nhat)\s*(?:vua qua\s*)?\(?\s*(?:ngay\s+)?(\d{1,2})\s*[/.\-]\s*(\d{1,2})(?:\s*[/.\-]\s*(\d{4}))?(?!\d)")


def check_weekdays(o, where):
    """'thứ Ba (4/6)' must name the right weekday (year taken from the text or from published)."""
    t = fold(o["title"] + "\n" + o["text"])
    pub = o["_pub"]
    for wd, d, m, y in WEEKDAY_DATE_RX.findall(t):
        try:
            if y:
                day = dt.date(int(y), int(m), int(d))
            else:
                day = dt.date(pub.year, int(m), int(d))
                if (day - pub).days > 180:
                    day = dt.date(pub.year - 1, int(m), int(d))
        except ValueError:
            problem(f"{where}: impossible date {d}/{m}")
            continue
        if WEEKDAYS[day.weekday()] != wd:
            problem(f"{where}: '{wd} {d}/{m}' but {day} is {WEEKDAYS[day.weekday()]}")


def host_of(url):
    m = re.match(r"^https://([^/]+)(/.*)?$", url)
    return m.group(1) if m else None


def load(path):
    arts = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                problem(f"{path}:{n}: empty line")
                continue
            try:
                o = json.loads(line)
            except json.JSONDecodeError as e:
                problem(f"{path}:{n}: invalid JSON ({e})")
                continue
            if not isinstance(o, dict):
                problem(f"{path}:{n}: not an object")
                continue
            o["_file"] = os.path.basename(path)
            o["_line"] = n
            arts.append(o)
    return arts


def main(argv):
    strict = "--strict-dates" in argv
    paths = [a for a in argv if not a.startswith("--")]
    if not paths:
        print(__doc__)
        return 2
    all_arts = []
    for p in paths:
        all_arts.extend(load(p))

    seen_ids = {}
    hap_dates = {}
    outlet_host = {}
    for o in all_arts:
        where = f"{o['_file']}:{o['_line']}"
        ok = True
        for k, typ in REQUIRED.items():
            if k not in o:
                problem(f"{where}: missing field {k}")
                ok = False
            elif not isinstance(o[k], typ):
                problem(f"{where}: field {k} has wrong type")
                ok = False
        if not ok:
            o["_bad"] = True
            continue
        if not ART_ID_RE.match(o["id"]):
            problem(f"{where}: article id {o['id']!r} does not look like hp-x-NNN")
        if o["id"] in seen_ids:
            problem(f"{where}: duplicate article id {o['id']} (first at {seen_ids[o['id']]})")
        seen_ids[o["id"]] = where
        if o["label"] not in LABELS:
            problem(f"{where}: invalid label {o['label']!r}")
        if not o["title"].strip() or not o["text"].strip() or not o["outlet"].strip():
            problem(f"{where}: empty title/text/outlet")
        try:
            o["_pub"] = dt.date.fromisoformat(o["published"])
        except ValueError:
            problem(f"{where}: bad published {o['published']!r}")
            o["_bad"] = True
            continue
        host = host_of(o["url"])
        if not host or not o["url"].endswith(".html"):
            problem(f"{where}: bad url {o['url']!r}")
        else:
            prev = outlet_host.setdefault(o["outlet"], host)
            if prev != host:
                problem(f"{where}: outlet {o['outlet']!r} uses host {host}, elsewhere {prev}")
        haps = o["happenings"]
        if not haps:
            problem(f"{where}: no happenings")
        mains = []
        hids = []
        for h in haps:
            if not isinstance(h, dict) or set(h) != {"id", "date", "main"}:
                problem(f"{where}: happening entry must have exactly id, date, main: {h!r}")
                continue
            if not isinstance(h["id"], str) or not isinstance(h["date"], str) or not isinstance(h["main"], bool):
                problem(f"{where}: happening field types wrong: {h!r}")
                continue
            hids.append(h["id"])
            if parse_date_spec(h["date"]) is None:
                problem(f"{where}: happening {h['id']} bad date {h['date']!r}")
                continue
            if h["main"]:
                mains.append(h)
            prev = hap_dates.setdefault(h["id"], (h["date"], where))
            if prev[0] != h["date"]:
                problem(f"{where}: happening {h['id']} dated {h['date']} here but {prev[0]} at {prev[1]}")
            if not date_written(o["title"] + "\n" + o["text"], h["date"], o["_pub"]):
                msg = f"{where} {o['id']}: date of {h['id']} ({h['date']}) not found in text"
                (problem if strict else warn)(msg)
        check_weekdays(o, where)
        if len(hids) != len(set(hids)):
            problem(f"{where}: a happening id is listed twice")
        if len(mains) != 1:
            problem(f"{where}: expected exactly one main happening, found {len(mains)}")
            o["_bad"] = True
            continue
        o["_main"] = mains[0]
        wc = len(o["text"].split())
        if not (40 <= wc <= 360):
            warn(f"{where} {o['id']}: {wc} words")

    good = [o for o in all_arts if not o.get("_bad")]

    # background ids must never coincide with a group-kind naming of another kind of happening
    main_ids = {o["_main"]["id"] for o in good}
    for o in good:
        for h in o["happenings"]:
            if not h["main"] and kind_of(h["id"]) is not None and h["id"] not in main_ids:
                problem(f"{o['_file']}:{o['_line']}: background {h['id']} uses a group-style id but is never main")

    by_file = defaultdict(list)
    for o in good:
        by_file[o["_file"]].append(o)

    main_file = {}
    for fname, arts in by_file.items():
        groups = OrderedDict()
        for o in arts:
            groups.setdefault(o["_main"]["id"], []).append(o)
        for gid in groups:
            if gid in main_file and main_file[gid] != fname:
                problem(f"main happening id {gid} used in both {main_file[gid]} and {fname}")
            main_file[gid] = fname
        kinds = defaultdict(OrderedDict)
        for gid, arts_g in groups.items():
            k = kind_of(gid)
            if k is None:
                problem(f"{fname}: main happening id {gid!r} matches no convention (c01, nm01a, fu01, o01)")
                continue
            kinds[k][gid] = arts_g
            labels = {a["label"] for a in arts_g}
            if len(labels) != 1:
                problem(f"{fname}: group {gid} mixes labels {sorted(labels)}")
            lab = arts_g[0]["label"]
            if (k == "other") != (lab == "other"):
                problem(f"{fname}: group {gid} of kind {k} has label {lab}")
            outs = [a["outlet"] for a in arts_g]
            if len(outs) != len(set(outs)):
                problem(f"{fname}: group {gid} repeats an outlet: {outs}")
            first, last, _ = parse_date_spec(arts_g[0]["_main"]["date"])
            for a in arts_g:
                if a["_pub"] < first:
                    problem(f"{fname}: {a['id']} published {a['published']} before its main happening {gid} {a['_main']['date']}")
                elif (a["_pub"] - last).days > 10:
                    warn(f"{fname}: {a['id']} published {(a['_pub'] - last).days} days after {gid}")
            n = len(arts_g)
            if k == "cluster" and not 3 <= n <= 6:
                problem(f"{fname}: cluster {gid} has {n} articles (want 3-6)")
            if k in ("nearmiss", "followup") and not 1 <= n <= 2:
                problem(f"{fname}: {k} {gid} has {n} articles (want 1-2)")
            if k == "other" and n != 1:
                problem(f"{fname}: other happening {gid} has {n} articles (want 1)")

        # near-miss pairs
        pairs = defaultdict(dict)
        for gid in kinds["nearmiss"]:
            pairs[gid[:-1]][gid[-1]] = kinds["nearmiss"][gid]
        for base, halves in pairs.items():
            if set(halves) != {"a", "b"}:
                problem(f"{fname}: near-miss {base} lacks a half: {sorted(halves)}")
                continue
            a0, b0 = halves["a"][0], halves["b"][0]
            if a0["_main"]["date"] != b0["_main"]["date"]:
                problem(f"{fname}: near-miss {base} halves on different dates")
            if a0["label"] != b0["label"]:
                problem(f"{fname}: near-miss {base} halves have different labels")

        # follow-ups
        fu_base = {}
        for gid, arts_g in kinds["followup"].items():
            bases = set()
            for a in arts_g:
                bs = {h["id"] for h in a["happenings"]
                      if not h["main"] and kind_of(h["id"]) == "cluster" and h["id"] in kinds["cluster"]}
                if not bs:
                    problem(f"{fname}: follow-up {a['id']} ({gid}) lists no earlier cluster as background")
                bases |= bs
            fu_base[gid] = sorted(bases)
            fd = parse_date_spec(arts_g[0]["_main"]["date"])[0]
            for b in bases:
                bd = parse_date_spec(hap_dates[b][0])[1]
                if fd <= bd:
                    problem(f"{fname}: follow-up {gid} ({fd}) is not later than {b} ({bd})")
                if (fd - bd).days > 21:
                    warn(f"{fname}: follow-up {gid} is {(fd - bd).days} days after {b}")
                if kinds["cluster"][b][0]["label"] != arts_g[0]["label"]:
                    warn(f"{fname}: follow-up {gid} label differs from {b}")

        exp = EXPECTED.get(fname)
        if exp:
            for k, key in (("cluster", "clusters"), ("nearmiss", "nearmiss"), ("followup", "followups")):
                got = {g: len(v) for g, v in kinds[k].items()}
                for g in sorted(set(got) | set(exp[key])):
                    if got.get(g) != exp[key].get(g):
                        problem(f"{fname}: {key[:-1] if key != 'nearmiss' else key} {g} has {got.get(g, 0)} article(s), EXPECTED {exp[key].get(g, 0)}")
            if len(kinds["other"]) != exp["other"]:
                problem(f"{fname}: {len(kinds['other'])} other articles, want {exp['other']}")
            got_lab = Counter(v[0]["label"] for v in kinds["cluster"].values())
            if dict(got_lab) != exp["labels"]:
                problem(f"{fname}: clusters per label {dict(got_lab)}, want {exp['labels']}")

        # ---- report ----
        print(f"=== {fname}: {len(arts)} articles")
        print(f"{'cluster':8} {'label':14} {'date':24} {'n':>2}  outlets")
        for gid, arts_g in kinds["cluster"].items():
            print(f"{gid:8} {arts_g[0]['label']:14} {arts_g[0]['_main']['date']:24} {len(arts_g):>2}  "
                  + ", ".join(a["outlet"] for a in arts_g))
        print("near-miss pairs:")
        for base, halves in pairs.items():
            line = []
            for side in "ab":
                if side in halves:
                    g = halves[side]
                    line.append(f"{base}{side} {g[0]['label']} {g[0]['_main']['date']} n={len(g)} ({', '.join(a['outlet'] for a in g)})")
            print("  " + " | ".join(line))
        print("follow-ups:")
        for gid, arts_g in kinds["followup"].items():
            print(f"  {gid} {arts_g[0]['label']} {arts_g[0]['_main']['date']} n={len(arts_g)} "
                  f"background={fu_base.get(gid)} ({', '.join(a['outlet'] for a in arts_g)})")
        print(f"other articles: {len(kinds['other'])}")
        print("articles per label:", dict(sorted(Counter(a["label"] for a in arts).items())))
        print("articles per kind:", {k: sum(len(v) for v in kinds[k].values()) for k in ("cluster", "nearmiss", "followup", "other")})
        nod = sum(1 for a in arts if not has_diacritics(a["title"] + a["text"]))
        print(f"without diacritics: {nod} ({100.0 * nod / max(1, len(arts)):.1f}%)")
        wcs = sorted(len(a["text"].split()) for a in arts)
        print(f"words per article: min {wcs[0]}, median {wcs[len(wcs) // 2]}, max {wcs[-1]}")
        print("outlets:", dict(Counter(a["outlet"] for a in arts).most_common()))
        nb = sum(len(a["happenings"]) - 1 for a in arts)
        print(f"background/planned happening mentions: {nb}")
        print()

    # outlets shared between files (heldout should use fresh outlets)
    if len(by_file) > 1:
        sets = {f: {a["outlet"] for a in arts} for f, arts in by_file.items()}
        names = sorted(sets)
        for i in range(len(names)):
            for j in range(i + 1, len(names)):
                common = sets[names[i]] & sets[names[j]]
                if common:
                    warn(f"outlets shared by {names[i]} and {names[j]}: {sorted(common)}")

    for w_ in warnings:
        print("WARNING:", w_)
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problem(s), {len(warnings)} warning(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
