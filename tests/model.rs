//! The topic model on real text: held-out accuracy, normalisation invariance, persistence,
//! determinism, and the seed pages.

use crate::common::*;
use newsline::corpus::Article;
use newsline::model::TopicModel;
use newsline::text::fold_diacritics;
use unicode_normalization::UnicodeNormalization;

/// Accuracy on a balanced set (as many topic articles as others), so decided with the
/// corpus's shares rather than the stream prior, as `--prior corpus` does.
fn accuracy(model: &TopicModel, articles: &[Article]) -> f64 {
    let mut model = model.clone();
    model
        .set_stream_prior(newsline::model::StreamPrior::corpus())
        .unwrap();
    let m = newsline::evaluate::evaluate_model(&model, articles, None).unwrap();
    m.accuracy
}

#[test]
fn heldout_passages_are_labelled_correctly() {
    let model = trained();
    let heldout = heldout();
    assert!(heldout.len() >= 60, "{} held-out passages", heldout.len());
    // None of them is in the training data.
    for a in &heldout {
        assert!(
            !training().iter().any(|t| t.text == a.text),
            "held-out passage {} is also in training/",
            a.id
        );
    }
    let acc = accuracy(model, &heldout);
    assert!(acc >= 0.9, "held-out accuracy {acc}");
}

#[test]
fn diacritic_free_copy_of_the_heldout_set_is_labelled_correctly() {
    let folded: Vec<Article> = heldout()
        .into_iter()
        .map(|mut a| {
            a.title = fold_diacritics(&a.title);
            a.text = fold_diacritics(&a.text);
            a
        })
        .collect();
    assert!(folded
        .iter()
        .all(|a| a.text.is_ascii() || !a.text.contains('ạ')));
    let acc = accuracy(trained(), &folded);
    assert!(acc >= 0.85, "diacritic-free held-out accuracy {acc}");
}

#[test]
fn nfc_nfd_and_diacritic_free_forms_get_the_same_label() {
    let model = trained();
    let mut analyzer = model.analyzer();
    let mut same_folded = 0;
    let heldout = heldout();
    for a in &heldout {
        let nfc = model.predict(
            &mut analyzer,
            &a.title.nfc().collect::<String>(),
            &a.text.nfc().collect::<String>(),
        );
        let nfd = model.predict(
            &mut analyzer,
            &a.title.nfd().collect::<String>(),
            &a.text.nfd().collect::<String>(),
        );
        assert_eq!(nfc.best, nfd.best, "{}", a.id);
        for (x, y) in nfc.log_likelihoods.iter().zip(&nfd.log_likelihoods) {
            assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{}", a.id);
        }
        let folded = model.predict(
            &mut analyzer,
            &fold_diacritics(&a.title),
            &fold_diacritics(&a.text),
        );
        if folded.best == nfc.best {
            same_folded += 1;
        }
    }
    // The default model folds diacritics, so all three forms are the same tokens.
    assert!(model.params().fold_diacritics());
    assert_eq!(same_folded, heldout.len());
}

#[test]
fn tone_placement_does_not_change_scores() {
    let model = trained();
    let mut analyzer = model.analyzer();
    let old = model.predict(
        &mut analyzer,
        "Thủ tướng hòa giải",
        "Hội nghị về thủy lợi và sức khỏe, hủy bỏ kế hoạch",
    );
    let new = model.predict(
        &mut analyzer,
        "Thủ tướng hoà giải",
        "Hội nghị về thuỷ lợi và sức khoẻ, huỷ bỏ kế hoạch",
    );
    assert_eq!(old.log_likelihoods, new.log_likelihoods);
}

#[test]
fn saved_and_reloaded_model_gives_identical_scores() {
    let model = trained();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.json");
    model.save(&path).unwrap();
    let loaded = TopicModel::load(&path).unwrap();
    assert_eq!(&loaded, model);
    let mut analyzer = model.analyzer();
    for a in heldout().iter().take(20) {
        let x = model.predict(&mut analyzer, &a.title, &a.text);
        let y = loaded.predict(&mut analyzer, &a.title, &a.text);
        assert_eq!(x, y, "{}", a.id);
    }
}

#[test]
fn training_twice_gives_byte_identical_files() {
    let params = newsline::model::TrainParams::default().check().unwrap();
    let a = params.fit_articles(training()).unwrap().to_bytes();
    let b = params.fit_articles(training()).unwrap().to_bytes();
    assert!(a == b, "two trainings on the same data differ");
}

#[test]
fn committed_default_model_is_what_training_writes() {
    let committed =
        std::fs::read(root().join("models/topics.json")).expect("models/topics.json is committed");
    let trained = trained().to_bytes();
    assert!(
        committed == trained,
        "models/topics.json differs from `newsline train --data training/`: retrain and commit it"
    );
    assert_eq!(
        newsline::BUILTIN_MODEL,
        committed.as_slice(),
        "the binary embeds the committed model"
    );
}

#[test]
fn topic_passages_written_for_this_test_are_recognised() {
    let model = trained();
    let cases = [
        ("cybersecurity", "Tin tặc tống tiền bệnh viện", "Hệ thống máy chủ của bệnh viện bị mã độc mã hóa toàn bộ dữ liệu, nhóm tin tặc đòi tiền chuộc bằng tiền điện tử. Trung tâm giám sát an toàn không gian mạng quốc gia đã cử chuyên gia hỗ trợ khắc phục sự cố."),
        ("summits", "Hai nhà lãnh đạo hội đàm", "Chiều nay, Thủ tướng và Tổng thống nước bạn đã hội đàm tại Phủ Chủ tịch, nhất trí nâng cấp quan hệ lên Đối tác chiến lược toàn diện và ra tuyên bố chung sau chuyến thăm chính thức."),
        ("space", "Phóng thành công vệ tinh quan sát Trái Đất", "Tên lửa đẩy mang theo vệ tinh quan sát Trái Đất đã rời bệ phóng và đưa vệ tinh vào quỹ đạo đồng bộ Mặt Trời ở độ cao 500 km, cơ quan vũ trụ cho biết."),
        ("other", "Giá cà phê tăng mạnh", "Giá cà phê robusta tại Tây Nguyên hôm nay tăng thêm 1.500 đồng mỗi kg do nguồn cung khan hiếm, nông dân phấn khởi khi vụ thu hoạch đang tới gần."),
        ("other", "Triều Tiên phóng thử tên lửa đạn đạo", "Quân đội Hàn Quốc cho biết Triều Tiên đã phóng một tên lửa đạn đạo tầm ngắn ra vùng biển phía đông, tên lửa bay khoảng 600 km trước khi rơi xuống biển."),
    ];
    let mut analyzer = model.analyzer();
    for (label, title, text) in cases {
        let p = model.predict(&mut analyzer, title, text);
        assert_eq!(model.labels()[p.best], label, "{title}");
    }
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn seed_pages_are_cybersecurity() {
    let dir = seeds_dir();
    let model = trained();
    let (pages, _) = newsline::corpus::read_all(&[dir], Default::default()).unwrap();
    assert_eq!(pages.len(), 3);
    let mut analyzer = model.analyzer();
    for page in &pages {
        let body = newsline::page::lead_text(&page.text);
        let p = model.predict(&mut analyzer, &page.title, &body);
        let d = model.decide(&p, None);
        assert_eq!(
            model.labels()[d.label],
            "cybersecurity",
            "{} {:?}",
            page.id,
            p.probabilities
        );
    }
}

#[test]
fn pruning_the_token_table_is_deterministic_and_keeps_the_model_useful() {
    // A cap far below the corpus's distinct tokens forces pruning many times.
    let params = newsline::model::TrainParams::default()
        .max_candidates(40_000)
        .check()
        .unwrap();
    let a = params.fit_articles(training()).unwrap();
    let b = params.fit_articles(training()).unwrap();
    assert!(
        a.to_bytes() == b.to_bytes(),
        "pruned training is not deterministic"
    );
    assert!(a.summary().distinct_tokens <= 40_000);
    assert!(accuracy(&a, &heldout()) >= 0.9);
}

#[test]
fn model_bytes_do_not_depend_on_the_number_of_threads() {
    // Position decay makes token weights fractional, so the order in which per-slice counts
    // are added shows in the last bits; it must be fixed whatever the number of cores.
    let params = newsline::model::TrainParams::default()
        .position_decay(300.0)
        .max_candidates(60_000)
        .check()
        .unwrap();
    let fit_on = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
            .install(|| params.fit_articles(training()).unwrap().to_bytes())
    };
    let one = fit_on(1);
    assert!(one == fit_on(2), "1 and 2 threads give different models");
    assert!(one == fit_on(5), "1 and 5 threads give different models");
}
