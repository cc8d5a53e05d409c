//! `lotse prune --older-than 400d`: retention. Deletes the events the
//! server received before the cutoff and prints how many.

use std::io::Write;
use std::str::FromStr;

use clap::Args;

use crate::store::{Store, StoreError};

/// Options of `lotse prune`.
#[derive(Debug, Args)]
pub struct Prune {
    /// Delete events received longer ago than this: a whole number of
    /// days (`400d`) or hours (`12h`).
    #[arg(long = "older-than", value_name = "AGE")]
    pub older_than: Age,
    /// The store: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://lotse.db",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: String,
}

impl Prune {
    /// Deletes the events received before `now_ms - older_than` and prints
    /// `pruned N event(s) received before <cutoff ms>` to `out`.
    pub async fn run(&self, now_ms: i64, out: &mut impl Write) -> Result<u64, PruneError> {
        let store = Store::open(&self.database).await?;
        let cutoff = now_ms.saturating_sub(self.older_than.ms());
        let deleted = store.prune(cutoff).await;
        store.close().await;
        let deleted = deleted?;
        writeln!(
            out,
            "pruned {deleted} event(s) received more than {} ago (before {cutoff} ms since the Unix epoch)",
            self.older_than
        )?;
        Ok(deleted)
    }
}

/// Why `lotse prune` failed.
#[derive(Debug, thiserror::Error)]
pub enum PruneError {
    /// The store could not be opened or the delete failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The report could not be printed.
    #[error("printing: {0}")]
    Io(#[from] std::io::Error),
}

/// An age: days or hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Whole days.
    Days(u32),
    /// Whole hours.
    Hours(u32),
}

impl Age {
    /// The age in milliseconds.
    pub fn ms(self) -> i64 {
        match self {
            Age::Days(d) => i64::from(d) * 86_400_000,
            Age::Hours(h) => i64::from(h) * 3_600_000,
        }
    }
}

impl std::fmt::Display for Age {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Age::Days(d) => write!(f, "{d}d"),
            Age::Hours(h) => write!(f, "{h}h"),
        }
    }
}

/// Why an age was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("age {0:?} must be a whole number of days or hours, e.g. 400d or 12h")]
pub struct AgeError(String);

impl FromStr for Age {
    type Err = AgeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || AgeError(s.to_string());
        let (number, unit): (&str, fn(u32) -> Age) = if let Some(n) = s.strip_suffix('d') {
            (n, Age::Days)
        } else if let Some(n) = s.strip_suffix('h') {
            (n, Age::Hours)
        } else {
            return Err(bad());
        };
        if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        number.parse().map(unit).map_err(|_| bad())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages() {
        let cases = [
            ("400d", Ok(400 * 86_400_000)),
            ("12h", Ok(12 * 3_600_000)),
            ("0d", Ok(0)),
            ("d", Err(())),
            ("12", Err(())),
            ("1.5d", Err(())),
            ("-3d", Err(())),
            ("3w", Err(())),
            ("", Err(())),
            ("4\u{e9}", Err(())),
            ("99999999999d", Err(())),
        ];
        for (text, want) in cases {
            let got = text.parse::<Age>().map(Age::ms).map_err(|_| ());
            assert_eq!(got, want, "{text}");
        }
    }
}
