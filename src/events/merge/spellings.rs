//! One spelling per name when articles are compared. Outlets name one country, city or agency
//! differently: the domestic press writes "Thổ Nhĩ Kỳ", "Mỹ", "Triều Tiên"; overseas services
//! "Bắc Hàn", "Hoa Kỳ", "Phi Luật Tân"; others the English or local name ("Türkiye",
//! "Brasil"), or spell out an agency that another outlet gives by its initials ("Cơ quan Hàng
//! không Vũ trụ Mỹ" and "NASA"). The name a report repeats weighs most in its term vector, so
//! two reports of one state visit that spell the host country differently looked unrelated
//! (a cosine of 0.00 between "Brasil" and "Brazil" reports). Before an article's terms are
//! taken, each spelling in [`SPELLINGS`] is replaced by the one written first in its row.
//!
//! Only well-established names are listed, each row one entity: names of countries, capitals
//! and the international bodies and space agencies the three topics keep meeting. The text an
//! event shows is never changed; this is only how the merge reads it.

use std::borrow::Cow;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, Match, MatchKind, StartKind};

/// Rows of one entity's spellings: the first is the one articles are compared under, the rest
/// are replaced by it. A spelling matches as written (capitals included), as whole words.
/// Spellings without diacritics are listed where the form folds differently from the first
/// (a text typed without diacritics folds "Mỹ" and "My" alike, but not "Hoa Ky" and "My").
pub const SPELLINGS: &[&[&str]] = &[
    // Countries.
    &["Mỹ", "Hoa Kỳ", "Hoa Ky", "Hợp chúng quốc Hoa Kỳ"],
    &[
        "Triều Tiên",
        "Bắc Hàn",
        "Bac Han",
        "Bắc Triều Tiên",
        "Bac Trieu Tien",
    ],
    &["Hàn Quốc", "Nam Hàn", "Nam Han", "Đại Hàn", "Dai Han"],
    &[
        "Trung Quốc",
        "Trung Cộng",
        "Trung Cong",
        "Hoa Lục",
        "Hoa Luc",
    ],
    &["Thổ Nhĩ Kỳ", "Türkiye", "Turkiye", "Turkey"],
    &["Brazil", "Brasil"],
    &["Philippines", "Phi Luật Tân", "Phi Luat Tan", "Philippin"],
    &["Malaysia", "Mã Lai", "Ma Lai"],
    &["Campuchia", "Cam Bốt", "Cam Bot", "Cambodia", "Căm-pu-chia"],
    &["Myanmar", "Miến Điện", "Mien Dien", "Burma"],
    &["Úc", "Australia", "Úc Đại Lợi", "Uc Dai Loi"],
    &["New Zealand", "Tân Tây Lan", "Tan Tay Lan"],
    &["Singapore", "Tân Gia Ba", "Tan Gia Ba", "Xin-ga-po"],
    &["Ukraine", "Ucraina", "U-crai-na"],
    &["Thụy Sĩ", "Thụy Sỹ", "Thuy Sy"],
    &["Mexico", "Mễ Tây Cơ", "Me Tay Co", "Mê-hi-cô"],
    // Capitals and cities.
    &["Washington", "Hoa Thịnh Đốn", "Hoa Thinh Don"],
    &[
        "Moskva",
        "Moscow",
        "Mát-xcơ-va",
        "Matxcova",
        "Mạc Tư Khoa",
        "Mac Tu Khoa",
    ],
    &["Bắc Kinh", "Beijing"],
    &["Kyiv", "Kiev", "Ki-ép"],
    &["London", "Luân Đôn", "Luan Don"],
    &["Geneva", "Genève", "Giơ-ne-vơ"],
    &["New York", "Nữu Ước", "Nuu Uoc"],
    &["Hà Nội", "Hanoi"],
    &[
        "Thành phố Hồ Chí Minh",
        "TP.HCM",
        "TP HCM",
        "TPHCM",
        "TP. HCM",
        "TP Hồ Chí Minh",
        "TP. Hồ Chí Minh",
        "Tp.HCM",
    ],
    // International bodies.
    &[
        "Liên Hợp Quốc",
        "Liên hợp quốc",
        "Liên Hiệp Quốc",
        "Lien Hiep Quoc",
        "LHQ",
        "United Nations",
    ],
    &[
        "EU",
        "Liên minh châu Âu",
        "Liên minh Châu Âu",
        "Lien minh chau Au",
        "Liên Âu",
    ],
    &[
        "ASEAN",
        "Hiệp hội các quốc gia Đông Nam Á",
        "Hiệp hội các nước Đông Nam Á",
    ],
    &[
        "NATO",
        "Tổ chức Hiệp ước Bắc Đại Tây Dương",
        "Khối Bắc Đại Tây Dương",
    ],
    &["WHO", "Tổ chức Y tế Thế giới"],
    &["FBI", "Cục Điều tra Liên bang Mỹ", "Cục Điều tra Liên bang"],
    // Space agencies.
    &[
        "NASA",
        "Cơ quan Hàng không và Vũ trụ Mỹ",
        "Cơ quan Hàng không Vũ trụ Mỹ",
        "Cơ quan Hàng không và Vũ trụ Hoa Kỳ",
        "Cơ quan Hàng không Vũ trụ Hoa Kỳ",
        "Cơ quan Hàng không và Không gian Mỹ",
    ],
    &[
        "JAXA",
        "Cơ quan Thám hiểm Hàng không Vũ trụ Nhật Bản",
        "Cơ quan Vũ trụ Nhật Bản",
    ],
    &["ESA", "Cơ quan Vũ trụ châu Âu", "Cơ quan Vũ trụ Châu Âu"],
    &[
        "ISRO",
        "Tổ chức Nghiên cứu Vũ trụ Ấn Độ",
        "Cơ quan Vũ trụ Ấn Độ",
    ],
    &["CNSA", "Cơ quan Vũ trụ Quốc gia Trung Quốc"],
    &[
        "CMSA",
        "Cơ quan Vũ trụ có người lái Trung Quốc",
        "Cơ quan Không gian có người lái Trung Quốc",
    ],
    &[
        "Roscosmos",
        "Tập đoàn Vũ trụ Nga",
        "Cơ quan Vũ trụ Nga",
        "Tập đoàn Vũ trụ Quốc gia Nga",
    ],
    &["KARI", "Viện Nghiên cứu Hàng không Vũ trụ Hàn Quốc"],
];

/// The matcher over every spelling to replace, and the spelling each one stands for.
struct Table {
    /// Anchored searches only: see [`Table::next_match`].
    matcher: AhoCorasick,
    replacement: Vec<&'static str>,
    /// By a byte: [`NEVER`] when no spelling starts with it, [`SOME`] when some spelling's
    /// first two bytes start with it (see `pairs`), [`ALWAYS`] when a spelling is that byte.
    lead: [u8; 256],
    /// The first two bytes of every spelling, as bits of a 65,536-bit set.
    pairs: Vec<u64>,
}

/// See [`Table::lead`].
const NEVER: u8 = 0;
/// See [`Table::lead`].
const SOME: u8 = 1;
/// See [`Table::lead`].
const ALWAYS: u8 = 2;

impl Table {
    /// Whether a spelling may start at byte `at` of `bytes`: its first two bytes start one.
    #[inline]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        match self.lead[usize::from(bytes[at])] {
            NEVER => false,
            SOME => bytes.get(at + 1).is_some_and(|&next| {
                let pair = usize::from(bytes[at]) << 8 | usize::from(next);
                self.pairs[pair / 64] >> (pair % 64) & 1 == 1
            }),
            _ => true,
        }
    }

    /// The leftmost-longest match of a spelling starting at `from` or after: what an
    /// unanchored leftmost-longest search from `from` finds. The leftmost match starts at the
    /// first place where one starts, and the longest of those is what an anchored search
    /// there gives; places are skipped by their first two bytes, as most bytes of news start
    /// no spelling (the unanchored search stepped its automaton through every byte of every
    /// paragraph).
    fn next_match(&self, text: &str, from: usize) -> Option<Match> {
        let bytes = text.as_bytes();
        let mut at = from;
        loop {
            // Past the bytes no spelling starts with, in a tight loop.
            at += bytes
                .get(at..)?
                .iter()
                .position(|&b| self.lead[usize::from(b)] != NEVER)?;
            if self.may_start(bytes, at) {
                let input = Input::new(text).range(at..).anchored(Anchored::Yes);
                if let Some(found) = self.matcher.find(input) {
                    return Some(found);
                }
            }
            at += 1;
        }
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut patterns = Vec::new();
        let mut replacement = Vec::new();
        for row in SPELLINGS {
            for &other in &row[1..] {
                patterns.push(other);
                replacement.push(row[0]);
            }
        }
        // The longest spelling at a place wins: "Cục Điều tra Liên bang Mỹ" over its first
        // four words, "Bắc Triều Tiên" over "Triều Tiên".
        // A DFA: the table is small, and every paragraph of every article is searched.
        let matcher = AhoCorasick::builder()
            .kind(Some(AhoCorasickKind::DFA))
            .prefilter(false)
            .start_kind(StartKind::Anchored)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the spellings table builds");
        let mut lead = [NEVER; 256];
        let mut pairs = vec![0u64; 65536 / 64];
        for p in &patterns {
            match *p.as_bytes() {
                [first] => lead[usize::from(first)] = ALWAYS,
                [first, second, ..] => {
                    let at = &mut lead[usize::from(first)];
                    *at = (*at).max(SOME);
                    let pair = usize::from(first) << 8 | usize::from(second);
                    pairs[pair / 64] |= 1 << (pair % 64);
                }
                [] => {}
            }
        }
        Table {
            matcher,
            replacement,
            lead,
            pairs,
        }
    })
}

/// `text` with every listed spelling replaced by its row's first; borrowed when it holds none.
pub fn one_spelling(text: &str) -> Cow<'_, str> {
    let table = table();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(found) = table.next_match(text, from) {
        let (start, end) = (found.start(), found.end());
        // The next search starts after this match, whole words or not, as an iterator of
        // leftmost matches does.
        from = end;
        if !whole_words(text, start, end) {
            continue;
        }
        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 16));
        out.push_str(&text[copied..start]);
        out.push_str(table.replacement[found.pattern().as_usize()]);
        copied = end;
    }
    match out {
        None => Cow::Borrowed(text),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            Cow::Owned(out)
        }
    }
}

/// Whether `text[start..end]` is whole words: no letter or digit right before or after it
/// ("Brasil" is not the start of "Brasilia").
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_spellings_become_the_first_of_their_row() {
        assert_eq!(
            one_spelling("Tổng thống Türkiye đón Thủ tướng tại Ankara."),
            "Tổng thống Thổ Nhĩ Kỳ đón Thủ tướng tại Ankara."
        );
        assert_eq!(
            one_spelling("SEOUL (NV) - Bắc Hàn bắn hỏa tiễn, theo Nam Hàn."),
            "SEOUL (NV) - Triều Tiên bắn hỏa tiễn, theo Hàn Quốc."
        );
        assert_eq!(
            one_spelling("Cơ quan Hàng không Vũ trụ Mỹ (NASA) cho biết"),
            "NASA (NASA) cho biết"
        );
        assert_eq!(
            one_spelling("một công ty ở TP.HCM và một ở Hà Nội"),
            "một công ty ở Thành phố Hồ Chí Minh và một ở Hà Nội"
        );
    }

    #[test]
    fn the_longest_spelling_wins_and_only_whole_words_match() {
        assert_eq!(
            one_spelling("Bắc Triều Tiên và Triều Tiên"),
            "Triều Tiên và Triều Tiên"
        );
        // "Brasil" inside "Brasilia" is not the country; "Hoa Kỳ" needs its capitals.
        assert_eq!(one_spelling("Thủ đô Brasilia"), "Thủ đô Brasilia");
        assert_eq!(one_spelling("một loài hoa kỳ lạ"), "một loài hoa kỳ lạ");
        assert_eq!(one_spelling("Brasil,"), "Brazil,");
    }

    #[test]
    fn a_text_without_another_spelling_is_borrowed() {
        let text = "Chủ tịch nước hội đàm với Tổng thống Indonesia.";
        assert!(matches!(one_spelling(text), Cow::Borrowed(t) if t == text));
    }

    /// What `one_spelling` was before it skipped places by their first bytes: an unanchored
    /// leftmost-longest search.
    fn one_spelling_unanchored(text: &str) -> String {
        let table = table();
        let patterns: Vec<&str> = SPELLINGS
            .iter()
            .flat_map(|row| &row[1..])
            .copied()
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("builds");
        let mut out = String::new();
        let mut copied = 0;
        for found in matcher.find_iter(text) {
            let (start, end) = (found.start(), found.end());
            if !whole_words(text, start, end) {
                continue;
            }
            out.push_str(&text[copied..start]);
            out.push_str(table.replacement[found.pattern().as_usize()]);
            copied = end;
        }
        out.push_str(&text[copied..]);
        out
    }

    #[test]
    fn skipping_by_first_bytes_finds_what_an_unanchored_search_does() {
        let mut texts: Vec<String> = Vec::new();
        // Every spelling alone, glued to a letter, after a part of itself, and overlapping the
        // next spelling.
        let all: Vec<&str> = SPELLINGS
            .iter()
            .flat_map(|row| row.iter())
            .copied()
            .collect();
        for (i, s) in all.iter().enumerate() {
            let next = all[(i + 1) % all.len()];
            let half: String = s.chars().take(s.chars().count() / 2).collect();
            texts.push((*s).to_string());
            texts.push(format!("x{s} {s}y, {s}."));
            texts.push(format!("{half}{s} {half} {s}{next} ({s}) {next}"));
            texts.push(format!("Bắc {s} Triều {s}Tiên {s} Kỳ"));
        }
        // Real news.
        let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
        let mut files = vec![data.join("heldout.jsonl")];
        for dir in ["happenings", "stream"] {
            if let Ok(entries) = std::fs::read_dir(data.join(dir)) {
                files.extend(entries.flatten().map(|e| e.path()));
            }
        }
        for path in files {
            if let Ok(body) = std::fs::read_to_string(path) {
                texts.extend(body.lines().map(str::to_string));
            }
        }
        assert!(texts.len() > 500);
        for text in &texts {
            assert_eq!(one_spelling(text), one_spelling_unanchored(text), "{text}");
        }
    }

    #[test]
    fn every_spelling_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for row in SPELLINGS {
            assert!(row.len() >= 2, "{row:?} has no other spelling");
            for s in *row {
                assert!(seen.insert(*s), "{s} is listed twice");
            }
        }
    }
}
