//! The browser entry point of the admin app: report panics to the console, then mount it.

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(fieldbook_admin::App);
}
