//! The built app's files as a phone on a weak signal gets them: compressed (as the build wrote
//! them, or on the way), and cached for a year when their names carry their content's hash.

use std::sync::Arc;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use fieldbook_server::app;
use fieldbook_server::store::SqliteStore;
use http_body_util::BodyExt;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

const WASM: &str = "fieldbook-63a576ace514435b_bg.wasm";
const ADMIN_START: &str = "import init from '/admin/fieldbook-admin.js'; await init();";

/// A built app with a hashed wasm that the build also wrote as `.br` and `.gz` (each marked, so a
/// test can tell which was sent), and an `index.html` it did not compress; and the admin app in
/// `admin/`, whose `index.html` starts it with a script of its own.
fn server() -> (Router, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let dist = folder.path().join("dist");
    std::fs::create_dir_all(&dist).unwrap();
    let page = format!(
        "<!DOCTYPE html><title>Fieldbook</title>{}",
        " ".repeat(2000)
    );
    std::fs::write(dist.join("index.html"), page).unwrap();
    std::fs::write(
        dist.join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(dist.join(WASM), b"\0asm\x01\0\0\0 plain").unwrap();
    std::fs::write(dist.join(format!("{WASM}.br")), b"brotli").unwrap();
    std::fs::write(dist.join(format!("{WASM}.gz")), b"gzip").unwrap();
    std::fs::create_dir_all(dist.join("admin")).unwrap();
    std::fs::write(
        dist.join("admin/index.html"),
        format!("<!DOCTYPE html><title>Fieldbook administration</title><script type=\"module\">{ADMIN_START}</script>"),
    )
    .unwrap();
    let store = Arc::new(SqliteStore::open(&folder.path().join("fieldbook.sqlite")).unwrap());
    (app(store, &dist), folder)
}

async fn get(
    router: &Router,
    path: &str,
    accept: Option<&str>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut request = Request::get(path);
    if let Some(accept) = accept {
        request = request.header(header::ACCEPT_ENCODING, accept);
    }
    let response = router
        .clone()
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes().to_vec();
    (parts.status, parts.headers, body)
}

fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).map(|value| value.to_str().unwrap())
}

#[tokio::test]
async fn a_built_file_goes_out_as_the_build_compressed_it() {
    let (router, _folder) = server();
    let path = format!("/{WASM}");
    for (accept, encoding, body) in [
        (Some("gzip, deflate, br"), Some("br"), &b"brotli"[..]),
        (Some("gzip"), Some("gzip"), &b"gzip"[..]),
        (None, None, &b"\0asm\x01\0\0\0 plain"[..]),
    ] {
        let (status, headers, sent) = get(&router, &path, accept).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(
            header(&headers, header::CONTENT_ENCODING),
            encoding,
            "{accept:?}"
        );
        assert_eq!(sent, body, "{accept:?}");
        assert_eq!(
            header(&headers, header::CONTENT_TYPE),
            Some("application/wasm")
        );
        assert!(
            header(&headers, header::VARY).is_some_and(|vary| vary.contains("accept-encoding")),
            "a cache must keep each encoding apart: {headers:?}"
        );
    }
}

#[tokio::test]
async fn what_the_build_did_not_compress_is_compressed_on_the_way() {
    let (router, _folder) = server();
    for path in ["/record", "/index.html"] {
        let (status, headers, sent) = get(&router, path, Some("gzip")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&headers, header::CONTENT_ENCODING),
            Some("gzip"),
            "{path}"
        );
        assert!(sent.len() < 500, "{path}: {} bytes", sent.len());
        assert!(
            header(&headers, header::CONTENT_SECURITY_POLICY).is_some(),
            "{path} keeps its policy"
        );
    }
}

#[tokio::test]
async fn hashed_files_are_kept_for_a_year_and_the_rest_are_asked_about_again() {
    let (router, _folder) = server();
    let (_, headers, _) = get(&router, &format!("/{WASM}"), Some("br")).await;
    assert_eq!(
        header(&headers, header::CACHE_CONTROL),
        Some("public, max-age=31536000, immutable")
    );
    for path in ["/", "/index.html", "/record", "/sw.js"] {
        let (status, headers, _) = get(&router, path, Some("br")).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(
            header(&headers, header::CACHE_CONTROL),
            Some("no-cache"),
            "{path}"
        );
    }
    // A hashed name that is not there must not be remembered as missing for a year.
    let (status, headers, _) = get(&router, "/fieldbook-0000000000000000_bg.wasm", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(header(&headers, header::CACHE_CONTROL), Some("no-cache"));
}

#[tokio::test]
async fn the_admin_apps_routes_get_its_own_page_and_its_script_is_allowed() {
    let (router, _folder) = server();
    for path in ["/admin/", "/admin/people", "/admin/people/ada"] {
        let (status, headers, sent) = get(&router, path, None).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let page = String::from_utf8(sent).unwrap();
        assert!(page.contains("Fieldbook administration"), "{path}: {page}");
        let hash = STANDARD.encode(Sha256::digest(ADMIN_START));
        let policy = header(&headers, header::CONTENT_SECURITY_POLICY).unwrap();
        assert!(policy.contains(&hash), "{path}: {policy}");
    }
    // The phone app's routes still get the phone app, and a missing admin file is missing.
    let (_, _, sent) = get(&router, "/administration", None).await;
    assert!(!String::from_utf8(sent).unwrap().contains("administration"));
    let (status, _, _) = get(&router, "/admin/missing.js", None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
