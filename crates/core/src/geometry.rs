//! Geometry of the overlay as pure functions of rectangles: where the
//! popover goes (preferred side, flip, shift, centred fallback, arrow) and
//! the spotlight cutout around the target. All values are CSS pixels in
//! viewport coordinates (as `getBoundingClientRect` returns them).

use crate::guide::{Align, Placement, Side};

/// An axis-aligned rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width, never negative.
    pub width: f64,
    /// Height, never negative.
    pub height: f64,
}

impl Rect {
    /// A rectangle from its left, top, width and height.
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Self {
            x,
            y,
            width,
            height,
        }
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// Whether the rectangle shares any area with `other`.
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
}

/// A width and height.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Size {
    /// A size from width and height.
    pub const fn new(width: f64, height: f64) -> Self {
        Self { width, height }
    }
}

/// Where the popover ended up relative to the target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placed {
    /// Above the target.
    Top,
    /// Below the target.
    Bottom,
    /// Left of the target.
    Left,
    /// Right of the target.
    Right,
    /// In the middle of the viewport (no target, or no room anywhere).
    Centre,
    /// A bottom sheet across a narrow viewport with no room beside the target.
    Sheet,
}

/// Viewports narrower than this get a bottom sheet instead of a centred
/// popover when no side has room.
pub const SHEET_BELOW_WIDTH: f64 = 640.0;

/// The popover's computed position.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    /// Left edge of the popover.
    pub x: f64,
    /// Top edge of the popover.
    pub y: f64,
    /// The side it sits on.
    pub placed: Placed,
    /// Offset of the arrow's centre along the popover's edge that faces the
    /// target (from its left edge for top/bottom, from its top for
    /// left/right); `None` when centred.
    pub arrow: Option<f64>,
}

/// Spacing rules for [`place`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spacing {
    /// Gap between target (plus spotlight padding) and popover.
    pub gap: f64,
    /// Smallest distance between popover and the viewport's edge.
    pub margin: f64,
    /// Smallest distance between the arrow's centre and a popover corner.
    pub arrow_inset: f64,
}

impl Default for Spacing {
    fn default() -> Self {
        Self {
            gap: 12.0,
            margin: 8.0,
            arrow_inset: 14.0,
        }
    }
}

/// Places a popover of size `popover` next to `target` inside `viewport`.
///
/// Tries the preferred side, then the opposite one, then the two others
/// (for `auto`: the sides by room, most first); a side is taken when the
/// popover fits there without covering the target. Along the side the
/// popover is aligned as asked, then shifted to stay `margin` inside the
/// viewport. With no target, a target fully outside the viewport, or no
/// side with room, the popover is centred; on a viewport narrower than
/// [`SHEET_BELOW_WIDTH`] with no room beside the target it becomes a bottom
/// sheet.
pub fn place(
    target: Option<Rect>,
    popover: Size,
    viewport: Size,
    placement: Placement,
    spacing: Spacing,
) -> Position {
    let view = Rect::new(0.0, 0.0, viewport.width, viewport.height);
    let Some(target) = target.filter(|t| t.intersects(&view) || t.width == 0.0) else {
        return centre(popover, viewport);
    };
    let need = |side: Placed| match side {
        Placed::Top | Placed::Bottom => popover.height + spacing.gap + spacing.margin,
        _ => popover.width + spacing.gap + spacing.margin,
    };
    let room = |side: Placed| match side {
        Placed::Top => target.y,
        Placed::Bottom => viewport.height - target.bottom(),
        Placed::Left => target.x,
        Placed::Right => viewport.width - target.right(),
        Placed::Centre | Placed::Sheet => 0.0,
    };
    let order = match placement.side {
        Side::Top => [Placed::Top, Placed::Bottom, Placed::Right, Placed::Left],
        Side::Bottom => [Placed::Bottom, Placed::Top, Placed::Right, Placed::Left],
        Side::Left => [Placed::Left, Placed::Right, Placed::Bottom, Placed::Top],
        Side::Right => [Placed::Right, Placed::Left, Placed::Bottom, Placed::Top],
        Side::Auto => [Placed::Bottom, Placed::Top, Placed::Right, Placed::Left],
    };
    let fits = |s: &Placed| room(*s) >= need(*s);
    let chosen = if placement.side == Side::Auto {
        // Most spare room; ties keep the order above (bottom first). A fold
        // instead of a sort: sorting code costs the wasm bundle kilobytes.
        let spare = |s: Placed| room(s) - need(s);
        order
            .into_iter()
            .filter(fits)
            .fold(None, |best, s| match best {
                Some(b) if spare(b) >= spare(s) => Some(b),
                _ => Some(s),
            })
    } else {
        order.into_iter().find(fits)
    };
    let Some(side) = chosen else {
        if viewport.width < SHEET_BELOW_WIDTH {
            return Position {
                x: 0.0,
                y: (viewport.height - popover.height).max(0.0),
                placed: Placed::Sheet,
                arrow: None,
            };
        }
        return centre(popover, viewport);
    };
    let (x, y) = match side {
        Placed::Top | Placed::Bottom => {
            let x = align(target.x, target.width, popover.width, placement.align);
            let x = shift(x, popover.width, viewport.width, spacing.margin);
            let y = if side == Placed::Top {
                target.y - spacing.gap - popover.height
            } else {
                target.bottom() + spacing.gap
            };
            (x, y)
        }
        _ => {
            let y = align(target.y, target.height, popover.height, placement.align);
            let y = shift(y, popover.height, viewport.height, spacing.margin);
            let x = if side == Placed::Left {
                target.x - spacing.gap - popover.width
            } else {
                target.right() + spacing.gap
            };
            (x, y)
        }
    };
    let arrow = match side {
        Placed::Top | Placed::Bottom => {
            arrow_at(target.x + target.width / 2.0 - x, popover.width, spacing)
        }
        _ => arrow_at(target.y + target.height / 2.0 - y, popover.height, spacing),
    };
    Position {
        x,
        y,
        placed: side,
        arrow: Some(arrow),
    }
}

/// The placement a guide author wrote, as it applies on a page whose
/// direction is right-to-left (`rtl`): left and right swap, and so do the
/// start and end of an alignment.
pub fn for_direction(placement: Placement, rtl: bool) -> Placement {
    if !rtl {
        return placement;
    }
    let side = match placement.side {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
        other => other,
    };
    let align = match placement.align {
        Align::Start => Align::End,
        Align::End => Align::Start,
        Align::Center => Align::Center,
    };
    Placement { side, align }
}

fn centre(popover: Size, viewport: Size) -> Position {
    Position {
        x: ((viewport.width - popover.width) / 2.0).max(0.0),
        y: ((viewport.height - popover.height) / 2.0).max(0.0),
        placed: Placed::Centre,
        arrow: None,
    }
}

/// Start of a popover of length `len` aligned to a target span.
fn align(start: f64, span: f64, len: f64, align: Align) -> f64 {
    match align {
        Align::Start => start,
        Align::Center => start + (span - len) / 2.0,
        Align::End => start + span - len,
    }
}

/// Shifts a span into `[margin, limit - margin]`; a span longer than the
/// room starts at the margin.
fn shift(start: f64, len: f64, limit: f64, margin: f64) -> f64 {
    start.min(limit - margin - len).max(margin)
}

/// The arrow's offset, kept off the popover's rounded corners.
fn arrow_at(offset: f64, len: f64, spacing: Spacing) -> f64 {
    let hi = (len - spacing.arrow_inset).max(spacing.arrow_inset);
    offset.clamp(spacing.arrow_inset, hi)
}

/// The spotlight cutout: `target` grown by `padding` on every side, so its
/// shadow dims everything else. A cutout that shares area with the
/// viewport is not clamped to it (the part outside is never seen, and a
/// hole that keeps its size while the page scrolls needs no repainting); one
/// entirely outside the viewport yields an empty rectangle at the nearest
/// edge, so the shadow still covers the viewport.
pub fn cutout(target: Rect, padding: f64, viewport: Size) -> Rect {
    let grown = Rect::new(
        target.x - padding,
        target.y - padding,
        target.width + 2.0 * padding,
        target.height + 2.0 * padding,
    );
    if grown.intersects(&Rect::new(0.0, 0.0, viewport.width, viewport.height)) {
        return grown;
    }
    let x0 = grown.x.clamp(0.0, viewport.width);
    let y0 = grown.y.clamp(0.0, viewport.height);
    let x1 = grown.right().clamp(0.0, viewport.width);
    let y1 = grown.bottom().clamp(0.0, viewport.height);
    Rect::new(x0, y0, (x1 - x0).max(0.0), (y1 - y0).max(0.0))
}

#[cfg(test)]
mod tests;
