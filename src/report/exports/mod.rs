//! Timelines for the tools analysts already use: TimelineJS 3 JSON ([`timelinejs`]) and
//! TimelineJS's Google-sheet columns as CSV ([`sheet`]), which Excel and Flourish users start
//! from too.
//!
//! Both write one [`Export`]: the events chosen once (those a picture draws, or those of an
//! events list with a year and a topic), in date order, with a title. The sheet is the same
//! slides as the JSON, written as rows, so the two never disagree.
//!
//! TimelineJS shows `headline` and `text` as HTML, so both are written as HTML with every
//! character of the news escaped; links are made only of `http` and `https` addresses.

pub mod sheet;
pub mod timelinejs;

use askama::Template;
use chrono::{Datelike, NaiveDate};

use super::axis::{day_number, span_title};
use super::layout::Layout;
use super::text::clean_text;
use super::theme::lane_name;
use crate::events::{Event, EventDate, Precision, Role, When};
use crate::model::OTHER;

/// The events of an export, in date order, and the title slide.
#[derive(Debug, Clone, PartialEq)]
pub struct Export<'a> {
    /// The title slide's headline, e.g. "Dòng thời gian sự kiện 4/2024 – 6/2024".
    pub title: String,
    /// The title slide's text (plain text), e.g. "42 sự kiện từ 6 bài".
    pub note: String,
    /// The events, each with a known year, in date order.
    pub events: Vec<&'a Event>,
}

/// What an export of an events list left out, for the message on standard error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Omitted {
    /// Events whose year is unknown: TimelineJS would sort them before everything else.
    pub yearless: usize,
    /// Events labelled `other`: no topic, so no group (a picture has no lane for them either).
    pub other: usize,
}

impl<'a> Export<'a> {
    /// The events of an events list (`newsline events`) that a timeline can show: those with
    /// a year and a topic. `title` (when given and not blank) replaces the one built from the
    /// events' date span.
    pub fn of_events(events: &'a [Event], title: Option<&str>) -> (Export<'a>, Omitted) {
        let mut omitted = Omitted::default();
        let mut kept = Vec::new();
        for e in events {
            if e.label == OTHER {
                omitted.other += 1;
            } else if placeable(e).is_none() {
                omitted.yearless += 1;
            } else {
                kept.push(e);
            }
        }
        sort_by_date(&mut kept);
        let given = title.map(clean_text).unwrap_or_default();
        let title = if given.is_empty() {
            auto_title(&kept)
        } else {
            given
        };
        let note = summary(&kept);
        let export = Export {
            title,
            note,
            events: kept,
        };
        (export, omitted)
    }

    /// The events a timeline picture draws (one per marker of `layout`, which was laid out
    /// from `events`), with the picture's title and its footer as the title slide's text.
    pub fn of_layout(events: &'a [Event], layout: &Layout) -> Export<'a> {
        let mut kept: Vec<&Event> = layout
            .markers
            .iter()
            .filter_map(|mk| events.get(mk.event))
            .collect();
        sort_by_date(&mut kept);
        let summary = summary(&kept);
        let note = if layout.footer.is_empty() {
            summary
        } else {
            format!("{summary} · {}", layout.footer)
        };
        Export {
            title: layout.title.clone(),
            note,
            events: kept,
        }
    }
}

/// The date, when the event can be placed on a time axis.
fn placeable(e: &Event) -> Option<&EventDate> {
    e.dated()
        .filter(|d| NaiveDate::from_ymd_opt(d.year, d.month, d.day).is_some())
}

fn sort_by_date(events: &mut [&Event]) {
    events.sort_by_key(|e| (placeable(e).map(EventDate::start), e.last_day()));
}

fn auto_title(events: &[&Event]) -> String {
    let lo = events
        .iter()
        .filter_map(|e| placeable(e))
        .map(|d| day_number(d.start()))
        .min();
    let hi = events
        .iter()
        .filter_map(|e| e.last_day())
        .map(day_number)
        .max();
    match (lo, hi) {
        (Some(lo), Some(hi)) => span_title(lo, hi),
        _ => "Dòng thời gian sự kiện".to_string(),
    }
}

/// "12 sự kiện từ 3 bài": the events and the distinct articles that report them.
fn summary(events: &[&Event]) -> String {
    let mut articles: Vec<&str> = events
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| s.id.as_str()))
        .collect();
    articles.sort_unstable();
    articles.dedup();
    format!("{} sự kiện từ {} bài", events.len(), articles.len())
}

/// The Vietnamese name of a topic, as the picture's lanes name it: "An ninh mạng".
pub fn topic_name(label: &str) -> String {
    lane_name(label)
}

/// An event's date as a Vietnamese reader writes it: "29/3/2024", "tháng 3/2024",
/// "năm 2024", a range "19–21/5/2024" or "30/4 – 1/5/2024" (a week is the range of its
/// days); without a year "29/3" or "tháng 3".
pub fn display_date(e: &Event) -> String {
    let date = match e.date {
        When::Dated(date) => date,
        When::Yearless(y) => {
            return match y.day {
                Some(day) => format!("{day}/{}", y.month),
                None => format!("tháng {}", y.month),
            }
        }
    };
    let end = e.end.or_else(|| {
        (date.precision == Precision::Week)
            .then(|| EventDate::from_date(date.end(), Precision::Day))
    });
    match (date.precision, end) {
        (Precision::Day | Precision::Week, Some(end)) => day_range(date.start(), end.start()),
        // A window of months or years: "tháng 3/2017 – tháng 5/2017", "năm 2018 – năm 2020".
        (_, Some(end)) if end.precision == date.precision && end != date => {
            format!("{} – {}", single_date(&date), single_date(&end))
        }
        (_, Some(end)) if end.start() != date.start() => {
            format!("{} – {}", single_date(&date), day_text(end.start()))
        }
        _ => single_date(&date),
    }
}

fn single_date(date: &EventDate) -> String {
    match date.precision {
        Precision::Day | Precision::Week => day_text(date.start()),
        Precision::Month => format!("tháng {}/{}", date.month, date.year),
        Precision::Year => format!("năm {}", date.year),
    }
}

fn day_text(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.day(), d.month(), d.year())
}

/// A range of days written as compactly as Vietnamese news writes it.
fn day_range(a: NaiveDate, b: NaiveDate) -> String {
    if a >= b {
        day_text(a)
    } else if (a.year(), a.month()) == (b.year(), b.month()) {
        format!("{}–{}/{}/{}", a.day(), b.day(), b.month(), b.year())
    } else if a.year() == b.year() {
        format!("{}/{} – {}", a.day(), a.month(), day_text(b))
    } else {
        format!("{} – {}", day_text(a), day_text(b))
    }
}

/// What a reader should know about an event that was not reported as done: "Dự kiến"
/// (planned) or "Bối cảnh" (background); `None` for a reported event.
pub fn role_note(role: Role) -> Option<&'static str> {
    match role {
        Role::Reported => None,
        Role::Planned => Some("Dự kiến"),
        Role::Background => Some("Bối cảnh"),
    }
}

/// The address, when it is one a link may point to: `http` or `https`. Anything else (a
/// `javascript:` address, a file name) would be unsafe or useless as a link.
pub fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("http" | "https"))
        .then_some(url)
        .filter(|u| !u.chars().any(|c| c.is_whitespace() || c.is_control()))
}

/// `s` as HTML text: `&`, `<`, `>` and quotes escaped by askama's escaper.
pub(crate) fn html_text(s: &str) -> String {
    match askama::filters::escape(s, askama::filters::Html) {
        Ok(safe) => safe.to_string(),
        Err(never) => match never {},
    }
}

/// One source as a slide lists it.
struct SourceLink {
    name: String,
    url: Option<String>,
    published: Option<String>,
}

/// A slide's text: the sentence, the role when not reported, and the sources, linked when
/// an address is known.
#[derive(Template)]
#[template(
    ext = "html",
    source = "<p>{{ sentence }}</p>\
{% if let Some(role) = role %}<p><em>{{ role }}</em></p>{% endif %}\
{% if !sources.is_empty() %}<p>Nguồn: {% for s in sources %}{% if !loop.first %}; {% endif %}\
{% if let Some(url) = s.url %}<a href=\"{{ url }}\">{{ s.name }}</a>{% else %}{{ s.name }}{% endif %}\
{% if let Some(p) = s.published %} ({{ p }}){% endif %}{% endfor %}</p>{% endif %}"
)]
struct SlideHtml<'a> {
    sentence: &'a str,
    role: Option<&'a str>,
    sources: Vec<SourceLink>,
}

/// The HTML of a slide's text (see [`SlideHtml`]).
pub(crate) fn text_html(e: &Event) -> String {
    let sources = e
        .sources
        .iter()
        .map(|s| SourceLink {
            name: if s.title.trim().is_empty() {
                s.id.clone()
            } else {
                clean_text(&s.title)
            },
            url: s.url.as_deref().and_then(web_url).map(str::to_string),
            published: s.published.map(day_text),
        })
        .collect();
    let page = SlideHtml {
        sentence: &e.text,
        role: role_note(e.role),
        sources,
    };
    page.render().unwrap_or_else(|_| html_text(&e.text))
}

/// The HTML of a paragraph of plain text.
pub(crate) fn paragraph_html(text: &str) -> String {
    format!("<p>{}</p>", html_text(text))
}

/// Ids for the events, unique within the export and the same in every run on the same input:
/// the date and a hash of the article, date and headline ("2024-03-29-5f3a9c1e"), with "-2",
/// "-3"... when two events hash the same.
pub(crate) fn unique_ids(events: &[&Event]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    events
        .iter()
        .map(|e| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for part in [e.id.as_str(), &e.date_string(), &e.headline] {
                for b in part.bytes().chain([0]) {
                    h ^= u64::from(b);
                    h = h.wrapping_mul(0x0000_0100_0000_01b3);
                }
            }
            let base = format!("{}-{:08x}", e.date_string(), h >> 32);
            let mut id = base.clone();
            let mut n = 1;
            while !seen.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            id
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::events::{Source, Yearless};
    use crate::report::fixtures::{day, ev, month};

    /// An event with its sentence, sources and role, for the writers' tests.
    pub(crate) fn event(date: EventDate, end: Option<EventDate>, label: &str) -> Event {
        Event {
            end,
            ..ev(0, date, label, 0.9, "Phóng vệ tinh")
        }
    }

    #[test]
    fn dates_read_as_vietnamese_writes_them() {
        let d = |date: EventDate, end: Option<EventDate>| display_date(&event(date, end, "space"));
        assert_eq!(d(day(2024, 3, 29), None), "29/3/2024");
        assert_eq!(d(month(2024, 3), None), "tháng 3/2024");
        assert_eq!(d(EventDate::year(2024), None), "năm 2024");
        assert_eq!(d(day(2024, 5, 19), Some(day(2024, 5, 21))), "19–21/5/2024");
        assert_eq!(
            d(day(2024, 4, 30), Some(day(2024, 5, 1))),
            "30/4 – 1/5/2024"
        );
        assert_eq!(
            d(day(2023, 12, 30), Some(day(2024, 1, 2))),
            "30/12/2023 – 2/1/2024"
        );
        let week = EventDate::week(NaiveDate::from_ymd_opt(2024, 3, 25).unwrap());
        assert_eq!(d(week, None), "25–31/3/2024");
        assert_eq!(
            d(month(2017, 3), Some(month(2017, 5))),
            "tháng 3/2017 – tháng 5/2017"
        );
        assert_eq!(
            d(EventDate::year(2018), Some(EventDate::year(2020))),
            "năm 2018 – năm 2020"
        );
        let yearless = Event {
            date: When::Yearless(Yearless::day(3, 29).unwrap()),
            ..event(day(2024, 1, 1), None, "space")
        };
        assert_eq!(display_date(&yearless), "29/3");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(
            web_url(" https://vnexpress.net/a "),
            Some("https://vnexpress.net/a")
        );
        assert_eq!(web_url("HTTP://x.vn/"), Some("HTTP://x.vn/"));
        assert_eq!(web_url("javascript:alert(1)"), None);
        assert_eq!(web_url("JavaScript:alert(1)"), None);
        assert_eq!(web_url("data:text/html,<b>"), None);
        assert_eq!(web_url("examples/01.txt"), None);
        assert_eq!(web_url("http://a b"), None);
    }

    #[test]
    fn slide_text_escapes_the_news_and_links_the_sources() {
        let e = Event {
            text: "Tin <b>\"nóng\"</b> & lạ".into(),
            role: Role::Planned,
            sources: vec![
                Source {
                    id: "a.txt".into(),
                    title: "Báo <A>".into(),
                    published: NaiveDate::from_ymd_opt(2024, 4, 11),
                    url: Some("https://x.vn/a?b=1&c=\"2\"".into()),
                },
                Source {
                    id: "b.txt".into(),
                    title: String::new(),
                    published: None,
                    url: Some("javascript:alert(1)".into()),
                },
            ],
            ..event(day(2024, 4, 10), None, "space")
        };
        assert_eq!(
            text_html(&e),
            "<p>Tin &#60;b&#62;&#34;nóng&#34;&#60;/b&#62; &#38; lạ</p><p><em>Dự kiến</em></p>\
             <p>Nguồn: <a href=\"https://x.vn/a?b=1&#38;c=&#34;2&#34;\">Báo &#60;A&#62;</a> \
             (11/4/2024); b.txt</p>"
        );
    }

    #[test]
    fn events_lists_keep_what_a_timeline_can_show() {
        let mut events = vec![
            ev(0, day(2024, 6, 1), "space", 0.9, "b"),
            ev(1, day(2024, 3, 29), "summits", 0.9, "a"),
            ev(2, day(2024, 3, 30), OTHER, 0.9, "other"),
        ];
        events.push(Event {
            date: When::Yearless(Yearless::month(3).unwrap()),
            ..ev(3, day(2024, 1, 1), "space", 0.9, "no year")
        });
        let (export, omitted) = Export::of_events(&events, None);
        let headlines: Vec<&str> = export.events.iter().map(|e| e.headline.as_str()).collect();
        assert_eq!(headlines, ["a", "b"]);
        assert_eq!(
            omitted,
            Omitted {
                yearless: 1,
                other: 1
            }
        );
        assert_eq!(export.title, "Dòng thời gian sự kiện 3/2024 – 6/2024");
        assert_eq!(export.note, "2 sự kiện từ 2 bài");
        let (export, _) = Export::of_events(&events, Some(" Tuần\n12 "));
        assert_eq!(export.title, "Tuần 12");
    }

    #[test]
    fn ids_are_unique_and_stable() {
        let a = ev(0, day(2024, 3, 29), "space", 0.9, "x");
        let events = [&a, &a, &a];
        let ids = unique_ids(&events);
        assert_eq!(ids[0], unique_ids(&[&a])[0]);
        assert!(
            ids[0].starts_with("2024-03-29-") && ids[0].len() == 19,
            "{}",
            ids[0]
        );
        assert_eq!(ids[1], format!("{}-2", ids[0]));
        assert_eq!(ids[2], format!("{}-3", ids[0]));
    }
}
