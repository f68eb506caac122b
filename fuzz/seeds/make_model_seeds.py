#!/usr/bin/env python3
"""Seeds for the model_from_bytes fuzz target, made from models/topics.json.

    python3 seeds/make_model_seeds.py          # small seeds (committed in corpus/model_from_bytes)
    python3 seeds/make_model_seeds.py --full   # also full-size seeds (3 MB each, git-ignored)

Small seeds come from a cut-down copy of the real model (30 vocabulary columns), so
the fuzzer mutates something small that still loads. `content-*` seeds are only the inner
"model" object: the fuzz target also wraps its input in an envelope with the right checksum,
so mutations of those reach the model validation instead of stopping at the checksum.
"""
import base64
import json
import os
import re
import struct
import sys
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL = os.path.join(HERE, "..", "..", "models", "topics.json")
OUT = os.path.join(HERE, "..", "corpus", "model_from_bytes")


def dumps(value):
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def envelope(content, version=1, fmt="newsline-topic-model", checksum=None):
    crc = "crc32:%08x" % (zlib.crc32(content.encode()) & 0xFFFFFFFF)
    return '{"format":%s,"version":%s,"checksum":"%s","model":%s}\n' % (
        dumps(fmt), version, checksum or crc, content)


def write(name, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def get_vec(c, key):
    """A class vector: a JSON list of numbers (old files) or base64 of little-endian f64s."""
    v = c[key]
    if isinstance(v, str):
        raw = base64.b64decode(v)
        return list(struct.unpack("<%dd" % (len(raw) // 8), raw))
    return v


def set_vec(c, key, values):
    if isinstance(c[key], str):
        c[key] = base64.b64encode(struct.pack("<%dd" % len(values), *values)).decode()
    else:
        c[key] = values


def edit_vec(m, cls, key, index, value):
    c = m["classes"][cls]
    v = get_vec(c, key)
    v[index] = value
    set_vec(c, key, v)


def small_model(full):
    wanted = {"an", "an ninh", "ninh", "mang", "ve", "tinh", "ve tinh", "hoi", "nghi",
              "hoi nghi", "thuong", "dinh", "tan", "cong", "tan cong", "ma", "doc", "phong"}
    vocab = full["vocabulary"]
    keep = [i for i, t in enumerate(vocab) if t in wanted] + list(range(12))
    keep = sorted(set(keep))
    m = json.loads(json.dumps(full))
    m["vocabulary"] = [vocab[i] for i in keep]
    for c in m["classes"]:
        for key in ("feature_count", "feature_log_prob"):
            v = get_vec(c, key)
            set_vec(c, key, [v[i] for i in keep])
    return m


def edited(m, edit):
    m = json.loads(json.dumps(m))
    edit(m)
    return dumps(m)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(MODEL, "rb") as f:
        raw = f.read()
    full = json.loads(raw)["model"]
    small = small_model(full)
    content = dumps(small)
    valid = envelope(content)

    write("small-valid.json", valid)
    write("small-truncated-half.json", valid[: len(valid) // 2])
    write("small-truncated-end.json", valid[:-3])
    write("small-version-2.json", envelope(content, version=2))
    write("small-version-0.json", envelope(content, version=0))
    write("small-version-string.json", envelope(content, version='"1"'))
    write("small-no-version.json", valid.replace('"version":1,', ""))
    write("small-bad-checksum.json", envelope(content, checksum="crc32:00000000"))
    write("small-format-events.json", envelope(content, fmt="newsline-events"))
    write("small-edited-number.json", valid.replace('"temperature":', '"temperature":1', 1))
    write("empty.json", "")
    write("not-utf8.json", b"\xff\xfe\x00{\x89PNG\r\n")

    write("content-valid.json", content)

    def set_(path, value):
        def edit(m):
            obj = m
            for k in path[:-1]:
                obj = obj[k]
            obj[path[-1]] = value
        return edit

    c0 = ["classes", 0]
    for name, edit in [
        ("prior-0", set_(c0 + ["prior"], 0.0)),
        ("prior-1.5", set_(c0 + ["prior"], 1.5)),
        ("logprob-positive", lambda m: edit_vec(m, 0, "feature_log_prob", 0, 0.5)),
        ("logprob-huge", lambda m: edit_vec(m, 0, "feature_log_prob", 0, -1e308)),
        ("logprob-nan", lambda m: edit_vec(m, 0, "feature_log_prob", 0, float("nan"))),
        ("logprob-inf", lambda m: edit_vec(m, 0, "feature_log_prob", 0, float("-inf"))),
        ("count-negative", lambda m: edit_vec(m, 1, "feature_count", 0, -7.0)),
        ("vector-as-list", lambda m: m["classes"][0].__setitem__(
            "feature_log_prob", get_vec(m["classes"][0], "feature_log_prob"))),
        ("vector-bad-base64", lambda m: m["classes"][0].__setitem__("feature_log_prob", "@@@=")),
        ("vector-odd-length", lambda m: m["classes"][0].__setitem__(
            "feature_log_prob", base64.b64encode(b"1234567").decode())),
        ("documents-huge", set_(c0 + ["documents"], 18446744073709551615)),
        ("temperature-negative", set_(["calibration", "temperature"], -1.0)),
        ("temperature-tiny", set_(["calibration", "temperature"], 5e-324)),
        ("exponent-0", set_(["calibration", "length_exponent"], 0.0)),
        ("ngram-9", set_(["params", "ngram_max"], 9)),
        ("ngram-4", set_(["params", "ngram_max"], 4)),
        ("sublinear", set_(["params", "sublinear_tf"], True)),
        ("keep-diacritics", set_(["params", "fold_diacritics"], False)),
        ("position-decay-0", set_(["params", "position_decay"], 0.0)),
        ("no-position-decay", lambda m: m["params"].pop("position_decay")),
        ("labels-mismatch", set_(["params", "labels"], ["a", "b", "c", "d"])),
        ("labels-upper", lambda m: m["params"]["labels"].__setitem__(0, "Cyber")),
        ("labels-two", lambda m: (m["params"]["labels"].__delitem__(slice(2, 4)),
                                  m["classes"].__delitem__(slice(2, 4)))),
        ("vocab-duplicate", lambda m: m["vocabulary"].__setitem__(1, m["vocabulary"][0])),
        ("vocab-short", lambda m: m["vocabulary"].pop()),
        ("no-classes", set_(["classes"], [])),
    ]:
        write("content-%s.json" % name, edited(small, edit))

    if "--full" in sys.argv:
        text = raw.decode()
        write("full-model.json", raw)
        write("full-truncated-half.json", raw[: len(raw) // 2])
        write("full-truncated-end.json", raw[:-3])
        write("full-version-2.json", raw.replace(b'"version":1', b'"version":2', 1))
        prior = re.search(r'"prior":([0-9.e-]+)', text).group(0)
        edited_text = text.replace(prior, '"prior":0.5', 1)
        write("full-edited-number.json", edited_text)
        inner = dumps(json.loads(edited_text)["model"])
        write("full-edited-number-rechecksummed.json", envelope(inner))
    print("seeds written to", os.path.normpath(OUT))


if __name__ == "__main__":
    main()
