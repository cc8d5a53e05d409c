//! Fuzzes the guide loader: any text must load or fail with problems, never
//! panic; every problem has a position; a guide that loads survives a
//! serialize-and-load round trip unchanged; bodies parse as markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lotse_core::guide::load;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = std::str::from_utf8(data) else {
        return;
    };
    match load("fuzz.json", json) {
        Ok(loaded) => {
            let again = serde_json::to_string(&loaded.guide).expect("a guide serializes");
            let reloaded = load("again.json", &again).expect("a serialized guide loads");
            assert_eq!(loaded.guide, reloaded.guide);
            for step in &loaded.guide.steps {
                let _ = lotse_core::markup::parse(step.body.resolve("en", "en"));
            }
        }
        Err(problems) => {
            assert!(!problems.problems.is_empty());
            assert!(problems.problems.iter().all(|p| p.line.is_some()));
        }
    }
});
