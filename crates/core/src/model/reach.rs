//! Who an engagement reached: aggregate counts only, never a named person.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::validate::Issues;
use crate::vocab;

/// Counts of people. Sub-counts are optional: a band or group that was not counted is absent,
/// which is not the same as counted and zero.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Reach {
    #[serde(rename = "t")]
    pub total: i64,
    /// By age band code (see [`vocab::age_bands`]).
    #[serde(rename = "a", skip_serializing_if = "BTreeMap::is_empty")]
    pub age_bands: BTreeMap<String, i64>,
    /// By seldom-heard group code (see [`vocab::seldom_heard`]). People can be in several.
    #[serde(rename = "g", skip_serializing_if = "BTreeMap::is_empty")]
    pub groups: BTreeMap<String, i64>,
}

impl Reach {
    pub(crate) fn validate(&self, issues: &mut Issues) {
        issues.count("reach.total", "Total participants", self.total);
        let mut age_sum: i64 = 0;
        for (band, count) in &self.age_bands {
            let label = vocab::age_bands().label(band);
            issues.count(&format!("reach.age_bands.{band}"), &label, *count);
            age_sum = age_sum.saturating_add(*count.max(&0));
            if *count > self.total {
                issues.push(
                    "exceeds_total",
                    format!("reach.age_bands.{band}"),
                    format!(
                        "{label} is {count}, more than the {} people in total.",
                        self.total
                    ),
                );
            }
        }
        // Age bands split the total, so together they cannot exceed it either.
        // A negative total is already an issue; comparing with it would only add noise.
        if self.total >= 0 && age_sum > self.total {
            issues.push(
                "exceeds_total",
                "reach.age_bands",
                format!(
                    "The age bands add up to {age_sum}, more than the {} people in total.",
                    self.total
                ),
            );
        }
        for (group, count) in &self.groups {
            let label = vocab::seldom_heard().label(group);
            issues.count(&format!("reach.groups.{group}"), &label, *count);
            if *count > self.total {
                issues.push(
                    "exceeds_total",
                    format!("reach.groups.{group}"),
                    format!(
                        "{label} is {count}, more than the {} people in total.",
                        self.total
                    ),
                );
            }
        }
    }
}
