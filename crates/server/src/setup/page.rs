//! The set-up pages as HTML: plain strings, every value escaped, one inline stylesheet and no
//! script, so that they add nothing to the app a phone downloads.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

/// The pages' stylesheet, inline; the set-up policy allows exactly this text by its hash.
pub const STYLE: &str = include_str!("setup.css");

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

impl Field {
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

/// What is wrong with the form, field by field, in the form's order.
pub type Problems = Vec<(Field, String)>;

/// The form, with what was typed (except the passwords) and what is wrong with it.
pub fn form(status: StatusCode, typed: &SetUpForm, problems: &[(Field, String)]) -> Response {
    let summary = if problems.is_empty() {
        String::new()
    } else {
        let items: String = problems
            .iter()
            .map(|(field, message)| {
                format!(
                    "<li><a href=\"#{}\">{}</a></li>",
                    field.id(),
                    escape(message)
                )
            })
            .collect();
        format!(
            "<div class=\"problems\" role=\"alert\" aria-labelledby=\"problems-title\">\
             <h2 id=\"problems-title\">There is a problem</h2><ul>{items}</ul></div>"
        )
    };
    let field = |field: Field, kind: &str, value: &str, autocomplete: &str| {
        let problem = problems.iter().find(|(f, _)| *f == field);
        let id = field.id();
        let (class, error, invalid, described) = match problem {
            Some((_, message)) => (
                "field invalid",
                format!(
                    "<p class=\"error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{}</p>",
                    escape(message)
                ),
                " aria-invalid=\"true\"",
                format!("{id}-hint {id}-error"),
            ),
            None => ("field", String::new(), "", format!("{id}-hint")),
        };
        format!(
            "<div class=\"{class}\"><label for=\"{id}\">{label}</label>\
             <p class=\"hint\" id=\"{id}-hint\">{hint}</p>{error}\
             <input id=\"{id}\" name=\"{id}\" type=\"{kind}\" value=\"{value}\" \
             autocomplete=\"{autocomplete}\" autocapitalize=\"none\" spellcheck=\"false\" \
             aria-describedby=\"{described}\"{invalid}></div>",
            label = field.label(),
            hint = field.hint(),
            value = escape(value),
        )
    };
    let body = format!(
        "<h1>Set up Fieldbook</h1>\
         <p>Nobody can sign in to this Fieldbook yet. Make the first administrator here: the \
         account that looks after everyone else's. This page works once.</p>\
         {summary}\
         <form method=\"post\" action=\"/setup\">{code}{username}{password}{again}\
         <button type=\"submit\">Create administrator</button></form>",
        code = field(Field::Code, "text", &typed.code, "off"),
        username = field(Field::Username, "text", &typed.username, "username"),
        password = field(Field::Password, "password", "", "new-password"),
        again = field(Field::PasswordAgain, "password", "", "new-password"),
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

/// What to do after set-up, while accounts can only be made on the command line.
const NEXT: &str = "<p>An administrator looks after accounts and does not sync records. For \
    your own records, add yourself a second account too, as a coordinator, say.</p>\
    <h2>Adding everyone else</h2>\
    <p>For now, accounts are made on the command line of the computer that runs the server. \
    Give each command the same <code>--db</code> as the server. Add a team, then the people \
    in it:</p>\
    <p><code>fieldbook-server team add Brinnington</code></p>\
    <p><code>fieldbook-server user add sam --role outreach --team Brinnington</code></p>\
    <p>A forgotten password is reset there too: \
    <code>fieldbook-server user reset-password NAME</code></p>";

/// The form could not be read at all: too large, or not a form.
pub fn unreadable(status: StatusCode) -> Response {
    let body = "<h1>The form could not be read</h1>\
         <p>What was sent is not the set-up form, or is far too long. \
         <a href=\"/setup\">Open the set-up page again</a> and fill it in.</p>";
    page(status, "The form could not be read", body)
}

/// The server failed; the reference finds the detail in its log.
pub fn fault(reference: &str) -> Response {
    let body = format!(
        "<h1>Something went wrong on the server</h1>\
         <p>Nothing was changed. Try again in a minute. If it happens again, give whoever runs \
         the server this reference: <strong>{}</strong>.</p>",
        escape(reference)
    );
    page(
        StatusCode::INTERNAL_SERVER_ERROR,
        "Something went wrong",
        &body,
    )
}

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!doctype html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} – Fieldbook</title><style>{STYLE}</style></head>\
         <body><main>{body}</main></body></html>\n"
    );
    (status, Html(html)).into_response()
}

/// Text made safe for HTML, in an element or a quoted attribute.
fn escape(text: &str) -> String {
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
