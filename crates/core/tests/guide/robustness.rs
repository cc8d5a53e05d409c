//! The loader never panics on damaged input: prefixes of every test guide,
//! and guides with single characters deleted or replaced, load or fail with
//! located problems. (The `fuzz/` target explores further.)

use lotse_core::guide::load;

use super::{data, guides_dir, json_files, read};

fn survives(json: &str) {
    match load("damaged.json", json) {
        Ok(loaded) => {
            let again = serde_json::to_string(&loaded.guide).expect("guide serializes");
            let reloaded = load("again.json", &again).expect("serialized guide loads");
            assert_eq!(loaded.guide, reloaded.guide, "{json}");
        }
        Err(problems) => {
            assert!(!problems.problems.is_empty(), "{json}");
            assert!(problems.problems.iter().all(|p| p.line.is_some()), "{json}");
        }
    }
}

#[test]
fn damaged_guides_fail_cleanly() {
    let mut files = json_files(&data("valid"));
    files.extend(json_files(&data("invalid")));
    files.extend(json_files(&guides_dir()));
    for path in files {
        let json = read(&path);
        let cuts: Vec<usize> = json.char_indices().map(|(i, _)| i).collect();
        // Every third prefix; at every eleventh character, delete it or swap
        // in JSON punctuation (all of them would take too long in debug).
        for (n, &i) in cuts.iter().enumerate() {
            if n % 3 == 0 {
                survives(&json[..i]);
            }
            if n % 11 == 0 {
                let next = cuts.get(n + 1).copied().unwrap_or(json.len());
                survives(&format!("{}{}", &json[..i], &json[next..]));
                for c in ["\"", "{", "]", ",", "\\", "*", "["] {
                    survives(&format!("{}{c}{}", &json[..i], &json[next..]));
                }
            }
        }
    }
}
