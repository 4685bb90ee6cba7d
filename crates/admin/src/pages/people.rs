//! People: everyone with an account, and adding a person, who sets their own password from a
//! one-time link.

use fieldbook_core::protocol::admin::{Account, NewUser, PasswordLink};
use fieldbook_core::roles::Role;
use leptos::prelude::*;
use leptos_router::components::A;

use super::failed;
use crate::api::{encode, Api, Failure};
use crate::components::{Allowed, OneTimeLink, Said, Status, TeamChoice};
use crate::session::Offer;

#[component]
pub fn People() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.people title="People">
            <PeopleScreen />
        </Allowed>
    }
}

#[component]
fn PeopleScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let accounts = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.users().await }
    });
    view! {
        <h1>"People"</h1>
        <section class="panel" aria-labelledby="people-list-title">
            <h2 id="people-list-title">"Everyone with an account"</h2>
            <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
                {move || accounts.get().map(|answer| answer.map_or_else(failed, listed))}
            </Transition>
        </section>
        <AddPerson added=move || accounts.refetch() />
    }
}

fn listed(accounts: Vec<Account>) -> AnyView {
    view! {
        <ul class="admin-list">
            {accounts
                .into_iter()
                .map(|account| {
                    let name = account.user.username.clone();
                    view! {
                        <li>
                            <A href=format!("/admin/people/{}", encode(&name))>{name.clone()}</A>
                            <p>{describe(&account)}</p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Role, teams and state in one line, such as "Outreach worker, Brinnington. No password yet."
pub fn describe(account: &Account) -> String {
    let mut said = account.user.role.label().to_owned();
    if !account.user.teams.is_empty() {
        said = format!("{said}, {}", account.user.teams.join(", "));
    }
    said.push('.');
    if account.disabled {
        said.push_str(" Disabled.");
    }
    if !account.password_set {
        said.push_str(" No password yet.");
    }
    said
}

#[component]
fn AddPerson(added: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let teams = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.teams().await }
    });
    let team_names = Signal::derive(move || {
        teams
            .get()
            .and_then(Result::ok)
            .map(|teams| teams.into_iter().map(|team| team.name).collect())
            .unwrap_or_default()
    });
    let username = RwSignal::new(String::new());
    let role = RwSignal::new(0usize);
    let chosen = RwSignal::new(Vec::<String>::new());
    let said: Said = RwSignal::new(None);
    let link = RwSignal::new(None::<PasswordLink>);

    let add = Action::new_local(move |person: &NewUser| {
        let (api, person) = (api.get_value(), person.clone());
        async move {
            let answer: Result<PasswordLink, Failure> = api.add_user(&person).await;
            match answer {
                Ok(made) => {
                    said.set(Some(Ok(format!("{} is added.", made.username))));
                    link.set(Some(made));
                    username.set(String::new());
                    chosen.set(Vec::new());
                    added();
                }
                Err(failure) => said.set(Some(Err(format!("Not added. {failure}")))),
            }
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let name = username.get_untracked().trim().to_owned();
        if name.is_empty() {
            said.set(Some(Err("Not added. Type a username first.".to_owned())));
            return;
        }
        link.set(None);
        add.dispatch(NewUser {
            username: name,
            role: Role::ALL[role.get_untracked()],
            teams: chosen.get_untracked(),
        });
    };

    view! {
        <section class="panel" aria-labelledby="add-person-title">
            <h2 id="add-person-title">"Add a person"</h2>
            <p>"They get no password: you pass on a one-time link, and they choose their own."</p>
            <form aria-labelledby="add-person-title" on:submit=submit>
                <div class="field">
                    <label for="new-username">"Username"</label>
                    <input
                        id="new-username"
                        type="text"
                        autocomplete="off"
                        autocapitalize="none"
                        spellcheck="false"
                        bind:value=username
                    />
                </div>
                <RoleSelect id="new-role" role=role />
                <TeamChoice legend="Teams" teams=team_names chosen=chosen />
                <button type="submit" disabled=move || add.pending().get()>"Add this person"</button>
            </form>
            <Status said=said />
            {move || link.get().map(|link| view! { <OneTimeLink link=link /> })}
        </section>
    }
}

/// A role, chosen by its place in [`Role::ALL`].
#[component]
pub fn RoleSelect(id: &'static str, role: RwSignal<usize>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>"Role"</label>
            <select
                id=id
                on:change=move |event| {
                    if let Ok(index) = event_target_value(&event).parse() {
                        role.set(index);
                    }
                }
            >
                {Role::ALL
                    .iter()
                    .enumerate()
                    .map(|(index, label)| {
                        view! {
                            <option value=index.to_string() prop:selected=move || role.get() == index>
                                {label.label()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
