//! Criterion benchmarks of each stage: normalise, tokenise, score, model load, train, and
//! drawing a 500-event timeline. Run: `cargo bench --bench pipeline`.

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
    g.throughput(Throughput::Bytes(newsline::BUILTIN_MODEL.len() as u64));
    g.bench_function("load_builtin", |b| {
        b.iter(|| TopicModel::builtin().expect("loads"))
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
    g.finish();
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

criterion_group!(benches, text_stage, model_stage, report_stage);
criterion_main!(benches);
