//! Tables of rectangles: where the popover lands and where the hole is.

use super::*;

const VIEW: Size = Size::new(1280.0, 800.0);
const PHONE: Size = Size::new(360.0, 640.0);
const POP: Size = Size::new(320.0, 160.0);

fn at(side: Side) -> Placement {
    Placement {
        side,
        align: Align::Center,
    }
}

fn inside(p: &Position, popover: Size, viewport: Size) -> bool {
    p.x >= 0.0
        && p.y >= 0.0
        && p.x + popover.width <= viewport.width
        && p.y + popover.height <= viewport.height
}

/// One row: name, target, preferred side, viewport, expected side, x, y.
type PlacementCase = (&'static str, Option<Rect>, Side, Size, Placed, f64, f64);

#[test]
fn placement_table() {
    let s = Spacing::default();
    let cases: &[PlacementCase] = &[
        (
            "room below: preferred bottom, centred on the target",
            Some(Rect::new(400.0, 100.0, 200.0, 40.0)),
            Side::Bottom,
            VIEW,
            Placed::Bottom,
            340.0,
            152.0,
        ),
        (
            "no room above: flips to bottom",
            Some(Rect::new(400.0, 20.0, 200.0, 40.0)),
            Side::Top,
            VIEW,
            Placed::Bottom,
            340.0,
            72.0,
        ),
        (
            "no room below: flips to top",
            Some(Rect::new(400.0, 700.0, 200.0, 40.0)),
            Side::Bottom,
            VIEW,
            Placed::Top,
            340.0,
            528.0,
        ),
        (
            "near the left edge: shifted inside",
            Some(Rect::new(0.0, 100.0, 40.0, 40.0)),
            Side::Bottom,
            VIEW,
            Placed::Bottom,
            8.0,
            152.0,
        ),
        (
            "near the right edge: shifted inside",
            Some(Rect::new(1250.0, 100.0, 30.0, 40.0)),
            Side::Bottom,
            VIEW,
            Placed::Bottom,
            952.0,
            152.0,
        ),
        (
            "right of the target",
            Some(Rect::new(100.0, 300.0, 100.0, 40.0)),
            Side::Right,
            VIEW,
            Placed::Right,
            212.0,
            240.0,
        ),
        (
            "no room right: flips left",
            Some(Rect::new(1100.0, 300.0, 100.0, 40.0)),
            Side::Right,
            VIEW,
            Placed::Left,
            768.0,
            240.0,
        ),
        (
            "auto picks the side with most room (top)",
            Some(Rect::new(400.0, 600.0, 200.0, 40.0)),
            Side::Auto,
            VIEW,
            Placed::Top,
            340.0,
            428.0,
        ),
        (
            "no target: centred",
            None,
            Side::Bottom,
            VIEW,
            Placed::Centre,
            480.0,
            320.0,
        ),
        (
            "target scrolled out of view: centred",
            Some(Rect::new(400.0, 2000.0, 200.0, 40.0)),
            Side::Bottom,
            VIEW,
            Placed::Centre,
            480.0,
            320.0,
        ),
        (
            "target fills the viewport: centred",
            Some(Rect::new(0.0, 0.0, 1280.0, 800.0)),
            Side::Bottom,
            VIEW,
            Placed::Centre,
            480.0,
            320.0,
        ),
        (
            "phone: below a header, shifted to the margin",
            Some(Rect::new(300.0, 10.0, 50.0, 40.0)),
            Side::Left,
            PHONE,
            Placed::Bottom,
            32.0,
            62.0,
        ),
        (
            "phone, no room beside a tall target: bottom sheet",
            Some(Rect::new(0.0, 150.0, 360.0, 350.0)),
            Side::Bottom,
            PHONE,
            Placed::Sheet,
            0.0,
            480.0,
        ),
    ];
    for &(name, target, side, viewport, placed, x, y) in cases {
        let p = place(target, POP, viewport, at(side), s);
        assert_eq!((p.placed, p.x, p.y), (placed, x, y), "{name}");
        assert!(inside(&p, POP, viewport), "{name}: inside the viewport");
        if let Some(t) = target.filter(|_| !matches!(placed, Placed::Centre | Placed::Sheet)) {
            let pop = Rect::new(p.x, p.y, POP.width, POP.height);
            assert!(!pop.intersects(&t), "{name}: does not cover the target");
        }
    }
}

#[test]
fn alignment_along_the_side() {
    let t = Rect::new(400.0, 100.0, 200.0, 40.0);
    let s = Spacing::default();
    let cases = [
        (Align::Start, 400.0),
        (Align::Center, 340.0),
        (Align::End, 280.0),
    ];
    for (align, x) in cases {
        let p = place(
            Some(t),
            POP,
            VIEW,
            Placement {
                side: Side::Bottom,
                align,
            },
            s,
        );
        assert_eq!(p.x, x, "{align:?}");
    }
}

#[test]
fn arrow_points_at_the_target() {
    let s = Spacing::default();
    let cases = [
        // (target, side, arrow offset)
        (Rect::new(400.0, 100.0, 200.0, 40.0), Side::Bottom, 160.0),
        // Popover shifted right of a target at the left edge: arrow moves left,
        // but stays off the rounded corner.
        (Rect::new(0.0, 100.0, 10.0, 40.0), Side::Bottom, 14.0),
        (Rect::new(20.0, 100.0, 40.0, 40.0), Side::Bottom, 32.0),
        // Beside a target at the top: the arrow points up toward its middle.
        (Rect::new(100.0, 0.0, 100.0, 20.0), Side::Right, 14.0),
        (Rect::new(100.0, 300.0, 100.0, 40.0), Side::Right, 80.0),
    ];
    for (target, side, arrow) in cases {
        let p = place(Some(target), POP, VIEW, at(side), s);
        assert_eq!(p.arrow, Some(arrow), "{target:?} {side:?}");
    }
    let centred = place(None, POP, VIEW, at(Side::Auto), s);
    assert_eq!(centred.arrow, None);
}

#[test]
fn cutout_table() {
    let cases = [
        (
            "padding on every side",
            Rect::new(100.0, 100.0, 50.0, 20.0),
            8.0,
            Rect::new(92.0, 92.0, 66.0, 36.0),
        ),
        (
            "partly outside at the top-left corner: not clamped",
            Rect::new(2.0, 3.0, 50.0, 20.0),
            8.0,
            Rect::new(-6.0, -5.0, 66.0, 36.0),
        ),
        (
            "partly outside at the bottom-right corner: not clamped",
            Rect::new(1250.0, 790.0, 50.0, 20.0),
            8.0,
            Rect::new(1242.0, 782.0, 66.0, 36.0),
        ),
        (
            "only the padding on screen: not clamped",
            Rect::new(100.0, 795.0, 50.0, 20.0),
            8.0,
            Rect::new(92.0, 787.0, 66.0, 36.0),
        ),
        (
            "target above the viewport: empty at the top edge",
            Rect::new(100.0, -300.0, 50.0, 20.0),
            8.0,
            Rect::new(92.0, 0.0, 66.0, 0.0),
        ),
        (
            "target below the viewport: empty",
            Rect::new(100.0, 900.0, 50.0, 20.0),
            8.0,
            Rect::new(92.0, 800.0, 66.0, 0.0),
        ),
        (
            "no padding",
            Rect::new(10.5, 20.25, 30.0, 40.0),
            0.0,
            Rect::new(10.5, 20.25, 30.0, 40.0),
        ),
    ];
    for (name, target, padding, expected) in cases {
        assert_eq!(cutout(target, padding, VIEW), expected, "{name}");
    }
}

#[test]
fn right_to_left_mirrors_sides_and_alignment() {
    let p = |side, align| Placement { side, align };
    let cases = [
        (p(Side::Left, Align::Start), p(Side::Right, Align::End)),
        (p(Side::Right, Align::Center), p(Side::Left, Align::Center)),
        (p(Side::Bottom, Align::Start), p(Side::Bottom, Align::End)),
        (p(Side::Auto, Align::End), p(Side::Auto, Align::Start)),
    ];
    for (written, rtl) in cases {
        assert_eq!(for_direction(written, true), rtl, "{written:?}");
        assert_eq!(for_direction(written, false), written, "{written:?}");
    }
}
