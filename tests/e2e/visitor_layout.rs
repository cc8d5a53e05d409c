//! Placement on the hard pages (issue 4): the popover stays inside the
//! viewport, its arrow points at the target, the spotlight hole lies over
//! the target within 1 px, and nothing of the page covers the overlay --
//! in scroll containers, under fixed headers, in transformed parents, on a
//! 360 px phone (bottom sheet), right to left, under hostile host CSS and
//! a strict Content Security Policy. All measured with real rectangles.

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::layout::{check, measure, settled, Layout};
use crate::support::overlay::press;
use crate::support::server::TestServer;

/// The spotlight padding of the fixture guides (the default).
const PADDING: f64 = 8.0;

/// One row: page, window size, the side the popover must take (None: any
/// side that fits), and the second step's check too.
type Case = (&'static str, (u32, u32), Option<&'static str>, bool);

const CASES: &[Case] = &[
    ("/fixtures/scroll-container.html", (1280, 900), None, true),
    (
        "/fixtures/fixed-header.html",
        (1280, 900),
        Some("bottom"),
        true,
    ),
    (
        "/fixtures/transformed.html",
        (1280, 900),
        Some("bottom"),
        false,
    ),
    ("/fixtures/narrow.html", (360, 740), Some("sheet"), true),
    // The guide asks for "right": on a right-to-left page that is the left.
    ("/fixtures/rtl.html", (1280, 900), Some("left"), false),
    ("/fixtures/hostile.html", (1280, 900), Some("bottom"), true),
    ("/fixtures/csp.html", (1280, 900), Some("bottom"), true),
];

/// Whether the popover's centre hit-tests to the overlay (no page element
/// covers it) and the layer is in the top layer.
const ON_TOP: &str = r#"
const host = document.querySelector('lotse-overlay');
const p = host.shadowRoot.querySelector('.lotse-popover').getBoundingClientRect();
const hit = document.elementFromPoint(p.x + p.width / 2, p.y + p.height / 2);
return {
  hit: hit === host,
  topLayer: host.shadowRoot.querySelector('.lotse-layer').matches(':popover-open'),
  csp: window.cspViolations.length ? window.cspViolations : null,
};
"#;

async fn check_page(driver: &Chromedriver, server: &TestServer, case: &Case) {
    let &(path, (width, height), side, second) = case;
    let visitor = Visitor::arrive(driver, &server.url(path)).await;
    let client = visitor.client();
    if (width, height) != (1280, 900) {
        client
            .set_window_size(width, height)
            .await
            .expect("resize the window");
    }
    let layout = settled(client, "first", "#target", PADDING).await;
    assert_side(path, &layout, side);
    let on_top = client.execute(ON_TOP, Vec::new()).await.expect("hit test");
    assert_eq!(
        on_top,
        serde_json::json!({ "hit": true, "topLayer": true, "csp": null }),
        "{path}: the overlay is covered, not in the top layer, or CSP refused something"
    );
    if path.contains("narrow") {
        assert!(
            (layout.viewport.w - f64::from(width)).abs() < 20.0,
            "{path}: the window did not become a phone: {layout:?}"
        );
        assert_eq!(
            layout.popover.w, layout.viewport.w,
            "{path}: sheet spans the width"
        );
    }
    if path.contains("scroll-container") {
        // Scrolling the container moves the target; the overlay follows.
        client
            .execute(
                "document.getElementById('scroller').scrollTop -= 40",
                vec![],
            )
            .await
            .expect("scroll the container");
        let moved = settled(client, "first", "#target", PADDING).await;
        assert!(
            (moved.target.y - layout.target.y - 40.0).abs() < 1.0,
            "{path}: the target did not move by 40 px: {layout:?} -> {moved:?}"
        );
    }
    if second {
        press(client, "next").await;
        let below = settled(client, "second", "#second", PADDING).await;
        if path.contains("fixed-header") {
            // Scrolled into view below the 64 px fixed header, not under it.
            assert!(below.target.y >= 64.0, "{path}: {below:?}");
        }
    }
    visitor.leave().await;
}

fn assert_side(path: &str, layout: &Layout, side: Option<&str>) {
    if let Some(side) = side {
        assert_eq!(layout.placed, side, "{path}: {layout:?}");
    }
    if side != Some("sheet") {
        assert!(layout.arrow.is_some(), "{path}: no arrow: {layout:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_popover_stays_in_view_and_points_at_the_target_on_hard_pages() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    for case in CASES {
        check_page(&driver, &server, case).await;
    }
}

/// The page scrolls instantly to a far target: the first look after `next`
/// finds the target in view and the step placed at it, and it stays there.
/// Before that, scrolling the page keeps the hole on a target in a fixed
/// header (the overlay scrolls with the page, a fixed target does not).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_far_step_is_in_view_and_still_right_after_next() {
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let path = "/fixtures/fixed-header.html";
    let visitor = Visitor::arrive(&driver, &server.url(path)).await;
    let client = visitor.client();
    let first = settled(client, "first", "#target", PADDING).await;
    client
        .execute("window.scrollBy(0, 300)", Vec::new())
        .await
        .expect("scroll the page");
    let scrolled = settled(client, "first", "#target", PADDING).await;
    assert_eq!(
        scrolled.target, first.target,
        "{path}: the fixed target moved with the page"
    );

    press(client, "next").await;
    let layout = measure(client, "#second")
        .await
        .expect("a placed popover and the second target right after next");
    assert_eq!(layout.step, "second", "{path}: {layout:?}");
    let (t, v) = (layout.target, layout.viewport);
    assert!(
        t.y >= 64.0 && t.y + t.h <= v.h,
        "{path}: the far target is not in view below the header at once: {layout:?}"
    );
    check(&layout, PADDING).unwrap_or_else(|e| panic!("{path}: right after next: {e}"));
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let later = measure(client, "#second").await.expect("still shown");
    assert_eq!(
        (later.popover, later.target, later.spotlight),
        (layout.popover, layout.target, layout.spotlight),
        "{path}: the page or the step was still moving after next"
    );
    visitor.leave().await;
}
