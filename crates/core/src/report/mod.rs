//! Reports for coordinators: coverage, reach and the "you said, we did" loop over a period,
//! training progress across a cohort, and each as a CSV file. Pure functions of the records
//! passed in.

mod coverage;
mod csv;
mod follow_up;
mod period;
mod reach;
mod row;
mod training;
mod you_said;

pub use self::csv::{
    coverage_csv, engagements_csv, follow_up_csv, reach_csv, training_key_areas_csv,
    training_learners_csv,
};
pub use coverage::{coverage, Coverage};
pub use follow_up::{follow_up, median, FollowUp};
pub use period::{Filter, Half, Period, PeriodError};
pub use reach::{reach, ReachReport};
pub use row::{Row, Totals};
pub use training::{learners_of, training, CohortKeyArea, LearnerProgress, Training};
pub use you_said::{you_said_we_did, LoopEntry, Stage};
