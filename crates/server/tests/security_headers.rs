//! Security headers: the app runs under a Content-Security-Policy that allows its own loader
//! and nothing injected, nothing can frame it or sniff it, and no cache keeps an API answer.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use fieldbook_server::app;
use fieldbook_server::store::SqliteStore;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

/// The module script trunk writes into `index.html` to load the WebAssembly.
const LOADER: &str = "\nimport init, * as bindings from '/fieldbook-1a2b.js';\n\
                      const wasm = await init({ module_or_path: '/fieldbook-1a2b_bg.wasm' });\n";

fn page(loader: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Fieldbook</title>\
         <link rel=\"modulepreload\" href=\"/fieldbook-1a2b.js\"></head>\
         <body><script type=\"module\">{loader}</script></body></html>"
    )
}

fn server() -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    std::fs::write(dist.join("index.html"), page(LOADER)).unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    let store = Arc::new(SqliteStore::open(&folder.path().join("fieldbook.sqlite")).unwrap());
    (app(store, &dist), folder)
}

async fn headers(router: &Router, path: &str) -> HeaderMap {
    let request = Request::get(path).body(Body::empty()).unwrap();
    router
        .clone()
        .oneshot(request)
        .await
        .unwrap()
        .headers()
        .clone()
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}

fn sha256(script: &str) -> String {
    format!("'sha256-{}'", STANDARD.encode(Sha256::digest(script)))
}

#[tokio::test]
async fn the_app_allows_its_own_loader_and_no_other_inline_script() {
    let (router, _folder) = server();
    for path in ["/", "/record", "/sw.js"] {
        let headers = headers(&router, path).await;
        let policy = header(&headers, "content-security-policy");
        let script_src = policy
            .split(';')
            .map(str::trim)
            .find(|directive| directive.starts_with("script-src "))
            .unwrap_or_else(|| panic!("{path}: no script-src in {policy}"));
        assert_eq!(
            script_src,
            format!("script-src 'self' 'wasm-unsafe-eval' {}", sha256(LOADER)),
            "{path}"
        );
        for directive in [
            "default-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "connect-src 'self'",
        ] {
            assert!(
                policy.contains(directive),
                "{path}: {directive} in {policy}"
            );
        }
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    }
}

#[tokio::test]
async fn a_rebuilt_app_gets_its_new_loader_allowed_without_a_restart() {
    let (router, folder) = server();
    let before = headers(&router, "/").await;
    assert!(header(&before, "content-security-policy").contains(&sha256(LOADER)));
    let rebuilt = LOADER.replace("1a2b", "3c4d");
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(folder.path().join("dist/index.html"), page(&rebuilt)).unwrap();
    let after = headers(&router, "/").await;
    let policy = header(&after, "content-security-policy");
    assert!(policy.contains(&sha256(&rebuilt)), "{policy}");
    assert!(!policy.contains(&sha256(LOADER)), "{policy}");
}

#[tokio::test]
async fn nothing_can_frame_sniff_or_follow_a_referrer_from_any_answer() {
    let (router, _folder) = server();
    for path in [
        "/",
        "/training",
        "/missing.js",
        "/api/health",
        "/api/v1/nothing",
    ] {
        let headers = headers(&router, path).await;
        assert_eq!(
            header(&headers, "x-content-type-options"),
            "nosniff",
            "{path}"
        );
        assert_eq!(header(&headers, "x-frame-options"), "DENY", "{path}");
        assert_eq!(header(&headers, "referrer-policy"), "no-referrer", "{path}");
        assert!(
            header(&headers, "content-security-policy").contains("frame-ancestors 'none'"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn no_cache_keeps_an_api_answer() {
    let (router, _folder) = server();
    for path in [
        "/api/health",
        "/api/v1/info",
        "/api/v1/sync/pull",
        "/api/v1/nothing",
        "/api/openapi.json",
    ] {
        let headers = headers(&router, path).await;
        assert_eq!(header(&headers, "cache-control"), "no-store", "{path}");
        assert_eq!(
            header(&headers, "content-security-policy"),
            "default-src 'none'; frame-ancestors 'none'",
            "{path}"
        );
    }
    // The app's own files are revalidated, not forbidden: the service worker keeps them.
    assert_eq!(
        header(&headers(&router, "/").await, "cache-control"),
        "no-cache"
    );
}
