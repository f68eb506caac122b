//! What an article is about, as a vector of weighted terms: the syllables and syllable pairs of
//! its title and body (diacritics folded, numbers left out), each weighted by the square of how
//! often the article uses it and by how rare it is in news at large, and [`NAME_WEIGHT`] times
//! more when it lies in a name (capitalised words: the company, satellite, place or leader
//! that tells one happening of a day from another on the same topic); terms common to much of
//! the news weigh nothing ([`MIN_TERM_RARITY`]); the heaviest [`KEPT_TERMS`] are kept.
//!
//! Beside it an article keeps its proper names alone (the name terms it writes capitalised
//! wherever it uses them) and notes which of them each dated sentence holds
//! ([`ArticleTerms::with_sentences`]): an article that mentions a second happening of the day is
//! alike to both, but the sentence its event came from names only its own, and an article that
//! names things but none of those tells another happening ([`ArticleTerms::lacks_names`]).
//!
//! "How rare in news at large" comes from the topic model: its training corpus counted every
//! term of its vocabulary, so a term the corpus uses in most articles ("cho biết", "tấn công")
//! weighs little and a name it never saw ("Hải Vân", "SaoViet") weighs most. The weights do not
//! depend on the other articles of a run, so two reports of one happening are as similar in a
//! run of five articles as in a run of 100,000, and one threshold serves both.

use std::borrow::Cow;

use super::spellings::one_spelling;
use crate::features::Vocabulary;
use crate::model::TopicModel;
use crate::page::Page;
use crate::text::tokenize::TokenMap;
use crate::text::{Analyzer, AnalyzerOptions, Gram};

/// How many of an article's heaviest terms its vector keeps. On the development happenings,
/// 128 kept the results of the full vectors (17 of 18 clusters whole at the time, no near-miss pair merged)
/// over thresholds 0.12 to 0.17; 64 narrowed that range to 0.13-0.14.
pub const KEPT_TERMS: usize = 128;

/// How many times more a term of a name weighs than another term of the same count and
/// rarity. Reports of one happening name the same company, satellite, place or leader; two
/// happenings of one day and topic share the topic's words ("mã độc tống tiền", "phóng vệ
/// tinh", "hội đàm bên lề") and little else. On the development happenings (`dev.jsonl` and
/// `dev-2.jsonl`) weights 3.5 to 5 kept all 22 clusters whole and all 13 near-miss pairs apart
/// at the threshold 0.15 (before [`MIN_TERM_RARITY`]), where weight 1 (no boost) merged two
/// launches of one day whatever the threshold that kept the clusters whole.
pub const NAME_WEIGHT: f32 = 4.0;

/// Terms whose weight (`ln((N + 1) / (d + 1))`, see [`TermWeights::from_model`]) falls below
/// this weigh nothing: a term the training corpus has in more than about one article in four
/// and a half ("công", "cho biết", "tấn công") says that an article is news, not which
/// happening it tells. Squared counts let such syllables carry most of the cosine between two
/// different attacks of one day (0.4 of a 0.48 cosine between two ransomware reports in the
/// development happenings), so the name and place that tell them apart counted for little.
/// On the development and first two held-out happenings, floors from 1.2 to 1.8 with the
/// threshold 0.12 or 0.13 kept every near-miss pair apart and every cluster but one whole;
/// 1.5 is the middle.
pub const MIN_TERM_RARITY: f32 = 1.5;

/// Fewest proper-name terms an article needs before the names it lacks say anything: an
/// article that names one or two things ("Mỹ", "NASA") says too little.
pub const MIN_NAMES: usize = 3;

/// Fewest proper-name terms the sentence an event was read from needs before an article that
/// names things but none of them counts as telling another happening. An article about one
/// spacewalk that mentions the other of the same day ("Cùng ngày, ... Thiên Cung") is alike to
/// both; the sentence its event came from names NASA and the ISS, which the Tiangong reports
/// never do. Over the development and first five held-out happening sets (threshold 0.12),
/// near-miss pairs merged fell from 8 of 45 to 1 and clusters whole from 61 of 63 to 59 (a scam
/// ring told as "Thành phố Hồ Chí Minh" by one outlet and "TP.HCM" by another; a report that
/// names nothing but the streets of the arrest); 1 split three more clusters, 3 let one more
/// pair merge (measured beside an article-level rule on proper names, dropped since: with this
/// one it changed no cluster and no pair). The rule applies only when the other event's
/// sentence names this many things too: a report whose dated sentence only describes ("một
/// doanh nghiệp kho vận lớn ở Bình Dương") names one place or nothing, and ruling it out split
/// clusters (tuning happenings: 101 -> 103 of 120 whole with this, near-miss pairs 4 -> 5 of 98).
pub const MIN_SENTENCE_NAMES: usize = 2;

/// The least similarity of two events whose sentences each name something rare in news at
/// large (a name term the topic model's vocabulary does not hold: a company, satellite or
/// product, not a country or a ministry) that the other article names too. Outlets tell one
/// happening from different angles (the attack, the customers' queues, the share price, the
/// experts' analysis), and the articles' terms then share little but that name: reports of one
/// happening with cosines of 0.02 to 0.1 stayed apart under the mean-similarity threshold.
/// Both ways, since an article that mentions another company's attack in passing names it,
/// but its own event's sentence names its own. Over the sixteen earlier happening sets (all
/// tuning sets by then), with [`LEGAL_FORMS`] no names: clusters whole 138 -> 144 of 169 and
/// near-miss pairs merged 6 of 143 unchanged, the same for every value from 0.5 to 1.0 (0.3:
/// 142); asking it of one event's sentence only merged 9 near-miss pairs.
pub const RARE_NAME_SIMILARITY: f32 = 0.5;

/// How many of an article's heaviest name terms its name vector keeps.
pub const KEPT_NAMES: usize = 32;

/// Words Vietnamese writes capitalised that name nothing one happening has and another has
/// not: weekdays and months (overseas outlets write "Thứ Ba, 7 Tháng Chín"), the Moon, Sun,
/// Earth and planets of every space story, the titles of leaders ("Tổng thống", "Thủ
/// tướng"), and the points of the compass alone ("ở phía Bắc", "miền Nam": an outlet that
/// only describes where a victim is; as part of a longer name, "Bắc Ninh", "Đông Nam Á", they
/// still count, as its syllable pairs). Taken for names, they made two different happenings
/// share one, or one happening's describing report look unlike the rest.
pub const NOT_NAMES: &[&str] = &[
    "thứ Hai",
    "thứ Ba",
    "thứ Tư",
    "thứ Năm",
    "thứ Sáu",
    "thứ Bảy",
    "Chủ nhật",
    "tháng Giêng",
    "tháng Một",
    "tháng Hai",
    "tháng Ba",
    "tháng Tư",
    "tháng Năm",
    "tháng Sáu",
    "tháng Bảy",
    "tháng Tám",
    "tháng Chín",
    "tháng Mười",
    "tháng Mười Một",
    "tháng Mười Hai",
    "tháng Chạp",
    "Tết",
    "Mặt Trăng",
    "Mặt Trời",
    "Trái Đất",
    "Sao Thủy",
    "Sao Kim",
    "Sao Hỏa",
    "Sao Mộc",
    "Sao Thổ",
    "Ngân Hà",
    "Tổng thống",
    "Thủ tướng",
    "Chủ tịch",
    "Tổng Bí thư",
    "Bộ trưởng",
    "Thứ trưởng",
    "Ngoại trưởng",
    "Phó Thủ tướng",
    "Nhà vua",
    "Quốc vương",
    "Tổng thư ký",
    "Bắc",
    "Nam",
    "Đông",
    "Tây",
];

/// The legal forms of companies, written in capitals between the kind of body and its name
/// ("Công ty CP Chứng khoán Bạch Dương", "Ngân hàng TMCP Hòa Phong", "Công ty TNHH MTV ..."):
/// they are no part of any name, and taken for one they joined the next word into a name pair
/// ("CP Chứng") that every securities company of that form shared.
pub const LEGAL_FORMS: &[&str] = &["CP", "CTCP", "TNHH", "TMCP", "MTV", "JSC"];

/// News agencies, papers and broadcasters, as reports name them in datelines ("TP.HCM
/// (TTXVN) -"), bylines and citations ("theo Reuters", "trả lời phóng viên VOV"): which outlet
/// tells or is cited says nothing about which happening it is, and one agency's reports of
/// two happenings of a day named it alike. Not taken for names either (see [`NOT_NAMES`]).
pub const NEWS_OUTLETS: &[&str] = &[
    "TTXVN",
    "VNA",
    "Thông tấn xã Việt Nam",
    "Reuters",
    "AFP",
    "AP",
    "Bloomberg",
    "CNN",
    "CNBC",
    "BBC",
    "VOA",
    "RFA",
    "RFI",
    "DW",
    "NHK",
    "Yonhap",
    "Kyodo",
    "Tân Hoa Xã",
    "Xinhua",
    "TASS",
    "Sputnik",
    "Nikkei",
    "New York Times",
    "Washington Post",
    "Wall Street Journal",
    "Guardian",
    "VnExpress",
    "Dân trí",
    "Tuổi Trẻ",
    "Thanh Niên",
    "ZNews",
    "Zing",
    "VietNamNet",
    "VietnamPlus",
    "Vietnam+",
    "VOV",
    "Đài Tiếng nói Việt Nam",
    "VTV",
    "Đài Truyền hình Việt Nam",
    "VTC",
    "Nhân Dân",
    "Lao Động",
    "Người Lao Động",
    "Tiền Phong",
    "Sài Gòn Giải Phóng",
    "SGGP",
    "Công an Nhân dân",
    "Quân đội Nhân dân",
    "Pháp Luật",
    "PLO",
    "Người Việt",
    "Soha",
    "Kenh14",
    "CafeF",
    "Genk",
    "ICTnews",
    "Dân Việt",
    "Báo Chính phủ",
    "Báo Quốc tế",
    "Báo Tin tức",
];

/// Per-term weights ("inverse document frequency") from a topic model's training counts.
#[derive(Debug, Clone)]
pub struct TermWeights {
    /// The model's vocabulary, and the weight of each of its columns.
    vocabulary: Vocabulary,
    column: Vec<f32>,
    /// Weight of a term the vocabulary does not hold: rarer than any it holds.
    unseen: f32,
    options: AnalyzerOptions,
    /// Terms of capitalised words that are not names (see [`NOT_NAMES`]).
    not_names: Vec<u64>,
}

impl TermWeights {
    /// Weights from `model`: a term's weight is `ln((N + 1) / (d + 1))`, where `N` is the
    /// number of training articles and `d` the number of them the term is expected in, its
    /// summed training count over 2.5 (title words count three times in training, and a term
    /// an article uses at all it uses about twice), at most `N`.
    pub fn from_model(model: &TopicModel) -> Self {
        let columns = model.vocabulary().len();
        let mut counts = vec![0.0f64; columns];
        for class in model.classes() {
            for (c, x) in counts.iter_mut().zip(&class.feature_count) {
                *c += x;
            }
        }
        let n = model.summary().documents as f64;
        let weight = |d: f64| (((n + 1.0) / (d.min(n) + 1.0)).ln()) as f32;
        let options = AnalyzerOptions {
            normalize: model.params().analyzer_options().normalize,
            ngram_min: 1,
            ngram_max: 2,
        };
        let mut analyzer = Analyzer::new(options);
        let mut not_names = Vec::new();
        for phrase in NOT_NAMES.iter().chain(NEWS_OUTLETS) {
            analyzer.for_each_token(phrase, |t| not_names.push(t.hash));
        }
        not_names.sort_unstable();
        not_names.dedup();
        TermWeights {
            vocabulary: model.vocabulary().clone(),
            column: counts.iter().map(|&c| weight(c / 2.5)).collect(),
            unseen: weight(0.0),
            options,
            not_names,
        }
    }

    /// An analyzer that cuts text into the terms these weights know: syllables and pairs.
    pub fn analyzer(&self) -> Analyzer {
        Analyzer::new(self.options)
    }
}

/// An article's terms and weights, scaled to length one (cosine similarity is then a dot
/// product), sorted by term; weights are stored in 16 bits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleTerms {
    terms: Vec<(u32, u16)>,
    names: Vec<(u32, u16)>,
    /// Its name terms that the topic model's vocabulary does not hold (rare in news at
    /// large), sorted: see [`RARE_NAME_SIMILARITY`].
    rare: Vec<u32>,
    /// The proper names of the sentences that hold the article's events, by a hash of the
    /// sentence (see [`ArticleTerms::with_sentences`]); not part of the stored bytes.
    sentences: Vec<(u64, Box<[u32]>)>,
}

impl ArticleTerms {
    /// The terms of `page`'s title and body paragraphs. The page's syllables are cut once
    /// for the model and these terms (see [`Page::paragraph_syllables`]): the same terms as
    /// [`ArticleTerms::of_text`] of its title and paragraphs.
    ///
    /// A part written with another spelling of a name (see `spellings`) is read in the one
    /// spelling, from its own text; the rest, nearly all, from the page's cut.
    pub fn of_page(weights: &TermWeights, analyzer: &mut Analyzer, page: &Page<'_>) -> Self {
        let title = one_spelling(page.article().title.as_str());
        let spelled: Vec<Cow<'_, str>> = page
            .paragraphs()
            .iter()
            .map(|p| one_spelling(p.text))
            .collect();
        let body: Vec<&str> = spelled.iter().map(|p| p.as_ref()).collect();
        let mut counts = Self::count_table(&title, &body);
        let mut add = |hash: u64| counts.entry(hash).or_default().count += 1;
        if let Cow::Owned(text) = &title {
            analyzer.for_each_token(text, |t| add(t.hash));
        } else {
            let cut = page.title_syllables(analyzer);
            analyzer.for_each_gram_in(cut.pieces(), |g: Gram| add(g.hash));
        }
        for (i, part) in spelled.iter().enumerate() {
            if let Cow::Owned(text) = part {
                analyzer.for_each_token(text, |t| add(t.hash));
            } else {
                let cut = page.paragraph_syllables(i, analyzer);
                analyzer.for_each_gram_in(cut.pieces(), |g: Gram| add(g.hash));
            }
        }
        Self::of_counts(weights, analyzer, &title, &body, counts)
    }

    /// The terms of a title and body parts (for callers without a [`Page`]).
    pub fn of_text<'a>(
        weights: &TermWeights,
        analyzer: &mut Analyzer,
        title: &str,
        body: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        // Read under one spelling per name (see `spellings`).
        let title = one_spelling(title);
        let title = title.as_ref();
        let body: Vec<Cow<'_, str>> = body.into_iter().map(one_spelling).collect();
        let body: Vec<&str> = body.iter().map(|p| p.as_ref()).collect();
        let mut counts = Self::count_table(title, &body);
        analyzer.for_each_token(title, |t| counts.entry(t.hash).or_default().count += 1);
        for part in &body {
            analyzer.for_each_token(part, |t| counts.entry(t.hash).or_default().count += 1);
        }
        Self::of_counts(weights, analyzer, title, &body, counts)
    }

    /// An empty table for the counts of the terms of `title` and `body`.
    fn count_table(title: &str, body: &[&str]) -> TokenMap<Uses> {
        // Each term's count, taken in a table as the text is read, not by sorting every
        // occurrence's hash (a sort was a third of this function): the order the
        // terms come out in does not matter, as the heaviest are chosen and sorted by a total
        // order on (weight, term) below.
        let mut counts: TokenMap<Uses> = TokenMap::default();
        // About one distinct term per four bytes of Vietnamese text: most tables then never
        // grow.
        counts.reserve((title.len() + body.iter().map(|p| p.len()).sum::<usize>()) / 4);
        counts
    }

    /// The terms of `title` and `body`, whose terms `counts` counts.
    fn of_counts(
        weights: &TermWeights,
        analyzer: &mut Analyzer,
        title: &str,
        body: &[&str],
        mut counts: TokenMap<Uses>,
    ) -> Self {
        // Capitals are counted on the terms already in the table (where collecting, sorting
        // and searching every name's hash cost a tenth of this function): a name's terms are
        // terms of the same text, and every term is counted before any capital, since a name
        // in the title may be a term of a later paragraph only.
        let mut mark = |hash: u64, capital: Capital| match capital {
            Capital::Name => {
                if let Some(uses) = counts.get_mut(&hash) {
                    uses.in_names += 1;
                }
            }
            Capital::Opener => {
                if let Some(uses) = counts.get_mut(&hash) {
                    uses.opening += 1;
                }
            }
            Capital::Code => {
                // A code is no term of the analyzer's (it drops syllables with digits): it is
                // counted here, as a name wherever it is written.
                let uses = counts.entry(hash).or_default();
                uses.count += 1;
                uses.in_names += 1;
            }
        };
        collect_names(analyzer, title, &mut mark);
        for part in body {
            collect_names(analyzer, part, &mut mark);
        }
        let mut weighted: Vec<(u32, f32)> = Vec::with_capacity(counts.len());
        let mut named: Vec<(u32, f32)> = Vec::new();
        let mut rare: Vec<u32> = Vec::new();
        for (&hash, uses) in &counts {
            let tf = uses.count;
            let idf = weights
                .vocabulary
                .column(hash)
                .and_then(|c| weights.column.get(c as usize))
                .copied()
                .unwrap_or(weights.unseen);
            // The count squared: what an article repeats is what it is about, and a passing
            // mention of another happening ("the same day, the Prime Minister also called New
            // Zealand") weighs little beside it. On the development happenings the square kept
            // every near-miss pair apart over a wide range of thresholds, where the usual
            // 1 + ln(count) merged one of them wherever most clusters came out whole.
            if idf < MIN_TERM_RARITY {
                continue;
            }
            let mut w = (tf as f32) * (tf as f32) * idf;
            if uses.in_names > 0 {
                w *= NAME_WEIGHT;
                // A proper name is written capitalised wherever it is used; "Bệnh" of "Bệnh
                // viện An Khang" is a common word used in lower case elsewhere ("bệnh nhân").
                // Capitals that open a sentence say nothing either way.
                let counted = tf.saturating_sub(uses.opening).max(1);
                if 2 * uses.in_names >= counted && weights.not_names.binary_search(&hash).is_err() {
                    named.push((hash as u32, w));
                    if idf >= weights.unseen {
                        rare.push(hash as u32);
                    }
                }
            }
            if w > 0.0 {
                // The low 32 bits of a 64-bit hash: two terms of one article collide about
                // once in ten thousand articles, and only blur a weight when they do.
                weighted.push((hash as u32, w));
            }
        }
        // Only the heaviest terms: they say what the article is about, and comparing 128 terms
        // is several times cheaper than comparing every one of a long article's.
        // (The order is total on the pairs' values, so choosing the heaviest gives the terms
        // that sorting them all kept.)
        let heavier = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if weighted.len() > KEPT_TERMS {
            weighted.select_nth_unstable_by(KEPT_TERMS - 1, heavier);
            weighted.truncate(KEPT_TERMS);
        }
        if named.len() > KEPT_NAMES {
            named.select_nth_unstable_by(KEPT_NAMES - 1, heavier);
            named.truncate(KEPT_NAMES);
        }
        // Ordered by term, which `from_weights` does anyway, rather than by weight first. The
        // weight order decided only the order in which terms sharing their 32 bits are summed:
        // two are summed alike in either order; three or more (about once in 10^13 articles)
        // are put in weight order as before, so that they round as they did.
        weighted.sort_unstable_by_key(|&(t, _)| t);
        if weighted.windows(3).any(|w| w[0].0 == w[2].0) {
            weighted.sort_unstable_by(heavier);
        }
        let mut terms = Self::from_weights(weighted);
        terms.names = Self::from_weights(named).terms;
        rare.retain(|h| terms.names.iter().any(|(n, _)| n == h));
        rare.sort_unstable();
        rare.dedup();
        terms.rare = rare;
        terms
    }

    /// From raw `(term, weight)` pairs: merges repeated terms, scales to length one, rounds to
    /// 16 bits.
    pub(crate) fn from_weights(mut weighted: Vec<(u32, f32)>) -> Self {
        weighted.sort_unstable_by_key(|&(t, _)| t);
        weighted.dedup_by(|b, a| {
            if a.0 == b.0 {
                a.1 += b.1;
                true
            } else {
                false
            }
        });
        let norm = weighted
            .iter()
            .map(|&(_, w)| f64::from(w) * f64::from(w))
            .sum::<f64>()
            .sqrt();
        if norm == 0.0 {
            return ArticleTerms::default();
        }
        let terms = weighted
            .into_iter()
            .map(|(t, w)| (t, ((f64::from(w) / norm) * 65535.0).round() as u16))
            .filter(|&(_, q)| q > 0)
            .collect();
        ArticleTerms {
            terms,
            names: Vec::new(),
            rare: Vec::new(),
            sentences: Vec::new(),
        }
    }

    /// Whether one of `names` (the names of another article's event sentence, see
    /// [`ArticleTerms::sentence_names`]) is a name of this article that the topic model's
    /// vocabulary does not hold (see [`RARE_NAME_SIMILARITY`]).
    pub fn has_rare_name(&self, names: &[u32]) -> bool {
        names.iter().any(|h| self.rare.binary_search(h).is_ok())
    }

    /// Notes, for each of `sentences` (the sentences an article's events were read from), which
    /// of the article's proper names it holds, for [`ArticleTerms::sentence_names`].
    pub fn with_sentences<'a>(
        mut self,
        analyzer: &mut Analyzer,
        sentences: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let mut found: Vec<u64> = Vec::new();
        for sentence in sentences {
            // A sentence is text: its plain hash (the lossy one of valid UTF-8, without
            // checking each character).
            let key = crate::text::text_hash(sentence);
            if self.sentences.iter().any(|(k, _)| *k == key) {
                continue;
            }
            if self.names.is_empty() {
                // No proper name to find: skip reading the sentence.
                self.sentences.push((key, Box::default()));
                continue;
            }
            found.clear();
            collect_names(analyzer, &one_spelling(sentence), &mut |hash, capital| {
                if capital == Capital::Code || capital == Capital::Name {
                    found.push(hash);
                }
            });
            let mut names: Vec<u32> = found
                .iter()
                .map(|&h| h as u32)
                .filter(|h| self.names.iter().any(|(n, _)| n == h))
                .collect();
            names.sort_unstable();
            names.dedup();
            self.sentences.push((key, names.into_boxed_slice()));
        }
        self
    }

    /// The article's proper names in `sentence`, one of those given to
    /// [`ArticleTerms::with_sentences`] (none for another).
    pub fn sentence_names(&self, sentence: &str) -> &[u32] {
        let key = crate::text::text_hash(sentence);
        self.sentences
            .iter()
            .find(|(k, _)| *k == key)
            .map_or(&[], |(_, names)| names)
    }

    /// Whether this article names things ([`MIN_NAMES`] terms or more) but none of `names`
    /// (at least [`MIN_SENTENCE_NAMES`] of them): then the happening of the sentence that
    /// named them is not this article's.
    pub fn lacks_names(&self, names: &[u32]) -> bool {
        names.len() >= MIN_SENTENCE_NAMES
            && self.names.len() >= MIN_NAMES
            && !names.iter().any(|h| self.names.iter().any(|(n, _)| n == h))
    }

    /// Number of distinct terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True for an article without terms (an empty page).
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Cosine similarity, 0..=1.
    pub fn cosine(&self, other: &ArticleTerms) -> f64 {
        let (a, b) = (&self.terms, &other.terms);
        let (mut i, mut j) = (0, 0);
        let mut dot = 0u64;
        while i < a.len() && j < b.len() {
            match a[i].0.cmp(&b[j].0) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    dot += u64::from(a[i].1) * u64::from(b[j].1);
                    i += 1;
                    j += 1;
                }
            }
        }
        let norm = |v: &[(u32, u16)]| {
            v.iter()
                .map(|&(_, q)| u64::from(q) * u64::from(q))
                .sum::<u64>() as f64
        };
        let denominator = (norm(a) * norm(b)).sqrt();
        if denominator == 0.0 {
            0.0
        } else {
            (dot as f64 / denominator).min(1.0)
        }
    }

    /// The `n` heaviest terms, heaviest first (ties by term): what candidate pairs are looked
    /// up by.
    pub(crate) fn top_terms(&self, n: usize) -> Vec<u32> {
        let mut by_weight: Vec<(u32, u16)> = self.terms.clone();
        by_weight.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        by_weight.into_iter().take(n).map(|(t, _)| t).collect()
    }

    /// The bytes the store keeps: the number of rare names (4 bytes) and four bytes per rare
    /// name, the number of terms (4 bytes), then six bytes per term and per name term.
    pub(crate) fn to_bytes(&self, out: &mut Vec<u8>) {
        out.reserve(8 + (self.terms.len() + self.names.len()) * 6 + self.rare.len() * 4);
        out.extend_from_slice(&(self.rare.len() as u32).to_le_bytes());
        for r in &self.rare {
            out.extend_from_slice(&r.to_le_bytes());
        }
        out.extend_from_slice(&(self.terms.len() as u32).to_le_bytes());
        for &(t, q) in self.terms.iter().chain(&self.names) {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&q.to_le_bytes());
        }
    }

    /// Reads what [`ArticleTerms::to_bytes`] wrote.
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        let Some((n_rare, bytes)) = bytes.split_first_chunk::<4>() else {
            return ArticleTerms::default();
        };
        let n_rare = u32::from_le_bytes(*n_rare) as usize;
        let Some((rare, bytes)) = bytes.split_at_checked(n_rare * 4) else {
            return ArticleTerms::default();
        };
        let rare: Vec<u32> = rare
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let Some((count, rest)) = bytes.split_first_chunk::<4>() else {
            return ArticleTerms::default();
        };
        let count = u32::from_le_bytes(*count) as usize;
        let mut all = rest.chunks_exact(6).map(|c| {
            (
                u32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                u16::from_le_bytes([c[4], c[5]]),
            )
        });
        let terms = all.by_ref().take(count).collect();
        let names = all.collect();
        ArticleTerms {
            terms,
            names,
            rare,
            sentences: Vec::new(),
        }
    }
}

/// Adds to `names` the hashes of the terms of `text`'s names: runs of capitalised words. A
/// name of one word ("Chile", "PSLV") gives its syllable; a longer one gives its syllable
/// pairs only ("Hải Vân", "Phúc An"), since its single syllables ("Công", "Bộ", "Trung") begin
/// the names of every kind of body. A sentence's first word is capitalised anyway, so it starts
/// a name only when the word after it is capitalised too ("Hải Vân bị tấn công"); punctuation
/// ends a name ("Đà Nẵng, Bình Dương" are two).
fn collect_names(analyzer: &mut Analyzer, text: &str, on_capital: &mut impl FnMut(u64, Capital)) {
    let mut run: Vec<&str> = Vec::new();
    let mut run_opens_sentence = false;
    let mut sentence_start = true;
    let mut codes: Vec<u64> = Vec::new();
    // The opening words of the text, while a news dateline may still end there (see
    // `DATELINE_WORDS`), and whether one of them looks like a dateline's (an outlet's code or a
    // date).
    let mut opening_words = 0usize;
    let mut dateline_like = false;
    let mut joined = String::new();
    let mut flush = |run: &mut Vec<&str>, opens: bool, analyzer: &mut Analyzer| {
        if run.len() > 1 || (run.len() == 1 && !opens) {
            // The run's words joined by single spaces, in a buffer kept for the whole text.
            joined.clear();
            for (k, word) in run.iter().enumerate() {
                if k > 0 {
                    joined.push(' ');
                }
                joined.push_str(word);
            }
            let single = run.len() == 1;
            analyzer.for_each_token(&joined, |t| {
                // A lone letter is an initial ("Bệnh viện H.M.", "ông N.V.A."): the outlet
                // that abbreviates a name hides it rather than names it.
                let initial = t.syllables.len() == 1 && t.syllables[0].chars().nth(1).is_none();
                if (single || t.syllables.len() > 1) && !initial {
                    on_capital(t.hash, Capital::Name);
                }
            });
        } else if run.len() == 1 {
            analyzer.for_each_token(run[0], |t| on_capital(t.hash, Capital::Opener));
        }
        run.clear();
    };
    // Punctuation by a short list rather than by Unicode's tables: every word of every article
    // passes here, and looking Vietnamese letters up in the tables cost more than the rest.
    let punctuation = |c: char| {
        c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '–' | '—' | '…' | '«' | '»')
    };
    let mut digits = Digits::new(text.as_bytes());
    for word in crate::text::words::split_white_space(text) {
        // Most words neither start nor end with punctuation, and their first and last bytes
        // say so: the punctuation outside ASCII starts with 0xC2 or 0xE2.
        let starts_plain = word.as_bytes().first().is_some_and(|&b| {
            if b.is_ascii() {
                !b.is_ascii_punctuation()
            } else {
                b != 0xC2 && b != 0xE2
            }
        });
        let lead = if starts_plain {
            word
        } else {
            word.trim_start_matches(punctuation)
        };
        let ends_plain = lead
            .as_bytes()
            .last()
            .is_some_and(|&b| b.is_ascii() && !b.is_ascii_punctuation());
        let core = if ends_plain {
            lead
        } else {
            lead.trim_end_matches(punctuation)
        };
        let tail = &lead[core.len()..];
        // A code holds a digit: most words hold none, and the text's digits, found eight bytes
        // at a time, say so without reading the word.
        let at = core.as_ptr() as usize - text.as_ptr() as usize;
        if digits.any_in(at, at + core.len()) {
            if let Some(hash) = code_hash(core) {
                codes.push(hash);
            }
        }
        if core.is_empty() {
            if dateline_like && opening_words <= DATELINE_WORDS && is_dash(word) {
                // "ATTT - Nhóm ứng cứu...", "Hà Nội, 7/3 (TTXVN) - Ngân hàng...": the outlet's
                // code before the dash is no name, and the news starts after it.
                run.clear();
                sentence_start = true;
                opening_words = usize::MAX;
                continue;
            }
            flush(&mut run, run_opens_sentence, analyzer);
            if word.contains(['.', '!', '?', ':']) {
                sentence_start = true;
                opening_words = usize::MAX;
            }
            continue;
        }
        if opening_words < DATELINE_WORDS {
            opening_words += 1;
            dateline_like |= core.bytes().any(|b| b.is_ascii_digit())
                || (core.len() >= 2 && core.chars().all(|c| c.is_uppercase() || c == '.'));
        } else {
            opening_words = usize::MAX;
        }
        if lead.len() != word.len() {
            flush(&mut run, run_opens_sentence, analyzer);
        }
        if LEGAL_FORMS.contains(&core) {
            flush(&mut run, run_opens_sentence, analyzer);
        } else if core.chars().next().is_some_and(char::is_uppercase) {
            if run.is_empty() {
                run_opens_sentence = sentence_start;
            }
            run.push(core);
        } else if !run.is_empty() {
            flush(&mut run, run_opens_sentence, analyzer);
        }
        sentence_start = false;
        if !tail.is_empty() {
            flush(&mut run, run_opens_sentence, analyzer);
            sentence_start = tail.contains(['.', '!', '?', ':']);
            if sentence_start {
                opening_words = usize::MAX;
            }
        }
    }
    flush(&mut run, run_opens_sentence, analyzer);
    // After the names: the closure that ends a name holds `on_capital` while the words pass.
    for hash in codes {
        on_capital(hash, Capital::Code);
    }
}

/// Most words a news dateline holds before its dash ("Hà Nội, 7/3 (TTXVN) -", "TTO -").
const DATELINE_WORDS: usize = 6;

/// A word that is a dash alone: "-", "–" or "—".
fn is_dash(word: &str) -> bool {
    matches!(word, "-" | "–" | "—")
}

/// The ASCII digits of a text, found eight bytes at a time as its words are read in order.
struct Digits<'a> {
    bytes: &'a [u8],
    /// The first digit at or after the start of the latest word asked about (the text's
    /// length for none).
    next: usize,
}

impl<'a> Digits<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Digits {
            bytes,
            next: next_digit(bytes, 0),
        }
    }

    /// Whether `bytes[start..end]` holds a digit; `start` never goes back between calls.
    #[inline]
    fn any_in(&mut self, start: usize, end: usize) -> bool {
        if self.next < start {
            self.next = next_digit(self.bytes, start);
        }
        self.next < end
    }
}

/// The first ASCII digit of `bytes` at or after `from` (the length for none).
fn next_digit(bytes: &[u8], from: usize) -> usize {
    const LOW7: u64 = u64::from_ne_bytes([0x7F; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // 0x80 in each byte whose high half is 3 (exact: a byte's low seven bits plus 0x7F
        // carry into nothing but its own top bit), and in each whose low half is below 10
        // (that half plus 0x76 stays below 0x86): both, a digit 0x30-0x39.
        let high_half = (w & u64::from_ne_bytes([0xF0; 8])) ^ u64::from_ne_bytes([0x30; 8]);
        let is_three = !(((high_half & LOW7) + LOW7) | high_half | LOW7);
        let low_half = w & u64::from_ne_bytes([0x0F; 8]);
        let below_ten = !(low_half + u64::from_ne_bytes([0x76; 8])) & HIGH;
        let found = is_three & below_ten;
        if found != 0 {
            return i + (found.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_digit))
        .map_or(bytes.len(), |k| i + k)
}

/// How an article uses a term: how often, how often inside a name, how often as the lone
/// capitalised word that opens a sentence.
#[derive(Debug, Default, Clone, Copy)]
struct Uses {
    count: u32,
    in_names: u32,
    opening: u32,
}

/// The term of a code: a word that starts with a letter and holds a digit ("H3",
/// "Shenzhou-24", "CVE-2024-3094", "VéBay365"): a rocket, mission, flaw or product that one
/// happening names and another of the same day does not. The analyzer drops syllables with
/// digits (numbers differ between reports of one happening), so without this the code that
/// tells two launches of a day apart, or names the app whose data leaked, counted for nothing.
/// Its letters and digits only, folded and in lower case, so "MS-31" is "MS31" and "VéBay365"
/// is "VeBay365"; none for a word that starts with a digit ("9h30", "5G", "50MB": times and
/// quantities, which outlets give differently).
fn code_hash(word: &str) -> Option<u64> {
    let bytes = word.as_bytes();
    if !bytes.iter().any(u8::is_ascii_digit)
        || !word.chars().next().is_some_and(char::is_alphabetic)
    {
        return None;
    }
    let folded = crate::text::normalize::fold_diacritics(word);
    let key: String = folded
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // Apart from the analyzer's term hashes, which hash syllables alone.
    Some(crate::text::text_hash(&key) ^ 0x636f_6465_0000_0000)
}

/// What a capitalised word was taken for (see `collect_names`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capital {
    /// A code (see `code_hash`), capitalised or not.
    Code,

    /// A term of a name: a one-word name's syllable or a longer name's syllable pair.
    Name,
    /// A sentence's first word, capitalised anyway, not followed by another capitalised word.
    Opener,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weights() -> TermWeights {
        TermWeights::from_model(&TopicModel::builtin().expect("built-in model"))
    }

    #[test]
    fn digits_are_found_eight_bytes_at_a_time() {
        let mut texts: Vec<Vec<u8>> = Vec::new();
        for b in 0..=255u8 {
            for at in 0..17 {
                let mut t = vec![b'a'; 17];
                t[at] = b;
                texts.push(t.clone());
                t[16 - at] = b'7';
                texts.push(t);
            }
        }
        texts.push(
            "Ngày 12/4, Công ty H3 và CVE-2024-3094 ở Đà Nẵng"
                .as_bytes()
                .to_vec(),
        );
        for t in &texts {
            for from in 0..=t.len() {
                let expected = t[from..]
                    .iter()
                    .position(u8::is_ascii_digit)
                    .map_or(t.len(), |k| from + k);
                assert_eq!(next_digit(t, from), expected, "{t:?} {from}");
            }
        }
    }

    #[test]
    fn terms_of_a_page_are_those_of_its_text() {
        let w = weights();
        let long = "Ngày 12/4, Công ty Hải Vân (Đà Nẵng) cho biết hệ thống của một bệnh viện \
                    lớn đã bị mã độc tống tiền tấn công.";
        for text in [
            format!("{long}\n{long} Vệ tinh!\n\u{1100}\u{1161} {long}"),
            long.to_string(),
            format!("Thứ Năm, 11/04/2024 - 09:30\n{long}\n\n{long}\n"),
            // A paragraph with another spelling of a name is read from its own text.
            format!("{long}\nBắc Hàn và Hoa Kỳ lên tiếng.\n{long}"),
        ] {
            let article = crate::corpus::Article {
                id: "a".into(),
                title: "Tin tặc tấn công Hải Vân".into(),
                published: None,
                url: None,
                site_name: None,
                text,
                label: None,
                also: None,
                source: crate::Location::file("a.txt"),
            };
            let page = Page::new(&article);
            let mut analyzer = w.analyzer();
            let expected = ArticleTerms::of_text(
                &w,
                &mut analyzer,
                &article.title,
                page.paragraphs().iter().map(|p| p.text),
            );
            // Cut by the model's analyzer first (1-3-grams), as `events` does.
            let model = TopicModel::builtin().expect("built-in model");
            let mut model_analyzer = model.analyzer();
            let _ = page.lead_pieces(&mut model_analyzer);
            assert_eq!(ArticleTerms::of_page(&w, &mut analyzer, &page), expected);
            assert!(!expected.is_empty());
        }
    }

    #[test]
    fn names_are_runs_of_capitalised_words_not_sentence_openings() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let (mut names, mut openers) = (Vec::new(), Vec::new());
        collect_names(
            &mut analyzer,
            "Sáng 14/5, Công ty Dược phẩm Trường Sơn (Nghệ An) bị tấn công. Hải Vân Logistics \
             ở Đà Nẵng, Bình Dương và Chile cũng vậy. Tin tặc đòi tiền.",
            &mut |hash, capital| match capital {
                Capital::Name => names.push(hash),
                Capital::Opener => openers.push(hash),
                Capital::Code => panic!("no code in this text"),
            },
        );
        names.sort_unstable();
        names.dedup();
        // "Sáng", "Tin" open their sentences alone.
        let mut expected_openers = Vec::new();
        for opener in ["sang", "tin"] {
            analyzer.for_each_token(opener, |t| expected_openers.push(t.hash));
        }
        openers.sort_unstable();
        expected_openers.sort_unstable();
        assert_eq!(openers, expected_openers);
        let mut expected: Vec<u64> = Vec::new();
        for name in [
            // "Công ty", "Dược phẩm": one capitalised word each, a name of one word.
            "Công",
            "Dược",
            "Trường Sơn",
            "Nghệ An",
            "Hải Vân",
            "Vân Logistics",
            "Đà Nẵng",
            "Bình Dương",
            "Chile",
        ] {
            let words = name.split(' ').count();
            analyzer.for_each_token(name, |t| {
                if t.syllables.len() == words {
                    expected.push(t.hash);
                }
            });
        }
        expected.sort_unstable();
        assert_eq!(names, expected);
    }

    /// The name terms an article of `text` alone keeps.
    fn name_terms(w: &TermWeights, analyzer: &mut Analyzer, text: &str) -> Vec<u32> {
        let terms = ArticleTerms::of_text(w, analyzer, "", [text]);
        terms.names.iter().map(|&(t, _)| t).collect()
    }

    /// The term of all of `term`'s syllables (its last n-gram of that length).
    fn whole_term(analyzer: &mut Analyzer, term: &str) -> u32 {
        let mut found = 0;
        let words = term.split(' ').count();
        analyzer.for_each_token(term, |t| {
            if t.syllables.len() == words {
                found = t.hash as u32;
            }
        });
        found
    }

    #[test]
    fn weekdays_months_the_moon_and_leaders_titles_are_not_names() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let text = "Hôm Thứ Ba, 12 Tháng Mười, Tổng thống Chile nói tàu Selene Pathfinder đã \
                    mất liên lạc trên đường tới Mặt Trăng. Mặt Trăng vẫn là đích khó. Tổng \
                    thống Chile gọi cho Thủ tướng Nhật Bản hôm Thứ Ba về tàu Selene Pathfinder.";
        let named = name_terms(&w, &mut analyzer, text);
        let hash = whole_term;
        for name in ["Chile", "Selene Pathfinder", "Nhật Bản"] {
            assert!(
                named.contains(&hash(&mut analyzer, name)),
                "{name} is a name"
            );
        }
        for not_name in ["Ba", "Thứ Ba", "Tháng Mười", "Mặt Trăng", "Tổng", "Thủ"] {
            assert!(
                !named.contains(&hash(&mut analyzer, not_name)),
                "{not_name} is no name"
            );
        }
    }

    #[test]
    fn initials_and_news_outlets_are_not_names() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let text = "Đà Nẵng (TTXVN) - Bệnh viện H.M. ở Đà Nẵng xác nhận dữ liệu bị rao bán, theo \
                    Reuters và VOA. Bệnh viện H.M. đã báo Sở Y tế Đà Nẵng, Reuters cho biết.";
        let named = name_terms(&w, &mut analyzer, text);
        let hash = whole_term;
        assert!(named.contains(&hash(&mut analyzer, "Đà Nẵng")));
        for not_name in ["H", "M", "TTXVN", "Reuters", "VOA"] {
            assert!(
                !named.contains(&hash(&mut analyzer, not_name)),
                "{not_name} is no name"
            );
        }
    }

    #[test]
    fn legal_forms_are_no_part_of_a_name() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let text = "Công ty CP Chứng khoán Hạc Vân và Ngân hàng TMCP Hòa Phong ký hợp đồng với \
                    Công ty TNHH MTV Kho vận Bến Lức. Hạc Vân và Hòa Phong cho biết như vậy.";
        let named = name_terms(&w, &mut analyzer, text);
        let hash = whole_term;
        for name in ["Hạc Vân", "Hòa Phong"] {
            assert!(
                named.contains(&hash(&mut analyzer, name)),
                "{name} is a name"
            );
        }
        for not_name in ["CP Chứng", "TMCP Hòa", "TNHH MTV", "MTV Kho", "TMCP", "CP"] {
            assert!(
                !named.contains(&hash(&mut analyzer, not_name)),
                "{not_name} is no name"
            );
        }
    }

    #[test]
    fn rare_names_are_those_the_model_never_saw() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let text = "Hạc Vân bị tấn công ở Hà Nội. Hạc Vân báo Bộ Công an và Hà Nội.";
        let terms = ArticleTerms::of_text(&w, &mut analyzer, "", [text]);
        let hash = whole_term;
        assert!(terms.has_rare_name(&[hash(&mut analyzer, "Hạc Vân")]));
        assert!(!terms.has_rare_name(&[hash(&mut analyzer, "Hà Nội")]));
        assert!(!terms.has_rare_name(&[hash(&mut analyzer, "Lam Sơn Bắc")]));
        // Kept through the store's bytes.
        let mut bytes = Vec::new();
        terms.to_bytes(&mut bytes);
        assert!(ArticleTerms::from_bytes(&bytes).has_rare_name(&[hash(&mut analyzer, "Hạc Vân")]));
    }

    #[test]
    fn a_dateline_dash_opens_the_news_and_its_outlet_code_is_no_name() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let mut collect = |text: &str| {
            let (mut names, mut openers) = (Vec::new(), Vec::new());
            collect_names(&mut analyzer, text, &mut |hash, capital| match capital {
                Capital::Name => names.push(hash),
                Capital::Opener => openers.push(hash),
                Capital::Code => {}
            });
            names.sort_unstable();
            openers.sort_unstable();
            (names, openers)
        };
        let hash = |term: &str| {
            let mut analyzer = w.analyzer();
            let mut found = 0;
            analyzer.for_each_token(term, |t| found = t.hash);
            found
        };
        // The outlet's code and the word after its dash: an opener, not a name.
        assert_eq!(
            collect("ATTT - Nhóm ứng cứu sự cố đã thu thập mẫu mã độc."),
            (vec![], vec![hash("Nhóm")])
        );
        assert_eq!(
            collect("TTO - Sáng nay, Chile phóng vệ tinh."),
            (vec![hash("Chile")], vec![hash("Sáng")])
        );
        // A dateline with a place and a date: the place is named as before.
        let (names, openers) = collect("Hà Nội, 7/3 (TTXVN) - Sáng 7/3, tin tặc tấn công.");
        assert!(names.contains(&hash("Hà Nội")));
        assert!(!names.contains(&hash("Sáng")));
        assert_eq!(openers, vec![hash("Sáng")]);
        // A dash between names, with nothing of a dateline before it, or late in a sentence,
        // is no dateline: "Mỹ" stays a name.
        for text in [
            "Quan hệ Việt - Mỹ được nâng cấp.",
            "Tin tặc nhắm vào các cơ quan của quan hệ đối tác Việt - Mỹ trong năm 2024.",
        ] {
            let (names, _) = collect(text);
            assert!(names.contains(&hash("Mỹ")), "{text}");
        }
    }

    #[test]
    fn points_of_the_compass_alone_are_not_names() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let text = "Một ngân hàng lớn ở phía Bắc bị tấn công; chi nhánh miền Nam vẫn mở. Công ty \
                    ở Bắc Ninh và các nước Đông Nam Á cũng báo sự cố.";
        let named = name_terms(&w, &mut analyzer, text);
        let hash = whole_term;
        for name in ["Bắc Ninh", "Đông Nam"] {
            assert!(
                named.contains(&hash(&mut analyzer, name)),
                "{name} is a name"
            );
        }
        for not_name in ["Bắc", "Nam", "Đông"] {
            assert!(
                !named.contains(&hash(&mut analyzer, not_name)),
                "{not_name} is no name"
            );
        }
    }

    #[test]
    fn codes_are_one_term_whatever_their_marks_and_case() {
        let same = [
            "H3",
            "h3",
            "MS-31",
            "MS31",
            "ms-31",
            "VéBay365",
            "VeBay365",
            "CVE-2024-3094",
        ];
        let key = |w: &str| code_hash(w).expect(w);
        assert_eq!(key("MS-31"), key("ms31"));
        assert_eq!(key("VéBay365"), key("vebay365"));
        assert_eq!(key("CVE-2024-3094"), key("cve20243094"));
        assert_ne!(key("H3"), key("H2"));
        assert_ne!(key("CVE-2024-3094"), key("CVE-2024-3095"));
        for w in same {
            assert!(code_hash(w).is_some(), "{w} is a code");
        }
        // Numbers, times and quantities are not codes; neither are words without a digit.
        for w in ["2024", "9h30", "5G", "50MB", "14/5", "Falcon", "ISS", ""] {
            assert_eq!(code_hash(w), None, "{w} is no code");
        }
    }

    #[test]
    fn a_shared_code_tells_two_launches_of_a_day_apart() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let mut terms = |text: &str| {
            ArticleTerms::of_text(&w, &mut analyzer, "", [text])
                .with_sentences(&mut analyzer, [text])
        };
        let h3 = "Tên lửa H3 rời bệ phóng sáng 10/12, mang theo vệ tinh định vị QZS-7 lên quỹ đạo.";
        let also_h3 = "Vệ tinh QZS-7 đã vào quỹ đạo sau khi được tên lửa H3 phóng sáng 10/12.";
        let ariane =
            "Tên lửa Ariane 6 rời bệ phóng sáng 10/12, mang theo vệ tinh ARGUS-2 lên quỹ đạo.";
        let (a, b, c) = (terms(h3), terms(also_h3), terms(ariane));
        assert!(
            a.cosine(&b) > a.cosine(&c),
            "same codes {} vs other codes {}",
            a.cosine(&b),
            a.cosine(&c)
        );
        // The launch of ARGUS-2 names codes the QZS-7 reports never do.
        assert!(a.lacks_names(c.sentence_names(ariane)));
        assert!(!b.lacks_names(a.sentence_names(h3)));
    }

    #[test]
    fn a_shared_name_outweighs_shared_topic_words() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let mut terms = |text: &str| ArticleTerms::of_text(&w, &mut analyzer, "", [text]);
        let a = terms("Ấn Độ phóng vệ tinh EOS lên quỹ đạo bằng tên lửa PSLV từ Sriharikota.");
        let b =
            terms("Nhật Bản phóng vệ tinh Michibiki lên quỹ đạo bằng tên lửa H3 từ Tanegashima.");
        let c = terms("Tên lửa PSLV của Ấn Độ rời Sriharikota, đưa EOS vào quỹ đạo.");
        assert!(
            a.cosine(&c) > 2.0 * a.cosine(&b),
            "{} vs {}",
            a.cosine(&c),
            a.cosine(&b)
        );
    }

    #[test]
    fn proper_names_are_those_written_capitalised_wherever_they_are_used() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let terms = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "",
            [
                "Hôm qua Bệnh viện An Khang bị tấn công. Nhiều bệnh nhân phải chờ, bệnh án bị \
              khóa. Khách hàng của An Khang được thông báo. Chile và Peru theo dõi vụ việc, \
              theo tin từ Chile.",
            ],
        );
        let hash = |text: &str| crate::text::token_hash(text) as u32;
        let named: Vec<u32> = terms.names.iter().map(|&(t, _)| t).collect();
        // "Bệnh" opens a name once and is a common word twice; "Chile" opens a sentence
        // once and is a name once; "Peru" is a name once.
        assert!(!named.contains(&hash("benh")), "{named:?}");
        assert!(named.contains(&hash("an khang")));
        assert!(named.contains(&hash("chile")));
        assert!(named.contains(&hash("peru")));
        assert_eq!(named.len(), 3);
    }

    #[test]
    fn one_hospital_attack_is_not_the_other() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let sentence = "Bệnh viện An Khang ở Cần Thơ bị nhóm NightVeil tấn công bằng mã độc tống \
                        tiền ngày 8/11, hệ thống HIS ngừng hoạt động.";
        let a = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "",
            [
                sentence,
                "Máy chủ ngừng hoạt động, dữ liệu bệnh nhân bị mã hóa.",
            ],
        )
        .with_sentences(&mut analyzer, [sentence]);
        let mut terms = |text: &str| ArticleTerms::of_text(&w, &mut analyzer, "", [text]);
        let b = terms(
            "Bệnh viện Thái An ở Vinh bị nhóm KrakenLock tấn công bằng mã độc tống tiền \
             ngày 8/11, máy chủ ngừng hoạt động, dữ liệu bệnh nhân bị mã hóa.",
        );
        let c = terms(
            "Bệnh viện An Khang (Cần Thơ) xác nhận nhóm NightVeil đã mã hóa hệ thống HIS \
             của bệnh viện hôm 8/11.",
        );
        let d = terms("Tin tặc tấn công bệnh viện bằng mã độc tống tiền ngày 8/11.");
        // The topic's words alone would merge the two attacks.
        let threshold = crate::events::MergeOptions::default().threshold;
        assert!(a.cosine(&b) > threshold, "{}", a.cosine(&b));
        assert!(b.lacks_names(a.sentence_names(sentence)));
        assert!(!c.lacks_names(a.sentence_names(sentence)));
        // An article that names nothing says nothing either way.
        assert!(!d.lacks_names(a.sentence_names(sentence)));
    }

    #[test]
    fn an_event_whose_sentence_names_what_another_article_never_does_is_not_its_happening() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let iss = "Ngày 26/12, hai phi hành gia Rebecca Thornbury và Marcus Ellery của NASA đã \
                   làm việc hơn sáu tiếng bên ngoài ISS để thay pin.";
        let mention = "Cùng ngày, hai phi hành gia Trung Quốc cũng ra ngoài trạm Thiên Cung.";
        let both = ArticleTerms::of_text(&w, &mut analyzer, "", [iss, mention])
            .with_sentences(&mut analyzer, [iss, mention]);
        let tiangong = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "",
            [
                "Ngày 26/12, hai phi hành gia Trung Quốc Lưu Kiến Bình và Hà Vân Khải rời trạm \
              Thiên Cung, theo CMSA.",
            ],
        );
        let hash = |text: &str| crate::text::token_hash(text) as u32;
        let mut expected = vec![
            hash("nasa"),
            hash("rebecca thornbury"),
            hash("marcus ellery"),
            hash("iss"),
        ];
        expected.sort_unstable();
        assert_eq!(both.sentence_names(iss), expected.as_slice());
        let mut expected = vec![hash("trung quoc"), hash("thien cung")];
        expected.sort_unstable();
        assert_eq!(both.sentence_names(mention), expected.as_slice());
        assert_eq!(both.sentence_names("Một câu khác."), &[] as &[u32]);
        // The Tiangong report names none of the ISS sentence's names, and some of the other's.
        assert!(tiangong.lacks_names(both.sentence_names(iss)));
        assert!(!tiangong.lacks_names(both.sentence_names(mention)));
        // One name is too little to go by.
        assert!(!tiangong.lacks_names(&[hash("nasa")]));
    }

    #[test]
    fn names_weigh_more_than_common_news_words() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let terms = ArticleTerms::of_text(&w, &mut analyzer, "", ["cho biết Hải Vân"]);
        let weight_of = |text: &str| {
            let h = crate::text::token_hash(text) as u32;
            terms
                .terms
                .iter()
                .find(|(t, _)| *t == h)
                .map(|&(_, q)| q)
                .unwrap_or(0)
        };
        assert!(
            weight_of("hai van") > 2 * weight_of("cho biet"),
            "{} vs {}",
            weight_of("hai van"),
            weight_of("cho biet")
        );
    }

    #[test]
    fn terms_in_a_large_share_of_news_weigh_nothing() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let rarity = |text: &str| {
            let column = w.vocabulary.column(crate::text::token_hash(text));
            column.map_or(w.unseen, |c| w.column[c as usize])
        };
        // Syllables of nearly every news article, whatever its topic, and a name.
        assert!(rarity("cho") < MIN_TERM_RARITY, "{}", rarity("cho"));
        assert!(rarity("cua") < MIN_TERM_RARITY, "{}", rarity("cua"));
        assert!(rarity("zorblax") >= MIN_TERM_RARITY);
        let terms = ArticleTerms::of_text(&w, &mut analyzer, "", ["cho của cho của Zorblax"]);
        let kept: Vec<u32> = terms.terms.iter().map(|&(t, _)| t).collect();
        let hash = |text: &str| crate::text::token_hash(text) as u32;
        assert!(!kept.contains(&hash("cho")));
        assert!(!kept.contains(&hash("cua")));
        assert!(kept.contains(&hash("zorblax")));
    }

    #[test]
    fn cosine_of_the_same_text_is_one_and_of_unrelated_texts_small() {
        let w = weights();
        let mut analyzer = w.analyzer();
        let a = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "Hải Vân Logistics bị tấn công",
            ["Dữ liệu của Hải Vân bị mã hóa."],
        );
        let b = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "Hai Van Logistics bi tan cong",
            ["Du lieu cua Hai Van bi ma hoa."],
        );
        let c = ArticleTerms::of_text(
            &w,
            &mut analyzer,
            "Vệ tinh SaoViet lên quỹ đạo",
            ["Tên lửa Falcon đưa vệ tinh lên quỹ đạo."],
        );
        assert!(a.cosine(&b) > 0.999, "diacritics do not matter");
        assert!(a.cosine(&c) < 0.05, "{}", a.cosine(&c));
        assert_eq!(
            ArticleTerms::from_bytes(&{
                let mut v = Vec::new();
                a.to_bytes(&mut v);
                v
            }),
            a
        );
        assert_eq!(a.cosine(&ArticleTerms::default()), 0.0);
    }
}
