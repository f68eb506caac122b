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

/// Words after "tháng N" that place the month relative to publication: "vừa qua", "qua",
/// "trước", "này" (the latest such month, past) and "tới", "sắp tới" (the next one, ahead).
pub const MONTH_TAILS: &[(&str, &str)] = &[
    ("vừa qua", "vua qua"),
    ("qua", "qua"),
    ("trước", "truoc"),
    ("tới", "toi"),
    ("sắp tới", "sap toi"),
    ("này", "này"),
];

/// Phrases that date by publication: yesterday, last/next week, last/next month, last/next
/// year, today, this morning ("hôm qua", "tuần trước", "tháng sau", "năm ngoái", "hôm nay").
pub const RELATIVE_PHRASES: &[(&str, &str)] = &[
    ("hôm qua", "hom qua"),
    ("tuần trước", "tuan truoc"),
    ("tuần qua", "tuan qua"),
    ("tháng trước", "thang truoc"),
    ("tháng sau", "thang sau"),
    ("tháng tới", "thang toi"),
    ("năm ngoái", "nam ngoai"),
    ("năm trước", "nam truoc"),
    ("năm sau", "nam sau"),
    ("năm tới", "nam toi"),
    ("tuần sau", "tuan sau"),
    ("tuần tới", "tuan toi"),
    ("hôm nay", "hom nay"),
    ("sáng nay", "sang nay"),
];

/// Words in a date's clause that say it lies ahead: "dự kiến" (expected), "sẽ" (will), "sắp
/// tới", "tới đây" (upcoming), "lên kế hoạch" (planned). Accented form.
pub const AHEAD_CUES: &[&str] = &[
    "dự kiến",
    "sẽ",
    "sắp tới",
    "sắp",
    "tới đây",
    "tháng sau",
    "tuần sau",
    "năm sau",
    "chuẩn bị diễn ra",
    "lên kế hoạch",
];

/// [`AHEAD_CUES`] typed without diacritics; "se" and "sap" alone are too common in plain text
/// to count, so only the phrases "se dien ra" and "sap dien ra" do.
pub const AHEAD_CUES_PLAIN: &[&str] = &[
    "du kien",
    "sap toi",
    "sap dien ra",
    "se dien ra",
    "toi day",
    "thang sau",
    "tuan sau",
    "nam sau",
    "chuan bi dien ra",
    "len ke hoach",
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
