//! A syntax check for CSS selectors, so a guide with `div >` or `[data-x`
//! fails validation instead of throwing in the visitor's browser.
//!
//! It is not a full CSS parser: it checks the grammar `querySelector`
//! accepts (selector lists; compounds of type, `#id`, `.class`,
//! `[attribute]` and `:pseudo-class` parts; the combinators space, `>`, `+`,
//! `~`; strings and escapes) and knows the standard pseudo-class names.

use std::fmt;

/// Why a selector does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectorError {
    /// 0-based character offset where the problem was found.
    pub offset: usize,
    /// A plain sentence (without the `diagnostics` feature, the widget's
    /// build, always `invalid`).
    pub reason: String,
}

impl fmt::Display for SelectorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.reason, self.offset + 1)
    }
}

/// Facts about a valid selector that guide validation warns about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Combinators (space, `>`, `+`, `~`) in the whole selector.
    pub combinators: usize,
    /// Whether it uses a positional pseudo-class (`:nth-child`, `:first-of-type`, ...).
    pub positional: bool,
}

/// Checks the syntax of `selector`.
pub fn check(selector: &str) -> Result<Shape, SelectorError> {
    let mut p = Parser {
        chars: selector.chars().collect(),
        pos: 0,
        shape: Shape::default(),
        depth: 0,
    };
    p.skip_ws();
    if p.peek().is_none() {
        return Err(p.fail("the selector is empty"));
    }
    p.list(false, None)?;
    Ok(p.shape)
}

#[rustfmt::skip]
const PSEUDO_CLASSES: &[&str] = &[
    "active", "any-link", "autofill", "checked", "default", "defined", "disabled", "empty",
    "enabled", "first-child", "first-of-type", "focus", "focus-visible", "focus-within",
    "fullscreen", "hover", "in-range", "indeterminate", "invalid", "last-child", "last-of-type",
    "link", "modal", "only-child", "only-of-type", "open", "optional", "out-of-range",
    "placeholder-shown", "popover-open", "read-only", "read-write", "required", "root", "scope",
    "target", "user-invalid", "user-valid", "valid", "visited",
];
#[rustfmt::skip]
const PSEUDO_FUNCTIONS: &[&str] = &[
    "dir", "has", "is", "lang", "not", "nth-child", "nth-last-child", "nth-last-of-type",
    "nth-of-type", "where",
];
const PSEUDO_ELEMENTS: &[&str] = &["after", "before", "first-letter", "first-line"];
#[rustfmt::skip]
const POSITIONAL: &[&str] = &[
    "first-child", "first-of-type", "last-child", "last-of-type", "nth-child", "nth-last-child",
    "nth-last-of-type", "nth-of-type", "only-child", "only-of-type",
];
const MAX_DEPTH: usize = 16;

struct Parser {
    chars: Vec<char>,
    pos: usize,
    shape: Shape,
    depth: usize,
}

type Parsed<T = ()> = Result<T, SelectorError>;

// Without `diagnostics`, `reason!` drops the values its messages name.
#[cfg_attr(not(feature = "diagnostics"), allow(unused_variables))]
impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn fail(&self, reason: impl Into<String>) -> SelectorError {
        #[cfg(not(feature = "diagnostics"))]
        let reason = {
            drop(reason);
            "invalid"
        };
        SelectorError {
            offset: self.pos,
            reason: reason.into(),
        }
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// A comma-separated list of complex selectors, up to `close` or the end.
    fn list(&mut self, relative: bool, close: Option<char>) -> Parsed {
        loop {
            self.skip_ws();
            self.complex(relative)?;
            self.skip_ws();
            match (self.peek(), close) {
                (Some(','), _) => self.pos += 1,
                (None, None) => return Ok(()),
                (Some(c), Some(end)) if c == end => return Ok(()),
                (None, Some(end)) => return Err(self.fail(reason!("a {end:?} is missing"))),
                (Some(c), _) => return Err(self.fail(reason!("{c:?} is not expected here"))),
            }
        }
    }

    /// Compounds joined by combinators.
    fn complex(&mut self, relative: bool) -> Parsed {
        if let Some(c @ ('>' | '+' | '~')) = self.peek() {
            if !relative {
                return Err(self.fail(reason!("{c:?} has no selector before it")));
            }
            self.pos += 1;
            self.shape.combinators += 1;
            self.skip_ws();
        }
        self.compound()?;
        loop {
            let spaced = self.skip_ws();
            match self.peek() {
                Some(c @ ('>' | '+' | '~')) => {
                    self.pos += 1;
                    self.skip_ws();
                    if matches!(self.peek(), None | Some(',' | ')' | '>' | '+' | '~')) {
                        return Err(self.fail(reason!("nothing follows {c:?}")));
                    }
                }
                Some(c) if spaced && c != ',' && c != ')' => {}
                _ => return Ok(()),
            }
            self.shape.combinators += 1;
            self.compound()?;
        }
    }

    /// A type or `*`, then any number of `#id`, `.class`, `[attr]`, `:pseudo`.
    fn compound(&mut self) -> Parsed {
        let start = self.pos;
        if self.peek() == Some('*') {
            self.pos += 1;
        } else if self.ident_starts() {
            self.ident()?;
        }
        loop {
            match self.peek() {
                Some(c @ ('#' | '.')) => {
                    self.pos += 1;
                    if !self.ident_starts() {
                        let what = if c == '#' { "an id" } else { "a class name" };
                        return Err(self.fail(reason!("{c:?} must be followed by {what}")));
                    }
                    self.ident()?;
                }
                Some('[') => self.attribute()?,
                Some(':') => self.pseudo()?,
                _ => break,
            }
        }
        if self.pos == start {
            return Err(match self.peek() {
                None => self.fail("a selector is missing at the end"),
                Some(c) => self.fail(reason!("{c:?} is not expected here")),
            });
        }
        Ok(())
    }

    fn ident_starts(&self) -> bool {
        let start = |c: Option<char>| {
            c.is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '\\' || !c.is_ascii())
        };
        match self.peek() {
            Some('-') => start(self.peek_at(1)) || self.peek_at(1) == Some('-'),
            c => start(c),
        }
    }

    fn ident(&mut self) -> Parsed<String> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '\\' {
                self.escape()?;
                name.push('\\');
            } else if c.is_ascii_alphanumeric() || c == '-' || c == '_' || !c.is_ascii() {
                name.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        Ok(name)
    }

    fn escape(&mut self) -> Parsed {
        self.pos += 1;
        match self.peek() {
            None | Some('\n') => Err(self.fail("a backslash escapes nothing")),
            Some(_) => {
                self.pos += 1;
                Ok(())
            }
        }
    }

    fn string(&mut self, quote: char) -> Parsed {
        let start = self.pos;
        self.pos += 1;
        loop {
            match self.peek() {
                None | Some('\n') => {
                    self.pos = start;
                    return Err(self.fail(reason!("the string opened by {quote:?} is not closed")));
                }
                Some('\\') => self.escape()?,
                Some(c) => {
                    self.pos += 1;
                    if c == quote {
                        return Ok(());
                    }
                }
            }
        }
    }

    fn attribute(&mut self) -> Parsed {
        let open = self.pos;
        self.pos += 1;
        self.skip_ws();
        if !self.ident_starts() {
            return Err(self.fail("an attribute name is missing after '['"));
        }
        self.ident()?;
        self.skip_ws();
        let op = match (self.peek(), self.peek_at(1)) {
            (Some('='), _) => 1,
            (Some('~' | '|' | '^' | '$' | '*'), Some('=')) => 2,
            _ => 0,
        };
        if op > 0 {
            self.pos += op;
            self.skip_ws();
            match self.peek() {
                Some(q @ ('"' | '\'')) => self.string(q)?,
                _ if self.ident_starts() => {
                    self.ident()?;
                }
                _ => return Err(self.fail("an attribute value that is not a name must be quoted")),
            }
            self.skip_ws();
            if let Some('i' | 'I' | 's' | 'S') = self.peek() {
                self.pos += 1;
                self.skip_ws();
            }
        }
        match self.peek() {
            Some(']') => {
                self.pos += 1;
                Ok(())
            }
            None => {
                self.pos = open;
                Err(self.fail("the '[' is not closed"))
            }
            Some(c) => Err(self.fail(reason!("{c:?} is not expected in an attribute selector"))),
        }
    }

    fn pseudo(&mut self) -> Parsed {
        self.pos += 1;
        let element = self.peek() == Some(':');
        if element {
            self.pos += 1;
        }
        let at = self.pos;
        if !self.ident_starts() {
            return Err(self.fail("a pseudo-class name is missing after ':'"));
        }
        let name = self.ident()?.to_ascii_lowercase();
        if element || PSEUDO_ELEMENTS.contains(&name.as_str()) {
            return Err(SelectorError {
                offset: at,
                reason: reason!("pseudo-elements like ::{name} never match an element"),
            });
        }
        self.shape.positional |= POSITIONAL.contains(&name.as_str());
        let vendor = name.starts_with('-');
        if self.peek() != Some('(') {
            if vendor || PSEUDO_CLASSES.contains(&name.as_str()) {
                return Ok(());
            }
            return Err(SelectorError {
                offset: at,
                reason: reason!(
                    ":{name} is not a known pseudo-class{}",
                    crate::suggest::did_you_mean(&name, PSEUDO_CLASSES)
                ),
            });
        }
        if !vendor && !PSEUDO_FUNCTIONS.contains(&name.as_str()) {
            return Err(SelectorError {
                offset: at,
                reason: reason!(
                    ":{name}() is not a known pseudo-class{}",
                    crate::suggest::did_you_mean(&name, PSEUDO_FUNCTIONS)
                ),
            });
        }
        self.pos += 1;
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.fail("pseudo-classes are nested too deeply"));
        }
        match name.as_str() {
            "not" | "is" | "where" | "has" => self.list(name == "has", Some(')'))?,
            _ => self.arguments()?,
        }
        self.depth -= 1;
        self.pos += 1; // the ')' that `list` or `arguments` stopped at
        Ok(())
    }

    /// Arguments that are not selectors (`2n+1`, `en`): non-empty and balanced.
    fn arguments(&mut self) -> Parsed {
        let start = self.pos;
        let mut depth = 0usize;
        loop {
            match self.peek() {
                None => return Err(self.fail("a ')' is missing")),
                Some(q @ ('"' | '\'')) => self.string(q)?,
                Some('\\') => self.escape()?,
                Some('(') => {
                    depth += 1;
                    self.pos += 1;
                }
                Some(')') if depth == 0 => break,
                Some(')') => {
                    depth -= 1;
                    self.pos += 1;
                }
                Some(_) => self.pos += 1,
            }
        }
        if self.chars[start..self.pos]
            .iter()
            .all(|c| c.is_whitespace())
        {
            return Err(self.fail("the parentheses are empty"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
