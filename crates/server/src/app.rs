//! The running server: its shared state, the router and `run`.

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::Router;
use tokio::net::TcpListener;
use tower_http::trace::TraceLayer;

use crate::config::{redact, Config, Site};
use crate::error::ServerError;
use crate::guides::GuideSet;
use crate::ingest::limit::Limiter;
use crate::store::Store;
use crate::writer::Writer;
use crate::{assets, ingest, reports};

/// What every request handler shares. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AppState {
    pub(crate) guides: Arc<GuideSet>,
    pub(crate) sites: Arc<[Site]>,
    pub(crate) store: Store,
    pub(crate) writer: Writer,
    pub(crate) limiter: Arc<Limiter>,
    pub(crate) widget_dir: Option<PathBuf>,
    pub(crate) static_dir: Option<PathBuf>,
}

impl AppState {
    /// Loads and validates the guides (every problem is reported), opens
    /// and migrates the store, and starts the writer task.
    pub async fn open(config: &Config) -> Result<AppState, ServerError> {
        let guides = GuideSet::load_dir(&config.guides_dir).map_err(ServerError::Guides)?;
        for file in guides.iter() {
            for warning in &file.warnings {
                tracing::warn!("{}: {warning}", file.path.display());
            }
        }
        let store = Store::open(&config.database_url).await?;
        tracing::info!(
            guides = guides.len(),
            store = %redact(&config.database_url),
            "ready"
        );
        Ok(AppState {
            guides: Arc::new(guides),
            sites: config.effective_sites().into(),
            writer: Writer::spawn(store.clone()),
            store,
            limiter: Arc::default(),
            widget_dir: config.widget_dir.clone(),
            static_dir: config.static_dir.clone(),
        })
    }

    /// The store, e.g. for tests that look at what was written.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The loaded guides.
    pub fn guides(&self) -> &GuideSet {
        &self.guides
    }
}

/// Every route of the server, for a socket or for tests without one.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(ingest::routes(state.clone()))
        .merge(reports::routes(state.clone()))
        .merge(assets::routes(state))
        .layer(TraceLayer::new_for_http())
}

/// Serves on `listener` until `shutdown` completes, then finishes the
/// requests in flight (each answered only after its commit) and closes the
/// store.
pub async fn run(
    listener: TcpListener,
    config: Config,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServerError> {
    let state = AppState::open(&config).await?;
    let store = state.store.clone();
    if let Ok(address) = listener.local_addr() {
        tracing::info!(%address, "listening");
    }
    let app = router(state).into_make_service_with_connect_info::<SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown)
        .await?;
    store.close().await;
    Ok(())
}
