//! The state every part of the engagement editor shares: the form as typed, and the issues
//! the last save found, with ways to change the form, bind a field and find its error.

use fieldbook_core::form::EngagementForm;
use fieldbook_core::Issue;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Editor {
    pub form: RwSignal<EngagementForm>,
    pub issues: RwSignal<Vec<Issue>>,
    /// Runs after each change the user makes, to keep the draft in step with the form.
    pub changed: Callback<()>,
}

impl Editor {
    /// Change the form as the user asked, then keep the draft.
    pub fn edit(self, change: impl FnOnce(&mut EngagementForm)) {
        self.form.update(change);
        self.changed.run(());
    }

    /// One text of the form, as a value to show and a change to make. `get` and `set` find the
    /// same place; None when it has gone, such as a removed priority.
    pub fn text(
        self,
        get: impl Fn(&EngagementForm) -> Option<&String> + Copy + Send + Sync + 'static,
        set: impl Fn(&mut EngagementForm) -> Option<&mut String> + Copy + Send + Sync + 'static,
    ) -> (Signal<String>, Callback<String>) {
        let form = self.form;
        (
            Signal::derive(move || form.with(|form| get(form).cloned().unwrap_or_default())),
            Callback::new(move |text: String| {
                self.edit(|form| {
                    if let Some(place) = set(form) {
                        *place = text;
                    }
                })
            }),
        )
    }

    /// Show `found` as the form's issues. Every field follows them, so an empty list replacing
    /// an empty list (a save that found nothing, as most do) tells no one.
    pub fn show_issues(self, found: Vec<Issue>) {
        self.issues.maybe_update(|issues| {
            let changed = *issues != found;
            *issues = found;
            changed
        });
    }

    /// What is wrong at `path`, in words, or None.
    pub fn error(
        self,
        path: impl Fn() -> String + Send + Sync + 'static,
    ) -> Signal<Option<String>> {
        let issues = self.issues;
        Signal::derive(move || {
            let path = path();
            issues.with(|issues| {
                let messages: Vec<&str> = issues
                    .iter()
                    .filter(|issue| issue.path == path)
                    .map(|issue| issue.message.as_str())
                    .collect();
                (!messages.is_empty()).then(|| messages.join(" "))
            })
        })
    }

    /// Whether any issue lies under `prefix`, so the section holding it opens.
    pub fn has_errors_under(self, prefix: &'static str) -> bool {
        self.issues
            .with(|issues| issues.iter().any(|issue| issue.path.starts_with(prefix)))
    }
}

/// The element id for the field at an issue path, such as `e-reach-age_bands-16_24`.
pub fn field_id(path: &str) -> String {
    let mut id = String::from("e-");
    id.extend(path.chars().map(|c| {
        if c.is_ascii_alphanumeric() || c == '_' {
            c
        } else {
            '-'
        }
    }));
    id
}
