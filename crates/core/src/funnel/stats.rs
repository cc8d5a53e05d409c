//! Rates and percentiles for the funnel.

/// `part / whole`, rounded to 4 decimals; `None` when `whole` is 0.
pub fn rate(part: u64, whole: u64) -> Option<f64> {
    if whole == 0 {
        return None;
    }
    let r = part as f64 / whole as f64;
    Some((r * 10_000.0).round() / 10_000.0)
}

/// The `p`th percentile (0..=100) of ascending `sorted` values by nearest
/// rank: the smallest value with at least `p` percent of the values at or
/// below it. `None` for no values.
pub fn percentile(sorted: &[u64], p: u32) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let n = sorted.len() as u64;
    let rank = (u64::from(p.min(100)) * n).div_ceil(100).max(1);
    let i = usize::try_from(rank - 1).unwrap_or(0);
    sorted.get(i.min(sorted.len() - 1)).copied()
}

/// Significant decimal digits a visible time keeps in the reports.
pub const DWELL_DIGITS: u32 = 3;

/// `ms` rounded down to [`DWELL_DIGITS`] significant digits (exact below
/// 1000 ms, at most 1 % low above): the dwell percentiles are computed over
/// these values, so pre-aggregated histograms give the same numbers as
/// the per-fact computation.
pub fn round_dwell(ms: u64) -> u64 {
    let mut step = 1;
    while ms / step >= 10u64.pow(DWELL_DIGITS) {
        step *= 10;
    }
    ms - ms % step
}

/// The `p`th percentile (nearest rank, as [`percentile`]) of the values in
/// an ascending histogram of (value, count); `None` without values.
pub fn percentile_of_histogram<'a>(
    histogram: impl Iterator<Item = (&'a u64, &'a i64)> + Clone,
    p: u32,
) -> Option<u64> {
    let n: i64 = histogram.clone().map(|(_, c)| (*c).max(0)).sum();
    let n = u64::try_from(n).ok().filter(|&n| n > 0)?;
    let rank = (u64::from(p.min(100)) * n).div_ceil(100).max(1);
    let mut seen = 0u64;
    for (value, count) in histogram {
        seen += u64::try_from(*count).unwrap_or(0);
        if seen >= rank {
            return Some(*value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dwell_keeps_three_digits() {
        let cases = [
            (0, 0),
            (999, 999),
            (1000, 1000),
            (1234, 1230),
            (99_999, 99_900),
            (123_456, 123_000),
        ];
        for (ms, want) in cases {
            assert_eq!(round_dwell(ms), want, "{ms}");
        }
    }

    #[test]
    fn histogram_percentiles_match_sorted_values() {
        let values = [5u64, 5, 7, 9, 9, 9, 12, 40, 41, 41];
        let mut histogram = std::collections::BTreeMap::new();
        for v in values {
            *histogram.entry(v).or_insert(0i64) += 1;
        }
        for p in [0, 1, 50, 89, 90, 99, 100] {
            assert_eq!(
                percentile_of_histogram(histogram.iter(), p),
                percentile(&values, p),
                "p{p}"
            );
        }
    }
}
