//! The widget's build script: the overlay's CSS (`src/overlay.css`, which
//! ends up as a string in the wasm) minified into `OUT_DIR` for
//! `src/host.rs`: comments dropped, whitespace collapsed, and spaces and
//! last semicolons next to `{ } ; , :` removed. Quoted strings are copied
//! as written; a space before `:` (a descendant pseudo-class) is kept.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=src/overlay.css");
    let css = std::fs::read_to_string("src/overlay.css").expect("src/overlay.css is readable");
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out_dir).join("overlay.css"), minify(&css))
        .expect("OUT_DIR is writable");
}

fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    let tight = |out: &String| out.is_empty() || out.ends_with(['{', '}', ';', ',', ':', '(']);
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            '{' | '}' | ';' | ',' | ':' => {
                if c == ':' && space && !tight(&out) {
                    out.push(' ');
                }
                if c == '}' && out.ends_with(';') {
                    out.pop();
                }
                out.push(c);
                space = false;
            }
            _ => {
                if space && !tight(&out) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                if c == '"' || c == '\'' {
                    while let Some(s) = chars.next() {
                        out.push(s);
                        if s == '\\' {
                            if let Some(escaped) = chars.next() {
                                out.push(escaped);
                            }
                        } else if s == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}
