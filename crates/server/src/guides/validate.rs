//! `lotse validate`: every problem of every guide file named, as text lines
//! (`file:line:col: $.path: message`) or as one JSON array for CI
//! annotations.

use std::path::PathBuf;

use lotse_core::guide::{Problem, Severity};
use serde::Serialize;

use super::{guide_files, io_problem, load_file};

/// One problem of one file, as `lotse validate --format json` prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The file, as named on the command line (folder joined with name).
    pub file: String,
    /// 1-based line, where known (`null` in JSON otherwise).
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// JSON path, e.g. `$.steps[2].placement`.
    pub path: String,
    /// `"error"` (the guide does not load) or `"warning"`.
    pub severity: Severity,
    /// A plain sentence saying what is wrong.
    pub message: String,
}

impl Finding {
    fn new(file: String, p: Problem) -> Self {
        Finding {
            file,
            line: p.line,
            column: p.column,
            path: p.path,
            severity: p.severity,
            message: p.message,
        }
    }

    /// `file:line:col: $.path: message`, or `file: $.path: message` where
    /// the position is not known; warnings end with ` (warning)`.
    pub fn line(&self) -> String {
        let at = match (self.line, self.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}:", self.file),
            _ => format!("{}:", self.file),
        };
        let tail = match self.severity {
            Severity::Error => "",
            Severity::Warning => " (warning)",
        };
        format!("{at} {}: {}{tail}", self.path, self.message)
    }
}

/// The outcome of validating some paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validation {
    /// How many guide files were read.
    pub files: usize,
    /// Every problem, file by file in path order, each file's in document
    /// order.
    pub findings: Vec<Finding>,
}

impl Validation {
    /// Whether no finding is an error (warnings allowed).
    pub fn ok(&self) -> bool {
        !self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The findings as one pretty JSON array, with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.findings).unwrap_or_else(|_| "[]".into());
        text.push('\n');
        text
    }

    /// One line per finding, then `N guide file(s) valid` when there is no
    /// error.
    pub fn to_text(&self) -> String {
        let mut text: String = self.findings.iter().map(|f| f.line() + "\n").collect();
        if self.ok() {
            text.push_str(&format!("{} guide file(s) valid\n", self.files));
        }
        text
    }
}

/// Validates guide files, or the `*.json` files directly inside folders
/// (`*.schema.json` skipped).
pub fn validate(paths: &[PathBuf]) -> Validation {
    let mut out = Validation::default();
    for path in paths {
        let files = match guide_files(path) {
            Ok(files) => files,
            Err(e) => {
                let problems = io_problem(path, &e);
                for p in problems.problems {
                    out.findings.push(Finding::new(problems.file.clone(), p));
                }
                continue;
            }
        };
        for file in files {
            out.files += 1;
            let (name, problems) = match load_file(&file) {
                Ok(loaded) => (file.display().to_string(), loaded.warnings),
                Err(problems) => (problems.file, problems.problems),
            };
            for p in problems {
                out.findings.push(Finding::new(name.clone(), p));
            }
        }
    }
    out
}
