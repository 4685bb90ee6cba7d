//! The pages the server writes itself (`/setup`, `/password`): plain strings, every value
//! escaped, one inline stylesheet and no script, so that they add nothing to the app a phone
//! downloads. Each store call runs off the async threads, and a failure is a page too.

mod form;

use std::time::Duration;

use axum::extract::rejection::FormRejection;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Form;

pub use form::{field, problem_summary, FormField, Problems};

use crate::auth::hash_password;
use crate::error::incident_reference;
use crate::store::Store;
use crate::AppState;

/// The pages' stylesheet, inline; their policy allows exactly this text by its hash.
pub const STYLE: &str = include_str!("style.css");
/// Each form is a few short fields; anything much bigger is not one of them.
pub const MAX_FORM_BYTES: usize = 16 * 1024;

pub fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Fieldbook</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>\n"
    );
    (status, Html(html)).into_response()
}

/// The sent form, or a page saying it could not be read (too large, or not a form), with a
/// link to `again` to start over.
// The refusal is a page to send at once, as from every handler here; it is never kept.
#[allow(clippy::result_large_err)]
pub fn sent<T>(form: Result<Form<T>, FormRejection>, again: &str) -> Result<T, Response> {
    let status = match form {
        Ok(Form(form)) => return Ok(form),
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            StatusCode::PAYLOAD_TOO_LARGE
        }
        Err(_) => StatusCode::BAD_REQUEST,
    };
    let body = format!(
        "<h1>The form could not be read</h1>\
         <p>What was sent is not the form, or is far too long. \
         <a href=\"{}\">Open the page again</a> and fill it in.</p>",
        escape(again)
    );
    Err(page(status, "The form could not be read", &body))
}

/// `response`, telling the client to wait `wait` before trying again.
pub fn retry_after(mut response: Response, wait: Duration) -> Response {
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, crate::error::wait_seconds(wait).into());
    response
}

/// Hash a password chosen on a page, off the async threads: argon2 takes a core for a while.
pub async fn hash_chosen(password: String) -> Result<String, Response> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(|error| fault(&error))
}

/// Run a store call off the async threads; a failure is the server's, shown as a page.
pub async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce(&dyn Store) -> crate::store::Result<T> + Send + 'static,
) -> Result<T, Response> {
    let store = state.store.clone();
    match tokio::task::spawn_blocking(move || work(store.as_ref())).await {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(error)) => Err(fault(&error)),
        Err(error) => Err(fault(&error)),
    }
}

/// The detail goes to the log; the person gets a reference that finds it there.
pub fn fault(error: &dyn std::fmt::Display) -> Response {
    let reference = incident_reference();
    tracing::error!(reference, "a page failed: {error}");
    let body = format!(
        "<h1>Something went wrong on the server</h1>\
         <p>Nothing was changed. Try again in a minute. If it happens again, give whoever runs \
         the server this reference: <strong>{}</strong>.</p>",
        escape(&reference)
    );
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        &body,
    )
}

/// Text made safe for HTML, in an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
    }
}
