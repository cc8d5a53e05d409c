//! The rows of one commit, shared by both backends: each event once (the
//! first of equal site and id wins), and afterwards how many new rows each
//! request brought, from the `(site, id)` pairs the multi-row INSERT
//! returned (`ON CONFLICT DO NOTHING ... RETURNING site, id`).

use std::collections::{HashMap, HashSet};

use super::NewEvent;

/// One row to insert and the index of the group (request) it came from.
pub(super) type Row<'a> = (usize, NewEvent<'a>);

/// The distinct events of `groups`, in order. A repeat of a site and id
/// earlier in the same commit is left out: it counts as a duplicate of
/// its own group.
pub(super) fn distinct<'a>(groups: &[Vec<NewEvent<'a>>]) -> Vec<Row<'a>> {
    let mut seen = HashSet::new();
    let mut rows = Vec::with_capacity(groups.iter().map(Vec::len).sum());
    for (group, events) in groups.iter().enumerate() {
        for new in events {
            if seen.insert((new.site, new.event.id.as_str())) {
                rows.push((group, *new));
            }
        }
    }
    rows
}

/// Per group, how many of its rows the store reports as newly inserted.
pub(super) fn tally(groups: usize, rows: &[Row<'_>], inserted: &[(String, String)]) -> Vec<u64> {
    let owner: HashMap<(&str, &str), usize> = rows
        .iter()
        .map(|(group, new)| ((new.site, new.event.id.as_str()), *group))
        .collect();
    let mut counts = vec![0; groups];
    for (site, id) in inserted {
        if let Some(&group) = owner.get(&(site.as_str(), id.as_str())) {
            counts[group] += 1;
        }
    }
    counts
}

/// Splits `len` rows into statement sizes from a few fixed ones, so that
/// each backend prepares (and caches) at most this many statements.
pub(super) fn chunks(mut len: usize, sizes: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    while len > 0 {
        let size = sizes
            .iter()
            .copied()
            .find(|&n| n > 0 && n <= len)
            .unwrap_or(1);
        out.push(size);
        len -= size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunk_sizes_cover_every_row() {
        let sizes = [256, 64, 16, 4, 1];
        let cases: [(usize, &[usize]); 4] = [
            (0, &[]),
            (3, &[1, 1, 1]),
            (20, &[16, 4]),
            (600, &[256, 256, 64, 16, 4, 4]),
        ];
        for (len, want) in cases {
            assert_eq!(chunks(len, &sizes), want, "{len}");
        }
    }
}
