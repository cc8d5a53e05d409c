//! What a running server is told: store URL, folders to serve, and the sites
//! allowed to send events.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;

use crate::proxy::Cidr;

/// Everything [`crate::run`] needs to know. Build it by hand in tests, or
/// from the command line with `lotse serve`.
#[derive(Clone)]
pub struct Config {
    /// Where events are stored: `sqlite://PATH` (created if missing) or
    /// `postgres://USER:PASSWORD@HOST:PORT/DB`. Passwords are redacted in
    /// `Debug`.
    pub database_url: String,
    /// Folder of guide JSON files; every file must validate or the server
    /// refuses to start. Files ending in `.schema.json` are skipped.
    pub guides_dir: PathBuf,
    /// The widget bundle, served at `/lotse/`.
    pub widget_dir: Option<PathBuf>,
    /// A website served at `/` (the demo site, or any static folder).
    pub static_dir: Option<PathBuf>,
    /// Sites allowed to send events. Empty means one site, `demo`, that
    /// accepts events from any origin (see [`Site::demo`]).
    pub sites: Vec<Site>,
    /// Reverse proxies and load balancers whose `X-Forwarded-For` is
    /// believed when rate-limiting per visitor address (see
    /// [`crate::proxy`]). Empty: every request is limited by its peer.
    pub trusted_proxies: Vec<Cidr>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database_url: "sqlite://lotse.db".to_string(),
            guides_dir: PathBuf::from("guides"),
            widget_dir: None,
            static_dir: None,
            sites: Vec::new(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl Config {
    /// The sites in effect: the configured ones, or the open `demo` site.
    pub fn effective_sites(&self) -> Vec<Site> {
        if self.sites.is_empty() {
            vec![Site::demo()]
        } else {
            self.sites.clone()
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact(&self.database_url))
            .field("guides_dir", &self.guides_dir)
            .field("widget_dir", &self.widget_dir)
            .field("static_dir", &self.static_dir)
            .field("sites", &self.sites)
            .field("trusted_proxies", &self.trusted_proxies)
            .finish()
    }
}

/// `url` with the password (if any) replaced by `***`, for logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

/// A site that may send events: its key and the origins its pages are
/// served from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The key sent as `"site"` in every batch.
    pub key: String,
    /// Allowed values of the `Origin` header, e.g. `https://example.com`;
    /// `None` accepts any origin (and requests without one).
    pub origins: Option<Vec<String>>,
}

impl Site {
    /// The default site when none is configured: key `demo`, any origin.
    pub fn demo() -> Self {
        Self {
            key: "demo".to_string(),
            origins: None,
        }
    }

    /// Whether a request with this `Origin` header may send for this site.
    pub fn allows(&self, origin: Option<&str>) -> bool {
        match (&self.origins, origin) {
            (None, _) => true,
            (Some(list), Some(origin)) => list.iter().any(|o| o == origin),
            (Some(_), None) => false,
        }
    }
}

/// Why a `--site` argument was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteError {
    /// The key was empty or had characters other than `a-z A-Z 0-9 _ -`.
    #[error("site key {0:?} must be 1 to 64 letters, digits, '_' or '-'")]
    Key(String),
    /// An origin was not `scheme://host[:port]`.
    #[error("origin {0:?} must look like https://example.com (scheme and host, no path)")]
    Origin(String),
}

impl FromStr for Site {
    type Err = SiteError;

    /// Parses `KEY` (any origin) or `KEY=ORIGIN,ORIGIN...`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (key, origins) = match s.split_once('=') {
            Some((key, list)) => (key, Some(list)),
            None => (s, None),
        };
        let key_ok = !key.is_empty()
            && key.len() <= 64
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        if !key_ok {
            return Err(SiteError::Key(key.to_string()));
        }
        let origins = match origins {
            None => None,
            Some(list) => Some(
                list.split(',')
                    .map(|o| parse_origin(o.trim()))
                    .collect::<Result<Vec<_>, _>>()?,
            ),
        };
        Ok(Site {
            key: key.to_string(),
            origins,
        })
    }
}

fn parse_origin(origin: &str) -> Result<String, SiteError> {
    let bad = || SiteError::Origin(origin.to_string());
    let (scheme, host) = origin.split_once("://").ok_or_else(bad)?;
    if !matches!(scheme, "http" | "https") || host.is_empty() || host.contains('/') {
        return Err(bad());
    }
    Ok(origin.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        let cases = [
            (
                "postgres://lotse:s3cret@db:5432/lotse",
                "postgres://lotse:***@db:5432/lotse",
            ),
            ("postgres://lotse@db/lotse", "postgres://lotse@db/lotse"),
            ("sqlite://lotse.db", "sqlite://lotse.db"),
        ];
        for (url, want) in cases {
            assert_eq!(redact(url), want);
        }
        let config = Config {
            database_url: cases[0].0.to_string(),
            ..Config::default()
        };
        assert!(!format!("{config:?}").contains("s3cret"));
    }

    #[test]
    fn site_arguments() {
        let open: Site = "demo".parse().expect("parses");
        assert!(open.allows(None) && open.allows(Some("https://x.example")));
        let shop: Site = "shop=https://shop.example,http://localhost:3000"
            .parse()
            .expect("parses");
        assert!(shop.allows(Some("http://localhost:3000")));
        assert!(!shop.allows(Some("https://evil.example")));
        assert!(!shop.allows(None));
        assert!("".parse::<Site>().is_err());
        assert!("a b".parse::<Site>().is_err());
        assert!("shop=shop.example".parse::<Site>().is_err());
        assert!("shop=https://shop.example/path".parse::<Site>().is_err());
    }
}
