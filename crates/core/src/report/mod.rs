//! Reports for coordinators: coverage, reach and the "you said, we did" loop over a period,
//! training progress across a cohort, and each as a CSV file. Pure functions of the records
//! passed in.

mod chart;
mod coverage;
mod csv;
mod dashboard;
mod export;
mod figure;
mod files;
mod follow_up;
mod period;
mod reach;
mod row;
mod span;
mod training;
mod you_said;

pub use self::csv::{
    coverage_csv, engagements_csv, follow_up_csv, reach_csv, training_key_areas_csv,
    training_learners_csv,
};
pub use chart::Axis;
pub use coverage::{coverage, Coverage};
pub use dashboard::{engagement_sections, training_section, Section};
pub use export::{dated_file_name, file_name};
pub use figure::{percent, thousands, Bar, Chart, Figure, Table, Tick};
pub use files::EngagementFile;
pub use follow_up::{follow_up, median, FollowUp};
pub use period::{Filter, Half, Period, PeriodError};
pub use reach::{reach, ReachReport};
pub use row::{Row, Totals};
pub use span::{describe, Span};
pub use training::{learners_of, training, CohortKeyArea, LearnerProgress, Training};
pub use you_said::{you_said_we_did, LoopEntry, Stage};
