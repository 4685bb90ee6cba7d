//! A person: their role and teams, enabling or disabling the account, a new password link,
//! their signed-in devices and, for whoever protects data, export and erasure.

use fieldbook_core::protocol::admin::{Account, PasswordLink, UserChange};
use fieldbook_core::roles::Role;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::devices::Devices;
use super::failed;
use super::people::{describe, RoleSelect};
use super::protection::Protection;
use crate::api::Api;
use crate::components::{Allowed, OneTimeLink, Said, Status, TeamChoice};
use crate::session::Offer;

#[component]
pub fn Person() -> impl IntoView {
    let offer = expect_context::<Offer>();
    view! {
        <Allowed when=offer.people title="A person">
            <PersonScreen />
        </Allowed>
    }
}

#[component]
fn PersonScreen() -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let params = use_params_map();
    let username = Memo::new(move |_| params.with(|p| p.get("username").unwrap_or_default()));
    let accounts = LocalResource::new(move || {
        let api = api.get_value();
        async move { api.users().await }
    });
    let account = move || {
        accounts.get().map(|answer| {
            answer.map(|accounts| {
                let name = username.get();
                accounts
                    .into_iter()
                    .find(|account| account.user.username == name)
            })
        })
    };
    let changed = move || accounts.refetch();

    view! {
        <h1>{move || username.get()}</h1>
        <Transition fallback=|| view! { <p>"Asking the server…"</p> }>
            {move || account().map(|answer| match answer {
                Err(failure) => failed(failure),
                Ok(None) => view! { <p>"There is no account with this username."</p> }.into_any(),
                Ok(Some(account)) => view! {
                    <p class="summary">{describe(&account)}</p>
                    <RoleAndTeams account=account.clone() changed=changed />
                    <Access account=account.clone() changed=changed />
                    <Devices username=account.user.username.clone() />
                    <Protection account=account changed=changed />
                }
                .into_any(),
            })}
        </Transition>
    }
}

#[component]
fn RoleAndTeams(account: Account, changed: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let username = account.user.username.clone();
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
    let place = Role::ALL.iter().position(|role| *role == account.user.role);
    let role = RwSignal::new(place.unwrap_or_default());
    let chosen = RwSignal::new(account.user.teams.clone());
    let said: Said = RwSignal::new(None);
    let save = Action::new_local(move |change: &UserChange| {
        let (api, change, username) = (api.get_value(), change.clone(), username.clone());
        async move {
            said.set(Some(match api.change_user(&username, &change).await {
                Ok(_) => {
                    changed();
                    Ok("Saved.".to_owned())
                }
                Err(failure) => Err(format!("Not saved. {failure}")),
            }));
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        save.dispatch(UserChange {
            role: Some(Role::ALL[role.get_untracked()]),
            teams: Some(chosen.get_untracked()),
            disabled: None,
        });
    };
    view! {
        <section class="panel" aria-labelledby="role-title">
            <h2 id="role-title">"Role and teams"</h2>
            <form aria-labelledby="role-title" on:submit=submit>
                <RoleSelect id="person-role" role=role />
                <TeamChoice legend="Teams" teams=team_names chosen=chosen />
                <button type="submit" disabled=move || save.pending().get()>"Save role and teams"</button>
            </form>
            <Status said=said />
        </section>
    }
}

/// Signing in at all: disabling or enabling the account, and a new password link.
#[component]
fn Access(account: Account, changed: impl Fn() + Copy + 'static) -> impl IntoView {
    let api = expect_context::<StoredValue<Api>>();
    let username = StoredValue::new(account.user.username.clone());
    let disabled = account.disabled;
    let confirming = RwSignal::new(false);
    let said: Said = RwSignal::new(None);
    let link = RwSignal::new(None::<PasswordLink>);

    let set_disabled = Action::new_local(move |disable: &bool| {
        let (api, disable, username) = (api.get_value(), *disable, username.get_value());
        async move {
            let change = UserChange {
                disabled: Some(disable),
                ..UserChange::default()
            };
            said.set(Some(match api.change_user(&username, &change).await {
                Ok(_) if disable => {
                    Ok(format!("{username} is disabled and signed out everywhere."))
                }
                Ok(_) => Ok(format!("{username} can sign in again.")),
                Err(failure) => Err(format!("Nothing changed. {failure}")),
            }));
            confirming.set(false);
            changed();
        }
    });
    let make_link = Action::new_local(move |_: &()| {
        let (api, username) = (api.get_value(), username.get_value());
        async move {
            match api.password_link(&username).await {
                Ok(made) => {
                    said.set(Some(Ok("A new password link is ready.".to_owned())));
                    link.set(Some(made));
                }
                Err(failure) => said.set(Some(Err(format!("No link was made. {failure}")))),
            }
        }
    });
    let busy = move || set_disabled.pending().get() || make_link.pending().get();

    view! {
        <section class="panel" aria-labelledby="access-title">
            <h2 id="access-title">"Signing in"</h2>
            {if disabled {
                view! {
                    <p>"This account is disabled: it cannot sign in or sync."</p>
                    <button type="button" disabled=busy on:click=move |_| { set_disabled.dispatch(false); }>
                        "Enable this account"
                    </button>
                }
                .into_any()
            } else {
                view! {
                    <button type="button" class="secondary danger" disabled=busy on:click=move |_| confirming.set(true)>
                        "Disable this account"
                    </button>
                    <Show when=move || confirming.get()>
                        <div class="confirm" role="group" aria-labelledby="disable-question">
                            <p id="disable-question">
                                {format!(
                                    "Disable {}? Every device they are signed in on is signed out at once, \
                                     and they cannot sign in again until the account is enabled.",
                                    username.get_value(),
                                )}
                            </p>
                            <div class="row-actions">
                                <button type="button" class="danger" disabled=busy on:click=move |_| { set_disabled.dispatch(true); }>
                                    "Disable and sign out everywhere"
                                </button>
                                <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Cancel"</button>
                            </div>
                        </div>
                    </Show>
                }
                .into_any()
            }}
            <h3>"Password link"</h3>
            <p>
                "A new one-time link lets them choose a new password. Nothing changes until they use "
                "it: their password keeps working until then."
            </p>
            <button type="button" class="secondary" disabled=busy on:click=move |_| { make_link.dispatch(()); }>
                "Make a new password link"
            </button>
            <Status said=said />
            {move || link.get().map(|link| view! { <OneTimeLink link=link /> })}
        </section>
    }
}
