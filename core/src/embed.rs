//! Embedding the map in another site's page: the options an iframe's URL
//! carries (`embed=1`, `controls=`, `title=`, the frame's id), the messages
//! the map sends its host (its height, in the formats Datawrapper and pym.js
//! hosts already listen to; what the visitor chose) and the commands it
//! accepts from its host, validated strictly. Everything here is text in,
//! text out: the browser side only posts and receives.

use crate::date::PartialDate;
use crate::filters::{Filter, Filters, Vocabulary};
use crate::query;
use serde_json::{Value, json};

/// A part of the page an embedder can ask for; the map itself is always there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Search,
    Filters,
    Legend,
    Table,
    /// The date control (shown once the map has one).
    Timeline,
    Panel,
    /// The downloads (rows, pictures) and "Print this area".
    Download,
}

impl Control {
    pub const ALL: [Control; 7] = [
        Control::Search,
        Control::Filters,
        Control::Legend,
        Control::Table,
        Control::Timeline,
        Control::Panel,
        Control::Download,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Control::Search => "search",
            Control::Filters => "filters",
            Control::Legend => "legend",
            Control::Table => "table",
            Control::Timeline => "timeline",
            Control::Panel => "panel",
            Control::Download => "download",
        }
    }
}

/// Whether a part of the page shows: every part on the full page (no
/// embed), only the chosen ones in an embed.
pub fn shows(embed: Option<&Embed>, control: Control) -> bool {
    embed.is_none_or(|e| e.shows(control))
}

/// Without `controls=`: the legend to read the map, the panel to read an area.
pub const DEFAULT_CONTROLS: [Control; 2] = [Control::Legend, Control::Panel];
/// A title longer than this (in characters) is cut, with an ellipsis.
pub const TITLE_MAX: usize = 80;
/// The frame's id when the host gives none: what height messages are keyed by.
pub const DEFAULT_ID: &str = "concordat-map";

/// Embed mode and its options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// In `Control::ALL` order, once each.
    pub controls: Vec<Control>,
    /// Plain text, shown as text only.
    pub title: Option<String>,
    /// The frame's id for height messages, and the parameter it came in
    /// (`childId`, as pym.js sets it, or `id`), so that it is written back so.
    pub id: Option<(String, String)>,
}

impl Default for Embed {
    fn default() -> Self {
        Embed {
            controls: DEFAULT_CONTROLS.to_vec(),
            title: None,
            id: None,
        }
    }
}

/// The query parameters embedding reads.
pub const KEYS: [&str; 5] = ["embed", "controls", "title", "childId", "id"];

/// A title as text: control characters and runs of white space become one
/// space; at most `TITLE_MAX` characters.
pub fn clean_title(raw: &str) -> (String, bool) {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    let text = words.join(" ");
    match text.char_indices().nth(TITLE_MAX - 1) {
        Some((end, _)) if text.chars().count() > TITLE_MAX => {
            (format!("{}…", text[..end].trim_end()), true)
        }
        _ => (text, false),
    }
}

fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Embed {
    pub fn shows(&self, control: Control) -> bool {
        self.controls.contains(&control)
    }

    /// The id height messages are keyed by.
    pub fn frame_id(&self) -> &str {
        self.id.as_ref().map_or(DEFAULT_ID, |(_, id)| id.as_str())
    }

    /// Embed mode as `pairs` ask for it (None: the full page), with a note
    /// for every option not understood.
    pub fn from_pairs(pairs: &[(String, String)]) -> (Option<Embed>, Vec<String>) {
        let mut notes = Vec::new();
        let value = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v);
        let on = match value("embed").map(|v| v.trim().to_ascii_lowercase()) {
            None => false,
            Some(v) if ["1", "true", "yes", ""].contains(&v.as_str()) => true,
            Some(v) if ["0", "false", "no"].contains(&v.as_str()) => false,
            Some(v) => {
                notes.push(format!("Unknown embed value {} ignored.", query::quote(&v)));
                false
            }
        };
        if !on {
            return (None, notes);
        }
        let mut embed = Embed::default();
        if let Some(list) = value("controls") {
            let mut chosen = [false; Control::ALL.len()];
            for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
                match Control::ALL
                    .iter()
                    .position(|c| c.key().eq_ignore_ascii_case(word))
                {
                    Some(i) => {
                        if let Some(on) = chosen.get_mut(i) {
                            *on = true;
                        }
                    }
                    None => notes.push(format!("Unknown control {} ignored.", query::quote(word))),
                }
            }
            embed.controls = Control::ALL
                .into_iter()
                .zip(chosen)
                .filter(|(_, on)| *on)
                .map(|(c, _)| c)
                .collect();
        }
        if let Some(raw) = value("title") {
            let (title, cut) = clean_title(raw);
            if cut {
                notes.push(format!(
                    "The title was shortened to {TITLE_MAX} characters."
                ));
            }
            embed.title = (!title.is_empty()).then_some(title);
        }
        for key in ["childId", "id"] {
            if let Some(id) = value(key) {
                if valid_id(id) {
                    embed.id = Some((key.to_string(), id.clone()));
                    break;
                }
                notes.push(format!(
                    "Frame id {} ignored: up to 64 letters, digits, - or _.",
                    query::quote(id)
                ));
            }
        }
        (Some(embed), notes)
    }

    /// The query pairs that say this embed mode, values encoded.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        let mut pairs = vec![("embed".to_string(), "1".to_string())];
        if self.controls != DEFAULT_CONTROLS {
            let keys: Vec<&str> = self.controls.iter().map(|c| c.key()).collect();
            pairs.push(("controls".into(), keys.join(",")));
        }
        if let Some(title) = &self.title {
            pairs.push(("title".into(), query::encode(title)));
        }
        if let Some((key, id)) = &self.id {
            pairs.push((key.clone(), query::encode(id)));
        }
        pairs
    }
}

/// The two height messages, for an iframe `id` whose content is `px` tall:
/// Datawrapper's object (as JSON text) and pym.js's string.
pub fn height_messages(id: &str, px: u32) -> (String, String) {
    let datawrapper = json!({ "datawrapper-height": { id: px } }).to_string();
    (datawrapper, format!("pymxPYMx{id}xPYMxheightxPYMx{px}"))
}

/// `{"type": "concordat-map:select", "area": "E10000030" or null, "url": …}`.
pub fn select_event(area: Option<&str>, url: &str) -> String {
    json!({ "type": "concordat-map:select", "area": area, "url": url }).to_string()
}

/// `{"type": "concordat-map:filters", "filters": {"region": ["north-west"], …}, "url": …}`.
pub fn filters_event(filters: &Filters, vocabulary: &Vocabulary, url: &str) -> String {
    let mut object = serde_json::Map::new();
    for (key, values) in filters.to_pairs(vocabulary) {
        let list: Vec<String> = values.split(',').map(query::decode).collect();
        object.insert(key, json!(list));
    }
    json!({ "type": "concordat-map:filters", "filters": object, "url": url }).to_string()
}

/// What a host may ask of the map.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open this area (a GSS code the map has), or close the open one.
    Select(Option<String>),
    /// Show exactly these filters.
    Filters(Filters),
    /// Show the map at this date.
    At(PartialDate),
    /// Say again how tall the map is (a frame sizer that arrived late asks).
    Height,
}

/// At most this many characters in any string of a command, and this many
/// values in a list: a command is small.
const MAX_TEXT: usize = 200;
const MAX_VALUES: usize = 50;

fn text_of(value: &Value, what: &str) -> Result<String, String> {
    match value.as_str() {
        Some(s) if s.chars().count() <= MAX_TEXT => Ok(s.to_string()),
        Some(_) => Err(format!("{what} is too long")),
        None => Err(format!("{what} is not a string")),
    }
}

fn only_keys(object: &serde_json::Map<String, Value>, allowed: &[&str]) -> Result<(), String> {
    match object.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(key) => Err(format!("unexpected field {}", query::quote(key))),
        None => Ok(()),
    }
}

/// A host's message as a command, if it is one and every part of it is
/// valid: its fields exactly those of its type, its area one of `areas`,
/// every filter value one the map knows, its date a real date. Anything
/// else is refused whole, with the reason (for a debug line only).
pub fn parse_command(
    data: &Value,
    vocabulary: &Vocabulary,
    areas: &[&str],
) -> Result<Command, String> {
    let object = data.as_object().ok_or("not an object")?;
    let kind = text_of(object.get("type").ok_or("no type")?, "type")?;
    match kind.as_str() {
        "concordat-map:select" => {
            only_keys(object, &["type", "area"])?;
            match object.get("area") {
                None => Err("no area (null closes the open one)".into()),
                Some(Value::Null) => Ok(Command::Select(None)),
                Some(value) => {
                    let code = text_of(value, "area")?;
                    areas
                        .iter()
                        .find(|a| a.eq_ignore_ascii_case(&code))
                        .map(|a| Command::Select(Some(a.to_string())))
                        .ok_or_else(|| format!("no area {}", query::quote(&code)))
                }
            }
        }
        "concordat-map:filters" => {
            only_keys(object, &["type", "filters"])?;
            let given = match object.get("filters") {
                None => return Err("no filters (null or {} clears them)".into()),
                Some(Value::Null) => return Ok(Command::Filters(Filters::default())),
                Some(value) => value.as_object().ok_or("filters is not an object")?,
            };
            let keys: Vec<&str> = Filter::ALL.iter().map(|f| f.key()).collect();
            only_keys(given, &keys)?;
            let mut pairs = Vec::new();
            for (key, value) in given {
                let values: Vec<&Value> = match value {
                    Value::Array(list) if list.len() <= MAX_VALUES => list.iter().collect(),
                    Value::Array(_) => return Err(format!("too many values for {key}")),
                    other => vec![other],
                };
                for value in values {
                    pairs.push((key.clone(), text_of(value, key)?));
                }
            }
            let (filters, notes) = Filters::from_pairs(&pairs, vocabulary);
            match notes.first() {
                Some(note) => Err(note.clone()),
                None => Ok(Command::Filters(filters)),
            }
        }
        "concordat-map:height" => {
            only_keys(object, &["type"])?;
            Ok(Command::Height)
        }
        "concordat-map:at" => {
            only_keys(object, &["type", "at"])?;
            let at = text_of(object.get("at").ok_or("no date")?, "at")?;
            at.parse::<PartialDate>()
                .map(Command::At)
                .map_err(|e| format!("bad date: {e}"))
        }
        other => Err(format!("unknown type {}", query::quote(other))),
    }
}

/// The height in a Datawrapper height message (JSON text), whatever its id:
/// how the embed page sizes its own preview.
pub fn height_in(text: &str) -> Option<u32> {
    let value: Value = serde_json::from_str(text).ok()?;
    let heights = value.get("datawrapper-height")?.as_object()?;
    let px = heights.values().next()?.as_u64()?;
    u32::try_from(px).ok().filter(|px| (1..20_000).contains(px))
}

/// `parse_command` of a message received as JSON text.
pub fn parse_command_text(
    text: &str,
    vocabulary: &Vocabulary,
    areas: &[&str],
) -> Result<Command, String> {
    let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    parse_command(&value, vocabulary, areas)
}

/// Escapes text for an HTML attribute value in double quotes.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The HTML a host pastes: the iframe (with a title for screen readers,
/// loaded lazily, and allowed the reader's location where `locate`, for the
/// search's "Use my location"), and, if `script` is given, the line that
/// sizes it.
pub fn snippet(
    map_url: &str,
    title: &str,
    height: u32,
    script: Option<&str>,
    locate: bool,
) -> String {
    let frame = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" \
         style=\"border:0\"{} data-concordat-map></iframe>",
        attribute(map_url),
        attribute(title),
        if locate { " allow=\"geolocation\"" } else { "" }
    );
    match script {
        Some(src) => format!(
            "{frame}\n<script src=\"{}\" async></script>",
            attribute(src)
        ),
        None => frame,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filters::tests::vocabulary;

    fn read(q: &str) -> (Option<Embed>, Vec<String>) {
        Embed::from_pairs(&query::parse(q))
    }

    #[test]
    fn embed_options_read_and_round_trip() {
        let (embed, notes) =
            read("embed=1&controls=Legend, table ,panel&title=North+West&childId=map-1");
        assert!(notes.is_empty(), "{notes:?}");
        let embed = embed.unwrap();
        assert_eq!(
            embed.controls,
            [Control::Legend, Control::Table, Control::Panel]
        );
        assert_eq!(embed.title.as_deref(), Some("North West"));
        assert_eq!(embed.frame_id(), "map-1");
        let written = query::build(&embed.to_pairs());
        assert_eq!(
            written,
            "?embed=1&controls=legend,table,panel&title=North%20West&childId=map-1"
        );
        assert_eq!(read(&written).0, Some(embed));
        // Defaults: legend and panel, the default id; not embedded without embed=.
        let (plain, _) = read("embed=true");
        assert_eq!(plain, Some(Embed::default()));
        assert_eq!(query::build(&Embed::default().to_pairs()), "?embed=1");
        assert_eq!(Embed::default().frame_id(), DEFAULT_ID);
        assert_eq!(read("title=x&controls=search").0, None);
        assert_eq!(read("embed=0").0, None);
        // An empty list is a bare map.
        assert!(read("embed=1&controls=").0.unwrap().controls.is_empty());
    }

    #[test]
    fn bad_options_are_noted_and_dropped() {
        let (embed, notes) = read("embed=1&controls=legend,chart,%3Cb%3E&id=bad%20id!");
        let embed = embed.unwrap();
        assert_eq!(embed.controls, [Control::Legend]);
        assert_eq!(embed.id, None);
        assert_eq!(
            notes,
            [
                "Unknown control ‘chart’ ignored.",
                "Unknown control ‘<b>’ ignored.",
                "Frame id ‘bad id!’ ignored: up to 64 letters, digits, - or _."
            ]
        );
        let (_, notes) = read("embed=maybe");
        assert_eq!(notes, ["Unknown embed value ‘maybe’ ignored."]);
        // A title is text: one line, at most 80 characters.
        let long = format!(
            "embed=1&title={}",
            "<img src=x onerror=alert(1)> ".repeat(10)
        );
        let (embed, notes) = read(&long);
        let title = embed.unwrap().title.unwrap();
        assert!(title.chars().count() <= TITLE_MAX);
        assert!(title.starts_with("<img src=x onerror=alert(1)> <img"));
        assert!(title.ends_with('…'));
        assert_eq!(notes, ["The title was shortened to 80 characters."]);
        let (embed, _) = read("embed=1&title=%0A%09Two%0D%0Alines%00");
        assert_eq!(embed.unwrap().title.as_deref(), Some("Two lines"));
        let (embed, _) = read(&format!("embed=1&childId={}", "a".repeat(65)));
        assert_eq!(embed.unwrap().id, None);
    }

    #[test]
    fn messages_are_in_the_formats_hosts_listen_to() {
        let (datawrapper, pym) = height_messages("map-1", 612);
        assert_eq!(datawrapper, r#"{"datawrapper-height":{"map-1":612}}"#);
        assert_eq!(pym, "pymxPYMxmap-1xPYMxheightxPYMx612");
        let event: Value =
            serde_json::from_str(&select_event(Some("E10000030"), "https://x/area/E10000030"))
                .unwrap();
        assert_eq!(event["type"], "concordat-map:select");
        assert_eq!(event["area"], "E10000030");
        assert_eq!(
            serde_json::from_str::<Value>(&select_event(None, "u")).unwrap()["area"],
            Value::Null
        );
        let v = vocabulary();
        let (f, _) = Filters::from_pairs(&query::parse("region=E12000008&status=plan,none"), &v);
        let event: Value = serde_json::from_str(&filters_event(&f, &v, "u")).unwrap();
        assert_eq!(event["filters"]["region"][0], v.regions[0].key);
        assert_eq!(event["filters"]["status"], json!(["none", "plan"]));
    }

    #[test]
    fn host_commands_are_validated_strictly() {
        let v = vocabulary();
        let areas = ["E10000030", "E10000016"];
        let parse = |text: &str| parse_command(&serde_json::from_str(text).unwrap(), &v, &areas);
        assert_eq!(
            parse(r#"{"type":"concordat-map:select","area":"e10000016"}"#),
            Ok(Command::Select(Some("E10000016".into())))
        );
        assert_eq!(
            parse(r#"{"type":"concordat-map:select","area":null}"#),
            Ok(Command::Select(None))
        );
        let (expected, _) = Filters::from_pairs(&query::parse("region=south-east&status=plan"), &v);
        assert_eq!(
            parse(
                r#"{"type":"concordat-map:filters","filters":{"region":"south-east","status":["plan"]}}"#
            ),
            Ok(Command::Filters(expected))
        );
        assert_eq!(
            parse(r#"{"type":"concordat-map:filters","filters":{}}"#),
            Ok(Command::Filters(Filters::default()))
        );
        assert!(matches!(
            parse(r#"{"type":"concordat-map:at","at":"2014-11-30"}"#),
            Ok(Command::At(_))
        ));
        for bad in [
            r#""concordat-map:select""#,
            r#"[1,2]"#,
            r#"{"area":"E10000016"}"#,
            r#"{"type":"concordat-map:select"}"#,
            r#"{"type":"concordat-map:filters"}"#,
            r#"{"type":"concordat-map:height","now":true}"#,
            r#"{"type":"concordat-map:select","area":"E99999999"}"#,
            r#"{"type":"concordat-map:select","area":7}"#,
            r#"{"type":"concordat-map:select","area":"E10000016","extra":1}"#,
            r#"{"type":"concordat-map:filters","filters":{"region":"atlantis"}}"#,
            r#"{"type":"concordat-map:filters","filters":{"colour":"red"}}"#,
            r#"{"type":"concordat-map:filters","filters":{"status":[1]}}"#,
            r#"{"type":"concordat-map:filters","filters":"status=plan"}"#,
            r#"{"type":"concordat-map:at","at":"2014-13-01"}"#,
            r#"{"type":"concordat-map:launch"}"#,
        ] {
            assert!(parse(bad).is_err(), "{bad} was accepted");
        }
        let long = format!(
            r#"{{"type":"concordat-map:select","area":"{}"}}"#,
            "E".repeat(500)
        );
        assert_eq!(parse(&long), Err("area is too long".into()));
        let many = format!(
            r#"{{"type":"concordat-map:filters","filters":{{"status":[{}]}}}}"#,
            vec!["\"plan\""; 51].join(",")
        );
        assert!(parse(&many).is_err());
    }

    #[test]
    fn a_height_message_reads_back() {
        let (datawrapper, _) = height_messages("x", 640);
        assert_eq!(height_in(&datawrapper), Some(640));
        assert_eq!(height_in(r#"{"datawrapper-height":{"x":0}}"#), None);
        assert_eq!(height_in(r#"{"type":"concordat-map:select"}"#), None);
        assert_eq!(height_in("not json"), None);
    }

    #[test]
    fn the_snippet_escapes_what_it_quotes() {
        let html = snippet(
            "https://maps.example/?embed=1&title=A%20%22B%22",
            "Map: \"North\" <West> & more",
            600,
            Some("https://maps.example/embed.js"),
            false,
        );
        assert_eq!(
            html,
            "<iframe src=\"https://maps.example/?embed=1&amp;title=A%20%22B%22\" \
             title=\"Map: &quot;North&quot; &lt;West&gt; &amp; more\" width=\"100%\" height=\"600\" \
             loading=\"lazy\" style=\"border:0\" data-concordat-map></iframe>\n\
             <script src=\"https://maps.example/embed.js\" async></script>"
        );
        assert!(!snippet("u", "t", 400, None, false).contains("<script"));
        // With the search, the frame may ask for the reader's location.
        assert!(
            snippet("u", "t", 400, None, true)
                .contains(" style=\"border:0\" allow=\"geolocation\" data-concordat-map>")
        );
        assert!(!snippet("u", "t", 400, None, false).contains("allow="));
    }
}
