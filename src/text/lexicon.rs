//! The Vietnamese word lists of the page and events stages, in one place.
//!
//! Each list says where it is used and in which form its words are written: *folded* lists
//! are lower-case without diacritics (compared with text passed through
//! [`crate::text::fold_diacritics`] or [`crate::text::normalize`] with folding), *accented*
//! lists are lower-case NFC with diacritics, and *plain* lists are the same words typed without
//! diacritics. The date grammar matches accented text with accented words only ("năm", not
//! "nam", which is also "Nam" as in Việt Nam) and plain text with plain words only.
//!
//! Lists that become regex alternations keep their order: an alternation takes the first
//! alternative that matches, so "sắp tới" must stay before "sắp". The lists of the timeline
//! report (month names, lane titles) stay with the report.

// ---------------------------------------------------------------------------------------------
// Page: boilerplate around the article body.

/// Section headings of Vietnamese news portals (folded): a short line that is one of these
/// opens a zone of related news, trending lists or footer.
pub const SECTION_MARKERS: &[&str] = &[
    "tin lien quan",
    "bai lien quan",
    "tin cung chuyen muc",
    "tin cung chu de",
    "bai viet cung chu de",
    "cung chuyen muc",
    "tin khac",
    "cac tin khac",
    "tin moi",
    "tin moi nhat",
    "moi nhat",
    "tin dang nong",
    "tin nong",
    "tin noi bat",
    "noi bat",
    "tieu diem",
    "xem nhieu",
    "doc nhieu",
    "duoc quan tam",
    "quan tam nhieu",
    "doc them",
    "xem them",
    "co the ban quan tam",
    "co the ban muon xem",
    "ban co the quan tam",
    "tin xem nhieu",
    "tin doc nhieu",
    "video",
    "video noi bat",
    "tags",
    "tag",
    "tu khoa",
    "chu de",
    "chia se",
    "binh luan",
    "y kien ban doc",
    "gui binh luan",
    "phien ban di dong",
    "ve dau trang",
    "quang cao",
    "lien he",
    "trang chu",
];

/// Labels of a "read also" line (folded): the label, a colon or "»", and another story's
/// headline on the same line ("Xem thêm: Giá vàng hôm nay tăng mạnh", "Tin liên quan: ... |
/// ..."). Fewer than [`SECTION_MARKERS`]: "Video: ...", "Bình luận: ..." often start prose.
pub const READ_ALSO_LABELS: &[&str] = &[
    "tin lien quan",
    "bai lien quan",
    "xem them",
    "doc them",
    "xem tiep",
    "doc tiep",
    "moi xem them",
    "moi doc them",
    "tin cung chuyen muc",
    "co the ban quan tam",
    "ban co the quan tam",
];

/// Time units of a list's relative time stamp ("4 giờ trước", folded): seconds, minutes,
/// hours, days, weeks, months.
pub const RELATIVE_TIME_UNITS: &[&str] = &["giay", "phut", "gio", "ngay", "tuan", "thang"];

/// The word that closes a relative time stamp ("4 giờ trước": "ago", folded).
pub const RELATIVE_TIME_AGO: &str = "truoc";

/// How a source credit opens ("Nguồn: Vietnamplus", folded); the colon follows.
pub const SOURCE_CREDIT: &str = "nguon";

/// A share prompt is "Theo dõi X trên" (follow X on), folded: its opening and closing words.
pub const FOLLOW_PROMPT: (&str, &str) = ("theo doi ", " tren");

/// Marks of a photo caption or credit (folded): such a short line does not end the lead.
pub const CAPTION_MARKS: &[&str] = &["anh:", "(anh", "nguon:", "video:"];

/// Hints that a short line at the top of a page is a dateline (folded): a weekday ("thứ ",
/// "chủ nhật"), a time zone, "cập nhật" (updated) or "đăng lúc" (posted at). A clock time's
/// colon and a leading digit are hints too; those are checked in code.
pub const DATELINE_HINTS: &[&str] = &["thu ", "chu nhat", "gmt", "cap nhat", "dang luc"];

// ---------------------------------------------------------------------------------------------
// Events: sentences and titles.

/// Capitalised date words (as written) that only start a sentence: mid-line after a
/// lower-case word they mark a headline glued onto its lead ("... hòa bình Ngày 27/3, ...").
pub const SENTENCE_DATE_WORDS: [&str; 9] = [
    "Ngày", "Hôm", "Sáng", "Chiều", "Tối", "Trưa", "Đêm", "Rạng", "Ngay",
];

/// How an attribution opens ("Theo hãng tin Yonhap,": according to, folded): a title drops
/// such a leading clause.
pub const ATTRIBUTION: &str = "theo ";

// ---------------------------------------------------------------------------------------------
// Dates: the words of the date grammar (`crate::events::dates`), as (accented, plain) pairs
// where both spellings say the same, as two lists where they differ.

/// "ngày" (day).
pub const DAY: (&str, &str) = ("ngày", "ngay");
/// "tháng" (month).
pub const MONTH: (&str, &str) = ("tháng", "thang");
/// "năm" (year).
pub const YEAR: (&str, &str) = ("năm", "nam");

/// Words that may open a day/month written without a year ("ngày 29/3", "sáng 22/5", "từ
/// 5/3", "thứ Tư 12/5", "lúc", "lễ"): without one, "29/3" is more often a ratio or a score.
/// Accented form.
pub const DATE_CUES: &[&str] = &[
    "ngày",
    "hôm",
    "sáng",
    "trưa",
    "chiều",
    "tối",
    "đêm",
    "rạng sáng",
    "khuya",
    "từ",
    "đến",
    "tới",
    "và",
    "hoặc",
    "vào",
    "trước",
    "sau",
    "cuối",
    "đầu",
    "giữa",
    "mùng",
    "mồng",
    "thứ hai",
    "thứ ba",
    "thứ tư",
    "thứ năm",
    "thứ sáu",
    "thứ bảy",
    "chủ nhật",
    "lễ",
    "hôm nay",
    "lúc",
];

/// [`DATE_CUES`] typed without diacritics ("tối" and "tới" both become "toi"), with "từ ngày",
/// "đến ngày" and "tới ngày" as cues of their own.
pub const DATE_CUES_PLAIN: &[&str] = &[
    "ngay",
    "hom",
    "sang",
    "trua",
    "chieu",
    "toi",
    "dem",
    "rang sang",
    "khuya",
    "tu",
    "den",
    "toi",
    "va",
    "hoac",
    "vao",
    "truoc",
    "sau",
    "cuoi",
    "dau",
    "giua",
    "mung",
    "mong",
    "thu hai",
    "thu ba",
    "thu tu",
    "thu nam",
    "thu sau",
    "thu bay",
    "chu nhat",
    "le",
    "hom nay",
    "luc",
    "tu ngay",
    "den ngay",
    "toi ngay",
];

/// Words after "tháng N năm" that name a year relative to publication: "ngoái" and "trước"
/// (last year), "nay" (this year), "sau" and "tới" (next year).
pub const RELATIVE_YEAR_WORDS: &[(&str, &str)] = &[
    ("ngoái", "ngoai"),
    ("trước", "truoc"),
    ("nay", "nay"),
    ("sau", "sau"),
    ("tới", "toi"),
];

/// Words in a date's clause that say it lies ahead: "dự kiến" (expected), "dự báo"
/// (forecast), "sẽ" (will), "sắp tới", "tới đây" (upcoming), "kế hoạch" (plan), "có thể"
/// (may), "đề xuất" (proposes). Accented form.
pub const AHEAD_CUES: &[&str] = &[
    "dự kiến",
    "dự báo",
    "dự định",
    "sẽ",
    "sắp tới",
    "sắp",
    "tới đây",
    "chuẩn bị",
    "kế hoạch",
    "có thể",
    "đề xuất",
    "kiến nghị",
];

/// [`AHEAD_CUES`] typed without diacritics; "se" and "sap" alone are too common in
/// plain text to count ("se" is also "sẽ", "sế"), so only phrases such as "se dien ra", "se
/// duoc" and "sap dien ra" do.
pub const AHEAD_CUES_PLAIN: &[&str] = &[
    "du kien",
    "du bao",
    "du dinh",
    "sap toi",
    "sap dien ra",
    "se dien ra",
    "se duoc",
    "se to chuc",
    "toi day",
    "chuan bi",
    "ke hoach",
    "co the",
    "de xuat",
    "kien nghi",
];

/// Words right before "năm 2030" that make it a horizon ("đến năm 2030", "tầm nhìn năm 2045",
/// "mục tiêu"), not a happening. Accented form.
pub const HORIZON_WORDS: &[&str] = &[
    "đến",
    "tới",
    "trước",
    "tầm nhìn",
    "giai đoạn",
    "mục tiêu",
    "đến hết",
    "định hướng",
];

/// [`HORIZON_WORDS`] typed without diacritics.
pub const HORIZON_WORDS_PLAIN: &[&str] = &[
    "den",
    "toi",
    "truoc",
    "tam nhin",
    "giai doan",
    "muc tieu",
    "den het",
    "dinh huong",
];

/// Words right before a number that make it a document or version number, not a date
/// ("Nghị định 13/2023", "Thông tư 09/2020", "số 12/3", "iOS 17.4"). Accented form.
pub const DOCUMENT_WORDS: &[&str] = &[
    "nghị định",
    "thông tư",
    "quyết định",
    "chỉ thị",
    "nghị quyết",
    "công văn",
    "luật",
    "số",
    "mã số",
    "bản án",
    "phiên bản",
    "version",
    "ios",
    "android",
    "windows",
];

/// [`DOCUMENT_WORDS`] typed without diacritics.
pub const DOCUMENT_WORDS_PLAIN: &[&str] = &[
    "nghi dinh",
    "thong tu",
    "quyet dinh",
    "chi thi",
    "nghi quyet",
    "cong van",
    "luat",
    "so",
    "ma so",
    "ban an",
    "phien ban",
    "version",
    "ios",
    "android",
    "windows",
];

/// The word that, typed plain before "nam 2023", makes it "Viet Nam", not a year.
pub const VIET: &str = "viet";

// ---------------------------------------------------------------------------------------------
// Dates, continued: the lists below are written accented only; the grammar folds them (with
// `crate::text::fold_diacritics`) for text typed without diacritics.

/// Times of day before a date or a relative day ("rạng sáng 20/1", "tối qua", "chiều mai").
/// Longer phrases first.
pub const TIMES_OF_DAY: &[&str] = &[
    "rạng sáng",
    "sáng sớm",
    "nửa đêm",
    "sáng",
    "trưa",
    "chiều",
    "tối",
    "đêm",
    "khuya",
];

/// Words that may open a date written with dots ("ngày 27.10", "tối 21.9", "từ 31.8"): fewer
/// than [`DATE_CUES`], because "lúc 7.10" is a time and "và 2.5" a number.
pub const DOT_CUES: &[&str] = &[
    "ngày", "hôm", "sáng", "trưa", "chiều", "tối", "đêm", "khuya", "từ", "đến", "tới", "vào",
    "mùng", "mồng", "hết",
];

/// Weekday names after "thứ", Monday = 0 ("thứ Hai" ... "thứ Bảy"); "thứ 2" ... "thứ 7" are
/// read in code.
pub const WEEKDAY_NAMES: &[(&str, u32)] = &[
    ("hai", 0),
    ("ba", 1),
    ("tư", 2),
    ("năm", 3),
    ("sáu", 4),
    ("bảy", 5),
];

/// Sunday ("chủ nhật", and the southern "chúa nhật").
pub const SUNDAY: &[&str] = &["chủ nhật", "chúa nhật"];

/// Words before "thứ hai", "thứ 3" that make it an ordinal ("lần thứ hai", "vòng thứ 3", "quý
/// thứ ba"), not a weekday.
pub const ORDINAL_NOUNS: &[&str] = &[
    "lần",
    "vòng",
    "quý",
    "người",
    "kỳ",
    "khóa",
    "phiên",
    "đợt",
    "hạng",
    "lượt",
    "trận",
    "tuần",
    "tháng",
    "năm",
    "nước",
    "quốc gia",
    "đội",
    "vị trí",
    "hàng",
    "bậc",
    "lớp",
    "tầng",
    "thế hệ",
    "phần",
    "điều",
    "bước",
    "giai đoạn",
    "chương",
    "câu",
    "mục",
    "số",
    "cấp",
    "đời",
    "nhiệm kỳ",
    "con",
    "cháu",
    "vợ",
    "chồng",
    "tập",
    "ván",
    "hiệp",
    "chặng",
    "mùa",
    "phương án",
    "nhóm",
    "loại",
    "yếu tố",
    "lý do",
    "nguyên nhân",
    "vấn đề",
    "ý",
    "là",
];

/// Month names after "tháng" ("tháng Tư", "Tháng Mười Hai", "tháng Giêng"), longer first.
pub const MONTH_NAMES: &[(&str, u32)] = &[
    ("mười một", 11),
    ("mười hai", 12),
    ("giêng", 1),
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("tư", 4),
    ("bốn", 4),
    ("năm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("chạp", 12),
];

/// Month names too common as other words to be read in lower case: "tháng năm" is also
/// "months and years", "tháng một lần" "once a month". Written "tháng Năm", they are months.
pub const MONTH_NAMES_CAPITAL_ONLY: &[&str] = &["năm", "một"];

/// Words right after a month name that make it no date ("Tháng Chín nào cũng vậy": every
/// September; "tháng hai lần": twice a month).
pub const MONTH_NAME_NOT_AFTER: &[&str] = &["nào", "lần", "mươi"];

/// Words right before "tháng" that make what follows no date ("hàng tháng", "mỗi tháng hai
/// lần", "Cách mạng tháng Tám" is a name).
pub const MONTH_NOT_BEFORE: &[&str] = &[
    "mỗi",
    "hàng",
    "vài",
    "mấy",
    "nhiều",
    "những",
    "cách mạng",
    "từng",
];

/// Number words of counts ("ba ngày trước", "hai mươi năm trước"); a count is one to three
/// of them, read in code.
pub const NUMBER_WORDS: &[(&str, u32)] = &[
    ("một", 1),
    ("hai", 2),
    ("ba", 3),
    ("bốn", 4),
    ("tư", 4),
    ("năm", 5),
    ("lăm", 5),
    ("sáu", 6),
    ("bảy", 7),
    ("tám", 8),
    ("chín", 9),
    ("mười", 10),
    ("mươi", 10),
    ("mốt", 1),
];

/// Words after a number that make "1.5", "2-3" or "2/3" a quantity, not a day and month ("từ
/// 1.5 triệu", "sau 2-3 ngày", "từ 2/3 số người").
pub const QUANTITY_UNITS: &[&str] = &[
    "triệu",
    "tỷ",
    "tỉ",
    "nghìn",
    "ngàn",
    "trăm",
    "lần",
    "điểm",
    "người",
    "km",
    "kg",
    "m",
    "cm",
    "mm",
    "ha",
    "độ",
    "giờ",
    "phút",
    "giây",
    "tiếng",
    "ngày",
    "tuần",
    "tháng",
    "năm",
    "tuổi",
    "usd",
    "đồng",
    "euro",
    "con",
    "chiếc",
    "vụ",
    "ca",
    "tấn",
    "lít",
    "inch",
    "số",
    "phần",
    "bàn",
    "trận",
    "hải lý",
    "mw",
    "gb",
    "mb",
    "đô",
    "học sinh",
    "tầng",
    "căn",
    "km/h",
];

/// Relative days ("hôm qua", "ngày mai"): the phrase and its offset from publication. A bare
/// "mai", "qua", "nay", "kia" or "mốt" counts only after a time of day ("tối qua", "chiều
/// mai"); see [`RELATIVE_DAY_TAILS`].
pub const RELATIVE_DAYS: &[(&str, i64)] = &[
    ("ngày hôm kia", -2),
    ("ngày hôm qua", -1),
    ("ngày hôm nay", 0),
    ("hôm kia", -2),
    ("hôm qua", -1),
    ("hôm nay", 0),
    ("bữa nay", 0),
    ("ngày mai", 1),
    ("ngày mốt", 2),
];

/// The words after a time of day that make a relative day ("sáng nay", "tối qua", "chiều
/// mai", "đêm kia").
pub const RELATIVE_DAY_TAILS: &[(&str, i64)] = &[
    ("hôm kia", -2),
    ("hôm qua", -1),
    ("hôm nay", 0),
    ("ngày mai", 1),
    ("kia", -2),
    ("qua", -1),
    ("nay", 0),
    ("mai", 1),
    ("mốt", 2),
];

/// Time of day + word pairs that, typed without diacritics, are more often other words ("toi
/// qua" is also "tôi qua", I pass; "sang qua" is "cross over"), folded.
pub const PLAIN_RELATIVE_DAY_REFUSED: &[&str] = &["toi qua", "sang qua", "toi mai", "sang nay"];

/// "tuần trước", "tuần này", "tuần tới": a Monday-Sunday week counted from the publication
/// week; "tuần qua" is the seven days ending on publication (in code).
pub const WEEK_TAILS: &[(&str, i32)] = &[
    ("vừa qua", -1),
    ("trước", -1),
    ("này", 0),
    ("tới", 1),
    ("sau", 1),
    ("kế tiếp", 1),
];

/// "tháng trước", "tháng này", "tháng sau", with their offset in months.
pub const MONTH_TAILS_RELATIVE: &[(&str, i32)] = &[
    ("trước", -1),
    ("này", 0),
    ("sau", 1),
    ("tới", 1),
    ("kế tiếp", 1),
];

/// "năm nay", "năm ngoái", "năm sau", with their offset in years.
pub const YEAR_TAILS_RELATIVE: &[(&str, i32)] = &[
    ("ngoái", -1),
    ("trước", -1),
    ("nay", 0),
    ("sau", 1),
    ("tới", 1),
    ("tiếp theo", 1),
    ("kế tiếp", 1),
];

/// The words after a count and a unit that make a window of whole units next to publication
/// ("3 ngày tới", "ba tháng tiếp theo", "2 năm vừa rồi", "10 năm qua", "5 năm gần đây"), and
/// whether it lies ahead (`true`) or behind. Longer phrases first; "tới" and "qua" alone are
/// also "to" and "through" ("hành trình sáu năm tới tiểu hành tinh", "3-4 ngày qua Quản Bạ"),
/// so they need [`WINDOW_OPENERS`] before the count or the clause to end right after them (in
/// code).
pub const WINDOW_TAILS: &[(&str, bool)] = &[
    ("trở lại đây", false),
    ("tiếp theo", true),
    ("sắp tới", true),
    ("kế tiếp", true),
    ("vừa qua", false),
    ("vừa rồi", false),
    ("gần đây", false),
    ("tới", true),
    ("qua", false),
];

/// Words before a counted window that make it one ("trong 3 ngày tới", "suốt 10 năm qua").
pub const WINDOW_OPENERS: &[&str] = &["trong suốt", "trong vòng", "trong", "suốt"];

/// Words between [`WINDOW_OPENERS`] and the count that keep the window ("trong khoảng 30 năm
/// qua", "trong gần 2 tháng qua").
pub const WINDOW_APPROXIMATE: &[&str] = &["khoảng", "gần", "hơn", "chừng"];

/// "tuần đầu tiên của tháng 9", "tuần cuối tháng 5": the first or last whole Monday-Sunday
/// week of a month, and whether it is the last (`true`). Longer phrases first.
pub const WEEK_OF_MONTH: &[(&str, bool)] = &[
    ("đầu tiên", false),
    ("cuối cùng", true),
    ("đầu", false),
    ("cuối", true),
];

/// Holidays on a fixed day of the solar calendar, by name: (name, month, day). The year comes
/// as for any day written without one. Lunar holidays (Tết Nguyên đán, Trung thu) need a
/// lunar calendar and are not here. Longer names first.
pub const HOLIDAYS: &[(&str, u32, u32)] = &[
    ("quốc tế lao động", 5, 1),
    ("quốc tế phụ nữ", 3, 8),
    ("quốc tế thiếu nhi", 6, 1),
    ("nhà giáo việt nam", 11, 20),
    ("phụ nữ việt nam", 10, 20),
    ("tết dương lịch", 1, 1),
    ("giáng sinh", 12, 25),
    ("quốc khánh", 9, 2),
    ("lễ tình nhân", 2, 14),
    ("valentine", 2, 14),
    ("halloween", 10, 31),
    ("tết tây", 1, 1),
    ("noel", 12, 25),
];

/// Holidays that are also the names of other things ("Hội Liên hiệp Phụ nữ Việt Nam", "Quốc
/// tế Thiếu nhi" of a fund): read only right after "ngày".
pub const HOLIDAYS_AFTER_DAY_ONLY: &[&str] = &[
    "quốc tế phụ nữ",
    "quốc tế thiếu nhi",
    "nhà giáo việt nam",
    "phụ nữ việt nam",
];

/// Words right before a holiday's name that make it the day ("ngày Quốc khánh", "lễ Giáng
/// sinh", "dịp Noel", "đêm Giáng sinh"); without one, the name is the day only when it stands
/// as its own clause ("Giáng sinh năm nay, ..."), since "ông già Noel", "cây thông Giáng sinh"
/// and "mùa Giáng sinh" are no day.
pub const HOLIDAY_CUES: &[&str] = &[
    "nhân dịp",
    "ngày",
    "lễ",
    "dịp",
    "vào",
    "đêm",
    "hôm",
    "đón",
    "sáng",
    "trưa",
    "chiều",
    "tối",
];

/// Words before a holiday's name, or before its "lễ", that make it the break around the day
/// ("kỳ nghỉ Tết Dương lịch", "3 ngày nghỉ lễ Quốc khánh"): a period of several days the text
/// does not bound, no day.
pub const HOLIDAY_BREAK: &[&str] = &["nghỉ"];

/// Holidays whose eve is what "đêm" names ("đêm Giáng sinh", "đêm Noel" are 24 December).
pub const HOLIDAYS_EVE: &[&str] = &["giáng sinh", "noel"];

/// Words after "Quốc khánh" that make it another country's ("Quốc khánh của Pháp", "Quốc
/// khánh nước bạn"); a capitalised name after it does too (in code).
pub const HOLIDAY_OWNERS_AFTER: &[&str] = &["của", "nước"];

/// Words after a relative phrase that count from another date of the text, not publication
/// ("tuần trước đó", "năm sau nữa"): such a phrase is no date of its own.
pub const RELATIVE_NOT_BEFORE: &[&str] = &["đó", "nữa", "khi", "kia"];

/// Words before "năm 2023" that make the year another thing's ("sinh năm 1961", "thường niên
/// năm 2025", "so với năm 2021", "cùng kỳ năm 2023").
pub const YEAR_OWNERS: &[&str] = &[
    "sinh",
    "thường niên",
    "so với",
    "cùng kỳ",
    "khóa",
    "niên khóa",
    "năm học",
    "mùa giải",
];

/// Words in a year's clause, before it, that make it a target or a commitment ("mục tiêu ...
/// vào năm 2025", "cam kết ... vào năm 2050"), not a happening.
pub const TARGET_WORDS: &[&str] = &[
    "mục tiêu",
    "cam kết",
    "phấn đấu",
    "tầm nhìn",
    "lộ trình",
    "hướng tới",
    "định hướng",
    "kỳ vọng",
];

/// Words just before a date that make it a comparison ("so với tháng 6", "so với cùng kỳ năm
/// 2023", "so với tuần trước đó"): no event.
pub const COMPARISON_WORDS: &[&str] = &["so với", "cùng kỳ", "hơn cùng kỳ"];

/// Words in a date's clause that say it lies in the past ("đã", "vừa", "từng"); a date opened
/// by "hôm" is past too (in code).
pub const PAST_CUES: &[&str] = &["đã", "vừa", "từng", "trước đó", "hồi"];

/// Words in a date's clause that make it background ("kể từ năm 2000", "thành lập năm 1995",
/// "lần đầu năm 2002"), not the news.
pub const BACKGROUND_CUES: &[&str] = &[
    "kể từ",
    "thành lập",
    "lần đầu",
    "trước đây",
    "từng",
    "hồi",
    "vốn",
    "khởi động",
    "ra đời",
    "kỷ niệm",
    "thiết lập",
    "bình thường hóa",
];

/// Words right before a period that make it the end of something ("áp dụng đến hết tháng
/// này"): it lies ahead. ("Đến tháng này" alone is "as of this month".)
pub const UNTIL_WORDS: &[&str] = &["đến hết", "tới hết", "hết"];

/// Words that link two dates into one span ("từ 30/4 đến 1/5", "17-19/5", "đêm 21 rạng sáng
/// 22/4"), longest first; "và" links two consecutive days only (in code).
pub const RANGE_LINKS: &[&str] = &[
    "đến hết ngày",
    "đến ngày",
    "tới ngày",
    "đến hết",
    "rạng sáng",
    "đến",
    "tới",
    "và",
];
// ---------------------------------------------------------------------------------------------
// Events: headlines (`crate::events::headline`). All folded: compared with text passed through
// `fold_diacritics` and lower-cased.

/// Leading clauses a headline drops (folded), besides dates and [`ATTRIBUTION`]s: connectives
/// ("trước đó", "trong khi đó", "cùng ngày", "đáng chú ý"), a newscast's greeting ("kính thưa
/// quý vị") and framing that carries no news ("trong khuôn khổ ...", "tại ..."). A clause is
/// dropped when it is one of these or, for those ending in a space, starts with one.
pub const HEADLINE_OPENERS: &[&str] = &[
    "truoc do",
    "sau do",
    "trong khi do",
    "dang chu y",
    "cung ngay",
    "cung trong ngay",
    "cung trong ngay hom nay",
    "trong ngay",
    "hien nay",
    "ngoai ra",
    "ben canh do",
    "tuy nhien",
    "theo do",
    "dong thoi",
    "ngay trong ngay",
    "ngay sau do",
    "sau ",
    "truoc ",
    "ben le ",
    "phat bieu ",
    "trong khi ",
    "sau khi ",
    "truoc khi ",
    "mac du ",
    "kinh thua quy vi",
    "thua quy vi",
    "xin chao quy vi",
    "trong khuon kho ",
    "trong khoang ",
    "tai ",
    "vao ",
    "nhu tin da dua",
    "nhu da dua tin",
];

/// Words that open an attribution without a comma ("Phóng viên TTXVN tại Tokyo dẫn thông báo
/// của JAXA cho biết ..."): such a head is dropped up to one of [`HEADLINE_SAID`].
pub const HEADLINE_REPORTERS: &[&str] = &[
    "phong vien ",
    "theo ",
    "hang tin ",
    "truyen thong ",
    "bao chi ",
    "nguon tin ",
];

/// "cho biết", "cho hay", "đưa tin", "thông báo", "xác nhận": the verb after a reporter that
/// the news follows.
pub const HEADLINE_SAID: &[&str] = &[
    "cho biet",
    "cho hay",
    "dua tin",
    "thong bao",
    "xac nhan",
    "khang dinh",
];

/// Words before a date that belong to it and go with it: the date word, the time of day,
/// "vào", "từ", "lúc" (lower-case, with diacritics; [`HEADLINE_DATE_LEFT_PLAIN`] typed without).
pub const HEADLINE_DATE_LEFT: &[&str] = &[
    "ngày", "hôm", "sáng", "chiều", "tối", "trưa", "đêm", "rạng", "vào", "từ", "lúc", "khoảng",
    "hồi", "cuối", "đầu", "giữa", "nửa", "trong", "đến", "cùng",
];

/// [`HEADLINE_DATE_LEFT`] typed without diacritics.
pub const HEADLINE_DATE_LEFT_PLAIN: &[&str] = &[
    "ngay", "hom", "sang", "chieu", "toi", "trua", "dem", "rang", "vao", "tu", "luc", "khoang",
    "hoi", "cuoi", "dau", "giua", "nua", "trong", "den", "cung",
];

/// Weekday names after "thứ" / "chủ" ("hôm thứ Năm 13/3", "chủ nhật 12/5"), with diacritics.
pub const HEADLINE_WEEKDAYS: &[&str] = &["hai", "ba", "tư", "năm", "sáu", "bảy", "nhật"];

/// [`HEADLINE_WEEKDAYS`] typed without diacritics.
pub const HEADLINE_WEEKDAYS_PLAIN: &[&str] = &["hai", "ba", "tu", "nam", "sau", "bay", "nhat"];

/// "thứ" and "chủ", before a weekday name: with diacritics, then without.
pub const HEADLINE_WEEKDAY_WORDS: (&[&str], &[&str]) = (&["thứ", "chủ"], &["thu", "chu"]);

/// Words after a date that belong to it: "vừa qua", "tới", "(giờ Hà Nội)" (lower-case, with
/// diacritics; [`HEADLINE_DATE_RIGHT_PLAIN`] typed without).
pub const HEADLINE_DATE_RIGHT: &[&str] = &[
    "vừa qua",
    "qua",
    "tới",
    "này",
    "nay",
    "năm nay",
    "giờ hà nội",
    "giờ việt nam",
    "giờ địa phương",
    "giờ mỹ",
    "theo giờ hà nội",
    "theo giờ địa phương",
];

/// [`HEADLINE_DATE_RIGHT`] typed without diacritics.
pub const HEADLINE_DATE_RIGHT_PLAIN: &[&str] = &[
    "vua qua",
    "qua",
    "toi",
    "nay",
    "nam nay",
    "gio ha noi",
    "gio viet nam",
    "gio dia phuong",
    "gio my",
    "theo gio ha noi",
    "theo gio dia phuong",
];

/// Words of a leading clause that frames time ("Chỉ hai ngày trước phiên đối thoại"), folded:
/// such a clause right before a date clause goes with it.
pub const HEADLINE_TIME_WORDS: &[&str] = &["ngay", "tuan", "thang", "nam", "hom", "truoc", "sau"];

/// Words a headline should not end on before "…" (folded): a cut there leaves a dangling
/// preposition or article.
pub const HEADLINE_DANGLING: &[&str] = &[
    "cua", "va", "voi", "cac", "cho", "tai", "de", "trong", "la", "da", "duoc", "bi", "nhung",
    "mot", "o", "tu", "den", "ve", "theo", "nhu", "khi", "sau", "truoc", "ma", "nhung", "hay",
    "hoac", "tren", "duoi", "giua", "rang",
];

/// How a sentence opens when it leans on a sentence before it (folded): a pronoun or "vụ
/// việc" instead of the actor. Such a headline ranks below one that names the actor.
pub const HEADLINE_ANAPHORA: &[&str] = &[
    "ong ",
    "ba ",
    "ho ",
    "no ",
    "day la",
    "dieu nay",
    "vu viec",
    "su viec",
    "viec nay",
    "chung toi",
    "toi ",
    "anh ",
    "chi ",
    "cong ty nay",
    "doanh nghiep nay",
    "vu nay",
];
