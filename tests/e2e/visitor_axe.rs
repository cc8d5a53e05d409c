//! Accessibility (issue 4): axe-core (from npm, installed into .tools/npm by
//! scripts/setup.sh) finds no violations on the demo site with a step open,
//! neither on the whole page (axe walks open shadow roots) nor on the
//! overlay's shadow root on its own, in English and German.

use crate::support::browser::{Chromedriver, Visitor};
use crate::support::overlay::wait_for_step;
use crate::support::repo_root;
use crate::support::server::TestServer;

/// Runs axe on `context` and answers with the violations, compactly.
const RUN_AXE: &str = r#"
const [context, done] = arguments;
axe.run(context, { resultTypes: ['violations'] })
  .then((r) => done(r.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target), summary: v.nodes.map((n) => n.failureSummary) }))))
  .catch((e) => done({ error: String(e) }));
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_violations_with_a_step_open() {
    let axe_path = repo_root().join(".tools/npm/node_modules/axe-core/axe.min.js");
    let axe = std::fs::read_to_string(&axe_path)
        .unwrap_or_else(|error| panic!("{}: {error}: run scripts/setup.sh", axe_path.display()));
    let server = TestServer::start().await;
    let driver = Chromedriver::start().await;
    let pages = [
        ("/", ("welcome", "Step 1 of 3", "Next")),
        ("/de/", ("welcome", "Schritt 1 von 3", "Weiter")),
    ];
    for (path, step) in pages {
        let visitor = Visitor::arrive(&driver, &server.url(path)).await;
        let client = visitor.client();
        wait_for_step(client, step).await;
        client
            .execute(&format!("{axe}\nreturn typeof axe;"), Vec::new())
            .await
            .expect("inject axe-core");
        let contexts = [
            serde_json::json!("html"),
            serde_json::json!({ "include": [["lotse-overlay", ".lotse-layer"]] }),
        ];
        for context in contexts {
            let violations = client
                .execute_async(RUN_AXE, vec![context.clone()])
                .await
                .expect("run axe-core");
            assert_eq!(
                violations,
                serde_json::json!([]),
                "{path}, context {context}: axe-core violations"
            );
        }
        // The check can fail: an image without alt text is reported.
        let violations = client
            .execute_async(
                &format!("document.body.append(document.createElement('img'));\n{RUN_AXE}"),
                vec![serde_json::json!("html")],
            )
            .await
            .expect("run axe-core");
        assert_eq!(violations[0]["id"], "image-alt", "{path}: {violations}");
        visitor.leave().await;
    }
}
