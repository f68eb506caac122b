//! Criterion benchmarks of each stage: normalise, tokenise, score, model load, train, finding
//! events (dates, labels, headlines, the merge's article terms; sentences, headlines and article
//! terms also on their own), and drawing a 500-event
//! timeline. Run: `cargo bench --bench pipeline`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use newsline::corpus::{read_all, ReadOptions};
use newsline::events::{Event, EventDate, Role, Source};
use newsline::model::{TopicModel, TrainParams};
use newsline::text::{normalize_into, Analyzer, AnalyzerOptions, NormalizeOptions};

fn sample_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/heldout.jsonl");
    let (articles, _) = read_all(&[path.into()], ReadOptions::default()).expect("held-out data");
    articles
        .iter()
        .map(|a| format!("{}\n{}\n", a.title, a.text))
        .collect()
}

fn text_stage(c: &mut Criterion) {
    let text = sample_text();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut out = String::new();
    for fold in [true, false] {
        let options = NormalizeOptions {
            fold_diacritics: fold,
        };
        g.bench_function(
            if fold {
                "normalize_fold"
            } else {
                "normalize_keep"
            },
            |b| b.iter(|| normalize_into(black_box(&text), &options, &mut out)),
        );
    }
    let mut analyzer = Analyzer::new(AnalyzerOptions {
        ngram_max: 3,
        ..AnalyzerOptions::default()
    });
    g.bench_function("tokenize_ngram3", |b| {
        b.iter(|| {
            let mut n = 0u64;
            analyzer.for_each_token(black_box(&text), |t| n ^= t.hash);
            n
        })
    });
    // Reading JSON lines into articles (the held-out file, 78 KB).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/heldout.jsonl");
    g.throughput(Throughput::Bytes(
        std::fs::metadata(path).expect("held-out data").len(),
    ));
    g.bench_function("read_jsonl_heldout", |b| {
        b.iter(|| read_all(&[black_box(path).into()], ReadOptions::default()).expect("reads"))
    });
    g.finish();
}

fn model_stage(c: &mut Criterion) {
    let text = sample_text();
    let model = TopicModel::builtin().expect("built-in model");
    let mut g = c.benchmark_group("model");
    g.throughput(Throughput::Bytes(text.len() as u64));
    let mut analyzer = model.analyzer();
    g.bench_function("score_sparse", |b| {
        b.iter(|| model.predict(&mut analyzer, "", black_box(&text)))
    });
    // What `classify` does with each article: its title and lead scored and decided, with the
    // second stage and the second topic (the held-out articles, built-in model).
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/heldout.jsonl");
    let (articles, _) = read_all(&[path.into()], ReadOptions::default()).expect("held-out data");
    let leads: Vec<(String, String)> = articles
        .iter()
        .map(|a| {
            (
                a.title.clone(),
                newsline::page::lead_text(&a.text).into_owned(),
            )
        })
        .collect();
    g.throughput(Throughput::Bytes(
        leads.iter().map(|(t, l)| (t.len() + l.len()) as u64).sum(),
    ));
    g.bench_function("classify_heldout", |b| {
        b.iter(|| {
            let mut labels = 0usize;
            for (title, lead) in &leads {
                let (_, d) = model.decide_article(&mut analyzer, title, black_box(lead), None);
                labels += d.label;
            }
            labels
        })
    });
    g.throughput(Throughput::Bytes(newsline::BUILTIN_MODEL.len() as u64));
    g.bench_function("load_builtin", |b| {
        b.iter(|| TopicModel::builtin().expect("loads"))
    });
    // The same model read from its JSON file, as `--model` does (checksum, parsing, index).
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("models/topics.json");
    g.bench_function("load_file", |b| {
        b.iter(|| TopicModel::load(black_box(&file)).expect("loads"))
    });
    g.finish();

    let training = concat!(env!("CARGO_MANIFEST_DIR"), "/training");
    let (articles, _) = read_all(
        &[training.into()],
        ReadOptions {
            label_from_folder: true,
            ..Default::default()
        },
    )
    .expect("corpus");
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.text.len()).sum();
    let params = TrainParams::default().check().expect("valid");
    let mut g = c.benchmark_group("train");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fit_training_corpus", |b| {
        b.iter(|| params.fit_articles(black_box(&articles)).expect("fits"))
    });
    // The counting of a large vocabulary (issue 18): most tokens rare, so the token table
    // does not fit in cache. No calibration, so the count dominates.
    let large = large_vocabulary_articles(4096);
    let bytes: usize = large.iter().map(|a| a.title.len() + a.text.len()).sum();
    let params = TrainParams::default()
        .calibration_sample(0)
        .check()
        .expect("valid");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fit_large_vocabulary_4096", |b| {
        b.iter(|| params.fit_articles(black_box(&large)).expect("fits"))
    });
    g.finish();
}

/// `n` labelled articles of about 2.5 KB over a skewed inventory of 40,000 syllables (a fixed
/// generator, so every run counts the same text): most of their 1-3-grams are rare, as in the
/// large-vocabulary corpus of `bench/gen_corpus.py`.
fn large_vocabulary_articles(n: usize) -> Vec<newsline::corpus::Article> {
    const ONSETS: [&str; 20] = [
        "b", "c", "ch", "d", "đ", "g", "h", "k", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "s",
        "t", "th", "tr",
    ];
    const RHYMES: [&str; 20] = [
        "a", "ai", "an", "ang", "ánh", "ao", "âm", "ân", "ất", "e", "em", "ên", "i", "inh", "o",
        "ong", "ốc", "ơn", "u", "ương",
    ];
    let labels = ["cybersecurity", "summits", "space", "other"];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    // Syllable ids skewed to small numbers (a rough Zipf law), spelled as onset + rhyme +
    // a base-20 suffix for the rare ones.
    let mut syllable = |out: &mut String| {
        let r = next();
        let id = ((r % 40_000) * ((r >> 32) % 40_000) / 40_000) as usize;
        out.push_str(ONSETS[id % 20]);
        out.push_str(RHYMES[(id / 20) % 20]);
        if id >= 400 {
            out.push_str(ONSETS[(id / 400) % 20]);
            out.push_str(RHYMES[(id / 8000) % 20]);
        }
    };
    (0..n)
        .map(|i| {
            let mut text = String::with_capacity(2600);
            while text.len() < 2500 {
                syllable(&mut text);
                text.push(if text.len() % 97 < 3 { '.' } else { ' ' });
            }
            let mut title = String::new();
            for _ in 0..8 {
                syllable(&mut title);
                title.push(' ');
            }
            newsline::corpus::Article {
                id: format!("a{i}"),
                title,
                published: None,
                url: None,
                site_name: None,
                text,
                label: Some(labels[i % 4].to_string()),
                also: None,
                source: newsline::Location::file("bench"),
            }
        })
        .collect()
}

fn report_stage(c: &mut Criterion) {
    let labels = ["cybersecurity", "summits", "space", "other"];
    let events: Vec<Event> = (0..500u32)
        .map(|i| {
            let date = match i % 7 {
                0 => EventDate::month(2022 + (i % 3) as i32, 1 + i % 12),
                1 => Some(EventDate::year(2021 + (i % 4) as i32)),
                _ => EventDate::day(2022 + (i % 3) as i32, 1 + i % 12, 1 + i % 28),
            }
            .expect("valid date");
            Event {
                id: format!("a{i}"),
                date: date.into(),
                end: None,
                role: Role::Reported,
                label: labels[(i % 4) as usize].to_string(),
                confidence: f64::from(i % 100) / 100.0,
                headline: format!("Sự kiện số {i}: hội nghị về an ninh mạng và vũ trụ"),
                source: "bench".into(),
                text: String::new(),
                sources: vec![Source {
                    id: format!("a{i}"),
                    title: String::new(),
                    published: None,
                    url: None,
                }],
            }
        })
        .collect();
    let options = newsline::report::TimelineOptions::default();
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.bench_function("timeline_500_events_png", |b| {
        b.iter(|| newsline::report::render_png(black_box(&events), &options).expect("renders"))
    });
    g.finish();
}

/// `events`' work per article without reading and writing: find the events (dates, labels,
/// headlines) and the terms the merge compares, on the held-out articles.
fn events_stage(c: &mut Criterion) {
    use newsline::events::{
        find_dates, find_events, headline, sentences, ArticleTerms, EventOptions, Happenings,
        MergeOptions, TermWeights, MAX_HEADLINE_CHARS,
    };
    use newsline::page::Page;
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/heldout.jsonl");
    let (articles, _) = read_all(&[path.into()], ReadOptions::default()).expect("held-out data");
    let bytes: usize = articles.iter().map(|a| a.title.len() + a.text.len()).sum();
    let model = TopicModel::builtin().expect("built-in model");
    let weights = TermWeights::from_model(&model);
    let options = EventOptions::default();
    let (mut analyzer, mut terms_analyzer) = (model.analyzer(), weights.analyzer());
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("find_events_heldout", |b| {
        b.iter(|| {
            let mut n = 0;
            for a in &articles {
                let page = Page::new(a);
                n += find_events(&model, &mut analyzer, &page, &options).len();
                black_box(ArticleTerms::of_page(&weights, &mut terms_analyzer, &page));
            }
            n
        })
    });
    // The stages of that work on their own (issue 18): splitting paragraphs into sentences,
    // a headline for every sentence that holds a date, and the merge's article terms.
    let pages: Vec<Page<'_>> = articles.iter().map(Page::new).collect();
    let paragraphs: Vec<&str> = pages
        .iter()
        .flat_map(|p| p.paragraphs().iter().map(|q| q.text))
        .collect();
    g.bench_function("sentences_heldout", |b| {
        b.iter(|| {
            paragraphs
                .iter()
                .map(|p| sentences(black_box(p)).len())
                .sum::<usize>()
        })
    });
    let dated: Vec<&str> = paragraphs
        .iter()
        .flat_map(|p| sentences(p))
        .filter(|s| !find_dates(s).is_empty())
        .collect();
    g.bench_function("headlines_heldout", |b| {
        b.iter(|| {
            dated
                .iter()
                .map(|s| headline(black_box(s), MAX_HEADLINE_CHARS).len())
                .sum::<usize>()
        })
    });
    // The date grammar on every sentence of every paragraph (the prefilter, the matching form,
    // the clause reading of each date found).
    let all_sentences: Vec<&str> = paragraphs.iter().flat_map(|p| sentences(p)).collect();
    g.bench_function("dates_heldout", |b| {
        b.iter(|| {
            all_sentences
                .iter()
                .map(|s| find_dates(black_box(s)).len())
                .sum::<usize>()
        })
    });
    // Adding every article's events and terms to the merge (fingerprints, headline scores,
    // the store): the work of the thread that reads the articles in order.
    let found: Vec<(ArticleTerms, Vec<newsline::events::Event>)> = pages
        .iter()
        .map(|p| {
            let events = find_events(&model, &mut analyzer, p, &options);
            let terms = ArticleTerms::of_page(&weights, &mut terms_analyzer, p)
                .with_sentences(&mut terms_analyzer, events.iter().map(|e| e.text.as_str()));
            (terms, events)
        })
        .collect();
    g.bench_function("merge_add_heldout", |b| {
        b.iter(|| {
            let mut happenings = Happenings::new(MergeOptions::default());
            for (terms, events) in &found {
                happenings
                    .add(terms, events.clone())
                    .expect("adding to the merge");
            }
            black_box(happenings)
        })
    });
    // Writing every event as a JSON line (issue 18, part 18: written by hand).
    let all_events: Vec<newsline::events::Event> =
        found.iter().flat_map(|(_, e)| e.iter().cloned()).collect();
    g.bench_function("write_json_heldout", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            newsline::events::file::Format::Json
                .write(&mut out, black_box(&all_events))
                .expect("writing to memory");
            out.len()
        })
    });
    g.bench_function("article_terms_heldout", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|p| ArticleTerms::of_page(&weights, &mut terms_analyzer, black_box(p)).len())
                .sum::<usize>()
        })
    });
    // The stages changed in issue 18, part 8, on articles of one's own: the held-out news has
    // short sentences and paragraphs, where the per-character costs of long generated text
    // hardly show. `NEWSLINE_BENCH_EVENTS=FILE.jsonl` (for example the first 200 articles of
    // `bench/gen_corpus.py --large-vocab`'s test side) adds them.
    if let Some(path) = std::env::var_os("NEWSLINE_BENCH_EVENTS") {
        let (own, _) = read_all(&[path.into()], ReadOptions::default()).expect("articles");
        let own_pages: Vec<Page<'_>> = own.iter().map(Page::new).collect();
        g.throughput(Throughput::Bytes(
            own.iter()
                .map(|a| (a.title.len() + a.text.len()) as u64)
                .sum(),
        ));
        g.bench_function("find_events_file", |b| {
            b.iter(|| {
                own_pages
                    .iter()
                    .map(|p| find_events(&model, &mut analyzer, black_box(p), &options).len())
                    .sum::<usize>()
            })
        });
        g.bench_function("article_terms_file", |b| {
            b.iter(|| {
                own_pages
                    .iter()
                    .map(|p| {
                        ArticleTerms::of_page(&weights, &mut terms_analyzer, black_box(p)).len()
                    })
                    .sum::<usize>()
            })
        });
        // The date grammar on every sentence (issue 18, part 18: the prefilter's scan).
        let own_sentences: Vec<&str> = own_pages
            .iter()
            .flat_map(|p| p.paragraphs().iter().flat_map(|q| sentences(q.text)))
            .collect();
        g.bench_function("dates_file", |b| {
            b.iter(|| {
                own_sentences
                    .iter()
                    .map(|s| find_dates(black_box(s)).len())
                    .sum::<usize>()
            })
        });
        let own_dated: Vec<&str> = own_pages
            .iter()
            .flat_map(|p| p.paragraphs().iter().flat_map(|q| sentences(q.text)))
            .filter(|s| !find_dates(s).is_empty())
            .collect();
        g.bench_function("headlines_file", |b| {
            b.iter(|| {
                own_dated
                    .iter()
                    .map(|s| headline(black_box(s), MAX_HEADLINE_CHARS).len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, text_stage, model_stage, events_stage, report_stage);
criterion_main!(benches);
