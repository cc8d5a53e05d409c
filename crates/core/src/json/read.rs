//! The JSON parser: recursive descent over the bytes of a `&str`.

use super::{Invalid, Json, Num};

/// Containers nested deeper than this are refused, as `serde_json` does
/// (its recursion limit of 128 allows 127 levels).
const MAX_DEPTH: usize = 127;

/// Parses `text` as one JSON value with only whitespace around it.
pub fn parse(text: &str) -> Result<Json, Invalid> {
    let mut p = Parser {
        text,
        bytes: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    let value = p.value()?;
    p.skip_ws();
    if p.pos < p.bytes.len() {
        return Err(Invalid(p.pos));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn fail<T>(&self) -> Result<T, Invalid> {
        Err(Invalid(self.pos))
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// Skips whitespace, then takes `byte` if it is next.
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_ws();
        let ate = self.peek() == Some(byte);
        if ate {
            self.pos += 1;
        }
        ate
    }

    fn value(&mut self) -> Result<Json, Invalid> {
        self.skip_ws();
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') => self.word("true", Json::Bool(true)),
            Some(b'f') => self.word("false", Json::Bool(false)),
            Some(b'n') => self.word("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Json::Num),
            _ => self.fail(),
        }
    }

    fn word(&mut self, word: &str, value: Json) -> Result<Json, Invalid> {
        if !self.bytes[self.pos..].starts_with(word.as_bytes()) {
            return self.fail();
        }
        self.pos += word.len();
        Ok(value)
    }

    fn enter(&mut self) -> Result<(), Invalid> {
        if self.depth >= MAX_DEPTH {
            return self.fail();
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Result<Json, Invalid> {
        self.enter()?;
        let mut items = Vec::new();
        if !self.eat(b']') {
            loop {
                items.push(self.value()?);
                if self.eat(b']') {
                    break;
                }
                if !self.eat(b',') {
                    return self.fail();
                }
            }
        }
        self.depth -= 1;
        Ok(Json::Arr(items))
    }

    fn object(&mut self) -> Result<Json, Invalid> {
        self.enter()?;
        let mut members: Vec<(String, Json)> = Vec::new();
        if !self.eat(b'}') {
            loop {
                self.skip_ws();
                let at = self.pos;
                if self.peek() != Some(b'"') {
                    return self.fail();
                }
                let key = self.string()?;
                if members.iter().any(|(k, _)| *k == key) {
                    return Err(Invalid(at));
                }
                if !self.eat(b':') {
                    return self.fail();
                }
                let value = self.value()?;
                members.push((key, value));
                if self.eat(b'}') {
                    break;
                }
                if !self.eat(b',') {
                    return self.fail();
                }
            }
        }
        self.depth -= 1;
        Ok(Json::Obj(members))
    }

    /// A string; the cursor is on its opening quote.
    fn string(&mut self) -> Result<String, Invalid> {
        self.pos += 1;
        let mut out = String::new();
        let mut run = self.pos;
        loop {
            match self.peek() {
                Some(b'"') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    out.push_str(&self.text[run..self.pos]);
                    self.pos += 1;
                    let decoded = self.escape()?;
                    out.push(decoded);
                    run = self.pos;
                }
                Some(0x20..) => self.pos += 1,
                // A control character, or the end of the text.
                _ => return self.fail(),
            }
        }
    }

    /// The character of an escape; the cursor is after its backslash.
    fn escape(&mut self) -> Result<char, Invalid> {
        let c = match self.peek() {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                self.pos += 1;
                return self.unicode();
            }
            _ => return self.fail(),
        };
        self.pos += 1;
        Ok(c)
    }

    /// A `\u` escape, with the second half of a surrogate pair; the cursor
    /// is after the `u`.
    fn unicode(&mut self) -> Result<char, Invalid> {
        let first = self.hex4()?;
        let code = match first {
            0xDC00..=0xDFFF => return self.fail(),
            0xD800..=0xDBFF => {
                if !self.bytes[self.pos..].starts_with(b"\\u") {
                    return self.fail();
                }
                self.pos += 2;
                let second = self.hex4()?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return self.fail();
                }
                0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
            }
            n => n,
        };
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.fail(),
        }
    }

    fn hex4(&mut self) -> Result<u32, Invalid> {
        let mut n = 0;
        for _ in 0..4 {
            let digit = match self.peek() {
                Some(b @ b'0'..=b'9') => b - b'0',
                Some(b @ b'a'..=b'f') => b - b'a' + 10,
                Some(b @ b'A'..=b'F') => b - b'A' + 10,
                _ => return self.fail(),
            };
            n = n * 16 + u32::from(digit);
            self.pos += 1;
        }
        Ok(n)
    }

    fn digits(&mut self) -> Result<(), Invalid> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return self.fail();
        }
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        Ok(())
    }

    fn number(&mut self) -> Result<Num, Invalid> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
        }
        // The integer part: `0`, or digits not starting with `0`.
        let mut value: Option<u64> = Some(0);
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                while let Some(b @ b'0'..=b'9') = self.peek() {
                    value = value
                        .and_then(|v| v.checked_mul(10))
                        .and_then(|v| v.checked_add(u64::from(b - b'0')));
                    self.pos += 1;
                }
            }
            _ => return self.fail(),
        }
        let mut float = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digits()?;
            float = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digits()?;
            float = true;
        }
        Ok(match (float, value, negative) {
            (false, Some(n), false) => Num::Uint(n),
            // `-0` is a float in serde_json, as is anything below i64::MIN.
            (false, Some(n @ 1..), true) => match 0i64.checked_sub_unsigned(n) {
                Some(i) => Num::Int(i),
                None => Num::Float,
            },
            _ => Num::Float,
        })
    }
}
