//! A validated guide serializes to guide JSON v1 that loads into the same
//! guide (and serializes to the same JSON again).

use lotse_core::guide::load;

use super::{data, guides_dir, json_files, read};

#[test]
fn serialized_guides_load_back_unchanged() {
    let mut files = json_files(&data("valid"));
    files.extend(json_files(&guides_dir()));
    for path in files {
        let name = path.display().to_string();
        let first = load(&name, &read(&path))
            .unwrap_or_else(|p| panic!("{}", p.render()))
            .guide;
        let json = serde_json::to_string_pretty(&first).expect("guide serializes");
        let second = load("round-trip.json", &json)
            .unwrap_or_else(|p| panic!("{name} serialized:\n{json}\n{}", p.render()))
            .guide;
        assert_eq!(first, second, "{name}");
        let again = serde_json::to_string_pretty(&second).expect("guide serializes");
        assert_eq!(json, again, "{name}");
    }
}
