//! Whether a phone will keep its records: what to tell the user about the browser's promise to
//! keep them, when unsynced work has waited long enough to warn about, and which browser clears
//! a site's data on its own.

/// One day in milliseconds.
pub const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// Safari clears a site's data after 7 days without a visit. Warning once the oldest unsynced
/// change is older than this leaves the user two days to sync or export a backup.
pub const WARN_UNSYNCED_AFTER_DAYS: u64 = 5;

/// What the browser has promised about keeping the site's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Persistence {
    /// The browser will not clear the data without asking the user.
    Kept,
    /// The browser may clear the data when space runs low.
    NotGuaranteed,
    /// Fieldbook has not asked yet: it asks after the first saved record.
    NotAsked,
}

impl Persistence {
    /// From the answer recorded when Fieldbook asked (`asked`, None until it has), and what the
    /// browser says now (`now`, None when it cannot say). A browser may grant persistence later,
    /// for example once the app is installed, so a "yes" now outranks an earlier "no"; and it
    /// says "no" to everyone who has not asked, so before asking its "no" means nothing.
    pub fn from_answers(asked: Option<bool>, now: Option<bool>) -> Persistence {
        match (asked, now) {
            (_, Some(true)) | (Some(true), None) => Persistence::Kept,
            (None, _) => Persistence::NotAsked,
            (Some(_), _) => Persistence::NotGuaranteed,
        }
    }
}

/// Whole days from `then_ms` to `now_ms`; zero when `then_ms` is later (the clock moved back).
pub fn whole_days_between(then_ms: u64, now_ms: u64) -> u64 {
    now_ms.saturating_sub(then_ms) / DAY_MS
}

/// When the oldest unsynced change (`oldest_ms`, None when everything is synced) is more than
/// [`WARN_UNSYNCED_AFTER_DAYS`] old: how many whole days it has waited.
pub fn unsynced_warning(oldest_ms: Option<u64>, now_ms: u64) -> Option<u64> {
    let oldest_ms = oldest_ms?;
    (now_ms.saturating_sub(oldest_ms) > WARN_UNSYNCED_AFTER_DAYS * DAY_MS)
        .then(|| whole_days_between(oldest_ms, now_ms))
}

/// Whether the browser runs on an iPhone, iPad or iPod. Every browser there is built on Safari's
/// engine, which clears a site's data after 7 days without a visit unless the site is on the
/// Home Screen. An iPad asks for desktop sites, so it calls itself a Macintosh; only its touch
/// points (`max_touch_points`, from `navigator.maxTouchPoints`) give it away.
pub fn is_ios(user_agent: &str, max_touch_points: u32) -> bool {
    ["iPhone", "iPad", "iPod"]
        .iter()
        .any(|device| user_agent.contains(device))
        || (user_agent.contains("Macintosh") && max_touch_points > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_790_000_000_000;

    #[test]
    fn a_yes_from_the_browser_now_outranks_an_earlier_answer() {
        use Persistence::*;
        assert_eq!(Persistence::from_answers(None, None), NotAsked);
        assert_eq!(Persistence::from_answers(None, Some(false)), NotAsked);
        assert_eq!(Persistence::from_answers(None, Some(true)), Kept);
        assert_eq!(Persistence::from_answers(Some(false), None), NotGuaranteed);
        assert_eq!(
            Persistence::from_answers(Some(false), Some(false)),
            NotGuaranteed
        );
        assert_eq!(Persistence::from_answers(Some(false), Some(true)), Kept);
        assert_eq!(Persistence::from_answers(Some(true), None), Kept);
        // The browser's present answer is the truth when it has taken its promise back.
        assert_eq!(
            Persistence::from_answers(Some(true), Some(false)),
            NotGuaranteed
        );
    }

    #[test]
    fn days_are_whole_and_never_negative() {
        assert_eq!(whole_days_between(NOW, NOW), 0);
        assert_eq!(whole_days_between(NOW - DAY_MS + 1, NOW), 0);
        assert_eq!(whole_days_between(NOW - 3 * DAY_MS, NOW), 3);
        assert_eq!(whole_days_between(NOW + DAY_MS, NOW), 0);
    }

    #[test]
    fn unsynced_work_is_flagged_only_once_it_is_more_than_five_days_old() {
        assert_eq!(unsynced_warning(None, NOW), None);
        assert_eq!(unsynced_warning(Some(NOW - DAY_MS), NOW), None);
        assert_eq!(unsynced_warning(Some(NOW - 5 * DAY_MS), NOW), None);
        assert_eq!(unsynced_warning(Some(NOW - 5 * DAY_MS - 1), NOW), Some(5));
        assert_eq!(unsynced_warning(Some(NOW - 9 * DAY_MS), NOW), Some(9));
        assert_eq!(unsynced_warning(Some(NOW + DAY_MS), NOW), None);
    }

    #[test]
    fn iphones_and_ipads_are_recognised_even_when_an_ipad_says_it_is_a_mac() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 \
                      (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
        let ipad_as_mac = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 \
                           (KHTML, like Gecko) Version/17.5 Safari/605.1.15";
        let chrome_on_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) \
                                AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0 Mobile/15E148 \
                                Safari/604.1";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like \
                       Gecko) Chrome/126.0 Mobile Safari/537.36";
        assert!(is_ios(iphone, 5));
        assert!(is_ios(chrome_on_iphone, 5));
        assert!(is_ios(ipad_as_mac, 5));
        assert!(!is_ios(ipad_as_mac, 0), "a Mac has no touch points");
        assert!(!is_ios(android, 5));
    }
}
