//! A report's numbers as a real table: the first cell of each row names it.

use fieldbook_core::report::Table;
use leptos::prelude::*;

#[component]
pub fn DataTable(table: Table) -> impl IntoView {
    let Table {
        caption,
        head,
        rows,
    } = table;
    view! {
        <table class="data-table">
            <caption>{caption}</caption>
            <thead>
                <tr>{head.into_iter().map(|cell| view! { <th scope="col">{cell}</th> }).collect_view()}</tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|row| {
                        let mut cells = row.into_iter();
                        let name = cells.next().unwrap_or_default();
                        view! {
                            <tr>
                                <th scope="row">{name}</th>
                                {cells.map(|cell| view! { <td>{cell}</td> }).collect_view()}
                            </tr>
                        }
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
