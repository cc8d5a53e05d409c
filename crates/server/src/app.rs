//! The running server: its shared state, the router and `run`.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;

use crate::config::{redact, Config, Site};
use crate::error::ServerError;
use crate::guides::{GuideSet, LiveGuides};
use crate::ingest::limit::Limiter;
use crate::ingest::versions::Versions;
use crate::proxy::Cidr;
use crate::store::Store;
use crate::writer::Writer;
use crate::{assets, ingest, reports};

/// What every request handler shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) guides: LiveGuides,
    pub(crate) sites: Arc<[Site]>,
    pub(crate) store: Store,
    pub(crate) writer: Writer,
    pub(crate) limiter: Arc<Limiter>,
    /// Proxies whose `X-Forwarded-For` names the visitor (rate limit only).
    pub(crate) trusted_proxies: Arc<[Cidr]>,
    /// Guide versions accepted by ingest (also those recorded in the store).
    pub(crate) versions: Arc<Versions>,
    pub(crate) widget_dir: Option<PathBuf>,
    pub(crate) static_dir: Option<PathBuf>,
}

impl AppState {
    /// Loads and validates the guides (every problem is reported), opens
    /// and migrates the store, and starts the writer task.
    pub async fn open(config: &Config) -> Result<AppState, ServerError> {
        let live = LiveGuides::open(config.guides_dir.clone()).map_err(ServerError::Guides)?;
        let guides = live.current();
        for file in guides.iter() {
            for warning in &file.warnings {
                tracing::warn!("{}: {warning}", file.path.display());
            }
        }
        let store = Store::open(&config.database_url).await?;
        let versions = Versions::new(store.clone());
        versions.record(&guides).await?;
        tracing::info!(
            guides = guides.len(),
            store = %redact(&config.database_url),
            "ready"
        );
        Ok(AppState {
            guides: live,
            sites: config.effective_sites().into(),
            writer: Writer::spawn(store.clone()),
            store,
            limiter: Arc::default(),
            trusted_proxies: config.trusted_proxies.clone().into(),
            versions: Arc::new(versions),
            widget_dir: config.widget_dir.clone(),
            static_dir: config.static_dir.clone(),
        })
    }

    /// The store, e.g. for tests that look at what was written.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The current guides snapshot (hold it for one request; a reload
    /// of the guides folder swaps in a new one).
    pub fn guides(&self) -> Arc<GuideSet> {
        self.guides.current()
    }

    /// The guides as they are reloaded (see [`LiveGuides::watch`]).
    pub fn live_guides(&self) -> &LiveGuides {
        &self.guides
    }
}

/// How often `run` looks for changed guide files.
const GUIDES_POLL: std::time::Duration = std::time::Duration::from_secs(1);

/// Every route of the server, for a socket or for tests without one.
pub fn router(state: AppState) -> Router {
    // What a browser or a report client downloads is compressed (gzip or
    // brotli, as the request accepts); the widget bundle is served from its
    // precompressed files (see `assets`), which this layer leaves alone. The
    // ingest API's answers are a few bytes: not worth the CPU at 20,000
    // events a second.
    let downloads = Router::new()
        .merge(crate::openapi::routes())
        .merge(reports::routes(state.clone()))
        .merge(crate::dashboard::routes(state.clone()))
        .merge(assets::routes(state.clone()))
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)));
    Router::new()
        .merge(ingest::routes(state.clone()))
        .merge(crate::health::routes(state))
        .merge(downloads)
        .layer(TraceLayer::new_for_http())
}

/// Serves on `listener` until `shutdown` completes, reloading changed
/// guide files meanwhile (see [`LiveGuides`]), then finishes the
/// requests in flight (each answered only after its commit) and closes the
/// store.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let state = AppState::open(&config).await?;
    let store = state.store.clone();
    let watcher = tokio::spawn(state.guides.clone().watch(GUIDES_POLL));
    let recorder = tokio::spawn(ingest::versions::keep_recorded(state.clone(), GUIDES_POLL));
    if let Ok(address) = listener.local_addr() {
        tracing::info!(%address, "listening");
    }
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    let served = axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await;
    watcher.abort();
    recorder.abort();
    served?;
    store.close().await;
    Ok(())
}
