#!/usr/bin/env python3
"""Prints the comparison tables from measure.py's results and checks newsline's targets.

    report.py [--out REPORT.md] --set TITLE RUNDIR CORPUSDIR [--set TITLE RUNDIR CORPUSDIR ...]

One table and one list of checks per set (a corpus and its runs): RUNDIR holds measure.py's
results.jsonl and the predictions in out/ (newsline.tsv, sklearn.tsv, fasttext.txt);
CORPUSDIR holds test.jsonl (the gold labels) and, when the generator counted them,
counts.json (distinct unigrams and bigrams). The first set is the main one.

MB/s is the size of the JSON-lines input (train.jsonl or test.jsonl of the same corpus) divided
by wall seconds of the whole pipeline, for every tool, so the three tools are compared on the
same articles from the same file: newsline and scikit-learn read the JSON lines themselves;
fastText's time includes turning them into its folded plain-text input (ft_prep), and its
model-only figures are in the notes.

Targets (issue 18), on every set: classify >= 50x and train >= 25x scikit-learn's MB/s,
newsline `events` <= 2x `classify`'s time on the same test side, load + one short document
<= 10 ms; where the set has the memory runs, training peak memory at the two larger sizes
within 10% of the smallest's. Exit status: 0 when every target passes, 1 otherwise.
"""
import argparse
import json
import os
import sys

CLASSIFY_VS_SKLEARN = 50.0
TRAIN_VS_SKLEARN = 25.0
EVENTS_VS_CLASSIFY = 2.0
LATENCY_MS = 10.0
MEMORY_GROWTH = 1.10


def load(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[rec["name"]] = rec
    return out


def accuracy(gold_path, pred_path, column):
    """Share of predicted labels (column `column` of each line of pred_path; None: whole line)
    equal to the gold labels."""
    if not (os.path.exists(gold_path) and os.path.exists(pred_path)):
        return None
    with open(gold_path, encoding="utf-8") as f:
        gold = [json.loads(l)["label"] for l in f if l.strip()]
    with open(pred_path, encoding="utf-8") as f:
        pred = [l.rstrip("\n") for l in f]
    if column is not None:
        pred = [l.split("\t")[column] for l in pred if l]
        if pred and pred[0] == "label":
            pred = pred[1:]
    if len(pred) != len(gold):
        return None
    return sum(g == p for g, p in zip(gold, pred)) / len(gold)


def fmt_count(n):
    return "{:,}".format(n)


def report_set(title, run, corpus, p):
    """Writes one set's table, checks and notes through p; returns (checks, other CPU s,
    measured wall s)."""
    res = load(os.path.join(run, "results.jsonl"))
    # fastText cannot read JSON lines: its whole pipeline, like newsline's and scikit-learn's,
    # includes turning them into folded text (ft_prep). Model-only figures stay in the notes.
    for step, prep in (("ft_train", "ft_prep_train"), ("ft_classify", "ft_prep_test")):
        if step in res and prep in res:
            r = dict(res[step])
            r["model_wall"] = r["wall"]
            r["wall"] = r["wall"] + res[prep]["wall"]
            r["cpu"] = r.get("cpu", 0.0) + res[prep].get("cpu", 0.0)
            r["peak_kb"] = max(r["peak_kb"], res[prep]["peak_kb"])
            res[step] = r
    nan = float("nan")

    def mbps(name):
        r = res.get(name)
        return r["bytes"] / 1e6 / r["wall"] if r and r.get("bytes") else nan

    def peak(name):
        r = res.get(name)
        return r["peak_kb"] / 1024 if r else nan

    def cpu(name):
        r = res.get(name)
        return r.get("cpu", nan) if r else nan

    def wall(name):
        r = res.get(name)
        return r["wall"] if r else nan

    def ms(name):
        return wall(name) * 1000

    def per_cpu(name):
        r = res.get(name)
        return r["bytes"] / 1e6 / r["cpu"] if r and r.get("cpu") else nan

    test = os.path.join(corpus, "test.jsonl")
    acc = {
        "newsline": accuracy(test, os.path.join(run, "out", "newsline.tsv"), 1),
        "scikit-learn": accuracy(test, os.path.join(run, "out", "sklearn.tsv"), 1),
        "fastText": accuracy(test, os.path.join(run, "out", "fasttext.txt"), None),
    }
    counts = {}
    counts_path = os.path.join(corpus, "counts.json")
    if os.path.exists(counts_path):
        with open(counts_path, encoding="utf-8") as f:
            counts = json.load(f)

    p("## %s" % title)
    p("")
    line = "Corpus %s: train %.1f MB, test %.1f MB (JSON lines, %s articles per side)" % (
        corpus, res["nl_train"]["bytes"] / 1e6, res["nl_classify"]["bytes"] / 1e6,
        fmt_count(counts["train"]["docs"]) if "train" in counts else "?")
    tr = counts.get("train", {})
    if "unigrams" in tr:
        line += "; train side: %s distinct unigrams + %s bigrams = %s (newsline's tokens)" % (
            fmt_count(tr["unigrams"]), fmt_count(tr["bigrams"]),
            fmt_count(tr["unigrams"] + tr["bigrams"]))
    p(line)
    p("MB/s = JSON-lines bytes / wall s; peak = max RSS (MiB); events: newsline only, on the"
      " test side")
    p("")
    hdr = ("| tool         | train s | train CPU s | train MB/s | classify s | classify CPU s |"
           " classify MB/s | events s | train peak MiB | classify peak MiB | load+1 doc ms |"
           " test accuracy |")
    p(hdr)
    p("|" + "|".join("-" * len(c) for c in hdr.split("|")[1:-1]) + "|")
    for tool, k in (("newsline", "nl"), ("scikit-learn", "sk"), ("fastText", "ft")):
        a = acc[tool]
        events = "%8.2f" % wall("nl_events") if k == "nl" and "nl_events" in res else "%8s" % "-"
        p("| %-12s | %7.2f | %11.2f | %10.1f | %10.2f | %14.2f | %13.1f | %s | %14.1f |"
          " %17.1f | %13.1f | %13s |" % (
              tool, wall(k + "_train"), cpu(k + "_train"), mbps(k + "_train"),
              wall(k + "_classify"), cpu(k + "_classify"), mbps(k + "_classify"), events,
              peak(k + "_train"), peak(k + "_classify"), ms(k + "_latency"),
              "%.4f" % a if a is not None else "n/a"))
    p("")

    r_cls_sk = mbps("nl_classify") / mbps("sk_classify")
    r_cls_ft = mbps("nl_classify") / mbps("ft_classify")
    r_tr_sk = mbps("nl_train") / mbps("sk_train")
    r_tr_ft = mbps("nl_train") / mbps("ft_train")
    lat = ms("nl_latency")
    checks = [
        ("classify newsline/sklearn MB/s", r_cls_sk, ">= %g" % CLASSIFY_VS_SKLEARN,
         r_cls_sk >= CLASSIFY_VS_SKLEARN),
        ("train newsline/sklearn MB/s", r_tr_sk, ">= %g" % TRAIN_VS_SKLEARN,
         r_tr_sk >= TRAIN_VS_SKLEARN),
        ("classify newsline/fastText MB/s", r_cls_ft, "(no target)", None),
        ("train newsline/fastText MB/s", r_tr_ft, "(no target)", None),
    ]
    if "nl_events" in res:
        r_ev = wall("nl_events") / wall("nl_classify")
        checks.append(("newsline events s / classify s (test side)", r_ev,
                       "<= %g" % EVENTS_VS_CLASSIFY, r_ev <= EVENTS_VS_CLASSIFY))
    mem_base = peak("nl_mem_small")
    for name in ("nl_mem_large", "nl_mem_huge"):
        if name in res and "nl_mem_small" in res:
            ratio = peak(name) / mem_base
            checks.append(("train peak at %s / at %s docs" % (
                res[name].get("docs", "?"), res["nl_mem_small"].get("docs", "?")),
                ratio, "<= %.2f" % MEMORY_GROWTH, ratio <= MEMORY_GROWTH))
    checks.append(("newsline load + one short doc, ms (median)", lat, "<= %g" % LATENCY_MS,
                   lat <= LATENCY_MS))
    p("| check                                        |    value | target      | result |")
    p("|----------------------------------------------|----------|-------------|--------|")
    for name, value, target, ok in checks:
        p("| %-44s | %8.2f | %-11s | %-6s |" % (
            name, value, target, "-" if ok is None else ("PASS" if ok else "FAIL")))
    p("")

    p("Notes:")
    other = sum(o for r in res.values() for o in r.get("other_cpu", []))
    measured = sum(w for r in res.values() for w in r.get("walls", []))
    if measured > 0 and any("other_cpu" in r for r in res.values()):
        share = other / measured
        p("- other work on the machine during the measured runs: %.1f CPU s in %.1f s of runs"
          " (%.0f%% of one core of %d)%s" % (
              other, measured, 100 * share, os.cpu_count() or 0,
              " -- OTHER WORK SHARED THE MACHINE: wall times (and newsline's 2-thread runs"
              " most) are pessimistic; compare CPU s" if share > 0.05 else ""))
    p("- MB per CPU-second (less sensitive to other load): train newsline %.1f, sklearn %.1f,"
      " fastText %.1f; classify newsline %.1f, sklearn %.1f, fastText %.1f; events newsline"
      " %.1f" % tuple(per_cpu(k) for k in ("nl_train", "sk_train", "ft_train", "nl_classify",
                                            "sk_classify", "ft_classify", "nl_events")))
    if "nl_events" in res:
        p("- newsline events on the test side: %.2f s wall, %.2f CPU s, %.1f MB/s, peak %.1f MiB"
          % (wall("nl_events"), cpu("nl_events"), mbps("nl_events"), peak("nl_events")))
    mem = [n for n in ("nl_mem_small", "nl_mem_large", "nl_mem_huge") if n in res]
    if mem:
        p("- newsline training peak memory: " + ", ".join(
            "%.1f MiB at %s docs (%.1f MB)" % (peak(n), res[n].get("docs", "?"),
                                              res[n]["bytes"] / 1e6) for n in mem))
        for n in mem:
            p("  (%s wall %.2f s, CPU %.2f s, %.1f MB/s)" % (n, wall(n), cpu(n), mbps(n)))
    for k in ("ft_train", "ft_classify"):
        own = res.get(k, {}).get("own_bytes")
        if own:
            model_wall = res[k].get("model_wall", res[k]["wall"])
            p("- %s model only, on its own folded plain-text input: %.1f MB in %.2f s -> %.1f MB/s"
              " (ratio newsline/fastText on that basis: %.2f)"
              % (k, own / 1e6, model_wall, own / 1e6 / model_wall,
                 mbps("nl" + k[2:]) / (res[k]["bytes"] / 1e6 / model_wall)))
    for k in ("ft_prep_train", "ft_prep_test"):
        if k in res:
            p("- %s (JSON lines -> folded fastText text, counted in fastText's train/classify"
              " above, as reading and normalising is counted for newsline): %.2f s"
              % (k, res[k]["wall"]))
    p("- one-document latency: median of %d runs each; runs (ms): "
      % len(res["nl_latency"]["walls"]))
    for k, tool in (("nl_latency", "newsline"), ("sk_latency", "scikit-learn"),
                    ("ft_latency", "fastText")):
        if k in res:
            p("    %-12s %s" % (tool, " ".join("%.1f" % (w * 1000) for w in res[k]["walls"])))
    p("- wall times are medians of %d runs; runs (s):" % len(res["nl_train"]["walls"]))
    for k in ("nl_train", "nl_classify", "nl_events", "sk_train", "sk_classify", "ft_train",
              "ft_classify"):
        if k in res:
            p("    %-12s %s" % (k, " ".join("%.3f" % w for w in res[k]["walls"])))
    p("")
    return checks, other, measured


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", nargs=3, action="append", required=True,
                    metavar=("TITLE", "RUNDIR", "CORPUSDIR"), help="one corpus and its runs")
    ap.add_argument("--out", help="also write the report to this file")
    args = ap.parse_args()
    lines = []
    all_checks, other, measured = [], 0.0, 0.0
    for title, run, corpus in args.set:
        checks, o, m = report_set(title, run, corpus, lines.append)
        all_checks += [(title, c) for c in checks]
        other += o
        measured += m
    if len(args.set) > 1 and measured > 0:
        lines.append("Other work on the machine during all measured runs: %.1f CPU s in %.1f s"
                     " (%.0f%% of one core)" % (other, measured, 100 * other / measured))
    failed = [(t, c[0]) for t, c in all_checks if c[3] is False]
    lines.append("Result: %s" % ("every target met" if not failed else "FAIL: " + "; ".join(
        "%s: %s" % f for f in failed)))
    text = "\n".join(lines)
    print(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    sys.exit(0 if not failed else 1)


if __name__ == "__main__":
    main()
