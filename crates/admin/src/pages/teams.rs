//! Teams: each with its members, adding one, and renaming one.

use fieldbook_core::protocol::admin::Team;
use leptos::prelude::*;

use super::failed;
use crate::api::Api;
use crate::components::{Allowed, Said, Status};
use crate::session::Offer;

#[component]
pub fn Teams() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.people title="Teams">
            <TeamsScreen />
        </Allowed>
    }
}

#[component]
fn TeamsScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let teams = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.teams().await }
    });
    let said: Said = RwSignal::new(None);
    // Which team's rename form is open, if any.
    let renaming = RwSignal::new(None::<String>);
    let rename = Action::new_local(move |(from, to): &(String, String)| {
        let (api, from, to) = (api.get_value(), from.clone(), to.clone());
        async move {
            said.set(Some(match api.rename_team(&from, &to).await {
                Ok(team) => {
                    renaming.set(None);
                    teams.refetch();
                    Ok(format!("{from} is now called {}.", team.name))
                }
                Err(failure) => Err(format!("Not renamed. {failure}")),
            }));
        }
    });

    view! {
        <h1>"Teams"</h1>
        <section class="panel" aria-labelledby="teams-list-title">
            <h2 id="teams-list-title">"Every team"</h2>
            <p>"People share records and training with those in their teams. Add people to a team on their own page."</p>
            <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                {move || teams.get().map(|answer| answer.map_or_else(failed, |teams| listed(teams, renaming, rename)))}
            </Transition>
            <Status said=said />
        </section>
        <AddTeam added=move || teams.refetch() />
    }
}

fn listed(
    teams: Vec<Team>,
    renaming: RwSignal<Option<String>>,
    rename: Action<(String, String), ()>,
) -> AnyView {
    if teams.is_empty() {
        return view! { <p>"There are no teams yet."</p> }.into_any();
    }
    view! {
        <ul class="admin-list">
            {teams
                .into_iter()
                .map(|team| {
                    let members = if team.members.is_empty() {
                        "No members yet.".to_owned()
                    } else {
                        format!("Members: {}.", team.members.join(", "))
                    };
                    let name = StoredValue::new(team.name);
                    let open = move || renaming.with(|open| open.as_deref() == Some(name.get_value().as_str()));
                    view! {
                        <li>
                            <p class="item-title">{name.get_value()}</p>
                            <p>{members}</p>
                            <Show
                                when=open
                                fallback=move || view! {
                                    <button
                                        type="button"
                                        class="secondary"
                                        aria-label=format!("Rename {}", name.get_value())
                                        on:click=move |_| renaming.set(Some(name.get_value()))
                                    >
                                        "Rename"
                                    </button>
                                }
                            >
                                <RenameForm from=name.get_value() rename=rename renaming=renaming />
                            </Show>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RenameForm(
    from: String,
    rename: Action<(String, String), ()>,
    renaming: RwSignal<Option<String>>,
) -> impl IntoView {
    let to = RwSignal::new(from.clone());
    let id = format!("rename-{from}");
    let label = format!("New name for {from}");
    view! {
        <form on:submit=move |event| {
            event.prevent_default();
            let new_name = to.get_untracked().trim().to_owned();
            if !new_name.is_empty() {
                rename.dispatch((from.clone(), new_name));
            }
        }>
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="text" autocomplete="off" bind:value=to />
            </div>
            <div class="row-actions">
                <button type="submit" disabled=move || rename.pending().get()>"Save the name"</button>
                <button type="button" class="secondary" on:click=move |_| renaming.set(None)>"Cancel"</button>
            </div>
        </form>
    }
}

#[component]
fn AddTeam(added: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let name = RwSignal::new(String::new());
    let said: Said = RwSignal::new(None);
    let add = Action::new_local(move |team: &String| {
        let (api, team) = (api.get_value(), team.clone());
        async move {
            said.set(Some(match api.add_team(&team).await {
                Ok(team) => {
                    name.set(String::new());
                    added();
                    Ok(format!("{} is added.", team.name))
                }
                Err(failure) => Err(format!("Not added. {failure}")),
            }));
        }
    });
    view! {
        <section class="panel" aria-labelledby="add-team-title">
            <h2 id="add-team-title">"Add a team"</h2>
            <form aria-labelledby="add-team-title" on:submit=move |event| {
                event.prevent_default();
                let team = name.get_untracked().trim().to_owned();
                if team.is_empty() {
                    said.set(Some(Err("Not added. Type the team's name first.".to_owned())));
                } else {
                    add.dispatch(team);
                }
            }>
                <div class="field">
                    <label for="new-team">"Team name"</label>
                    <input id="new-team" type="text" autocomplete="off" bind:value=name />
                </div>
                <button type="submit" disabled=move || add.pending().get()>"Add team"</button>
            </form>
            <Status said=said />
        </section>
    }
}
