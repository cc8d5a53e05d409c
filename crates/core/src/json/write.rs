//! The JSON writer: compact output, byte for byte what `serde_json`
//! writes for the same strings, integers and objects.

/// Appends `s` as a JSON string: quoted, with `"` and `\` escaped, and
/// control characters as `\b \t \n \f \r` or `\u00xx`.
pub fn string(out: &mut String, s: &str) {
    out.push('"');
    let mut run = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x09 => "\\t",
            0x0A => "\\n",
            0x0C => "\\f",
            0x0D => "\\r",
            0x00..=0x1F => "",
            _ => continue,
        };
        out.push_str(&s[run..i]);
        if escape.is_empty() {
            out.push_str("\\u00");
            out.push(hex(b >> 4));
            out.push(hex(b & 0xF));
        } else {
            out.push_str(escape);
        }
        run = i + 1;
    }
    out.push_str(&s[run..]);
    out.push('"');
}

fn hex(nibble: u8) -> char {
    char::from(b"0123456789abcdef"[usize::from(nibble & 0xF)])
}

/// Appends `n` in decimal.
pub fn uint(out: &mut String, n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

/// Appends `n` in decimal, with a `-` if it is negative.
pub fn int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    uint(out, n.unsigned_abs());
}

/// Appends `true` or `false`.
pub fn boolean(out: &mut String, b: bool) {
    out.push_str(if b { "true" } else { "false" });
}

/// An object being written: `{`, then members separated by commas, then
/// `}` on [`Object::end`].
pub struct Object<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> Object<'a> {
    /// Starts an object at the end of `out`.
    pub fn new(out: &'a mut String) -> Self {
        out.push('{');
        Self { out, first: true }
    }

    /// Writes `"key":` (the key is written as is: plain ASCII names only)
    /// and returns the output for the member's value.
    pub fn key(&mut self, key: &str) -> &mut String {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        self.out.push('"');
        self.out.push_str(key);
        self.out.push_str("\":");
        self.out
    }

    /// A string member.
    pub fn string(&mut self, key: &str, value: &str) {
        string(self.key(key), value);
    }

    /// An unsigned integer member.
    pub fn uint(&mut self, key: &str, value: u64) {
        uint(self.key(key), value);
    }

    /// Closes the object.
    pub fn end(self) {
        self.out.push('}');
    }
}
