//! Checks on a framework: every problem at once, each at the path of the field it is about.

use std::collections::BTreeMap;

use super::{Framework, SCHEMA};
use crate::validate::{Issue, Issues, MAX_SHORT_TEXT, MAX_TEXT};

impl Framework {
    /// Every problem with the framework, or `Ok(())`.
    pub fn validate(&self) -> Result<(), Vec<Issue>> {
        let mut issues = Issues::new();
        if self.schema == 0 {
            issues.push(
                "required",
                "schema",
                format!(
                    "Say which schema version the file uses (this version of Fieldbook writes \
                     {SCHEMA})."
                ),
            );
        } else if self.schema > SCHEMA {
            issues.push("newer_schema", "schema", newer_schema_message(self.schema));
        }
        issues.text("id", "The framework's id", &self.id, MAX_SHORT_TEXT);
        if !self.id.is_empty() && !is_slug(&self.id) {
            issues.push(
                "invalid",
                "id",
                "The framework's id may hold only lower-case letters, digits and single hyphens, \
                 such as nos-cd-2023.",
            );
        }
        issues.text(
            "title",
            "The framework's title",
            &self.title,
            MAX_SHORT_TEXT,
        );
        issues.optional_text("version", "The version", &self.version, MAX_SHORT_TEXT);
        issues.optional_text("source", "The source", &self.source, MAX_TEXT);

        let mut values = BTreeMap::new();
        for (index, value) in self.values.iter().enumerate() {
            let at = |field: &str| format!("values[{index}].{field}");
            issues.text(&at("code"), "A value's code", &value.code, MAX_SHORT_TEXT);
            issues.text(
                &at("title"),
                "A value's title",
                &value.title,
                MAX_SHORT_TEXT,
            );
            unique(&mut issues, &mut values, &value.code, at("code"));
        }

        if self.key_areas.is_empty() {
            issues.push(
                "empty",
                "key_areas",
                "A framework needs at least one key area.",
            );
        }
        let mut areas = BTreeMap::new();
        let mut competencies = BTreeMap::new();
        for (index, area) in self.key_areas.iter().enumerate() {
            let at = |field: &str| format!("key_areas[{index}].{field}");
            issues.text(&at("code"), "A key area's code", &area.code, MAX_SHORT_TEXT);
            issues.text(
                &at("title"),
                "A key area's title",
                &area.title,
                MAX_SHORT_TEXT,
            );
            unique(&mut issues, &mut areas, &area.code, at("code"));
            if area.competencies.is_empty() {
                issues.push(
                    "empty",
                    at("competencies"),
                    "A key area needs at least one competency.",
                );
            }
            for (n, competency) in area.competencies.iter().enumerate() {
                let at = |field: &str| format!("key_areas[{index}].competencies[{n}].{field}");
                issues.text(
                    &at("code"),
                    "A competency's code",
                    &competency.code,
                    MAX_SHORT_TEXT,
                );
                issues.text(
                    &at("title"),
                    "A competency's title",
                    &competency.title,
                    MAX_SHORT_TEXT,
                );
                // Progress records name a competency by code alone, so codes are unique across
                // the whole framework, not only within a key area.
                unique(&mut issues, &mut competencies, &competency.code, at("code"));
            }
        }
        issues.into_result()
    }
}

pub(super) fn newer_schema_message(found: u32) -> String {
    format!(
        "This framework file uses schema version {found}, but this version of Fieldbook reads \
         up to version {SCHEMA}. Update the app to import it."
    )
}

/// Report a code already seen, naming where it was first used. Blank codes are reported as
/// missing elsewhere, so they are not duplicates too.
fn unique(issues: &mut Issues, seen: &mut BTreeMap<String, String>, code: &str, path: String) {
    if code.trim().is_empty() {
        return;
    }
    match seen.get(code) {
        Some(first) => issues.push(
            "duplicate_code",
            path,
            format!("The code {code} is already used at {first}; each code must be unique."),
        ),
        None => {
            seen.insert(code.to_owned(), path);
        }
    }
}

fn is_slug(text: &str) -> bool {
    text.split('-').all(|part| {
        !part.is_empty()
            && part
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Competency, KeyArea};

    fn framework() -> Framework {
        Framework {
            schema: SCHEMA,
            id: "course-1".to_owned(),
            title: "A course".to_owned(),
            version: String::new(),
            source: String::new(),
            values: Vec::new(),
            key_areas: vec![KeyArea {
                code: "A".to_owned(),
                title: "Area A".to_owned(),
                competencies: vec![Competency {
                    code: "A1".to_owned(),
                    title: "Do a thing".to_owned(),
                }],
            }],
        }
    }

    fn found(framework: &Framework) -> Vec<(String, String)> {
        framework
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|issue| (issue.path, issue.code))
            .collect()
    }

    #[test]
    fn a_minimal_framework_is_valid() {
        assert_eq!(framework().validate(), Ok(()));
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_single_hyphens() {
        for good in ["nos-cd-2023", "ocn", "a1-b2"] {
            assert!(is_slug(good), "{good}");
        }
        for bad in ["NOS", "nos cd", "nos--cd", "-nos", "nos-", "nos_cd", "é"] {
            assert!(!is_slug(bad), "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let mut bad = framework();
        bad.schema = 0;
        bad.id = "My Course".to_owned();
        bad.title = "t".repeat(MAX_SHORT_TEXT + 1);
        bad.key_areas[0].competencies.push(Competency {
            code: "A1".to_owned(),
            title: " ".to_owned(),
        });
        bad.key_areas.push(KeyArea {
            code: "A".to_owned(),
            title: String::new(),
            competencies: Vec::new(),
        });
        assert_eq!(
            found(&bad),
            [
                ("schema", "required"),
                ("id", "invalid"),
                ("title", "too_long"),
                ("key_areas[0].competencies[1].title", "required"),
                ("key_areas[0].competencies[1].code", "duplicate_code"),
                ("key_areas[1].title", "required"),
                ("key_areas[1].code", "duplicate_code"),
                ("key_areas[1].competencies", "empty"),
            ]
            .map(|(path, code)| (path.to_owned(), code.to_owned()))
        );
    }

    #[test]
    fn a_duplicate_names_where_the_code_was_first_used() {
        let mut bad = framework();
        bad.key_areas.push(KeyArea {
            code: "B".to_owned(),
            title: "Area B".to_owned(),
            competencies: vec![bad.key_areas[0].competencies[0].clone()],
        });
        let issues = bad.validate().unwrap_err();
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].path, "key_areas[1].competencies[0].code");
        assert_eq!(
            issues[0].message,
            "The code A1 is already used at key_areas[0].competencies[0].code; each code must be unique."
        );
    }

    #[test]
    fn no_key_areas_is_empty() {
        let mut bad = framework();
        bad.key_areas.clear();
        assert_eq!(found(&bad), [("key_areas".to_owned(), "empty".to_owned())]);
    }
}
