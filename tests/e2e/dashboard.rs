//! A product owner signs in to the dashboard in headless Chromium, finds
//! the demo guide, reads the funnel (the same numbers as the API), narrows
//! it with a filter, and sees a hostile step id as plain text (issue 6).

use fantoccini::{Client, Locator};
use lotse_core::event::{Device, Event, EventType, Reason};
use lotse_server::store::NewEvent;
use serde_json::Value;

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::poll;
use crate::support::server::TestServer;

/// One event of a fixture run: its type, step id and reason.
type Fixture = (EventType, &'static str, Option<Reason>);

const XSS: &str = "<img src=x onerror=document.title='pwned'>";

/// Four runs of the demo guide: a desktop finisher, a desktop visitor who
/// closes on step 2, a mobile visitor who presses Esc on step 1, and a
/// mobile run that saw a step id full of markup.
async fn store_events(server: &TestServer) {
    use EventType::*;
    let now = lotse_server::ingest::now_ms();
    let runs: [(&str, Device, Vec<Fixture>); 4] = [
        (
            "finisher",
            Device::Desktop,
            vec![
                (GuideStarted, "welcome", None),
                (StepViewed, "welcome", None),
                (StepCompleted, "welcome", None),
                (StepViewed, "tariffs", None),
                (StepCompleted, "tariffs", None),
                (StepViewed, "meter", None),
                (StepCompleted, "meter", None),
                (GuideCompleted, "meter", None),
            ],
        ),
        (
            "closer",
            Device::Desktop,
            vec![
                (GuideStarted, "welcome", None),
                (StepViewed, "welcome", None),
                (StepCompleted, "welcome", None),
                (StepViewed, "tariffs", None),
                (GuideAbandoned, "tariffs", Some(Reason::CloseButton)),
            ],
        ),
        (
            "escaper",
            Device::Mobile,
            vec![
                (GuideStarted, "welcome", None),
                (StepViewed, "welcome", None),
                (GuideAbandoned, "welcome", Some(Reason::Esc)),
            ],
        ),
        ("hostile", Device::Mobile, vec![(StepViewed, XSS, None)]),
    ];
    let mut events = Vec::new();
    for (run, device, steps) in runs {
        for (n, (kind, step, reason)) in steps.into_iter().enumerate() {
            events.push(Event {
                id: format!("{run}-{n:02}-0123456789abcdef"),
                kind,
                guide: "demo".into(),
                guide_version: 1,
                run: format!("{run}-0123456789abcdef"),
                step: Some(step.into()),
                step_index: None,
                step_count: 3,
                ts: now - 60_000 + n as i64,
                path: "/en/".into(),
                locale: "en-GB".into(),
                device,
                reason,
                dwell_ms: Some(1500),
                locator: None,
            });
        }
    }
    let group: Vec<NewEvent<'_>> = events
        .iter()
        .map(|event| NewEvent {
            site: "demo",
            event,
            received_at: now,
        })
        .collect();
    let store = lotse_server::Store::open(&server.database_url)
        .await
        .expect("open the store");
    store.insert(&[group]).await.expect("store the events");
    store.close().await;
}

/// The text of the element at `css`, waiting up to 10 s for it to appear
/// (a form post answers with a redirect the click does not wait for).
async fn text(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(std::time::Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} on the page: {e}"))
        .text()
        .await
        .unwrap_or_else(|e| panic!("text of {css}: {e}"))
}

/// (runs started, and per step: viewed, completed) as the page shows them.
async fn shown(client: &Client) -> Vec<String> {
    let mut out = vec![text(client, "#totals dd[data-field=started]").await];
    for step in ["welcome", "tariffs", "meter"] {
        for field in ["viewed", "completed"] {
            out.push(
                text(
                    client,
                    &format!("#steps tr[data-step={step}] td[data-field={field}]"),
                )
                .await,
            );
        }
    }
    out
}

/// The same from the API.
fn from_api(report: &Value) -> Vec<String> {
    let mut out = vec![report["runs"]["started"].to_string()];
    for i in 0..3 {
        for field in ["viewed", "completed"] {
            out.push(report["steps"][i][field].to_string());
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_product_owner_reads_and_filters_the_funnel() {
    let server = TestServer::start().await;
    store_events(&server).await;
    let chromedriver = Chromedriver::start().await;
    let owner = Visitor::arrive(&chromedriver, &server.url("/dashboard?lang=en")).await;
    let client = owner.client();

    // Not signed in: the login form. A wrong token is refused.
    let token_field = client
        .find(Locator::Css("#token"))
        .await
        .expect("the login form");
    token_field.send_keys("lotse_wrong").await.expect("type");
    client
        .find(Locator::Css("#sign-in"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");
    assert!(
        text(client, ".error").await.contains("unknown"),
        "a wrong token is refused"
    );
    let token_field = client
        .find(Locator::Css("#token"))
        .await
        .expect("the login form");
    token_field.send_keys(&server.token).await.expect("type");
    client
        .find(Locator::Css("#sign-in"))
        .await
        .expect("button")
        .click()
        .await
        .expect("click");

    // The guide list.
    assert_eq!(
        text(client, "tr[data-guide=demo] td[data-field=runs]").await,
        "4"
    );
    client
        .find(Locator::Css("tr[data-guide=demo] a"))
        .await
        .expect("a link to the demo guide")
        .click()
        .await
        .expect("click");

    // The funnel: the API's numbers.
    let api = server
        .get_json("/v1/reports/guides/demo/funnel")
        .await
        .expect("the API report");
    let want = from_api(&api);
    assert_eq!(
        want,
        ["4", "3", "2", "2", "1", "1", "1"],
        "the fixture's numbers"
    );
    assert_eq!(shown(client).await, want);
    assert!(
        text(client, "svg.chart").await.contains("biggest drop"),
        "the chart marks the biggest drop"
    );

    // A filter changes the numbers, and the URL holds it.
    client
        .find(Locator::Css("#filters select[name=device]"))
        .await
        .expect("the device filter")
        .select_by_value("mobile")
        .await
        .expect("choose mobile");
    client
        .find(Locator::Css("#apply"))
        .await
        .expect("apply")
        .click()
        .await
        .expect("click");
    // The form's GET navigates: wait for the new page's URL.
    poll(
        std::time::Duration::from_secs(10),
        "the filtered page's URL",
        || async {
            match client.current_url().await {
                Ok(url) if url.as_str().contains("device=mobile") => Ok(()),
                Ok(url) => Err(url.to_string()),
                Err(e) => Err(e.to_string()),
            }
        },
    )
    .await;
    let mobile = server
        .get_json("/v1/reports/guides/demo/funnel?device=mobile")
        .await
        .expect("the API report");
    let want = from_api(&mobile);
    assert_eq!(want, ["2", "1", "0", "0", "0", "0", "0"]);
    poll(
        std::time::Duration::from_secs(10),
        "the filtered numbers on the page",
        || async {
            let on_page = shown(client).await;
            if on_page == want {
                Ok(())
            } else {
                Err(format!("{on_page:?}, want {want:?}"))
            }
        },
    )
    .await;

    // The hostile step id is text, not an image.
    let css = format!("#steps tr[data-step=\"{}\"] th", XSS.replace('\'', "\\'"));
    assert_eq!(text(client, &css).await, XSS);
    let images = client.find_all(Locator::Css("img")).await.expect("query");
    assert!(images.is_empty(), "no element came from the step id");
    assert_ne!(client.title().await.expect("title"), "pwned");
    owner.leave().await;
}
