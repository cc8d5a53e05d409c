//! Rate limits of the ingest route, per site and per client address. The
//! address is held only in memory, for the current window, and never stored.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Length of one counting window.
const WINDOW: Duration = Duration::from_secs(60);
/// Requests per window for one site.
pub const PER_SITE: u32 = 60_000;
/// Requests per window from one address. Loopback is exempt: behind a
/// reverse proxy every request comes from it, and local load tests too.
pub const PER_ADDRESS: u32 = 600;

/// Fixed-window request counters.
#[derive(Debug, Default)]
pub struct Limiter {
    windows: Mutex<Windows>,
}

#[derive(Debug, Default)]
struct Windows {
    start: Option<Instant>,
    sites: HashMap<String, u32>,
    addresses: HashMap<IpAddr, u32>,
}

impl Limiter {
    /// Counts a request; `Err(seconds)` when over a limit, with the time
    /// until the window ends.
    pub fn check(&self, site: &str, address: Option<IpAddr>, now: Instant) -> Result<(), u64> {
        let Ok(mut w) = self.windows.lock() else {
            // A poisoned lock only means a panic elsewhere; do not limit.
            return Ok(());
        };
        let start = *w.start.get_or_insert(now);
        let elapsed = now.saturating_duration_since(start);
        if elapsed >= WINDOW {
            w.start = Some(now);
            w.sites.clear();
            w.addresses.clear();
        }
        let retry_after = WINDOW.saturating_sub(elapsed.min(WINDOW)).as_secs().max(1);
        let site_count = w.sites.entry(site.to_string()).or_default();
        *site_count += 1;
        if *site_count > PER_SITE {
            return Err(retry_after);
        }
        if let Some(ip) = address.filter(|ip| !ip.is_loopback()) {
            let count = w.addresses.entry(ip).or_default();
            *count += 1;
            if *count > PER_ADDRESS {
                return Err(retry_after);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_over_its_limit_waits_for_the_next_window() {
        let limiter = Limiter::default();
        let t0 = Instant::now();
        let ip: IpAddr = "192.0.2.7".parse().expect("ip");
        let other: IpAddr = "192.0.2.8".parse().expect("ip");
        for _ in 0..PER_ADDRESS {
            assert_eq!(limiter.check("demo", Some(ip), t0), Ok(()));
        }
        let refused = limiter.check("demo", Some(ip), t0 + Duration::from_secs(20));
        assert_eq!(refused, Err(40));
        assert_eq!(limiter.check("demo", Some(other), t0), Ok(()));
        assert_eq!(limiter.check("demo", Some(ip), t0 + WINDOW), Ok(()));
        let local: IpAddr = "127.0.0.1".parse().expect("ip");
        for _ in 0..PER_ADDRESS + 10 {
            assert_eq!(limiter.check("demo", Some(local), t0 + WINDOW), Ok(()));
        }
    }
}
