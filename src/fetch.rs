//! The only module that talks to the network: fetches the two data files
//! from the site's own origin and hands their text to the pure model, and,
//! when the search is first used, the names it learns then. A request that
//! gets no answer is given up (`AbortController`), and one that fails on the
//! way is asked once more, so that no network leaves the page waiting for
//! good.

use crate::model::{self, MapModel};
use crate::places::Places;
use crate::problem::Problem;
use crate::{atlas, dataset, places};
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use std::time::Duration;

/// How long a file may take to arrive, whole: past this the request is
/// given up. The data files are some 20 KB each, compressed: half a minute
/// is a connection far slower than any in use, and a server not answering.
const ARRIVE_WITHIN: Duration = Duration::from_secs(30);
/// The pause before the one automatic retry.
const RETRY_AFTER: Duration = Duration::from_secs(2);

/// What went wrong loading the map, phrased for the person looking at it.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed before any answer (offline, blocked, ...).
    Network {
        what: &'static str,
        url: String,
        detail: String,
    },
    /// No answer, or not the whole file, in time.
    TimedOut {
        what: &'static str,
        url: String,
        seconds: u64,
    },
    /// The server answered, but not with the file.
    Http {
        what: &'static str,
        url: String,
        status: u16,
        status_text: String,
    },
    /// The file arrived but could not be read.
    Malformed { what: &'static str, detail: String },
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network { what, url, detail } => {
                write!(
                    f,
                    "Could not load the {what} ({url}): the request failed ({detail})."
                )
            }
            LoadError::TimedOut { what, url, seconds } => {
                write!(
                    f,
                    "Could not load the {what} ({url}): it did not arrive within {seconds} s."
                )
            }
            LoadError::Http {
                what,
                url,
                status,
                status_text,
            } => {
                write!(
                    f,
                    "Could not load the {what} ({url}): the server answered {status}"
                )?;
                if !status_text.is_empty() {
                    write!(f, " {status_text}")?;
                }
                f.write_str(".")
            }
            LoadError::Malformed { what, detail } => {
                write!(f, "The {what} could not be read: {detail}.")
            }
        }
    }
}

pub const GEOMETRY_WHAT: &str = "area boundaries";
pub const DATASET_WHAT: &str = "Concordat dataset";
pub const PLACES_WHAT: &str = "names of districts, councils and postcodes";

impl LoadError {
    /// Whether asking again may help: after a failure on the way, no answer
    /// in time, or a server busy or failing; not when the file is missing or
    /// came and was wrong.
    fn is_transient(&self) -> bool {
        match self {
            LoadError::Network { .. } | LoadError::TimedOut { .. } => true,
            LoadError::Http { status, .. } => *status >= 500 || [408, 429].contains(status),
            LoadError::Malformed { .. } => false,
        }
    }
}

/// Resolves after `wait`.
async fn pause(wait: Duration) {
    let timer = js_sys::Promise::new(&mut |resolve, _| {
        leptos::prelude::set_timeout(
            move || {
                let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
            },
            wait,
        );
    });
    let _ = wasm_bindgen_futures::JsFuture::from(timer).await;
}

/// `fetch_once`, and once more after a pause if that failed on the way.
async fn fetch_text(what: &'static str, url: &str) -> Result<String, LoadError> {
    match fetch_once(what, url).await {
        Err(error) if error.is_transient() => {
            web_sys::console::warn_1(&format!("{error} Asking again.").into());
            pause(RETRY_AFTER).await;
            fetch_once(what, url).await
        }
        done => done,
    }
}

/// Relative URLs: resolved against the page's `<base href>`, so the site also
/// works from a sub-path. Bytes, not text: the core reads UTF-8, and the
/// browser's text would be decoded to UTF-16 only to be encoded back.
async fn fetch_once(what: &'static str, url: &str) -> Result<String, LoadError> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = Rc::new(Cell::new(false));
    let deadline = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        leptos::prelude::set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(controller) = controller {
                    controller.abort();
                }
            },
            ARRIVE_WITHIN,
        )
        .ok()
    };
    let signal = controller.as_ref().map(web_sys::AbortController::signal);
    let fetched = async {
        let response = gloo_net::http::Request::get(url)
            .abort_signal(signal.as_ref())
            .send()
            .await?;
        Ok((response.ok(), response.binary().await?, response))
    }
    .await;
    if let Some(deadline) = deadline {
        deadline.clear();
    }
    let (ok, bytes, response) = fetched.map_err(|e: gloo_net::Error| {
        if timed_out.get() {
            LoadError::TimedOut {
                what,
                url: url.to_string(),
                seconds: ARRIVE_WITHIN.as_secs(),
            }
        } else {
            LoadError::Network {
                what,
                url: url.to_string(),
                detail: e.to_string(),
            }
        }
    })?;
    if !ok {
        return Err(LoadError::Http {
            what,
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    String::from_utf8(bytes).map_err(|e| LoadError::Malformed {
        what,
        detail: format!("{url} is not UTF-8 text ({e})"),
    })
}

/// Fetches both files at once and builds the model.
pub async fn load() -> Result<MapModel, LoadError> {
    // The first failure is told at once, not after the other file.
    let (geometry, data) = futures::future::try_join(
        fetch_text(GEOMETRY_WHAT, atlas::FILE_NAME),
        fetch_text(DATASET_WHAT, dataset::FILE_NAME),
    )
    .await?;
    model::from_texts(&geometry, &data).map_err(|problem| LoadError::Malformed {
        what: if problem.place.starts_with(atlas::FILE_NAME) {
            GEOMETRY_WHAT
        } else {
            DATASET_WHAT
        },
        detail: problem.to_string(),
    })
}

/// Fetches `places.json`, with what was wrong in it (places left out).
pub async fn places() -> Result<(Places, Vec<Problem>), LoadError> {
    let text = fetch_text(PLACES_WHAT, places::FILE_NAME).await?;
    Places::parse(&text).map_err(|problem| LoadError::Malformed {
        what: PLACES_WHAT,
        detail: problem.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_what_failed() {
        let http = LoadError::Http {
            what: DATASET_WHAT,
            url: "concordat.json".into(),
            status: 404,
            status_text: "Not Found".into(),
        };
        assert_eq!(
            http.to_string(),
            "Could not load the Concordat dataset (concordat.json): the server answered 404 Not Found."
        );
        let malformed = LoadError::Malformed {
            what: GEOMETRY_WHAT,
            detail: "atlas.json: expected value at line 1 column 1".into(),
        };
        assert_eq!(
            malformed.to_string(),
            "The area boundaries could not be read: atlas.json: expected value at line 1 column 1."
        );
        let late = LoadError::TimedOut {
            what: DATASET_WHAT,
            url: "concordat.json".into(),
            seconds: 30,
        };
        assert_eq!(
            late.to_string(),
            "Could not load the Concordat dataset (concordat.json): it did not arrive within 30 s."
        );
        assert!(late.is_transient() && !malformed.is_transient());
        // Missing is missing; failing or busy may pass.
        assert!(!http.is_transient());
        for status in [500, 503, 408, 429] {
            let busy = LoadError::Http {
                what: DATASET_WHAT,
                url: "concordat.json".into(),
                status,
                status_text: String::new(),
            };
            assert!(busy.is_transient(), "{status}");
        }
    }
}
