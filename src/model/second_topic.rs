//! A second topic: an article about a summit that spends paragraphs on a cyber pact is about
//! both. Naive Bayes scores the whole article as one bag of words and is sure of one topic, so
//! a second topic is read from the parts: the paragraphs (or, for a one-paragraph article, its
//! sentences) are scored one by one, with the corpus's shares as prior, and a topic other than
//! the article's label that the confident parts give at least [`TrainParams::also_min`] of the
//! text is the second topic. An article labelled `other` has none.
//!
//! On the two-topic development set (`tests/data/stream/two-topics-dev.jsonl`) the whole
//! article's second-best probability finds a second topic with F1 0.52 at best; the parts give
//! 0.69 (see the README).

use crate::text::Analyzer;

use super::{Prediction, TopicModel};

/// A topic whose probability in the whole article is below this is not looked for in its
/// parts: most articles in a stream are far from every topic, and they cost nothing more.
const GATE: f64 = 1e-4;

/// Least probability of a part's own label for the part to count.
const PART_CONFIDENCE: f64 = 0.5;

impl TopicModel {
    /// The second topic of an article already scored as `prediction` and labelled `label`:
    /// `None` when no other topic has a share of its text (see the module documentation).
    pub fn second_topic(
        &self,
        analyzer: &mut Analyzer,
        body: &str,
        prediction: &Prediction,
        label: usize,
    ) -> Option<usize> {
        // An article about none of the topics names no second one either: in a stream, the
        // near neighbours of a topic (a foreign ministers' call, a phone scam) would otherwise
        // carry a topic as `also` (34 of 297 off-topic articles of the development stream).
        if Some(label) == self.other {
            return None;
        }
        let candidates: Vec<usize> = (0..self.k())
            .filter(|&c| c != label && Some(c) != self.other)
            .filter(|&c| prediction.probabilities[c] >= GATE)
            .collect();
        if candidates.is_empty() {
            return None;
        }
        let parts = parts_of(body);
        let total: usize = parts.iter().map(|p| p.len()).sum();
        if total == 0 {
            return None;
        }
        let mut share = vec![0.0; self.k()];
        for part in &parts {
            let p = self.predict_with_corpus_prior(analyzer, part);
            if candidates.contains(&p.best) && p.confidence() >= PART_CONFIDENCE {
                share[p.best] += part.len() as f64 / total as f64;
            }
        }
        candidates
            .into_iter()
            .filter(|&c| share[c] >= self.data.params.also_min())
            .max_by(|&a, &b| share[a].total_cmp(&share[b]).then(b.cmp(&a)))
    }

    /// [`predict`](Self::predict) of a text without title, deciding with the corpus's shares:
    /// a part's own evidence, not the stream's odds.
    fn predict_with_corpus_prior(&self, analyzer: &mut Analyzer, text: &str) -> Prediction {
        let mut p = self.predict_with(
            analyzer,
            super::Input::Text(""),
            super::Input::Text(text),
            false,
        );
        if self.shift.iter().any(|&s| s != 0.0) {
            // The calibrated probabilities before the shift, straight from the likelihoods.
            let cal = &self.data.calibration;
            p.probabilities = super::calibrate::softmax_calibrated(
                &p.log_likelihoods,
                p.tokens,
                cal.temperature,
                cal.length_exponent,
            );
            p.best = super::argmax(&p.log_likelihoods);
        }
        p
    }
}

/// The paragraphs of a text, or its sentences when it has one paragraph.
fn parts_of(body: &str) -> Vec<&str> {
    let paragraphs: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if paragraphs.len() >= 2 {
        return paragraphs;
    }
    let text = paragraphs.first().copied().unwrap_or("");
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?')
            && bytes.get(i + 1).is_some_and(|n| n.is_ascii_whitespace());
        if ends {
            sentences.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    sentences.push(text[start..].trim());
    sentences.retain(|s| !s.is_empty());
    sentences
}

#[cfg(test)]
mod tests {
    use super::parts_of;

    #[test]
    fn paragraphs_else_sentences() {
        assert_eq!(parts_of("Một.\n\n Hai. Ba.\n"), ["Một.", "Hai. Ba."]);
        assert_eq!(
            parts_of("Ngày 5.6 họp. Sau đó ký kết! Xong? Hết"),
            ["Ngày 5.6 họp.", "Sau đó ký kết!", "Xong?", "Hết"]
        );
        assert!(parts_of("  \n ").is_empty());
    }
}
