//! The committed JSON Schema matches the one the core describes.
//! `LOTSE_BLESS=1 cargo test -p lotse-core --test guide` rewrites it.

use super::{guides_dir, read};

#[test]
fn committed_schema_is_up_to_date() {
    let path = guides_dir().join("guide.schema.json");
    let fresh = serde_json::to_string_pretty(&lotse_core::guide::schema())
        .expect("schema serializes")
        + "\n";
    if std::env::var_os("LOTSE_BLESS").is_some() {
        std::fs::write(&path, &fresh).expect("schema file is writable");
        return;
    }
    let committed = if path.exists() {
        read(&path)
    } else {
        String::new()
    };
    assert!(
        committed == fresh,
        "guides/guide.schema.json is stale; regenerate it with\n    LOTSE_BLESS=1 cargo test -p lotse-core --test guide schema\n(or `lotse schema > guides/guide.schema.json`)"
    );
}
