//! Reusable pieces of the shell, one component per file.

mod bottom_nav;
mod online_badge;
mod update_banner;

pub use bottom_nav::BottomNav;
pub use online_badge::OnlineBadge;
pub use update_banner::UpdateBanner;
