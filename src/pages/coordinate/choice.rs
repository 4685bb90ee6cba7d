//! What a report covers, as chosen: a span of time and maybe one area, kept in the address
//! (`?period=last_half&area=Reddish`) so the dashboard and its printable report agree and a
//! choice survives a reload.

use fieldbook_core::report::{Filter, Span};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::local_time;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Choice {
    pub span: Span,
    /// Exactly as the records name it; `None` for every area.
    pub area: Option<String>,
}

impl Choice {
    /// The choice in the page's address, following it as it changes.
    pub fn from_address() -> Memo<Choice> {
        let query = use_query_map();
        Memo::new(move |_| {
            query.with(|query| Choice {
                span: Span::from_code(&query.get("period").unwrap_or_default()),
                area: query.get("area").filter(|area| !area.is_empty()),
            })
        })
    }

    /// The records this choice covers, today.
    pub fn filter(&self) -> Filter {
        let filter = Filter::new(self.span.period(local_time::context().now.date()));
        match &self.area {
            Some(area) => filter.in_area(area.clone()),
            None => filter,
        }
    }

    /// The address of `path` with this choice.
    pub fn href(&self, path: &str) -> String {
        let mut href = format!("{path}?period={}", self.span.code());
        if let Some(area) = &self.area {
            let area: String = js_sys::encode_uri_component(area).into();
            href.push_str(&format!("&area={area}"));
        }
        href
    }
}
