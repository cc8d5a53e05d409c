//! The visitor's address behind reverse proxies and load balancers, for the
//! per-address rate limit only: it is held in memory for the current
//! window and never stored or logged (docs/privacy.md).
//!
//! Behind a proxy every request comes from the proxy's address, so one
//! busy site would be throttled as if it were one visitor. With
//! `--trusted-proxy` the server believes `X-Forwarded-For`, but only from
//! those addresses, and walks the header from the right (the entries the
//! trusted proxies appended) to the first address that is not a trusted
//! proxy: a visitor can prepend anything, but cannot fake what the proxy
//! appended.

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

use axum::http::HeaderMap;

/// An address range: `10.0.0.0/8`, `fd00::/8`, or one address (`10.0.0.1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    network: IpAddr,
    prefix: u8,
}

/// Why a `--trusted-proxy` value was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CidrError {
    /// The part before `/` is not an IPv4 or IPv6 address.
    #[error("{0:?} is not an IP address (expected e.g. 10.0.0.0/8 or 10.1.2.3)")]
    Address(String),
    /// The prefix length is not a number within the address's bits.
    #[error("prefix length {got:?} must be a number from 0 to {max}")]
    Prefix {
        /// What was given after `/`.
        got: String,
        /// 32 for IPv4, 128 for IPv6.
        max: u8,
    },
}

impl FromStr for Cidr {
    type Err = CidrError;

    fn from_str(s: &str) -> Result<Cidr, CidrError> {
        let s = s.trim();
        let (address, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let network: IpAddr = address
            .parse()
            .map_err(|_| CidrError::Address(address.to_string()))?;
        let max = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => match p.parse::<u8>() {
                Ok(n) if n <= max => n,
                _ => {
                    return Err(CidrError::Prefix {
                        got: p.to_string(),
                        max,
                    })
                }
            },
        };
        Ok(Cidr { network, prefix })
    }
}

impl fmt::Display for Cidr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.network, self.prefix)
    }
}

impl Cidr {
    /// Whether `ip` lies in this range (IPv4-mapped IPv6 addresses count as
    /// their IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (canonical(self.network), ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                same_prefix(&net.octets(), &ip.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                same_prefix(&net.octets(), &ip.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

fn same_prefix(a: &[u8], b: &[u8], prefix: u8) -> bool {
    let full = usize::from(prefix / 8);
    let rest = prefix % 8;
    if a[..full] != b[..full] {
        return false;
    }
    if rest == 0 {
        return true;
    }
    let mask = 0xffu8 << (8 - rest);
    a[full] & mask == b[full] & mask
}

/// The visitor's address: `peer` itself, unless `peer` is a trusted proxy;
/// then the right-most `X-Forwarded-For` entry that is not a trusted proxy
/// (or the left-most entry when all are trusted). An unreadable entry ends
/// the walk at the last good address: a broken header never lets a
/// request pick another visitor's address.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let mut client = peer;
    let entries = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect::<Vec<_>>();
    for entry in entries.iter().rev() {
        let Some(ip) = parse_entry(entry) else {
            return client;
        };
        client = ip;
        if !is_trusted(ip) {
            return ip;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: an address, maybe with a port
/// (`1.2.3.4:5678`, `[::1]:5678`).
fn parse_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim();
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Some(rest) = entry.strip_prefix('[') {
        return rest.split_once(']')?.0.parse().ok();
    }
    entry.rsplit_once(':')?.0.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn cidrs(list: &[&str]) -> Vec<Cidr> {
        list.iter()
            .map(|c| c.parse().expect("valid range"))
            .collect()
    }

    #[test]
    fn ranges_contain_what_they_should() {
        let cases: &[(&str, &str, bool)] = &[
            ("10.0.0.0/8", "10.200.3.4", true),
            ("10.0.0.0/8", "11.0.0.1", false),
            ("192.168.1.0/25", "192.168.1.127", true),
            ("192.168.1.0/25", "192.168.1.128", false),
            ("10.0.0.1", "10.0.0.1", true),
            ("10.0.0.1", "10.0.0.2", false),
            ("0.0.0.0/0", "8.8.8.8", true),
            ("fd00::/8", "fd12::1", true),
            ("fd00::/8", "fe80::1", false),
            ("10.0.0.0/8", "::ffff:10.1.1.1", true),
            ("10.0.0.0/8", "fd00::1", false),
        ];
        for (range, ip, want) in cases {
            let cidr: Cidr = range.parse().expect("valid range");
            let ip: IpAddr = ip.parse().expect("valid address");
            assert_eq!(cidr.contains(ip), *want, "{range} contains {ip}");
        }
    }

    #[test]
    fn bad_ranges_say_what_is_wrong() {
        let cases: &[(&str, &str)] = &[
            ("10.0.0/8", "\"10.0.0\" is not an IP address"),
            (
                "10.0.0.0/33",
                "prefix length \"33\" must be a number from 0 to 32",
            ),
            ("fd00::/129", "from 0 to 128"),
            ("10.0.0.0/x", "prefix length \"x\""),
            ("proxy.local", "\"proxy.local\" is not an IP address"),
        ];
        for (input, want) in cases {
            let err = input.parse::<Cidr>().expect_err(input).to_string();
            assert!(err.contains(want), "{input}: {err}");
        }
    }

    #[test]
    fn the_client_is_the_first_untrusted_hop_from_the_right() {
        let trusted = cidrs(&["10.0.0.0/8"]);
        let cases: &[(&str, &[&str], &str)] = &[
            // Not from a trusted proxy: the header is ignored.
            ("203.0.113.9", &["198.51.100.1"], "203.0.113.9"),
            // From the proxy: its entry is the visitor.
            ("10.0.0.2", &["198.51.100.1"], "198.51.100.1"),
            // A visitor's own forged entries come first and are skipped.
            ("10.0.0.2", &["1.1.1.1, 198.51.100.1"], "198.51.100.1"),
            // Two proxies in a chain.
            ("10.0.0.2", &["198.51.100.1, 10.0.0.7"], "198.51.100.1"),
            // Several header lines count as one list.
            ("10.0.0.2", &["1.1.1.1", "198.51.100.1"], "198.51.100.1"),
            // Ports and brackets.
            ("10.0.0.2", &["198.51.100.1:4711"], "198.51.100.1"),
            ("10.0.0.2", &["[2001:db8::1]:4711"], "2001:db8::1"),
            // No header: the proxy itself.
            ("10.0.0.2", &[], "10.0.0.2"),
            // Garbage ends the walk at the last good hop.
            ("10.0.0.2", &["198.51.100.1, garbage"], "10.0.0.2"),
            // Everyone trusted: the left-most entry.
            ("10.0.0.2", &["10.9.9.9, 10.0.0.7"], "10.9.9.9"),
        ];
        for (peer, forwarded, want) in cases {
            let mut headers = HeaderMap::new();
            for line in *forwarded {
                headers.append(
                    "x-forwarded-for",
                    HeaderValue::from_str(line).expect("header value"),
                );
            }
            let peer: IpAddr = peer.parse().expect("peer");
            let got = client_address(peer, &headers, &trusted);
            assert_eq!(got.to_string(), *want, "{peer} with {forwarded:?}");
        }
    }
}
