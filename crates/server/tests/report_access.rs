//! Who may read reports, and that browser-sent values stay inert: bearer
//! tokens (missing, unknown, revoked, limited to a site), the dashboard's
//! session cookie, formula injection in CSV, markup in the dashboard, and
//! the `lotse token` / `lotse report` commands.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use lotse_core::event::{EventType, Reason};
use serde_json::Value;

use crate::reports::{csv, fixture, load};
use crate::support::{lotse_in, now_ms, write_guides, TestServer};

async fn get(
    server: &TestServer,
    path: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    server
        .send(request.body(Body::empty()).expect("request"))
        .await
}

fn sqlite(dir: &tempfile::TempDir) -> String {
    format!("sqlite://{}/access.db", dir.path().display())
}

#[tokio::test]
async fn reports_need_a_valid_token() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = TestServer::open(&sqlite(&dir)).await;
    let store = server.state.store();
    let revoked = lotse_server::auth::create_token(store, "gone", None, now_ms())
        .await
        .expect("created")
        .expect("new name");
    assert!(store.revoke_token("gone").await.expect("revoked"));
    let cases: [(&str, Option<String>, StatusCode); 5] = [
        ("no header", None, StatusCode::UNAUTHORIZED),
        (
            "not bearer",
            Some(format!("Basic {}", server.token)),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "unknown",
            Some("Bearer lotse_0000".into()),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "revoked",
            Some(format!("Bearer {revoked}")),
            StatusCode::UNAUTHORIZED,
        ),
        (
            "valid",
            Some(format!("Bearer {}", server.token)),
            StatusCode::OK,
        ),
    ];
    for path in [
        "/v1/reports/guides",
        "/v1/reports/guides/demo/funnel",
        "/v1/reports/guides/demo/funnel.csv",
    ] {
        for (name, auth, want) in &cases {
            let headers: Vec<(&str, &str)> =
                auth.iter().map(|a| ("authorization", a.as_str())).collect();
            let (status, h, body) = get(&server, path, &headers).await;
            assert_eq!(status, *want, "{path} {name}: {body}");
            if status == StatusCode::UNAUTHORIZED {
                assert_eq!(h["www-authenticate"], "Bearer");
                let body: Value = serde_json::from_str(&body).expect("JSON error");
                assert_eq!(body["errors"][0]["field"], "authorization", "{path} {name}");
            }
        }
    }
}

#[tokio::test]
async fn a_site_token_sees_only_its_site() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = TestServer::open(&sqlite(&dir)).await;
    load(&server, fixture()).await;
    let store = server.state.store();
    let other = lotse_server::auth::create_token(store, "shop", Some("shop"), now_ms())
        .await
        .expect("created")
        .expect("new name");
    let auth = format!("Bearer {other}");
    let (_, _, body) = get(
        &server,
        "/v1/reports/guides/demo/funnel",
        &[("authorization", &auth)],
    )
    .await;
    let report: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        report["runs"]["started"], 0,
        "the fixture was sent for site demo"
    );
    let (_, report) = server.get_json("/v1/reports/guides/demo/funnel").await;
    assert_eq!(report["runs"]["started"], 6);
}

/// The session cookie from a login, checked for its flags.
async fn login(server: &TestServer, token: &str) -> (StatusCode, Option<String>) {
    let request = Request::post("/dashboard/login")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(format!("token={token}&lang=en")))
        .expect("request");
    let (status, headers, _) = server.send(request).await;
    let cookie = headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, cookie)
}

#[tokio::test]
async fn the_dashboard_exchanges_a_token_for_a_strict_cookie() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = TestServer::open(&sqlite(&dir)).await;
    let (status, headers, _) = get(&server, "/dashboard", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers["location"], "/dashboard/login?lang=en");

    let (status, cookie) = login(&server, "lotse_wrong").await;
    assert_eq!((status, cookie), (StatusCode::UNAUTHORIZED, None));

    let (status, cookie) = login(&server, &server.token).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let cookie = cookie.expect("a session cookie");
    for flag in [
        "HttpOnly",
        "SameSite=Strict",
        "Path=/dashboard",
        "Max-Age=43200",
    ] {
        assert!(cookie.contains(flag), "{flag} in {cookie}");
    }
    let pair = cookie.split(';').next().expect("name=value").to_string();
    let (status, headers, body) = get(&server, "/dashboard", &[("cookie", &pair)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let csp = headers["content-security-policy"].to_str().expect("ASCII");
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    assert!(body.contains("data-guide=\"demo\""), "{body}");
    let (_, _, de) = get(&server, "/dashboard?lang=de", &[("cookie", &pair)]).await;
    assert!(
        de.contains("Anleitungen") && de.contains("lang=\"de\""),
        "German on ?lang=de"
    );
    // Switching language keeps the report's filter.
    let (_, _, filtered) = get(
        &server,
        "/dashboard/guides/demo?lang=en&device=mobile&locale=de-DE",
        &[("cookie", &pair)],
    )
    .await;
    assert!(
        filtered.contains("href=\"?lang=de&amp;locale=de-DE&amp;device=mobile\""),
        "the DE link keeps the filter: {filtered}"
    );

    // Revoking the token ends its sessions at once.
    assert!(server
        .state
        .store()
        .revoke_token(&server.token_name)
        .await
        .expect("revoked"));
    let (status, _, _) = get(&server, "/dashboard", &[("cookie", &pair)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn browser_values_stay_text_in_csv_and_html() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let server = TestServer::open(&sqlite(&dir)).await;
    let xss = "<img src=x onerror=alert(1)>";
    let formula = "=HYPERLINK(\"http://evil.example\",\"x\")";
    let mut runs = fixture();
    runs.truncate(1);
    runs[0].6 = vec![
        (EventType::StepViewed, Some(xss), None, "/de/", None, None),
        (
            EventType::StepViewed,
            Some(formula),
            None,
            "@SUM(A1)",
            None,
            None,
        ),
        (
            EventType::StepFailed,
            Some(formula),
            Some(Reason::Error),
            "-1+1",
            None,
            None,
        ),
    ];
    load(&server, runs).await;
    let body = csv(&server, "/v1/reports/guides/demo/funnel.csv", None).await;
    assert!(
        body.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\""),
        "{body}"
    );
    assert!(!body.contains(",\"=") && !body.contains(",="), "{body}");

    let (_, cookie) = login(&server, &server.token).await;
    let cookie = cookie.expect("cookie");
    let pair = cookie.split(';').next().expect("pair");
    let (status, _, html) = get(
        &server,
        "/dashboard/guides/demo?lang=en&path=%3Cscript%3E",
        &[("cookie", pair)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(!html.contains("<script"), "no markup from the query");
    let (_, _, html) = get(&server, "/dashboard/guides/demo", &[("cookie", pair)]).await;
    assert!(
        html.contains("&lt;img src=x onerror=alert(1)&gt;"),
        "{html}"
    );
    assert!(!html.contains("<img"), "the step id is never markup");
    assert!(
        html.contains("<code>-1+1</code>"),
        "the failure path is listed: {html}"
    );
}

#[test]
fn token_and_report_commands() {
    let dir = tempfile::tempdir().expect("temporary folder");
    write_guides(&dir.path().join("guides"));
    let db = format!("sqlite://{}/cli.db", dir.path().display());
    let (code, secret) = lotse_in(
        dir.path(),
        &["token", "create", "--name", "po", "--database", &db],
    );
    assert_eq!(code, 0, "{secret}");
    assert!(
        secret.trim().starts_with("lotse_") && secret.trim().len() == 6 + 64,
        "{secret}"
    );
    let (code, again) = lotse_in(
        dir.path(),
        &["token", "create", "--name", "po", "--database", &db],
    );
    assert_eq!(code, 1, "{again}");
    let (code, list) = lotse_in(dir.path(), &["token", "list", "--database", &db]);
    assert_eq!(code, 0);
    assert!(list.starts_with("po\tsite=*\tcreated="), "{list}");
    assert!(!list.contains(secret.trim()), "secrets are never listed");
    let (code, out) = lotse_in(dir.path(), &["token", "revoke", "po", "--database", &db]);
    assert_eq!((code, out.trim()), (0, "revoked po"));
    let (code, _) = lotse_in(dir.path(), &["token", "revoke", "po", "--database", &db]);
    assert_eq!(code, 1);

    let (code, table) = lotse_in(dir.path(), &["report", "demo", "--database", &db]);
    assert_eq!(code, 0, "{table}");
    assert!(table.contains("runs 0  completed 0"), "{table}");
    let (code, json) = lotse_in(
        dir.path(),
        &[
            "report",
            "demo",
            "--format",
            "json",
            "--version",
            "1",
            "--database",
            &db,
        ],
    );
    assert_eq!(code, 0, "{json}");
    let report: Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(report["versions"], serde_json::json!([1]));
    let (code, out) = lotse_in(dir.path(), &["report", "nope", "--database", &db]);
    assert_eq!(code, 1, "{out}");
    let (code, out) = lotse_in(
        dir.path(),
        &["report", "demo", "--from", "soon", "--database", &db],
    );
    assert_eq!(
        (code, out.trim()),
        (
            1,
            "error: --from: must be a day YYYY-MM-DD or ms since 1970-01-01"
        )
    );
}
