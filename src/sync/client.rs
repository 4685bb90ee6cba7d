//! The sync API over fetch: sign in and out, the server's limits, push and pull, the account's
//! signed-in devices and the coordinator's reports. Every failure is a [`Failure`] a person can
//! read.

use fieldbook_core::framework::Framework;
use fieldbook_core::protocol::{
    ApiError, Info, LoginRequest, PullResponse, PushRequest, PushResponse, Report, Session,
    SessionSummary,
};
use fieldbook_core::report::{EngagementFile, Filter};
use fieldbook_local::sync::{Failure, Transport};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;

/// A signed-in connection to one server.
#[derive(Clone)]
pub struct Client {
    base: String,
    token: String,
}

impl Client {
    pub fn new(base: &str, token: &str) -> Self {
        Client {
            base: base.trim_end_matches('/').to_owned(),
            token: token.to_owned(),
        }
    }

    pub async fn login(base: &str, username: &str, password: &str) -> Result<Session, Failure> {
        let body = LoginRequest {
            username: username.to_owned(),
            password: password.to_owned(),
        };
        let request = Request::post(&format!("{}/api/v1/login", base.trim_end_matches('/')))
            .json(&body)
            .map_err(|error| Failure::Unreadable(error.to_string()))?;
        read(request.send().await).await
    }

    pub async fn logout(&self) -> Result<(), Failure> {
        let response = self
            .authorised(Request::post(&self.url("/api/v1/logout")))
            .send()
            .await;
        match response {
            Ok(response) if response.ok() || response.status() == 401 => Ok(()),
            other => read::<serde_json::Value>(other).await.map(|_| ()),
        }
    }

    /// The sessions in force on this account, one per signed-in device.
    pub async fn sessions(&self) -> Result<Vec<SessionSummary>, Failure> {
        read(
            self.authorised(Request::get(&self.url("/api/v1/sessions")))
                .send()
                .await,
        )
        .await
    }

    /// Sign out one of this account's other devices, such as a lost phone.
    pub async fn revoke_session(&self, id: &str) -> Result<(), Failure> {
        let path = format!("/api/v1/sessions/{}", js_sys::encode_uri_component(id));
        let response = self
            .authorised(Request::delete(&self.url(&path)))
            .send()
            .await;
        match response {
            Ok(response) if response.ok() => Ok(()),
            other => read::<serde_json::Value>(other).await.map(|_| ()),
        }
    }

    /// The dashboard's engagement sections over every record this account may see.
    pub async fn report(&self, filter: &Filter) -> Result<Report, Failure> {
        read(self.report_request("/api/v1/reports", filter).send().await).await
    }

    /// One of the engagement files, over every record this account may see.
    pub async fn report_file(
        &self,
        file: EngagementFile,
        filter: &Filter,
    ) -> Result<String, Failure> {
        let path = format!("/api/v1/reports/{}.csv", file.stem());
        let response = self.report_request(&path, filter).send().await;
        let response = response.map_err(|error| Failure::Network(error.to_string()))?;
        if !response.ok() {
            return Err(refusal(response).await);
        }
        response
            .text()
            .await
            .map_err(|error| Failure::Network(error.to_string()))
    }

    fn report_request(&self, path: &str, filter: &Filter) -> RequestBuilder {
        let (from, to) = (filter.period.from.to_string(), filter.period.to.to_string());
        let area = filter.area.as_deref().unwrap_or("");
        self.authorised(Request::get(&self.url(path))).query([
            ("from", from.as_str()),
            ("to", to.as_str()),
            ("area", area),
        ])
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn authorised(&self, request: RequestBuilder) -> RequestBuilder {
        request.header("Authorization", &format!("Bearer {}", self.token))
    }
}

impl Transport for Client {
    async fn info(&self) -> Result<Info, Failure> {
        read(Request::get(&self.url("/api/v1/info")).send().await).await
    }

    async fn push(&self, request: &PushRequest) -> Result<PushResponse, Failure> {
        let request = self
            .authorised(Request::post(&self.url("/api/v1/sync/push")))
            .json(request)
            .map_err(|error| Failure::Unreadable(error.to_string()))?;
        read(request.send().await).await
    }

    /// Changes after `cursor`, leaving out what `device` wrote last: it has those already.
    async fn pull(
        &self,
        cursor: Option<&str>,
        limit: usize,
        device: &str,
    ) -> Result<PullResponse, Failure> {
        let limit = limit.to_string();
        let request = self
            .authorised(Request::get(&self.url("/api/v1/sync/pull")))
            .query([
                ("cursor", cursor.unwrap_or("")),
                ("limit", limit.as_str()),
                ("device", device),
            ]);
        read(request.send().await).await
    }

    /// The competency frameworks published to this user's teams.
    async fn frameworks(&self) -> Result<Vec<Framework>, Failure> {
        read(
            self.authorised(Request::get(&self.url("/api/v1/frameworks")))
                .send()
                .await,
        )
        .await
    }
}

async fn read<T: DeserializeOwned>(sent: Result<Response, gloo_net::Error>) -> Result<T, Failure> {
    let response = sent.map_err(|error| Failure::Network(error.to_string()))?;
    if !response.ok() {
        return Err(refusal(response).await);
    }
    response
        .json()
        .await
        .map_err(|error| Failure::Unreadable(error.to_string()))
}

/// Why the server said no, from its JSON error when it sent one.
async fn refusal(response: Response) -> Failure {
    let status = response.status();
    let message = match response.json::<ApiError>().await {
        Ok(error) => error.message,
        Err(_) => format!("HTTP {status}"),
    };
    match status {
        401 => Failure::SignIn(message),
        409 => Failure::PullAgain,
        _ => Failure::Refused { status, message },
    }
}
