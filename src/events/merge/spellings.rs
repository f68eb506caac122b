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

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
    matcher: AhoCorasick,
    replacement: Vec<&'static str>,
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
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .expect("the spellings table builds");
        Table {
            matcher,
            replacement,
        }
    })
}

/// `text` with every listed spelling replaced by its row's first; borrowed when it holds none.
pub fn one_spelling(text: &str) -> Cow<'_, str> {
    let table = table();
    let mut out: Option<String> = None;
    let mut copied = 0;
    for found in table.matcher.find_iter(text) {
        let (start, end) = (found.start(), found.end());
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
