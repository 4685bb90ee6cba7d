//! The built app: static files from `dist`, and `index.html` for the app's own routes.

use std::path::Path;

use axum::handler::HandlerWithoutStateExt;
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse};
use axum::routing::MethodRouter;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// Serves files from `dist`. A path that names no file and has no extension is one of the
/// app's routes (`/record`, `/training`), so it gets `index.html`; a missing file gets a 404.
pub(crate) fn app_files(dist: &Path) -> MethodRouter {
    let index_path = dist.join("index.html");
    let routes_or_missing = move |uri: Uri| {
        let index_path = index_path.clone();
        async move {
            if looks_like_a_file(uri.path()) {
                return (StatusCode::NOT_FOUND, "Not found").into_response();
            }
            match tokio::fs::read(&index_path).await {
                Ok(html) => Html(html).into_response(),
                Err(_) => (StatusCode::NOT_FOUND, "The app has not been built.").into_response(),
            }
        }
    };
    let files = ServeDir::new(dist).fallback(routes_or_missing.into_service());
    // Revalidate everything: the service worker, not the HTTP cache, keeps the app offline,
    // and a stale sw.js or index.html would hide a new release.
    axum::routing::get_service(files).layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache"),
    ))
}

fn looks_like_a_file(path: &str) -> bool {
    path.rsplit('/')
        .next()
        .is_some_and(|last| last.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::looks_like_a_file;

    #[test]
    fn tells_files_from_routes() {
        assert!(looks_like_a_file("/fieldbook_bg.wasm"));
        assert!(looks_like_a_file("/icons/icon-192.png"));
        assert!(!looks_like_a_file("/record"));
        assert!(!looks_like_a_file("/training/"));
    }
}
