//! The widget in headless Chromium (wasm-bindgen-test): a fixture page, the
//! real `start` entry point, and what a visitor sees and can do.
//!
//! Run: see TOOLCHAIN.md (`cargo test --target wasm32-unknown-unknown --test widget`).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{Document, Element, HtmlElement, KeyboardEvent, KeyboardEventInit, ShadowRoot};

wasm_bindgen_test_configure!(run_in_browser);

const GUIDE: &str = r##"{
  "id": "fixture", "version": 1, "title": "Fixture", "defaultLocale": "en",
  "start": { "frequency": "always" },
  "steps": [
    { "id": "first", "target": "#t1",
      "title": { "en": "First", "de": "Erster" }, "body": "Body one" },
    { "id": "second", "target": "#t2", "placement": "right",
      "title": { "en": "Second", "de": "Zweiter" }, "body": "Body two" },
    { "id": "third", "target": "#t3",
      "title": { "en": "Third", "de": "Dritter" }, "body": "<b>not html</b> but **bold**" }
  ]
}"##;

fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    JsFuture::from(promise).await.unwrap();
}

/// Waits up to 3 s for `f` to return something.
async fn until<T>(what: &str, f: impl Fn() -> Option<T>) -> T {
    for _ in 0..150 {
        if let Some(v) = f() {
            return v;
        }
        sleep(20).await;
    }
    panic!("timed out waiting for {what}");
}

fn host() -> Option<Element> {
    document().query_selector("lotse-overlay").unwrap()
}

fn shadow() -> Option<ShadowRoot> {
    host()?.shadow_root()
}

fn find(selector: &str) -> Option<Element> {
    shadow()?.query_selector(selector).ok()?
}

fn text(selector: &str) -> String {
    find(selector)
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Waits for the dialog to show step `id`, positioned.
async fn dialog_at(id: &str) -> Element {
    until(&format!("step {id}"), || {
        find("[role=dialog]").filter(|d| {
            d.get_attribute("data-step").as_deref() == Some(id) && d.has_attribute("data-placed")
        })
    })
    .await
}

fn click(action: &str) {
    find(&format!("button[data-action={action}]"))
        .unwrap_or_else(|| panic!("no {action} button"))
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
}

fn press(key: &str) {
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    document().dispatch_event(&event).unwrap();
}

/// A fresh fixture page in `lang` with three targets; ends any guide left.
async fn fixture(lang: &str) {
    lotse_widget::stop();
    until("no overlay", || host().is_none().then_some(())).await;
    let doc = document();
    doc.document_element()
        .unwrap()
        .set_attribute("lang", lang)
        .unwrap();
    // The test runner keeps its output in <body>: use a container of our own.
    let fixture = match doc.get_element_by_id("fixture") {
        Some(f) => f,
        None => {
            let f = doc.create_element("div").unwrap();
            f.set_id("fixture");
            doc.body().unwrap().append_child(&f).unwrap();
            f
        }
    };
    fixture.set_inner_html(
        r#"<div id="t1" class="fx">One</div>
           <div id="t2" class="fx">Two</div>
           <button id="t3" class="fx">Three</button>"#,
    );
    // Positions through the CSSOM, like a page would with a stylesheet.
    for (id, left, top) in [("t1", 40, 40), ("t2", 300, 300), ("t3", 600, 120)] {
        let el: HtmlElement = doc.get_element_by_id(id).unwrap().dyn_into().unwrap();
        let style = el.style();
        for (k, v) in [
            ("position", "absolute".to_string()),
            ("left", format!("{left}px")),
            ("top", format!("{top}px")),
            ("width", "120px".to_string()),
            ("height", "30px".to_string()),
        ] {
            style.set_property(k, &v).unwrap();
        }
    }
}

fn start(guide: &str) {
    let config = js_sys::Object::new();
    for (k, v) in [("guideJson", guide), ("analytics", "off"), ("site", "test")] {
        js_sys::Reflect::set(&config, &k.into(), &v.into()).unwrap();
    }
    js_sys::Reflect::set(&config, &"force".into(), &JsValue::TRUE).unwrap();
    lotse_widget::start(config.into());
}

/// Collects the `type` of every `lotse:event` from now on.
fn record_events() -> (
    Rc<RefCell<Vec<String>>>,
    Closure<dyn FnMut(web_sys::CustomEvent)>,
) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = seen.clone();
    let listener =
        Closure::<dyn FnMut(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            let detail = e.detail();
            let kind = js_sys::Reflect::get(&detail, &"type".into())
                .unwrap()
                .as_string()
                .unwrap();
            let reason = js_sys::Reflect::get(&detail, &"reason".into())
                .ok()
                .and_then(|r| r.as_string());
            let step = js_sys::Reflect::get(&detail, &"step".into())
                .ok()
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            sink.borrow_mut().push(match reason {
                Some(r) => format!("{kind}@{step}/{r}"),
                None => format!("{kind}@{step}"),
            });
        });
    document()
        .add_event_listener_with_callback("lotse:event", listener.as_ref().unchecked_ref())
        .unwrap();
    (seen, listener)
}

fn stop_recording(listener: &Closure<dyn FnMut(web_sys::CustomEvent)>) {
    document()
        .remove_event_listener_with_callback("lotse:event", listener.as_ref().unchecked_ref())
        .unwrap();
}

#[wasm_bindgen_test]
async fn first_step_shows_title_body_progress_and_buttons() {
    fixture("en").await;
    start(GUIDE);
    dialog_at("first").await;
    let host = host().unwrap();
    assert_eq!(host.parent_element().unwrap().tag_name(), "BODY");
    assert_eq!(text(".lotse-title"), "First");
    assert_eq!(text(".lotse-body"), "Body one");
    assert_eq!(text(".lotse-progress"), "Step 1 of 3");
    assert!(
        find("button[data-action=back]").is_none(),
        "no Back on the first step"
    );
    assert_eq!(text("button[data-action=next]"), "Next");
    assert!(find("button[data-action=close]").is_some());
    assert!(find(".lotse-spotlight").is_some());
}

#[wasm_bindgen_test]
async fn next_back_and_done_walk_the_guide_in_german() {
    fixture("de-DE").await;
    let (events, listener) = record_events();
    start(GUIDE);
    dialog_at("first").await;
    assert_eq!(text(".lotse-progress"), "Schritt 1 von 3");
    click("next");
    dialog_at("second").await;
    assert_eq!(text(".lotse-title"), "Zweiter");
    assert_eq!(text(".lotse-progress"), "Schritt 2 von 3");
    click("back");
    dialog_at("first").await;
    click("next");
    dialog_at("second").await;
    click("next");
    dialog_at("third").await;
    // The body is Lotse's markup, never HTML.
    assert_eq!(text(".lotse-body"), "<b>not html</b> but bold");
    assert!(find(".lotse-body b").is_none());
    assert_eq!(text(".lotse-body strong"), "bold");
    assert_eq!(text("button[data-action=next]"), "Fertig");
    click("next");
    until("overlay removed", || host().is_none().then_some(())).await;
    stop_recording(&listener);
    assert_eq!(
        *events.borrow(),
        [
            "guide_started@first",
            "step_viewed@first",
            "step_completed@first",
            "step_viewed@second",
            "step_back@second",
            "step_viewed@first",
            "step_completed@first",
            "step_viewed@second",
            "step_completed@second",
            "step_viewed@third",
            "step_completed@third",
            "guide_completed@third",
        ]
    );
}

#[wasm_bindgen_test]
async fn esc_closes_and_close_button_closes() {
    fixture("en").await;
    let (events, listener) = record_events();
    start(GUIDE);
    dialog_at("first").await;
    press("Escape");
    until("overlay removed by Esc", || host().is_none().then_some(())).await;

    start(GUIDE);
    dialog_at("first").await;
    click("next");
    dialog_at("second").await;
    click("close");
    until("overlay removed by Close", || {
        host().is_none().then_some(())
    })
    .await;
    stop_recording(&listener);
    let events = events.borrow();
    assert!(
        events.contains(&"guide_abandoned@first/esc".to_string()),
        "{events:?}"
    );
    assert!(
        events.contains(&"guide_abandoned@second/close_button".to_string()),
        "{events:?}"
    );
}

#[wasm_bindgen_test]
async fn spotlight_hole_covers_the_target_and_popover_stays_in_view() {
    fixture("en").await;
    start(GUIDE);
    dialog_at("first").await;
    for id in ["first", "second"] {
        let dialog = dialog_at(id).await;
        let target_id = if id == "first" { "t1" } else { "t2" };
        let target = document()
            .get_element_by_id(target_id)
            .unwrap()
            .get_bounding_client_rect();
        let hole = find(".lotse-spotlight").unwrap().get_bounding_client_rect();
        let padding = 8.0;
        for (name, got, want) in [
            ("left", hole.left(), target.left() - padding),
            ("top", hole.top(), target.top() - padding),
            ("right", hole.right(), target.right() + padding),
            ("bottom", hole.bottom(), target.bottom() + padding),
        ] {
            assert!(
                (got - want).abs() <= 1.0,
                "{id}: hole {name} {got} vs {want}"
            );
        }
        let pop = dialog.get_bounding_client_rect();
        let view = document().document_element().unwrap();
        assert!(
            pop.left() >= 0.0 && pop.top() >= 0.0,
            "{id}: popover inside"
        );
        assert!(
            pop.right() <= f64::from(view.client_width()),
            "{id}: popover inside"
        );
        assert!(
            pop.bottom() <= f64::from(view.client_height()),
            "{id}: popover inside"
        );
        // It sits beside the target, not on it.
        let overlaps = pop.left() < target.right()
            && target.left() < pop.right()
            && pop.top() < target.bottom()
            && target.top() < pop.bottom();
        assert!(!overlaps, "{id}: popover covers its target");
        if id == "first" {
            click("next");
        }
    }
    assert_eq!(
        find("[role=dialog]")
            .unwrap()
            .get_attribute("data-placed")
            .as_deref(),
        Some("right"),
        "second step prefers the right side"
    );
    lotse_widget::stop();
    until("overlay removed", || host().is_none().then_some(())).await;
}

#[wasm_bindgen_test]
async fn missing_target_is_shown_centred_and_reported() {
    fixture("en").await;
    let (events, listener) = record_events();
    let guide = GUIDE.replace(
        r##""target": "#t1","##,
        r##""target": "#nowhere", "waitFor": { "timeoutMs": 200 },"##,
    );
    start(&guide);
    let dialog = dialog_at("first").await;
    assert_eq!(
        dialog.get_attribute("data-placed").as_deref(),
        Some("centre")
    );
    stop_recording(&listener);
    assert_eq!(
        events.borrow()[..3],
        [
            "guide_started@first",
            "step_failed@first/target_missing",
            "step_viewed@first"
        ]
    );
    lotse_widget::stop();
    until("overlay removed", || host().is_none().then_some(())).await;
}

#[wasm_bindgen_test]
async fn late_target_is_found_when_it_appears() {
    fixture("en").await;
    document().get_element_by_id("t1").unwrap().remove();
    start(GUIDE);
    sleep(150).await;
    assert!(
        find("[role=dialog]").is_none(),
        "nothing shown while waiting"
    );
    let late = document().create_element("div").unwrap();
    late.set_id("t1");
    late.set_text_content(Some("Late"));
    document()
        .get_element_by_id("fixture")
        .unwrap()
        .append_child(&late)
        .unwrap();
    let dialog = dialog_at("first").await;
    assert_ne!(
        dialog.get_attribute("data-placed").as_deref(),
        Some("centre")
    );
    lotse_widget::stop();
    until("overlay removed", || host().is_none().then_some(())).await;
}

#[wasm_bindgen_test]
async fn a_bad_guide_shows_nothing() {
    fixture("en").await;
    start(r#"{"id": "Bad Id", "steps": []}"#);
    sleep(200).await;
    assert!(host().is_none());
}

#[wasm_bindgen_test]
async fn a_click_step_advances_when_the_target_is_clicked() {
    fixture("en").await;
    let guide = GUIDE.replace(
        r##""target": "#t1","##,
        r##""target": "#t1", "advance": "click","##,
    );
    start(&guide);
    dialog_at("first").await;
    let target: HtmlElement = document()
        .get_element_by_id("t1")
        .unwrap()
        .dyn_into()
        .unwrap();
    target.click();
    dialog_at("second").await;
    lotse_widget::stop();
    until("overlay removed", || host().is_none().then_some(())).await;
}

#[wasm_bindgen_test]
async fn no_listeners_or_overlay_after_the_guide_ends() {
    fixture("en").await;
    let (events, listener) = record_events();
    start(GUIDE);
    dialog_at("first").await;
    press("Escape");
    until("overlay removed", || host().is_none().then_some(())).await;
    sleep(50).await;
    // Esc again and scrolling do nothing once the guide ended.
    press("Escape");
    sleep(50).await;
    stop_recording(&listener);
    let abandoned = events
        .borrow()
        .iter()
        .filter(|e| e.starts_with("guide_abandoned"))
        .count();
    assert_eq!(abandoned, 1);
    assert!(host().is_none());
}

#[wasm_bindgen_test]
async fn a_run_left_on_an_earlier_page_resumes_where_it_was() {
    fixture("en").await;
    let storage = web_sys::window()
        .unwrap()
        .session_storage()
        .unwrap()
        .unwrap();
    let now = js_sys::Date::now() as i64;
    storage
        .set_item(
            "lotse:progress:fixture:1",
            &format!("0123456789abcdef0123456789abcdef:1:{now}"),
        )
        .unwrap();
    let (events, listener) = record_events();
    start(GUIDE);
    dialog_at("second").await;
    assert_eq!(text(".lotse-progress"), "Step 2 of 3");
    lotse_widget::stop();
    until("overlay removed", || host().is_none().then_some(())).await;
    stop_recording(&listener);
    // Same run, no second guide_started; ending the run forgets it.
    assert_eq!(
        *events.borrow(),
        ["step_viewed@second", "guide_abandoned@second/stopped"]
    );
    assert_eq!(storage.get_item("lotse:progress:fixture:1").unwrap(), None);
}

#[wasm_bindgen_test]
async fn right_to_left_pages_mirror_the_placement() {
    // The second step asks for "right" (room on both sides of #t3); on an
    // RTL page that means the left.
    let guide = GUIDE.replace(
        r##""target": "#t2", "placement": "right","##,
        r##""target": "#t3", "placement": "right","##,
    );
    for (dir, expected) in [("ltr", "right"), ("rtl", "left")] {
        fixture("ar").await;
        let root = document().document_element().unwrap();
        root.set_attribute("dir", dir).unwrap();
        // In the middle: room on both sides of the target.
        let t3: HtmlElement = document()
            .get_element_by_id("t3")
            .unwrap()
            .dyn_into()
            .unwrap();
        t3.style().set_property("left", "330px").unwrap();
        start(&guide);
        dialog_at("first").await;
        click("next");
        let dialog = dialog_at("second").await;
        let placed = dialog.get_attribute("data-placed");
        let width = root.client_width();
        lotse_widget::stop();
        until("overlay removed", || host().is_none().then_some(())).await;
        root.remove_attribute("dir").unwrap();
        assert_eq!(
            placed.as_deref(),
            Some(expected),
            "{dir}, viewport {width} px"
        );
    }
}
