//! Maps JSON paths (`$.steps[2].placement`) back to line:column in the
//! guide's text, so every problem points at the spot an author has to fix.
//!
//! A small scanner over text that serde has already accepted as JSON: it
//! records where each member's key and each array element starts, and which
//! keys appear twice in one object (serde keeps the last one silently).

use std::collections::HashMap;

/// Positions of the values in one JSON text, by JSON path.
pub(super) struct Positions {
    at: HashMap<String, (usize, usize)>,
    /// Paths of keys that appear more than once in their object, with the
    /// position of each repetition.
    pub duplicates: Vec<(String, (usize, usize))>,
}

impl Positions {
    /// Indexes `json`.
    pub fn index(json: &str) -> Self {
        let mut scan = Scanner {
            chars: json.chars().collect(),
            pos: 0,
            line: 1,
            column: 1,
            found: Positions {
                at: HashMap::new(),
                duplicates: Vec::new(),
            },
        };
        scan.skip_ws();
        let here = scan.here();
        scan.found.at.insert("$".to_string(), here);
        scan.value("$", 0);
        scan.found
    }

    /// 1-based line and column of `path`, or of its nearest ancestor that
    /// is in the text (a missing field points at its object).
    pub fn find(&self, path: &str) -> (usize, usize) {
        let mut path = path;
        loop {
            if let Some(at) = self.at.get(path) {
                return *at;
            }
            match path.rfind(['.', '[']) {
                Some(cut) if cut > 0 => path = &path[..cut],
                _ => return (1, 1),
            }
        }
    }
}

/// Deeper than serde_json's own recursion limit: never reached on text
/// that serde accepted, but it keeps the scanner safe on any input.
const MAX_DEPTH: usize = 256;

struct Scanner {
    chars: Vec<char>,
    pos: usize,
    line: usize,
    column: usize,
    found: Positions,
}

impl Scanner {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn here(&self) -> (usize, usize) {
        (self.line, self.column)
    }

    fn bump(&mut self) {
        if let Some(c) = self.peek() {
            self.pos += 1;
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        let ate = self.peek() == Some(c);
        if ate {
            self.bump();
        }
        ate
    }

    fn value(&mut self, path: &str, depth: usize) {
        self.skip_ws();
        if depth > MAX_DEPTH {
            return;
        }
        match self.peek() {
            Some('{') => self.object(path, depth),
            Some('[') => self.array(path, depth),
            Some('"') => {
                self.string();
            }
            _ => {
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace())
                {
                    self.bump();
                }
                if self.pos == start {
                    self.bump();
                }
            }
        }
    }

    fn object(&mut self, path: &str, depth: usize) {
        self.bump();
        if self.eat('}') {
            return;
        }
        loop {
            self.skip_ws();
            if self.peek() != Some('"') {
                return;
            }
            let at = self.here();
            let key = self.string();
            let member = format!("{path}.{key}");
            if self.found.at.contains_key(&member) {
                self.found.duplicates.push((member.clone(), at));
            } else {
                self.found.at.insert(member.clone(), at);
            }
            if !self.eat(':') {
                return;
            }
            self.value(&member, depth + 1);
            if !self.eat(',') {
                self.eat('}');
                return;
            }
        }
    }

    fn array(&mut self, path: &str, depth: usize) {
        self.bump();
        if self.eat(']') {
            return;
        }
        for i in 0.. {
            self.skip_ws();
            let element = format!("{path}[{i}]");
            let here = self.here();
            self.found.at.insert(element.clone(), here);
            let before = self.pos;
            self.value(&element, depth + 1);
            if self.pos == before || !self.eat(',') {
                self.eat(']');
                return;
            }
        }
    }

    /// Reads a string token (the cursor is on its opening quote) and returns
    /// its content, escapes decoded as far as paths need.
    fn string(&mut self) -> String {
        self.bump();
        let mut s = String::new();
        while let Some(c) = self.peek() {
            self.bump();
            match c {
                '"' => break,
                '\\' => {
                    let escaped = self.peek();
                    self.bump();
                    match escaped {
                        Some('u') => {
                            let hex: String = self.chars.iter().skip(self.pos).take(4).collect();
                            for _ in 0..4 {
                                self.bump();
                            }
                            let decoded =
                                u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                            s.push(decoded.unwrap_or('\u{fffd}'));
                        }
                        Some('n') => s.push('\n'),
                        Some('t') => s.push('\t'),
                        Some(other) => s.push(other),
                        None => {}
                    }
                }
                c => s.push(c),
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keys_elements_and_ancestors() {
        let json = "{\n  \"id\": \"x\",\n  \"steps\": [\n    { \"id\": \"a\" },\n    {\n      \"placement\": \"bottum\"\n    }\n  ]\n}";
        let p = Positions::index(json);
        assert_eq!(p.find("$"), (1, 1));
        assert_eq!(p.find("$.id"), (2, 3));
        assert_eq!(p.find("$.steps[0]"), (4, 5));
        assert_eq!(p.find("$.steps[0].id"), (4, 7));
        assert_eq!(p.find("$.steps[1].placement"), (6, 7));
        assert_eq!(p.find("$.steps[1].title"), (5, 5));
        assert_eq!(p.find("$.nothing.deeper"), (1, 1));
        assert!(p.duplicates.is_empty());
    }

    #[test]
    fn reports_repeated_keys() {
        let p = Positions::index(r#"{"title": "a", "x": {"k\u0041": 1, "kA": 2}, "title": "b"}"#);
        let paths: Vec<_> = p.duplicates.iter().map(|(path, _)| path.as_str()).collect();
        assert_eq!(paths, ["$.x.kA", "$.title"]);
    }
}
