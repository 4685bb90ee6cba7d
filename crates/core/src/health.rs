//! The server's health report, as `GET /api/health` sends it and the app reads it.

use serde::{Deserialize, Serialize};

/// What a running server says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Health {
    /// Always `"ok"` when the server can answer at all.
    pub status: String,
    /// The Fieldbook version the server was built from.
    pub version: String,
    /// The schema version of the server's database, after its migrations ran.
    pub schema_version: u32,
}

impl Health {
    /// A healthy report for this build at the given database schema version.
    pub fn ok(schema_version: u32) -> Self {
        Self {
            status: "ok".to_owned(),
            version: crate::VERSION.to_owned(),
            schema_version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_json() {
        let health = Health::ok(3);
        let json = serde_json::to_string(&health).unwrap();
        assert_eq!(
            json,
            format!(
                r#"{{"status":"ok","version":"{}","schema_version":3}}"#,
                crate::VERSION
            )
        );
        assert_eq!(serde_json::from_str::<Health>(&json).unwrap(), health);
    }

    #[test]
    fn rejects_unknown_fields() {
        let json = r#"{"status":"ok","version":"0.1.0","schema_version":1,"extra":true}"#;
        assert!(serde_json::from_str::<Health>(json).is_err());
    }
}
