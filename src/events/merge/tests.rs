//! Tests of the merge: the rules a happening obeys, independence of input order, memory
//! spilling, and the cost on many events.

use std::sync::Arc;

use chrono::NaiveDate;

use super::cluster::{self, Point, Settings};
use super::*;
use crate::events::{EventDate, Yearless};

/// A deterministic stream of numbers (splitmix64) for shuffles and made-up vocabularies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Terms about `topic`: 30 terms of the topic's own, and `noise` shared by every article.
fn terms(topic: u32, variant: u32) -> ArticleTerms {
    let mut w: Vec<(u32, f32)> = (0..30).map(|t| (topic * 1000 + t, 1.0)).collect();
    // Each report words it a little differently.
    w.extend((0..8).map(|t| (topic * 1000 + 500 + variant * 10 + t, 1.0)));
    w.extend((0..5).map(|t| (9_000_000 + t, 0.5)));
    ArticleTerms::from_weights(w)
}

fn day(y: i32, m: u32, d: u32) -> When {
    When::Dated(EventDate::day(y, m, d).unwrap())
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// An event of article `id` published on `published`.
fn event(id: &str, date: When, label: &str, headline: &str, published: NaiveDate) -> Event {
    let mut e = Event::for_test(id, date, label, headline);
    e.sources[0].published = Some(published);
    e.sources[0].title = format!("Tin {id}");
    e
}

fn merge(articles: &[(ArticleTerms, Vec<Event>)]) -> Vec<Event> {
    merge_happenings(articles.iter().cloned(), &MergeOptions::default()).unwrap()
}

fn source_ids(e: &Event) -> Vec<&str> {
    e.sources.iter().map(|s| s.id.as_str()).collect()
}

/// Two happenings on 4/6 (topics 1 and 2: a ransomware attack and a data leak), each told by
/// three outlets, one of them a day late; an `other` article on the same day about something
/// else; and history.
fn week() -> Vec<(ArticleTerms, Vec<Event>)> {
    let cyber = "cybersecurity";
    let p = |d| ymd(2024, 6, d);
    vec![
        (
            terms(1, 0),
            vec![
                event("a1", day(2024, 6, 4), cyber, "Vụ việc được xác nhận", p(4)),
                event(
                    "a1",
                    When::Dated(EventDate::year(2019)),
                    cyber,
                    "Năm 2019",
                    p(4),
                ),
            ],
        ),
        (
            terms(1, 1),
            vec![event(
                "a2",
                day(2024, 6, 4),
                cyber,
                "Hải Vân Logistics tê liệt vì mã độc tống tiền",
                p(5),
            )],
        ),
        (
            terms(1, 2),
            vec![event(
                "a3",
                day(2024, 6, 5),
                "other",
                "Tin tặc đòi tiền chuộc",
                p(5),
            )],
        ),
        (
            terms(2, 0),
            vec![event(
                "b1",
                day(2024, 6, 4),
                cyber,
                "Phúc An lộ dữ liệu",
                p(4),
            )],
        ),
        (
            terms(2, 1),
            vec![event(
                "b2",
                day(2024, 6, 4),
                cyber,
                "Dữ liệu khách hàng Phúc An bị sao chép",
                p(6),
            )],
        ),
        (
            terms(2, 2),
            vec![event(
                "b3",
                When::Dated(EventDate::month(2024, 6).unwrap()),
                cyber,
                "Phúc An",
                p(20),
            )],
        ),
        (
            terms(3, 0),
            vec![event("c1", day(2024, 6, 4), "other", "Giá vàng tăng", p(4))],
        ),
    ]
}

#[test]
fn reports_of_one_happening_become_one_event_and_two_happenings_stay_two() {
    let merged = merge(&week());
    let groups: Vec<(String, Vec<&str>)> = merged
        .iter()
        .map(|e| (e.date_string(), source_ids(e)))
        .collect();
    assert_eq!(
        groups,
        [
            ("2019".to_string(), vec!["a1"]),
            ("2024-06-04".to_string(), vec!["a1", "a2", "a3"]),
            ("2024-06-04".to_string(), vec!["b1", "b2", "b3"]),
            ("2024-06-04".to_string(), vec!["c1"]),
        ],
        "{merged:#?}"
    );
    let attack = &merged[1];
    // The topic over `other`, the earliest report's id, the best headline (a named actor, a
    // whole clause) with its sentence.
    assert_eq!(attack.label, "cybersecurity");
    assert_eq!(attack.id, "a1");
    assert_eq!(attack.source, "a1.txt");
    assert_eq!(
        attack.headline,
        "Hải Vân Logistics tê liệt vì mã độc tống tiền"
    );
    assert_eq!(attack.text, attack.headline);
    // A day is more precise than a month.
    assert_eq!(merged[2].date, day(2024, 6, 4));
}

#[test]
fn input_order_does_not_change_the_result() {
    let articles = week();
    let expected = merge(&articles);
    let mut rng = Rng(7);
    for _ in 0..20 {
        let mut shuffled = articles.clone();
        rng.shuffle(&mut shuffled);
        for (_, events) in &mut shuffled {
            rng.shuffle(events);
        }
        assert_eq!(merge(&shuffled), expected);
    }
}

#[test]
fn a_small_memory_budget_spills_to_disk_with_the_same_result() {
    let mut happenings = Happenings::with_budget(MergeOptions::default(), 100);
    for (t, events) in week() {
        happenings.add(&t, events).unwrap();
    }
    assert!(happenings.store.has_spilled());
    assert_eq!(happenings.finish().unwrap(), merge(&week()));
}

#[test]
fn dates_decide_what_may_merge() {
    let cyber = "cybersecurity";
    let p = ymd(2024, 6, 30);
    let month = |m| When::Dated(EventDate::month(2024, m).unwrap());
    let pairs: Vec<(When, When, bool)> = vec![
        (day(2024, 6, 4), day(2024, 6, 4), true),
        (day(2024, 6, 4), day(2024, 6, 5), true),
        (day(2024, 6, 4), day(2024, 6, 6), false),
        (day(2024, 6, 4), month(6), true),
        (month(6), month(7), false),
        (day(2024, 6, 30), month(7), false),
        (
            When::Dated(EventDate::year(2024)),
            When::Dated(EventDate::year(2024)),
            false,
        ),
        (
            When::Yearless(Yearless::day(6, 4).unwrap()),
            When::Yearless(Yearless::day(6, 4).unwrap()),
            false,
        ),
    ];
    for (a, b, one) in pairs {
        let merged = merge(&[
            (terms(1, 0), vec![event("x", a, cyber, "x", p)]),
            (terms(1, 1), vec![event("y", b, cyber, "y", p)]),
        ]);
        assert_eq!(merged.len() == 1, one, "{} and {}", a.iso(), b.iso());
    }
    // Different topics never merge; a range takes the days inside it.
    let mut range = event("y", day(2024, 6, 4), cyber, "y", p);
    range.end = EventDate::day(2024, 6, 6);
    let merged = merge(&[
        (
            terms(1, 0),
            vec![event("x", day(2024, 6, 5), "space", "x", p)],
        ),
        (terms(1, 1), vec![range.clone()]),
        (
            terms(1, 2),
            vec![event("z", day(2024, 6, 6), cyber, "z", p)],
        ),
    ]);
    assert_eq!(merged.len(), 2);
    assert_eq!(source_ids(&merged[0]), ["y", "z"]);
    assert_eq!((merged[0].date, merged[0].end), (range.date, range.end));
}

#[test]
fn an_article_s_own_events_on_different_days_stay_apart() {
    // The launch on 5/6 and the first signal on 6/6, told by two outlets: two happenings, even
    // though a day's tolerance would let 5/6 and 6/6 meet.
    let space = "space";
    let p = ymd(2024, 6, 7);
    let merged = merge(&[
        (
            terms(1, 0),
            vec![
                event("a", day(2024, 6, 5), space, "phóng", p),
                event("a", day(2024, 6, 6), space, "tín hiệu", p),
            ],
        ),
        (
            terms(1, 1),
            vec![
                event("b", day(2024, 6, 5), space, "phóng", p),
                event("b", day(2024, 6, 6), space, "tín hiệu", p),
            ],
        ),
    ]);
    let groups: Vec<(String, Vec<&str>)> = merged
        .iter()
        .map(|e| (e.date_string(), source_ids(e)))
        .collect();
    assert_eq!(
        groups,
        [
            ("2024-06-05".to_string(), vec!["a", "b"]),
            ("2024-06-06".to_string(), vec!["a", "b"])
        ]
    );
}

#[test]
fn a_report_of_the_whole_visit_joins_the_reports_of_its_days() {
    // A state visit from 9 to 11/9: one outlet tells the whole visit, others its first day, its
    // last day, or both of its first days. A month does not do what the range does.
    let summits = "summits";
    let p = ymd(2025, 9, 12);
    let mut visit = event("whole", day(2025, 9, 9), summits, "chuyến thăm", p);
    visit.end = EventDate::day(2025, 9, 11);
    let reports = |whole: Event| {
        vec![
            (terms(1, 0), vec![whole]),
            (
                terms(1, 1),
                vec![event("first", day(2025, 9, 9), summits, "lễ đón", p)],
            ),
            (
                terms(1, 2),
                vec![event("last", day(2025, 9, 11), summits, "Đà Nẵng", p)],
            ),
            (
                terms(1, 3),
                vec![
                    event("both", day(2025, 9, 9), summits, "hội đàm", p),
                    event("both", day(2025, 9, 10), summits, "hội kiến", p),
                ],
            ),
        ]
    };
    let merged = merge(&reports(visit));
    assert_eq!(merged.len(), 1, "{merged:#?}");
    assert_eq!(source_ids(&merged[0]), ["both", "first", "last", "whole"]);

    let month = When::Dated(EventDate::month(2025, 9).unwrap());
    let merged = merge(&reports(event("whole", month, summits, "tháng 9", p)));
    assert!(
        merged
            .iter()
            .all(|e| !(source_ids(e).contains(&"first") && source_ids(e).contains(&"last"))),
        "9/9 and 11/9 are two days apart and only a month spans them: {merged:#?}"
    );
}

#[test]
fn roles_and_sources_of_a_merged_event() {
    let p = |d| ymd(2024, 6, d);
    let mut planned = event(
        "early",
        day(2024, 6, 10),
        "summits",
        "Thủ tướng sẽ thăm Lào",
        p(1),
    );
    planned.role = Role::Planned;
    let mut history = event("later", day(2024, 6, 10), "summits", "Chuyến thăm", p(20));
    history.role = Role::Background;
    let reported = event(
        "b-day",
        day(2024, 6, 10),
        "summits",
        "Thủ tướng thăm Lào",
        p(10),
    );
    let also = event(
        "a-day",
        day(2024, 6, 10),
        "summits",
        "Thủ tướng tới Viêng Chăn",
        p(10),
    );
    let merged = merge(&[
        (terms(1, 0), vec![history]),
        (terms(1, 1), vec![reported]),
        (terms(1, 2), vec![planned]),
        (terms(1, 3), vec![also]),
    ]);
    assert_eq!(merged.len(), 1);
    assert_eq!(merged[0].role, Role::Reported);
    // Earliest report first, then by id.
    assert_eq!(source_ids(&merged[0]), ["early", "a-day", "b-day", "later"]);
    assert_eq!(merged[0].id, "early");
}

/// `n` points over `days` days and four topics, each article about one of `stories` stories.
fn crowd(n: usize, days: i32, stories: u32, seed: u64) -> (Vec<Point>, Vec<Arc<ArticleTerms>>) {
    let mut rng = Rng(seed);
    let mut points = Vec::with_capacity(n);
    let mut vectors = Vec::with_capacity(n);
    for i in 0..n {
        let start = 738_000 + rng.below(days as usize) as i32;
        points.push(Point {
            article: i as u32,
            start,
            end: start,
            day_like: true,
            topic: Some(rng.below(4) as u16),
        });
        let story = rng.below(stories as usize) as u32;
        vectors.push(Arc::new(terms(story, rng.below(5) as u32)));
    }
    (points, vectors)
}

#[test]
fn a_hundred_thousand_events_need_few_comparisons() {
    let settings = MergeOptions::default().settings();
    // Spread over a year: only events a day apart or less are compared.
    let (points, vectors) = crowd(100_000, 365, 50_000, 1);
    let mut load = |a: u32| Ok(vectors[a as usize].clone());
    let (_, stats) =
        cluster::cluster(&points, &vec![&[][..]; points.len()], &mut load, &settings).unwrap();
    let n = points.len() as u64;
    assert!(
        stats.compared < 300 * n,
        "{} comparisons for {n} events",
        stats.compared
    );
    // All on one day: the index of heaviest terms keeps it far from the 5 * 10^9 pairs.
    let (points, vectors) = crowd(20_000, 1, 5_000, 2);
    let mut load = |a: u32| Ok(vectors[a as usize].clone());
    let (roots, stats) =
        cluster::cluster(&points, &vec![&[][..]; points.len()], &mut load, &settings).unwrap();
    let n = points.len() as u64;
    assert!(
        stats.compared < 100 * n,
        "{} comparisons for {n} events on one day",
        stats.compared
    );
    // Reports of one story on that day and topic still came together.
    let merged = roots
        .iter()
        .enumerate()
        .filter(|&(i, &r)| r as usize != i)
        .count();
    assert!(merged > 1000, "{merged} reports merged");
}

#[test]
fn settings_are_what_the_options_say() {
    let s: Settings = MergeOptions {
        threshold: 0.3,
        tolerance_days: 2,
    }
    .settings();
    assert_eq!((s.threshold, s.tolerance), (0.3, 2));
}

/// Real text: the terms an outlet's article gives, with its one event read from `sentence`.
fn reported(
    weights: &TermWeights,
    id: &str,
    title: &str,
    sentence: &str,
    more: &str,
) -> (ArticleTerms, Vec<Event>) {
    let mut analyzer = weights.analyzer();
    let terms = ArticleTerms::of_text(weights, &mut analyzer, title, [sentence, more])
        .with_sentences(&mut analyzer, [sentence]);
    let e = event(
        id,
        day(2027, 3, 4),
        "cybersecurity",
        sentence,
        ymd(2027, 3, 4),
    );
    (terms, vec![e])
}

#[test]
fn a_report_that_only_describes_the_victim_joins_those_that_name_it() {
    let model = crate::model::TopicModel::builtin().unwrap();
    let w = TermWeights::from_model(&model);
    let detail = "Kẻ tấn công đòi 40 bitcoin để giải mã hệ thống quản lý kho và vận đơn. Hàng \
                  nghìn container bị ùn ứ tại các cảng cạn, chủ hàng phải tìm kho thay thế. Mã \
                  độc tống tiền mã hóa toàn bộ máy chủ kho vận.";
    let articles = vec![
        reported(
            &w,
            "named1",
            "Tân Phú Hưng Logistics bị mã độc tống tiền tấn công",
            "Sáng 4/3, Công ty Tân Phú Hưng Logistics ở Bình Dương cho biết hệ thống kho vận \
             bị mã độc tống tiền tấn công.",
            detail,
        ),
        reported(
            &w,
            "named2",
            "Hệ thống kho vận của Tân Phú Hưng Logistics tê liệt vì mã độc",
            "Ngày 4/3, Tân Phú Hưng Logistics xác nhận toàn bộ máy chủ kho vận bị mã hóa, \
             kẻ tấn công đòi tiền chuộc.",
            detail,
        ),
        reported(
            &w,
            "described",
            "Mã độc tống tiền làm tê liệt một kho vận lớn",
            "Một doanh nghiệp kho vận lớn ở Bình Dương bị mã độc tống tiền tấn công hôm 4/3, \
             hàng nghìn container ùn ứ.",
            detail,
        ),
    ];
    let merged = merge(&articles);
    let groups: Vec<Vec<&str>> = merged.iter().map(source_ids).collect();
    assert_eq!(
        groups,
        [vec!["described", "named1", "named2"]],
        "{merged:#?}"
    );
}

#[test]
fn reports_from_other_angles_join_by_a_rare_name_both_sentences_give() {
    let model = crate::model::TopicModel::builtin().unwrap();
    let w = TermWeights::from_model(&model);
    let attack = reported(
        &w,
        "attack",
        "Chứng khoán Hạc Vân ngừng giao dịch trực tuyến vì mã độc tống tiền",
        "Rạng sáng 4/3, Công ty CP Chứng khoán Hạc Vân cho biết máy chủ giao dịch trực tuyến bị \
         mã độc tống tiền mã hóa dữ liệu.",
        "Khách hàng được hướng dẫn đặt lệnh qua điện thoại với nhân viên môi giới. Hạc Vân đã \
         báo cáo Ủy ban Chứng khoán Nhà nước và mời chuyên gia ứng cứu sự cố. Kẻ tấn công để \
         lại thư đòi tiền chuộc bằng bitcoin. Hạc Vân khẳng định tiền và chứng khoán của nhà \
         đầu tư được lưu ký an toàn.",
    );
    let market = reported(
        &w,
        "market",
        "Cổ phiếu ngành chứng khoán đỏ sàn, nhà đầu tư lo rủi ro công nghệ",
        "Phiên 4/3, cổ phiếu của Hạc Vân giảm kịch sàn ngay sau thông báo sự cố từ công ty.",
        "Quỹ Đồi Thông và Quỹ Bến Nghé bán ròng cổ phiếu ngành chứng khoán; Quỹ Đồi Thông cho \
         biết đã giảm tỷ trọng từ tuần trước. Ông Phan Khải Minh, giám đốc phân tích của Quỹ \
         Bến Nghé, cho rằng Quỹ Đồi Thông và các quỹ ngoại sẽ còn thận trọng. Theo ông Phan \
         Khải Minh, thanh khoản toàn thị trường vượt 25.000 tỷ đồng, khối ngoại bán ròng hơn \
         600 tỷ đồng, tập trung ở nhóm ngân hàng và thép.",
    );
    let other_attack = reported(
        &w,
        "other_attack",
        "Chứng khoán Lam Sơn Bắc bị mã độc tống tiền tấn công",
        "Sáng 4/3, Công ty CP Chứng khoán Lam Sơn Bắc thông báo hệ thống giao dịch trực tuyến \
         bị mã độc tống tiền mã hóa dữ liệu.",
        "Khách hàng được hướng dẫn đặt lệnh qua điện thoại. Lam Sơn Bắc đã báo cáo Ủy ban Chứng \
         khoán Nhà nước. Kẻ tấn công đòi tiền chuộc bằng bitcoin; tiền của nhà đầu tư được lưu \
         ký an toàn.",
    );
    // The two reports of one attack share little but the company's name: alone, their
    // cosine keeps them apart.
    let settings = MergeOptions::default().settings();
    assert!(attack.0.cosine(&market.0) < settings.threshold);
    assert!(attack
        .0
        .has_rare_name(market.0.sentence_names(&market.1[0].text)));
    assert!(market
        .0
        .has_rare_name(attack.0.sentence_names(&attack.1[0].text)));
    // The other company's attack shares the wording, and "CP Chứng" is no name of either.
    assert!(!other_attack
        .0
        .has_rare_name(attack.0.sentence_names(&attack.1[0].text)));
    let merged = merge(&[attack, market, other_attack]);
    let groups: Vec<Vec<&str>> = merged.iter().map(source_ids).collect();
    assert_eq!(
        groups,
        [vec!["attack", "market"], vec!["other_attack"]],
        "{merged:#?}"
    );
}
