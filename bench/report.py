#!/usr/bin/env python3
"""Prints the comparison table from measure.py's results and checks newsline's targets.

    report.py RESULTS.jsonl WORKDIR

MB/s is the size of the JSON-lines input (train.jsonl or test.jsonl of the same corpus) divided
by wall seconds of the whole pipeline, for every tool, so the three tools are compared on the
same articles from the same file: newsline and scikit-learn read the JSON lines themselves;
fastText's time includes turning them into its folded plain-text input (ft_prep), and its
model-only figures are in the notes. Exit status: 0 when every target passes, 1 otherwise.
"""
import json
import os
import sys


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
    gold = [json.loads(l)["label"] for l in open(gold_path, encoding="utf-8") if l.strip()]
    pred = [l.rstrip("\n") for l in open(pred_path, encoding="utf-8")]
    if column is not None:
        pred = [l.split("\t")[column] for l in pred if l]
        if pred and pred[0] == "label":
            pred = pred[1:]
    if len(pred) != len(gold):
        return None
    return sum(g == p for g, p in zip(gold, pred)) / len(gold)


def main():
    res = load(sys.argv[1])
    work = sys.argv[2]
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
    corpus = res["nl_train"]["bytes"], res["nl_classify"]["bytes"]

    def mbps(name):
        r = res.get(name)
        return r["bytes"] / 1e6 / r["wall"] if r and r.get("bytes") else float("nan")

    def peak(name):
        r = res.get(name)
        return r["peak_kb"] / 1024 if r else float("nan")

    def cpu(name):
        r = res.get(name)
        return r.get("cpu", float("nan")) if r else float("nan")

    def ms(name):
        r = res.get(name)
        return r["wall"] * 1000 if r else float("nan")

    test = os.path.join(work, "corpus", "test.jsonl")
    acc = {
        "newsline": accuracy(test, os.path.join(work, "out", "newsline.tsv"), 1),
        "scikit-learn": accuracy(test, os.path.join(work, "out", "sklearn.tsv"), 1),
        "fastText": accuracy(test, os.path.join(work, "out", "fasttext.txt"), None),
    }
    rows = [("newsline", "nl"), ("scikit-learn", "sk"), ("fastText", "ft")]
    lines = []
    p = lines.append
    p("Corpus: train %.1f MB, test %.1f MB (JSON lines); MB/s = JSON-lines bytes / wall s;"
      " peak = max RSS (MiB)" % (corpus[0] / 1e6, corpus[1] / 1e6))
    p("")
    hdr = "| tool         | train s | train CPU s | train MB/s | classify s | classify CPU s | classify MB/s | train peak MiB | classify peak MiB | load+1 doc ms | test accuracy |"
    p(hdr)
    p("|" + "|".join("-" * (len(c)) for c in hdr.split("|")[1:-1]) + "|")
    for tool, k in rows:
        a = acc[tool]
        p("| %-12s | %7.2f | %11.2f | %10.1f | %10.2f | %14.2f | %13.1f | %14.1f | %17.1f | %13.1f | %13s |" % (
            tool, res[k + "_train"]["wall"], cpu(k + "_train"), mbps(k + "_train"),
            res[k + "_classify"]["wall"], cpu(k + "_classify"),
            mbps(k + "_classify"), peak(k + "_train"), peak(k + "_classify"),
            ms(k + "_latency"), "%.4f" % a if a is not None else "n/a"))
    p("")
    r_cls_sk = mbps("nl_classify") / mbps("sk_classify")
    r_cls_ft = mbps("nl_classify") / mbps("ft_classify")
    r_tr_sk = mbps("nl_train") / mbps("sk_train")
    r_tr_ft = mbps("nl_train") / mbps("ft_train")
    mem_small, mem_large = peak("nl_mem_small"), peak("nl_mem_large")
    mem_ratio = mem_large / mem_small
    lat = ms("nl_latency")
    checks = [
        ("classify newsline/sklearn MB/s", r_cls_sk, ">= 25", r_cls_sk >= 25),
        ("classify newsline/fastText MB/s", r_cls_ft, ">= 12", r_cls_ft >= 12),
        ("train newsline/sklearn MB/s", r_tr_sk, ">= 15", r_tr_sk >= 15),
        ("train newsline/fastText MB/s", r_tr_ft, "(no target)", None),
        ("train peak at %s / at %s docs" % (res["nl_mem_large"].get("docs", "100k"),
                                             res["nl_mem_small"].get("docs", "10k")),
         mem_ratio, "<= 1.5", mem_ratio <= 1.5),
        ("newsline load + one short doc, ms (median)", lat, "< 20", lat < 20),
    ]
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
    def per_cpu(name):
        r = res.get(name)
        return r["bytes"] / 1e6 / r["cpu"] if r and r.get("cpu") else float("nan")
    p("- MB per CPU-second (less sensitive to other load): train newsline %.1f, sklearn %.1f,"
      " fastText %.1f; classify newsline %.1f, sklearn %.1f, fastText %.1f" % tuple(
          per_cpu(k) for k in ("nl_train", "sk_train", "ft_train",
                               "nl_classify", "sk_classify", "ft_classify")))
    p("- newsline train peak memory: %.1f MiB at %s docs (%.1f MB), %.1f MiB at %s docs (%.1f MB)"
      % (mem_small, res["nl_mem_small"].get("docs", "?"), res["nl_mem_small"]["bytes"] / 1e6,
         mem_large, res["nl_mem_large"].get("docs", "?"), res["nl_mem_large"]["bytes"] / 1e6))
    for name in ("nl_mem_small", "nl_mem_large"):
        p("  (%s wall %.2f s, %.1f MB/s)" % (name, res[name]["wall"], mbps(name)))
    for k in ("ft_train", "ft_classify"):
        own = res[k].get("own_bytes")
        model_wall = res[k].get("model_wall", res[k]["wall"])
        if own:
            p("- %s model only, on its own folded plain-text input: %.1f MB in %.2f s -> %.1f MB/s"
              " (ratio newsline/fastText on that basis: %.2f)"
              % (k, own / 1e6, model_wall, own / 1e6 / model_wall,
                 mbps("nl" + k[2:]) / (res[k]["bytes"] / 1e6 / model_wall)))
    for k in ("ft_prep_train", "ft_prep_test"):
        if k in res:
            p("- %s (JSON lines -> folded fastText text, counted in fastText's train/classify"
              " above, as reading and normalising is counted for newsline): %.2f s"
              % (k, res[k]["wall"]))
    p("- one-document latency: median of %d runs each; runs (ms): " % len(res["nl_latency"]["walls"]))
    for k, tool in (("nl_latency", "newsline"), ("sk_latency", "scikit-learn"), ("ft_latency", "fastText")):
        if k in res:
            p("    %-12s %s" % (tool, " ".join("%.1f" % (w * 1000) for w in res[k]["walls"])))
    p("- wall times are medians of %d runs; runs (s):" % len(res["nl_train"]["walls"]))
    for k in ("nl_train", "nl_classify", "sk_train", "sk_classify", "ft_train", "ft_classify"):
        p("    %-12s %s" % (k, " ".join("%.3f" % w for w in res[k]["walls"])))
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(work, "report.md"), "w", encoding="utf-8") as f:
        f.write(text + "\n")
    sys.exit(0 if all(ok for _, _, _, ok in checks if ok is not None) else 1)


if __name__ == "__main__":
    main()
