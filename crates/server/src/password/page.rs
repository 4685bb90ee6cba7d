//! The password pages.

use axum::http::StatusCode;
use axum::response::Response;

use crate::html::{escape, field, page, problem_summary, FormField};
use crate::store::LinkState;

/// What the password form holds. The passwords are never written back into a page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    pub code: String,
    /// Sent back only so that a password manager files the password under the right name.
    pub username: String,
    pub password: String,
    pub password_again: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Password,
    PasswordAgain,
}

impl FormField for Field {
    fn id(self) -> &'static str {
        match self {
            Field::Password => "password",
            Field::PasswordAgain => "password_again",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Field::Password => "New password",
            Field::PasswordAgain => "New password again",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Password => {
                "At least 10 characters. A few words strung together is easy to remember."
            }
            Field::PasswordAgain => "Type the same password, to be sure it is the one you meant.",
        }
    }
}

/// The form for `username`, with what is wrong with what was sent.
pub fn form(
    status: StatusCode,
    code: &str,
    username: &str,
    problems: &[(Field, String)],
) -> Response {
    let username = escape(username);
    let body = format!(
        "<h1>Choose your password</h1>\
         <p>This sets the password of the Fieldbook account <strong>{username}</strong>. The \
         link works once.</p>\
         {summary}\
         <form method=\"post\" action=\"/password\">\
         <input type=\"hidden\" name=\"code\" value=\"{code}\">\
         <input type=\"text\" name=\"username\" value=\"{username}\" autocomplete=\"username\" \
         readonly hidden>\
         {password}{again}\
         <button type=\"submit\">Set password</button></form>",
        summary = problem_summary(problems),
        code = escape(code),
        password = field(Field::Password, "password", "", "new-password", problems),
        again = field(
            Field::PasswordAgain,
            "password",
            "",
            "new-password",
            problems
        ),
    );
    page(status, "Choose your password", &body)
}

/// The password is set.
pub fn done(username: &str) -> Response {
    let body = format!(
        "<h1>Your password is set</h1>\
         <p>Open Fieldbook and sign in as <strong>{}</strong> with your new password. Any \
         device that was signed in to this account has been signed out.</p>\
         <p><a class=\"button\" href=\"/settings\">Open Fieldbook and sign in</a></p>",
        escape(username)
    );
    page(StatusCode::OK, "Your password is set", &body)
}

/// Why the link cannot be used: a wrong link or a disabled account is forbidden; a used,
/// expired or replaced one is gone for good.
pub fn refused(state: &LinkState) -> Response {
    const NEW_LINK: &str = "Ask your administrator for a new link.";
    let (status, title, why) = match state {
        LinkState::Used => (
            StatusCode::GONE,
            "This link has been used",
            "A password has been set with it already. If that was you, open Fieldbook and \
             sign in.",
        ),
        LinkState::Expired => (
            StatusCode::GONE,
            "This link has expired",
            "A password link works for 72 hours, and this one is older.",
        ),
        LinkState::Replaced => (
            StatusCode::GONE,
            "This link has been replaced",
            "A newer link was made for this account, so this one no longer works. Use the \
             newest link you were given.",
        ),
        LinkState::AccountDisabled => (
            StatusCode::FORBIDDEN,
            "This account is disabled",
            "Its password cannot be set while it is disabled.",
        ),
        LinkState::Unknown | LinkState::Usable(_) => (
            StatusCode::FORBIDDEN,
            "This link is not right",
            "Check that you copied the whole link you were given.",
        ),
    };
    let body = format!("<h1>{title}</h1><p>{why}</p><p>{NEW_LINK}</p>");
    page(status, title, &body)
}

/// Too many wrong links have come from this client.
pub fn slowed(wait_in_words: &str) -> Response {
    let body = format!(
        "<h1>Too many wrong links</h1>\
         <p>Too many links that are not right have been tried from here. Try again in \
         {wait_in_words}.</p>"
    );
    page(StatusCode::TOO_MANY_REQUESTS, "Too many wrong links", &body)
}
