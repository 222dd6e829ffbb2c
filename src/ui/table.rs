//! The areas as a table, in step with the map and the filters: one row per
//! area shown, sortable by every column (the order is in the link). It is
//! the way through the data for those who do not use the map.

use crate::table::{Column, Sort, cell, heading, rows};
use crate::ui::state::use_view;
use crate::ui::swatch::Swatch;
use crate::view_state::Route;
use leptos::prelude::*;

/// A column heading that sorts by it; pressed again, the other way.
#[component]
fn Heading(column: Column) -> impl IntoView {
    let view = use_view();
    let sorted = move || view.with(|s| (s.sort.column == column).then_some(s.sort.descending));
    let aria_sort = move || match sorted() {
        Some(false) => Some("ascending"),
        Some(true) => Some("descending"),
        None => None,
    };
    let sort = move |_| {
        view.update(|s| {
            let descending = s.sort.column == column && !s.sort.descending;
            s.sort = Sort { column, descending };
        })
    };
    let arrow = move || match sorted() {
        Some(false) => " ▲",
        Some(true) => " ▼",
        None => "",
    };
    view! {
        <th scope="col" role="columnheader" aria-sort=aria_sort>
            <button type="button" class="sort" on:click=sort>
                {heading(column)}
                <span aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
pub fn AreaTable() -> impl IntoView {
    let view = use_view();
    let model = view.model();
    // Every area has a row, made once and reordered by the sort; the
    // filters only hide rows (and take their `data-area`), so that a filter
    // change flips attributes rather than making 150 rows anew.
    // The order depends on the chosen day (status, date reached): rows are
    // made anew for another day, and only reordered and hidden otherwise.
    let order = {
        let model = model.clone();
        let all = vec![true; model.areas.len()];
        Memo::new(move |_| {
            view.snapshot.with(|at| {
                let order = view.with(|s| rows(&model, at, &all, s.sort));
                order.into_iter().map(|i| (i, at.day)).collect::<Vec<_>>()
            })
        })
    };
    let is_shown = move |i: usize| {
        view.shown
            .with_untracked(|s| s.get(i).copied().unwrap_or(false))
    };
    // One effect keeps every row's visibility and link up to date, in place
    // (not three per row): a filter change is then one pass over the rows.
    let body = NodeRef::<leptos::html::Tbody>::new();
    {
        let model = model.clone();
        Effect::new(move |_| {
            let shown = view.shown.get();
            let Some(body) = body.get() else { return };
            let rows = body.children();
            for n in 0..rows.length() {
                let Some(row) = rows.item(n) else { continue };
                let Some(code) = row.get_attribute("data-code") else {
                    continue;
                };
                let on = model
                    .index_of(&code)
                    .and_then(|i| shown.get(i))
                    .copied()
                    .unwrap_or(false);
                let _ = if on {
                    row.remove_attribute("hidden")
                        .and_then(|()| row.set_attribute("data-area", &code))
                } else {
                    row.set_attribute("hidden", "")
                        .and_then(|()| row.remove_attribute("data-area"))
                };
                // Every link follows the filters: it opens the area in this view.
                if let Ok(Some(link)) = row.query_selector("a") {
                    let _ = link.set_attribute("href", &view.area_href(&code));
                }
            }
        });
    }
    let headings = Column::ALL
        .into_iter()
        .map(|column| view! { <Heading column /> })
        .collect_view();
    let row = move |(i, _): (usize, crate::date::Day)| {
        let snapshot = view.snapshot.get_untracked();
        let area = &model.areas[i];
        let at = snapshot.areas[i];
        let status = model.status_id(&at).to_string();
        let code = area.code.clone();
        // As things are now; the effect above keeps them so.
        let on = is_shown(i);
        let href = view.href_untracked(&code);
        // Followed through the view state, so that it works wherever the
        // table is (under the router or not).
        let open = {
            let code = code.clone();
            move |ev: leptos::ev::MouseEvent| {
                view.follow(&ev, |s| s.route = Route::Area(code.clone()));
            }
        };
        // The area's own column is the row's heading.
        let cells = Column::ALL[1..]
            .iter()
            .copied()
            .map(|column| {
                let text = cell(&model, area, &at, column);
                match column {
                    Column::Status => view! {
                        <td role="cell" data-status=status.clone()><Swatch status=status.clone() />{text}</td>
                    }
                    .into_any(),
                    Column::Signatories | Column::Themes => {
                        view! { <td role="cell" class="number">{text}</td> }.into_any()
                    }
                    _ => view! { <td role="cell">{text}</td> }.into_any(),
                }
            })
            .collect_view();
        view! {
            <tr role="row" data-code=code.clone() hidden=!on data-area=on.then(|| code.clone())>
                <th scope="row" role="rowheader"><a href=href on:click=open>{area.name.clone()}</a></th>
                {cells}
            </tr>
        }
    };
    view! {
        <p class="table-scroll-hint">"Scroll the table sideways to see every column."</p>
        <div class="table-frame">
            <table class="areas-table" role="table" aria-describedby="summary">
                <caption class="visually-hidden">
                    "Areas shown by the filters, one row each; the column headings sort the table."
                </caption>
                <thead role="rowgroup"><tr role="row">{headings}</tr></thead>
                <tbody role="rowgroup" node_ref=body>
                    <For each=move || order.get() key=|key| *key children=row />
                </tbody>
            </table>
        </div>
    }
}
