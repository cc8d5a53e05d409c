//! The dashboard's words in English and German, chosen by `?lang=` or
//! else the browser's `Accept-Language`.

use axum::http::{header, HeaderMap};
use lotse_core::event::Reason;

/// A dashboard language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
}

impl Lang {
    /// `?lang=` if it names a language, else the first of `Accept-Language`
    /// that does, else English.
    pub fn pick(query: Option<&str>, headers: &HeaderMap) -> Lang {
        if let Some(lang) = query.and_then(Lang::parse) {
            return lang;
        }
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .into_iter()
            .flat_map(|v| v.split(','))
            .filter_map(|part| part.split(';').next())
            .find_map(|tag| Lang::parse(tag.trim()))
            .unwrap_or(Lang::En)
    }

    fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The code for `lang=` and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// The words.
    pub fn t(self) -> &'static Words {
        match self {
            Lang::En => &EN,
            Lang::De => &DE,
        }
    }

    /// `0.8333` as `83.3 %` (German: `83,3 %`).
    pub fn percent(self, rate: Option<f64>) -> String {
        match rate {
            None => "–".to_string(),
            Some(r) => self.decimal(r * 100.0) + " %",
        }
    }

    /// ms as seconds with one decimal, e.g. `3.5 s`.
    pub fn seconds(self, ms: Option<u64>) -> String {
        match ms {
            None => "–".to_string(),
            Some(ms) => self.decimal(ms as f64 / 1000.0) + " s",
        }
    }

    fn decimal(self, x: f64) -> String {
        let s = format!("{x:.1}");
        match self {
            Lang::En => s,
            Lang::De => s.replace('.', ","),
        }
    }

    /// A reason's name.
    pub fn reason(self, reason: Reason) -> &'static str {
        let (en, de) = match reason {
            Reason::CloseButton => ("close button", "Schließen-Knopf"),
            Reason::Esc => ("Esc key", "Esc-Taste"),
            Reason::OverlayClick => ("click beside", "Klick daneben"),
            Reason::IdleTimeout => ("idle", "untätig"),
            Reason::NavigateAway => ("navigated away", "weggeklickt"),
            Reason::Stopped => ("stopped by the page", "von der Seite beendet"),
            Reason::Left => ("went silent", "verstummt"),
            Reason::TargetMissing => ("target missing", "Ziel fehlt"),
            Reason::Error => ("error", "Fehler"),
        };
        match self {
            Lang::En => en,
            Lang::De => de,
        }
    }
}

/// Every text of the dashboard; each field is the label its name says.
#[allow(missing_docs)]
#[derive(Debug)]
pub struct Words {
    pub title: &'static str,
    pub login: &'static str,
    pub login_help: &'static str,
    pub token: &'static str,
    pub sign_in: &'static str,
    pub sign_out: &'static str,
    pub bad_token: &'static str,
    pub guides: &'static str,
    pub guide: &'static str,
    pub runs: &'static str,
    pub completed: &'static str,
    pub completion_rate: &'static str,
    pub goal_reached: &'static str,
    pub failed_runs: &'static str,
    pub step: &'static str,
    pub viewed: &'static str,
    pub back: &'static str,
    pub from_previous: &'static str,
    pub from_start: &'static str,
    pub abandoned: &'static str,
    pub failed: &'static str,
    pub funnel: &'static str,
    pub biggest_drop: &'static str,
    pub reasons: &'static str,
    pub time: &'static str,
    pub median: &'static str,
    pub p90: &'static str,
    pub broken: &'static str,
    pub nothing_broken: &'static str,
    pub paths: &'static str,
    pub locators: &'static str,
    pub versions: &'static str,
    pub version: &'static str,
    pub all_versions: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub locale: &'static str,
    pub device: &'static str,
    pub path: &'static str,
    pub any: &'static str,
    pub apply: &'static str,
    pub reset: &'static str,
    pub csv: &'static str,
    pub no_runs: &'static str,
    pub unknown_guide: &'static str,
    pub none: &'static str,
}

const EN: Words = Words {
    title: "Lotse reports",
    login: "Sign in",
    login_help: "Paste a report token (create one with: lotse token create --name NAME).",
    token: "Token",
    sign_in: "Sign in",
    sign_out: "Sign out",
    bad_token: "That token is unknown or was revoked.",
    guides: "Guides",
    guide: "Guide",
    runs: "Runs",
    completed: "Completed",
    completion_rate: "Completion rate",
    goal_reached: "Goal reached",
    failed_runs: "Runs with a broken step",
    step: "Step",
    viewed: "Viewed",
    back: "Went back",
    from_previous: "From previous step",
    from_start: "From start",
    abandoned: "Gave up",
    failed: "Broke",
    funnel: "Funnel",
    biggest_drop: "biggest drop",
    reasons: "Why visitors gave up",
    time: "Time on step",
    median: "median",
    p90: "90th percentile",
    broken: "Broken guide",
    nothing_broken: "No step failed.",
    paths: "Pages",
    locators: "Fallback locator that found the target (runs)",
    versions: "Versions compared",
    version: "Version",
    all_versions: "all",
    from: "From",
    to: "To",
    locale: "Locale",
    device: "Device",
    path: "Page path",
    any: "any",
    apply: "Apply",
    reset: "Reset",
    csv: "Download CSV",
    no_runs: "No runs in this range.",
    unknown_guide: "This server has no such guide.",
    none: "none",
};

const DE: Words = Words {
    title: "Lotse-Berichte",
    login: "Anmelden",
    login_help: "Berichts-Token einfügen (erzeugen mit: lotse token create --name NAME).",
    token: "Token",
    sign_in: "Anmelden",
    sign_out: "Abmelden",
    bad_token: "Dieses Token ist unbekannt oder wurde widerrufen.",
    guides: "Anleitungen",
    guide: "Anleitung",
    runs: "Durchläufe",
    completed: "Abgeschlossen",
    completion_rate: "Abschlussquote",
    goal_reached: "Ziel erreicht",
    failed_runs: "Durchläufe mit defektem Schritt",
    step: "Schritt",
    viewed: "Gesehen",
    back: "Zurück",
    from_previous: "Vom vorigen Schritt",
    from_start: "Vom Start",
    abandoned: "Aufgegeben",
    failed: "Defekt",
    funnel: "Trichter",
    biggest_drop: "größter Verlust",
    reasons: "Warum Besucher aufgaben",
    time: "Zeit pro Schritt",
    median: "Median",
    p90: "90. Perzentil",
    broken: "Defekte Anleitung",
    nothing_broken: "Kein Schritt ist fehlgeschlagen.",
    paths: "Seiten",
    locators: "Ersatz-Locator, der das Ziel fand (Durchläufe)",
    versions: "Versionen im Vergleich",
    version: "Version",
    all_versions: "alle",
    from: "Von",
    to: "Bis",
    locale: "Sprache",
    device: "Gerät",
    path: "Seitenpfad",
    any: "alle",
    apply: "Anwenden",
    reset: "Zurücksetzen",
    csv: "CSV herunterladen",
    no_runs: "Keine Durchläufe in diesem Zeitraum.",
    unknown_guide: "Diese Anleitung gibt es auf diesem Server nicht.",
    none: "keine",
};
