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
