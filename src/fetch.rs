//! The only module that talks to the network: fetches the two data files
//! from the site's own origin and hands their text to the pure model, and,
//! when the search is first used, the names it learns then.

use crate::model::{self, MapModel};
use crate::places::Places;
use crate::problem::Problem;
use crate::{atlas, dataset, places};
use std::fmt;

/// What went wrong loading the map, phrased for the person looking at it.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request failed before any answer (offline, blocked, ...).
    Network {
        what: &'static str,
        url: String,
        detail: String,
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

/// Relative URLs: resolved against the page's `<base href>`, so the site also
/// works from a sub-path. Bytes, not text: the core reads UTF-8, and the
/// browser's text would be decoded to UTF-16 only to be encoded back.
async fn fetch_text(what: &'static str, url: &str) -> Result<String, LoadError> {
    let response = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| LoadError::Network {
            what,
            url: url.to_string(),
            detail: e.to_string(),
        })?;
    if !response.ok() {
        return Err(LoadError::Http {
            what,
            url: url.to_string(),
            status: response.status(),
            status_text: response.status_text(),
        });
    }
    let bytes = response.binary().await.map_err(|e| LoadError::Network {
        what,
        url: url.to_string(),
        detail: e.to_string(),
    })?;
    String::from_utf8(bytes).map_err(|e| LoadError::Malformed {
        what,
        detail: format!("{url} is not UTF-8 text ({e})"),
    })
}

/// Fetches both files at once and builds the model.
pub async fn load() -> Result<MapModel, LoadError> {
    let (geometry, data) = futures::future::join(
        fetch_text(GEOMETRY_WHAT, atlas::FILE_NAME),
        fetch_text(DATASET_WHAT, dataset::FILE_NAME),
    )
    .await;
    let (geometry, data) = (geometry?, data?);
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
    }
}
