//! Reusable pieces of the shell and its forms, one component per file.

mod backup_panel;
mod bottom_nav;
pub mod chart;
mod engagement_editor;
mod online_badge;
mod save_status;
mod storage_banners;
mod sync_bar;
mod text_field;
mod update_banner;
mod venue_form;
mod welcome;

pub use backup_panel::{export_backup, BackupPanel};
pub use bottom_nav::BottomNav;
pub use engagement_editor::EngagementEditor;
pub use online_badge::OnlineBadge;
pub use save_status::{JustSaved, Outcome, SaveStatus, MAKE_ROOM};
pub use storage_banners::StorageBanners;
pub use sync_bar::SyncBar;
pub use text_field::TextField;
pub use update_banner::UpdateBanner;
pub use venue_form::VenueForm;
pub use welcome::Welcome;
