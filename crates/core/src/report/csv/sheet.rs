//! A CSV writer into memory that defuses every text cell, so that no column can forget to.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula, so `=HYPERLINK(…)` typed as a venue, or imported as a framework
//! title or an unknown code, would run on a coordinator's computer. Following OWASP's advice on
//! CSV injection, every text cell that starts with one of those gets a leading apostrophe, which
//! spreadsheets show as text and do not display, and every text cell is quoted, so that a
//! spreadsheet splitting on another separator (`;` in much of Europe) cannot start a new cell
//! inside it. Numbers are written as numbers: they come from numeric types, not from text, so a
//! negative count stays a number a spreadsheet can add up.

use std::fmt::{Display, Write};

use ::csv::{QuoteStyle, Terminator, Writer, WriterBuilder};

use crate::report::row::{Row, Totals};

/// What a spreadsheet could take as the start of a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A value written as a bare number. Only numeric types are numbers; anything else is text.
pub(super) trait Number: Display {}

impl Number for i64 {}
impl Number for u32 {}
impl Number for u64 {}
impl Number for usize {}
impl Number for f64 {}
impl<T: Number> Number for &T {}

/// Writing to a `Vec` cannot fail, and every table here writes rows of one length, so the
/// writer's errors cannot happen and are not passed on.
pub(super) struct Sheet {
    writer: Writer<Vec<u8>>,
    /// Reused for every cell, so a row costs no allocations of its own.
    scratch: String,
}

const INFALLIBLE: &str = "writing CSV rows of equal length to memory cannot fail";

impl Sheet {
    pub(super) fn new() -> Self {
        // Non-numeric: every cell that is not a number is quoted.
        let writer = WriterBuilder::new()
            .terminator(Terminator::CRLF)
            .quote_style(QuoteStyle::NonNumeric)
            .from_writer(Vec::new());
        Self {
            writer,
            scratch: String::new(),
        }
    }

    /// One text cell.
    pub(super) fn text(&mut self, value: &str) {
        self.scratch.clear();
        defuse_into(&mut self.scratch, value);
        self.writer.write_field(&self.scratch).expect(INFALLIBLE);
    }

    /// A text cell for each value.
    pub(super) fn texts<T: AsRef<str>>(&mut self, values: impl IntoIterator<Item = T>) {
        for value in values {
            self.text(value.as_ref());
        }
    }

    /// A text cell of a value's display form, such as a date or an id.
    pub(super) fn display(&mut self, value: impl Display) {
        self.joined(std::iter::once(value));
    }

    /// Several values in one text cell, separated by "; ", each defused: a spreadsheet that
    /// splits the cell at the separator must not find a formula either.
    pub(super) fn joined(&mut self, values: impl Iterator<Item = impl Display>) {
        self.scratch.clear();
        let mut part = String::new();
        for (index, value) in values.enumerate() {
            if index > 0 {
                self.scratch.push_str("; ");
            }
            part.clear();
            write!(part, "{value}").expect("writing to a String cannot fail");
            defuse_into(&mut self.scratch, &part);
        }
        self.writer.write_field(&self.scratch).expect(INFALLIBLE);
    }

    pub(super) fn number(&mut self, value: impl Number) {
        self.scratch.clear();
        write!(self.scratch, "{value}").expect("writing to a String cannot fail");
        self.writer.write_field(&self.scratch).expect(INFALLIBLE);
    }

    /// A number, or a blank cell for one not recorded.
    pub(super) fn maybe(&mut self, value: Option<impl Number>) {
        match value {
            Some(value) => self.number(value),
            None => self.text(""),
        }
    }

    /// A share from 0 to 1 as a percentage to one decimal place.
    pub(super) fn percent(&mut self, share: f64) {
        self.scratch.clear();
        write!(self.scratch, "{:.1}", share * 100.0).expect("writing to a String cannot fail");
        self.writer.write_field(&self.scratch).expect(INFALLIBLE);
    }

    pub(super) fn end_row(&mut self) {
        self.writer.write_record(None::<&[u8]>).expect(INFALLIBLE);
    }

    /// A row of text cells, such as a header.
    pub(super) fn row<T: AsRef<str>>(&mut self, values: impl IntoIterator<Item = T>) {
        self.texts(values);
        self.end_row();
    }

    pub(super) fn totals(&mut self, breakdown: &str, label: &str, totals: Totals) {
        self.texts([breakdown, "", label]);
        self.number(totals.engagements);
        self.number(totals.participants);
        self.end_row();
    }

    pub(super) fn rows(&mut self, breakdown: &str, rows: &[Row]) {
        for row in rows {
            self.texts([breakdown, &row.code, &row.label]);
            self.number(row.engagements);
            self.number(row.participants);
            self.end_row();
        }
    }

    pub(super) fn finish(self) -> String {
        let bytes = self.writer.into_inner().expect(INFALLIBLE);
        String::from_utf8(bytes).expect("every cell written was a str")
    }
}

/// Append `value` to `out`, with an apostrophe first if a spreadsheet would take it as a formula.
fn defuse_into(out: &mut String, value: &str) {
    if value.starts_with(FORMULA_STARTS) {
        out.push('\'');
    }
    out.push_str(value);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(write: impl FnOnce(&mut Sheet)) -> String {
        let mut sheet = Sheet::new();
        write(&mut sheet);
        sheet.end_row();
        sheet.finish()
    }

    #[test]
    fn text_that_starts_like_a_formula_is_quoted_and_defused() {
        for start in FORMULA_STARTS {
            let text = format!("{start}1+1");
            assert_eq!(cells(|sheet| sheet.text(&text)), format!("\"'{text}\"\r\n"));
        }
        assert_eq!(cells(|sheet| sheet.text("Hall")), "\"Hall\"\r\n");
    }

    #[test]
    fn numbers_stay_numbers_and_text_that_looks_negative_does_not() {
        assert_eq!(cells(|sheet| sheet.number(-3_i64)), "-3\r\n");
        assert_eq!(cells(|sheet| sheet.text("-3")), "\"'-3\"\r\n");
    }

    #[test]
    fn each_part_of_a_joined_cell_is_defused() {
        let parts = ["Housing", "=HYPERLINK(1)"];
        assert_eq!(
            cells(|sheet| sheet.joined(parts.iter())),
            "\"Housing; '=HYPERLINK(1)\"\r\n"
        );
    }
}
