//! First run. While no administrator exists, `serve` (or `fieldbook-server setup-link`) makes a
//! one-time set-up code and prints a link with it; `/setup` is a small page the server writes
//! itself, with no script, where whoever started the server makes the first administrator.
//! docs/first-run.md says why it is built this way.

mod page;

use std::net::IpAddr;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::get;
use axum::{Form, Router};

use crate::auth::rules::{password_problem, username_problem};
use crate::auth::{limiter, CodeKind};
use crate::codes;
use crate::error::wait_in_words;
use crate::extract::ClientAddr;
use crate::html::{self, blocking, Problems, MAX_FORM_BYTES};
use crate::store::{audit_now, CodeState, FirstAdmin, Store};
use crate::{now_ms, AppState};
use page::{Field, SetUpForm};

/// How long a set-up code works: a day to get round to it, and no longer.
pub const CODE_LIFETIME_MS: u64 = 24 * 60 * 60 * 1000;
/// Who the audit log names for the first administrator's account.
const ACTOR: &str = "set-up link";

/// Make a set-up code that works until [`CODE_LIFETIME_MS`] after `now_ms`, keep its hash, and
/// return it. Codes made before it go on working until they expire or one is used.
pub fn issue(store: &dyn Store, now_ms: u64) -> crate::store::Result<String> {
    let code = codes::new_code();
    store.add_setup_code(&codes::hash(&code), now_ms, now_ms + CODE_LIFETIME_MS)?;
    Ok(code)
}

/// The sentence that gives a person the set-up link for the server at `base` (`http://host:port`).
pub fn invitation(base: &str, code: &str) -> String {
    format!("No administrator yet. To create one, open {base}/setup?code={code} within 24 hours.")
}

pub(crate) fn routes(state: AppState) -> Router {
    Router::new()
        .route("/setup", get(show).post(submit))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .with_state(state)
}

#[derive(serde::Deserialize)]
struct Link {
    #[serde(default)]
    code: String,
}

async fn show(
    State(state): State<AppState>,
    link: Result<Query<Link>, QueryRejection>,
) -> Response {
    // The code is not checked here: only a sent form is, through the limiter.
    let code = link.map(|Query(link)| link.code).unwrap_or_default();
    match has_admin(&state).await {
        Ok(true) => page::set_up_already(StatusCode::OK),
        Ok(false) => {
            let typed = SetUpForm {
                code,
                ..SetUpForm::default()
            };
            page::form(StatusCode::OK, &typed, &[])
        }
        Err(fault) => fault,
    }
}

async fn submit(
    State(state): State<AppState>,
    ClientAddr(address): ClientAddr,
    form: Result<Form<SetUpForm>, FormRejection>,
) -> Response {
    let form = match html::sent(form, "/setup") {
        Ok(form) => form,
        Err(unreadable) => return unreadable,
    };
    match set_up(&state, address, &form).await {
        Ok(response) | Err(response) => response,
    }
}

/// Each refusal is a page: the form again with what is wrong, or why there is nothing to do.
async fn set_up(state: &AppState, address: IpAddr, form: &SetUpForm) -> Result<Response, Response> {
    if has_admin(state).await? {
        return Ok(page::set_up_already(StatusCode::CONFLICT));
    }
    let reserved = blocking(state, move |store| {
        limiter::reserve_code(store, CodeKind::SetUp, address, now_ms())
    })
    .await?;
    if let Err(wait) = reserved {
        let message = format!(
            "Too many wrong set-up codes have been tried. Try again in {}.",
            wait_in_words(wait)
        );
        let refused = refuse(StatusCode::TOO_MANY_REQUESTS, form, Field::Code, message);
        return Err(html::retry_after(refused, wait));
    }
    let code_hash = codes::hash(&form.code);
    let found = {
        let code_hash = code_hash.clone();
        blocking(state, move |store| {
            let found = store.setup_code(&code_hash, now_ms())?;
            if found == CodeState::Usable {
                limiter::succeeded_code(store, CodeKind::SetUp, address)?;
            } else {
                limiter::failed_code(store, CodeKind::SetUp, address, now_ms())?;
            }
            Ok(found)
        })
        .await?
    };
    if found != CodeState::Usable {
        return Err(code_refused(found, form));
    }

    let mut problems: Problems<Field> = Vec::new();
    if let Some(problem) = username_problem(&form.username) {
        problems.push((Field::Username, problem));
    }
    if let Some(problem) = password_problem(&form.password) {
        problems.push((Field::Password, problem));
    } else if form.password != form.password_again {
        problems.push((
            Field::PasswordAgain,
            "The two passwords are not the same. Type them again.".to_owned(),
        ));
    }
    if !problems.is_empty() {
        return Err(page::form(StatusCode::BAD_REQUEST, form, &problems));
    }

    let password_hash = html::hash_chosen(form.password.clone()).await?;
    let username = form.username.clone();
    let entry = audit_now(
        ACTOR,
        "add_user",
        &username,
        format!("admin, the first administrator, from {address}"),
    );
    let made = blocking(state, move |store| {
        store.make_first_admin(&code_hash, &username, &password_hash, &entry)
    })
    .await?;
    match made {
        FirstAdmin::Made => {
            tracing::info!("{} is the first administrator", form.username);
            Ok(page::done(&form.username))
        }
        FirstAdmin::AdminExists => Ok(page::set_up_already(StatusCode::CONFLICT)),
        FirstAdmin::Code(found) => Err(code_refused(found, form)),
        FirstAdmin::UsernameTaken => Err(refuse(
            StatusCode::BAD_REQUEST,
            form,
            Field::Username,
            format!(
                "There is already an account called {}. Choose another username.",
                form.username
            ),
        )),
    }
}

/// A wrong code is forbidden; a used or out-of-date one is gone for good.
fn code_refused(found: CodeState, form: &SetUpForm) -> Response {
    const NEW_CODE: &str = "For a new one, restart the server, or run \
                            fieldbook-server setup-link with the server's --db.";
    let (status, message) = match found {
        CodeState::Used => (
            StatusCode::GONE,
            format!("That set-up code has been used already. {NEW_CODE}"),
        ),
        CodeState::Expired => (
            StatusCode::GONE,
            format!("That set-up code is more than 24 hours old. {NEW_CODE}"),
        ),
        CodeState::Unknown | CodeState::Usable => (
            StatusCode::FORBIDDEN,
            "That set-up code is not right. Copy the whole link the server printed when it \
             started."
                .to_owned(),
        ),
    };
    refuse(status, form, Field::Code, message)
}

fn refuse(status: StatusCode, form: &SetUpForm, field: Field, message: String) -> Response {
    page::form(status, form, &[(field, message)])
}

async fn has_admin(state: &AppState) -> Result<bool, Response> {
    blocking(state, |store| store.has_admin()).await
}
