//! The event data types shared by the event finder, events files and the timeline report.
//!
//! A date is either [`EventDate`], with its year, or [`Yearless`], a day or month whose year
//! the text does not give: the year is never invented.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How exactly an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// A calendar day.
    Day,
    /// A week: seven days from the date on ("tuần qua", "tuần tới"); the event's `end` is
    /// its last day. Kept apart from a day so that a week is never drawn as one day.
    Week,
    /// A month ("tháng 12/2023").
    Month,
    /// A year ("năm 2020").
    Year,
}

impl Precision {
    /// The name events files use: `day`, `week`, `month` or `year`.
    pub fn name(&self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Week => "week",
            Precision::Month => "month",
            Precision::Year => "year",
        }
    }

    /// The precision of a name written by [`Precision::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "day" => Some(Precision::Day),
            "week" => Some(Precision::Week),
            "month" => Some(Precision::Month),
            "year" => Some(Precision::Year),
            _ => None,
        }
    }
}

/// What an event is to the article that reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// What the article reports: on or before its publication.
    Reported,
    /// Ahead of publication: announced, scheduled, forecast.
    Planned,
    /// History and context the article cites.
    Background,
}

impl Role {
    /// The name events files use: `reported`, `planned` or `background`.
    pub fn name(&self) -> &'static str {
        match self {
            Role::Reported => "reported",
            Role::Planned => "planned",
            Role::Background => "background",
        }
    }

    /// The role of a name written by [`Role::name`].
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "reported" => Some(Role::Reported),
            "planned" => Some(Role::Planned),
            "background" => Some(Role::Background),
            _ => None,
        }
    }
}

/// A date with its year, at some precision: the day and month are only meaningful down to
/// `precision`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EventDate {
    /// Year.
    pub year: i32,
    /// Month 1-12 (1 for year precision).
    pub month: u32,
    /// Day 1-31 (1 for month and year precision).
    pub day: u32,
    /// How much of the date is known.
    pub precision: Precision,
}

impl EventDate {
    /// A day.
    pub fn day(year: i32, month: u32, day: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, day).map(|_| EventDate {
            year,
            month,
            day,
            precision: Precision::Day,
        })
    }

    /// A month.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        (1..=12).contains(&month).then_some(EventDate {
            year,
            month,
            day: 1,
            precision: Precision::Month,
        })
    }

    /// A year.
    pub fn year(year: i32) -> Self {
        EventDate {
            year,
            month: 1,
            day: 1,
            precision: Precision::Year,
        }
    }

    /// First day covered.
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day).unwrap_or(NaiveDate::MIN)
    }

    /// A week: the seven days from `start` on.
    pub fn week(start: NaiveDate) -> Self {
        EventDate {
            precision: Precision::Week,
            ..EventDate::from_date(start, Precision::Day)
        }
    }

    /// Last day covered (inclusive): the day itself, a week's seventh day, the month's last
    /// day, or 31 December.
    pub fn end(&self) -> NaiveDate {
        let start = self.start();
        match self.precision {
            Precision::Day => start,
            Precision::Week => start + chrono::Duration::days(6),
            Precision::Month => {
                let (y, m) = if self.month == 12 {
                    (self.year + 1, 1)
                } else {
                    (self.year, self.month + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1)
                    .and_then(|d| d.pred_opt())
                    .unwrap_or(start)
            }
            Precision::Year => NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(start),
        }
    }

    /// From a full date and a precision.
    pub fn from_date(date: NaiveDate, precision: Precision) -> Self {
        EventDate {
            year: date.year(),
            month: if precision == Precision::Year {
                1
            } else {
                date.month()
            },
            day: if matches!(precision, Precision::Day | Precision::Week) {
                date.day()
            } else {
                1
            },
            precision,
        }
    }

    /// ISO form at its precision: `2024-03-29` (a day, or a week's first day), `2023-12` or
    /// `2020`.
    pub fn iso(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => {
                format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
            }
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Year => format!("{:04}", self.year),
        }
    }

    /// Vietnamese display form: `29/3/2024` (a day, or a week's first day), `3/2024` or
    /// `2024`.
    pub fn display_vi(&self) -> String {
        match self.precision {
            Precision::Day | Precision::Week => {
                format!("{}/{}/{}", self.day, self.month, self.year)
            }
            Precision::Month => format!("{}/{}", self.month, self.year),
            Precision::Year => format!("{}", self.year),
        }
    }

    /// Parses the ISO form written by [`EventDate::iso`].
    pub fn parse_iso(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        let num = |p: &str| p.parse::<i64>().ok();
        match parts.as_slice() {
            [y] => Some(EventDate::year(num(y)? as i32)),
            [y, m] => EventDate::month(num(y)? as i32, num(m)? as u32),
            [y, m, d] => EventDate::day(num(y)? as i32, num(m)? as u32, num(d)? as u32),
            _ => None,
        }
    }
}

/// A day or a month whose year could not be resolved from the text or a publication date.
/// Such an event is listed (`--03-29`) but cannot be placed on a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Yearless {
    /// Month 1-12.
    pub month: u32,
    /// Day of the month, for day precision.
    pub day: Option<u32>,
}

impl Yearless {
    /// A day of a month, if it exists in some year (29/2 does, 30/2 does not).
    pub fn day(month: u32, day: u32) -> Option<Self> {
        const LONGEST: [u32; 12] = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let longest = LONGEST.get(month.wrapping_sub(1) as usize)?;
        (1..=*longest).contains(&day).then_some(Yearless {
            month,
            day: Some(day),
        })
    }

    /// A month.
    pub fn month(month: u32) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then_some(Yearless { month, day: None })
    }

    /// How much of the date is known: a day or a month.
    pub fn precision(&self) -> Precision {
        match self.day {
            Some(_) => Precision::Day,
            None => Precision::Month,
        }
    }

    /// ISO 8601 form without the year: `--03-29` or `--03`.
    pub fn iso(&self) -> String {
        match self.day {
            Some(day) => format!("--{:02}-{:02}", self.month, day),
            None => format!("--{:02}", self.month),
        }
    }

    /// Parses the form written by [`Yearless::iso`].
    pub fn parse_iso(s: &str) -> Option<Self> {
        let rest = s.trim().strip_prefix("--")?;
        let num = |p: &str| p.parse::<u32>().ok();
        match rest.split_once('-') {
            Some((m, d)) => Yearless::day(num(m)?, num(d)?),
            None => Yearless::month(num(rest)?),
        }
    }
}

/// When an event happened: a date with its year, or a day or month without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum When {
    /// The year is known.
    Dated(EventDate),
    /// The year could not be resolved.
    Yearless(Yearless),
}

impl When {
    /// The date, when its year is known.
    pub fn dated(&self) -> Option<&EventDate> {
        match self {
            When::Dated(d) => Some(d),
            When::Yearless(_) => None,
        }
    }

    /// How much of the date is known.
    pub fn precision(&self) -> Precision {
        match self {
            When::Dated(d) => d.precision,
            When::Yearless(y) => y.precision(),
        }
    }

    /// The date as events files write it: ISO at its precision (`2024-03-29`, `2023-12`,
    /// `2020`), or without the year (`--03-29`, `--03`).
    pub fn iso(&self) -> String {
        match self {
            When::Dated(d) => d.iso(),
            When::Yearless(y) => y.iso(),
        }
    }
}

impl From<EventDate> for When {
    fn from(date: EventDate) -> Self {
        When::Dated(date)
    }
}

/// An article that reports an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The article's id (its JSON `id`, or the file and line it was read from).
    pub id: String,
    /// The article's headline; may be empty.
    #[serde(default)]
    pub title: String,
    /// The article's publication date, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// The article's address, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Source {
    /// The source of an event found in `article`.
    pub fn of(article: &crate::corpus::Article) -> Self {
        Source {
            id: article.id.clone(),
            title: article.title.clone(),
            published: article.published,
            url: article.url.clone(),
        }
    }
}

/// One labelled happening, found in one article or merged from several that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The id of the article it was found in (the first of `sources`).
    pub id: String,
    /// When it happened (a range's or a week's first day).
    pub date: When,
    /// The last day of a range ("17-19/5") or a week; `None` for a single date.
    pub end: Option<EventDate>,
    /// Reported, planned (after publication) or background.
    pub role: Role,
    /// Topic label of the paragraph it was found in (or of the article, for short paragraphs).
    pub label: String,
    /// Calibrated confidence of that label.
    pub confidence: f64,
    /// A headline a reader takes in at a glance (at most about 90 characters).
    pub headline: String,
    /// Where it was read: the article's address when known, else its file (and line).
    pub source: String,
    /// The sentence that holds the date.
    pub text: String,
    /// Every article that reports it, earliest first; at least one.
    pub sources: Vec<Source>,
}

impl Event {
    /// The date, when its year is known: only such events can be placed on a timeline.
    pub fn dated(&self) -> Option<&EventDate> {
        self.date.dated()
    }

    /// Whether the year is known (events files write it as `year_known`).
    pub fn year_known(&self) -> bool {
        self.dated().is_some()
    }

    /// The date as written in output (see [`When::iso`]).
    pub fn date_string(&self) -> String {
        self.date.iso()
    }

    /// An event found in one article read from `{id}.txt`, for tests.
    #[cfg(test)]
    pub(crate) fn for_test(id: &str, date: When, label: &str, headline: &str) -> Event {
        Event {
            id: id.into(),
            date,
            end: None,
            role: Role::Reported,
            label: label.into(),
            confidence: 0.9,
            headline: headline.into(),
            source: format!("{id}.txt"),
            text: headline.into(),
            sources: vec![Source {
                id: id.into(),
                title: String::new(),
                published: None,
                url: None,
            }],
        }
    }

    /// The last day the event covers, when its year is known: its `end`, else the date's
    /// own last day.
    pub fn last_day(&self) -> Option<NaiveDate> {
        match self.end {
            Some(end) => Some(end.end()),
            None => self.dated().map(EventDate::end),
        }
    }
}
