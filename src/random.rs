//! Randomness from the browser, for ids. Core takes random bytes as input; this is where they
//! come from.

use fieldbook_core::{ElementId, Id};

/// Fill `bytes` from `crypto.getRandomValues`, which every browser Fieldbook supports.
pub fn fill(bytes: &mut [u8]) {
    let filled = web_sys::window()
        .and_then(|window| window.crypto().ok())
        .is_some_and(|crypto| crypto.get_random_values_with_u8_array(bytes).is_ok());
    if !filled {
        // Ids only need to be unlikely to collide; Math.random is enough for that.
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
}

/// A new document id.
pub fn id() -> Id {
    let mut bytes = [0u8; 16];
    fill(&mut bytes);
    Id::from_random(bytes)
}

/// A new element id, for a priority, action or piece of feedback within a record.
pub fn element_id() -> ElementId {
    let mut bytes = [0u8; 4];
    fill(&mut bytes);
    ElementId::new(crate::state::now_ms(), bytes)
}
