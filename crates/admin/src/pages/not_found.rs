//! An address under `/admin/` that names no screen.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>"No such page"</h1>
        <p>"This address is not one of the administration screens. " <A href="/admin/">"Start again"</A> "."</p>
    }
}
