//! The built app: static files from `dist`, and `index.html` for the app's own routes. Files go
//! out compressed, as the build wrote them (`.br`, `.gz` beside each) or compressed on the way,
//! and those whose names carry their content's hash are cached for a year: phones install the
//! app at venues on one bar of signal.

use std::path::Path;

use axum::extract::Request;
use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::MethodRouter;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// A file named by its content never changes, so no cache need ask again.
const FOREVER: &str = "public, max-age=31536000, immutable";
/// Everything else is revalidated: the service worker, not the HTTP cache, keeps the app offline,
/// and a stale sw.js or index.html would hide a new release.
const REVALIDATE: &str = "no-cache";

/// Serves files from `dist`. A path that names no file and has no extension is one of the
/// app's routes (`/record`, `/training`), so it gets `index.html`; under `/admin/` it is one of
/// the admin app's, so it gets `admin/index.html`; a missing file gets a 404.
pub(crate) fn app_files(dist: &Path) -> MethodRouter {
    let dist = dist.to_path_buf();
    let files = ServeDir::new(&dist);
    let routes_or_missing = move |uri: Uri| {
        let dist = dist.clone();
        async move {
            if looks_like_a_file(uri.path()) {
                return (StatusCode::NOT_FOUND, "Not found").into_response();
            }
            let index_path = dist.join(app_of(uri.path())).join("index.html");
            match tokio::fs::read(&index_path).await {
                Ok(html) => Html(html).into_response(),
                Err(_) => (StatusCode::NOT_FOUND, "The app has not been built.").into_response(),
            }
        }
    };
    let files = files
        .precompressed_br()
        .precompressed_gzip()
        .fallback(routes_or_missing.into_service());
    axum::routing::get_service(files)
        // Only what the build did not compress (`index.html` for a route, say): a response
        // that already has an encoding is left as it is.
        .layer(CompressionLayer::new())
        .layer(axum::middleware::from_fn(cache_control))
}

/// How long caches may keep each file, and that they must keep each encoding apart.
async fn cache_control(request: Request, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let policy = if hashed && response.status().is_success() {
        FOREVER
    } else {
        REVALIDATE
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    // Any file may go out in another encoding, so a cache must keep each apart; the built
    // files' responses do not say so themselves.
    let varies = headers.get_all(header::VARY).iter().any(|vary| {
        vary.to_str()
            .is_ok_and(|vary| vary.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// Whether the file's name carries its content's hash, as trunk names what it builds:
/// `fieldbook-63a576ace514435b.js`, `fieldbook-63a576ace514435b_bg.wasm`.
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    name.split('-').skip(1).any(|part| {
        part.len() > 16
            && part.as_bytes()[..16].iter().all(u8::is_ascii_hexdigit)
            && matches!(part.as_bytes()[16], b'.' | b'_')
    })
}

/// The folder of `dist` whose app a route belongs to: the admin app's under `/admin`, otherwise
/// the phone app's.
fn app_of(path: &str) -> &'static str {
    if path == "/admin" || path.starts_with("/admin/") {
        "admin"
    } else {
        ""
    }
}

fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::{app_of, is_hashed, looks_like_a_file};

    #[test]
    fn tells_the_admin_apps_routes_from_the_phone_apps() {
        for path in ["/admin", "/admin/", "/admin/people/ada"] {
            assert_eq!(app_of(path), "admin", "{path}");
        }
        for path in ["/", "/record", "/administration", "/settings"] {
            assert_eq!(app_of(path), "", "{path}");
        }
    }

    #[test]
    fn tells_files_from_routes() {
        assert!(looks_like_a_file("/fieldbook_bg.wasm"));
        assert!(looks_like_a_file("/icons/icon-192.png"));
        assert!(!looks_like_a_file("/record"));
        assert!(!looks_like_a_file("/training/"));
    }

    #[test]
    fn tells_hashed_names_from_the_rest() {
        assert!(is_hashed("/fieldbook-63a576ace514435b.js"));
        assert!(is_hashed("/fieldbook-63a576ace514435b_bg.wasm"));
        assert!(is_hashed("/app-ef5d1592f4d327dc.css"));
        for path in [
            "/index.html",
            "/sw.js",
            "/manifest.webmanifest",
            "/icons/icon-192.png",
            "/record",
            "/fieldbook-63a576ace514435.js",
            "/fieldbook-63a576ace514435z.js",
        ] {
            assert!(!is_hashed(path), "{path}");
        }
    }
}
