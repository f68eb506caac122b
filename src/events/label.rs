//! Labels: the topic of the paragraph an event is found in.
//!
//! A paragraph long enough to stand on its own is scored by the model and leans on its
//! article's prediction (a passage alone is weak evidence); a shorter one takes the article's
//! label. The article is scored on its title and its page's lead, the text `classify` scores.

use super::EventOptions;
use crate::model::{Input, Prediction, TopicModel};
use crate::page::Page;
use crate::text::Analyzer;

/// How much a paragraph's label leans on its article's (see [`TopicModel::combine`]).
const ARTICLE_WEIGHT: f64 = 0.5;

/// Labels the paragraphs of one page, each scored at most once.
pub(crate) struct Labeller<'m> {
    model: &'m TopicModel,
    article: Prediction,
    /// The article's own label and confidence, for short paragraphs.
    article_label: (usize, f64),
    min_confidence: Option<f64>,
    min_paragraph_chars: usize,
    /// Label index and confidence per paragraph, once scored.
    cache: Vec<Option<(usize, f64)>>,
}

impl<'m> Labeller<'m> {
    /// Scores the page's article. Its title and lead are cut into syllables through the page,
    /// so that the merge terms read the same cut (see [`Page::paragraph_syllables`]).
    pub(crate) fn new(
        model: &'m TopicModel,
        analyzer: &mut Analyzer,
        page: &Page<'_>,
        options: &EventOptions,
    ) -> Self {
        let article = match page.lead_pieces(analyzer) {
            Some(lead) => {
                let title = page.title_syllables(analyzer);
                model.predict_input(
                    analyzer,
                    Input::Pieces(title.pieces()),
                    Input::Pieces(&lead),
                )
            }
            None => model.predict(analyzer, &page.article().title, page.lead()),
        };
        let decision = model.decide(&article, options.min_confidence);
        Labeller {
            model,
            article,
            article_label: (decision.label, decision.confidence),
            min_confidence: options.min_confidence,
            min_paragraph_chars: options.min_paragraph_chars,
            cache: vec![None; page.paragraphs().len()],
        }
    }

    /// The label index and confidence of `page`'s paragraph `index`, where a headline glued
    /// onto it ends at `seam` (its `glued_headline_end`, found when it was cut into sentences).
    pub(crate) fn label(
        &mut self,
        analyzer: &mut Analyzer,
        page: &Page<'_>,
        index: usize,
        seam: Option<usize>,
    ) -> (usize, f64) {
        if let Some(v) = self.cache[index] {
            return v;
        }
        let text = page.paragraphs()[index].text;
        let v = if text.chars().count() >= self.min_paragraph_chars {
            // A teaser glued onto the body carries its own headline: score it as a title, as
            // the article's title is.
            let passage = match seam {
                Some(cut) => self.model.predict(analyzer, &text[..cut], &text[cut..]),
                None => {
                    let body = page.paragraph_syllables(index, analyzer);
                    self.model.predict_input(
                        analyzer,
                        Input::Text(""),
                        Input::Pieces(body.pieces()),
                    )
                }
            };
            let combined = self.model.combine(&passage, &self.article, ARTICLE_WEIGHT);
            let d = self.model.decide(&combined, self.min_confidence);
            (d.label, d.confidence)
        } else {
            self.article_label
        };
        self.cache[index] = Some(v);
        v
    }
}
