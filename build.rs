// Compiles the committed default model into the binary when it exists, so `classify` works
// with no set-up; a checkout without it still builds (commands then ask for --model).
use std::path::Path;

fn main() {
    let model = Path::new("models/topics.json");
    println!("cargo:rerun-if-changed=models/topics.json");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"))
        .join("default_model.json");
    let bytes = std::fs::read(model).unwrap_or_default();
    std::fs::write(&out, bytes).expect("OUT_DIR is writable");
}
