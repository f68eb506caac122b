//! Dates: `events::sentences`, `events::find_dates` (per sentence and on the whole text),
//! `events::short_title`, `page::analyze` / `page::body_text`, and `events::find_events_traced`
//! with the built-in model (with and without a publication date, and published on 29 February
//! and on the last day of a year, where years and weeks turn).
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use newsline::corpus::Article;
use newsline::events::{
    find_dates, find_events_traced, sentences, short_title, DayMonth, EventOptions, Precision,
    WeekOf, Written, YearHint,
};
use newsline::model::TopicModel;
use newsline::page;
use newsline::Location;

fn model() -> Option<&'static TopicModel> {
    static MODEL: OnceLock<Option<TopicModel>> = OnceLock::new();
    MODEL.get_or_init(|| TopicModel::builtin().ok()).as_ref()
}

fn check_mentions(sentence: &str) {
    let mentions = find_dates(sentence);
    let mut last = 0;
    for m in &mentions {
        // Mentions index the caller's sentence, whatever its case and normal form.
        assert!(m.start <= m.end && m.end <= sentence.len(), "{m:?} outside {sentence:?}");
        assert!(sentence.is_char_boundary(m.start) && sentence.is_char_boundary(m.end));
        assert!(m.start >= last, "mentions out of order");
        last = m.start;
        let year_ok = |y: YearHint| match y {
            YearHint::Explicit(y) => (1900..=2099).contains(&y),
            _ => true,
        };
        match m.written {
            Written::Day { day, month, year } => {
                assert!((1..=31).contains(&day) && (1..=12).contains(&month), "{m:?}");
                assert!(year_ok(year), "{m:?}");
            }
            Written::Month { month, year, .. } => {
                assert!((1..=12).contains(&month), "{m:?}");
                assert!(year_ok(year), "{m:?}");
            }
            Written::Year(y) => assert!((1900..=2099).contains(&y), "{m:?}"),
            Written::Range { start, end } => {
                let ok = |d: DayMonth| {
                    (1..=31).contains(&d.day) && (1..=12).contains(&d.month) && year_ok(d.year)
                };
                assert!(ok(start) && ok(end), "{m:?}");
            }
            Written::DayOfMonth(d) => assert!((1..=31).contains(&d), "{m:?}"),
            Written::Weekday { weekday, week } => {
                assert!(weekday <= 6, "{m:?}");
                if let WeekOf::Relative(k) = week {
                    assert!((-1..=1).contains(&k), "{m:?}");
                }
            }
            Written::Week(k) => assert!((-1..=1).contains(&k), "{m:?}"),
            Written::Following(n) | Written::RelativeDays(n) => {
                assert!(n.abs() <= 7 * 400, "{m:?}")
            }
            Written::RelativeMonths(n) | Written::RelativeYears(n) => {
                assert!(n.abs() <= 400, "{m:?}")
            }
            Written::PastWeek => {}
            Written::Window { count, .. } => assert!((1..=999).contains(&count), "{m:?}"),
            Written::WeekOfMonth { month, year, .. } => {
                assert!((1..=12).contains(&month), "{m:?}");
                assert!(year_ok(year), "{m:?}");
            }
        }
        assert!(m.weekday.is_none_or(|w| w <= 6), "{m:?}");
        // A mention is a slice of the sentence that holds at least one character.
        assert!(!sentence[m.start..m.end].trim().is_empty(), "{m:?} in {sentence:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let text: &str = &text;

    let range = text.as_ptr() as usize..=text.as_ptr() as usize + text.len();
    for s in sentences(text) {
        assert!(!s.is_empty() && s.trim() == s, "sentence {s:?} not trimmed");
        assert!(range.contains(&(s.as_ptr() as usize)), "sentence not a slice of the input");
        check_mentions(s);
        for max in [0, 1, 80] {
            let _ = short_title(s, max);
        }
    }
    check_mentions(text);

    let paragraphs = page::analyze(text);
    let mut last_line = 0;
    for p in &paragraphs {
        assert!(p.line > last_line, "paragraph lines out of order");
        last_line = p.line;
        assert!(!p.text.is_empty() && p.text.trim() == p.text);
    }
    let _ = page::body_paragraphs(text);
    let _ = page::body_text(text);

    if let Some(model) = model() {
        let article = Article {
            id: "fuzz".into(),
            title: String::new(),
            published: None,
            url: None,
            site_name: None,
            text: text.to_owned(),
            label: None,
            also: None,
            source: Location::file("fuzz.txt"),
        };
        let mut analyzer = model.analyzer();
        for published in [
            None,
            NaiveDate::from_ymd_opt(2024, 3, 30),
            NaiveDate::from_ymd_opt(2024, 2, 29),
            NaiveDate::from_ymd_opt(2023, 12, 31),
        ] {
            let options = EventOptions {
                published,
                ..EventOptions::default()
            };
            let layout = page::Page::new(&article);
            for traced in find_events_traced(model, &mut analyzer, &layout, &options) {
                let event = &traced.event;
                let _ = event.date_string();
                assert!(text.contains(traced.mention), "{traced:?}");
                if let Some(date) = event.dated() {
                    let _ = date.display_vi();
                    assert!(date.start() <= date.end(), "{event:?}");
                    // A range or a week ends after it starts; a week is seven days.
                    if let Some(end) = event.end {
                        assert!(end.start() > date.start(), "{event:?}");
                        if date.precision == Precision::Week {
                            assert_eq!((end.start() - date.start()).num_days(), 6, "{event:?}");
                        }
                    }
                    assert!(event.last_day().is_some_and(|l| l >= date.start()), "{event:?}");
                } else {
                    assert!(event.end.is_none(), "{event:?}");
                }
            }
        }
    }
});
