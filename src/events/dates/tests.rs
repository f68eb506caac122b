//! Every written form with its literal value: what the grammar reads (`Written`), and what the
//! events pipeline makes of it with a publication date (the value events files write).

use chrono::NaiveDate;
use unicode_normalization::UnicodeNormalization;

use super::*;
use crate::events::{values_of, Role};
use crate::text::lexicon;

fn written(s: &str) -> Vec<Written> {
    find_dates(s).into_iter().map(|m| m.written).collect()
}

fn day(day: u32, month: u32, year: YearHint) -> Written {
    Written::Day { day, month, year }
}

fn on(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The values the pipeline gives `text` published on `published`.
fn values(text: &str, published: Option<NaiveDate>) -> Vec<String> {
    values_of(text, published)
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

/// Asserts each `(text, values)` published on `published`.
fn check(published: Option<NaiveDate>, cases: &[(&str, &[&str])]) {
    for (text, expected) in cases {
        assert_eq!(values(text, published), *expected, "{text:?}");
    }
}

#[test]
fn day_and_month_with_a_slash_after_a_cue() {
    check(
        on(2024, 3, 30),
        &[
            ("Ngày 29/3, các nhà ngoại giao họp", &["2024-03-29"]),
            ("hôm 5/3 tại Hà Nội", &["2024-03-05"]),
            ("Sáng 22/3, Estonia", &["2024-03-22"]),
            ("chiều 14/3 và tối 15/3", &["2024-03-14", "2024-03-15"]),
            ("Rạng sáng 20/1 giờ Việt Nam", &["2024-01-20"]),
            (
                "vào các ngày 12/4, 7/8 và 30/11/2023",
                &["2023-04-12", "2023-08-07", "2023-11-30"],
            ),
        ],
    );
}

#[test]
fn day_and_month_with_dots_need_a_cue_or_a_year() {
    check(
        on(2024, 10, 28),
        &[
            ("ngày 27.10, hội thảo", &["2024-10-27"]),
            ("tối 21.9 tại sân", &["2024-09-21"]),
            ("hôm 6.4 đoàn đến", &["2024-04-06"]),
            ("Ngay 19.9, cong an", &["2024-09-19"]),
            ("sẽ khai trương 18.12 tới", &["2024-12-18"]),
            ("ngày 14.5.2024", &["2024-05-14"]),
        ],
    );
    for text in [
        "giá tăng 8.4% so với",
        "lúc 7.10 sáng",
        "từ 1.5 triệu lên 2 triệu",
        "bản cập nhật iOS 17.4",
        "phiên bản 2.1 của phần mềm",
        "tăng 1.2 lần",
    ] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn day_and_month_with_dashes_need_a_cue() {
    check(
        on(2024, 10, 18),
        &[
            ("Sáng 17-10, tại Hà Nội", &["2024-10-17"]),
            ("Ngày 14-4-2009: khởi công", &["2009-04-14"]),
            (
                "Hội nghị Cấp cao ASEAN (ngày 11-11) sẽ diễn ra",
                &["2024-11-11"],
            ),
        ],
    );
    for text in [
        "đội thắng 3-1",
        "tỉ số 2-0 nghiêng về chủ nhà",
        "sau 2-3 ngày",
        "nhóm tuổi 18-24",
    ] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn explicit_dates_beat_relative_ones() {
    check(
        on(2024, 5, 13),
        &[("Sáng nay 12/5, Bộ công bố", &["2024-05-12"])],
    );
    check(
        on(2024, 9, 15),
        &[("sáng nay (14/9), tàu cập cảng", &["2024-09-14"])],
    );
    check(
        on(2024, 4, 26),
        &[("Hôm nay, 25/4, hội chợ khai mạc", &["2024-04-25"])],
    );
    check(
        on(2023, 6, 21),
        &[("hôm qua (20/6), hệ thống gián đoạn", &["2023-06-20"])],
    );
    check(
        on(2023, 9, 13),
        &[("Hom qua (12/9 theo gio My), Apple ra mat", &["2023-09-12"])],
    );
    // A weekday written with its date is valued by the date, and picks its year: 4/10 falls
    // on a Friday in 2024.
    check(
        on(2025, 3, 1),
        &[("thứ Sáu (4/10), trung tâm tạm ngừng", &["2024-10-04"])],
    );
    let m = find_dates("thứ Sáu (4/10), trung tâm");
    assert_eq!(m.len(), 1);
    assert_eq!(m[0].weekday, Some(4));
}

#[test]
fn ranges_have_an_end() {
    check(
        on(2023, 5, 20),
        &[
            ("Hội nghị G7 diễn ra từ 17-19/5", &["2023-05-17/2023-05-19"]),
            ("kỳ nghỉ 30/4-1/5", &["2023-04-30/2023-05-01"]),
            ("từ ngày 21 đến 23/10/2024", &["2024-10-21/2024-10-23"]),
            ("trong hai ngày 6 – 7.11", &["2022-11-06/2022-11-07"]),
            (
                "Từ ngày 10 - 11/11/2018, hội thảo",
                &["2018-11-10/2018-11-11"],
            ),
            ("từ 16-18/8 sẽ có mưa", &["2023-08-16/2023-08-18"]),
            ("hội chợ 4-5/5", &["2023-05-04/2023-05-05"]),
            ("Ngày 6 và 7/5, đoàn làm việc", &["2023-05-06/2023-05-07"]),
            ("vào đêm 21 rạng sáng 22/4", &["2023-04-21/2023-04-22"]),
            ("từ 31/10 đến 1/11/2025", &["2025-10-31/2025-11-01"]),
            (
                "từ ngày 8/2 đến hết ngày 14/2/2024",
                &["2024-02-08/2024-02-14"],
            ),
            ("từ 28-12 đến 1-1", &["2022-12-28/2023-01-01"]),
            ("từ mùng 1 đến mùng 5 tháng 5", &["2023-05-01/2023-05-05"]),
        ],
    );
    // "và" joins next days only.
    assert_eq!(
        written("ngày 6 và 8/4"),
        vec![day(6, 4, YearHint::None), day(8, 4, YearHint::None)]
    );
    // Without a year anywhere, a range keeps its first day only: events have no yearless end.
    check(None, &[("Ngày 6 và 7/4, đoàn làm việc", &["--04-06"])]);
}

#[test]
fn spelled_and_abbreviated_forms() {
    check(
        on(2024, 3, 30),
        &[
            ("từ tháng Tư, bệnh viện", &["2024-04"]),
            ("Tháng Mười Hai vừa rồi", &["2023-12"]),
            ("cuối thg 1 có kết quả", &["2024-01"]),
            ("Sáng mồng 3, đoàn đến", &["2024-03-03"]),
            ("tối mùng 10 hội diễn", &["2024-03-10"]),
            ("Ngày 29 tháng 9, 2011, tôi nhận thư", &["2011-09-29"]),
            ("12 tháng 10 năm 2017", &["2017-10-12"]),
            ("9 Tháng 1 2015 lúc 15:08", &["2015-01-09"]),
            ("Tháng Mười Hai 29, 2013, ông viết", &["2013-12-29"]),
            ("chiều 14/2/23", &["2023-02-14"]),
            ("3/3/17", &["2017-03-03"]),
            ("mồng 3 tháng Tư", &["2024-04-03"]),
            ("tháng Mười năm 1998", &["1998-10"]),
            ("trong tháng 10-11/2023", &["2023-10", "2023-11"]),
            ("Chiều 14 tháng 1, Sở cho biết", &["2024-01-14"]),
            ("ngày đầu tiên của tháng ba", &["2024-03-01"]),
            (
                "Đầu tháng 10, giá tăng. Đến sáng mồng 8, giá giảm",
                &["2023-10", "2023-10-08"],
            ),
        ],
    );
    // "tháng năm" is also "months and years"; "Tháng Chín nào" is every September; "Cách
    // mạng tháng Tám" is a name; "hàng tháng" is monthly.
    for text in [
        "ngày tháng năm sinh",
        "Tháng Chín nào cũng vậy",
        "kỷ niệm Cách mạng tháng Tám",
        "đóng phí hàng tháng 2 lần",
        "trong 6 tháng năm 2023",
    ] {
        assert!(
            !written(text)
                .iter()
                .any(|w| matches!(w, Written::Month { .. } | Written::Day { .. })),
            "{text}: {:?}",
            written(text)
        );
    }
}

#[test]
fn relative_dates_keep_their_number() {
    check(
        on(2024, 3, 30),
        &[
            ("hôm qua", &["2024-03-29"]),
            ("hôm kia", &["2024-03-28"]),
            ("ngày mai", &["2024-03-31"]),
            ("ngày mốt", &["2024-04-01"]),
            ("tối qua", &["2024-03-29"]),
            ("chiều mai", &["2024-03-31"]),
            ("3 ngày trước", &["2024-03-27"]),
            ("Ba ngày trước, tàu rời cảng", &["2024-03-27"]),
            ("cách đây 5 ngày", &["2024-03-25"]),
            ("15 tháng trước", &["2022-12"]),
            ("10 năm trước", &["2014"]),
            ("Hai mươi năm trước", &["2004"]),
            ("năm nay", &["2024"]),
            ("tháng này", &["2024-03"]),
            ("tháng trước", &["2024-02"]),
            ("tháng sau", &["2024-04"]),
            ("năm ngoái", &["2023"]),
            ("Nam ngoai", &["2023"]),
            ("năm tới", &["2025"]),
            ("tháng 8 năm ngoái", &["2023-08"]),
        ],
    );
    // Counted from another date or a duration: no date of their own.
    for text in ["so với tuần trước đó", "3 ngày trước khi khai mạc"] {
        assert_eq!(
            values(text, on(2024, 3, 30)),
            Vec::<String>::new(),
            "{text}"
        );
    }
}

#[test]
fn weeks_are_weeks_not_days() {
    // 2024-03-30 is a Saturday; its week runs Monday 25 to Sunday 31 March.
    check(
        on(2024, 3, 30),
        &[
            ("Trong tuần qua, 312 vụ", &["2024-03-24/2024-03-30"]),
            ("tuần trước", &["2024-03-18/2024-03-24"]),
            ("tuần này", &["2024-03-25/2024-03-31"]),
            (
                "Tuần tới, ngành y tế sẽ phun thuốc",
                &["2024-04-01/2024-04-07"],
            ),
        ],
    );
    // Counted, a window of days (see `windows_next_to_publication`).
    assert_eq!(
        values("3 tuần qua", on(2024, 3, 30)),
        ["2024-03-09/2024-03-29"]
    );
}

#[test]
fn windows_next_to_publication() {
    // 2017-02-02: past windows end the day, month or year before; future ones start the next.
    check(
        on(2017, 2, 2),
        &[
            ("2 ngày vừa qua", &["2017-01-31/2017-02-01"]),
            ("2 ngày vừa rồi", &["2017-01-31/2017-02-01"]),
            ("Trong 3 ngày tới, trời rét đậm", &["2017-02-03/2017-02-05"]),
            ("3 ngày tiếp theo", &["2017-02-03/2017-02-05"]),
            ("trong 2 tuần qua, 300 ca mắc", &["2017-01-19/2017-02-01"]),
            ("2 tháng qua", &["2016-12/2017-01"]),
            ("giá tăng trong 2 tháng vừa qua.", &["2016-12/2017-01"]),
            ("3 tháng tới", &["2017-03/2017-05"]),
            ("ba tháng tiếp theo", &["2017-03/2017-05"]),
            ("2 năm vừa rồi", &["2015/2016"]),
            ("3 năm tới", &["2018/2020"]),
            ("nhu cầu trong 5 năm tới là vài trăm kỹ sư", &["2018/2022"]),
            ("trong suốt 10 năm qua", &["2007/2016"]),
            ("trong khoảng 30 năm qua, bờ biển", &["1987/2016"]),
            ("cao nhất trong hai năm trở lại đây", &["2015/2016"]),
            ("trong 5 năm gần đây", &["2012/2016"]),
            ("Trong 1 năm qua, công ty mở 3 chi nhánh", &["2016"]),
            ("trong 3 ngay toi, troi ret", &["2017-02-03/2017-02-05"]),
        ],
    );
    // Durations without a direction, "tới" and "qua" as "to" and "through", counts that end
    // another count, windows from another date, and no publication date: no date.
    for text in [
        "Hội nghị diễn ra trong 2 ngày.",
        "Đợt rét kéo dài 3 tháng.",
        "Sau 2 tuần 3 ngày điều trị, bệnh nhân xuất viện.",
        "Doanh thu tăng 3 năm liền.",
        "hành trình khoảng sáu năm tới tiểu hành tinh 16 Psyche",
        "hành trình 3-4 ngày qua Quản Bạ, Yên Minh",
        "chuyến lưu diễn kéo dài 45 ngày qua 12 thành phố",
        "Trong 3 ngày tiếp theo đó, ông ở lại",
    ] {
        assert_eq!(values(text, on(2017, 2, 2)), Vec::<String>::new(), "{text}");
    }
    assert_eq!(values("trong 3 ngày tới", None), Vec::<String>::new());
    assert_eq!(
        written("trong 3 ngày tới"),
        vec![Written::Window {
            unit: Unit::Day,
            count: 3,
            ahead: true
        }]
    );
}

#[test]
fn windows_take_their_roles() {
    let roles = |text: &str| -> Vec<Role> {
        values_of(text, on(2017, 2, 2))
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    };
    assert_eq!(roles("Trong 3 ngày tới, trời rét"), vec![Role::Planned]);
    assert_eq!(roles("Trong 2 tuần qua, 300 ca mắc"), vec![Role::Reported]);
    // Reaching 30 days or more back, a window sums up a period: background.
    assert_eq!(roles("Trong 2 tháng qua, giá tăng"), vec![Role::Background]);
    assert_eq!(
        roles("Trong 10 năm qua, doanh nghiệp"),
        vec![Role::Background]
    );
}

#[test]
fn first_and_last_weeks_of_a_month() {
    // 1 September 2017 is a Friday: the first whole week runs from Monday 4.
    check(
        on(2017, 2, 2),
        &[
            (
                "tuần đầu tiên của tháng 9 năm 2017",
                &["2017-09-04/2017-09-10"],
            ),
            ("tuần cuối tháng 1 vừa qua", &["2017-01-23/2017-01-29"]),
            (
                "Tuần cuối cùng của tháng 9/2014",
                &["2014-09-22/2014-09-28"],
            ),
            (
                "trong tuần đầu tháng 1, giá tăng",
                &["2017-01-02/2017-01-08"],
            ),
        ],
    );
}

#[test]
fn holidays_on_fixed_days() {
    check(
        on(2017, 2, 2),
        &[
            // Yearless: by nearness and tense, as any day without its year.
            ("giáng sinh", &["2016-12-25"]),
            ("ngày giáng sinh", &["2016-12-25"]),
            ("Đêm Giáng sinh, phố đi bộ chật kín", &["2016-12-24"]),
            ("Lễ Giáng sinh năm nay, nhà thờ", &["2017-12-25"]),
            ("Vào ngày Valentine, giá hoa tăng", &["2017-02-14"]),
            ("Dịp Quốc khánh 2/9, nhiều người về quê", &["2016-09-02"]),
            ("Ngày Quốc tế Phụ nữ 8/3, công ty tặng hoa", &["2017-03-08"]),
            ("Tết Dương lịch 2017, người lao động", &["2017-01-01"]),
            (
                "vào ngày Quốc tế Lao động, công nhân sẽ được thưởng",
                &["2017-05-01"],
            ),
            ("Kỷ niệm Quốc khánh 2/9/1945", &["1945-09-02"]),
            ("dip Noel, pho dong nguoi", &["2016-12-25"]),
        ],
    );
    for text in [
        "Ông già Noel phát quà cho trẻ em.",
        "Cây thông Giáng sinh được dựng ở quảng trường.",
        "Nhân dịp Quốc khánh Pháp, Đại sứ quán tổ chức tiệc.",
        "Hội Liên hiệp Phụ nữ Việt Nam tổ chức hội thảo.",
        "Giáng sinh đến gần, các cửa hàng",
        // The break around a holiday is a period the text does not bound.
        "trong 3 ngày nghỉ Tết Dương lịch, 82 vụ tai nạn",
        "kỳ nghỉ lễ Quốc khánh kéo dài 4 ngày",
    ] {
        assert_eq!(values(text, on(2017, 2, 2)), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn weekdays_with_their_week() {
    check(
        on(2024, 3, 30),
        &[
            ("thứ Tư tuần tới", &["2024-04-03"]),
            ("Thứ 5 tuần qua, cao tốc", &["2024-03-21"]),
            ("hôm thứ Hai, Tổng thống", &["2024-03-25"]),
            ("Chủ nhật vừa qua, đội bóng thua", &["2024-03-24"]),
            ("thứ Sáu tới", &["2024-04-05"]),
            ("sáng thứ Năm tuần này", &["2024-03-28"]),
            ("tối thứ Bảy tuần trước", &["2024-03-23"]),
            ("thu Bay tuan qua, hon 20.000 nguoi", &["2024-03-23"]),
            ("hom thu Ba, co quan an ninh", &["2024-03-26"]),
            ("Ông dự kiến hội đàm vào Chủ nhật.", &["2024-03-31"]),
        ],
    );
    for text in [
        "lần thứ hai trong năm",
        "vòng thứ 3 của giải",
        "Thứ hai, cần phải nói rõ",
        "ngày thứ hai của hội nghị",
        "quý thứ ba",
    ] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn following_days_count_from_the_date_before() {
    check(
        on(2024, 3, 30),
        &[
            (
                "Tối 23-3, lốc xoáy. Sáng hôm sau, chính quyền huy động",
                &["2024-03-23", "2024-03-24"],
            ),
            (
                "Ngày 24 tháng 3 nhập viện và tử vong ba ngày sau đó",
                &["2024-03-24", "2024-03-27"],
            ),
            (
                "Ngày 12-3, chị nhận cuộc gọi.\nHai ngày sau, tiền bị chuyển đi.",
                &["2024-03-12", "2024-03-14"],
            ),
            (
                "Ngày 20/3 khai mạc, 3 ngày trước đó tập dượt",
                &["2024-03-20", "2024-03-17"],
            ),
        ],
    );
    check(
        None,
        &[(
            "Ngày 5/6, tàu mất liên lạc. Hai ngày sau, tìm thấy",
            &["--06-05", "--06-07"],
        )],
    );
    // Nothing before it: no date.
    check(on(2024, 3, 30), &[("Ngày hôm sau, ông trở lại", &[])]);
}

#[test]
fn time_phrases_do_not_disturb_the_date() {
    check(
        on(2024, 4, 24),
        &[("lúc 4:00 chiều ngày 23/4", &["2024-04-23"])],
    );
    check(
        on(2024, 9, 10),
        &[("10h ngày 9/9 (giờ Mỹ)", &["2024-09-09"])],
    );
    check(on(2024, 2, 24), &[("lúc 18h23 ngày 22/2", &["2024-02-22"])]);
    check(on(2024, 12, 31), &[("1h sáng ngày mai", &["2025-01-01"])]);
    for text in ["lúc 6 giờ 53 phút", "khoảng 22h30", "2h sáng"] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn years_by_nearness_and_tense() {
    // A launch "vào ngày 12/9" published on 28/8 is the coming 12/9.
    check(
        on(2024, 8, 28),
        &[("Hãng sẽ ra mắt điện thoại vào ngày 12/9", &["2024-09-12"])],
    );
    check(
        on(2024, 8, 28),
        &[("Hãng ra mắt điện thoại vào ngày 12/9", &["2024-09-12"])],
    );
    // A storm forecast published on 6/9 is this week.
    check(
        on(2024, 9, 6),
        &[(
            "Từ ngày 7-8/9, Bắc Bộ có mưa to",
            &["2024-09-07/2024-09-08"],
        )],
    );
    // Across the new year, both ways.
    check(
        on(2024, 1, 9),
        &[("Ngày 28/12, vụ tấn công", &["2023-12-28"])],
    );
    check(
        on(2024, 12, 20),
        &[("Hội nghị dự kiến khai mạc ngày 5/1", &["2025-01-05"])],
    );
    // A clause that says it is past keeps the date before publication.
    check(
        on(2024, 3, 8),
        &[("đã tăng lương từ ngày 1.7", &["2023-07-01"])],
    );
    check(
        on(2024, 3, 8),
        &[("đề xuất tăng lương từ ngày 1.7", &["2024-07-01"])],
    );
    // An explicit year nearby governs.
    check(
        on(2024, 11, 23),
        &[(
            "Sáng ngày 22/5/2020 và ngày 23/5, hội nghị",
            &["2020-05-22", "2020-05-23"],
        )],
    );
}

#[test]
fn years_of_other_things_never_date_a_day() {
    // "sinh năm 1957" is no year of the news, and no date at all.
    check(
        on(2024, 5, 10),
        &[(
            "Ngày 9/5, công an nhận trình báo của ông T. (sinh năm 1957)",
            &["2024-05-09"],
        )],
    );
    check(
        None,
        &[(
            "Ngày 9/5, công an nhận trình báo của ông T. (sinh năm 1957)",
            &["--05-09"],
        )],
    );
    // A bare year does not govern a day; without a publication date it stays yearless.
    check(
        None,
        &[(
            "Ngày 29/3, hội nghị khai mạc, lần đầu kể từ năm 2000",
            &["--03-29", "2000"],
        )],
    );
    for text in [
        "học sinh khóa 2019",
        "người dùng phiên bản 2023",
        "mẫu xe 2024",
        "World Cup 2026",
        "mùa giải 2024",
        "Đại hội thường niên năm 2025",
        "năm học 2024-2025",
    ] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn comparisons_targets_horizons_spans_and_durations_are_no_dates() {
    for text in [
        "tăng 20% so với năm 2023",
        "tăng 11% so với cùng kỳ năm 2023",
        "giảm so với tháng 6",
        "giảm 7,4% so với tuần trước đó",
        "mục tiêu đến năm 2030",
        "tầm nhìn năm 2045",
        "mục tiêu phục hồi hoàn toàn vào năm 2025",
        "cam kết đưa phát thải ròng về 0 vào năm 2050",
        "giai đoạn 2021-2025",
        "trong giai đoạn (2013-2023)",
        "kéo dài trong 2 ngày",
        "bệnh nhân 68 tuổi",
        "bảo hành 24 tháng",
    ] {
        assert_eq!(values(text, on(2024, 6, 1)), Vec::<String>::new(), "{text}");
    }
    // A bare year long after publication is a horizon.
    assert_eq!(
        values("nâng lên 7% GDP vào năm 2035", on(2024, 6, 1)),
        Vec::<String>::new()
    );
}

#[test]
fn roles_by_publication_and_clause() {
    let roles = |text: &str, published| -> Vec<Role> {
        values_of(text, published)
            .into_iter()
            .map(|(_, r)| r)
            .collect()
    };
    let p = on(2024, 3, 30);
    assert_eq!(
        roles("Ngày 29/3, hội nghị khai mạc", p),
        vec![Role::Reported]
    );
    assert_eq!(
        roles("Hội nghị sẽ diễn ra ngày 5/4", p),
        vec![Role::Planned]
    );
    assert_eq!(
        roles("Ngày 1/1, luật có hiệu lực", p),
        vec![Role::Background]
    );
    assert_eq!(roles("thành lập năm 1995", p), vec![Role::Background]);
    assert_eq!(
        roles("Tuần này, các nhà mạng bắt đầu", p),
        vec![Role::Reported]
    );
    assert_eq!(
        roles("tuần này sẽ thử nghiệm động cơ", p),
        vec![Role::Planned]
    );
    assert_eq!(
        roles("chỉ áp dụng đến hết tháng này", p),
        vec![Role::Planned]
    );
    assert_eq!(
        roles("Sáng mồng 2/9, lễ diễu binh sẽ diễn ra", None),
        vec![Role::Planned]
    );
    assert_eq!(
        roles(
            "Ngày 2/9/1945, Bác đọc bản Tuyên ngôn; ngày 5/5/2024 lễ",
            None
        ),
        vec![Role::Background, Role::Reported]
    );
}

#[test]
fn text_without_diacritics() {
    assert_eq!(
        written("Ngay 29/3, cac nha ngoai giao"),
        vec![day(29, 3, YearHint::None)]
    );
    assert_eq!(
        written("thanh lap thang 12/2023"),
        vec![Written::Month {
            month: 12,
            year: YearHint::Explicit(2023),
            past: false,
            ahead: false
        }]
    );
    assert_eq!(written("hom qua"), vec![Written::RelativeDays(-1)]);
    assert_eq!(written("nam 2020"), vec![Written::Year(2020)]);
    assert_eq!(written("Viet Nam 2023"), vec![]);
    assert_eq!(written("thang sau"), vec![Written::RelativeMonths(1)]);
    assert_eq!(
        written("tu thang Tu"),
        vec![Written::Month {
            month: 4,
            year: YearHint::None,
            past: false,
            ahead: false
        }]
    );
}

#[test]
fn false_friends_are_not_dates() {
    for text in [
        "lúc 6 giờ 53 phút",
        "giá 1.500 đồng, tăng 44,8%",
        "khoảng 2/3 số đơn hàng",
        "từ 2/3 số người",
        "giám sát 24/7",
        "Nghị định 13/2023/NĐ-CP",
        "Thông tư 09/2020 của Bộ",
        "Văn bản số 2345/BTTTT-CATTT",
        "tỷ lệ 3/4 cử tri",
        "Việt Nam 2023",
        "mã CVE-2023-3519",
        "gọi 1900 6868",
    ] {
        assert_eq!(written(text), vec![], "{text}");
    }
}

#[test]
fn mentions_index_the_callers_sentence() {
    // "İ" lower-cases to two characters and NFD spells "ngày" with more bytes than NFC: the
    // matching form's offsets differ from the sentence's, the mention's must not.
    let nfd: String = "Hôm qua, ngày 29/3/2024".nfd().collect();
    for sentence in ["İİİ ngày 29/3/2024", "ĐẠI HỘI ngày 29/3/2024", nfd.as_str()] {
        let found = find_dates(sentence);
        let m = found.last().expect("a date");
        assert_eq!(&sentence[m.start..m.end], "29/3/2024", "{sentence}");
    }
    let m = find_dates(&nfd);
    assert_eq!(
        &nfd[m[0].start..m[0].end],
        "Hôm qua".nfd().collect::<String>()
    );
}

#[test]
fn forms_are_named_as_the_gold_files_name_them() {
    let form = |s: &str| find_dates(s).first().map(|m| m.form.name());
    assert_eq!(form("ngày 29/3"), Some("dm_slash"));
    assert_eq!(form("ngày 27.10"), Some("dm_dot"));
    assert_eq!(form("sáng 17-10"), Some("dm_dash"));
    assert_eq!(form("29/3/2024"), Some("dmy"));
    assert_eq!(form("12 tháng 10 năm 2017"), Some("spelled"));
    assert_eq!(form("tháng Tư"), Some("month_name"));
    assert_eq!(form("mồng 3 tháng 4"), Some("mong"));
    assert_eq!(form("tháng 12/2023"), Some("month_year"));
    assert_eq!(form("tháng 12"), Some("month"));
    assert_eq!(form("năm 2020"), Some("year"));
    assert_eq!(form("17-19/5"), Some("range"));
    assert_eq!(form("hôm qua"), Some("relative_day"));
    assert_eq!(form("tháng trước"), Some("relative_month"));
    assert_eq!(form("năm ngoái"), Some("relative_year"));
    assert_eq!(form("thứ Tư tuần tới"), Some("weekday"));
    assert_eq!(form("tuần qua"), Some("week"));
    assert_eq!(form("ngày hôm sau"), Some("following"));
    assert_eq!(form("3 ngày tới"), Some("window"));
    assert_eq!(form("ngày Quốc khánh"), Some("holiday"));
    assert_eq!(form("tuần đầu tiên của tháng 9"), Some("week"));
}

/// The definition the page's dateline stands in for: among the first six lines, the first
/// short line that looks like a dateline and holds a date with its year (a range gives its
/// first day), read by [`find_dates`].
fn reference_dateline(text: &str) -> Option<(NaiveDate, usize)> {
    for (i, line) in text.lines().enumerate().take(6) {
        let line = line.trim();
        if line.is_empty() || line.chars().count() > 80 {
            continue;
        }
        let folded = crate::text::fold_diacritics(&MatchingForm::new(line).text);
        let looks_like_dateline = lexicon::DATELINE_HINTS.iter().any(|h| folded.contains(h))
            || folded.contains(':')
            || folded
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
        if !looks_like_dateline {
            continue;
        }
        for m in find_dates(line) {
            let first = match m.written {
                Written::Day {
                    day,
                    month,
                    year: YearHint::Explicit(y),
                } => Some((y, month, day)),
                Written::Range { start, end } => match (start.year, end.year) {
                    (YearHint::Explicit(y), _) | (YearHint::None, YearHint::Explicit(y))
                        if start.month == end.month =>
                    {
                        Some((y, start.month, start.day))
                    }
                    _ => None,
                },
                _ => None,
            };
            if let Some(d) = first.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)) {
                return Some((d, i + 1));
            }
        }
    }
    None
}

#[test]
fn the_page_reads_a_dateline_as_the_grammar_does() {
    let mut texts: Vec<String> = [
        "Thứ Bảy, 30/03/2024 - 08:15\nNội dung.",
        "07/10/2023 06:20 GMT+7",
        "Cập nhật: ngày 5 tháng 3 năm 2024 lúc 9:00",
        "Cập nhật: ngày 5 tháng 3, 12/4/2024",
        "Thứ Hai, 6 - 7/10/2024",
        "Thứ Hai, số 30/03/2024, 1/4/2024",
        "Chủ nhật, 30/2/2024 và 1/3/2024",
        "thu hai, ngay 5 thang 3 nam 2024",
        "Đăng lúc 20/11/2023 ngày 21/11/2023",
        "Thứ Ba, 29/3/20٢٤",
        "ngày 29 tháng 2 năm 2023: 1/3/2023",
        "Thứ Tư, 07/01/15 | 22:34",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for dir in ["tests/data/heldout.jsonl", "training/corpus", "examples"] {
        let (articles, _) = crate::corpus::read_all(&[root.join(dir)], Default::default())
            .expect("the repository's articles");
        texts.extend(articles.into_iter().map(|a| a.text));
    }
    for entry in std::fs::read_dir(root.join("tests/fixtures/pages")).expect("fixtures") {
        let path = entry.expect("a fixture").path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(path).expect("a fixture page"));
        }
    }
    let mut found = 0;
    for text in &texts {
        let article = crate::corpus::Article {
            id: "a".into(),
            title: String::new(),
            published: None,
            url: None,
            site_name: None,
            text: text.clone(),
            label: None,
            also: None,
            source: crate::Location::file("a.txt"),
        };
        let page = crate::page::Page::new(&article).dateline();
        let page = page.map(|d| (d.date, d.line));
        assert_eq!(page, reference_dateline(text), "{text:.200}");
        found += usize::from(page.is_some());
    }
    assert!(found >= 15, "only {found} datelines");
}

#[test]
fn ahead_and_past_cues_in_the_clause() {
    let m = find_dates("Hội nghị dự kiến diễn ra ngày 20/11 tại Lima");
    assert!(m[0].ahead);
    let m = find_dates("Ngày 27/3, các nguồn tin cho biết hai nhà lãnh đạo sẽ gặp nhau");
    assert!(
        m[0].ahead,
        "a clause of only the date takes the tense of the next one"
    );
    let m = find_dates("Ngày 27/3, hai nhà lãnh đạo đã gặp nhau, và sẽ gặp lại");
    assert!(m[0].past && !m[0].ahead);
    let m = find_dates("Con tàu được phóng hôm 14/7 từ Ấn Độ");
    assert!(m[0].past);
    let m = find_dates("Diễn đàn được tổ chức lần đầu năm 2002");
    assert!(m[0].background);
}

#[test]
fn a_date_written_as_gone_by_is_never_ahead() {
    // The clause after the date looks ahead (a proposal to hold a meeting), the date does not.
    for text in [
        "Trước đó, tháng 5 vừa qua, Tổng thống đã đề xuất tổ chức hội nghị thượng đỉnh ba bên.",
        "Hôm qua, bộ cho biết sẽ tổ chức diễn tập vào cuối năm.",
        "Tuần trước, hai bên nhất trí sẽ ký thỏa thuận.",
        "Năm ngoái, công ty công bố kế hoạch sẽ phóng vệ tinh.",
        "Thứ Hai tuần trước, Thủ tướng cho biết sẽ thăm Nhật Bản.",
    ] {
        let m = find_dates(text);
        assert!(!m.is_empty(), "{text}");
        assert!(!m[0].ahead, "{text}: {:?}", m[0]);
    }
    // Forms that look ahead or say nothing keep the clause's tense.
    let m = find_dates("Tháng 11 tới, hai nước sẽ tổ chức hội nghị.");
    assert!(m[0].ahead);
    let m = find_dates("Ngày 27/3, các nguồn tin cho biết hai nhà lãnh đạo sẽ gặp nhau");
    assert!(m[0].ahead);
}

#[test]
fn the_prefilter_never_drops_a_date() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts: Vec<String> = Vec::new();
    for dir in [
        "tests/data/dates/dev.jsonl",
        "tests/data/heldout.jsonl",
        "training/corpus",
        "examples",
    ] {
        let (articles, _) = crate::corpus::read_all(&[root.join(dir)], Default::default())
            .expect("the repository's articles");
        texts.extend(articles.into_iter().map(|a| a.text));
    }
    let mut sentences_with_dates = 0;
    let mut skipped = 0;
    for text in &texts {
        for paragraph in text.lines() {
            for s in crate::events::sentences(paragraph) {
                let all = read_dates(s, Holds::everything());
                sentences_with_dates += usize::from(!all.is_empty());
                skipped += usize::from(!grammar::prefilter(s).any());
                assert_eq!(find_dates(s), all, "{s}");
            }
        }
    }
    assert!(sentences_with_dates > 300, "{sentences_with_dates}");
    assert!(skipped > 1000, "the prefilter skips too little: {skipped}");
}

/// The clause bounds read on bytes are those of the character-by-character reading they
/// replaced, at every character boundary of sentences with every mark.
#[test]
fn clause_bounds_read_on_bytes_are_those_read_on_characters() {
    fn mark(text: &str, i: usize, c: char) -> bool {
        match c {
            ';' | ':' | '(' | ')' | '–' => true,
            '.' | ',' => !text[i + 1..].starts_with(|d: char| d.is_ascii_digit()),
            _ => false,
        }
    }
    fn start(text: &str, at: usize) -> usize {
        let from = text[..at]
            .char_indices()
            .rev()
            .find(|&(i, c)| mark(text, i, c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        at - text[from..at].trim_start().len()
    }
    fn end(text: &str, at: usize) -> usize {
        text[at..]
            .char_indices()
            .find(|&(i, c)| mark(text, at + i, c) && c != '(')
            .map_or(text.len(), |(i, _)| at + i)
    }
    for text in [
        "",
        "Sáng 14/5, Công ty (Nghệ An) bị tấn công; phiên bản 2.1 – 2,5 triệu: xong.",
        "Trước đó, vào ngày 21/3 – “lần phóng” — thứ hai… (tạm hoãn) ,",
        "a.b,1.2,x–y—z‒w:(",
        "–",
        "ngày 5.",
        "  ,  ngày 5/6  ;  ",
    ] {
        for (at, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(clause_start(text, at), start(text, at), "{text:?} {at}");
            assert_eq!(clause_end(text, at), end(text, at), "{text:?} {at}");
        }
    }
}

#[test]
fn combining_marks_are_found_by_their_lead_bytes() {
    // Every scalar value alone, and between letters.
    for c in (0..=0x10FFFF).filter_map(char::from_u32) {
        let expected = ('\u{300}'..='\u{36f}').contains(&c);
        assert_eq!(has_combining_diacritic(&c.to_string()), expected, "{c:?}");
        assert_eq!(
            has_combining_diacritic(&format!("ngay{c}a")),
            expected,
            "{c:?}"
        );
    }
    assert!(has_combining_diacritic("nga\u{300}y 5/6"));
    assert!(!has_combining_diacritic("ngày 5/6"));
}

/// The hand-written scan sets the flags the `RegexSet` it replaced sets: on every sentence
/// and paragraph of the repository's texts (and of the JSON-lines file named by
/// `NEWSLINE_PREFILTER_TEXTS`, when set), and on every word of the patterns glued to, or
/// spaced from, every other, with each kind of white space, digits and separators.
#[test]
fn the_prefilter_scan_sets_the_flags_of_the_regex_set() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![
        root.join("tests/data"),
        root.join("training/corpus"),
        root.join("examples"),
    ];
    if let Some(extra) = std::env::var_os("NEWSLINE_PREFILTER_TEXTS").filter(|v| !v.is_empty()) {
        paths.push(extra.into());
    }
    let mut checked = 0usize;
    for path in paths {
        let (articles, _) = crate::corpus::read_all(&[path], Default::default())
            .expect("the repository's articles");
        for a in articles {
            for paragraph in a.text.lines().chain([a.title.as_str()]) {
                assert_eq!(
                    grammar::prefilter(paragraph),
                    grammar::prefilter_regex(paragraph),
                    "{paragraph}"
                );
                for s in crate::events::sentences(paragraph) {
                    assert_eq!(grammar::prefilter(s), grammar::prefilter_regex(s), "{s}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000, "{checked}");
    // Words of the patterns, in their written forms, and pieces around them.
    let mut words: Vec<String> = Vec::new();
    for list in [
        &[
            "tháng", "năm", "ngày", "tuần", "mồng", "mùng", "hôm", "bữa", "thứ", "cách", "sau",
        ][..],
        &[
            "qua", "kia", "nay", "mai", "mốt", "trước", "này", "tới", "vừa", "kế", "ngoái",
        ],
        &[
            "tiếp",
            "đây",
            "đó",
            "về",
            "chủ nhật",
            "hôm qua",
            "vừa qua",
            "trở lại đây",
        ],
        &[
            "rạng sáng",
            "sáng",
            "tối",
            "Tư",
            "giêng",
            "mười một",
            "quốc khánh",
            "noel",
        ],
        &[
            "tết dương lịch",
            "valentine",
            "giáng sinh",
            "thg",
            "thg.",
            "tHG",
            "ThG",
            "2",
            "12",
        ],
    ] {
        for w in list {
            let plain = crate::text::fold_diacritics(w);
            for v in [w.to_string(), plain] {
                let mut c = v.chars();
                let capital: String = c
                    .next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default();
                let odd: String = v
                    .chars()
                    .enumerate()
                    .map(|(i, ch)| {
                        if i % 2 == 1 {
                            ch.to_uppercase().next().unwrap_or(ch)
                        } else {
                            ch
                        }
                    })
                    .collect();
                for x in [v.to_uppercase(), capital, odd, v] {
                    if !words.contains(&x) {
                        words.push(x);
                    }
                }
            }
        }
    }
    let gaps = [" ", "\u{a0}", "\t\u{3000}", "", "x"];
    let edges = ["", "x", "ạ"];
    for a in &words {
        for b in &words {
            for gap in gaps {
                for edge in edges {
                    for text in [
                        format!("{edge}{a}{gap}{b}{edge}"),
                        format!("{a}{gap}{b}{gap}{a}"),
                        format!("{edge} {a}{gap}về {b}"),
                    ] {
                        assert_eq!(
                            grammar::prefilter(&text),
                            grammar::prefilter_regex(&text),
                            "{text:?}"
                        );
                    }
                }
            }
        }
    }
    for text in [
        "1/2",
        "1 / 2",
        "1\u{a0}.\u{2003}2",
        "1 -x 2",
        "1-",
        "-2",
        "a1 . b2",
        "1..2",
        "1 /\t/ 2",
        "19\u{1680}-\u{1680}5",
        "5\u{85}/\u{85}6",
        "7 ./8",
        "“tháng\u{2003}5” – ngày\u{2009}mai…",
        "«năm\u{202F}2020» “hôm qua”",
        "thứ\u{205F}Hai –",
        "tuần\u{2028}tới …",
        "Tết\u{3000}Dương lịch “Noel”",
        "ngày\u{1680}mai ạ\u{1681}",
    ] {
        assert_eq!(
            grammar::prefilter(text),
            grammar::prefilter_regex(text),
            "{text:?}"
        );
    }
}
