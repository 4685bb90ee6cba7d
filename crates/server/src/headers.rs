//! Security headers: a Content-Security-Policy the built app runs under and a stricter one for
//! the server's own pages (set-up, password), no sniffing, no framing, no referrer, and API
//! answers and those pages that no cache keeps (they carry people's records, and one-time
//! codes).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::http::{header, HeaderName, HeaderValue};
use axum::response::Response;
use axum::routing::MethodRouter;
use axum::Router;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::set_header::SetResponseHeaderLayer;

/// The app's policy without its inline scripts: scripts, styles, pictures and network from this
/// origin only. WebAssembly needs `'wasm-unsafe-eval'` to compile, and nothing else may be
/// evaluated. The app syncs only with the server it came from (there is no CORS for others).
const APP_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{inline}; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
     manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";
/// JSON needs no scripts, styles or frames at all.
const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'";
/// The server's own pages have no script at all, only their inline stylesheet (allowed by its
/// hash), and post their forms only back here.
const PAGE_POLICY: &str = "default-src 'none'; style-src {style}; form-action 'self'; \
     base-uri 'none'; frame-ancestors 'none'";

/// Every answer: never sniffed, never framed, and no referrer to leak the app's paths.
pub(crate) fn for_all(router: Router) -> Router {
    router
        .layer(overriding(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(overriding(header::X_FRAME_OPTIONS, "DENY"))
        .layer(overriding(header::REFERRER_POLICY, "no-referrer"))
}

/// API answers: never kept by any cache, and never run as a page.
pub(crate) fn for_api(router: Router) -> Router {
    router
        .layer(overriding(header::CACHE_CONTROL, "no-store"))
        .layer(overriding(header::CONTENT_SECURITY_POLICY, API_POLICY))
}

/// The server's own pages: the policy above for their inline stylesheet `style`, and never kept
/// by a cache, since they carry one-time codes.
pub(crate) fn for_pages(router: Router, style: &str) -> Router {
    let policy = PAGE_POLICY.replace("{style}", &hash_source(style));
    let policy = HeaderValue::from_str(&policy).expect("a hash and the fixed policy are ASCII");
    router
        .layer(overriding(header::CACHE_CONTROL, "no-store"))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            policy,
        ))
}

/// The built apps' files, under a policy that allows exactly the inline scripts their
/// `index.html` files hold (trunk writes one in each that loads the WebAssembly).
pub(crate) fn for_app(files: MethodRouter, dist: &Path) -> MethodRouter {
    let policy = AppPolicy::new(dist);
    files.layer(axum::middleware::map_response(
        move |mut response: Response| {
            let policy = policy.clone();
            async move {
                response
                    .headers_mut()
                    .insert(header::CONTENT_SECURITY_POLICY, policy.current().await);
                response
            }
        },
    ))
}

fn overriding(name: HeaderName, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(name, HeaderValue::from_static(value))
}

/// The apps' policy, remade whenever either `index.html` changes (the phone app's, and the admin
/// app's in `admin/`), so that a rebuilt app does not need a restarted server. Both apps' inline
/// scripts are allowed on both: each is only the build's own start-up script.
#[derive(Clone)]
struct AppPolicy {
    indexes: [PathBuf; 2],
    made: Arc<Mutex<Option<Made>>>,
}

/// A policy, and the modification times of the `index.html` files it was made from.
type Made = (Vec<Option<SystemTime>>, HeaderValue);

impl AppPolicy {
    fn new(dist: &Path) -> Self {
        Self {
            indexes: [
                dist.join("index.html"),
                dist.join("admin").join("index.html"),
            ],
            made: Arc::default(),
        }
    }

    async fn current(&self) -> HeaderValue {
        let mut modified = Vec::with_capacity(self.indexes.len());
        for index in &self.indexes {
            let meta = tokio::fs::metadata(index).await;
            modified.push(meta.and_then(|meta| meta.modified()).ok());
        }
        if let Some((when, policy)) = &*self.made() {
            if *when == modified {
                return policy.clone();
            }
        }
        let mut html = String::new();
        for index in &self.indexes {
            html.push_str(&tokio::fs::read_to_string(index).await.unwrap_or_default());
        }
        let policy = HeaderValue::from_str(&app_policy(&html))
            .expect("hashes and the fixed policy are plain ASCII");
        *self.made() = Some((modified, policy.clone()));
        policy
    }

    fn made(&self) -> std::sync::MutexGuard<'_, Option<Made>> {
        self.made.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The policy for a page whose inline scripts are those in `html`.
fn app_policy(html: &str) -> String {
    let hashes: String = inline_scripts(html)
        .map(|script| format!(" {}", hash_source(script)))
        .collect();
    APP_POLICY.replace("{inline}", &hashes)
}

/// A policy's name for exactly this inline script or stylesheet.
fn hash_source(text: &str) -> String {
    format!("'sha256-{}'", STANDARD.encode(Sha256::digest(text)))
}

/// The text of each `<script>` with no `src`, exactly as the browser hashes it.
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let (tag, after) = rest.split_once('>')?;
        let (body, _) = after.split_once("</script>")?;
        (!tag.contains("src=")).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_each_inline_script_by_its_hash() {
        let html = "<head><script type=\"module\" src=\"/a.js\"></script></head>\
                    <body><script type=\"module\">\nimport init from '/a.js';\n</script></body>";
        let policy = app_policy(html);
        let hash = STANDARD.encode(Sha256::digest("\nimport init from '/a.js';\n"));
        assert!(policy.contains(&format!(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}';"
        )));
        assert_eq!(policy.matches("'sha256-").count(), 1, "{policy}");
        assert!(!app_policy("<body></body>").contains("sha256"));
    }
}
