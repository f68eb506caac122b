//! Event titles: the news of a sentence, without its outlet tag, date or attribution, cut at a
//! word boundary.

use super::dates::find_dates;
use crate::text::lexicon::{ATTRIBUTION, CONNECTIVES};

/// A short title from the sentence that holds a date: leading datelines and the date phrase
/// are dropped, and the rest is cut at a word boundary to at most `max` characters.
pub fn short_title(sentence: &str, max: usize) -> String {
    let mut s = sentence.trim();
    // Leading outlet tags: "TGVN.", "(TTXVN) -", "VOV.VN -".
    loop {
        let before = s;
        if let Some(rest) = s.strip_prefix('(') {
            if let Some(close) = rest.find(')') {
                if close < 24 {
                    s = rest[close + 1..]
                        .trim_start_matches([' ', '-', '–', ':'])
                        .trim_start();
                }
            }
        }
        let first: &str = s.split_whitespace().next().unwrap_or("");
        if first.len() <= 12
            && (first.ends_with('.') || first.ends_with(':'))
            && first
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
            && first.chars().any(char::is_alphabetic)
        {
            s = s[first.len()..]
                .trim_start_matches([' ', '-', '–'])
                .trim_start();
        }
        if s == before {
            break;
        }
    }
    // Leading clauses that carry no news: the date ("Ngày 29/3,"), an attribution ("Theo hãng
    // tin Yonhap,") or a connective ("Trước đó,").
    for _ in 0..3 {
        let Some(comma) = s.find(',') else { break };
        let head = &s[..comma];
        if head.chars().count() > 40 {
            break;
        }
        let folded = crate::text::fold_diacritics(head).to_lowercase();
        let dated = head.chars().any(|c| c.is_ascii_digit()) && !find_dates(head).is_empty();
        let filler = folded.starts_with(ATTRIBUTION) || CONNECTIVES.contains(&folded.trim());
        if !(dated || filler) {
            break;
        }
        s = s[comma + 1..].trim_start();
    }
    let mut title: String = String::new();
    let mut chars = s.chars();
    if let Some(first) = chars.next() {
        title.extend(first.to_uppercase());
        title.push_str(chars.as_str());
    }
    let title = title
        .trim_end_matches(['.', ',', ';', ':', ' '])
        .to_string();
    if title.chars().count() <= max {
        return title;
    }
    let mut cut = String::new();
    for word in title.split_whitespace() {
        let next_len = cut.chars().count() + word.chars().count() + usize::from(!cut.is_empty());
        if next_len + 1 > max {
            break;
        }
        if !cut.is_empty() {
            cut.push(' ');
        }
        cut.push_str(word);
    }
    if cut.is_empty() {
        cut = title.chars().take(max.saturating_sub(1)).collect();
    }
    let cut = cut.trim_end_matches([',', ';', ':', '-', '–']).to_string();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_drop_attributions_and_connectives() {
        assert_eq!(
            short_title(
                "Theo hãng tin Yonhap, ngày 18/8, Tổng thống Hàn Quốc đã đến Trại David.",
                80
            ),
            "Tổng thống Hàn Quốc đã đến Trại David"
        );
        assert_eq!(
            short_title("Trước đó, tháng 5 vừa qua, ông đề xuất.", 80),
            "Ông đề xuất"
        );
    }

    #[test]
    fn titles_drop_datelines_and_cut_at_words() {
        assert_eq!(
            short_title(
                "TGVN. Sáng ngày 22/5, Estonia đã tổ chức cuộc họp trực tuyến.",
                80
            ),
            "Estonia đã tổ chức cuộc họp trực tuyến"
        );
        let t = short_title("Ngày 29/3, các nhà ngoại giao ba nước Hàn Quốc, Mỹ và Nhật Bản đã thảo luận về hợp tác chống lại các mối đe dọa an ninh mạng.", 80);
        assert!(t.chars().count() <= 80, "{t}");
        assert!(t.starts_with("Các nhà ngoại giao ba nước"), "{t}");
        assert!(t.ends_with('…'));
    }
}
