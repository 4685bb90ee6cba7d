//! Frameworks: publishing a competency framework file to teams (a coordinator, to their own; an
//! administrator, to any or every team), and where each framework is published.

use fieldbook_core::protocol::admin::Publication;
use fieldbook_core::roles::{can_manage_users, can_publish_to};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::HtmlInputElement;

use super::failed;
use crate::api::{Api, Failure};
use crate::components::{Allowed, Said, Status, TeamChoice};
use crate::session::Offer;
use crate::when;

/// The team a publication to every team names.
const EVERY_TEAM: &str = "*";

#[component]
pub fn Frameworks() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.frameworks title="Frameworks">
            <FrameworksScreen />
        </Allowed>
    }
}

#[component]
fn FrameworksScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let publications = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.publications().await }
    });
    view! {
        <h1>"Frameworks"</h1>
        <Publish published=move || publications.refetch() />
        <section class="panel" aria-labelledby="publications-title">
            <h2 id="publications-title">"Published"</h2>
            <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                {move || publications.get().map(|answer| answer.map_or_else(failed, listed))}
            </Transition>
        </section>
    }
}

#[component]
fn Publish(published: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let user = api.with_value(|api| api.user.clone());
    let anywhere = can_manage_users(&user);
    // An administrator may publish to any team the server has; a coordinator, to their own.
    let teams = LocalResource::new(move || {
        let api = api.get_value();
        async move {
            if anywhere {
                api.teams()
                    .await
                    .map(|teams| teams.into_iter().map(|team| team.name).collect())
            } else {
                Ok(api.user.teams.clone())
            }
        }
    });
    let offered = Signal::derive(move || {
        let names: Vec<String> = teams.get().and_then(Result::ok).unwrap_or_default();
        let user = api.with_value(|api| api.user.clone());
        names
            .into_iter()
            .filter(|team| can_publish_to(&user, team))
            .collect::<Vec<_>>()
    });
    let chosen = RwSignal::new(Vec::<String>::new());
    let every = RwSignal::new(false);
    let file = NodeRef::<leptos::html::Input>::new();
    let said: Said = RwSignal::new(None);

    let publish = Action::new_local(move |file: &web_sys::File| {
        let (api, file) = (api.get_value(), file.clone());
        let teams = if every.get_untracked() {
            Vec::new()
        } else {
            chosen.get_untracked()
        };
        async move {
            let text = match JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|text| text.as_string())
            {
                Some(text) => text,
                None => {
                    said.set(Some(Err("The file could not be read.".to_owned())));
                    return;
                }
            };
            let answer: Result<_, Failure> = api.publish(&teams, text).await;
            said.set(Some(match answer {
                Ok(done) => {
                    published();
                    Ok(format!(
                        "{} is published to {}.",
                        done.id,
                        team_names(&done.teams)
                    ))
                }
                Err(failure) => Err(format!("Not published. {failure}")),
            }));
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let picked = file
            .get_untracked()
            .and_then(|input| input.unchecked_into::<HtmlInputElement>().files())
            .and_then(|files| files.get(0));
        let Some(picked) = picked else {
            said.set(Some(Err(
                "Not published. Choose a framework file first.".to_owned()
            )));
            return;
        };
        if !every.get_untracked() && chosen.with_untracked(Vec::is_empty) {
            said.set(Some(Err(
                "Not published. Tick at least one team.".to_owned()
            )));
            return;
        }
        publish.dispatch(picked);
    };

    view! {
        <section class="panel" aria-labelledby="publish-title">
            <h2 id="publish-title">"Publish a framework"</h2>
            <p>
                "A framework file (JSON) lists key areas and their competencies. Once published, "
                "it reaches the phones of everyone in the teams you tick at their next sync."
            </p>
            <form aria-labelledby="publish-title" on:submit=submit>
                <div class="field">
                    <label for="framework-file">"Framework file"</label>
                    <input id="framework-file" type="file" accept=".json,application/json" node_ref=file />
                </div>
                {anywhere.then(|| view! {
                    <label class="check">
                        <input type="checkbox" bind:checked=every />
                        "Every team, including teams added later"
                    </label>
                })}
                <Show when=move || !every.get()>
                    <TeamChoice legend="Teams to publish to" teams=offered chosen=chosen />
                </Show>
                <button type="submit" disabled=move || publish.pending().get()>"Publish"</button>
            </form>
            <Status said=said />
        </section>
    }
}

fn listed(publications: Vec<Publication>) -> AnyView {
    if publications.is_empty() {
        return view! { <p>"No framework is published yet."</p> }.into_any();
    }
    view! {
        <ul class="admin-list">
            {publications
                .into_iter()
                .map(|publication| {
                    view! {
                        <li>
                            <p class="item-title">{format!("{} (version {})", publication.title, publication.version)}</p>
                            <p>
                                {format!(
                                    "To {}, by {}, {}.",
                                    team_names(std::slice::from_ref(&publication.team)),
                                    publication.published_by,
                                    when::describe(publication.published_ms),
                                )}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Teams as a person reads them, "every team" for the server's `*`.
fn team_names(teams: &[String]) -> String {
    teams
        .iter()
        .map(|team| {
            if team == EVERY_TEAM {
                "every team"
            } else {
                team.as_str()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}
