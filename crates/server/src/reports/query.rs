//! The report query string (`?version=&from=&to=&locale=&device=&path=`),
//! shared by the API, the dashboard's GET form and `lotse report`, turned
//! into a [`Filter`]. Empty values (an untouched form field) mean "any".

use lotse_core::event::Device;
use lotse_core::funnel::Filter;
use serde::{Deserialize, Serialize};

use crate::error::FieldError;

/// One day in ms.
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The query parameters of every report, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
pub struct ReportQuery {
    /// A guide version (whole number >= 1), or empty / `all`.
    #[serde(default)]
    pub version: Option<String>,
    /// From: ms since the epoch, or a day `YYYY-MM-DD` (UTC, from its start).
    #[serde(default)]
    pub from: Option<String>,
    /// To: ms since the epoch (exclusive), or a day `YYYY-MM-DD` (UTC,
    /// inclusive).
    #[serde(default)]
    pub to: Option<String>,
    /// Locale tag or language (`de` matches `de-DE`).
    #[serde(default)]
    pub locale: Option<String>,
    /// `mobile`, `tablet` or `desktop`.
    #[serde(default)]
    pub device: Option<String>,
    /// URL path.
    #[serde(default)]
    pub path: Option<String>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

impl ReportQuery {
    /// The filter these parameters describe; every bad one is named.
    pub fn filter(&self) -> Result<Filter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut filter = Filter::default();
        if let Some(v) = given(&self.version).filter(|v| *v != "all") {
            match v.parse::<u32>() {
                Ok(n) if n >= 1 => filter.version = Some(n),
                _ => errors.push(FieldError::request(
                    "version",
                    "must be a whole number of at least 1, or all",
                )),
            }
        }
        for (field, value, end) in [("from", &self.from, false), ("to", &self.to, true)] {
            let Some(v) = given(value) else { continue };
            match parse_time(v, end) {
                Some(ms) if end => filter.to_ms = Some(ms),
                Some(ms) => filter.from_ms = Some(ms),
                None => errors.push(FieldError::request(
                    field,
                    "must be a day YYYY-MM-DD or ms since 1970-01-01",
                )),
            }
        }
        if let Some(v) = given(&self.locale) {
            if v.len() <= 35 && v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                filter.locale = Some(v.to_string());
            } else {
                errors.push(FieldError::request(
                    "locale",
                    "must be a locale tag like de-DE",
                ));
            }
        }
        if let Some(v) = given(&self.device) {
            match v {
                "mobile" => filter.device = Some(Device::Mobile),
                "tablet" => filter.device = Some(Device::Tablet),
                "desktop" => filter.device = Some(Device::Desktop),
                _ => errors.push(FieldError::request(
                    "device",
                    "must be mobile, tablet or desktop",
                )),
            }
        }
        if let Some(v) = given(&self.path) {
            if v.len() <= 2048 {
                filter.path = Some(v.to_string());
            } else {
                errors.push(FieldError::request("path", "must be at most 2048 bytes"));
            }
        }
        if errors.is_empty() {
            Ok(filter)
        } else {
            Err(errors)
        }
    }
}

/// ms since the epoch, or the start of a UTC day (of the day after, for
/// an inclusive `end`).
pub fn parse_time(value: &str, end: bool) -> Option<i64> {
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return value.parse().ok();
    }
    let mut parts = value.splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if !(1970..=9999).contains(&y) || !(1..=12).contains(&m) || d < 1 || d > days_in(y, m) {
        return None;
    }
    let day = days_from_civil(y, m, d) + i64::from(end);
    Some(day * DAY_MS)
}

/// `YYYY-MM-DD` of the UTC day containing `ms` (for an exclusive end, pass
/// `ms - 1`).
pub fn format_day(ms: i64) -> String {
    let (y, m, d) = civil_from_days(ms.div_euclid(DAY_MS));
    format!("{y:04}-{m:02}-{d:02}")
}

fn days_in(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_ms() {
        let cases = [
            ("1970-01-01", false, Some(0)),
            ("1970-01-01", true, Some(DAY_MS)),
            ("2026-11-23", false, Some(1_795_392_000_000)),
            ("2024-02-29", false, Some(1_709_164_800_000)),
            ("2023-02-29", false, None),
            ("12345", false, Some(12345)),
            ("yesterday", false, None),
        ];
        for (text, end, want) in cases {
            assert_eq!(parse_time(text, end), want, "{text}");
        }
        assert_eq!(format_day(1_795_392_000_000), "2026-11-23");
        assert_eq!(format_day(1_709_164_800_000 + 5), "2024-02-29");
    }
}
