//! What sync needs from the network: the four calls of the sync API. The app sends them with
//! fetch; tests send them to the server in process, with faults.

use fieldbook_core::framework::Framework;
use fieldbook_core::protocol::{Info, PullResponse, PushRequest, PushResponse};

/// Every way a call can fail, in words a person can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Failure {
    #[error("The server could not be reached: {0}")]
    Network(String),
    #[error("{0}")]
    SignIn(String),
    #[error("The server's data was replaced; pulling everything again.")]
    PullAgain,
    #[error("The server refused the request ({status}): {message}")]
    Refused { status: u16, message: String },
    #[error("The server's answer could not be read: {0}")]
    Unreadable(String),
}

/// A signed-in connection to one server.
#[allow(async_fn_in_trait)] // Run on one thread: in the page, or in a test's executor.
pub trait Transport {
    /// The server's limits and versions.
    async fn info(&self) -> Result<Info, Failure>;
    async fn push(&self, request: &PushRequest) -> Result<PushResponse, Failure>;
    /// Changes after `cursor`, leaving out what `device` wrote last: it has those already.
    async fn pull(
        &self,
        cursor: Option<&str>,
        limit: usize,
        device: &str,
    ) -> Result<PullResponse, Failure>;
    /// The competency frameworks published to this user's teams.
    async fn frameworks(&self) -> Result<Vec<Framework>, Failure>;
}
