//! The widget's own UI strings, German and English, chosen by the page's
//! language (German for `de*`, English otherwise).

/// The strings of one language.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    /// The Next button.
    pub next: &'static str,
    /// The Next button on the last step.
    pub done: &'static str,
    /// The Back button.
    pub back: &'static str,
    /// The Close button's accessible name.
    pub close: &'static str,
    /// Progress: the words around "2" and "3" in "Step 2 of 3".
    step: &'static str,
    of: &'static str,
}

const DE: Labels = Labels {
    next: "Weiter",
    done: "Fertig",
    back: "Zurück",
    close: "Schließen",
    step: "Schritt",
    of: "von",
};

const EN: Labels = Labels {
    next: "Next",
    done: "Done",
    back: "Back",
    close: "Close",
    step: "Step",
    of: "of",
};

impl Labels {
    /// The labels for a locale tag such as `de-DE`.
    pub fn for_locale(locale: &str) -> &'static Labels {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        if language.eq_ignore_ascii_case("de") {
            &DE
        } else {
            &EN
        }
    }

    /// "Schritt 2 von 3" for the 0-based `index` of `count` steps.
    pub fn progress(&self, index: usize, count: usize) -> String {
        let mut text = lotse_core::strings::concat(&[self.step, " "]);
        lotse_core::json::write::uint(&mut text, index as u64 + 1);
        text.push(' ');
        text.push_str(self.of);
        text.push(' ');
        lotse_core::json::write::uint(&mut text, count as u64);
        text
    }
}
