//! Who is asking: passwords (argon2, a few checked at once), session tokens (random, stored
//! hashed, compared in constant time, ending when unused or at a cap, revocable one by one),
//! login rate limits kept in the database, the rules every username and password meet, and the
//! extractor that turns a bearer token into the signed-in user.

pub mod limiter;
mod password;
pub mod rules;
mod token;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use fieldbook_core::roles::User;

pub use limiter::CodeKind;
pub use password::{hash_password, PasswordChecks};
pub use token::{ends_at, new_token, Token, IDLE_LIFETIME_MS, MAX_LIFETIME_MS};

use crate::error::AppError;
use crate::AppState;

/// The signed-in user and the id of the session they used.
pub struct Authenticated {
    pub user: User,
    pub token_id: String,
}

impl FromRequestParts<AppState> for Authenticated {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .ok_or(AppError::Unauthorized(
                "Sign in first: this needs a bearer token.",
            ))?;
        let presented = header
            .strip_prefix("Bearer ")
            .and_then(|token| token.parse::<Token>().ok())
            .ok_or(AppError::Unauthorized(
                "The bearer token is not one this server issues.",
            ))?;
        let store = state.store.clone();
        let now_ms = crate::now_ms();
        tokio::task::spawn_blocking(move || {
            let Some(record) = store.token(&presented.id)? else {
                return Err(AppError::Unauthorized(
                    "This session is not known; sign in again.",
                ));
            };
            if !presented.matches(&record.secret_hash) {
                return Err(AppError::Unauthorized(
                    "This session is not known; sign in again.",
                ));
            }
            if record.revoked {
                return Err(AppError::Unauthorized(
                    "This session was signed out; sign in again.",
                ));
            }
            if ends_at(&record) <= now_ms {
                return Err(AppError::Unauthorized(
                    "This session has expired; sign in again.",
                ));
            }
            if now_ms.saturating_sub(record.last_used_ms) >= token::USE_NOTED_EVERY_MS {
                store.touch_token(&presented.id, now_ms)?;
            }
            match store.account(&record.username)? {
                Some((account, _)) if !account.disabled => Ok(Authenticated {
                    user: account.user,
                    token_id: presented.id,
                }),
                _ => Err(AppError::Unauthorized("This account is disabled.")),
            }
        })
        .await
        .map_err(|error| AppError::Internal(error.to_string()))?
    }
}
