//! Every area as an ordinary link, by region: the keyboard's and screen
//! reader's way to any area's page before (and without) the app, and a way
//! to browse for anyone. The chosen region's list is open.
//!
//! Rendered at build time only: the app moves the rendered list into its
//! own page (`RenderedDirectory`) rather than carry the code to draw it
//! (5 KB brotli of wasm, measured). Its links are then followed in place by
//! the router, like any link to a view of the site.

use leptos::prelude::*;

pub const DIRECTORY_ID: &str = "directory";

/// The list in the page rendered at build time, kept by the app when it
/// takes that page over, for the live page to show.
#[derive(Clone, Copy)]
pub struct RenderedDirectory(
    #[cfg_attr(
        not(target_arch = "wasm32"),
        expect(dead_code, reason = "read by the app, in the browser")
    )]
    StoredValue<Option<web_sys::Element>, LocalStorage>,
);

impl RenderedDirectory {
    pub fn in_page(page: &web_sys::Element) -> Self {
        let id = format!("#{DIRECTORY_ID}");
        Self(StoredValue::new_local(
            page.query_selector(&id).ok().flatten(),
        ))
    }
}

/// The list of every area: at build time drawn, in the browser the one
/// drawn then (if the page had one).
#[component]
pub fn Directory() -> impl IntoView {
    #[cfg(target_arch = "wasm32")]
    {
        adopted()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        drawn::directory()
    }
}

#[cfg(target_arch = "wasm32")]
fn adopted() -> impl IntoView {
    let slot = NodeRef::<leptos::html::Div>::new();
    let rendered = use_context::<RenderedDirectory>();
    Effect::new(move |_| {
        if let (Some(slot), Some(list)) = (slot.get(), rendered.and_then(|r| r.0.get_value())) {
            let _ = slot.append_child(&list);
        }
    });
    view! { <div node_ref=slot></div> }
}

#[cfg(not(target_arch = "wasm32"))]
mod drawn {
    use super::DIRECTORY_ID;
    use crate::filters::Term;
    use crate::ui::state::use_view;
    use crate::view_state::Route;
    use leptos::prelude::*;

    /// One region's areas: its name, a link to its page, its areas' links.
    #[component]
    fn RegionAreas(
        region: Option<Term>,
        areas: Vec<(String, String)>,
        open: bool,
    ) -> impl IntoView {
        let view = use_view();
        let label = region
            .as_ref()
            .map_or_else(|| "Region not recorded".to_string(), |r| r.label.clone());
        let count = format!(
            "{} area{}",
            areas.len(),
            if areas.len() == 1 { "" } else { "s" }
        );
        let to_region = region.map(|r| {
        let (id, name) = (r.id, r.label);
        let chosen = move |s: &mut crate::view_state::ViewState| {
            s.route = Route::National;
            s.filters.regions = vec![id.clone()];
        };
        let chosen_too = chosen.clone();
        view! {
            <li class="region-link">
                <a href=view.href(chosen) on:click=move |ev| view.follow(&ev, chosen_too.clone())>
                    {format!("{name} on the map")}
                </a>
            </li>
        }
    });
        let links = areas
        .into_iter()
        .map(|(code, name)| {
            let href = view.area_href(&code);
            view! {
                <li>
                    <a href=href on:click=move |ev| view.follow(&ev, |s| s.route = Route::Area(code.clone()))>
                        {name}
                    </a>
                </li>
            }
        })
        .collect_view();
        view! {
            <details open=open>
                <summary>{label} " " <span class="count">{count}</span></summary>
                <ul>{to_region} {links}</ul>
            </details>
        }
    }

    pub fn directory() -> impl IntoView {
        let view = use_view();
        let model = view.model();
        let chosen = view.with_untracked(|s| s.filters.regions.clone());
        let of_region = |code: Option<&str>| {
            let mut areas: Vec<(String, String)> = model
                .areas
                .iter()
                .filter(|a| a.facts.region_code.as_deref() == code)
                .map(|a| (a.code.clone(), a.name.clone()))
                .collect();
            areas.sort_by(|a, b| a.1.cmp(&b.1));
            areas
        };
        let mut regions: Vec<_> = model
            .vocabulary
            .regions
            .iter()
            .map(|r| {
                let open = chosen.contains(&r.id);
                view! { <RegionAreas region=Some(r.clone()) areas=of_region(Some(&r.id)) open /> }
            })
            .collect();
        let unplaced = of_region(None);
        if !unplaced.is_empty() {
            regions.push(view! { <RegionAreas region=None areas=unplaced open=false /> });
        }
        view! {
            <nav id=DIRECTORY_ID class="directory" aria-labelledby="directory-title">
                <h2 id="directory-title">"Every area, by region"</h2>
                {regions}
            </nav>
        }
    }
}
