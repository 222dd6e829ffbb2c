//! "Use my location": the browser's Geolocation API, asked only on the
//! click; the area is found on the device by the core (`MapModel::locate`),
//! so the position is never sent anywhere.

use crate::geo::Trig;
use crate::model::Located;
use crate::ui::state::{ViewCtx, use_view};
use leptos::prelude::*;

const NAME: &str = "Use my location";
/// What the button promises, under its name (said again once asked: on a
/// phone the button is an icon).
const PRIVACY: &str = "never leaves this device";
// Natively (at build time) the button is drawn but never asks.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const INSTEAD: &str = "You can still search by name or postcode.";

/// A `GeolocationPositionError`'s code, in words.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn refused(code: u16) -> String {
    match code {
        1 => format!(
            "Location permission was denied, or this page may not ask for it, so your area \
             cannot be found that way. {INSTEAD}"
        ),
        3 => "Finding your location took too long. Try again, or search by name or postcode."
            .to_string(),
        _ => format!("Your device could not work out where it is. {INSTEAD}"),
    }
}

/// The browser's sine and cosine in the wasm (see `geo::Trig`).
#[cfg(target_arch = "wasm32")]
fn trig() -> Trig {
    Trig {
        sin: js_sys::Math::sin,
        cos: js_sys::Math::cos,
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn trig() -> Trig {
    Trig::RUST
}

/// Opens the area at `lon_lat`, and says what came of it; "probably" when
/// the device knows its place only to more than a kilometre (a desktop's
/// position from its network), which near a boundary may be the next area.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
fn found(view: ViewCtx, lon_lat: [f64; 2], accuracy_m: f64) -> String {
    let model = view.model();
    match model.locate(lon_lat, trig()) {
        Located::In(i) => {
            view.select(Some(i));
            let name = &model.areas[i].name;
            if accuracy_m > 1000.0 {
                let km = (accuracy_m / 1000.0).round() as u32;
                format!("You are probably in {name} (your device puts you within {km} km).")
            } else {
                format!("You are in {name}.")
            }
        }
        Located::Outside => format!(
            "Your location is outside England: this map shows England's areas only. {INSTEAD}"
        ),
        Located::Unplaceable => {
            format!("This map's boundary file cannot place a location. {INSTEAD}")
        }
    }
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// When the latest request for the location was made.
    static ASKED: std::cell::Cell<f64> = const { std::cell::Cell::new(0.0) };
}

#[cfg(target_arch = "wasm32")]
fn ask(view: ViewCtx, status: RwSignal<String>, busy: RwSignal<bool>) {
    use wasm_bindgen::JsCast;
    let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
        status.set(format!(
            "This browser cannot share a location here. {INSTEAD}"
        ));
        return;
    };
    if busy.get_untracked() {
        return;
    }
    // This request's number, so that its watchdog ends only this request.
    let asked_at = js_sys::Date::now();
    ASKED.with(|last| last.set(asked_at));
    busy.set(true);
    status.set(format!("Finding where you are (your location {PRIVACY})…"));
    // A prompt left unanswered never calls back (the timeout below starts
    // only once it is answered): the button must not wait for ever.
    set_timeout(
        move || {
            let current = ASKED.with(|last| last.get() == asked_at);
            if current && busy.try_get_untracked() == Some(true) {
                busy.try_set(false);
                status.try_set(
                    "No answer came about your location. Try again, or search by name or \
                     postcode."
                        .to_string(),
                );
            }
        },
        std::time::Duration::from_secs(30),
    );
    // The callbacks are the promise's own resolve and reject: no closure of
    // ours is handed to the browser.
    let asked = js_sys::Promise::new(&mut |resolve, reject| {
        let options = web_sys::PositionOptions::new();
        options.set_timeout(15_000);
        // Where the reader is now, not where they were.
        options.set_maximum_age(0);
        if geolocation
            .get_current_position_with_error_callback_and_options(&resolve, Some(&reject), &options)
            .is_err()
        {
            let _ = reject.call1(&wasm_bindgen::JsValue::NULL, &wasm_bindgen::JsValue::NULL);
        }
    });
    leptos::task::spawn_local(async move {
        let message = match wasm_bindgen_futures::JsFuture::from(asked).await {
            Ok(position) => {
                let coords = position.unchecked_into::<web_sys::Position>().coords();
                found(
                    view,
                    [coords.longitude(), coords.latitude()],
                    coords.accuracy(),
                )
            }
            Err(error) if error.is_null() => {
                format!("This browser cannot share a location here. {INSTEAD}")
            }
            Err(error) => refused(error.unchecked_into::<web_sys::PositionError>().code()),
        };
        busy.try_set(false);
        status.try_set(message);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn ask(_: ViewCtx, _: RwSignal<String>, _: RwSignal<bool>) {}

/// The button, with its promise under its name ("Use my location / never
/// leaves this device"); `status` says what came of a click.
#[component]
pub fn Locate(status: RwSignal<String>) -> impl IntoView {
    let view = use_view();
    let busy = RwSignal::new(false);
    view! {
        // Named by its words alone; its promise describes it. Where the
        // search is narrow only its icon (drawn by CSS) shows, the words
        // still its name.
        <button
            type="button"
            class="locate"
            aria-describedby="locate-privacy"
            aria-busy=move || busy.get().to_string()
            on:click=move |_| ask(view, status, busy)
        >
            <span class="words">
                {NAME}
                <span id="locate-privacy" class="fine" aria-hidden="true">{PRIVACY}</span>
            </span>
        </button>
    }
}
