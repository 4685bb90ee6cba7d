//! The server's HTTP surface, driven through `app()` without a socket.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use fieldbook_core::Health;
use fieldbook_server::app;
use std::sync::Arc;

use fieldbook_server::store::SqliteStore;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// A server over a fresh database and a small built app; the folder lives as long as the router.
fn server() -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(dist.join("icons")).unwrap();
    std::fs::write(
        dist.join("index.html"),
        "<!DOCTYPE html><title>Fieldbook</title>",
    )
    .unwrap();
    std::fs::write(dist.join("fieldbook_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    std::fs::write(dist.join("fieldbook.js"), "export default 1;").unwrap();
    std::fs::write(dist.join("manifest.webmanifest"), "{}").unwrap();
    std::fs::write(dist.join("icons/icon-192.png"), b"\x89PNG").unwrap();
    let store = Arc::new(SqliteStore::open(&folder.path().join("fieldbook.sqlite")).unwrap());
    (app(store, &dist), folder)
}

async fn get(router: &Router, path: &str) -> (StatusCode, Option<String>, Vec<u8>) {
    let request = Request::get(path).body(Body::empty()).unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let content_type = response
        .headers()
        .get(header::CONTENT_TYPE)
        .map(|value| value.to_str().unwrap().to_owned());
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, content_type, body)
}

#[tokio::test]
async fn health_reports_version_and_schema() {
    let (router, _folder) = server();
    let (status, content_type, body) = get(&router, "/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let health: Health = serde_json::from_slice(&body).unwrap();
    assert_eq!(health.status, "ok");
    assert_eq!(health.version, fieldbook_core::VERSION);
    assert!(health.schema_version >= 1);
}

#[tokio::test]
async fn unknown_api_path_is_a_json_404() {
    let (router, _folder) = server();
    let (status, content_type, body) = get(&router, "/api/nothing/here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type.as_deref(), Some("application/json"));
    let error: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(error["code"], "not_found");
    assert_eq!(
        error["message"],
        "There is no API endpoint at GET /api/nothing/here."
    );
}

#[tokio::test]
async fn static_files_have_the_right_content_types() {
    let (router, _folder) = server();
    for (path, expected) in [
        ("/fieldbook_bg.wasm", "application/wasm"),
        ("/fieldbook.js", "text/javascript"),
        ("/manifest.webmanifest", "application/manifest+json"),
        ("/icons/icon-192.png", "image/png"),
        ("/", "text/html"),
    ] {
        let (status, content_type, _) = get(&router, path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let content_type = content_type.unwrap_or_default();
        assert!(
            content_type.starts_with(expected),
            "{path} was served as {content_type}, not {expected}"
        );
    }
}

#[tokio::test]
async fn app_routes_get_the_shell_and_missing_files_get_404() {
    let (router, _folder) = server();
    let (status, content_type, body) = get(&router, "/training").await;
    assert_eq!(status, StatusCode::OK);
    assert!(content_type.unwrap().starts_with("text/html"));
    assert!(String::from_utf8(body)
        .unwrap()
        .contains("<title>Fieldbook</title>"));

    let (status, _, _) = get(&router, "/missing.js").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
