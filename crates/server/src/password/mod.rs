//! Password links. An administrator makes one for a person (a new account has no password, and
//! a forgotten one is replaced the same way); `/password` is a small page the server writes
//! itself, with no script, where that person chooses a password with it, once.

mod page;

use std::net::IpAddr;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};
use fieldbook_core::protocol::admin::PasswordLink;

use crate::auth::rules::password_problem;
use crate::auth::{limiter, CodeKind};
use crate::codes;
use crate::error::wait_in_words;
use crate::extract::ClientAddr;
use crate::html::{self, blocking, Problems, MAX_FORM_BYTES};
use crate::store::{LinkState, Store};
use crate::{now_ms, AppState};
use page::{Field, PasswordForm};

/// How long a password link works: long enough to reach someone over a weekend.
pub const LINK_LIFETIME_MS: u64 = 72 * 60 * 60 * 1000;

/// Make a link for `username` that works until [`LINK_LIFETIME_MS`] after `now_ms`, keep its
/// hash, and return it. Their earlier links stop working.
pub fn issue(store: &dyn Store, username: &str, now_ms: u64) -> crate::store::Result<PasswordLink> {
    let code = codes::new_code();
    let expires_at_ms = now_ms + LINK_LIFETIME_MS;
    store.add_password_link(username, &codes::hash(&code), now_ms, expires_at_ms)?;
    Ok(PasswordLink {
        username: username.to_owned(),
        path: format!("/password?code={code}"),
        expires_at_ms,
    })
}

pub(crate) fn routes(state: AppState) -> Router {
    Router::new()
        .route("/password", get(show).post(submit))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(state)
}

#[derive(serde::Deserialize)]
struct Link {
    #[serde(default)]
    code: String,
}

/// The code is checked on opening the link, so that the page can say whose password it sets.
async fn show(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    link: Result<Query<Link>, QueryRejection>,
) -> Response {
    let code = link.map(|Query(link)| link.code).unwrap_or_default();
    match usable(&state, address, &code).await {
        Ok(username) => page::form(StatusCode::OK, &code, &username, &[]),
        Err(refused) => refused,
    }
}

async fn submit(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    match set_password(&state, address, form).await {
        Ok(response) | Err(response) => response,
    }
}

async fn set_password(
    state: &AppState,
    address: IpAddr,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Result<Response, Response> {
    let form = html::sent(form, "/password")?;
    let username = usable(state, address, &form.code).await?;
    let mut problems: Problems<Field> = Vec::new();
    if let Some(problem) = password_problem(&form.password) {
        problems.push((Field::Password, problem));
    } else if form.password != form.password_again {
        problems.push((
            Field::PasswordAgain,
            "The two passwords are not the same. Type them again.".to_owned(),
        ));
    }
    if !problems.is_empty() {
        return Err(page::form(
            StatusCode::BAD_REQUEST,
            &form.code,
            &username,
            &problems,
        ));
    }
    let password_hash = html::hash_chosen(form.password).await?;
    let code_hash = codes::hash(&form.code);
    let used = blocking(state, move |store| {
        store.use_password_link(&code_hash, &password_hash, now_ms())
    })
    .await?;
    match used {
        LinkState::Usable(username) => {
            tracing::info!("{username} set their password from a link");
            Ok(page::done(&username))
        }
        // Used, replaced or disabled since the check above.
        refused => Err(page::refused(&refused)),
    }
}

/// Whose password the link `code` sets, or the page that says why it cannot. Every look at a
/// code goes through the limiter, as set-up codes do.
async fn usable(state: &AppState, address: IpAddr, code: &str) -> Result<String, Response> {
    let kind = CodeKind::PasswordLink;
    let reserved = blocking(state, move |store| {
        limiter::reserve_code(store, kind, address, now_ms())
    })
    .await?;
    if let Err(wait) = reserved {
        return Err(html::retry_after(page::slowed(&wait_in_words(wait)), wait));
    }
    let code_hash = codes::hash(code);
    let found = blocking(state, move |store| {
        let found = store.password_link(&code_hash, now_ms())?;
        match found {
            LinkState::Usable(_) => limiter::succeeded_code(store, kind, address)?,
            _ => limiter::failed_code(store, kind, address, now_ms())?,
        }
        Ok(found)
    })
    .await?;
    match found {
        LinkState::Usable(username) => Ok(username),
        refused => Err(page::refused(&refused)),
    }
}
