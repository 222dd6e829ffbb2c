//! The tooltip over the map: the area's name and status, at the pointer or
//! at the focused area, kept inside the map.

use crate::ui::state::use_view;
use crate::ui::swatch::Swatch;
use leptos::prelude::*;

/// Where the tooltip shows: the area, a point relative to the map's box,
/// and whether it sits left of the point so that it stays inside the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tip {
    pub area: usize,
    pub x: f64,
    pub y: f64,
    pub flip: bool,
}

impl Tip {
    /// A tip for `area` at a point in the window, placed within `frame`.
    pub fn at(
        frame: NodeRef<leptos::html::Div>,
        area: usize,
        client_x: f64,
        client_y: f64,
    ) -> Option<Tip> {
        let rect = frame.get_untracked()?.get_bounding_client_rect();
        let x = client_x - rect.left();
        Some(Tip {
            area,
            x,
            y: client_y - rect.top(),
            flip: x > rect.width() / 2.0,
        })
    }
}

#[component]
pub fn Tooltip(tip: RwSignal<Option<Tip>>) -> impl IntoView {
    // The area's status on the chosen day.
    let view = use_view();
    move || {
        let tip = tip.get()?;
        let model = view.model();
        let area = model.areas.get(tip.area)?;
        let at = view.snapshot.with(|s| s.areas.get(tip.area).copied())?;
        let status = model.status_id(&at).to_string();
        Some(view! {
            <div
                class="tooltip"
                class:flip=tip.flip
                role="tooltip"
                // Through the CSS object model: the CSP refuses style attributes.
                style:left=format!("{:.0}px", tip.x)
                style:top=format!("{:.0}px", tip.y)
            >
                <strong>{area.name.clone()}</strong>
                <span>
                    <Swatch status />
                    {model.status_label(&at).to_string()}
                </span>
            </div>
        })
    }
}
