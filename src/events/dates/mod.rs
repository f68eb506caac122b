//! The date grammar: date mentions in Vietnamese sentences, with and without diacritics.
//!
//! One function per written form, in three files: `numeric` (digits and separators),
//! `spelled` (month words, spelled dates, months and years) and `relative` (from
//! publication or from another date of the text); `grammar` compiles their regexes, word
//! lists and prefilter once per spelling; `passes` runs over all mentions once the forms
//! have read the sentence; this file holds the types and what the forms share. The forms are tried in this order; a span taken by an earlier form is not read
//! again by a later one:
//!
//! | form | written | [`Written`] |
//! |---|---|---|
//! | `month_pairs` | "tháng 10-11/2024", "tháng 10 - 11" | two `Month`s |
//! | `spelled_ranges` | "từ mùng 1 đến mùng 5 tháng 5" | `Range` |
//! | `first_days` | "ngày đầu tiên của tháng ba" | `Day` |
//! | `weeks_of_month` | "tuần đầu tiên của tháng 9 năm 2017", "tuần cuối tháng 5" | `WeekOfMonth` |
//! | `holidays` | "Giáng sinh", "ngày Quốc khánh", "Tết Dương lịch 2024", "Quốc khánh 2/9" | `Day` |
//! | `ranges` | "17-19/5", "từ ngày 21 đến 23/10/2024", "6 – 7.11", "đêm 21 rạng sáng 22/4", "ngày 6 và 7/4" | `Range` |
//! | `spelled_dates` | "ngày 29 tháng 9, 2011", "12 tháng 10 năm 2017", "9 Tháng 1 2015", "mồng 3 tháng Tư" | `Day` |
//! | `month_first` | "Tháng Mười Hai 29, 2013" | `Day` |
//! | `full_dates` | "29/3/2024", "Ngày 14-4-2009", "14.5.2024", "3/3/17" | `Day` |
//! | `month_years` | "tháng 12/2023", "tháng 9-2016", "tháng 8 năm ngoái", "tháng Ba năm 2019" | `Month` |
//! | `relative_days` | "hôm qua", "hôm kia", "ngày mai", "ngày mốt", "tối qua", "chiều mai" | `RelativeDays` |
//! | `weekdays` | "hôm thứ Hai", "thứ Tư tuần tới", "thứ 5 tuần qua", "Chủ nhật vừa qua" | `Weekday` |
//! | `following` | "ngày hôm sau", "sáng hôm sau", "Hai ngày sau", "ba ngày sau đó", "3 ngày trước đó" | `Following` |
//! | `windows` | "3 ngày tới", "trong 2 tháng qua", "ba năm tiếp theo", "10 năm gần đây" | `Window` |
//! | `counted` | "3 ngày trước", "cách đây 5 ngày", "15 tháng trước", "Mười năm trước" | `RelativeDays`, `RelativeMonths`, `RelativeYears` |
//! | `weeks` | "tuần qua", "tuần trước", "tuần này", "tuần tới" | `PastWeek`, `Week` |
//! | `day_months` | "ngày 29/3", "ngày 27.10", "sáng 17-10", "hôm qua (20/6)", "18.12 tới", "7/8" after "ngày 12/4," | `Day` |
//! | `mong_days` | "sáng mồng 8", "mùng 3" | `DayOfMonth` |
//! | `relative_months` | "tháng trước", "tháng này", "tháng sau" | `RelativeMonths` |
//! | `months` | "tháng 12", "đầu tháng 6", "tháng Tư", "thg 8", "tháng 5 vừa qua", "tháng 11 tới" | `Month` |
//! | `relative_years` | "năm nay", "năm ngoái", "năm tới" | `RelativeYears` |
//! | `years` | "năm 2020", "các năm 2004 và 2016" | `Year` |
//!
//! Then over all mentions: two dates joined by "đến", "-" become one range ("từ 30/4 đến
//! 1/5"); an explicit date right after a relative day or a weekday replaces it ("sáng nay
//! (14/9)", "thứ Sáu (4/10)"), keeping the weekday to check the year with; comparisons are
//! dropped ("so với tháng 6", "cùng kỳ năm 2023"); and each mention's clause is read for its
//! tense ("sẽ", "dự kiến": ahead; "đã", "hôm": past) and background cues ("kể từ",
//! "thành lập").
//!
//! False friends are refused: times ("6 giờ 53", "20h30", "lúc 7.10"), scores ("2-0"), prices
//! and decimals ("1.500", "tăng 8.4%", "44,8%"), quantities ("từ 1.5 triệu", "sau 2-3 ngày"),
//! ratios ("2/3 số đơn", "24/7"), document numbers ("Nghị định 13/2023/NĐ-CP"), versions
//! ("iOS 17.4"), ordinals ("lần thứ hai"), horizons and targets ("đến năm 2030", "mục tiêu ...
//! vào năm 2025"), years of something else ("sinh năm 1961", "thường niên năm 2025") and spans
//! ("năm học 2024-2025"). A bare day/month needs a cue word before it (ngày, hôm, sáng, từ,
//! ...), a year after it, or a date it continues ("ngày 12/4, 7/8 và 30/11/2023").
//!
//! Matching runs on the sentence's lower-case NFC form; mentions are given in the caller's
//! sentence. Text with diacritics is matched with the diacritic forms only ("năm", not "nam",
//! which is also "Nam" as in Việt Nam); text typed without any diacritics is matched with the
//! plain forms. The words are in `text::lexicon`.

mod grammar;
mod numeric;
mod passes;
mod relative;
mod scan;
mod spelled;
#[cfg(test)]
mod tests;

use regex_syntax::is_word_character;

use crate::text::datenum::MatchingForm;
use grammar::{grammar, Grammar, Holds};

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

/// A day and month as written, with what the text says of its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    /// Day of month.
    pub day: u32,
    /// Month.
    pub month: u32,
    /// Year information.
    pub year: YearHint,
}

/// Which week a weekday lies in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekOf {
    /// No week given: the latest such day up to publication, or the next one from
    /// publication on when the clause looks ahead ("hôm thứ Hai", "sẽ ... vào Chủ nhật").
    Nearest,
    /// "vừa qua", "vừa rồi", "trước": the latest such day before publication.
    Last,
    /// "tới", "sắp tới": the next such day after publication.
    Next,
    /// A Monday-Sunday week counted from publication's: -1 "tuần trước" (and "tuần qua"), 0
    /// "tuần này", 1 "tuần tới".
    Relative(i32),
}

/// The unit of a counted window ("3 ngày tới", "2 tháng qua").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// "ngày".
    Day,
    /// "tuần": seven days.
    Week,
    /// "tháng".
    Month,
    /// "năm".
    Year,
}

/// A date as written, before its year is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// Day and month.
    Day {
        /// Day of month.
        day: u32,
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
    },
    /// Consecutive days, first and last ("17-19/5", "từ 30/4 đến 1/5").
    Range {
        /// The first day.
        start: DayMonth,
        /// The last day.
        end: DayMonth,
    },
    /// A day whose month the text gave before ("sáng mồng 8" after "Đầu tháng 10").
    DayOfMonth(u32),
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
    /// Relative to publication: days offset ("hôm qua" = -1, "3 ngày trước" = -3).
    RelativeDays(i64),
    /// A Monday-Sunday week counted from publication's ("tuần trước" = -1, "tuần này" = 0,
    /// "tuần tới" = 1).
    Week(i32),
    /// "tuần qua": the seven days ending on publication.
    PastWeek,
    /// A weekday (Monday = 0) in some week.
    Weekday {
        /// Monday = 0 ... Sunday = 6.
        weekday: u32,
        /// Which week.
        week: WeekOf,
    },
    /// Relative month offset ("tháng trước" = -1, "tháng sau" = +1).
    RelativeMonths(i32),
    /// Relative year offset ("năm ngoái" = -1).
    RelativeYears(i32),
    /// Days from the date just before it in the text ("ngày hôm sau" = 1, "ba ngày sau đó" =
    /// 3, "3 ngày trước đó" = -3).
    Following(i64),
    /// Whole units next to publication: ahead, from the next unit on ("3 ngày tới", "ba tháng
    /// tiếp theo"), or behind, ending with the unit before publication's ("2 ngày vừa qua",
    /// "10 năm qua").
    Window {
        /// The unit.
        unit: Unit,
        /// How many units.
        count: u32,
        /// Ahead of publication (else behind it).
        ahead: bool,
    },
    /// The first or last whole Monday-Sunday week of a month ("tuần đầu tiên của tháng 9 năm
    /// 2017", "tuần cuối tháng 5").
    WeekOfMonth {
        /// Month.
        month: u32,
        /// Year information.
        year: YearHint,
        /// The last week (else the first).
        last: bool,
    },
}

impl Written {
    /// Whether the form itself puts the date before publication: "tháng 5 vừa qua", "hôm
    /// qua", "tuần trước", "tuần qua", "tháng trước", "năm ngoái", "2 ngày vừa qua".
    pub fn looks_back(&self) -> bool {
        match *self {
            Written::Month { past, .. } => past,
            Written::RelativeDays(d) => d < 0,
            Written::Week(w) => w < 0,
            Written::PastWeek => true,
            Written::RelativeMonths(m) => m < 0,
            Written::RelativeYears(y) => y < 0,
            Written::Window { ahead, .. } => !ahead,
            Written::Weekday {
                week: WeekOf::Last, ..
            } => true,
            Written::Weekday {
                week: WeekOf::Relative(w),
                ..
            } => w < 0,
            _ => false,
        }
    }

    /// The year when it is written out ("29/3/2024", "tháng 12/2023", "năm 2020").
    pub fn explicit_year(&self) -> Option<i32> {
        match *self {
            Written::Day {
                year: YearHint::Explicit(y),
                ..
            }
            | Written::Month {
                year: YearHint::Explicit(y),
                ..
            }
            | Written::WeekOfMonth {
                year: YearHint::Explicit(y),
                ..
            }
            | Written::Year(y) => Some(y),
            Written::Range { start, end } => match (end.year, start.year) {
                (YearHint::Explicit(y), _) | (_, YearHint::Explicit(y)) => Some(y),
                _ => None,
            },
            _ => None,
        }
    }
}

/// How a date was written: the grammar's form that read it. The names are the forms of the
/// gold date files (`tests/data/dates/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// "ngày 29/3".
    DmSlash,
    /// "ngày 27.10".
    DmDot,
    /// "sáng 17-10".
    DmDash,
    /// "29/3/2024", "14-4-2009".
    Dmy,
    /// "ngày 29 tháng 3 năm 2024", "12 tháng 10 năm 2017".
    Spelled,
    /// "tháng Tư", "Tháng Mười Hai".
    MonthName,
    /// "mồng 3", "mùng 10 tháng 10", "sáng mồng 2/9".
    Mong,
    /// "tháng 12/2023".
    MonthYear,
    /// "tháng 12", "tháng 8 năm ngoái".
    Month,
    /// "năm 2020".
    Year,
    /// "17-19/5", "từ 30/4 đến 1/5".
    Range,
    /// "hôm qua", "3 ngày trước".
    RelativeDay,
    /// "tháng trước", "15 tháng trước".
    RelativeMonth,
    /// "năm ngoái", "10 năm trước".
    RelativeYear,
    /// "thứ Tư tuần tới".
    Weekday,
    /// "tuần qua".
    Week,
    /// "ngày hôm sau", "ba ngày sau đó".
    Following,
    /// "3 ngày tới", "2 tháng qua", "ba năm tiếp theo".
    Window,
    /// "Giáng sinh", "ngày Quốc khánh", "Tết Dương lịch".
    Holiday,
}

impl Form {
    /// The form's name in gold date files: `dm_slash`, `dm_dot`, ... `following`.
    pub fn name(&self) -> &'static str {
        match self {
            Form::DmSlash => "dm_slash",
            Form::DmDot => "dm_dot",
            Form::DmDash => "dm_dash",
            Form::Dmy => "dmy",
            Form::Spelled => "spelled",
            Form::MonthName => "month_name",
            Form::Mong => "mong",
            Form::MonthYear => "month_year",
            Form::Month => "month",
            Form::Year => "year",
            Form::Range => "range",
            Form::RelativeDay => "relative_day",
            Form::RelativeMonth => "relative_month",
            Form::RelativeYear => "relative_year",
            Form::Weekday => "weekday",
            Form::Week => "week",
            Form::Following => "following",
            Form::Window => "window",
            Form::Holiday => "holiday",
        }
    }
}

/// One date mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset in the caller's sentence where the mention starts.
    pub start: usize,
    /// Byte offset in the caller's sentence where it ends.
    pub end: usize,
    /// What was written.
    pub written: Written,
    /// The form that read it.
    pub form: Form,
    /// The clause says the date lies ahead ("dự kiến", "sẽ", "sắp tới" near the date).
    pub ahead: bool,
    /// The clause says the date is past ("đã", "vừa", "hôm 14/7").
    pub past: bool,
    /// The clause cites the date as history or context ("kể từ", "thành lập", "trước đó").
    pub background: bool,
    /// The weekday written with the date ("thứ Sáu (4/10)"), Monday = 0: it tells the year.
    pub weekday: Option<u32>,
}

/// The mentions found so far in one sentence's matching form, in form offsets.
pub(super) struct Found<'t> {
    /// The matching form.
    text: &'t str,
    /// The caller's sentence, for letter case.
    sentence: &'t str,
    form: &'t MatchingForm,
    g: &'static Grammar,
    mentions: Vec<Mention>,
}

impl<'t> Found<'t> {
    /// Keeps a mention unless an earlier form took part of its span. Returns whether it was
    /// kept.
    fn push(&mut self, start: usize, end: usize, written: Written, form: Form) -> bool {
        if self.taken(start, end) {
            return false;
        }
        self.mentions.push(Mention {
            start,
            end,
            written,
            form,
            ahead: false,
            past: false,
            background: false,
            weekday: None,
        });
        true
    }

    /// Whether a mention already covers part of `start..end`.
    fn taken(&self, start: usize, end: usize) -> bool {
        self.mentions.iter().any(|m| start < m.end && m.start < end)
    }

    /// The text before `at`, without trailing spaces.
    fn before(&self, at: usize) -> &'t str {
        self.text[..at].trim_end()
    }

    /// Whether the letter at `at` is upper case in the caller's sentence ("thứ Hai", "tháng
    /// Tư" are capitalised as names; "lần thứ hai" is not).
    fn capitalised(&self, at: usize) -> bool {
        let s = self.form.start_in_sentence(at);
        self.sentence
            .get(s..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_uppercase)
    }

    /// Where the clause holding `at` starts (see [`clause_start`]).
    fn clause_start(&self, at: usize) -> usize {
        clause_start(self.text, at)
    }

    /// Whether a document or version word ends the text before `at` ("Nghị định 13/2023").
    fn after_document(&self, at: usize) -> bool {
        ends_with_word(self.before(at), &self.g.documents).is_some()
    }
}

/// The length in bytes of the clause mark starting at byte `i` of `text`, or 0: , ; : ( ) . –
/// but not a decimal point or comma ("phiên bản 2.1", "2,5 triệu"). Read on bytes (every mark
/// but "–" is ASCII, and "–" starts with a byte no other character of a clause mark's shape
/// does), since every dated mention reads its clause both ways.
fn clause_mark_at(bytes: &[u8], i: usize) -> usize {
    match bytes[i] {
        b';' | b':' | b'(' | b')' => 1,
        b'.' | b',' => usize::from(!bytes.get(i + 1).is_some_and(u8::is_ascii_digit)),
        // U+2013 EN DASH.
        0xE2 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x93]) => 3,
        _ => 0,
    }
}

/// Where the clause holding `at` starts: after the last clause mark before it and the spaces
/// after that, or at the sentence start.
pub(super) fn clause_start(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    // A mark's first byte is never a continuation byte, so each `i` found starts a character;
    // one that starts before `at` ends by `at`, which is a character boundary.
    let from = (0..at)
        .rev()
        .find_map(|i| match clause_mark_at(bytes, i) {
            0 => None,
            len => Some(i + len),
        })
        .unwrap_or(0);
    at - text[from..at].trim_start().len()
}

/// Where the clause holding `at` ends: at the first clause mark from it, or the sentence end.
pub(super) fn clause_end(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    (at..bytes.len())
        .find(|&i| bytes[i] != b'(' && clause_mark_at(bytes, i) > 0)
        .unwrap_or(text.len())
}

/// Whether `prefix` ends with one of `words` as a whole word; the longest such word.
pub(super) fn ends_with_word<'w>(prefix: &str, words: &'w [String]) -> Option<&'w str> {
    words
        .iter()
        .filter(|w| {
            prefix.ends_with(w.as_str()) && word_boundary_before(prefix, prefix.len() - w.len())
        })
        .map(String::as_str)
        .max_by_key(|w| w.len())
}

/// Whether `text` (after leading spaces) starts with one of `words` as a whole word.
pub(super) fn starts_with_word<'w>(text: &str, words: &'w [String]) -> Option<&'w str> {
    let text = text.trim_start();
    words
        .iter()
        .filter(|w| text.starts_with(w.as_str()) && word_boundary_after(text, w.len()))
        .map(String::as_str)
        .max_by_key(|w| w.len())
}

/// No word character right before `at`.
pub(super) fn word_boundary_before(text: &str, at: usize) -> bool {
    !text[..at]
        .chars()
        .next_back()
        .is_some_and(is_word_character)
}

/// No word character at `at`.
pub(super) fn word_boundary_after(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_character)
}

/// How many of the latest sentences that held dates [`find_dates`] remembers, per thread.
const RECENT: usize = 64;

thread_local! {
    /// The latest sentences that held dates, with their mentions, oldest first. An event's
    /// headline reads its sentence's dates again to cut them out, right after the article's
    /// sentences were read (that second reading was a tenth of an `events` run).
    static RECENT_DATED: std::cell::RefCell<std::collections::VecDeque<(Box<str>, Vec<Mention>)>> =
        const { std::cell::RefCell::new(std::collections::VecDeque::new()) };
}

/// Finds the date mentions of one sentence, in order.
pub fn find_dates(sentence: &str) -> Vec<Mention> {
    // The mentions depend on the sentence's text alone, so a sentence read before gives the
    // same answer.
    let known = RECENT_DATED.with(|r| {
        r.borrow()
            .iter()
            .rev()
            .find(|(s, _)| **s == *sentence)
            .map(|(_, m)| m.clone())
    });
    if let Some(mentions) = known {
        return mentions;
    }
    let mentions = find_dates_uncached(sentence);
    if !mentions.is_empty() {
        RECENT_DATED.with(|r| {
            let mut r = r.borrow_mut();
            if r.len() == RECENT {
                r.pop_front();
            }
            r.push_back((sentence.into(), mentions.clone()));
        });
    }
    mentions
}

/// [`find_dates`] without the memory of recent sentences.
fn find_dates_uncached(sentence: &str) -> Vec<Mention> {
    // Text in decomposed form spells "ngày" with a combining mark: the prefilter, which reads
    // the sentence as written, cannot judge it.
    let decomposed = has_combining_diacritic(sentence);
    let holds = if decomposed {
        Holds::everything()
    } else {
        grammar::prefilter(sentence)
    };
    if !holds.any() {
        return Vec::new();
    }
    read_dates(sentence, holds)
}

/// Whether `text` holds a combining diacritical mark (U+0300-U+036F), found by its lead byte
/// rather than by decoding every character: the marks are 0xCC 0x80-0xBF (U+0300-U+033F) and
/// 0xCD 0x80-0xAF (U+0340-U+036F), and in valid UTF-8 a lead byte is never anything else.
fn has_combining_diacritic(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xCC, 0xCD, bytes)
        .any(|i| bytes[i] == 0xCC || bytes.get(i + 1).is_some_and(|&b| b <= 0xAF))
}

/// The date mentions of one sentence, running the forms `holds` allows.
fn read_dates(sentence: &str, holds: Holds) -> Vec<Mention> {
    let form = MatchingForm::new(sentence);
    let mut found = Found {
        text: &form.text,
        sentence,
        form: &form,
        g: grammar(form.plain),
        mentions: Vec::new(),
    };
    let h = holds;
    if h.month {
        // Before the full dates: "tháng 10-11/2024" is no 10 November.
        spelled::month_pairs(&mut found);
        spelled::spelled_ranges(&mut found);
        spelled::first_days(&mut found);
        spelled::weeks_of_month(&mut found);
    }
    if h.holiday {
        // Before the day/month forms: "Quốc khánh 2/9" is one mention.
        spelled::holidays(&mut found);
    }
    if h.separated {
        numeric::ranges(&mut found);
    }
    if h.month {
        spelled::spelled_dates(&mut found);
        spelled::month_first(&mut found);
    }
    if h.separated {
        numeric::full_dates(&mut found);
    }
    if h.month {
        spelled::month_years(&mut found);
    }
    if h.relative_day {
        relative::relative_days(&mut found);
    }
    if h.weekday {
        relative::weekdays(&mut found);
    }
    if h.relative_day || h.counted {
        relative::following(&mut found);
    }
    if h.counted {
        relative::windows(&mut found);
        relative::counted(&mut found);
    }
    if h.week {
        relative::weeks(&mut found);
    }
    if h.separated {
        numeric::day_months(&mut found);
    }
    if h.mong {
        spelled::mong_days(&mut found);
    }
    if h.month {
        relative::relative_months(&mut found);
        spelled::months(&mut found);
    }
    if h.relative_year {
        relative::relative_years(&mut found);
    }
    if h.year {
        spelled::years(&mut found);
    }
    let Found {
        text, mut mentions, ..
    } = found;
    mentions.sort_by_key(|m| m.start);
    let g = grammar(form.plain);
    let mut mentions = passes::join_ranges(g, text, mentions);
    passes::explicit_over_relative(text, &mut mentions);
    passes::read_clauses(g, text, &mut mentions);
    for m in &mut mentions {
        m.start = form.start_in_sentence(m.start);
        m.end = form.end_in_sentence(m.end);
    }
    mentions
}
