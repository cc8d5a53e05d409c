//! `lotse token create|list|revoke`: report access tokens in the store.

use std::io::Write;

use clap::{Args, Subcommand};

use crate::ingest::now_ms;
use crate::store::Store;

/// Options of `lotse token`.
#[derive(Debug, Args)]
pub struct Token {
    /// What to do.
    #[command(subcommand)]
    pub action: TokenAction,
    /// The store: sqlite://PATH or postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        default_value = "sqlite://lotse.db",
        value_name = "URL",
        hide_env_values = true
    )]
    pub database: String,
}

/// The token actions.
#[derive(Debug, Subcommand)]
pub enum TokenAction {
    /// Create a token and print it once (only its SHA-256 hash is stored).
    Create {
        /// A unique name, e.g. product-owner (letters, digits, . _ -).
        #[arg(long)]
        name: String,
        /// Limit the token to the events of this site key.
        #[arg(long, value_name = "KEY")]
        site: Option<String>,
    },
    /// List the tokens (names, sites, creation times; never secrets).
    List,
    /// Revoke a token: it and its dashboard sessions stop working at once.
    Revoke {
        /// The token's name.
        name: String,
    },
}

fn valid_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
}

impl Token {
    /// Runs the action, printing to `out`; returns whether it succeeded.
    pub async fn run(&self, out: &mut impl Write) -> anyhow::Result<bool> {
        let store = Store::open(&self.database).await?;
        let ok = match &self.action {
            TokenAction::Create { name, site } => {
                if !valid_name(name) {
                    writeln!(
                        out,
                        "error: a token name is 1-64 letters, digits, '.', '_' or '-'"
                    )?;
                    false
                } else {
                    match crate::auth::create_token(&store, name, site.as_deref(), now_ms()).await?
                    {
                        Some(secret) => {
                            writeln!(out, "{secret}")?;
                            true
                        }
                        None => {
                            writeln!(
                                out,
                                "error: a token named {name:?} exists (revoke it first)"
                            )?;
                            false
                        }
                    }
                }
            }
            TokenAction::List => {
                for t in store.tokens().await? {
                    let site = t.site.as_deref().unwrap_or("*");
                    let created = crate::reports::query::format_day(t.created_at);
                    writeln!(out, "{}\tsite={site}\tcreated={created}", t.name)?;
                }
                true
            }
            TokenAction::Revoke { name } => {
                if store.revoke_token(name).await? {
                    writeln!(out, "revoked {name}")?;
                    true
                } else {
                    writeln!(out, "error: no token named {name:?}")?;
                    false
                }
            }
        };
        store.close().await;
        Ok(ok)
    }
}
