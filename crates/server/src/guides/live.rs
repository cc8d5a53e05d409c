//! Guide reload for a running server: [`LiveGuides`] holds the current
//! [`GuideSet`] snapshot and swaps it when the guides folder changes.
//!
//! [`LiveGuides::watch`] compares the folder's file names, sizes and
//! modification times about every second (and rescans at once on `SIGHUP`).
//! On a change every file is loaded again: a file that validates replaces
//! its guide; a file that does not is logged with every problem
//! (`file:line:col: $.path: message`) and its last good version keeps being
//! served; new files appear and deleted files disappear. The versions of
//! every guide ever loaded stay known ([`GuideSet::steps_of`]).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, SystemTime};

use lotse_core::guide::{Problem, Problems, Severity};

use super::{guide_files, io_problem, load_file, render, GuideFile, GuideSet};

/// What one file looked like at a scan: name, size, modification time.
type Stamp = (PathBuf, u64, Option<SystemTime>);

/// The guides of a running server, reloaded from their folder. Cheap to
/// clone (all clones share one snapshot).
#[derive(Debug, Clone)]
pub struct LiveGuides {
    dir: PathBuf,
    current: Arc<RwLock<Arc<GuideSet>>>,
    seen: Arc<Mutex<Vec<Stamp>>>,
}

/// What a reload changed.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Reload {
    /// Ids of guides that are new or whose file changed and validated.
    pub loaded: Vec<String>,
    /// Ids of guides whose file is gone.
    pub removed: Vec<String>,
    /// Files that did not validate (their last good version stays served).
    pub failed: Vec<Problems>,
}

impl LiveGuides {
    /// Loads every guide in `dir` strictly (see [`GuideSet::load_dir`]: any
    /// invalid file fails, listing every problem). The folder's state is
    /// noted before the files are read, so a change made while loading is
    /// seen by the next [`Self::reload_if_changed`].
    pub fn open(dir: PathBuf) -> Result<Self, Vec<Problems>> {
        let seen = stamps(&dir);
        let set = GuideSet::load_dir(&dir)?;
        Ok(LiveGuides {
            dir,
            current: Arc::new(RwLock::new(Arc::new(set))),
            seen: Arc::new(Mutex::new(seen)),
        })
    }

    /// The current snapshot. Hold it for one request: a reload swaps in a
    /// new one and leaves this one as it was.
    pub fn current(&self) -> Arc<GuideSet> {
        self.current
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Rescans the folder if any file was added, removed or modified since
    /// the last scan; `None` when nothing changed.
    pub fn reload_if_changed(&self) -> Option<Reload> {
        let now = stamps(&self.dir);
        {
            let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
            if *seen == now {
                return None;
            }
            *seen = now;
        }
        Some(self.reload())
    }

    /// Loads every file of the folder again, swaps the snapshot and logs
    /// what changed and every problem.
    pub fn reload(&self) -> Reload {
        let before = self.current();
        let (next, reload) = reloaded(&before, &self.dir);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(next);
        log(&reload);
        reload
    }

    /// Polls the folder every `every` (and rescans on `SIGHUP`), forever;
    /// spawn it and abort it when the server stops.
    pub async fn watch(self, every: Duration) {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut hangup = hangup_signal();
        loop {
            let forced = tokio::select! {
                _ = tick.tick() => false,
                () = next_hangup(&mut hangup) => true,
            };
            let live = self.clone();
            let scan = tokio::task::spawn_blocking(move || {
                if forced {
                    let reload = live.reload();
                    tracing::info!(
                        loaded = reload.loaded.len(),
                        removed = reload.removed.len(),
                        failed = reload.failed.len(),
                        "SIGHUP: guides folder rescanned"
                    );
                    Some(reload)
                } else {
                    live.reload_if_changed()
                }
            });
            if let Err(e) = scan.await {
                tracing::error!(error = %e, "reloading the guides failed");
            }
        }
    }
}

#[cfg(unix)]
type Hangup = Option<tokio::signal::unix::Signal>;
#[cfg(not(unix))]
type Hangup = ();

#[cfg(unix)]
fn hangup_signal() -> Hangup {
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::hangup()).ok()
}
#[cfg(not(unix))]
fn hangup_signal() -> Hangup {}

/// Completes on the next `SIGHUP`; never where there are no signals.
async fn next_hangup(hangup: &mut Hangup) {
    #[cfg(unix)]
    if let Some(signal) = hangup {
        if signal.recv().await.is_some() {
            return;
        }
    }
    let _ = hangup;
    std::future::pending::<()>().await
}

/// The folder's guide files as stamps, sorted; empty if it cannot be read.
fn stamps(dir: &Path) -> Vec<Stamp> {
    guide_files(dir)
        .unwrap_or_default()
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|m| m.modified().ok());
            (path, len, modified)
        })
        .collect()
}

/// The set after loading every file of `dir` again, starting from `before`.
fn reloaded(before: &GuideSet, dir: &Path) -> (GuideSet, Reload) {
    let mut reload = Reload::default();
    let files = match guide_files(dir) {
        Ok(files) => files,
        Err(e) => {
            // The folder itself is gone or unreadable: keep everything.
            reload.failed.push(io_problem(dir, &e));
            return (before.clone(), reload);
        }
    };
    let previous: BTreeMap<&Path, &Arc<GuideFile>> = before
        .by_id
        .values()
        .map(|f| (f.path.as_path(), f))
        .collect();
    let mut next = GuideSet {
        by_id: BTreeMap::new(),
        known: before.known.clone(),
    };
    for path in files {
        let fresh = match load_file(&path) {
            Ok(file) => Ok(Arc::new(file)),
            Err(problems) => Err(problems),
        };
        let fresh = fresh.and_then(|file| match next.by_id.get(&file.guide.id) {
            Some(other) => Err(duplicate(&path, &file.guide.id, &other.path)),
            None => Ok(file),
        });
        match fresh {
            Ok(file) => {
                let changed = before
                    .by_id
                    .get(&file.guide.id)
                    .is_none_or(|old| old.json != file.json || old.path != file.path);
                if changed {
                    reload.loaded.push(file.guide.id.clone());
                }
                next.insert(file);
            }
            Err(problems) => {
                reload.failed.push(problems);
                if let Some(old) = previous.get(path.as_path()) {
                    if !next.by_id.contains_key(&old.guide.id) {
                        next.by_id.insert(old.guide.id.clone(), Arc::clone(old));
                    }
                }
            }
        }
    }
    reload.removed = before
        .by_id
        .keys()
        .filter(|id| !next.by_id.contains_key(*id))
        .cloned()
        .collect();
    (next, reload)
}

/// The problem of a guide file whose id another file already uses.
pub(super) fn duplicate(path: &Path, id: &str, other: &Path) -> Problems {
    Problems {
        file: path.display().to_string(),
        problems: vec![Problem {
            severity: Severity::Error,
            path: "$.id".to_string(),
            line: None,
            column: None,
            message: format!("guide id {id:?} is already used by {}", other.display()),
        }],
    }
}

fn log(reload: &Reload) {
    for id in &reload.loaded {
        tracing::info!(guide = %id, "guide loaded");
    }
    for id in &reload.removed {
        tracing::info!(guide = %id, "guide removed (its file is gone)");
    }
    for problems in &reload.failed {
        for line in render(problems).lines() {
            tracing::error!("{line}");
        }
        tracing::error!(
            file = %problems.file,
            "guide not reloaded, the last good version stays served"
        );
    }
}
