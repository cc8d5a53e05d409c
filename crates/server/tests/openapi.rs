//! `GET /v1/openapi.json` describes the ingest route as it behaves: every
//! status it answers, `Retry-After` where it is sent, the batch limits.

use serde_json::json;

use crate::support::TestServer;

#[tokio::test]
async fn the_document_describes_the_ingest_route() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = TestServer::open(&format!("sqlite://{}/lotse.db", dir.path().display())).await;
    let (status, doc) = server.get_json("/v1/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(doc["openapi"], "3.0.3");
    let post = &doc["paths"]["/v1/events"]["post"];
    for code in ["200", "400", "403", "413", "422", "429", "503"] {
        assert!(post["responses"][code].is_object(), "{code} missing");
    }
    for code in ["429", "503"] {
        assert!(
            post["responses"][code]["headers"]["Retry-After"].is_object(),
            "{code} without Retry-After"
        );
    }
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["Batch"]["properties"]["events"]["maxItems"],
        json!(500)
    );
    assert_eq!(
        schemas["Accepted"]["required"],
        json!(["accepted", "duplicates"])
    );
    assert!(doc["paths"]["/v1/reports/guides/{id}/funnel"]["get"].is_object());
    // Every reference resolves.
    let text = doc.to_string();
    for reference in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = reference.split('"').next().unwrap_or_default();
        assert!(schemas[name].is_object(), "dangling $ref {name}");
    }
}
