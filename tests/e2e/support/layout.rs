//! Measured rectangles of the overlay and its target, for the placement
//! tests of `visitor_layout` and `visitor_targets`: one script reads the
//! popover, its arrow, the spotlight hole and the target (found through
//! open shadow roots and same-origin iframes, offset to the top viewport)
//! with `getBoundingClientRect`, and `check` says what is wrong with them.

use std::time::Duration;

use fantoccini::Client;
use serde::Deserialize;

use super::poll;

/// A rectangle in the top page's viewport coordinates (CSS pixels).
#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    fn right(&self) -> f64 {
        self.x + self.w
    }
    fn bottom(&self) -> f64 {
        self.y + self.h
    }
    fn centre(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }
}

/// One measurement of the page with a step open.
#[derive(Debug, Clone, Deserialize)]
pub struct Layout {
    /// The step shown (`data-step`).
    pub step: String,
    /// The popover's `data-placed`: top, bottom, left, right, centre, sheet.
    pub placed: String,
    /// The viewport without scrollbars.
    pub viewport: Rect,
    /// The popover.
    pub popover: Rect,
    /// The arrow (rotated square), if shown.
    pub arrow: Option<Rect>,
    /// The spotlight's hole.
    pub spotlight: Rect,
    /// The step's target.
    pub target: Rect,
}

const MEASURE: &str = r#"
const [selector] = arguments;
const box = (e, dx = 0, dy = 0) => {
  const r = e.getBoundingClientRect();
  return { x: r.x + dx, y: r.y + dy, w: r.width, h: r.height };
};
// The target: the page, then open shadow roots and same-origin iframes.
const find = (root, dx, dy) => {
  const hit = root.querySelector(selector);
  if (hit) return box(hit, dx, dy);
  for (const e of root.querySelectorAll('*')) {
    if (e.shadowRoot) { const r = find(e.shadowRoot, dx, dy); if (r) return r; }
    if (e.tagName === 'IFRAME' && e.contentDocument) {
      const f = e.getBoundingClientRect();
      const r = find(e.contentDocument, dx + f.x + e.clientLeft, dy + f.y + e.clientTop);
      if (r) return r;
    }
  }
  return null;
};
const host = document.querySelector('lotse-overlay');
const root = host && host.shadowRoot;
const popover = root && root.querySelector('.lotse-popover');
if (!popover || !popover.getAttribute('data-placed')) return null;
const arrow = root.querySelector('.lotse-arrow');
const arrowShown = arrow && getComputedStyle(arrow).display !== 'none';
const html = document.documentElement;
return {
  step: popover.getAttribute('data-step'),
  placed: popover.getAttribute('data-placed'),
  viewport: { x: 0, y: 0, w: html.clientWidth, h: html.clientHeight },
  popover: box(popover),
  arrow: arrowShown ? box(arrow) : null,
  spotlight: box(root.querySelector('.lotse-spotlight')),
  target: find(document, 0, 0),
};
"#;

/// Measures the page once; `None` while no placed popover (or no target).
pub async fn measure(client: &Client, target: &str) -> Option<Layout> {
    let value = client
        .execute(MEASURE, vec![serde_json::json!(target)])
        .await
        .ok()?;
    serde_json::from_value(value).ok()
}

/// What is wrong with `layout` of a step whose spotlight has `padding`:
/// the popover must lie inside the viewport, the spotlight hole must be the
/// target grown by `padding` within 1 px where it is on screen, and the
/// arrow must sit on the popover's side facing the target, pointing at it.
pub fn check(layout: &Layout, padding: f64) -> Result<(), String> {
    let (v, p, t, s) = (
        layout.viewport,
        layout.popover,
        layout.target,
        layout.spotlight,
    );
    let mut wrong = Vec::new();
    if p.x < -0.5 || p.y < -0.5 || p.right() > v.w + 0.5 || p.bottom() > v.h + 0.5 {
        wrong.push(format!("popover {p:?} leaves the viewport {v:?}"));
    }
    let hole = Rect {
        x: (t.x - padding).clamp(0.0, v.w),
        y: (t.y - padding).clamp(0.0, v.h),
        w: 0.0,
        h: 0.0,
    };
    let hole = Rect {
        w: (t.right() + padding).clamp(0.0, v.w) - hole.x,
        h: (t.bottom() + padding).clamp(0.0, v.h) - hole.y,
        ..hole
    };
    // What the visitor sees of the hole: the part inside the viewport (a
    // hole over a target partly off screen is not clamped to it).
    let seen = |a: f64, b: f64, limit: f64| (a.clamp(0.0, limit), b.clamp(0.0, limit));
    let ((sx, sr), (sy, sb)) = (seen(s.x, s.right(), v.w), seen(s.y, s.bottom(), v.h));
    let s = Rect {
        x: sx,
        y: sy,
        w: sr - sx,
        h: sb - sy,
    };
    let off = [
        s.x - hole.x,
        s.y - hole.y,
        s.right() - hole.right(),
        s.bottom() - hole.bottom(),
    ];
    if off.iter().any(|d| d.abs() > 1.0) {
        wrong.push(format!(
            "spotlight {s:?} is not the target {t:?} grown by {padding} ({hole:?})"
        ));
    }
    if let Some(a) = layout.arrow {
        let (ax, ay) = a.centre();
        let facing = match layout.placed.as_str() {
            "bottom" => ay < p.y + 1.0 && t.bottom() <= p.y + 1.0,
            "top" => ay > p.bottom() - 1.0 && t.y >= p.bottom() - 1.0,
            "right" => ax < p.x + 1.0 && t.right() <= p.x + 1.0,
            "left" => ax > p.right() - 1.0 && t.x >= p.right() - 1.0,
            _ => false,
        };
        let along = match layout.placed.as_str() {
            "bottom" | "top" => ax >= t.x - 1.0 && ax <= t.right() + 1.0,
            _ => ay >= t.y - 1.0 && ay <= t.bottom() + 1.0,
        };
        if !(facing && along) {
            wrong.push(format!(
                "arrow {a:?} of a popover placed {} at {p:?} does not point at the target {t:?}",
                layout.placed
            ));
        }
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(wrong.join("; "))
    }
}

/// Waits until step `step` is placed at `target` and `check` passes (the
/// page may still be scrolling smoothly); returns that layout.
pub async fn settled(client: &Client, step: &str, target: &str, padding: f64) -> Layout {
    let what = format!("step {step} placed correctly at {target}");
    poll(Duration::from_secs(15), &what, || async {
        let layout = measure(client, target)
            .await
            .ok_or_else(|| "no placed popover or no target".to_string())?;
        if layout.step != step {
            return Err(format!("step {} shown", layout.step));
        }
        check(&layout, padding).map_err(|e| format!("{e} in {layout:?}"))?;
        // Stable: the same rectangles a frame later.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let again = measure(client, target).await.ok_or("popover gone")?;
        if again.popover != layout.popover || again.target != layout.target {
            return Err(format!("still moving: {layout:?}"));
        }
        Ok(layout)
    })
    .await
}
