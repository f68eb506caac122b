//! The grammar's compiled pieces for one spelling (with or without diacritics): the regexes
//! of the written forms and the word lists the forms check their context with.
//!
//! The word lists live in `text::lexicon`, accented; for text typed without diacritics they
//! are folded here, so every list is written once. Lists that differ in plain typing ("sẽ"
//! alone is too common typed "se") keep their own plain form in the lexicon.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use regex::Regex;
#[cfg(test)]
use regex::RegexSet;

use super::scan::{Scan, Word};

use crate::text::datenum::{self, alternation_of, spelling};
use crate::text::fold_diacritics;
use crate::text::lexicon as lx;

/// Words of one spelling, longest first where one is a prefix of another.
pub(super) type Words = Vec<String>;

/// Everything the date grammar matches with, for one spelling.
pub(super) struct Grammar {
    /// Whether this is the grammar of text typed without diacritics.
    pub plain: bool,
    /// "ngày 29 tháng 3 năm 2024", "mồng 3 tháng Tư", "12 tháng 10 năm 2017".
    pub spelled: Regex,
    /// "Tháng Mười Hai 29, 2013".
    pub month_first: Regex,
    /// "ngày đầu tiên của tháng 3": the first day of a month.
    pub first_day: Regex,
    /// "tuần đầu tiên của tháng 9 năm 2017", "tuần cuối tháng 5".
    pub week_of_month: Regex,
    /// A holiday's name ("Giáng sinh", "Quốc khánh"), with a day and month or a year after it
    /// ("Quốc khánh 2/9", "Tết Dương lịch 2024").
    pub holiday: Regex,
    /// "3 ngày tới", "trong 2 tháng qua", "suốt khoảng 30 năm qua": a counted window.
    pub window: Regex,
    /// "mồng 8", "mùng 3": a day of a month the text gave before.
    pub mong_day: Regex,
    /// "19-21/5", "đêm 21 rạng sáng 22/4", "10 - 12.2", "6 và 7/4".
    pub range: Regex,
    /// "từ mùng 1 đến mùng 5 tháng 5".
    pub spelled_range: Regex,
    /// "29/3/2024", "14-4-2009", "3/3/17".
    pub full: Regex,
    /// "tháng 12/2023", "tháng 8 năm ngoái", "tháng Ba năm 2019".
    pub month_year: Regex,
    /// "tháng 10-11/2024", "tháng 10 - 11": two months.
    pub month_pair: Regex,
    /// "29/3", "27.10", "17-10": checked for a cue in code.
    pub day_month: Regex,
    /// "hôm qua", "ngày mai", "tối qua", "chiều mai".
    pub relative_day: Regex,
    /// "3 ngày trước", "cách đây 5 ngày", "15 tháng trước", "Mười năm trước".
    pub counted: Regex,
    /// "ngày hôm sau", "sáng hôm sau", "Hai ngày sau", "ba ngày sau đó".
    pub following: Regex,
    /// "tuần qua", "tuần trước", "tuần này", "tuần tới".
    pub week: Regex,
    /// "tháng trước", "tháng này", "tháng sau".
    pub month_relative: Regex,
    /// "năm nay", "năm ngoái", "năm tới".
    pub year_relative: Regex,
    /// "thứ Tư", "thứ 5", "chủ nhật", with an optional cue before.
    pub weekday: Regex,
    /// What may follow a weekday: "tuần tới", "vừa qua", "tới".
    pub weekday_tail: Regex,
    /// "tháng 12", "tháng Tư", "thg 8".
    pub month: Regex,
    /// What may follow a month: "vừa qua", "tới", "này".
    pub month_tail: Regex,
    /// "năm 2020".
    pub year: Regex,
    /// A year continuing a list: ", 2016", " và 2016".
    pub year_list: Regex,
    /// "năm nay", "năm ngoái", "năm 2023" right after a day and month ("ngày 29/3 năm ngoái").
    pub day_month_year_tail: Regex,
    /// The tense and background words of a clause, in one regex: "dự kiến", "sẽ" (ahead),
    /// "đã", "vừa" (past), "kể từ", "thành lập" (background). Whole words are checked in
    /// code, and each word's kinds looked up in `cue_kinds` (see [`cue_spans`]).
    pub cue: Regex,
    /// The kinds of each word of `cue`: [`AHEAD`], [`PAST`], [`BACKGROUND`] (or-ed).
    pub cue_kinds: HashMap<String, u8>,
    /// Words that open a date ("ngày", "sáng", "từ"), to tell a clause that is only a date.
    pub openers: HashSet<String>,
    /// Small word lists the forms check their context with, in this spelling.
    pub small: SmallWords,
    /// Cues before a day/month without a year ("ngày", "sáng", "từ").
    pub cues: Words,
    /// Cues that only open dates ("ngày", "hôm", "mồng"): after them a unit word is the
    /// date's own ("20/1 giờ Việt Nam").
    pub strong_cues: Words,
    /// Cues before a day/month written with dots.
    pub dot_cues: Words,
    /// Times of day.
    pub times_of_day: Words,
    /// Nouns that make "thứ hai" an ordinal.
    pub ordinal_nouns: Words,
    /// Words after a number that make it a quantity.
    pub units: Words,
    /// Words before a year that make it another thing's.
    pub year_owners: Words,
    /// Words before a year that make it a horizon.
    pub horizons: Words,
    /// Target words of a clause.
    pub targets: Words,
    /// Comparison words before a date.
    pub comparisons: Words,
    /// Words before a date that make it the end of something ("đến hết tháng này").
    pub until: Words,
    /// Document and version words before a number.
    pub documents: Words,
    /// Words before "tháng" that make it no date.
    pub month_not_before: Words,
    /// Words after a month name that make it no date.
    pub month_name_not_after: Words,
    /// Month names read only when capitalised.
    pub month_names_capital_only: Words,
    /// Words after a relative phrase that count it from another date of the text.
    pub relative_not_before: Words,
    /// Relative-day phrases refused in plain text.
    pub plain_refused: Words,
    /// "ngày" in this spelling.
    pub day_word: &'static str,
    /// Words before a holiday's name that make it the day.
    pub holiday_cues: Words,
    /// Holidays read only right after "ngày".
    pub holidays_after_day_only: Words,
    /// Holidays whose eve "đêm" names.
    pub holidays_eve: Words,
    /// Words before a holiday (or its "lễ") that make it the break around it.
    pub holiday_break: Words,
    /// Words after a holiday's name that make it another country's.
    pub holiday_owners_after: Words,
}

/// Small word lists of the forms, in one spelling (built once, not per match).
pub(super) struct SmallWords {
    /// "mồng", "mùng".
    pub mong: Words,
    /// "tới" (after a date: ahead).
    pub ahead_tail: Words,
    /// "và", "hoặc".
    pub and: Words,
    /// "vài", "mấy", "các", "những": vague counts.
    pub vague: Words,
    /// "trong" (a duration follows).
    pub within: Words,
    /// "đó" ("sau đó": from another date).
    pub then: Words,
    /// "khi" ("trước khi": from another event).
    pub when: Words,
    /// "tháng", "tết" (after "mồng 5": a spelled date or the lunar new year).
    pub after_mong: Words,
}

/// A cue word says the date lies ahead.
pub(super) const AHEAD: u8 = 1;
/// A cue word says the date is past.
pub(super) const PAST: u8 = 2;
/// A cue word makes the date background.
pub(super) const BACKGROUND: u8 = 4;

/// The whole-word cue words of `text`: byte ranges and kinds.
pub(super) fn cue_spans(g: &Grammar, text: &str) -> Vec<(usize, usize, u8)> {
    g.cue
        .find_iter(text)
        .filter(|m| {
            super::word_boundary_before(text, m.start())
                && super::word_boundary_after(text, m.end())
        })
        .map(|m| {
            let kinds = g.cue_kinds.get(m.as_str()).copied().unwrap_or(0);
            (m.start(), m.end(), kinds)
        })
        .collect()
}

/// What a sentence may hold, from one scan of it as written (see [`prefilter`]): each flag
/// lets the forms that need it run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Holds {
    /// A digit, "/", "." or "-", and a digit ("29/3", "14.5", "17 - 19"): the numeric forms.
    pub separated: bool,
    /// A month word with a number, a name or a relative word ("tháng 5", "tháng Tư",
    /// "tháng trước", "thg 1"): spelled dates, months, relative months.
    pub month: bool,
    /// "năm" and a number ("năm 2020").
    pub year: bool,
    /// "mồng" or "mùng" and a number.
    pub mong: bool,
    /// "hôm qua", "ngày mai", "hôm sau", "tối qua", "chiều mai": relative and following days.
    pub relative_day: bool,
    /// "thứ Hai", "thứ 5", "chủ nhật".
    pub weekday: bool,
    /// "ngày trước", "tháng trước", "cách đây", "sau đó": counted and following days.
    pub counted: bool,
    /// "tuần qua", "tuần tới".
    pub week: bool,
    /// "năm nay", "năm ngoái".
    pub relative_year: bool,
    /// A holiday's name: "Giáng sinh", "Quốc khánh".
    pub holiday: bool,
}

impl Holds {
    /// Every flag: for text the scan cannot judge (decomposed diacritics).
    pub fn everything() -> Self {
        Holds {
            separated: true,
            month: true,
            year: true,
            mong: true,
            relative_day: true,
            weekday: true,
            counted: true,
            week: true,
            relative_year: true,
            holiday: true,
        }
    }

    /// Whether any flag is set.
    pub fn any(&self) -> bool {
        *self != Holds::default()
    }
}

/// The prefilter of [`super::find_dates`]: one scan of the caller's sentence, as written (in
/// lower case, capitalised or upper case, either spelling), for what each form needs (see [`Holds`]). A sentence it finds
/// nothing in holds no date the grammar can read (a test checks this on every text of the
/// repository) and skips lower-casing and every form; the others run only the forms they may
/// hold.
pub(super) fn prefilter(sentence: &str) -> Holds {
    static SCAN: OnceLock<Scan> = OnceLock::new();
    let scan = SCAN.get_or_init(|| Scan::new(prefilter_words()));
    holds_of(scan.flags(sentence, (1 << 10) - 1))
}

/// The flags of [`Holds`], in the order of [`prefilter_words`].
fn holds_of(found: u16) -> Holds {
    let matched = |i: u16| found & (1 << i) != 0;
    Holds {
        separated: matched(0),
        month: matched(1),
        year: matched(2),
        mong: matched(3),
        relative_day: matched(4),
        weekday: matched(5),
        counted: matched(6),
        week: matched(7),
        relative_year: matched(8),
        holiday: matched(9),
    }
}

/// Every word of `list` in both spellings, written as text writes it: lower case, its first
/// letter or every word capitalised ("Hôm qua", "Chủ Nhật"), or upper case. Spelled out
/// rather than matched without case, which would read "tHÁNG" too.
fn written_forms(list: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for w in words(list, false).into_iter().chain(words(list, true)) {
        let capital = |s: &str| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        let title = w.split(' ').map(capital).collect::<Vec<_>>().join(" ");
        for v in [w.clone(), capital(&w), title, w.to_uppercase()] {
            if !all.contains(&v) {
                all.push(v);
            }
        }
    }
    all
}

/// The prefilter's patterns, one per flag of [`Holds`] (in its order), each alternatives of
/// words separated by white space. Flag 0, a digit, "/", "." or "-" and a digit with optional
/// white space between, is read apart and has none here.
fn prefilter_words() -> Vec<Vec<Vec<Word>>> {
    use Word::{Digit, Spellings, SpellingsOrDigit};
    let w = |list: &[&str]| Spellings(written_forms(list));
    let names: Vec<&str> = lx::MONTH_NAMES.iter().map(|(n, _)| *n).collect();
    let weekdays: Vec<&str> = lx::WEEKDAY_NAMES.iter().map(|(n, _)| *n).collect();
    let tails: Vec<&str> = lx::RELATIVE_DAY_TAILS.iter().map(|(n, _)| *n).collect();
    let window_tails: Vec<&str> = lx::WINDOW_TAILS.iter().map(|(n, _)| *n).collect();
    let units = ["ngày", "tuần", "tháng", "năm"];
    // "tháng", and "thg" with a capital or upper-case "hg" and an optional dot.
    let mut month_words = written_forms(&["tháng"]);
    for t in ["t", "T"] {
        for hg in ["hg", "HG"] {
            month_words.push(format!("{t}{hg}"));
            month_words.push(format!("{t}{hg}."));
        }
    }
    // "về" in the order `alt` writes it (longest first, a stable sort).
    let mut ve = written_forms(&["về"]);
    ve.sort_by_key(|v| std::cmp::Reverse(v.chars().count()));
    let ve_spaced = ve.pop().unwrap_or_default();
    let ve_glued: Vec<String> = ve
        .iter()
        .flat_map(|v| {
            written_forms(&["trước"])
                .into_iter()
                .map(move |t| format!("{v}{t}"))
        })
        .collect();
    let mut month_after = written_forms(&names);
    month_after.extend(written_forms(&[
        "trước", "này", "sau", "tới", "qua", "vừa", "kế",
    ]));
    vec![
        // 0: separated
        vec![],
        // 1: month
        vec![vec![
            Spellings(month_words),
            SpellingsOrDigit(month_after, b'0', b'9'),
        ]],
        // 2: year
        vec![vec![w(&["năm"]), Digit(b'0', b'9')]],
        // 3: mong
        vec![vec![w(&["mồng", "mùng"]), Digit(b'0', b'9')]],
        // 4: relative day
        vec![
            vec![
                w(&["hôm", "ngày", "bữa"]),
                w(&["qua", "kia", "nay", "mai", "mốt", "sau"]),
            ],
            vec![w(lx::TIMES_OF_DAY), w(&tails)],
        ],
        // 5: weekday
        vec![
            vec![
                w(&["thứ"]),
                SpellingsOrDigit(written_forms(&weekdays), b'2', b'7'),
            ],
            vec![w(lx::SUNDAY)],
        ],
        // 6: counted, and windows ("3 ngày tới", "2 năm vừa rồi")
        vec![
            vec![w(&units), w(&["trước"])],
            // The regex's `(?:{về}\s+)?` binds the white space to the alternation's last
            // spelling only ("VE"): the others stand glued to "trước" ("vềtrước").
            vec![w(&units), Spellings(ve_glued)],
            vec![w(&units), Spellings(vec![ve_spaced]), w(&["trước"])],
            vec![w(&["cách"]), w(&["đây"])],
            vec![w(&["sau"]), w(&["đó"])],
            vec![w(&units), w(&window_tails)],
        ],
        // 7: week
        vec![vec![
            w(&["tuần"]),
            w(&["qua", "vừa", "trước", "này", "tới", "sau", "kế"]),
        ]],
        // 8: relative year
        vec![vec![
            w(&["năm"]),
            w(&["nay", "ngoái", "trước", "sau", "tới", "tiếp", "kế"]),
        ]],
        // 9: holiday, each word in any of its cases ("Quốc tế Lao động")
        lx::HOLIDAYS
            .iter()
            .map(|(name, _, _)| name.split(' ').map(|word| w(&[word])).collect())
            .collect(),
    ]
}

/// The prefilter as the `RegexSet` it was written as: the reference the scan is checked
/// against.
#[cfg(test)]
pub(super) fn prefilter_regex(sentence: &str) -> Holds {
    static PREFILTER: OnceLock<RegexSet> = OnceLock::new();
    let set = PREFILTER.get_or_init(|| {
        let both = |list: &[&str]| alt(&written_forms(list));
        let names: Vec<&str> = lx::MONTH_NAMES.iter().map(|(n, _)| *n).collect();
        let weekdays: Vec<&str> = lx::WEEKDAY_NAMES.iter().map(|(n, _)| *n).collect();
        let tails: Vec<&str> = lx::RELATIVE_DAY_TAILS.iter().map(|(n, _)| *n).collect();
        let window_tails: Vec<&str> = lx::WINDOW_TAILS.iter().map(|(n, _)| *n).collect();
        let holidays: Vec<&str> = lx::HOLIDAYS.iter().map(|(n, _, _)| *n).collect();
        let patterns = [
            // 0: separated
            r"[0-9]\s*[/.\-]\s*[0-9]".to_string(),
            // 1: month
            format!(
                r"(?:{}|[tT](?:hg|HG)\.?)\s+(?:[0-9]|{}|{})",
                both(&["tháng"]),
                both(&names),
                both(&["trước", "này", "sau", "tới", "qua", "vừa", "kế"])
            ),
            // 2: year
            format!(r"(?:{})\s+[0-9]", both(&["năm"])),
            // 3: mong
            format!(r"(?:{})\s+[0-9]", both(&["mồng", "mùng"])),
            // 4: relative day
            format!(
                r"(?:{})\s+(?:{})|(?:{})\s+(?:{})",
                both(&["hôm", "ngày", "bữa"]),
                both(&["qua", "kia", "nay", "mai", "mốt", "sau"]),
                both(lx::TIMES_OF_DAY),
                both(&tails)
            ),
            // 5: weekday
            format!(
                r"(?:{})\s+(?:{}|[2-7])|(?:{})",
                both(&["thứ"]),
                both(&weekdays),
                both(lx::SUNDAY)
            ),
            // 6: counted, and windows ("3 ngày tới", "2 năm vừa rồi")
            format!(
                r"(?:{})\s+(?:{}\s+)?(?:{})|(?:{})\s+(?:{})|(?:{})\s+(?:{})|(?:{})\s+(?:{})",
                both(&["ngày", "tuần", "tháng", "năm"]),
                both(&["về"]),
                both(&["trước"]),
                both(&["cách"]),
                both(&["đây"]),
                both(&["sau"]),
                both(&["đó"]),
                both(&["ngày", "tuần", "tháng", "năm"]),
                both(&window_tails)
            ),
            // 7: week
            format!(
                r"(?:{})\s+(?:{})",
                both(&["tuần"]),
                both(&["qua", "vừa", "trước", "này", "tới", "sau", "kế"])
            ),
            // 8: relative year
            format!(
                r"(?:{})\s+(?:{})",
                both(&["năm"]),
                both(&["nay", "ngoái", "trước", "sau", "tới", "tiếp", "kế"])
            ),
            // 9: holiday, each word in any of its cases ("Quốc tế Lao động")
            holidays
                .iter()
                .map(|name| {
                    name.split(' ')
                        .map(|w| format!("(?:{})", both(&[w])))
                        .collect::<Vec<_>>()
                        .join(r"\s+")
                })
                .collect::<Vec<_>>()
                .join("|"),
        ];
        RegexSet::new(patterns).expect("valid patterns")
    });
    let found = set.matches(sentence);
    holds_of((0..10).fold(0, |m, i| m | u16::from(found.matched(i)) << i))
}

/// The grammar of one spelling, built once.
pub(super) fn grammar(plain: bool) -> &'static Grammar {
    static ACCENTED: OnceLock<Grammar> = OnceLock::new();
    static PLAIN: OnceLock<Grammar> = OnceLock::new();
    if plain {
        PLAIN.get_or_init(|| build(true))
    } else {
        ACCENTED.get_or_init(|| build(false))
    }
}

/// `words` in one spelling: as written, or folded (duplicates dropped, order kept).
pub(super) fn words(list: &[&str], plain: bool) -> Words {
    let mut out: Words = Vec::with_capacity(list.len());
    for w in list {
        let w = if plain {
            fold_diacritics(w)
        } else {
            (*w).to_string()
        };
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// The first items of pairs, in one spelling.
fn keys<T>(list: &[(&str, T)], plain: bool) -> Words {
    let names: Vec<&str> = list.iter().map(|(w, _)| *w).collect();
    words(&names, plain)
}

/// A regex alternation of words, longest first: the regex takes the first alternative that
/// matches, and "ba" must not win over "bay" (typed for "bảy").
fn alt(words: &[String]) -> String {
    let mut words: Vec<&String> = words.iter().collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words
        .into_iter()
        .map(|w| regex::escape(w).replace(' ', r"\s+"))
        .collect::<Vec<_>>()
        .join("|")
}

fn build(plain: bool) -> Grammar {
    let w = |pair| spelling(pair, plain);
    let (ngay, thang, nam) = (w(lx::DAY), w(lx::MONTH), w(lx::YEAR));
    let fold = |s: &str| {
        if plain {
            fold_diacritics(s)
        } else {
            s.to_string()
        }
    };
    let (hom, mong, mung, thu, tuan) = (
        fold("hôm"),
        fold("mồng"),
        fold("mùng"),
        fold("thứ"),
        fold("tuần"),
    );
    let regex = |pattern: &str| Regex::new(pattern).expect("valid pattern");
    let tod = alt(&words(lx::TIMES_OF_DAY, plain));
    let names = alt(&keys(lx::MONTH_NAMES, plain));
    let numbers = alt(&keys(lx::NUMBER_WORDS, plain));
    let links = alt(&words(lx::RANGE_LINKS, plain));
    let sunday = alt(&words(lx::SUNDAY, plain));
    let weekday_names = alt(&keys(lx::WEEKDAY_NAMES, plain));
    let month_word = format!(r"(?:{thang}|thg\.?)");
    let year4 = r"(?:19|20)[0-9]{2}";
    let day_word = format!("(?:{ngay}|{mong}|{mung})");
    let relative_years = alternation_of(lx::RELATIVE_YEAR_WORDS, plain);
    let count = format!(r"([0-9]{{1,3}}|(?:{numbers})(?:\s+(?:{numbers})){{0,2}})");
    let units_of_time = format!("{ngay}|{tuan}|{thang}|{nam}");
    let ahead_words = if plain {
        lx::AHEAD_CUES_PLAIN
    } else {
        lx::AHEAD_CUES
    };
    let pairs_of = |list: &[(&str, i64)]| alt(&keys(list, plain));
    let mut cue_kinds: HashMap<String, u8> = HashMap::new();
    let own: Vec<String> = ahead_words.iter().map(|w| (*w).to_string()).collect();
    for (list, kind) in [
        (own, AHEAD),
        (words(lx::PAST_CUES, plain), PAST),
        (words(lx::BACKGROUND_CUES, plain), BACKGROUND),
    ] {
        for w in list {
            *cue_kinds.entry(w).or_default() |= kind;
        }
    }
    let tails_of = |list: &[(&str, i32)]| alt(&keys(list, plain));
    let pairs_bool = |list: &[(&str, bool)]| alt(&keys(list, plain));
    let holiday_names: Vec<&str> = lx::HOLIDAYS.iter().map(|(n, _, _)| *n).collect();
    Grammar {
        plain,
        spelled: regex(&format!(
            r"(?:({day_word})\s+(?:(?:{mong}|{mung})\s+)?)?([0-9]{{1,2}})\s+{month_word}\s+([0-9]{{1,2}}|{names})(?:(?:\s*,\s*|\s+{nam}\s+|\s+)({year4}))?"
        )),
        month_first: regex(&format!(
            r"{month_word}\s+([0-9]{{1,2}}|{names})\s+([0-9]{{1,2}})\s*,\s*({year4})"
        )),
        first_day: regex(&format!(
            r"{ngay}\s+{}\s+(?:{}\s+)?{month_word}\s+([0-9]{{1,2}}|{names})(?:\s*[/\-]\s*({year4})|\s+{nam}\s+({year4}))?",
            fold("đầu tiên"),
            fold("của")
        )),
        week_of_month: regex(&format!(
            r"{tuan}\s+({})\s+(?:{}\s+)?{month_word}\s+([0-9]{{1,2}}|{names})(?:\s*[/\-]\s*({year4})|\s+{nam}\s+({year4}))?",
            pairs_bool(lx::WEEK_OF_MONTH),
            fold("của")
        )),
        holiday: regex(&format!(
            r"({})(?:\s*\(?\s*([0-9]{{1,2}})\s*[/\.\-]\s*([0-9]{{1,2}})\)?)?(?:\s+(?:{nam}\s+)?({year4}))?",
            alt(&words(&holiday_names, plain))
        )),
        window: regex(&format!(
            r"(?:({})\s+)?(?:(?:{})\s+)?{count}\s+({units_of_time})\s+({})",
            alt(&words(lx::WINDOW_OPENERS, plain)),
            alt(&words(lx::WINDOW_APPROXIMATE, plain)),
            pairs_bool(lx::WINDOW_TAILS)
        )),
        mong_day: regex(&format!(r"(?:{mong}|{mung})\s+([0-9]{{1,2}})")),
        range: regex(&format!(
            r"([0-9]{{1,2}})\s*(?:[-–—]|(?:{links})(?:\s+(?:{tod}))?)\s*(?:{day_word}\s+)?(?:(?:{tod})\s+)?([0-9]{{1,2}})\s*([/\.\-])\s*([0-9]{{1,2}})(?:\s*([/\.\-])\s*({year4}|[0-9]{{2}}))?"
        )),
        spelled_range: regex(&format!(
            r"([0-9]{{1,2}})\s*(?:[-–—]|{links})\s*(?:{day_word}\s+)?([0-9]{{1,2}})\s+{month_word}\s+([0-9]{{1,2}}|{names})(?:(?:\s*,\s*|\s+{nam}\s+|\s+)({year4}))?"
        )),
        full: regex(&datenum::full_date_pattern()),
        month_year: regex(&format!(
            r"{month_word}\s+([0-9]{{1,2}}|{names})(?:\s*([/\-\.])\s*({year4})|\s*,?\s+{nam}\s+({year4}|{relative_years})|\s*,\s*({year4}))"
        )),
        month_pair: regex(&format!(
            r"{month_word}\s+([0-9]{{1,2}})\s*[-–]\s*([0-9]{{1,2}})(?:\s*[/\-\.]\s*({year4})|\s+{nam}\s+({year4}))?"
        )),
        day_month: regex(r"([0-9]{1,2})([/\.\-])([0-9]{1,2})"),
        relative_day: regex(&format!(
            r"(?:(?:{tod})\s+)?({})|(?:{tod})\s+({})",
            pairs_of(lx::RELATIVE_DAYS),
            pairs_of(lx::RELATIVE_DAY_TAILS)
        )),
        counted: regex(&format!(
            r"(?:(cách\s+đây|cach\s+day)\s+)?{count}\s+({units_of_time})(?:\s+(?:về\s+|ve\s+)?({}))?",
            fold("trước")
        )),
        following: regex(&format!(
            r"(?:(?:{tod})\s+)?(?:{ngay}\s+)?{hom}\s+{}|{count}\s+{ngay}\s+{}(?:\s+({}))?|{}\s+{}\s+{count}\s+{ngay}",
            fold("sau"),
            fold("sau"),
            fold("đó"),
            fold("sau"),
            fold("đó")
        )),
        week: regex(&format!(
            r"{tuan}\s+({}|{})",
            fold("qua"),
            tails_of(lx::WEEK_TAILS)
        )),
        month_relative: regex(&format!(
            r"{thang}\s+({}|{}|{})",
            fold("vừa qua"),
            fold("qua"),
            tails_of(lx::MONTH_TAILS_RELATIVE)
        )),
        year_relative: regex(&format!(r"{nam}\s+({})", tails_of(lx::YEAR_TAILS_RELATIVE))),
        weekday: regex(&format!(
            r"(?:((?:{tod})|{hom}|{}|{ngay})\s+(?:(?:{hom}|{ngay})\s+)?)?(?:({thu})\s+({weekday_names}|[2-7])|({sunday}))",
            fold("vào")
        )),
        weekday_tail: regex(&format!(
            r"^\s+(?:(?:{}\s+)?{tuan}\s+({}|{}|{})|({}|{}|{}|{}|{}))",
            fold("của"),
            fold("vừa qua"),
            fold("qua"),
            tails_of(lx::WEEK_TAILS),
            fold("vừa qua"),
            fold("vừa rồi"),
            fold("sắp tới"),
            fold("tới"),
            fold("này"),
        )),
        month: regex(&format!(r"{month_word}\s+([0-9]{{1,2}}|{names})")),
        month_tail: regex(&format!(
            r"^\s+({}|{}|{}|{}|{}|{}|{})",
            fold("vừa qua"),
            fold("vừa rồi"),
            fold("sắp tới"),
            fold("qua"),
            fold("trước"),
            fold("tới"),
            fold("này")
        )),
        year: regex(&format!(r"{nam}\s+({year4})")),
        year_list: regex(&format!(
            r"^\s*(?:,|{}|{})\s*({year4})",
            fold("và"),
            fold("hoặc")
        )),
        day_month_year_tail: regex(&format!(r"^\s+{nam}\s+({year4}|{relative_years})")),
        cue: regex(&alt(&cue_kinds.keys().cloned().collect::<Vec<_>>())),
        cue_kinds,
        openers: words(
            if plain {
                lx::DATE_CUES_PLAIN
            } else {
                lx::DATE_CUES
            },
            false,
        )
        .into_iter()
        .chain(words(lx::TIMES_OF_DAY, plain))
        .collect(),
        small: SmallWords {
            mong: words(&["mồng", "mùng"], plain),
            ahead_tail: words(&["tới"], plain),
            and: words(&["và", "hoặc"], plain),
            vague: words(&["vài", "mấy", "các", "những"], plain),
            within: words(&["trong"], plain),
            then: words(&["đó"], plain),
            when: words(&["khi"], plain),
            after_mong: words(&["tháng", "tết"], plain),
        },
        cues: words(
            if plain {
                lx::DATE_CUES_PLAIN
            } else {
                lx::DATE_CUES
            },
            false,
        ),
        dot_cues: words(lx::DOT_CUES, plain),
        strong_cues: words(&["ngày", "hôm", "mồng", "mùng", "rạng sáng"], plain),
        times_of_day: words(lx::TIMES_OF_DAY, plain),
        ordinal_nouns: words(lx::ORDINAL_NOUNS, plain),
        units: words(lx::QUANTITY_UNITS, plain),
        year_owners: words(lx::YEAR_OWNERS, plain),
        horizons: words(
            if plain {
                lx::HORIZON_WORDS_PLAIN
            } else {
                lx::HORIZON_WORDS
            },
            false,
        ),
        targets: words(lx::TARGET_WORDS, plain),
        comparisons: words(lx::COMPARISON_WORDS, plain),
        until: words(lx::UNTIL_WORDS, plain),
        documents: words(
            if plain {
                lx::DOCUMENT_WORDS_PLAIN
            } else {
                lx::DOCUMENT_WORDS
            },
            false,
        ),
        month_not_before: words(lx::MONTH_NOT_BEFORE, plain),
        month_name_not_after: words(lx::MONTH_NAME_NOT_AFTER, plain),
        month_names_capital_only: words(lx::MONTH_NAMES_CAPITAL_ONLY, plain),
        relative_not_before: words(lx::RELATIVE_NOT_BEFORE, plain),
        plain_refused: if plain {
            words(lx::PLAIN_RELATIVE_DAY_REFUSED, false)
        } else {
            Vec::new()
        },
        day_word: ngay,
        holiday_cues: words(lx::HOLIDAY_CUES, plain),
        holidays_after_day_only: words(lx::HOLIDAYS_AFTER_DAY_ONLY, plain),
        holidays_eve: words(lx::HOLIDAYS_EVE, plain),
        holiday_break: words(lx::HOLIDAY_BREAK, plain),
        holiday_owners_after: words(lx::HOLIDAY_OWNERS_AFTER, plain),
    }
}

/// The number a month token names: digits ("4") or a name ("tư", "mười hai").
pub(super) fn month_number(token: &str) -> Option<u32> {
    if token.starts_with(|c: char| c.is_ascii_digit()) {
        let m = datenum::number(token);
        return (1..=12).contains(&m).then_some(m);
    }
    let token = normalise_spaces(token);
    lx::MONTH_NAMES
        .iter()
        .find(|(name, _)| *name == token || fold_diacritics(name) == token)
        .map(|&(_, m)| m)
}

/// The weekday (Monday = 0) a name after "thứ" gives: "hai", "2", ... "bảy", "7".
pub(super) fn weekday_number(token: &str) -> Option<u32> {
    if let Ok(n) = token.parse::<u32>() {
        return (2..=7).contains(&n).then(|| n - 2);
    }
    lx::WEEKDAY_NAMES
        .iter()
        .find(|(name, _)| *name == token || fold_diacritics(name) == token)
        .map(|&(_, d)| d)
}

/// A count written in digits ("15") or words ("ba", "hai mươi", "mười lăm", "hai mươi mốt").
pub(super) fn count_number(token: &str) -> Option<u32> {
    if token.starts_with(|c: char| c.is_ascii_digit()) {
        return token.parse().ok().filter(|&n| n > 0);
    }
    let value = |w: &str| {
        lx::NUMBER_WORDS
            .iter()
            .find(|(name, _)| *name == w || fold_diacritics(name) == w)
            .map(|&(_, n)| n)
    };
    let typed: Vec<&str> = token.split_whitespace().collect();
    let parts: Vec<u32> = typed.iter().map(|w| value(w)).collect::<Option<_>>()?;
    // "mươi" (ten, after a unit), "lăm" and "mốt" (five and one, after a ten) never stand
    // alone or first.
    let never_first = ["mươi", "muoi", "lăm", "lam", "mốt"];
    if typed.first().is_none_or(|w| never_first.contains(w)) {
        return None;
    }
    let is_ten = |w: &str| matches!(w, "mươi" | "muoi");
    match (typed.as_slice(), parts.as_slice()) {
        // "ba", "mười".
        (_, [n]) => Some(*n),
        // "mười lăm", "mười một": ten and a unit.
        ([_, u], [10, n]) if *n < 10 && !is_ten(u) => Some(10 + n),
        // "hai mươi", "ba mươi".
        ([_, t], [n, 10]) if is_ten(t) && (2..10).contains(n) => Some(n * 10),
        // "hai mươi mốt", "hai mươi lăm".
        ([_, t, u], [n, 10, k]) if is_ten(t) && !is_ten(u) && (2..10).contains(n) && *k < 10 => {
            Some(n * 10 + k)
        }
        _ => None,
    }
}

/// Collapses runs of whitespace to one space.
fn normalise_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_in_words_and_digits() {
        for (text, n) in [
            ("ba", Some(3)),
            ("mười", Some(10)),
            ("mười lăm", Some(15)),
            ("hai mươi", Some(20)),
            ("hai mươi mốt", Some(21)),
            ("hai muoi", Some(20)),
            ("15", Some(15)),
            ("mươi", None),
            ("lăm", None),
            ("mốt", None),
            ("0", None),
        ] {
            assert_eq!(count_number(text), n, "{text}");
        }
    }

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(month_number("tư"), Some(4));
        assert_eq!(month_number("mười  hai"), Some(12));
        assert_eq!(month_number("muoi mot"), Some(11));
        assert_eq!(month_number("giêng"), Some(1));
        assert_eq!(month_number("13"), None);
        assert_eq!(weekday_number("bảy"), Some(5));
        assert_eq!(weekday_number("tu"), Some(2));
        assert_eq!(weekday_number("2"), Some(0));
        assert_eq!(weekday_number("8"), None);
    }
}
