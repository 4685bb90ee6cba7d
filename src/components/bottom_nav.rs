//! The bottom navigation between the three areas, within reach of a thumb.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn BottomNav() -> impl IntoView {
    view! {
        <nav class="bottom-nav" aria-label="Main">
            <A href="/record">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M5 3h11l3 3v15H5z M8 9h8 M8 13h8 M8 17h5" />
                </svg>
                <span>"Record"</span>
            </A>
            <A href="/training">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 12l5 5L20 6" />
                </svg>
                <span>"Training"</span>
            </A>
            <A href="/coordinate">
                <svg viewBox="0 0 24 24" aria-hidden="true">
                    <path d="M4 20V10 M10 20V4 M16 20v-7 M22 20H2" />
                </svg>
                <span>"Coordinate"</span>
            </A>
        </nav>
    }
}
