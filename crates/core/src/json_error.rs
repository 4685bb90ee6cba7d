//! serde_json's errors, said for a person.

/// The error's message without serde_json's trailing " at line L column C", for errors that
/// carry the position in fields of their own.
pub(crate) fn message_without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    text.strip_suffix(&format!(
        " at line {} column {}",
        error.line(),
        error.column()
    ))
    .unwrap_or(&text)
    .to_owned()
}
