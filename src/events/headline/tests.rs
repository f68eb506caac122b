//! Headlines of sentences of every shape, with literal expectations; every sentence was
//! written for these tests.

use super::*;
use crate::text::words::white_space_at;

/// Sentence -> headline, at the default 90 characters. Every sentence here was written for
/// this test.
const CASES: &[(&str, &str)] = &[
    // A leading date clause.
    (
        "Ngày 29/3, Bộ Công an cảnh báo chiêu lừa mới qua ứng dụng nhắn tin.",
        "Bộ Công an cảnh báo chiêu lừa mới qua ứng dụng nhắn tin",
    ),
    (
        "Sáng 4/6, hệ thống bán vé của nhà ga Bến Thành ngừng hoạt động vì mã độc.",
        "Hệ thống bán vé của nhà ga Bến Thành ngừng hoạt động vì mã độc",
    ),
    (
        "Rạng sáng nay, tàu vũ trụ Hằng Nga đã hạ cánh xuống vùng Nội Mông.",
        "Tàu vũ trụ Hằng Nga đã hạ cánh xuống vùng Nội Mông",
    ),
    (
        "Hôm qua (6/6), nền tảng bán hàng Chợ Lớn Online xác nhận bị lộ dữ liệu khách hàng.",
        "Nền tảng bán hàng Chợ Lớn Online xác nhận bị lộ dữ liệu khách hàng",
    ),
    (
        "Chiều cùng ngày 12/9, hai bộ trưởng ký biên bản ghi nhớ về hợp tác vũ trụ.",
        "Hai bộ trưởng ký biên bản ghi nhớ về hợp tác vũ trụ",
    ),
    // Outlet tags before the date.
    (
        "(TTXVN) - Chiều 17/10, Chủ tịch nước tiếp Đại sứ Peru đến chào từ biệt.",
        "Chủ tịch nước tiếp Đại sứ Peru đến chào từ biệt",
    ),
    (
        "VOV.VN - Tối 2/5, Thủ tướng dự lễ khai mạc Tuần văn hóa Việt Nam tại Lào.",
        "Thủ tướng dự lễ khai mạc Tuần văn hóa Việt Nam tại Lào",
    ),
    (
        "TGVN. Ngày 8/8, Thủ tướng Singapore gửi điện mừng Quốc khánh Việt Nam.",
        "Thủ tướng Singapore gửi điện mừng Quốc khánh Việt Nam",
    ),
    (
        "Hà Nội (TTXVN) - Sáng 21/7, Quốc hội bế mạc kỳ họp bất thường.",
        "Quốc hội bế mạc kỳ họp bất thường",
    ),
    // Attributions.
    (
        "Theo hãng tin Yonhap, ngày 18/8, Tổng thống Hàn Quốc đã đến Trại David.",
        "Tổng thống Hàn Quốc đã đến Trại David",
    ),
    (
        "Phóng viên TTXVN tại Tokyo dẫn thông báo của Cơ quan Thăm dò Hàng không Vũ trụ Nhật Bản cho biết tên lửa H3 đã rời bệ phóng lúc 9h22 ngày 17/2.",
        "Tên lửa H3 đã rời bệ phóng",
    ),
    (
        "Theo phóng viên TTXVN tại Bắc Kinh, trưa 12/9, Trung Quốc phóng vệ tinh khí tượng Phong Vân-5.",
        "Trung Quốc phóng vệ tinh khí tượng Phong Vân-5",
    ),
    (
        "Theo Reuters, hôm thứ Hai 3/6, nhóm tin tặc LockHorn nhận đã tấn công chuỗi siêu thị.",
        "Nhóm tin tặc LockHorn nhận đã tấn công chuỗi siêu thị",
    ),
    (
        "Cảng hàng không Cam Ranh tạm dừng làm thủ tục vì sự cố mạng ngày 5/7, theo Reuters.",
        "Cảng hàng không Cam Ranh tạm dừng làm thủ tục vì sự cố mạng",
    ),
    // Connectives and framing.
    (
        "Trước đó, ngày 3/6, công ty phát hiện máy chủ bị truy cập trái phép.",
        "Công ty phát hiện máy chủ bị truy cập trái phép",
    ),
    (
        "Trong khi đó, tối 9/9, Nhật Bản phóng thành công vệ tinh do thám thứ tám.",
        "Nhật Bản phóng thành công vệ tinh do thám thứ tám",
    ),
    (
        "Cùng ngày, Bộ trưởng Ngoại giao hội đàm với người đồng cấp Ấn Độ.",
        "Bộ trưởng Ngoại giao hội đàm với người đồng cấp Ấn Độ",
    ),
    (
        "Kính thưa quý vị, sáng nay, một ngân hàng lớn tại Hà Nội đã bị tấn công từ chối dịch vụ.",
        "Một ngân hàng lớn tại Hà Nội đã bị tấn công từ chối dịch vụ",
    ),
    (
        "Tại Phủ Chủ tịch, chiều 4/6, Chủ tịch nước chủ trì lễ đón Tổng thống Chile.",
        "Chủ tịch nước chủ trì lễ đón Tổng thống Chile",
    ),
    (
        "Chỉ ba ngày trước hội nghị, ngày 11/3, cảnh sát triệt phá một đường dây lừa đảo đầu tư.",
        "Cảnh sát triệt phá một đường dây lừa đảo đầu tư",
    ),
    // The date inside the sentence.
    (
        "Công ty Bảo hiểm Phúc Lộc xác nhận ngày 4/6 rằng dữ liệu của 80.000 khách hàng bị sao chép.",
        "Công ty Bảo hiểm Phúc Lộc xác nhận rằng dữ liệu của 80.000 khách hàng bị sao chép",
    ),
    (
        "Thủ tướng Nhật Bản và Tổng thống Philippines hôm thứ Năm 13/3 đã hội đàm tại Tokyo.",
        "Thủ tướng Nhật Bản và Tổng thống Philippines đã hội đàm tại Tokyo",
    ),
    (
        "Tên lửa Vega cất cánh từ Guiana lúc 20h ngày 10/9 (giờ Hà Nội) mang theo vệ tinh thời tiết.",
        "Tên lửa Vega cất cánh từ Guiana mang theo vệ tinh thời tiết",
    ),
    (
        "Vụ rò rỉ hồ sơ bệnh nhân của phòng khám Ánh Dương hôm qua (17/10) khiến nhiều người lo lắng.",
        "Vụ rò rỉ hồ sơ bệnh nhân của phòng khám Ánh Dương khiến nhiều người lo lắng",
    ),
    (
        "Hai nước sẽ tổ chức diễn đàn doanh nghiệp tại Lima vào tháng 9 năm nay.",
        "Hai nước sẽ tổ chức diễn đàn doanh nghiệp tại Lima",
    ),
    (
        "Hội nghị cấp cao ASEAN sẽ diễn ra tại Vientiane vào tháng 10.2025 với nhiều đối tác.",
        "Hội nghị cấp cao ASEAN sẽ diễn ra tại Vientiane với nhiều đối tác",
    ),
    // Not a date: kept.
    (
        "Cuộc gặp diễn ra hơn nửa năm sau khi hai nước nâng cấp quan hệ vào tháng 11/2023.",
        "Cuộc gặp diễn ra hơn nửa năm sau khi hai nước nâng cấp quan hệ",
    ),
    (
        "Nghị định 13/2023 có hiệu lực từ 1/7/2023 buộc doanh nghiệp báo cáo sự cố dữ liệu.",
        "Nghị định 13/2023 buộc doanh nghiệp báo cáo sự cố dữ liệu",
    ),
    (
        "Hơn 2.000 chuyến bay nội địa trong hai ngày 6 và 7/8 phải đổi giờ vì sự cố hệ thống.",
        "Hơn 2.000 chuyến bay nội địa phải đổi giờ vì sự cố hệ thống",
    ),
    (
        "Lỗ hổng được phát hiện vào khoảng 3 giờ sáng ngày 12/5 trên máy chủ thư điện tử.",
        "Lỗ hổng được phát hiện trên máy chủ thư điện tử",
    ),
    (
        "Việc xây dựng kịch bản bắt đầu từ tháng 6/2023 với sự tham gia của mười nước.",
        "Việc xây dựng kịch bản bắt đầu với sự tham gia của mười nước",
    ),
    (
        "Hai bên dự kiến ký hiệp định khung trong nửa đầu năm 2026.",
        "Hai bên dự kiến ký hiệp định khung",
    ),
    // A duration is no date; a leading one goes with its clause.
    (
        "Tin tặc đã ở trong mạng nội bộ ít nhất hai tuần trước khi mã hóa dữ liệu.",
        "Tin tặc đã ở trong mạng nội bộ ít nhất hai tuần trước khi mã hóa dữ liệu",
    ),
    (
        "Trong khoảng hai tuần tới, kính thiên văn sẽ được hiệu chỉnh gương chính.",
        "Kính thiên văn sẽ được hiệu chỉnh gương chính",
    ),
    (
        "Theo thông báo phát đi chiều 10/4, hệ thống đặt lịch khám đã hoạt động trở lại.",
        "Hệ thống đặt lịch khám đã hoạt động trở lại",
    ),
    (
        "Máy chủ bị xâm nhập từ giữa tháng 3, một kỹ sư tham gia ứng cứu sự cố cho biết.",
        "Máy chủ bị xâm nhập",
    ),
    // Text typed without diacritics.
    (
        "Ngay 4-6, Cong ty CP Van tai Song Han bi tan cong bang ma doc tong tien.",
        "Cong ty CP Van tai Song Han bi tan cong bang ma doc tong tien",
    ),
    (
        "Quoc vuong Brunei den Hue sang 11/9, ket thuc chuyen tham Viet Nam.",
        "Quoc vuong Brunei den Hue, ket thuc chuyen tham Viet Nam",
    ),
    // Long sentences: cut at a clause, never inside a word.
    (
        "Ngày 5/6, vệ tinh nano SaoMai-2 của Trung tâm Vũ trụ Việt Nam được phóng thành công lên quỹ đạo, mở ra giai đoạn thử nghiệm kéo dài sáu tháng.",
        "Vệ tinh nano SaoMai-2 của Trung tâm Vũ trụ Việt Nam được phóng thành công lên quỹ đạo",
    ),
    (
        "Hãng Song Hồng, doanh nghiệp vận tải biển có trụ sở ở Hải Phòng, hôm thứ Ba 4/6 thông báo hệ thống đặt chỗ bị mã hóa bởi phần mềm tống tiền.",
        "Hãng Song Hồng thông báo hệ thống đặt chỗ bị mã hóa bởi phần mềm tống tiền",
    ),
    (
        "Hai bộ trưởng nhất trí đẩy mạnh hợp tác trong các lĩnh vực năng lượng tái tạo hạ tầng số giáo dục đại học và nông nghiệp công nghệ cao từ ngày 2/4.",
        "Hai bộ trưởng nhất trí đẩy mạnh hợp tác trong các lĩnh vực năng lượng tái tạo hạ tầng số…",
    ),
    // A dash inside a name is no clause boundary; validity goes with its date.
    (
        "Tuyên bố chung nêu hai bên sẽ tổ chức Diễn đàn doanh nghiệp Việt Nam - Chile tại Santiago vào tháng 9/2024, đồng thời mở đường bay thẳng.",
        "Tuyên bố chung nêu hai bên sẽ tổ chức Diễn đàn doanh nghiệp Việt Nam - Chile tại Santiago",
    ),
    (
        "Luật Dữ liệu, có hiệu lực từ ngày 1/7/2025, quy định cơ sở dữ liệu tổng hợp quốc gia.",
        "Luật Dữ liệu quy định cơ sở dữ liệu tổng hợp quốc gia",
    ),
    // Quotations are never left open.
    (
        "Ngày 9/9, Giám đốc Sở nói: “Chúng tôi đã cô lập toàn bộ hệ thống điều khiển của nhà máy nước và đang khôi phục từng phần”.",
        "Giám đốc Sở nói: Chúng tôi đã cô lập toàn bộ hệ thống điều khiển của nhà máy nước…",
    ),
    (
        "“Đây là vụ phóng thành công nhất của chúng tôi”, Giám đốc Trung tâm Vũ trụ nói ngày 5/6.",
        "Đây là vụ phóng thành công nhất của chúng tôi",
    ),
    (
        "Ông Lê Minh, Giám đốc nhà máy: “Tháng 5/2025 chúng tôi vừa diễn tập đúng tình huống mất điều khiển, nên ca trực xử lý rất nhanh, không hoảng loạn.”",
        "Ông Lê Minh, Giám đốc nhà máy: chúng tôi vừa diễn tập đúng tình huống mất điều khiển",
    ),
];

#[test]
fn headlines_of_sentences_of_every_shape() {
    let mut wrong = Vec::new();
    for (sentence, expected) in CASES {
        let got = headline(sentence, MAX_HEADLINE_CHARS);
        if got != *expected {
            wrong.push(format!("  {sentence}\n    want {expected}\n    got  {got}"));
        }
        assert!(got.chars().count() <= MAX_HEADLINE_CHARS, "{got}");
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn a_lead_sentence_takes_the_title() {
    let sentence = "Ngày 4/6, Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa.";
    assert_eq!(
        event_headline(
            sentence,
            "Doanh nghiệp kho vận bị tấn công - VnExpress",
            true,
            90
        ),
        "Doanh nghiệp kho vận bị tấn công"
    );
    // Not the lead: the sentence's own headline.
    assert_eq!(
        event_headline(sentence, "Doanh nghiệp kho vận bị tấn công", false, 90),
        "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
    );
    // A question is no headline; what comes before its colon may be.
    assert_eq!(
        event_headline(
            sentence,
            "Dữ liệu khách hàng bị rao bán: phải làm gì?",
            true,
            90
        ),
        "Dữ liệu khách hàng bị rao bán"
    );
    assert_eq!(
        event_headline(sentence, "Hải Vân và tin tặc: ai thắng?", true, 90),
        "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
    );
    assert_eq!(
        event_headline(sentence, "Ai đứng sau vụ tấn công?", true, 90),
        "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
    );
    // A dash before a site's name goes, a dash between names stays.
    assert_eq!(
        event_headline(
            sentence,
            "Điện đàm cấp Thủ tướng Việt Nam - Nhật Bản",
            true,
            90
        ),
        "Điện đàm cấp Thủ tướng Việt Nam - Nhật Bản"
    );
    assert_eq!(
        event_headline(sentence, "Tàu Hằng Nga hạ cánh an toàn | Báo Mới", true, 90),
        "Tàu Hằng Nga hạ cánh an toàn"
    );
    // A rubric before a colon goes.
    assert_eq!(
        event_headline(
            sentence,
            "Thời sự sáng: Ngày làm việc thứ hai của Thủ tướng Lào",
            true,
            90
        ),
        "Ngày làm việc thứ hai của Thủ tướng Lào"
    );
    // Too short to name the happening.
    assert_eq!(
        event_headline(sentence, "Tin nóng", true, 90),
        "Công ty Hải Vân cho biết hệ thống máy chủ bị mã hóa"
    );
}

#[test]
fn nothing_but_a_date_gives_the_sentence() {
    assert_eq!(headline("Hôm qua, 4/6.", 90), "Hôm qua, 4/6");
    assert_eq!(headline("", 90), "");
}

#[test]
fn cuts_never_split_a_word() {
    let sentence = "Các nhà khoa học của viện nghiên cứu đã công bố kết quả đo đạc mới về bức xạ vũ trụ nền trong ngày 3/3";
    for max in [20, 33, 47, 61] {
        let h = headline(sentence, max);
        assert!(h.chars().count() <= max, "{h}");
        let words: Vec<&str> = sentence.split_whitespace().collect();
        for w in h.trim_end_matches('…').split_whitespace() {
            assert!(
                words.contains(&w),
                "{w} is not a whole word of the sentence ({h})"
            );
        }
    }
}

#[test]
fn scores_prefer_titles_whole_clauses_diacritics_and_named_actors() {
    let named = "Hải Vân Logistics tê liệt hệ thống vì mã độc tống tiền";
    assert!(headline_score(named, true) > headline_score(named, false));
    assert!(
        headline_score(named, false)
            > headline_score(
                "Hai Van Logistics te liet he thong vi ma doc tong tien",
                false
            )
    );
    assert!(
        headline_score(named, false)
            > headline_score("Vụ việc được doanh nghiệp xác nhận hôm nay", false)
    );
    assert!(
        headline_score(named, false)
            > headline_score("Hải Vân Logistics tê liệt hệ thống vì mã…", false)
    );
    assert!(headline_score(named, false) > headline_score("Ông đề xuất", false));
}

#[test]
fn tidy_finds_every_pair_it_replaces() {
    for (from, to) in TIDY_PAIRS {
        let text = format!("Ba{from}bốn");
        assert!(holds_tidy_pair(&text), "{from:?}");
        assert!(!tidy(&text).contains(from), "{from:?} -> {to:?}");
    }
    assert!(!holds_tidy_pair("Hà Nội, ngày mai (thứ Hai) họp; xong."));
    assert_eq!(tidy("Hà Nội , ngày ( ) mai ,."), "Hà Nội, ngày mai.");
}

#[test]
fn white_space_is_collapsed_as_split_whitespace_does() {
    // Every character up to U+3000, between words, at either end, and after a space.
    for c in (0..=0x3000u32).filter_map(char::from_u32) {
        for text in [
            format!("ngày{c}mai"),
            format!("{c}ngày"),
            format!("ngày{c}"),
            format!("ngày {c}mai"),
            format!("{c}"),
        ] {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(&text), expected, "{:?}", c);
        }
    }
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        let mut utf8 = [0u8; 4];
        let len = c.encode_utf8(&mut utf8).len();
        let expected = if c.is_whitespace() { len } else { 0 };
        assert_eq!(white_space_at(&utf8[..len], 0), expected, "{:?}", c);
    }
    assert_eq!(
        collapse_whitespace("  Thủ tướng –\u{a0}“Hà Nội”\n … ngày 5/6 "),
        "Thủ tướng – “Hà Nội” … ngày 5/6"
    );
}

#[test]
fn the_folded_start_begins_the_folded_whole() {
    for text in [
        "Phóng viên TTXVN tại Tokyo dẫn thông báo của JAXA cho biết",
        "PHÓNG VIÊN\u{2000}TTXVN tại Tokyo dẫn thông báo của JAXA cho biết tàu đã bay",
        "Nguồn tin cho bie\u{301}t ngày mai tàu sẽ bay vào quỹ đạo của Mặt Trăng xa xôi",
        "ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ ΟΔΟΣ",
        "Theo",
        "",
    ] {
        let whole = fold_diacritics(text).to_lowercase();
        for bytes in [0, 5, 16, 30] {
            let start = folded_start(text, bytes);
            assert!(whole.starts_with(&start), "{text:?} {bytes}: {start:?}");
            assert!(start.len() >= bytes.min(whole.len()), "{text:?} {bytes}");
        }
    }
    // Cut at the first white space from byte 15 on.
    assert_eq!(
        folded_start("Phóng viên TTXVN tại Tokyo", 5),
        "phong vien ttxvn"
    );
}

#[test]
fn a_no_break_space_before_a_validity_phrase_is_no_panic() {
    // Found by the dates fuzz target: the words before "có hiệu lực từ" were cut one byte past
    // a space, inside a two-byte no-break space.
    let sentence = "Quy định mới\u{a0}có hiệu lực từ ngày 1/7/2025 theo nghị định.";
    assert_eq!(headline(sentence, 90), "Quy định mới theo nghị định");
}

/// Texts of awkward shapes for the byte-level helpers: white space of every kind at the ends
/// and doubled, marks before an ellipsis, ellipses alone, and the repository's news.
fn awkward_texts() -> Vec<String> {
    let mut texts: Vec<String> = [
        "",
        " ",
        "…",
        "……",
        "a…",
        "Hoa Ky\u{300}…",
        "e\u{301}…",
        "\u{1100}\u{1161}…",
        "Bộ Công an cảnh báo chiêu lừa…",
        "Bộ Công an  cảnh báo",
        " Bộ Công an",
        "Bộ Công an ",
        "Bộ\tCông an",
        "Bộ\u{a0}Công an",
        "Bộ \u{a0}Công an",
        "Bộ\u{3000}Công",
        "Bộ \u{1680} Công",
        "Hải Vân, doanh nghiệp kho vận ở Đà Nẵng, thông báo",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/heldout.jsonl");
    if let Ok(body) = std::fs::read_to_string(path) {
        for line in body.lines() {
            texts.push(line.to_string());
            let cut: String = line.chars().take(80).collect();
            texts.push(format!("{cut}…"));
        }
    }
    texts
}

#[test]
fn a_headline_folds_as_its_text_does() {
    for text in awkward_texts() {
        assert_eq!(fold_headline(&text), fold_diacritics(&text), "{text:?}");
    }
}
