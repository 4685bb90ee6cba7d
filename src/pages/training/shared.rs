//! What every training screen reads: who is using the phone, the active framework and the
//! progress records, each as a memo that follows the store.

use chrono::NaiveDate;
use fieldbook_core::framework::Framework;
use fieldbook_core::progress::{Progress, ProgressError};
use fieldbook_core::roles::User;
use fieldbook_core::{Document, Issue};
use leptos::prelude::*;

use crate::state::{Data, Part};
use crate::storage::SaveError;

/// The training screens' view of the app's data, shared by value (every field is `Copy`).
#[derive(Clone, Copy)]
pub struct Scope {
    pub data: Data,
    pub user: Memo<User>,
    pub framework: Memo<Framework>,
    /// Every live progress record on the phone, anyone's, any framework's.
    pub records: Memo<Vec<Progress>>,
}

impl Scope {
    pub fn read() -> Scope {
        let data = expect_context::<Data>();
        let settings = Memo::new(move |_| data.settings());
        let active = Memo::new(move |_| settings.with(|s| s.active_framework.clone()));
        Scope {
            data,
            user: Memo::new(move |_| data.user()),
            framework: Memo::new(move |_| {
                active.with(|id| {
                    data.follow(&[Part::Frameworks], |store| {
                        store.framework(id.as_deref()).clone()
                    })
                })
            }),
            records: Memo::new(move |_| {
                data.docs::<Progress, _>(|progress| {
                    progress
                        .values()
                        .filter(|stored| !stored.deleted)
                        .map(|stored| stored.doc.clone())
                        .collect()
                })
            }),
        }
    }
}

/// A day as people in the UK write it, such as "3 March 2026".
pub fn day(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The address of a competency's page; codes come from framework files, so they are escaped.
pub fn competency_href(code: &str) -> String {
    let code: String = js_sys::encode_uri_component(code).into();
    format!("/training/competency/{code}")
}

/// A refusal from core as a sentence: core's messages start in lower case to fit mid-sentence.
pub fn sentence(error: impl std::fmt::Display) -> String {
    let text = error.to_string();
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => text,
    }
}

/// Why a change to progress was not made.
#[derive(Debug, Clone, PartialEq)]
pub enum NotChanged {
    /// The workflow refused it, with core's reason.
    Refused(ProgressError),
    /// The changed record would not be valid, such as an evidence date in the future.
    Invalid(Vec<Issue>),
    /// It was allowed, but storing it failed; nothing was changed.
    NotSaved(SaveError),
}

impl Scope {
    /// Apply `change` to `base` (or to a new record for `competency` of the active framework,
    /// owned by the user, when there is none yet), check the result and store it.
    pub fn change(
        &self,
        base: Option<&Progress>,
        competency: &str,
        change: impl FnOnce(&mut Progress, &User) -> Result<(), ProgressError>,
    ) -> Result<(), NotChanged> {
        let user = self.user.get_untracked();
        let mut edited = match base {
            Some(base) => base.clone(),
            None => Progress::new(
                crate::random::id(),
                &user.username,
                &self.framework.with_untracked(|f| f.id.clone()),
                competency,
            ),
        };
        change(&mut edited, &user).map_err(NotChanged::Refused)?;
        edited
            .validate(&crate::local_time::context())
            .map_err(NotChanged::Invalid)?;
        self.data.save(base, &edited).map_err(NotChanged::NotSaved)
    }
}

/// Show how a change went: a refusal in words in `refusal`, or the save's outcome in
/// `outcome` (for a [`crate::components::SaveStatus`], which knows what to do when storage is
/// full). True when the change is stored.
pub fn show(
    result: Result<(), NotChanged>,
    refusal: RwSignal<Option<String>>,
    outcome: RwSignal<crate::components::Outcome>,
) -> bool {
    let (said, saved) = match result {
        Ok(()) => (None, Some(Ok(()))),
        Err(NotChanged::Refused(error)) => (Some(sentence(error)), None),
        Err(NotChanged::Invalid(issues)) => {
            let messages: Vec<String> = issues.into_iter().map(|i| i.message).collect();
            (Some(messages.join(" ")), None)
        }
        Err(NotChanged::NotSaved(error)) => (None, Some(Err(error))),
    };
    let stored = matches!(saved, Some(Ok(())));
    refusal.set(said);
    outcome.set(saved);
    stored
}

/// "1 competency", "21 competencies".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
