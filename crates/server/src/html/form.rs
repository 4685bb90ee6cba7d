//! A form's fields and the problems with them: a summary at the top that links to each field,
//! and each problem beside its field.

use super::escape;

/// A field of one page's form.
pub trait FormField: Copy + PartialEq {
    fn id(self) -> &'static str;
    fn label(self) -> &'static str;
    fn hint(self) -> &'static str;
}

/// What is wrong with a form, field by field, in the form's order.
pub type Problems<F> = Vec<(F, String)>;

/// The summary of `problems`, or nothing when there are none.
pub fn problem_summary<F: FormField>(problems: &[(F, String)]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let items: String = problems
        .iter()
        .map(|(field, message)| {
            format!(
                "<li><a href=\"#{}\">{}</a></li>",
                field.id(),
                escape(message)
            )
        })
        .collect();
    format!(
        "<div class=\"problems\" role=\"alert\" aria-labelledby=\"problems-title\">\
         <h2 id=\"problems-title\">There is a problem</h2><ul>{items}</ul></div>"
    )
}

/// One labelled input of type `kind` holding `value`, with its hint and any problem with it.
pub fn field<F: FormField>(
    field: F,
    kind: &str,
    value: &str,
    autocomplete: &str,
    problems: &[(F, String)],
) -> String {
    let problem = problems.iter().find(|(f, _)| *f == field);
    let id = field.id();
    let (class, error, invalid, described) = match problem {
        Some((_, message)) => (
            "field invalid",
            format!(
                "<p class=\"error\" id=\"{id}-error\"><span class=\"visually-hidden\">Error: </span>{}</p>",
                escape(message)
            ),
            " aria-invalid=\"true\"",
            format!("{id}-hint {id}-error"),
        ),
        None => ("field", String::new(), "", format!("{id}-hint")),
    };
    format!(
        "<div class=\"{class}\"><label for=\"{id}\">{label}</label>\
         <p class=\"hint\" id=\"{id}-hint\">{hint}</p>{error}\
         <input id=\"{id}\" name=\"{id}\" type=\"{kind}\" value=\"{value}\" \
         autocomplete=\"{autocomplete}\" autocapitalize=\"none\" spellcheck=\"false\" \
         aria-describedby=\"{described}\"{invalid}></div>",
        label = field.label(),
        hint = field.hint(),
        value = escape(value),
    )
}
