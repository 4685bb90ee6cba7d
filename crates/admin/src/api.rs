//! The admin API over fetch, signed in with the phone app's token. Every failure is a
//! [`Failure`] a person can read; a 401 also marks the session ended for the whole app.

use fieldbook_core::organisation::Organisation;
use fieldbook_core::protocol::admin::{
    Account, AuditEntry, AuditQuery, NewUser, PasswordLink, Publication, Team, TeamName, UserChange,
};
use fieldbook_core::protocol::{ApiError, SessionSummary};
use fieldbook_core::roles::User;
use gloo_net::http::{Request, RequestBuilder, Response};
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("Your session has ended.")]
    Ended,
    #[error("The server could not be reached ({0}). Check the connection and try again.")]
    Network(String),
    #[error("{0}")]
    Refused(String),
    #[error("The server's answer could not be read ({0}).")]
    Unreadable(String),
}

/// What erasing a person changed (`POST /admin/users/{username}/erase`).
#[derive(Debug, Clone, Deserialize)]
pub struct Erased {
    pub pseudonym: String,
    pub records_changed: u64,
}

/// Where a framework went (`POST /frameworks`).
#[derive(Debug, Clone, Deserialize)]
pub struct Published {
    pub id: String,
    pub teams: Vec<String>,
}

/// The signed-in connection, in context for every page.
#[derive(Clone)]
pub struct Api {
    base: String,
    token: String,
    pub user: User,
    /// Set by any 401: every page then says to sign in again.
    pub ended: RwSignal<bool>,
}

impl Api {
    pub fn new(base: &str, token: &str, user: User) -> Self {
        Api {
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
            user,
            ended: RwSignal::new(false),
        }
    }

    pub async fn users(&self) -> Result<Vec<Account>, Failure> {
        self.json(self.get("/admin/users")).await
    }

    pub async fn add_user(&self, user: &NewUser) -> Result<PasswordLink, Failure> {
        self.json(self.with_body(Request::post(&self.url("/admin/users")), user)?)
            .await
    }

    pub async fn change_user(
        &self,
        username: &str,
        change: &UserChange,
    ) -> Result<Account, Failure> {
        let url = self.url(&format!("/admin/users/{}", encode(username)));
        self.json(self.with_body(Request::patch(&url), change)?)
            .await
    }

    pub async fn password_link(&self, username: &str) -> Result<PasswordLink, Failure> {
        let path = format!("/admin/users/{}/password-link", encode(username));
        self.json(self.authorised(Request::post(&self.url(&path))))
            .await
    }

    pub async fn sessions(&self, username: &str) -> Result<Vec<SessionSummary>, Failure> {
        self.json(self.get(&format!("/admin/users/{}/sessions", encode(username))))
            .await
    }

    pub async fn sign_out(&self, username: &str, id: &str) -> Result<(), Failure> {
        let path = format!("/admin/users/{}/sessions/{}", encode(username), encode(id));
        self.send(self.authorised(Request::delete(&self.url(&path))))
            .await
            .map(drop)
    }

    /// Everything the server holds about a person, as the JSON text it sent.
    pub async fn export(&self, username: &str) -> Result<String, Failure> {
        let response = self
            .send(self.get(&format!("/admin/users/{}/export", encode(username))))
            .await?;
        response
            .text()
            .await
            .map_err(|error| Failure::Unreadable(error.to_string()))
    }

    pub async fn erase(&self, username: &str) -> Result<Erased, Failure> {
        let path = format!("/admin/users/{}/erase", encode(username));
        self.json(self.authorised(Request::post(&self.url(&path))))
            .await
    }

    pub async fn teams(&self) -> Result<Vec<Team>, Failure> {
        self.json(self.get("/admin/teams")).await
    }

    pub async fn add_team(&self, name: &str) -> Result<Team, Failure> {
        let body = TeamName {
            name: name.to_owned(),
        };
        self.json(self.with_body(Request::post(&self.url("/admin/teams")), &body)?)
            .await
    }

    pub async fn rename_team(&self, name: &str, new_name: &str) -> Result<Team, Failure> {
        let url = self.url(&format!("/admin/teams/{}", encode(name)));
        let body = TeamName {
            name: new_name.to_owned(),
        };
        self.json(self.with_body(Request::patch(&url), &body)?)
            .await
    }

    pub async fn audit(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, Failure> {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        pairs.extend(query.person.clone().map(|person| ("person", person)));
        pairs.extend(query.action.clone().map(|action| ("action", action)));
        pairs.extend(query.from_ms.map(|ms| ("from_ms", ms.to_string())));
        pairs.extend(query.to_ms.map(|ms| ("to_ms", ms.to_string())));
        pairs.extend(query.limit.map(|limit| ("limit", limit.to_string())));
        let request = self
            .get("/admin/audit")
            .query(pairs.iter().map(|(k, v)| (*k, v.as_str())));
        self.json(request).await
    }

    /// Publishes the framework file's text to `teams`; none means every team.
    pub async fn publish(&self, teams: &[String], text: String) -> Result<Published, Failure> {
        let request = self
            .authorised(Request::post(&self.url("/frameworks")))
            .query(teams.iter().map(|team| ("team", team.as_str())))
            .header("Content-Type", "application/json")
            .body(text)
            .map_err(|error| Failure::Unreadable(error.to_string()))?;
        self.json(request).await
    }

    pub async fn organisation(&self) -> Result<Organisation, Failure> {
        self.json(self.get("/admin/organisation")).await
    }

    pub async fn set_organisation(&self, setting: &Organisation) -> Result<Organisation, Failure> {
        let url = self.url("/admin/organisation");
        self.json(self.with_body(Request::put(&url), setting)?)
            .await
    }

    pub async fn publications(&self) -> Result<Vec<Publication>, Failure> {
        self.json(self.get("/admin/frameworks")).await
    }

    fn url(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    fn get(&self, path: &str) -> RequestBuilder {
        self.authorised(Request::get(&self.url(path)))
    }

    fn authorised(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Authorization", &format!("Bearer {}", self.token))
    }

    fn with_body(
        &self,
        request: RequestBuilder,
        body: &impl Serialize,
    ) -> Result<Request, Failure> {
        self.authorised(request)
            .json(body)
            .map_err(|error| Failure::Unreadable(error.to_string()))
    }

    async fn json<T: DeserializeOwned>(&self, request: impl Sendable) -> Result<T, Failure> {
        self.send(request)
            .await?
            .json()
            .await
            .map_err(|error| Failure::Unreadable(error.to_string()))
    }

    async fn send(&self, request: impl Sendable) -> Result<Response, Failure> {
        self.checked(request.send_it().await).await
    }

    /// The response if it succeeded, otherwise the server's own sentence for why not.
    async fn checked(&self, sent: Result<Response, gloo_net::Error>) -> Result<Response, Failure> {
        let response = sent.map_err(|error| Failure::Network(error.to_string()))?;
        if response.ok() {
            return Ok(response);
        }
        if response.status() == 401 {
            self.ended.set(true);
            return Err(Failure::Ended);
        }
        Err(Failure::Refused(match response.json::<ApiError>().await {
            Ok(error) => error.message,
            Err(_) => format!("The server refused (HTTP {}).", response.status()),
        }))
    }
}

/// A request with or without a body, sent the same way.
trait Sendable {
    async fn send_it(self) -> Result<Response, gloo_net::Error>;
}

impl Sendable for RequestBuilder {
    async fn send_it(self) -> Result<Response, gloo_net::Error> {
        self.send().await
    }
}

impl Sendable for Request {
    async fn send_it(self) -> Result<Response, gloo_net::Error> {
        self.send().await
    }
}

/// One segment of a path or query, escaped.
pub fn encode(part: &str) -> String {
    String::from(js_sys::encode_uri_component(part))
}
