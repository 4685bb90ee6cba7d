//! The engagement editor: the quick part (when, where, how, who and how many) up front, the
//! rest in sections that expand. Every change is kept as a draft; saving checks the record with
//! core and puts each problem beside its field.

mod actions;
mod chips;
mod contact;
mod editor;
mod feedback;
mod priorities;
mod reach;
mod section;
mod stepper;

use fieldbook_core::form::EngagementForm;
use fieldbook_core::model::{Engagement, Venue};
use fieldbook_core::{vocab, Id, Issue};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use self::actions::Actions;
use self::chips::{ChoiceChips, ManyChips};
use self::contact::ContactDetails;
use self::editor::{field_id, Editor};
use self::feedback::FeedbackList;
use self::priorities::Priorities;
use self::reach::ReachCounts;
use self::section::Section;
use self::stepper::Stepper;
use super::{Outcome, SaveStatus, TextField};
use crate::state::Data;
use crate::storage::SaveError;
use crate::{focus, local_time, random};

const FORM: &str = "engagement-form";
const VENUES: &str = "venue-names";
const DISCARD_CONFIRM: &str = "discard-confirm";

#[component]
pub fn EngagementEditor(
    /// The record as it was when editing began, or None for a new one. Only what the user
    /// changes from it is saved, so a change made meanwhile elsewhere survives.
    base: Option<Engagement>,
    id: Id,
    /// Where the draft is kept, such as `engagement/new`.
    draft: String,
    /// What the form starts with: a restored draft, or `fresh`.
    initial: EngagementForm,
    /// The form with nothing changed, which "Discard draft" goes back to.
    fresh: EngagementForm,
    /// Ask for the user's name, because this phone does not know it yet.
    ask_name: bool,
    /// Runs once the record is stored.
    #[prop(into)]
    on_saved: Callback<Id>,
) -> impl IntoView {
    let data = expect_context::<Data>();
    let restored = initial != fresh;
    let form = RwSignal::new(initial);
    let draft_error = RwSignal::new(None::<SaveError>);
    // Keep the draft in step with the form, so closing the tab loses nothing. Run by each
    // change the user makes, rather than by an effect, so saying what went wrong is part of the
    // change.
    let changed = {
        let (draft, fresh) = (draft.clone(), fresh.clone());
        Callback::new(move |()| {
            form.with_untracked(|form| {
                if *form == fresh {
                    data.discard_draft(&draft);
                    draft_error.set(None);
                } else {
                    let json = serde_json::to_string(form).expect("a form always serialises");
                    draft_error.set(data.save_draft(&draft, &json).err());
                }
            })
        })
    };
    let editor = Editor {
        form,
        issues: RwSignal::new(Vec::<Issue>::new()),
        changed,
    };
    let outcome = RwSignal::new(Outcome::None);
    let confirming = RwSignal::new(false);
    // As the server said at the last sync; its setting changing mid-edit is rare, and the
    // server checks again.
    let organisation = data.peek(|store| *store.organisation());
    let offers_contact =
        organisation.contact_details || editor.form.with_untracked(|f| f.contact.is_some());
    let dirty = {
        let fresh = fresh.clone();
        Memo::new(move |_| editor.form.with(|form| *form != fresh))
    };

    // Follows the venues only, as a memo, so no other write reaches the form.
    let venues = Memo::new(move |_| {
        data.docs::<Venue, _>(|stored| {
            let mut venues: Vec<Venue> = stored
                .values()
                .filter(|stored| !stored.deleted)
                .map(|stored| stored.doc.clone())
                .collect();
            fieldbook_core::sort::sort_by_key(&mut venues, |venue| venue.name.to_lowercase());
            venues
        })
    });

    let save = {
        let draft = draft.clone();
        move |event: SubmitEvent| {
            event.prevent_default();
            confirming.set(false);
            let context = local_time::context();
            let held = base.as_ref().and_then(|base| base.contact.as_ref());
            let checked = editor
                .form
                .with_untracked(|form| form.to_engagement(id, &context))
                .and_then(|record| {
                    match organisation.refuses_change(held, record.contact.as_ref()) {
                        Some(issue) => Err(vec![issue]),
                        None => Ok(record),
                    }
                });
            match checked {
                Err(found) => {
                    editor.show_issues(found);
                    outcome.set(None);
                    focus::first_invalid_soon(FORM);
                }
                Ok(record) => {
                    editor.show_issues(Vec::new());
                    let result = data.save(base.as_ref(), &record);
                    let saved = result.is_ok();
                    outcome.set(Some(result));
                    if saved {
                        remember(
                            data,
                            &editor.form.get_untracked(),
                            &venues.get_untracked(),
                            ask_name,
                        );
                        data.discard_draft(&draft);
                        // The form shows "Saving…" until the journal has the record on disk.
                        leptos::task::spawn_local(async move {
                            data.on_disk().await;
                            on_saved.try_run(id);
                        });
                    }
                }
            }
        }
    };
    let discard = {
        let (draft, fresh) = (draft.clone(), fresh.clone());
        move |_| {
            editor.form.set(fresh.clone());
            editor.show_issues(Vec::new());
            draft_error.set(None);
            outcome.set(None);
            confirming.set(false);
            data.discard_draft(&draft);
            focus::focus_soon(field_id("date"));
        }
    };

    let (date, set_date) = editor.text(|f| Some(&f.date), |f| Some(&mut f.date));
    let (time, set_time) = editor.text(|f| Some(&f.start_time), |f| Some(&mut f.start_time));
    let (duration, set_duration) = editor.text(|f| Some(&f.duration), |f| Some(&mut f.duration));
    let (venue, _) = editor.text(|f| Some(&f.venue), |f| Some(&mut f.venue));
    let set_venue = move |name: String| {
        let known = venues.get_untracked();
        editor.edit(|form| form.set_venue(&name, &known));
    };
    let (area, set_area) = editor.text(|f| Some(&f.area), |f| Some(&mut f.area));
    let (method, set_method) = editor.text(|f| Some(&f.method), |f| Some(&mut f.method));
    let (strand, set_strand) = editor.text(|f| Some(&f.strand), |f| Some(&mut f.strand));
    let (level, set_level) = editor.text(|f| Some(&f.level), |f| Some(&mut f.level));
    let themes = Signal::derive(move || editor.form.with(|f| f.themes.clone()));
    let (total, set_total) = editor.text(|f| Some(&f.total), |f| Some(&mut f.total));
    let (author, set_author) = editor.text(|f| Some(&f.author), |f| Some(&mut f.author));
    let (notes, set_notes) = editor.text(|f| Some(&f.notes), |f| Some(&mut f.notes));
    let count = |list: fn(&EngagementForm) -> usize| Signal::derive(move || editor.form.with(list));
    let error = move |path: &'static str| editor.error(move || path.to_owned());

    view! {
        <form id=FORM class="engagement-form" novalidate on:submit=save on:input=move |_| outcome.set(None)>
            {restored
                .then(|| {
                    view! {
                        <p class="notice" role="status">
                            "Your unsaved draft is back. Save it, or discard it to start again."
                        </p>
                    }
                })}
            <TextField id=field_id("date") label="Date" value=date on_change=set_date error=error("date") kind="date" />
            <div class="field-pair">
                <TextField
                    id=field_id("start_time")
                    label="Start time"
                    value=time
                    on_change=set_time
                    error=error("start_time")
                    kind="time"
                />
                <TextField
                    id=field_id("duration_minutes")
                    label="Minutes (optional)"
                    value=duration
                    on_change=set_duration
                    error=error("duration_minutes")
                    inputmode="numeric"
                />
            </div>
            <TextField
                id=field_id("venue")
                label="Venue"
                value=venue
                on_change=set_venue
                error=error("venue")
                hint="Pick a remembered venue or type a new one; a new one is remembered."
                list=VENUES
            />
            <datalist id=VENUES>
                {move || {
                    venues
                        .get()
                        .into_iter()
                        .map(|venue| view! { <option value=venue.name></option> })
                        .collect_view()
                }}
            </datalist>
            <TextField id=field_id("area") label="Area (optional)" value=area on_change=set_area error=error("area") />
            <ChoiceChips
                id=field_id("method")
                legend="Method"
                vocabulary=vocab::methods()
                value=method
                on_change=set_method
                error=error("method")
            />
            <ChoiceChips
                id=field_id("strand")
                legend="Strand"
                vocabulary=vocab::strands()
                value=strand
                on_change=set_strand
                error=error("strand")
            />
            <ChoiceChips
                id=field_id("level")
                legend="Level of participation"
                vocabulary=vocab::levels()
                value=level
                on_change=set_level
                error=error("level")
            />
            <ManyChips
                id=field_id("themes")
                legend="Themes"
                vocabulary=vocab::themes()
                chosen=themes
                on_toggle=move |code: String| editor.edit(|form| form.toggle_theme(&code))
                error=error("themes")
            />
            <Stepper
                id=field_id("reach.total")
                label="Total participants"
                value=total
                on_change=set_total
                on_step=move |delta| editor.edit(|form| form.step_total(delta))
                error=error("reach.total")
            />
            {ask_name
                .then(|| {
                    view! {
                        <TextField
                            id=field_id("author")
                            label="Your name"
                            value=author
                            on_change=set_author
                            error=error("author")
                            hint="Records are made under this name. This phone remembers it."
                        />
                    }
                })}
            <Section editor id="reach" title="Who was reached" prefixes=&["reach.age_bands", "reach.groups"]>
                <ReachCounts editor />
            </Section>
            <Section editor id="priorities" title="Priorities raised" prefixes=&["priorities"] count=count(|f| f.priorities.len())>
                <Priorities editor />
            </Section>
            <Section editor id="actions" title="Actions" prefixes=&["actions"] count=count(|f| f.actions.len())>
                <Actions editor />
            </Section>
            <Section editor id="feedback" title="Feedback to the community" prefixes=&["feedback"] count=count(|f| f.feedback.len())>
                <FeedbackList editor />
            </Section>
            {offers_contact
                .then(|| {
                    view! {
                        <Section editor id="contact" title="Contact details" prefixes=&["contact"]>
                            <ContactDetails editor organisation />
                        </Section>
                    }
                })}
            <Section editor id="notes" title="Notes" prefixes=&["notes", "author"]>
                <TextField
                    id=field_id("notes")
                    label="Notes"
                    value=notes
                    on_change=set_notes
                    error=error("notes")
                    multiline=true
                    hint="What happened, in your words. No names or personal details."
                />
                {(!ask_name)
                    .then(|| view! { <p class="field-error">{move || error("author").get()}</p> })}
            </Section>
            // Save sits last, and sticks to the bottom of the screen while the form scrolls.
            <div class="form-footer">
                <div class="form-problems" role="alert">
                    {move || {
                        let count = editor.issues.with(Vec::len);
                        match count {
                            0 => None,
                            1 => Some("Not saved: one thing needs fixing. It is marked above.".to_owned()),
                            n => Some(format!("Not saved: {n} things need fixing. They are marked above.")),
                        }
                            .map(|text| view! { <p>{text}</p> })
                    }}
                    {move || {
                        draft_error
                            .get()
                            .map(|error| view! { <p>"The draft could not be kept: " {error.to_string()}</p> })
                    }}
                </div>
                <SaveStatus outcome />
                <Show when=move || confirming.get()>
                    <div class="confirm" id=DISCARD_CONFIRM tabindex="-1" role="group" aria-labelledby="discard-question">
                        <p id="discard-question">"Discard this draft? What you typed since the last save will be lost."</p>
                        <div class="row-actions">
                            <button type="button" class="danger" on:click=discard.clone()>"Discard"</button>
                            <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Keep editing"</button>
                        </div>
                    </div>
                </Show>
            </div>
            <div class="form-actions sticky-actions">
                <button type="submit">"Save"</button>
                <Show when=move || dirty.get()>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| {
                            confirming.set(true);
                            focus::focus_soon(DISCARD_CONFIRM);
                        }
                    >
                        "Discard draft"
                    </button>
                </Show>
            </div>
        </form>
    }
}

/// After a save: remember a venue typed new, and the user's name if this phone did not know it.
/// Only conveniences are lost if these fail; the record itself is stored.
fn remember(data: Data, form: &EngagementForm, venues: &[Venue], ask_name: bool) {
    if form.is_new_venue(venues) {
        let venue = Venue {
            id: random::id(),
            name: form.venue.trim().to_owned(),
            area: form.area.trim().to_owned(),
        };
        let _ = data.save(None, &venue);
    }
    if ask_name {
        let mut settings = data.settings();
        settings.user = form.author.trim().to_owned();
        let _ = data.write(|store| store.save_settings(&settings));
    }
}

/// The priorities in the form as (element id, label) pairs, for linking actions and feedback.
fn priority_choices(editor: Editor) -> Memo<Vec<(String, String)>> {
    Memo::new(move |_| {
        editor.form.with(|form| {
            form.priorities
                .iter()
                .enumerate()
                .map(|(index, priority)| {
                    let text = priority.text.trim();
                    let label = if text.is_empty() {
                        format!("Priority {}", index + 1)
                    } else {
                        format!("{}. {text}", index + 1)
                    };
                    (priority.id.to_string(), label)
                })
                .collect()
        })
    })
}
