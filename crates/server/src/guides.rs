//! The guides a server knows: loaded from a folder at start, validated with
//! `lotse_core::guide::load`, and kept with their file text to serve as is.
//!
//! - [`GuideSet`]: one consistent snapshot of the guides, plus the step ids
//!   of every guide version loaded since the process started
//!   ([`GuideSet::steps_of`]), so events of a version replaced by a reload
//!   still validate.
//! - [`live`]: [`LiveGuides`], the snapshot a running server swaps when the
//!   folder changes (`lotse serve --guides DIR` reload).
//! - [`validate`]: `lotse validate`'s findings, as text lines or JSON.

pub mod live;
pub mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use lotse_core::guide::{self, Guide, Problem, Problems, Severity};

pub use live::{LiveGuides, Reload};

/// One guide file that loaded.
#[derive(Debug, Clone)]
pub struct GuideFile {
    /// The validated guide.
    pub guide: Guide,
    /// The file's text, served at `/guides/{id}.json`.
    pub json: String,
    /// Where it came from.
    pub path: PathBuf,
    /// Problems that did not stop it from loading.
    pub warnings: Vec<Problem>,
}

impl GuideFile {
    /// The guide's step ids, in order.
    pub fn step_ids(&self) -> Vec<String> {
        self.guide.steps.iter().map(|s| s.id.clone()).collect()
    }
}

/// Every loaded guide, by id, and the steps of every version known.
#[derive(Debug, Clone, Default)]
pub struct GuideSet {
    by_id: BTreeMap<String, Arc<GuideFile>>,
    /// Guide id -> version -> step ids, for every version loaded during
    /// this process (the current ones included).
    known: BTreeMap<String, BTreeMap<u32, Vec<String>>>,
}

impl GuideSet {
    /// Loads every guide file under `dir`; any invalid file (or two files
    /// with the same guide id) fails the whole set, listing every problem.
    pub fn load_dir(dir: &Path) -> Result<Self, Vec<Problems>> {
        let files = guide_files(dir).map_err(|e| vec![io_problem(dir, &e)])?;
        let mut set = GuideSet::default();
        let mut failures = Vec::new();
        for path in files {
            match load_file(&path) {
                Ok(file) => {
                    if let Some(earlier) = set.by_id.get(&file.guide.id) {
                        failures.push(live::duplicate(&path, &file.guide.id, &earlier.path));
                    } else {
                        set.insert(Arc::new(file));
                    }
                }
                Err(problems) => failures.push(problems),
            }
        }
        if failures.is_empty() {
            Ok(set)
        } else {
            Err(failures)
        }
    }

    /// Adds (or replaces) a guide, remembering its version's steps.
    fn insert(&mut self, file: Arc<GuideFile>) {
        self.known
            .entry(file.guide.id.clone())
            .or_default()
            .insert(file.guide.version, file.step_ids());
        self.by_id.insert(file.guide.id.clone(), file);
    }

    /// The guide with id `id`, as currently served.
    pub fn get(&self, id: &str) -> Option<&GuideFile> {
        self.by_id.get(id).map(|f| &**f)
    }

    /// Every guide, ordered by id.
    pub fn iter(&self) -> impl Iterator<Item = &GuideFile> {
        self.by_id.values().map(|f| &**f)
    }

    /// The step ids, in order, of version `version` of guide `id`, if this
    /// server has loaded that version at any time since it started: the
    /// current version, or one replaced by a reload since. `None` for a
    /// version never loaded.
    ///
    /// Ingest uses it to accept events of earlier versions (a visitor's
    /// queued events outlive a guide update). The guide may since have
    /// been deleted: its versions stay known. If a file changed its steps
    /// without changing `version`, the last loaded steps count.
    pub fn steps_of(&self, id: &str, version: u32) -> Option<&[String]> {
        self.known.get(id)?.get(&version).map(Vec::as_slice)
    }

    /// Every version of guide `id` loaded since the server started,
    /// ascending (empty for an unknown id).
    pub fn versions_of(&self, id: &str) -> Vec<u32> {
        self.known
            .get(id)
            .map(|v| v.keys().copied().collect())
            .unwrap_or_default()
    }

    /// How many guides are loaded.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether no guide is loaded.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Every problem of every file, one line each (see [`render`]).
pub fn render_all(files: &[Problems]) -> String {
    files.iter().map(render).collect::<Vec<_>>().join("\n")
}

/// One line per problem: `file:line:col: $.path: message`, or
/// `file: $.path: message` where the position is not known.
pub fn render(problems: &Problems) -> String {
    problems
        .problems
        .iter()
        .map(|p| match p.line {
            Some(_) => format!("{}:{p}", problems.file),
            None => format!("{}: {p}", problems.file),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads and validates one guide file.
pub fn load_file(path: &Path) -> Result<GuideFile, Problems> {
    let name = path.display().to_string();
    let json = std::fs::read_to_string(path).map_err(|e| io_problem(path, &e))?;
    let loaded = guide::load(&name, &json)?;
    Ok(GuideFile {
        guide: loaded.guide,
        json,
        path: path.to_path_buf(),
        warnings: loaded.warnings,
    })
}

/// The guide files named by `path`: the file itself, or the `*.json` files
/// directly inside a folder (sorted, skipping `*.schema.json`).
pub fn guide_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if !path.is_dir() {
        // Let the read report a missing file with its name.
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path)? {
        let p = entry?.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if p.is_file() && name.ends_with(".json") && !name.ends_with(".schema.json") {
            files.push(p);
        }
    }
    files.sort();
    Ok(files)
}

fn io_problem(path: &Path, e: &std::io::Error) -> Problems {
    Problems {
        file: path.display().to_string(),
        problems: vec![Problem {
            severity: Severity::Error,
            path: "$".to_string(),
            line: None,
            column: None,
            message: format!("cannot be read: {e}"),
        }],
    }
}
