//! Settings: who is using the phone, what it stores and how safely, how much of the team's work a
//! coordinator's phone holds, the remembered venues, making room, and
//! entries that could not be read. Each section is a file in `settings/`.

mod account;
mod damaged_entries;
mod damaged_entry;
mod devices;
mod make_room;
mod storage_summary;
mod team_window;
mod venue_row;
mod venues;
mod you;

use leptos::prelude::*;

use crate::components::BackupPanel;

use account::Account;
use damaged_entries::DamagedEntries;
use devices::Devices;
use make_room::MakeRoom;
use storage_summary::StorageSummary;
use team_window::TeamWindowSetting;
use venues::Venues;
use you::You;

#[component]
pub fn Settings() -> impl IntoView {
    view! {
        <div class="page settings">
            <h1>"Settings"</h1>
            <Account />
            <Devices />
            <You />
            <StorageSummary />
            <TeamWindowSetting />
            <Venues />
            <MakeRoom />
            <BackupPanel />
            <DamagedEntries />
        </div>
    }
}
