//! `.txt` articles: the first non-empty line is the title, the rest the text.

use super::Article;
use crate::error::{Error, Location, Result};

/// Reads one `.txt` article from its (decoded) content.
pub fn article_from_text(
    content: &str,
    source: Location,
    label: Option<String>,
) -> Result<Article> {
    let mut lines = content.lines();
    let title = lines
        .by_ref()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_owned();
    let text: String = lines.collect::<Vec<_>>().join("\n");
    if title.is_empty() {
        return Err(Error::input(
            source,
            "article is empty or only whitespace; expected a title line and text",
        ));
    }
    Ok(Article {
        id: source.path.clone(),
        title,
        published: None,
        url: None,
        site_name: None,
        text,
        label,
        also: None,
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_article_takes_first_non_empty_line_as_title() {
        let a = article_from_text(
            "\n\n Tiêu đề \nDòng một\nDòng hai",
            Location::file("a.txt"),
            None,
        )
        .unwrap();
        assert_eq!(a.title, "Tiêu đề");
        assert_eq!(a.text, "Dòng một\nDòng hai");
    }
}
