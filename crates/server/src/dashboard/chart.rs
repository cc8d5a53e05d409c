//! The funnel chart: one horizontal bar per step (runs that viewed it,
//! scaled to runs started), the step with the biggest drop marked. Plain
//! SVG with presentation attributes only, so it renders under the strict
//! CSP and scales to a phone's width.

use lotse_core::funnel::Funnel;

use super::html::esc;
use super::i18n::Lang;

const WIDTH: u64 = 720;
const LABEL: u64 = 170;
const BAR: u64 = 26;
const GAP: u64 = 10;

/// The chart of `funnel`.
pub fn funnel_chart(funnel: &Funnel, lang: Lang) -> String {
    let t = lang.t();
    let max = funnel
        .steps
        .iter()
        .map(|s| s.viewed)
        .chain([funnel.runs.started])
        .max()
        .unwrap_or(0)
        .max(1);
    let drop = funnel.biggest_drop();
    let height = (BAR + GAP) * funnel.steps.len() as u64 + GAP;
    let room = WIDTH - LABEL - 220;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-label=\"{label}\" xmlns=\"http://www.w3.org/2000/svg\">",
        label = esc(t.funnel)
    );
    for (i, step) in funnel.steps.iter().enumerate() {
        let y = GAP + (BAR + GAP) * i as u64;
        let w = (room * step.viewed / max).max(u64::from(step.viewed > 0));
        let marked = drop == Some(i);
        let class = if marked { "bar drop" } else { "bar" };
        let note = if marked {
            format!(" ▼ {}", esc(t.biggest_drop))
        } else {
            String::new()
        };
        svg.push_str(&format!(
            "<g data-step=\"{id}\"><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\" class=\"label\">{id}</text>\
             <rect class=\"{class}\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{BAR}\" rx=\"3\"></rect>\
             <text x=\"{vx}\" y=\"{ty}\" class=\"value\">{viewed} ({pct}){note}</text></g>",
            id = esc(&step.id),
            lx = LABEL - 8,
            ty = y + BAR / 2 + 5,
            vx = LABEL + w + 6,
            viewed = step.viewed,
            pct = esc(&lang.percent(step.conversion_from_start)),
        ));
    }
    svg.push_str("</svg>");
    svg
}
