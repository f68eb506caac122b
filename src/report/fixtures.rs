//! Events and checks shared by the report's unit tests.

use crate::events::{Event, EventDate, Role, Source, When, Yearless};
use crate::report::Layout;

/// Event `i` (id `a{i}`) with a known year.
pub(crate) fn ev(i: usize, date: EventDate, label: &str, confidence: f64, title: &str) -> Event {
    Event {
        id: format!("a{i}"),
        date: When::Dated(date),
        end: None,
        role: Role::Reported,
        label: label.to_string(),
        confidence,
        headline: title.to_string(),
        source: format!("a{i}.txt"),
        text: title.to_string(),
        sources: vec![Source {
            id: format!("a{i}"),
            title: String::new(),
            published: None,
            url: None,
        }],
    }
}

pub(crate) fn day(y: i32, m: u32, d: u32) -> EventDate {
    EventDate::day(y, m, d).expect("valid test date")
}

pub(crate) fn month(y: i32, m: u32) -> EventDate {
    EventDate::month(y, m).expect("valid test month")
}

/// Eleven events over 2023-2024 in the three lanes, plus one `other` (event 4) and one
/// `sports` (event 9) that are never drawn.
pub(crate) fn small_set() -> Vec<Event> {
    vec![
        ev(
            0,
            day(2023, 3, 14),
            "cybersecurity",
            0.9,
            "Tấn công ransomware vào bệnh viện",
        ),
        ev(
            1,
            day(2023, 9, 10),
            "summits",
            0.95,
            "Tổng thống Mỹ thăm Việt Nam",
        ),
        ev(
            2,
            month(2023, 9),
            "cybersecurity",
            0.7,
            "Lộ lọt dữ liệu khách hàng viễn thông",
        ),
        ev(
            3,
            day(2024, 1, 19),
            "space",
            0.8,
            "Tàu SLIM đáp xuống Mặt Trăng",
        ),
        ev(4, day(2024, 3, 29), "other", 0.99, "Giá vàng tăng kỷ lục"),
        ev(
            5,
            EventDate::year(2023),
            "space",
            0.6,
            "Vệ tinh LOTUSat-1 hoàn thiện",
        ),
        ev(
            6,
            day(2024, 6, 20),
            "summits",
            0.85,
            "Tổng thống Nga thăm Việt Nam",
        ),
        ev(
            7,
            day(2024, 10, 22),
            "summits",
            0.5,
            "Thượng đỉnh BRICS tại Kazan",
        ),
        ev(
            8,
            day(2023, 8, 23),
            "space",
            0.9,
            "Chandrayaan-3 hạ cánh cực Nam Mặt Trăng",
        ),
        ev(9, day(2024, 2, 1), "sports", 0.9, "Một nhãn không có làn"),
        ev(
            10,
            day(2024, 11, 8),
            "cybersecurity",
            0.75,
            "Diễn tập an ninh mạng quốc gia",
        ),
    ]
}

/// Deterministic events over 2022-2024 in all three precisions, a quarter labelled other.
pub(crate) fn many(n: usize, seed: u64) -> Vec<Event> {
    let labels = ["cybersecurity", "summits", "space", "other"];
    let words = [
        "Hội nghị",
        "an ninh mạng",
        "vệ tinh",
        "thượng đỉnh",
        "tấn công",
        "dữ liệu",
        "Mặt Trăng",
        "hợp tác",
        "Việt Nam",
    ];
    let mut s = seed.max(1);
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        s
    };
    (0..n)
        .map(|i| {
            let r = next();
            let y = 2022 + (r % 3) as i32;
            let m = 1 + (r >> 8) as u32 % 12;
            let date = match (r >> 24) % 10 {
                0 => EventDate::year(y),
                1 | 2 => month(y, m),
                _ => day(y, m, 1 + (r >> 16) as u32 % 28),
            };
            let nw = 2 + (r >> 32) as usize % 12;
            let title: Vec<&str> = (0..nw)
                .map(|k| words[(r >> (36 + k * 2)) as usize % words.len()])
                .collect();
            let mut e = ev(
                i,
                date,
                labels[(r >> 40) as usize % 4],
                ((r >> 44) % 1000) as f64 / 1000.0,
                &title.join(" "),
            );
            // Now and then a date without a year, which must be left out.
            if (r >> 52) % 15 == 0 {
                e.date = When::Yearless(Yearless {
                    month: date.month,
                    day: Some(date.day),
                });
            }
            e
        })
        .collect()
}

/// The pixels of a PNG, which must be valid.
pub(crate) fn decode(png: &[u8]) -> image::RgbImage {
    image::load_from_memory_with_format(png, image::ImageFormat::Png)
        .expect("render_png must produce a valid PNG")
        .to_rgb8()
}

fn dist2(a: [u8; 3], b: (u8, u8, u8)) -> i32 {
    let d = |x: u8, y: u8| i32::from(x) - i32::from(y);
    d(a[0], b.0).pow(2) + d(a[1], b.1).pow(2) + d(a[2], b.2).pow(2)
}

/// Whether a pixel within `r` of (x, y) is within distance 12 of `color`.
pub(crate) fn color_near(
    img: &image::RgbImage,
    x: i32,
    y: i32,
    r: i32,
    color: (u8, u8, u8),
) -> bool {
    (-r..=r).any(|dy| {
        (-r..=r).any(|dx| {
            let (px, py) = (x + dx, y + dy);
            px >= 0
                && py >= 0
                && (px as u32) < img.width()
                && (py as u32) < img.height()
                && dist2(img.get_pixel(px as u32, py as u32).0, color) <= 144
        })
    })
}

/// Every label inside the picture and its lane, over the plot, crossed by its own leader
/// only, and overlapping no other label.
pub(crate) fn assert_labels_sound(layout: &Layout) {
    let (w, h) = (layout.width as i32, layout.height as i32);
    for (i, a) in layout.labels.iter().enumerate() {
        assert!(a.w > 0 && a.h > 0, "empty label box {a:?}");
        assert!(
            a.x >= 0 && a.y >= 0 && a.x + a.w <= w && a.y + a.h <= h,
            "label leaves the picture: {a:?}"
        );
        assert!(
            a.x >= layout.plot_left,
            "label over the lane headers: {a:?}"
        );
        let lane = &layout.lanes[a.lane];
        assert!(
            a.y >= lane.top && a.y + a.h <= lane.baseline,
            "label outside its lane: {a:?} {lane:?}"
        );
        assert!(
            a.leader_x >= a.x && a.leader_x <= a.x + a.w,
            "leader misses its label: {a:?}"
        );
        for b in &layout.labels[i + 1..] {
            let overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            assert!(!overlap, "labels overlap: {a:?} and {b:?}");
        }
        // No leader line crosses another label between its marker and its own label.
        for b in layout
            .labels
            .iter()
            .filter(|b| b.lane == a.lane && b.event != a.event)
        {
            let between = b.y >= a.y + a.h;
            let crosses = a.leader_x >= b.x && a.leader_x <= b.x + b.w;
            assert!(!(between && crosses), "leader of {a:?} crosses {b:?}");
        }
    }
}
