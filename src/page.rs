//! Page stage: finds the article body in a scraped page and drops the boilerplate around it.
//!
//! Scraped pages carry menus, "Tin liên quan" boxes, trending lists, horoscopes, football
//! fixtures and footers, many with dates of their own. The body is found from structure, not
//! from a list of sites:
//!
//! - **section markers**: short lines that are portal section names ("Tin liên quan",
//!   "Xem nhiều", "Có thể bạn quan tâm", ...) open a boilerplate zone;
//! - **runs of short headline lines**: three or more short lines in a row without sentence
//!   punctuation are a list, not prose;
//! - **repeated lines**: a line that occurs twice in a page is a teaser box;
//! - **list furniture**: relative times ("4 giờ trước"), category labels, "..." teasers in a
//!   zone, ASCII slugs of the headline left by scrapers.
//!
//! A boilerplate zone ends when body-like prose resumes: a long paragraph that ends as a
//! sentence. If almost nothing is left, the whole text is taken as body (clean input such as
//! JSON lines from a feed is passed through).
//!
//! A [`Page`] is built once per article and read by every later stage: its body paragraphs,
//! its [`Dateline`] and its lead, the section a topic is scored on (by the model for the
//! article, by the events stage for short paragraphs).

mod dateline;

use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;

use chrono::NaiveDate;

pub use dateline::Dateline;

use crate::corpus::Article;
use crate::text::{lexicon, Analyzer, Piece, Syllables};

/// Why a line was kept or dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum LineKind {
    /// Part of the article body.
    Body,
    /// A portal section heading ("Tin liên quan", ...).
    Marker,
    /// Inside a related-news, trending or footer zone.
    Boilerplate,
    /// One of a run of short headline-like lines.
    HeadlineRun,
    /// A line repeated elsewhere in the page.
    Repeated,
    /// A "read also" line inside the body ("Xem thêm: ..."): another story's headline. Its
    /// words stay in the lead the model scores (outlets link stories of the same topic, and
    /// the model was trained so), but its dates and names are not this article's: events and
    /// the merge do not read it.
    ReadAlso,
}

/// One paragraph (a non-empty line) of a page.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Paragraph<'a> {
    /// The line's text, trimmed.
    pub text: &'a str,
    /// 1-based line number in the article text.
    pub line: usize,
    /// Whether it is body or which kind of boilerplate.
    pub kind: LineKind,
}

/// Folds, lower-cases and strips a line down to letters, digits and single spaces.
fn key(line: &str) -> String {
    let folded = crate::text::normalize(
        line,
        &crate::text::NormalizeOptions {
            fold_diacritics: true,
        },
    );
    let mut out = String::with_capacity(folded.len());
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// True when `line` is a portal section heading.
fn is_marker(line: &str) -> bool {
    let trimmed = line.trim();
    if trimmed.chars().count() > 40 {
        return false;
    }
    let k = key(trimmed);
    lexicon::SECTION_MARKERS.contains(&k.as_str())
}

fn ends_as_sentence(line: &str) -> bool {
    let t = line.trim_end();
    if t.ends_with("...") || t.ends_with('…') {
        return false;
    }
    matches!(
        t.chars().last(),
        Some('.' | '!' | '?' | '"' | '”' | '»' | ')' | ':' | ';')
    )
}

fn is_relative_time(line: &str) -> bool {
    // Only short lines ("4 giờ trước") can be relative times.
    if line.len() > 40 {
        return false;
    }
    let k = key(line);
    let words: Vec<&str> = k.split(' ').collect();
    words.len() <= 4
        && words.last() == Some(&lexicon::RELATIVE_TIME_AGO)
        && words
            .iter()
            .any(|w| lexicon::RELATIVE_TIME_UNITS.contains(w))
}

/// A scraper's ASCII slug of a headline ("hoi dong bao an lhq thao luan ..."): all lower-case
/// ASCII words, no punctuation, many words.
fn is_ascii_slug_prefix(line: &str) -> bool {
    let mut words = 0;
    for word in line.split_whitespace().take(6) {
        if !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        words += 1;
    }
    words == 6
}

/// A "read also" line: a label of [`lexicon::READ_ALSO_LABELS`], a colon or "»", and another
/// story's headline (or several, "|"-separated). Such a line sits inside the body, so it opens
/// no zone; its headline is another story's words and dates.
fn is_read_also(line: &str) -> bool {
    if line.len() > 600 {
        return false;
    }
    line.char_indices()
        .take(READ_ALSO_LABEL_CHARS)
        .find(|(_, c)| matches!(c, ':' | '»'))
        .is_some_and(|(i, c)| {
            let rest = line[i + c.len_utf8()..].trim();
            rest.chars().any(char::is_alphanumeric)
                && lexicon::READ_ALSO_LABELS.contains(&key(&line[..i]).as_str())
        })
}

/// How far into a line the label of a "read also" line may end.
const READ_ALSO_LABEL_CHARS: usize = 30;

/// Source credits, promos and share prompts: "Nguồn: ...", ">>> Xin mời ...", "Theo dõi X trên".
fn is_furniture(line: &str) -> bool {
    if line.starts_with(">>") || line.starts_with("►") || line.starts_with("▶") {
        return true;
    }
    if line.chars().count() > 80 {
        return false;
    }
    let folded = crate::text::normalize(
        line,
        &crate::text::NormalizeOptions {
            fold_diacritics: true,
        },
    );
    let credit = folded
        .strip_prefix(lexicon::SOURCE_CREDIT)
        .is_some_and(|rest| rest.trim_start().starts_with(':'));
    let k = key(line);
    let (follow, on) = lexicon::FOLLOW_PROMPT;
    credit || (k.starts_with(follow) && k.ends_with(on))
}

const SHORT: usize = 130;
const BODY_LIKE: usize = 180;

/// Splits `text` into paragraphs and classifies each as body or boilerplate.
pub fn analyze(text: &str) -> Vec<Paragraph<'_>> {
    classify_lines(text)
        .into_iter()
        .map(|(line, text, kind)| Paragraph { text, line, kind })
        .collect()
}

/// [`analyze`] as tuples: `(line number, trimmed line, kind)`.
fn classify_lines(text: &str) -> Vec<(usize, &str, LineKind)> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    // A line repeated in the page is a teaser box. Compared as written (scrapers repeat the
    // same bytes), by hash, so long prose costs one pass.
    let mut seen: crate::text::TokenMap<usize> = Default::default();
    let hashes: Vec<u64> = lines
        .iter()
        .map(|(_, l)| {
            if (12..600).contains(&l.len()) {
                crate::text::text_hash(l)
            } else {
                0
            }
        })
        .collect();
    for &h in &hashes {
        if h != 0 {
            *seen.entry(h).or_default() += 1;
        }
    }
    let n = lines.len();
    let chars: Vec<usize> = lines.iter().map(|(_, l)| l.chars().count()).collect();
    let headline_like: Vec<bool> = (0..n)
        .map(|i| chars[i] < SHORT && !ends_as_sentence(lines[i].1))
        .collect();
    let mut kinds = vec![LineKind::Body; n];
    // Runs of three or more short headline-like lines.
    let mut i = 0;
    while i < n {
        if headline_like[i] {
            let mut j = i;
            while j < n && headline_like[j] {
                j += 1;
            }
            if j - i >= 3 {
                for kind in &mut kinds[i..j] {
                    *kind = LineKind::HeadlineRun;
                }
            }
            i = j;
        } else {
            i += 1;
        }
    }
    // Repeated lines, markers and zones.
    let mut in_zone = false;
    for i in 0..n {
        let (_, line) = lines[i];
        let repeated = hashes[i] != 0 && seen.get(&hashes[i]).copied().unwrap_or(0) > 1;
        if is_marker(line) {
            kinds[i] = LineKind::Marker;
            in_zone = true;
            continue;
        }
        if repeated {
            kinds[i] = LineKind::Repeated;
            continue;
        }
        if is_read_also(line) {
            kinds[i] = LineKind::ReadAlso;
            continue;
        }
        let body_like =
            chars[i] >= BODY_LIKE && ends_as_sentence(line) && !is_ascii_slug_prefix(line);
        if in_zone {
            if body_like {
                in_zone = false;
            } else {
                kinds[i] = LineKind::Boilerplate;
                continue;
            }
        }
        if is_relative_time(line) || is_ascii_slug_prefix(line) || is_furniture(line) {
            kinds[i] = LineKind::Boilerplate;
        }
    }
    // A teaser after a repeated headline pair belongs to the box, as does the next headline.
    for i in 1..n {
        if kinds[i] == LineKind::Body
            && kinds[i - 1] == LineKind::Repeated
            && chars[i] < 2 * BODY_LIKE
        {
            kinds[i] = LineKind::Boilerplate;
        }
    }
    // Short lines between boilerplate lines are boilerplate (category labels, footers).
    for i in 0..n {
        if kinds[i] == LineKind::Body && headline_like[i] {
            let prev = i > 0 && kinds[i - 1] != LineKind::Body;
            let next = i + 1 < n && kinds[i + 1] != LineKind::Body;
            let last = i + 1 == n;
            if prev && (next || last) {
                kinds[i] = LineKind::Boilerplate;
            }
        }
    }
    lines
        .into_iter()
        .zip(kinds)
        .map(|((line, text), kind)| (line, text, kind))
        .collect()
}

/// The body paragraphs of a page, "read also" lines among them (kind [`LineKind::ReadAlso`],
/// every other kept line [`LineKind::Body`]). When boilerplate detection leaves less than a
/// fifth of the text (a page that is all short lines, say), every paragraph is returned instead.
pub fn body_paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let all = classify_lines(text);
    let total: usize = all.iter().map(|p| p.1.len()).sum();
    let in_body = |kind: LineKind| matches!(kind, LineKind::Body | LineKind::ReadAlso);
    let body: usize = all.iter().filter(|p| in_body(p.2)).map(|p| p.1.len()).sum();
    let keep_all = total > 0 && body * 5 < total;
    all.into_iter()
        .filter(|p| keep_all || in_body(p.2))
        .map(|(line, text, kind)| Paragraph {
            text,
            line,
            kind: if kind == LineKind::ReadAlso {
                kind
            } else {
                LineKind::Body
            },
        })
        .collect()
}

/// An article as the later stages read it: the body paragraphs (boilerplate and dateline
/// out), the dateline, and the lead. Built once per article with [`Page::new`].
#[derive(Debug, Clone)]
pub struct Page<'a> {
    article: &'a Article,
    paragraphs: Vec<Paragraph<'a>>,
    dateline: Option<Dateline>,
    lead: Cow<'a, str>,
    /// The title's and the paragraphs' syllables, each cut when first asked for: the events
    /// stage's model and its merge terms both read them (see [`Page::paragraph_syllables`]).
    syllables: PageSyllables,
}

/// The syllables of a page's title and paragraphs, cut once (see [`Page::title_syllables`]).
#[derive(Debug, Clone, Default)]
struct PageSyllables {
    title: OnceCell<Syllables>,
    /// One cell per body paragraph, made on first use.
    paragraphs: OnceCell<Box<[OnceCell<Syllables>]>>,
}

/// The syllables of `text` in `cell` (cut by `analyzer` when first asked for), when they were
/// cut with `analyzer`'s normalisation; else cut afresh.
fn cut_once<'s>(
    cell: &'s OnceCell<Syllables>,
    text: &str,
    analyzer: &mut Analyzer,
) -> Cow<'s, Syllables> {
    let cut = cell.get_or_init(|| analyzer.syllables(text));
    if cut.normalize() == analyzer.normalize_options() {
        Cow::Borrowed(cut)
    } else {
        Cow::Owned(analyzer.syllables(text))
    }
}

impl<'a> Page<'a> {
    /// Lays out `article`'s text.
    pub fn new(article: &'a Article) -> Self {
        let text = article.text.as_str();
        let dateline = dateline::find(text);
        let mut paragraphs = body_without(text, dateline);
        let lead = lead_of(text, dateline, &paragraphs);
        paragraphs.retain(|p| p.kind == LineKind::Body);
        Page {
            article,
            paragraphs,
            dateline,
            lead,
            syllables: PageSyllables::default(),
        }
    }

    /// The article the page was built from.
    pub fn article(&self) -> &'a Article {
        self.article
    }

    /// The body paragraphs, in order (see [`body_paragraphs`]), without the dateline line and
    /// "read also" lines.
    pub fn paragraphs(&self) -> &[Paragraph<'a>] {
        &self.paragraphs
    }

    /// The dateline at the top of the page, if any.
    pub fn dateline(&self) -> Option<Dateline> {
        self.dateline
    }

    /// The lead: the text an article's topic is scored on (see [`lead_text`]).
    pub fn lead(&self) -> &str {
        &self.lead
    }

    /// The publication date: the article's own, else its dateline's.
    pub fn published(&self) -> Option<NaiveDate> {
        self.article.published.or(self.dateline.map(|d| d.date))
    }

    /// The article's title cut into syllables by `analyzer`: once per page for every analyzer
    /// of the same normalisation (the model's and the merge terms' are of the model's).
    pub(crate) fn title_syllables(&self, analyzer: &mut Analyzer) -> Cow<'_, Syllables> {
        cut_once(&self.syllables.title, &self.article.title, analyzer)
    }

    /// Body paragraph `i` cut into syllables by `analyzer`, as [`Page::title_syllables`].
    pub(crate) fn paragraph_syllables(
        &self,
        i: usize,
        analyzer: &mut Analyzer,
    ) -> Cow<'_, Syllables> {
        let cells = self.syllables.paragraphs.get_or_init(|| {
            (0..self.paragraphs.len())
                .map(|_| OnceCell::new())
                .collect()
        });
        cut_once(&cells[i], self.paragraphs[i].text, analyzer)
    }

    /// The lead's syllables as `analyzer` cuts the lead, made from its paragraphs' (see
    /// [`Syllables::joined`]) when the lead is body paragraphs joined by line breaks where
    /// they stand in the text, the common case; `None` otherwise (the lead is then cut from
    /// its text).
    pub(crate) fn lead_pieces(&self, analyzer: &mut Analyzer) -> Option<Vec<Piece>> {
        let parts: Vec<Cow<'_, Syllables>> = self
            .lead_paragraphs()?
            .map(|i| self.paragraph_syllables(i, analyzer))
            .collect();
        let parts: Vec<&Syllables> = parts.iter().map(|p| p.as_ref()).collect();
        Syllables::joined(&parts)
    }

    /// The body paragraphs the lead is made of, when it is exactly they, in order, one line
    /// break apart in the article's text (it is then a stretch of that text holding them).
    fn lead_paragraphs(&self) -> Option<Range<usize>> {
        let lead = self.lead.as_ref();
        let start = lead.as_ptr() as usize;
        let end = start + lead.len();
        let first = self
            .paragraphs
            .iter()
            .position(|p| p.text.as_ptr() as usize == start)?;
        let mut at = start;
        for (k, p) in self.paragraphs[first..].iter().enumerate() {
            if p.text.as_ptr() as usize != at {
                return None;
            }
            let stop = at + p.text.len();
            if stop == end {
                return Some(first..first + k + 1);
            }
            // The next paragraph starts one line break on, inside the lead.
            if stop >= end || lead.as_bytes().get(stop - start) != Some(&b'\n') {
                return None;
            }
            at = stop + 1;
        }
        None
    }
}

/// The body paragraphs of `text` without its dateline's line: the dateline is furniture, and
/// its date is kept in [`Page::dateline`].
fn body_without(text: &str, dateline: Option<Dateline>) -> Vec<Paragraph<'_>> {
    let mut body = body_paragraphs(text);
    if let Some(d) = dateline {
        body.retain(|p| p.line != d.line);
    }
    body
}

/// Text of one or two lines has no room for boilerplate structure and is taken as it is.
fn too_short_for_structure(text: &str) -> bool {
    text.trim_end().lines().nth(2).is_none()
}

/// The lead section of a page's body as text: the one definition behind [`Page::lead`] and
/// [`lead_text`]. Text of one or two lines without a dateline is the lead as it is: the
/// default model was trained on exactly that text. Otherwise it is the body paragraphs (dateline
/// out) before the first headline-like line (short, no sentence punctuation, at least three
/// words, not a photo caption or credit) that follows at least 400 characters of prose:
/// scraped pages glue related stories after such a line, and an article's topic is its
/// headline and the section under it.
fn lead_of<'a>(text: &'a str, dateline: Option<Dateline>, body: &[Paragraph<'a>]) -> Cow<'a, str> {
    if dateline.is_none() && too_short_for_structure(text) {
        return Cow::Borrowed(text);
    }
    let lines: Vec<&str> = body.iter().map(|p| p.text).collect();
    let n = lead_len_of(&lines);
    match joined_in_place(text, &lines[..n]) {
        Some(span) => Cow::Borrowed(span),
        None => Cow::Owned(lines[..n].join("\n")),
    }
}

/// How many of `body`'s lines make up the lead section (see [`lead_of`]).
fn lead_len_of(body: &[&str]) -> usize {
    let mut prose = 0usize;
    for (i, text) in body.iter().enumerate() {
        // A line of 4 bytes a character or more cannot be a short headline: count only short ones.
        if text.len() >= SHORT * 4 {
            prose += text.len() / 2;
            continue;
        }
        let chars = text.chars().count();
        let words = text.split_whitespace().count();
        let folded = if chars < SHORT {
            crate::text::normalize(
                text,
                &crate::text::NormalizeOptions {
                    fold_diacritics: true,
                },
            )
        } else {
            String::new()
        };
        let caption = lexicon::CAPTION_MARKS.iter().any(|m| folded.contains(m));
        let headline = chars < SHORT && words >= 3 && !ends_as_sentence(text) && !caption;
        if headline && prose >= 400 {
            return i;
        }
        if !headline {
            prose += chars;
        }
    }
    body.len()
}

/// The lead of a page's text, as [`Page::lead`] gives it (the model scores an article's title
/// and this text). Borrowed from `text` when it is one stretch of it.
pub fn lead_text(text: &str) -> Cow<'_, str> {
    let dateline = dateline::find(text);
    // Clean one-line text (a feed's JSON lines) need not have its lines classified.
    if dateline.is_none() && too_short_for_structure(text) {
        return Cow::Borrowed(text);
    }
    lead_of(text, dateline, &body_without(text, dateline))
}

/// `lines` joined by newlines when `text` already holds exactly that (consecutive untrimmed
/// lines, one `\n` apart, the common case for a clean article), so it need not be copied.
fn joined_in_place<'a>(text: &'a str, lines: &[&'a str]) -> Option<&'a str> {
    let offset = |line: &str| (line.as_ptr() as usize).checked_sub(text.as_ptr() as usize);
    let (first, rest) = lines.split_first()?;
    let start = offset(first)?;
    let mut end = start + first.len();
    for line in rest {
        if offset(line)? != end + 1 || text.as_bytes().get(end) != Some(&b'\n') {
            return None;
        }
        end += 1 + line.len();
    }
    text.get(start..end)
}

/// The body text of a page: its body paragraphs joined by newlines. Text of one or two lines
/// has no room for boilerplate structure and is returned as it is.
pub fn body_text(text: &str) -> Cow<'_, str> {
    if too_short_for_structure(text) {
        return Cow::Borrowed(text);
    }
    let paragraphs = body_paragraphs(text);
    let mut out = String::with_capacity(text.len());
    for p in paragraphs {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(p.text);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LONG: &str = "Ngày 12/4, cơ quan chức năng cho biết hệ thống của một bệnh viện lớn đã bị mã độc tống tiền tấn công, khiến nhiều dịch vụ khám chữa bệnh phải chuyển sang làm thủ công trong nhiều giờ liền.";

    #[test]
    fn ascii_slugs_are_six_lower_case_ascii_words() {
        assert!(is_ascii_slug_prefix("tin tuc moi nhat hom nay ve an ninh"));
        assert!(!is_ascii_slug_prefix("tin tuc moi nhat hom"));
        assert!(!is_ascii_slug_prefix("tin tuc moi nhat hom Nay"));
        assert!(!is_ascii_slug_prefix("tin tức mới nhất hôm nay"));
        assert!(!is_ascii_slug_prefix("tin tuc 2024 nhat hom nay"));
    }

    #[test]
    fn lead_text_borrows_clean_text_and_joins_the_rest() {
        let clean = format!("{LONG}\n{LONG}\n{LONG}");
        let lead = lead_text(&clean);
        assert!(matches!(lead, Cow::Borrowed(_)));
        assert_eq!(lead, clean);
        // Indented lines and blank lines are dropped and the rest joined by single newlines.
        let messy = format!("  {LONG}\n\n{LONG} \r\n{LONG}\n");
        let lead = lead_text(&messy);
        assert!(matches!(lead, Cow::Owned(_)));
        assert_eq!(lead, clean);
        // Cut after a headline-like line that follows the lead: a borrowed prefix.
        let glued = format!("{LONG}\n{LONG}\n{LONG}\nMột bài khác về chuyện khác hẳn\n{LONG}");
        let lead = lead_text(&glued);
        assert_eq!(lead, clean);
        assert!(matches!(lead, Cow::Borrowed(_)));
    }

    #[test]
    fn markers_are_recognised_with_or_without_diacritics() {
        assert!(is_marker("Tin liên quan"));
        assert!(is_marker("TIN LIÊN QUAN"));
        assert!(is_marker("Có thể bạn quan tâm"));
        assert!(is_marker("xem nhieu"));
        assert!(!is_marker(
            "Tin liên quan đến vụ tấn công mạng tại bệnh viện lớn nhất"
        ));
    }

    #[test]
    fn related_zone_is_dropped_until_prose_resumes() {
        let page = format!(
            "{LONG}\nTIN LIÊN QUAN\nMột tin khác ngày 3/4\nTin thứ hai 5/4\n{LONG} Thêm.\nXem nhiều\nGiá vàng hôm nay 22/11\n"
        );
        let kinds: Vec<LineKind> = analyze(&page).into_iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            vec![
                LineKind::Body,
                LineKind::Marker,
                LineKind::Boilerplate,
                LineKind::Boilerplate,
                LineKind::Body,
                LineKind::Marker,
                LineKind::Boilerplate
            ]
        );
    }

    #[test]
    fn runs_of_short_headlines_are_dropped() {
        let page = format!("{LONG}\nNATO trước viễn cảnh mới\nIsrael căng thẳng\nRơi trực thăng ở Nhật Bản\nMỹ đánh giá tích cực\n");
        let body = body_paragraphs(&page);
        assert_eq!(body.len(), 1);
        assert_eq!(body[0].line, 1);
    }

    #[test]
    fn repeated_headline_and_its_teaser_are_dropped() {
        let page = format!(
            "{LONG}\n\nLịch thi đấu bóng đá hôm nay 23/11\n\nLịch thi đấu bóng đá hôm nay 23/11\n\nTrận cầu đáng chú ý nhất là cuộc đối đầu giữa hai đội dẫn đầu.\n"
        );
        let body = body_paragraphs(&page);
        assert_eq!(body.len(), 1);
    }

    #[test]
    fn read_also_lines_are_a_label_and_another_headline() {
        assert!(is_read_also("Xem thêm: Giá vàng hôm nay tăng mạnh"));
        assert!(is_read_also(
            "Tin liên quan: Trạm vũ trụ đón phi hành đoàn mới | Vì sao trạm phải nghỉ hưu"
        ));
        assert!(is_read_also("ĐỌC THÊM » Bão số 9 đổ bộ"));
        assert!(is_read_also("Xem them: Gia vang hom nay"));
        // A label alone opens a zone instead (see `is_marker`); other labels start prose.
        assert!(!is_read_also("Xem thêm:"));
        assert!(!is_read_also(
            "Video: Cảnh sát giải cứu hai du khách mắc kẹt"
        ));
        assert!(!is_read_also(
            "Ông Nam cho biết: xem thêm các điều khoản trước khi ký."
        ));
        let text = format!("{LONG}\nXem thêm: Hà Nội khai mạc lễ hội hoa ngày 5/12\n{LONG} Hết.");
        let kinds: Vec<LineKind> = analyze(&text).iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [LineKind::Body, LineKind::ReadAlso, LineKind::Body]);
        // The model's lead keeps it; the page's paragraphs, read by events, do not.
        assert!(lead_text(&text).contains("Xem thêm"));
        let article = article(&text);
        let page = Page::new(&article);
        assert_eq!(page.paragraphs().len(), 2);
        assert!(page.lead().contains("Xem thêm"));
    }

    #[test]
    fn credits_and_promos_are_furniture() {
        assert!(is_furniture("Nguồn: Vietnamplus"));
        assert!(is_furniture(
            ">>> Xin mời quý vị đón xem Thời sự lúc 20 giờ"
        ));
        assert!(is_furniture("Theo dõi Baoquocte.vn trên"));
        assert!(!is_furniture(
            "Nguồn tin cho biết hội nghị sẽ diễn ra vào tuần sau tại Hà Nội."
        ));
    }

    #[test]
    fn relative_times_are_boilerplate() {
        assert!(is_relative_time("4 giờ trước"));
        assert!(is_relative_time("5 phut truoc"));
        assert!(!is_relative_time("Hai tuần trước, hội nghị đã bế mạc."));
    }

    #[test]
    fn a_page_of_short_lines_is_kept_whole() {
        let page = "Một\nHai\nBa\nBốn\n";
        assert_eq!(body_paragraphs(page).len(), 4);
    }

    fn lead_len(body: &[Paragraph]) -> usize {
        lead_len_of(&body.iter().map(|p| p.text).collect::<Vec<_>>())
    }

    #[test]
    fn lead_section_ends_at_a_glued_headline_after_prose() {
        let glued = "Tổng thống hai nước hội đàm song phương";
        let page = format!("Thế Việt\n{LONG}\n{LONG}\n{LONG}\n{glued}\n{LONG}\n");
        let body = body_paragraphs(&page);
        assert_eq!(body.len(), 6);
        assert_eq!(
            lead_len(&body),
            4,
            "the byline at the top does not end the lead"
        );
        let early = format!("{LONG}\n{glued}\n{LONG}\n");
        assert_eq!(
            lead_len(&body_paragraphs(&early)),
            3,
            "too little prose before it"
        );
        let captioned = format!("{LONG}\n{LONG}\n{LONG}\nHai nhà lãnh đạo. Ảnh: Reuters\n{LONG}\n");
        assert_eq!(
            lead_len(&body_paragraphs(&captioned)),
            5,
            "captions do not end it"
        );
    }

    fn article(text: &str) -> Article {
        Article {
            id: "a".into(),
            title: "Tiêu đề".into(),
            published: None,
            url: None,
            site_name: None,
            text: text.into(),
            label: None,
            also: None,
            source: crate::Location::file("a.txt"),
        }
    }

    #[test]
    fn the_dateline_is_neither_body_nor_lead() {
        let a = article(&format!("Thứ Năm, 11/04/2024 - 09:30\n{LONG}\n{LONG}\n"));
        let page = Page::new(&a);
        let d = page.dateline().expect("a dateline");
        assert_eq!((d.date.to_string(), d.line), ("2024-04-11".to_string(), 1));
        assert_eq!(page.published(), Some(d.date));
        assert_eq!(page.paragraphs().len(), 2);
        assert_eq!(page.lead(), format!("{LONG}\n{LONG}"));
        assert_eq!(lead_text(&a.text), page.lead());
        // Two lines, one of them a dateline: the lead is the other.
        let a = article(&format!("30/03/2024 08:15 GMT+7\n{LONG}"));
        assert_eq!(Page::new(&a).lead(), LONG);
        assert_eq!(lead_text(&a.text), LONG);
    }

    #[test]
    fn short_text_is_its_own_lead() {
        // The default model was trained on such text as it is, credit line and all.
        let text = format!("  {LONG}\nNguồn: Vietnamplus");
        let a = article(&text);
        assert_eq!(Page::new(&a).lead(), text);
        assert_eq!(Page::new(&a).paragraphs().len(), 1);
        assert!(matches!(lead_text(&text), Cow::Borrowed(t) if t == text));
    }

    /// Every n-gram (hash and offsets) the analyzer cuts from pieces.
    fn grams_in(analyzer: &Analyzer, pieces: &[Piece]) -> Vec<crate::text::Gram> {
        let mut out = Vec::new();
        analyzer.for_each_gram_in(pieces, |g| out.push(g));
        out
    }

    #[test]
    fn the_lead_cut_from_its_paragraphs_is_the_lead_cut_from_its_text() {
        let short = "Tin liên quan";
        let texts = [
            format!("{LONG}\n{LONG}\n{LONG}"),
            format!("{LONG}\n\n{LONG}\n{LONG}\n"),
            format!("  {LONG}  \n{LONG}"),
            format!("Thứ Năm, 11/04/2024 - 09:30\n{LONG}\n{LONG}\n"),
            format!("{LONG}\nXem thêm: Tin tặc tấn công ngân hàng\n{LONG}"),
            format!("{LONG}\n{short}\nBài một hay\nBài hai hay\n{LONG}"),
            format!("{LONG} (TTXVN)\n5 vệ tinh!\n\u{1100}\u{1161} Hàn\n{LONG}…"),
            format!("{LONG}\n—\n{LONG}"),
            LONG.to_string(),
        ];
        let mut joined = 0;
        for fold in [true, false] {
            let mut analyzer = Analyzer::new(crate::text::AnalyzerOptions {
                normalize: crate::text::NormalizeOptions {
                    fold_diacritics: fold,
                },
                ngram_min: 1,
                ngram_max: 3,
            });
            for text in &texts {
                let a = article(text);
                let page = Page::new(&a);
                let mut expected = Vec::new();
                analyzer.for_each_gram(page.lead(), |g| expected.push(g));
                if let Some(pieces) = page.lead_pieces(&mut analyzer) {
                    assert_eq!(grams_in(&analyzer, &pieces), expected, "{text:?}");
                    joined += 1;
                }
                for (i, p) in page.paragraphs().iter().enumerate() {
                    let mut expected = Vec::new();
                    analyzer.for_each_gram(p.text, |g| expected.push(g));
                    let cut = page.paragraph_syllables(i, &mut analyzer);
                    assert_eq!(grams_in(&analyzer, cut.pieces()), expected, "{text:?}");
                }
            }
        }
        // Leads joined in place (clean text, a dateline before it, an empty line kept out).
        assert!(joined >= 4, "{joined}");
    }

    #[test]
    fn single_paragraph_text_passes_through() {
        assert_eq!(body_text(LONG), LONG);
    }
}
