//! Property tests: every reader of outside input (the address, dates, the
//! host's commands, the dataset, the atlas, the search's places) gives an
//! answer or a problem for any input, and never panics; what is written is
//! read back the same; the order check finds what a plain pairwise search
//! finds.
#![allow(
    clippy::unwrap_used,
    reason = "a test should fail loudly on a bad fixture"
)]

use concordat_core::dataset::{self, Dataset, Event, Locators};
use concordat_core::date::PartialDate;
use concordat_core::filters::Vocabulary;
use concordat_core::view_state::{Route, ViewState};
use concordat_core::{atlas, embed, model, places, query, timeline};
use proptest::prelude::*;
use serde_json::Value;

/// The test fixtures: a small dataset and the atlas of its areas.
const DATASET: &str = include_str!("../../tests/fixtures/concordat.json");
const ATLAS: &str = include_str!("../../tests/fixtures/atlas.json");

fn sample() -> Dataset {
    dataset::parse(DATASET).unwrap().0
}

fn vocabulary() -> Vocabulary {
    Vocabulary::from_dataset(&sample())
}

/// Any JSON, with strings of the kinds the files hold among random ones.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        prop::sample::select(vec![
            "2014-12",
            "2014-02-30",
            "E10000030",
            "declared",
            "plan",
            "none",
            "rouse",
            "",
            "#12ab",
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((".{0,8}", inner), 0..4)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

/// `doc` with the value found by following `path` (each step an index into
/// an object's keys or an array, modulo its length) replaced by `new`, or
/// removed if `new` is None.
fn mutate(doc: &mut Value, path: &[usize], new: Option<Value>) {
    let Some((&step, rest)) = path.split_first() else {
        if let Some(new) = new {
            *doc = new;
        }
        return;
    };
    match doc {
        Value::Object(map) if !map.is_empty() => {
            let Some(key) = map.keys().nth(step % map.len()).cloned() else {
                return;
            };
            match (rest.is_empty(), &new) {
                (true, None) => {
                    map.remove(&key);
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate(child, rest, new);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() => {
            let at = step % items.len();
            match (rest.is_empty(), &new) {
                (true, None) => {
                    items.remove(at);
                }
                _ => {
                    if let Some(child) = items.get_mut(at) {
                        mutate(child, rest, new);
                    }
                }
            }
        }
        _ => {
            if let Some(new) = new {
                *doc = new;
            }
        }
    }
}

fn mutated(text: &str, path: &[usize], new: Option<Value>) -> String {
    let mut doc: Value = serde_json::from_str(text).unwrap();
    mutate(&mut doc, path, new);
    doc.to_string()
}

/// A query string of the keys the address knows, with values from the
/// vocabulary and arbitrary ones.
fn query_string() -> impl Strategy<Value = String> {
    let keys = prop::sample::select(vec![
        "region", "status", "theme", "kind", "at", "view", "sort", "embed", "controls", "title",
        "id", "childId", "group", "x",
    ]);
    let values = prop_oneof![
        prop::sample::select(vec![
            "north-west",
            "south",
            "plan",
            "declared",
            "crisis",
            "police",
            "2014-12",
            "2015",
            "table",
            "name",
            "status-desc",
            "1",
            "0",
            "search,legend",
            "Our map",
            "",
        ])
        .prop_map(String::from),
        "[ -~]{0,10}",
        ".{0,6}",
    ];
    prop::collection::vec((keys, values), 0..6).prop_map(|pairs| {
        pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", query::encode(v)))
            .collect::<Vec<_>>()
            .join("&")
    })
}

fn path() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "/",
            "/area/E10000030",
            "/area/surrey",
            "/region/south",
            "/embed",
            "/areas",
            "",
        ])
        .prop_map(String::from),
        "/[ -~]{0,20}",
        ".{0,20}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn query_strings_are_read_and_values_round_trip(text in ".{0,40}") {
        let _ = query::parse(&text);
        let _ = query::decode(&text);
        prop_assert_eq!(query::decode(&query::encode(&text)), text);
    }

    #[test]
    fn any_address_gives_a_state_whose_address_gives_it_back(
        path in path(),
        query in query_string(),
        base in prop::sample::select(vec!["", "/concordat-map"]),
    ) {
        let vocabulary = vocabulary();
        let full = format!("{base}{path}");
        let (state, _) = ViewState::from_url(&full, &format!("?{query}"), base, &vocabulary);
        // An unknown page has no address of its own (it is answered, not linked to).
        prop_assume!(!matches!(state.route, Route::NotFound(_)));
        let url = state.to_url(base, &vocabulary);
        let (again_path, again_query) = url.split_once('?').unwrap_or((&url, ""));
        let (again, notes) =
            ViewState::from_url(again_path, &format!("?{again_query}"), base, &vocabulary);
        prop_assert_eq!(&again, &state, "{} -> {}", full, url);
        prop_assert!(notes.is_empty(), "{} -> {}: {:?}", full, url, notes);
    }

    #[test]
    fn any_text_as_an_address_is_read_without_panic(path in ".{0,30}", query in ".{0,60}") {
        let _ = ViewState::from_url(&path, &query, "", &vocabulary());
    }

    #[test]
    fn dates_are_read_and_valid_ones_written_back(
        text in ".{0,12}",
        year in 1000u16..3000,
        month in 1u8..=12,
        day in 1u8..=31,
    ) {
        let _ = text.parse::<PartialDate>();
        let _ = timeline::parse_at(&text);
        for written in [format!("{year}"), format!("{year}-{month:02}"), format!("{year}-{month:02}-{day:02}")] {
            if let Ok(date) = written.parse::<PartialDate>() {
                prop_assert_eq!(date.to_string(), written);
            } else {
                // Only a day past its month's end is refused.
                prop_assert!(day > 28 && written.len() == 10, "{} refused", written);
            }
        }
    }

    #[test]
    fn host_commands_of_any_shape_are_answered_or_refused(command in json(), text in ".{0,30}") {
        let vocabulary = vocabulary();
        let areas = ["E10000030", "E10000016"];
        let _ = embed::parse_command(&command, &vocabulary, &areas);
        let _ = embed::parse_command_text(&text, &vocabulary, &areas);
        let _ = embed::parse_command_text(&command.to_string(), &vocabulary, &areas);
    }

    #[test]
    fn a_dataset_altered_anywhere_is_read_or_refused(
        path in prop::collection::vec(any::<usize>(), 1..5),
        new in prop::option::of(json()),
    ) {
        let text = mutated(DATASET, &path, new);
        let _ = dataset::parse(&text);
        let _ = model::from_texts(ATLAS, &text);
    }

    #[test]
    fn a_dataset_or_atlas_cut_short_is_refused(cut in any::<prop::sample::Index>()) {
        let (data, atlas) = (DATASET, ATLAS);
        let short = |text: &'static str| {
            let end = text.floor_char_boundary(cut.index(text.trim_end().len()));
            text.get(..end).unwrap_or("")
        };
        prop_assert!(model::from_texts(atlas, short(data)).is_err());
        prop_assert!(model::from_texts(short(atlas), data).is_err());
    }

    #[test]
    fn an_atlas_altered_anywhere_is_read_or_refused(
        path in prop::collection::vec(any::<usize>(), 1..6),
        new in prop::option::of(json()),
    ) {
        let text = mutated(ATLAS, &path, new);
        let _ = atlas::Atlas::parse(&text);
        let _ = model::from_texts(&text, DATASET);
    }

    #[test]
    fn places_of_any_shape_are_read_or_refused(places in json(), text in ".{0,12}") {
        let _ = places::Places::parse(&places.to_string());
        let wrapped = serde_json::json!({ "places": [places.clone()], "postcodes": [places] });
        let _ = places::Places::parse(&wrapped.to_string());
        let _ = places::outward_code(&text);
    }

    #[test]
    fn impossible_orders_are_those_a_pairwise_search_finds(
        events in prop::collection::vec(
            (
                0usize..3,
                prop::collection::vec(0usize..3, 1..3),
                0u16..20,
                any::<bool>(),
                // Bound or national (left out), one in five each.
                (0u8..5, 0u8..5),
            ),
            0..12,
        ),
    ) {
        let mut data: Dataset = sample();
        let areas: Vec<String> = data.areas.iter().take(3).map(|a| a.code.clone()).collect();
        let statuses: Vec<String> = data.statuses.iter().map(|s| s.id.clone()).collect();
        data.events = events
            .iter()
            .enumerate()
            .map(|(i, (status, codes, month, coarse, (bound, national)))| Event {
                id: format!("e{i}"),
                status: statuses[status % statuses.len()].clone(),
                group: None,
                // Months of 2014-2015, some to the month, some to the day.
                date: Some(
                    if *coarse {
                        format!("{}-{:02}", 2014 + month / 12, 1 + month % 12)
                    } else {
                        format!("{}-{:02}-15", 2014 + month / 12, 1 + month % 12)
                    }
                    .parse()
                    .unwrap(),
                ),
                stated: None,
                bound: *bound == 0,
                national: *national == 0,
                label: None,
                areas: codes.iter().map(|c| areas[c % areas.len()].clone()).collect(),
                sources: vec![data.sources[0].id.clone()],
                locators: Locators::new(),
                note: None,
            })
            .collect();
        let mut expected = Vec::new();
        for (i, later) in data.events.iter().enumerate() {
            for (j, earlier) in data.events.iter().enumerate() {
                let rank = |e: &Event| data.status_index(&e.status).unwrap();
                let (a, b) = (later.date.unwrap(), earlier.date.unwrap());
                let checked = |e: &Event| !e.bound && !e.national;
                if checked(later)
                    && checked(earlier)
                    && rank(later) > rank(earlier)
                    && rank(earlier) > 0
                    && a.latest() < b.earliest()
                    && later.areas.iter().any(|c| earlier.areas.contains(c))
                {
                    expected.push(format!("concordat.json: events[{i}].date"));
                    expected.push(format!("events[{j}]"));
                }
            }
        }
        let found: Vec<String> = dataset::validate(&data)
            .iter()
            .filter(|p| p.message.contains(" is before "))
            .flat_map(|p| {
                let j = p.message.rsplit(", ").next().unwrap_or("").trim_end_matches(')');
                [p.place.clone(), j.to_string()]
            })
            .collect();
        // Each event's problems in an order of their own: compared as pairs.
        let pairs = |list: Vec<String>| {
            let mut pairs: Vec<(String, String)> =
                list.chunks(2).map(|p| (p[0].clone(), p[1].clone())).collect();
            pairs.sort();
            pairs
        };
        prop_assert_eq!(pairs(found), pairs(expected));
    }
}
