//! Sessions as their owner sees them, one per signed-in device (`GET /api/v1/sessions`), and a
//! device's browser description put in a few words.

use serde::{Deserialize, Serialize};

/// One session still in force. The id cannot sign anyone in; the secret is never shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub id: String,
    /// Which device, as its browser described itself when it signed in (its User-Agent).
    pub label: String,
    pub created_ms: u64,
    pub last_used_ms: u64,
    /// When it ends unless it is used again; use moves this on, up to a cap.
    pub expires_ms: u64,
    /// Whether this is the session the request came with: this device.
    pub current: bool,
}

impl SessionSummary {
    /// The device in words people use, such as "Chrome on Android".
    pub fn device(&self) -> String {
        describe(&self.label)
    }
}

/// A browser's User-Agent as "browser on system", or "An unknown device". Order matters: Edge
/// and Chrome on iOS also say Safari, and Chrome says Safari too.
pub fn describe(user_agent: &str) -> String {
    let has = |word: &str| user_agent.contains(word);
    let browser = if has("Edg") {
        Some("Edge")
    } else if has("Firefox") || has("FxiOS") {
        Some("Firefox")
    } else if has("SamsungBrowser") {
        Some("Samsung Internet")
    } else if has("Chrome") || has("CriOS") || has("Chromium") {
        Some("Chrome")
    } else if has("Safari") {
        Some("Safari")
    } else {
        None
    };
    let system = if has("Android") {
        Some("Android")
    } else if has("iPhone") {
        Some("an iPhone")
    } else if has("iPad") {
        Some("an iPad")
    } else if has("Windows") {
        Some("Windows")
    } else if has("Mac OS X") || has("Macintosh") {
        Some("a Mac")
    } else if has("CrOS") {
        Some("ChromeOS")
    } else if has("Linux") {
        Some("Linux")
    } else {
        None
    };
    match (browser, system) {
        (Some(browser), Some(system)) => format!("{browser} on {system}"),
        (Some(browser), None) => browser.to_owned(),
        (None, Some(system)) => format!("A browser on {system}"),
        (None, None) => "An unknown device".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn common_phones_and_computers_read_as_browser_on_system() {
        let cases = [
            ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1", "Safari on an iPhone"),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0 Mobile/15E148 Safari/604.1", "Chrome on an iPhone"),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows"),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0", "Firefox on a Mac"),
            ("Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0.0.0 Mobile Safari/537.36", "Samsung Internet on Android"),
            ("curl/8.5.0", "An unknown device"),
            ("", "An unknown device"),
        ];
        for (agent, expected) in cases {
            assert_eq!(describe(agent), expected, "{agent}");
        }
    }
}
