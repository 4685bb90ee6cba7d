//! Reading a framework file that a coordinator imports, with errors a person can act on.

use std::fmt;

use serde::Deserialize;
use serde_json::error::Category;

use super::validate::newer_schema_message;
use super::{Framework, SCHEMA};
use crate::validate::Issue;

/// Why a framework file could not be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FrameworkError {
    #[error("the file is not valid JSON at line {line}, column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "line {line}, column {column}: \"{field}\" is not a field of a framework file; check its \
         spelling"
    )]
    UnknownField {
        field: String,
        line: usize,
        column: usize,
    },
    #[error(
        "the file does not have the shape of a framework at line {line}, column {column}: \
         {message}"
    )]
    Shape {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("the framework has {}: {}", problems(.0.len()), Listed(.0))]
    Invalid(Vec<Issue>),
}

/// Just the schema version, read before the rest: fields a newer schema adds would otherwise be
/// reported as unknown, hiding the real reason.
#[derive(Deserialize)]
struct Probe {
    #[serde(default)]
    schema: Option<u64>,
}

impl Framework {
    /// Read and check a framework file. A file from a newer schema is refused whole; otherwise
    /// every problem with its content is returned at once.
    pub fn import(json: &str) -> Result<Framework, FrameworkError> {
        // A schema that is not a number is left for the full read to report where it is.
        if let Ok(Probe {
            schema: Some(found),
        }) = serde_json::from_str::<Probe>(json)
        {
            if found > u64::from(SCHEMA) {
                let found = u32::try_from(found).unwrap_or(u32::MAX);
                return Err(FrameworkError::Invalid(vec![Issue {
                    code: "newer_schema".to_owned(),
                    path: "schema".to_owned(),
                    message: newer_schema_message(found),
                }]));
            }
        }
        let framework: Framework = serde_json::from_str(json).map_err(FrameworkError::from)?;
        framework.validate().map_err(FrameworkError::Invalid)?;
        Ok(framework)
    }
}

impl From<serde_json::Error> for FrameworkError {
    fn from(error: serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        let message = crate::json_error::message_without_position(&error);
        match error.classify() {
            Category::Data => match unknown_field(&message) {
                Some(field) => FrameworkError::UnknownField {
                    field,
                    line,
                    column,
                },
                None => FrameworkError::Shape {
                    line,
                    column,
                    message,
                },
            },
            Category::Syntax | Category::Eof | Category::Io => FrameworkError::Syntax {
                line,
                column,
                message,
            },
        }
    }
}

/// The field named in serde's "unknown field `x`, expected ..." message.
fn unknown_field(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let end = rest.find('`')?;
    Some(rest[..end].to_owned())
}

fn problems(count: usize) -> String {
    match count {
        1 => "1 problem".to_owned(),
        n => format!("{n} problems"),
    }
}

struct Listed<'a>(&'a [Issue]);

impl fmt::Display for Listed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, issue) in self.0.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{issue}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r#"{
  "schema": 1,
  "id": "course-1",
  "title": "A course",
  "key_areas": [
    { "code": "A", "title": "Area A", "competencies": [ { "code": "A1", "title": "Do a thing" } ] }
  ]
}"#;

    #[test]
    fn a_small_file_imports_with_defaults_for_what_it_leaves_out() {
        let framework = Framework::import(SMALL).unwrap();
        assert_eq!(framework.competency_count(), 1);
        assert_eq!(framework.version, "");
        assert!(framework.values.is_empty());
    }

    #[test]
    fn the_default_survives_a_round_trip() {
        let json = serde_json::to_string_pretty(super::super::nos_cd()).unwrap();
        assert_eq!(&Framework::import(&json).unwrap(), super::super::nos_cd());
    }

    #[test]
    fn malformed_json_says_where() {
        let error =
            Framework::import("{\n  \"schema\": 1,\n  \"id\": \"x\"\n  \"title\": \"y\"\n}")
                .unwrap_err();
        let FrameworkError::Syntax { line, column, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!((*line, *column), (4, 3));
        assert_eq!(
            error.to_string(),
            "the file is not valid JSON at line 4, column 3: expected `,` or `}`"
        );
        assert!(matches!(
            Framework::import(""),
            Err(FrameworkError::Syntax { line: 1, .. })
        ));
    }

    #[test]
    fn an_unknown_field_is_named() {
        let json = SMALL.replace(r#""title": "Do a thing""#, r#""titel": "Do a thing""#);
        let error = Framework::import(&json).unwrap_err();
        assert_eq!(
            error,
            FrameworkError::UnknownField {
                field: "titel".to_owned(),
                line: 6,
                column: 79,
            }
        );
        assert_eq!(
            error.to_string(),
            "line 6, column 79: \"titel\" is not a field of a framework file; check its spelling"
        );
    }

    #[test]
    fn a_wrong_type_is_a_shape_error() {
        let json = SMALL.replace(r#""key_areas": ["#, r#""key_areas": 3, "x": ["#);
        let error = Framework::import(&json).unwrap_err();
        assert!(
            matches!(&error, FrameworkError::Shape { line: 5, message, .. } if message.starts_with("invalid type: integer `3`")),
            "{error:?}"
        );
    }

    #[test]
    fn a_newer_schema_is_refused_before_its_new_fields_are_questioned() {
        let json = SMALL.replace(r#""schema": 1,"#, r#""schema": 2, "levels": [],"#);
        let FrameworkError::Invalid(issues) = Framework::import(&json).unwrap_err() else {
            panic!("expected issues");
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(
            (issues[0].code.as_str(), issues[0].path.as_str()),
            ("newer_schema", "schema")
        );
        assert_eq!(
            issues[0].message,
            "This framework file uses schema version 2, but this version of Fieldbook reads up to version 1. Update the app to import it."
        );
    }

    #[test]
    fn every_content_problem_comes_back_at_once_with_its_path() {
        let json = r#"{
  "schema": 1,
  "id": "course-1",
  "title": "",
  "key_areas": [
    { "code": "A", "title": "Area A", "competencies": [ { "code": "A1", "title": "One" } ] },
    { "code": "B", "title": "Area B", "competencies": [ { "code": "B1", "title": "Two" } ] },
    { "code": "C", "title": "Area C", "competencies": [ { "code": "A1" } ] }
  ]
}"#;
        let error = Framework::import(json).unwrap_err();
        let FrameworkError::Invalid(issues) = &error else {
            panic!("{error:?}");
        };
        let found: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.path.as_str(), i.code.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("title", "required"),
                ("key_areas[2].competencies[0].title", "required"),
                ("key_areas[2].competencies[0].code", "duplicate_code"),
            ]
        );
        assert!(error.to_string().starts_with(
            "the framework has 3 problems: title: The framework's title is required.; "
        ));
    }
}
