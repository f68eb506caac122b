//! Reading saved web pages: decoding, main-text extraction and metadata, per page.
//! Run: `cargo bench --bench html`.
//!
//! `fixtures` reads the 15 article pages of tests/fixtures/html (12-20 KB each) one after
//! another; `vnexpress` the real saved VnExpress article (222 KB, from ../shared/pages, skipped
//! when it is not beside the checkout).

use std::path::{Path, PathBuf};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

use newsline::corpus::{article_from_html, decode_page, Known};
use newsline::Location;

fn read_page(path: &Path) -> (Location, Vec<u8>) {
    (
        Location::file(path),
        std::fs::read(path).expect("page reads"),
    )
}

fn parse(at: &Location, bytes: &[u8]) -> usize {
    let html = decode_page(bytes, at, false).expect("page decodes");
    article_from_html(&html, at.clone(), Known::default())
        .map(|a| a.text.len())
        .unwrap_or(0)
}

fn html_pages(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.to_string_lossy();
            (name.ends_with(".html") || name.ends_with(".htm")) && !name.contains("10_home")
        })
        .collect();
    pages.sort();
    let pages: Vec<(Location, Vec<u8>)> = pages.iter().map(|p| read_page(p)).collect();
    let bytes: usize = pages.iter().map(|(_, b)| b.len()).sum();
    let mut g = c.benchmark_group("html");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("fixtures_15_pages", |b| {
        b.iter(|| {
            pages
                .iter()
                .map(|(at, bytes)| parse(at, black_box(bytes)))
                .sum::<usize>()
        })
    });
    let vnexpress =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages/vnexpress-kinh-doanh.html");
    if vnexpress.is_file() {
        let (at, page) = read_page(&vnexpress);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_function("vnexpress_page", |b| {
            b.iter(|| parse(&at, black_box(&page)))
        });
    }
    g.finish();
}

criterion_group!(benches, html_pages);
criterion_main!(benches);
