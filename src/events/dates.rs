//! Finding date mentions in Vietnamese sentences, with and without diacritics.
//!
//! Recognised: "ngày 29/3", "29/3/2024", "29-3-2024", "ngày 29 tháng 3 năm 2024", "hôm 5/11",
//! "sáng/chiều/tối 22/5", "tháng 12/2023", "tháng 8 năm 2023", "năm 2020", ranges ("từ ngày
//! 19-21/5", "6 - 7/10/2024", "22 đến 24/10"), month names with a relative year ("tháng 8 năm
//! ngoái", "tháng 5 vừa qua") and relative forms ("hôm qua", "tuần trước", "tháng trước",
//! "năm ngoái", "tháng sau").
//!
//! False friends are refused: times ("6 giờ 53", "20h30"), scores ("2-0"), prices and
//! decimals ("1.500", "44,8%"), ratios ("2/3 số đơn", "24/7"), document numbers ("Nghị định
//! 13/2023/NĐ-CP") and version numbers ("iOS 17.4"). A bare day/month needs a date word
//! before it (ngày, hôm, sáng, từ, đến, ...) or a year after it.
//!
//! Matching runs on lower-case NFC text. Text with diacritics is matched with the diacritic
//! forms only ("năm", not "nam", which is also "Nam" as in Việt Nam); text typed without any
//! diacritics is matched with the plain forms.

use std::sync::OnceLock;

use regex::Regex;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What a mention says about the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum YearHint {
    /// Written out.
    Explicit(i32),
    /// "năm ngoái" / "năm trước": the year before publication.
    LastYear,
    /// "năm nay": the publication year.
    ThisYear,
    /// "năm sau" / "năm tới": the year after publication.
    NextYear,
    /// Not given: resolve from context.
    None,
}

/// A date as written, before its year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Day and month (a range gives its first day).
    Day {
        /// Day of month.
        day: u32,
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
    },
    /// A month.
    Month {
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
        /// "tháng 5 vừa qua": the latest such month not after publication.
        past: bool,
        /// "tháng 11 tới": the next such month after publication.
        ahead: bool,
    },
    /// A year.
    Year(i32),
    /// Relative to publication: days offset ("hôm qua" = -1, "tuần trước" = -7).
    RelativeDays(i64),
    /// Relative month offset ("tháng trước" = -1, "tháng sau" = +1).
    RelativeMonths(i32),
    /// Relative year offset ("năm ngoái" = -1).
    RelativeYears(i32),
}

/// One date mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range in the matched (lower-case NFC) sentence.
    pub start: usize,
    /// End of the byte range.
    pub end: usize,
    /// What was written.
    pub written: Written,
    /// The sentence says the date lies ahead ("dự kiến", "sẽ", "sắp tới" near the date).
    pub ahead: bool,
}

struct Patterns {
    full: Regex,
    written_full: Regex,
    range: Regex,
    day_month: Regex,
    month_year: Regex,
    month_rel: Regex,
    year: Regex,
    relative: Regex,
    ahead_cue: Regex,
    doc_number_before: Regex,
    horizon_before: Regex,
}

/// The day-month pattern: groups 1 cue word, 2 day, 3 separator, 4 month. With
/// `word_boundary`, a `\b` before the cue (the definition; see [`day_month_matches`]).
fn day_month_pattern(cue: &str, ngay: &str, word_boundary: bool) -> String {
    let b = if word_boundary { r"\b" } else { "" };
    format!(
        r"(?:({b}{cue})\s+)?(?:{ngay}\s+)?(\d{{1,2}})\s*([/\-])\s*(\d{{1,2}})(?:[^\d/\-\.,%]|[\.,](?:\D|$)|$)"
    )
}

/// One match of the day-month pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DayMonth {
    whole: std::ops::Range<usize>,
    /// Whether a cue word opened the match.
    cue: bool,
    day: std::ops::Range<usize>,
    dash: bool,
    month: std::ops::Range<usize>,
}

/// The matches of `regex` (the day-month pattern without `\b`) in `text`, as the pattern with
/// a `\b` before the cue would give them. A Unicode `\b` keeps the regex engine off its fast
/// automaton for any text with a non-ASCII letter, so the boundary is checked here: a cue
/// inside a word is no cue, and then the match starting there stands only when the cue word
/// is "ngày" itself (which the optional "ngày" group also matches); otherwise the search goes
/// on one character further, as the regex engine would.
fn day_month_matches(regex: &Regex, text: &str, plain: bool) -> Vec<DayMonth> {
    let ngay = if plain { "ngay" } else { "ngày" };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(c) = regex.captures_at(text, from) {
        let (Some(whole), Some(day), Some(sep), Some(month)) =
            (c.get(0), c.get(2), c.get(3), c.get(4))
        else {
            break;
        };
        from = whole.end().max(from + 1);
        let mut cue = c.get(1);
        if let Some(g) = cue {
            let inside_word = text[..g.start()]
                .chars()
                .next_back()
                .is_some_and(regex_syntax::is_word_character);
            if inside_word {
                if g.as_str() != ngay {
                    from = g.start() + g.as_str().chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                cue = None;
            }
        }
        out.push(DayMonth {
            whole: whole.range(),
            cue: cue.is_some(),
            day: day.range(),
            dash: sep.as_str() == "-",
            month: month.range(),
        });
    }
    out
}

/// The words that may open a year-less "29/3" (a regex alternation).
fn cue_words(plain: bool) -> &'static str {
    if plain {
        r"(?:ngay|hom|sang|trua|chieu|toi|dem|rang sang|khuya|tu|den|toi|va|hoac|vao|truoc|sau|cuoi|dau|giua|mung|mong|thu hai|thu ba|thu tu|thu nam|thu sau|thu bay|chu nhat|le|hom nay|luc|tu ngay|den ngay|toi ngay)"
    } else {
        r"(?:ngày|hôm|sáng|trưa|chiều|tối|đêm|rạng sáng|khuya|từ|đến|tới|và|hoặc|vào|trước|sau|cuối|đầu|giữa|mùng|mồng|thứ hai|thứ ba|thứ tư|thứ năm|thứ sáu|thứ bảy|chủ nhật|lễ|hôm nay|lúc)"
    }
}

fn build(plain: bool) -> Patterns {
    // Diacritic and plain spellings of the date words.
    let w = |accented: &str, bare: &str| {
        if plain {
            bare.to_string()
        } else {
            accented.to_string()
        }
    };
    let ngay = w("ngày", "ngay");
    let thang = w("tháng", "thang");
    let nam = w("năm", "nam");
    let cue = cue_words(plain);
    let sep = r"\s*[/\-\.]\s*";
    Patterns {
        // 29/3/2024, 29-3-2024, 29.3.2024
        full: Regex::new(&format!(r"(?:^|[^\d/\.,])(\d{{1,2}}){sep}(\d{{1,2}}){sep}((?:19|20)\d{{2}})(?:[^\d/]|$)"))
            .expect("valid pattern"),
        // ngày 29 tháng 3 (năm 2024)
        written_full: Regex::new(&format!(
            r"{ngay}\s+(\d{{1,2}})\s+{thang}\s+(\d{{1,2}})(?:\s*(?:,\s*)?{nam}\s+((?:19|20)\d{{2}}))?"
        ))
        .expect("valid pattern"),
        // 19-21/5, 6 - 7/10/2024, 22 đến 24/10, 31/10 đến 1/11 is two mentions
        range: Regex::new(
            r"(?:^|[^\d/\.,])(\d{1,2})\s*(?:-|–|đến|tới|den|toi)\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*((?:19|20)\d{2}))?(?:[^\d/]|$)"
        )
        .expect("valid pattern"),
        // (cue) 29/3 or 29-3; the year-less form needs a cue word right before it. The cue
        // must start a word: `find_dates` checks that, as a Unicode `\b` here would keep the
        // regex engine off its fast automaton for any sentence with a Vietnamese letter.
        day_month: Regex::new(&day_month_pattern(cue, &ngay, false)).expect("valid pattern"),
        // tháng 12/2023, tháng 12-2023, tháng 8 năm 2023, tháng 8 năm ngoái / nay / sau
        month_year: Regex::new(&format!(
            r"{thang}\s+(\d{{1,2}})(?:\s*[/\-]\s*((?:19|20)\d{{2}})|\s*(?:,\s*)?{nam}\s+((?:19|20)\d{{2}}|{ngoai}|{truoc}|{nay}|{sau}|{toi}))",
            ngoai = w("ngoái", "ngoai"),
            truoc = w("trước", "truoc"),
            nay = "nay",
            sau = "sau",
            toi = w("tới", "toi"),
        ))
        .expect("valid pattern"),
        // tháng 5 vừa qua / tháng 11 tới / tháng 12 (alone)
        month_rel: Regex::new(&format!(
            r"{thang}\s+(\d{{1,2}})\b(\s+(?:{vua_qua}|{qua}|{truoc}|{toi}|{sap_toi}|{nay}))?",
            vua_qua = w("vừa qua", "vua qua"),
            qua = "qua",
            truoc = w("trước", "truoc"),
            toi = w("tới", "toi"),
            sap_toi = w("sắp tới", "sap toi"),
            nay = "này",
        ))
        .expect("valid pattern"),
        // năm 2020
        year: Regex::new(&format!(r"\b{nam}\s+((?:19|20)\d{{2}})\b(?:[^\d/\-]|$)")).expect("valid pattern"),
        relative: Regex::new(&format!(
            r"\b(?:{hom_qua}|{tuan_truoc}|{tuan_qua}|{thang_truoc}|{thang_sau}|{thang_toi}|{nam_ngoai}|{nam_truoc}|{nam_sau}|{nam_toi}|{tuan_sau}|{tuan_toi}|{hom_nay}|{sang_nay})\b",
            hom_qua = w("hôm qua", "hom qua"),
            tuan_truoc = w("tuần trước", "tuan truoc"),
            tuan_qua = w("tuần qua", "tuan qua"),
            thang_truoc = w("tháng trước", "thang truoc"),
            thang_sau = w("tháng sau", "thang sau"),
            thang_toi = w("tháng tới", "thang toi"),
            nam_ngoai = w("năm ngoái", "nam ngoai"),
            nam_truoc = w("năm trước", "nam truoc"),
            nam_sau = w("năm sau", "nam sau"),
            nam_toi = w("năm tới", "nam toi"),
            tuan_sau = w("tuần sau", "tuan sau"),
            tuan_toi = w("tuần tới", "tuan toi"),
            hom_nay = w("hôm nay", "hom nay"),
            sang_nay = w("sáng nay", "sang nay"),
        ))
        .expect("valid pattern"),
        ahead_cue: Regex::new(if plain {
            r"\b(?:du kien|sap toi|sap dien ra|se dien ra|toi day|thang sau|tuan sau|nam sau|chuan bi dien ra|len ke hoach)\b"
        } else {
            r"\b(?:dự kiến|sẽ|sắp tới|sắp|tới đây|tháng sau|tuần sau|năm sau|chuẩn bị diễn ra|lên kế hoạch)\b"
        })
        .expect("valid pattern"),
        horizon_before: Regex::new(if plain {
            r"(?:den|toi|truoc|tam nhin|giai doan|muc tieu|den het|dinh huong)\s*$"
        } else {
            r"(?:đến|tới|trước|tầm nhìn|giai đoạn|mục tiêu|đến hết|định hướng)\s*$"
        })
        .expect("valid pattern"),
        doc_number_before: Regex::new(if plain {
            r"(?:nghi dinh|thong tu|quyet dinh|chi thi|nghi quyet|cong van|luat|so|ma so|ban an|phien ban|version|ios|android|windows)\s*$"
        } else {
            r"(?:nghị định|thông tư|quyết định|chỉ thị|nghị quyết|công văn|luật|số|mã số|bản án|phiên bản|version|ios|android|windows)\s*$"
        })
        .expect("valid pattern"),
    }
}

fn patterns(plain: bool) -> &'static Patterns {
    static ACCENTED: OnceLock<Patterns> = OnceLock::new();
    static PLAIN: OnceLock<Patterns> = OnceLock::new();
    if plain {
        PLAIN.get_or_init(|| build(true))
    } else {
        ACCENTED.get_or_init(|| build(false))
    }
}

/// The lower-case NFC form a sentence is matched in, and whether it is typed without
/// diacritics.
pub fn matching_form(sentence: &str) -> (String, bool) {
    let lower: String = if is_nfc_quick(sentence.chars()) == IsNormalized::Yes {
        sentence.to_lowercase()
    } else {
        sentence.nfc().collect::<String>().to_lowercase()
    };
    let plain = !lower.chars().any(|c| !c.is_ascii() && c.is_alphabetic());
    (lower, plain)
}

fn valid_day_month(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

fn overlaps(taken: &[(usize, usize)], start: usize, end: usize) -> bool {
    taken.iter().any(|&(s, e)| start < e && s < end)
}

/// Finds the date mentions of one sentence, in order.
pub fn find_dates(sentence: &str) -> Vec<Mention> {
    let (text, plain) = matching_form(sentence);
    let p = patterns(plain);
    let mut out: Vec<Mention> = Vec::new();
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let push = |out: &mut Vec<Mention>,
                taken: &mut Vec<(usize, usize)>,
                start: usize,
                end: usize,
                written: Written| {
        if overlaps(taken, start, end) {
            return;
        }
        taken.push((start, end));
        out.push(Mention {
            start,
            end,
            written,
            ahead: false,
        });
    };
    let num = |s: &str| s.parse::<u32>().unwrap_or(0);
    let not_document = |start: usize| !p.doc_number_before.is_match(&text[..start]);
    // Every form but the relative ones ("hôm qua") holds a digit: most sentences have none, and
    // need not go through those patterns (`is_numeric` covers every digit `\d` matches).
    let with_digits: &str = if text.chars().any(char::is_numeric) {
        &text
    } else {
        ""
    };

    for c in p.written_full.captures_iter(with_digits) {
        let (d, m) = (num(&c[1]), num(&c[2]));
        if valid_day_month(d, m) {
            let year = c.get(3).map_or(YearHint::None, |y| {
                YearHint::Explicit(num(y.as_str()) as i32)
            });
            let all = c.get(0).map_or(0..0, |g| g.range());
            push(
                &mut out,
                &mut taken,
                all.start,
                all.end,
                Written::Day {
                    day: d,
                    month: m,
                    year,
                },
            );
        }
    }
    for c in p.range.captures_iter(with_digits) {
        let (d1, d2, m) = (num(&c[1]), num(&c[2]), num(&c[3]));
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(4).or_else(|| c.get(3)).map_or(0, |g| g.end());
        if valid_day_month(d1, m) && valid_day_month(d2, m) && d1 < d2 && not_document(start) {
            let year = c.get(4).map_or(YearHint::None, |y| {
                YearHint::Explicit(num(y.as_str()) as i32)
            });
            push(
                &mut out,
                &mut taken,
                start,
                end,
                Written::Day {
                    day: d1,
                    month: m,
                    year,
                },
            );
        }
    }
    for c in p.full.captures_iter(with_digits) {
        let (d, m, y) = (num(&c[1]), num(&c[2]), num(&c[3]));
        let start = c.get(1).map_or(0, |g| g.start());
        let end = c.get(3).map_or(0, |g| g.end());
        // "13/2023/NĐ-CP" style numbers are refused by the month check; a trailing "/xx" is
        // refused by the pattern itself.
        if valid_day_month(d, m) && not_document(start) {
            push(
                &mut out,
                &mut taken,
                start,
                end,
                Written::Day {
                    day: d,
                    month: m,
                    year: YearHint::Explicit(y as i32),
                },
            );
        }
    }
    for c in p.month_year.captures_iter(with_digits) {
        let m = num(&c[1]);
        if !(1..=12).contains(&m) {
            continue;
        }
        let all = c.get(0).map_or(0..0, |g| g.range());
        let year = if let Some(y) = c.get(2) {
            YearHint::Explicit(num(y.as_str()) as i32)
        } else {
            match c.get(3).map_or("", |g| g.as_str()) {
                y if y.chars().all(|ch| ch.is_ascii_digit()) && !y.is_empty() => {
                    YearHint::Explicit(num(y) as i32)
                }
                "ngoái" | "ngoai" | "trước" | "truoc" => YearHint::LastYear,
                "nay" => YearHint::ThisYear,
                _ => YearHint::NextYear,
            }
        };
        push(
            &mut out,
            &mut taken,
            all.start,
            all.end,
            Written::Month {
                month: m,
                year,
                past: false,
                ahead: false,
            },
        );
    }
    for dm in day_month_matches(&p.day_month, with_digits, plain) {
        let (d, m) = (num(&text[dm.day.clone()]), num(&text[dm.month.clone()]));
        let start = dm.whole.start;
        let end = dm.month.end;
        let has_cue = dm.cue
            || text[..dm.day.start]
                .trim_end()
                .ends_with(if plain { "ngay" } else { "ngày" });
        if !valid_day_month(d, m) || !has_cue {
            continue;
        }
        // Scores are written with dashes; take "29-3" only after "ngày"/"hôm"-like words.
        if dm.dash && !dm.cue {
            continue;
        }
        if !not_document(dm.day.start) {
            continue;
        }
        push(
            &mut out,
            &mut taken,
            start,
            end,
            Written::Day {
                day: d,
                month: m,
                year: YearHint::None,
            },
        );
    }
    for c in p.month_rel.captures_iter(with_digits) {
        let m = num(&c[1]);
        if !(1..=12).contains(&m) {
            continue;
        }
        let all = c.get(0).map_or(0..0, |g| g.range());
        // "tháng 3" followed by a number is "tháng 3/2024" or a date handled above.
        if text[all.end..]
            .trim_start()
            .starts_with(|ch: char| ch.is_ascii_digit() || ch == '/')
        {
            continue;
        }
        let tail = c.get(2).map_or("", |g| g.as_str().trim());
        let past = matches!(
            tail,
            "vừa qua" | "vua qua" | "qua" | "trước" | "truoc" | "này"
        );
        let ahead = matches!(tail, "tới" | "toi" | "sắp tới" | "sap toi");
        push(
            &mut out,
            &mut taken,
            all.start,
            all.end,
            Written::Month {
                month: m,
                year: YearHint::None,
                past,
                ahead,
            },
        );
    }
    for c in p.year.captures_iter(with_digits) {
        let y = num(&c[1]) as i32;
        let g = c.get(0).map_or(0..0, |g| g.range());
        // "Việt Nam 2023" typed plain is not a year mention.
        if plain && text[..g.start].trim_end().ends_with("viet") {
            continue;
        }
        // "đến năm 2030", "tầm nhìn năm 2045": a horizon, not a happening.
        if p.horizon_before.is_match(&text[..g.start]) {
            continue;
        }
        let end = c.get(1).map_or(g.end, |m| m.end());
        push(&mut out, &mut taken, g.start, end, Written::Year(y));
    }
    for m in p.relative.find_iter(&text) {
        let phrase = m.as_str();
        let folded = crate::text::fold_diacritics(phrase);
        let written = match folded.as_str() {
            "hom qua" => Written::RelativeDays(-1),
            "hom nay" | "sang nay" => Written::RelativeDays(0),
            "tuan truoc" | "tuan qua" => Written::RelativeDays(-7),
            "tuan sau" | "tuan toi" => Written::RelativeDays(7),
            "thang truoc" => Written::RelativeMonths(-1),
            "thang sau" | "thang toi" => Written::RelativeMonths(1),
            "nam ngoai" | "nam truoc" => Written::RelativeYears(-1),
            _ => Written::RelativeYears(1),
        };
        push(&mut out, &mut taken, m.start(), m.end(), written);
    }
    out.sort_by_key(|m| m.start);
    // A date lies ahead when a cue word stands in its clause or just before it.
    let cues: Vec<(usize, usize)> = p
        .ahead_cue
        .find_iter(&text)
        .map(|m| (m.start(), m.end()))
        .collect();
    for mention in &mut out {
        let clause_start = text[..mention.start]
            .rfind([',', ';', '.', ':', '('])
            .map_or(0, |i| i + 1);
        let clause_end = text[mention.end..]
            .find([',', ';', '.', ':', ')'])
            .map_or(text.len(), |i| mention.end + i);
        mention.ahead = cues
            .iter()
            .any(|&(s, e)| s >= clause_start && e <= clause_end);
        if let Written::Month { ahead: true, .. } = mention.written {
            mention.ahead = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(s: &str) -> Vec<Written> {
        find_dates(s).into_iter().map(|m| m.written).collect()
    }

    /// The definition `day_month_matches` stands in for: the pattern with `\b` before the cue.
    fn reference_day_month(text: &str, plain: bool) -> Vec<DayMonth> {
        let ngay = if plain { "ngay" } else { "ngày" };
        let regex = Regex::new(&day_month_pattern(cue_words(plain), ngay, true)).unwrap();
        regex
            .captures_iter(text)
            .map(|c| DayMonth {
                whole: c.get(0).unwrap().range(),
                cue: c.get(1).is_some(),
                day: c.get(2).unwrap().range(),
                dash: &c[3] == "-",
                month: c.get(4).unwrap().range(),
            })
            .collect()
    }

    #[test]
    fn day_month_matches_equal_the_word_boundary_pattern() {
        let mut texts: Vec<String> = [
            "từ 5/3 đến 7/3",
            "xtừ 5/3",
            "xngày 5/3 và ángày 6-3",
            "29/3, từ 30/3; hôm 1-4",
            "Trận đấu 2-1 ngày 3-4, tối 5/6",
            "thứ hai 12/5 rạng sáng 13/5 và lúc 9/9",
            "ngày ngày 5/3 rồi sángngày 6/3",
            "tu ngay 5/3 den ngay 7/3 toi 8/3 xtu 9/3 xngay 10/3",
            "đầu 1/2 giữa3/4 cuối 5/6",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for dir in ["tests/data/heldout.jsonl", "training/corpus/other-a.jsonl"] {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/").to_string() + dir;
            let text = std::fs::read_to_string(path).unwrap();
            texts.extend(text.lines().map(str::to_owned));
        }
        for text in &texts {
            let (lower, _) = matching_form(text);
            for plain in [false, true] {
                let regex = &patterns(plain).day_month;
                let folded = crate::text::fold_diacritics(&lower);
                for form in [lower.as_str(), folded.as_str()] {
                    assert_eq!(
                        day_month_matches(regex, form, plain),
                        reference_day_month(form, plain),
                        "plain={plain} {form:?}"
                    );
                }
            }
        }
    }

    fn day(day: u32, month: u32, year: YearHint) -> Written {
        Written::Day { day, month, year }
    }

    #[test]
    fn day_month_with_cue_words() {
        assert_eq!(
            written("Ngày 29/3, các nhà ngoại giao"),
            vec![day(29, 3, YearHint::None)]
        );
        assert_eq!(
            written("hôm 5/11 tại Hà Nội"),
            vec![day(5, 11, YearHint::None)]
        );
        assert_eq!(
            written("Sáng 22/5, Estonia"),
            vec![day(22, 5, YearHint::None)]
        );
        assert_eq!(
            written("chiều 14/3 và tối 15/3"),
            vec![day(14, 3, YearHint::None), day(15, 3, YearHint::None)]
        );
        assert_eq!(
            written("Rạng sáng 20/1 giờ Việt Nam"),
            vec![day(20, 1, YearHint::None)]
        );
    }

    #[test]
    fn full_dates() {
        assert_eq!(
            written("vào 29/3/2024 ông nói"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("29-3-2024"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("ngày 29 tháng 3 năm 2024"),
            vec![day(29, 3, YearHint::Explicit(2024))]
        );
        assert_eq!(written("ngày 29 tháng 3"), vec![day(29, 3, YearHint::None)]);
    }

    #[test]
    fn months_and_years() {
        assert_eq!(
            written("thành lập tháng 12/2023"),
            vec![Written::Month {
                month: 12,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("tháng 8 năm 2023"),
            vec![Written::Month {
                month: 8,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("vào tháng 8 năm ngoái"),
            vec![Written::Month {
                month: 8,
                year: YearHint::LastYear,
                past: false,
                ahead: false
            }]
        );
        assert_eq!(
            written("Trước đó, tháng 5 vừa qua, ông đề xuất"),
            vec![Written::Month {
                month: 5,
                year: YearHint::None,
                past: true,
                ahead: false
            }]
        );
        assert_eq!(
            written("trong năm 2020, Việt Nam"),
            vec![Written::Year(2020)]
        );
    }

    #[test]
    fn ranges_give_their_first_day() {
        assert_eq!(written("từ ngày 19-21/5"), vec![day(19, 5, YearHint::None)]);
        assert_eq!(
            written("hội nghị 6 - 7/10/2024"),
            vec![day(6, 10, YearHint::Explicit(2024))]
        );
        assert_eq!(
            written("diễn ra từ 22 đến 24/10"),
            vec![day(22, 10, YearHint::None)]
        );
        assert_eq!(
            written("từ 31/10 đến 1/11/2025"),
            vec![
                day(31, 10, YearHint::None),
                day(1, 11, YearHint::Explicit(2025))
            ]
        );
    }

    #[test]
    fn relative_forms() {
        assert_eq!(written("hôm qua"), vec![Written::RelativeDays(-1)]);
        assert_eq!(written("tuần trước"), vec![Written::RelativeDays(-7)]);
        assert_eq!(written("tháng trước"), vec![Written::RelativeMonths(-1)]);
        assert_eq!(written("năm ngoái"), vec![Written::RelativeYears(-1)]);
        assert_eq!(written("vào tháng sau"), vec![Written::RelativeMonths(1)]);
    }

    #[test]
    fn text_without_diacritics() {
        assert_eq!(
            written("Ngay 29/3, cac nha ngoai giao"),
            vec![day(29, 3, YearHint::None)]
        );
        assert_eq!(
            written("thanh lap thang 12/2023"),
            vec![Written::Month {
                month: 12,
                year: YearHint::Explicit(2023),
                past: false,
                ahead: false
            }]
        );
        assert_eq!(written("hom qua"), vec![Written::RelativeDays(-1)]);
        assert_eq!(written("nam 2020"), vec![Written::Year(2020)]);
        assert_eq!(written("Viet Nam 2023"), vec![]);
    }

    #[test]
    fn false_friends_are_not_dates() {
        assert_eq!(written("lúc 6 giờ 53 phút"), vec![]);
        assert_eq!(written("tỉ số 2-0 nghiêng về chủ nhà"), vec![]);
        assert_eq!(written("đội thắng 3-1"), vec![]);
        assert_eq!(written("giá 1.500 đồng, tăng 44,8%"), vec![]);
        assert_eq!(written("khoảng 2/3 số đơn hàng"), vec![]);
        assert_eq!(written("giám sát 24/7"), vec![]);
        assert_eq!(written("Nghị định 13/2023/NĐ-CP"), vec![]);
        assert_eq!(written("Thông tư 09/2020 của Bộ"), vec![]);
        assert_eq!(written("bản cập nhật iOS 17.4"), vec![]);
        assert_eq!(written("tỷ lệ 3/4 cử tri"), vec![]);
        assert_eq!(written("Việt Nam 2023"), vec![]);
    }

    #[test]
    fn horizons_are_not_events() {
        assert_eq!(written("mục tiêu đến năm 2030"), vec![]);
        assert_eq!(written("tầm nhìn năm 2045"), vec![]);
        assert_eq!(written("vào năm 2030 sẽ có"), vec![Written::Year(2030)]);
    }

    #[test]
    fn ahead_cues_in_the_clause() {
        let m = find_dates("Hội nghị dự kiến diễn ra ngày 20/11 tại Lima");
        assert!(m[0].ahead);
        let m = find_dates("Ngày 27/3, các nguồn tin cho biết hai nhà lãnh đạo sẽ gặp nhau");
        assert!(!m[0].ahead, "the cue is in another clause");
        let m = find_dates("Dự kiến ngày 5/12 sẽ khai mạc");
        assert!(m[0].ahead);
    }
}
