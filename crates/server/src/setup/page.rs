//! The set-up pages.

use axum::http::StatusCode;
use axum::response::Response;

use crate::html::{escape, field, page, problem_summary, FormField};

/// What the set-up form holds. The passwords are never written back into a page.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct SetUpForm {
    pub code: String,
    pub username: String,
    pub password: String,
    pub password_again: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Code,
    Username,
    Password,
    PasswordAgain,
}

impl FormField for Field {
    fn id(self) -> &'static str {
        match self {
            Field::Code => "code",
            Field::Username => "username",
            Field::Password => "password",
            Field::PasswordAgain => "password_again",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Field::Code => "Set-up code",
            Field::Username => "Username",
            Field::Password => "Password",
            Field::PasswordAgain => "Password again",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            Field::Code => {
                "It is in the link the server printed when it started; opening that link fills \
                 it in."
            }
            Field::Username => "The administrator signs in with this. For example, a first name.",
            Field::Password => {
                "At least 10 characters. A few words strung together is easy to remember."
            }
            Field::PasswordAgain => "Type the same password, to be sure it is the one you meant.",
        }
    }
}

/// The form, with what was typed (except the passwords) and what is wrong with it.
pub fn form(status: StatusCode, typed: &SetUpForm, problems: &[(Field, String)]) -> Response {
    let body = format!(
        "<h1>Set up Fieldbook</h1>\
         <p>Nobody can sign in to this Fieldbook yet. Make the first administrator here: the \
         account that looks after everyone else's. This page works once.</p>\
         {summary}\
         <form method=\"post\" action=\"/setup\">{code}{username}{password}{again}\
         <button type=\"submit\">Create administrator</button></form>",
        summary = problem_summary(problems),
        code = field(Field::Code, "text", &typed.code, "off", problems),
        username = field(
            Field::Username,
            "text",
            &typed.username,
            "username",
            problems
        ),
        password = field(Field::Password, "password", "", "new-password", problems),
        again = field(
            Field::PasswordAgain,
            "password",
            "",
            "new-password",
            problems
        ),
    );
    page(status, "Set up Fieldbook", &body)
}

/// The first administrator was made.
pub fn done(username: &str) -> Response {
    let body = format!(
        "<h1>Fieldbook is set up</h1>\
         <p><strong>{}</strong> is now an administrator, and can sign in.</p>\
         <p><a class=\"button\" href=\"/sign-in\">Sign in</a></p>\
         {NEXT}",
        escape(username)
    );
    page(StatusCode::OK, "Fieldbook is set up", &body)
}

/// There is an administrator already: `OK` for a look at the page, `CONFLICT` for a form sent.
pub fn set_up_already(status: StatusCode) -> Response {
    let body = format!(
        "<h1>Fieldbook is already set up</h1>\
         <p>An administrator exists, so this page has nothing more to do. Sign in with your \
         account.</p>\
         <p><a class=\"button\" href=\"/sign-in\">Sign in</a></p>\
         {NEXT}"
    );
    page(status, "Fieldbook is already set up", &body)
}

/// What to do after set-up: the rest is done in the browser, in the admin app.
const NEXT: &str = "<p>An administrator looks after accounts and does not sync records. For \
    your own records, add yourself a second account too, as a coordinator, say.</p>\
    <h2>Adding everyone else</h2>\
    <p>Sign in, then open <a href=\"/admin/\">Administration</a> (it is linked from \
    Settings too). Add a team, then the people in it: each new person gets a one-time link to \
    choose their own password, which you pass on to them. A forgotten password gets a new link \
    the same way.</p>";
