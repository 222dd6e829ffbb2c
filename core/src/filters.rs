//! Which areas a campaigner wants to see, as the URL says it: by region,
//! status, plan theme, and a kind of signatory recorded or not recorded.
//! One `Filters` value, read from and written back to query pairs; values
//! the dataset does not know are ignored with a note, never a blank map.
//!
//! Within `region` and `status` any listed value matches (an area has one
//! of each); `theme`, `has` and `lacks` each narrow further, so every listed
//! value must hold. Different parameters combine with AND.

use crate::dataset::Dataset;
use crate::query::{self, slug};

/// One value a filter can take: its id as written in the URL, its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    pub id: String,
    pub label: String,
    /// What the URL says for it (a region's slug; otherwise the id).
    pub key: String,
}

/// Everything a filter can name, in the dataset's order: the order values
/// are written back in, so that one view has one URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Vocabulary {
    pub regions: Vec<Term>,
    pub statuses: Vec<Term>,
    /// With the id of the focus area each theme sits under.
    pub themes: Vec<(Term, String)>,
    pub kinds: Vec<Term>,
}

impl Vocabulary {
    pub fn from_dataset(data: &Dataset) -> Vocabulary {
        let term = |id: &str, label: &str| Term {
            id: id.to_string(),
            label: label.to_string(),
            key: id.to_string(),
        };
        Vocabulary {
            regions: data
                .regions
                .iter()
                .map(|r| Term {
                    id: r.code.clone(),
                    label: r.name.clone(),
                    key: slug(&r.name),
                })
                .collect(),
            statuses: data
                .statuses
                .iter()
                .map(|s| term(&s.id, &s.label))
                .collect(),
            themes: data
                .themes
                .iter()
                .map(|t| (term(&t.id, &t.label), t.focus_area.clone()))
                .collect(),
            kinds: data
                .signatory_kinds
                .iter()
                .map(|k| term(&k.id, &k.label))
                .collect(),
        }
    }

    fn terms(&self, filter: Filter) -> Vec<&Term> {
        match filter {
            Filter::Region => self.regions.iter().collect(),
            Filter::Status => self.statuses.iter().collect(),
            Filter::Theme => self.themes.iter().map(|(t, _)| t).collect(),
            Filter::Has | Filter::Lacks => self.kinds.iter().collect(),
        }
    }

    /// The label of the value `id` of `filter`, or the id itself.
    pub fn label(&self, filter: Filter, id: &str) -> String {
        self.terms(filter)
            .into_iter()
            .find(|t| t.id == id)
            .map_or_else(|| id.to_string(), |t| t.label.clone())
    }
}

/// `street_triage`, `Street-Triage` and `street-triage` are one value.
fn normalise(value: &str) -> String {
    value.trim().to_lowercase().replace('_', "-")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    Region,
    Status,
    Theme,
    Has,
    Lacks,
}

impl Filter {
    pub const ALL: [Filter; 5] = [
        Filter::Region,
        Filter::Status,
        Filter::Theme,
        Filter::Has,
        Filter::Lacks,
    ];

    /// The query parameter.
    pub fn key(self) -> &'static str {
        match self {
            Filter::Region => "region",
            Filter::Status => "status",
            Filter::Theme => "theme",
            Filter::Has => "has",
            Filter::Lacks => "lacks",
        }
    }

    /// What a value of it is, in a note about one that was not understood.
    fn noun(self) -> &'static str {
        match self {
            Filter::Region => "region",
            Filter::Status => "status",
            Filter::Theme => "theme",
            Filter::Has | Filter::Lacks => "signatory kind",
        }
    }
}

/// What the URL asks to see. Each list holds known ids, in vocabulary order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filters {
    /// Region codes (E12…).
    pub regions: Vec<String>,
    pub statuses: Vec<String>,
    pub themes: Vec<String>,
    /// Signatory kinds that must be recorded.
    pub has: Vec<String>,
    /// Signatory kinds that must not be recorded.
    pub lacks: Vec<String>,
}

/// What filtering needs to know of one area, built once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaFacts {
    pub region_code: Option<String>,
    /// Themes recorded for the area's groups (and so for their parent groups).
    pub themes: Vec<String>,
    /// Kinds of the signatories recorded for the area's groups.
    pub kinds: Vec<String>,
}

/// At most this many notes about ignored values; the rest are counted.
const MAX_NOTES: usize = 5;

impl Filters {
    pub fn list(&self, filter: Filter) -> &Vec<String> {
        match filter {
            Filter::Region => &self.regions,
            Filter::Status => &self.statuses,
            Filter::Theme => &self.themes,
            Filter::Has => &self.has,
            Filter::Lacks => &self.lacks,
        }
    }

    pub fn list_mut(&mut self, filter: Filter) -> &mut Vec<String> {
        match filter {
            Filter::Region => &mut self.regions,
            Filter::Status => &mut self.statuses,
            Filter::Theme => &mut self.themes,
            Filter::Has => &mut self.has,
            Filter::Lacks => &mut self.lacks,
        }
    }

    pub fn is_empty(&self) -> bool {
        Filter::ALL.iter().all(|&f| self.list(f).is_empty())
    }

    /// Adds `id` to `filter` (or takes it away, if there), keeping the
    /// vocabulary's order.
    pub fn toggle(&mut self, filter: Filter, id: &str, vocabulary: &Vocabulary) {
        let list = self.list_mut(filter);
        if let Some(at) = list.iter().position(|v| v == id) {
            list.remove(at);
        } else {
            list.push(id.to_string());
        }
        let order: Vec<&str> = vocabulary
            .terms(filter)
            .into_iter()
            .map(|t| t.id.as_str())
            .collect();
        list.sort_by_key(|v| order.iter().position(|o| o == v));
    }

    /// The filters in `pairs` (repeated or comma-separated values), with a
    /// note for each value that is not understood. Other parameters are not
    /// looked at.
    pub fn from_pairs(
        pairs: &[(String, String)],
        vocabulary: &Vocabulary,
    ) -> (Filters, Vec<String>) {
        let mut filters = Filters::default();
        let mut notes = Vec::new();
        let mut unknown = 0;
        for filter in Filter::ALL {
            let terms = vocabulary.terms(filter);
            let mut found = vec![false; terms.len()];
            let values = pairs
                .iter()
                .filter(|(key, _)| key == filter.key())
                .flat_map(|(_, value)| value.split(','))
                .filter(|v| !v.trim().is_empty());
            for value in values {
                let wanted = normalise(value);
                let hit = terms
                    .iter()
                    .position(|t| normalise(&t.key) == wanted || normalise(&t.id) == wanted);
                match hit {
                    Some(i) => {
                        if let Some(seen) = found.get_mut(i) {
                            *seen = true;
                        }
                    }
                    None => {
                        unknown += 1;
                        if notes.len() < MAX_NOTES {
                            notes.push(format!(
                                "Unknown {} {} ignored.",
                                filter.noun(),
                                query::quote(value.trim())
                            ));
                        }
                    }
                }
            }
            *filters.list_mut(filter) = terms
                .iter()
                .zip(found)
                .filter(|(_, f)| *f)
                .map(|(t, _)| t.id.clone())
                .collect();
        }
        if unknown > MAX_NOTES {
            notes.push(format!(
                "{} more unknown values ignored.",
                unknown - MAX_NOTES
            ));
        }
        (filters, notes)
    }

    /// The query pairs that say these filters, in a fixed order.
    pub fn to_pairs(&self, vocabulary: &Vocabulary) -> Vec<(String, String)> {
        Filter::ALL
            .iter()
            .filter(|f| !self.list(**f).is_empty())
            .map(|&f| {
                let terms = vocabulary.terms(f);
                let values: Vec<String> = self
                    .list(f)
                    .iter()
                    .map(|id| {
                        let key = terms.iter().find(|t| &t.id == id).map_or(id, |t| &t.key);
                        query::encode(key)
                    })
                    .collect();
                (f.key().to_string(), values.join(","))
            })
            .collect()
    }

    /// Whether an area with these facts and this status is shown.
    pub fn matches(&self, facts: &AreaFacts, status_id: &str) -> bool {
        (self.regions.is_empty()
            || facts
                .region_code
                .as_ref()
                .is_some_and(|r| self.regions.contains(r)))
            && (self.statuses.is_empty() || self.statuses.iter().any(|s| s == status_id))
            && self.themes.iter().all(|t| facts.themes.contains(t))
            && self.has.iter().all(|k| facts.kinds.contains(k))
            && !self.lacks.iter().any(|k| facts.kinds.contains(k))
    }

    /// The same filters but for status: what the legend counts against.
    pub fn without(&self, filter: Filter) -> Filters {
        let mut rest = self.clone();
        rest.list_mut(filter).clear();
        rest
    }

    /// Each filter in words, for the summary: "North West", "action plan
    /// agreed", "no police force recorded". Lists may be partial, so a kind
    /// is "recorded" or "not recorded", never "signed" or "did not sign".
    pub fn describe(&self, vocabulary: &Vocabulary) -> Vec<String> {
        let labels = |f: Filter| -> Vec<String> {
            self.list(f)
                .iter()
                .map(|id| vocabulary.label(f, id))
                .collect()
        };
        let lower = |text: String| match text.chars().next() {
            // Keep acronyms and names as they are: only "Action" -> "action".
            Some(first) if text.chars().nth(1).is_some_and(char::is_lowercase) => {
                first.to_lowercase().chain(text.chars().skip(1)).collect()
            }
            _ => text,
        };
        let mut parts = Vec::new();
        if !self.regions.is_empty() {
            parts.push(labels(Filter::Region).join(" or "));
        }
        if !self.statuses.is_empty() {
            let words: Vec<String> = labels(Filter::Status).into_iter().map(lower).collect();
            parts.push(words.join(" or "));
        }
        for theme in labels(Filter::Theme) {
            parts.push(format!("theme: {}", lower(theme)));
        }
        for kind in labels(Filter::Has) {
            parts.push(format!("{} recorded", lower(kind)));
        }
        for kind in labels(Filter::Lacks) {
            parts.push(format!("no {} recorded", lower(kind)));
        }
        parts
    }

    /// A file name stem that names the filters: `concordat-north-west-plan`.
    pub fn file_stem(&self, vocabulary: &Vocabulary) -> String {
        const MAX: usize = 100;
        let mut words = vec!["concordat".to_string()];
        for f in Filter::ALL {
            for id in self.list(f) {
                let key = vocabulary
                    .terms(f)
                    .into_iter()
                    .find(|t| &t.id == id)
                    .map_or(id.as_str(), |t| t.key.as_str());
                let key = slug(key);
                words.push(match f {
                    Filter::Has => format!("with-{key}"),
                    Filter::Lacks => format!("without-{key}"),
                    _ => key,
                });
            }
        }
        if words.len() == 1 {
            words.push("all-areas".into());
        }
        let mut stem = words.join("-");
        if let Some((end, _)) = stem.char_indices().nth(MAX) {
            stem.truncate(end);
        }
        stem.trim_end_matches('-').to_string()
    }
}

#[cfg(test)]
pub mod tests {
    use super::*;
    use crate::dataset;

    pub fn vocabulary() -> Vocabulary {
        Vocabulary::from_dataset(&dataset::tests::sample())
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn parse(query: &str) -> (Filters, Vec<String>) {
        Filters::from_pairs(&query::parse(query), &vocabulary())
    }

    #[test]
    fn reads_codes_slugs_ids_repeated_and_comma_separated() {
        let v = vocabulary();
        let south_east = v.regions[0].clone();
        let (f, notes) = parse(&format!(
            "region={}&status=plan,declared&status=plan&theme=Street-Triage&has=police&lacks=voluntary-sector",
            south_east.key
        ));
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(f.regions, std::slice::from_ref(&south_east.id));
        // In the dataset's order, once each.
        assert_eq!(f.statuses, ["declared", "plan"]);
        assert_eq!(f.themes, ["street_triage"]);
        assert_eq!(f.has, ["police"]);
        assert_eq!(f.lacks, ["voluntary_sector"]);
        let (by_code, _) = parse(&format!("region={}", south_east.id.to_lowercase()));
        assert_eq!(by_code.regions, f.regions);
    }

    #[test]
    fn round_trips_through_the_query_string() {
        let v = vocabulary();
        let (f, _) = parse("lacks=police&status=plan,none&theme=street_triage&region=E12000008");
        let written = query::build(&f.to_pairs(&v));
        assert_eq!(
            written,
            format!(
                "?region={}&status=none,plan&theme=street_triage&lacks=police",
                v.regions[0].key
            )
        );
        assert_eq!(parse(&written), (f, Vec::new()));
        assert_eq!(query::build(&Filters::default().to_pairs(&v)), "");
    }

    #[test]
    fn unknown_empty_and_junk_values_are_ignored_with_a_note() {
        let (f, notes) =
            parse("region=nort-west&status=&status=,,&theme=%3Cscript%3E&has=polic&x=1");
        assert!(f.is_empty());
        assert_eq!(
            notes,
            [
                "Unknown region ‘nort-west’ ignored.",
                "Unknown theme ‘<script>’ ignored.",
                "Unknown signatory kind ‘polic’ ignored."
            ]
        );
        let many = (0..100)
            .map(|i| format!("region=r{i}"))
            .collect::<Vec<_>>()
            .join("&");
        let (_, notes) = parse(&many);
        assert_eq!(notes.len(), MAX_NOTES + 1);
        assert_eq!(notes[MAX_NOTES], "95 more unknown values ignored.");
        let huge = format!("region={}", "x".repeat(10_000));
        let (_, notes) = parse(&huge);
        assert!(notes[0].len() < 80, "{}", notes[0]);
        let (f, _) = Filters::from_pairs(&pairs(&[("status", "plan")]), &Vocabulary::default());
        assert!(f.is_empty(), "nothing is known without a vocabulary");
    }

    #[test]
    fn matching_ands_the_filters_and_ors_regions_and_statuses() {
        let facts = AreaFacts {
            region_code: Some("E12000008".into()),
            themes: vec!["street_triage".into()],
            kinds: vec!["police".into(), "local_authority".into()],
        };
        let f = |query: &str| parse(query).0;
        assert!(Filters::default().matches(&facts, "plan"));
        assert!(f("region=E12000008,E12000009&status=plan,declared").matches(&facts, "plan"));
        assert!(!f("region=E12000009").matches(&facts, "plan"));
        assert!(!f("status=declared").matches(&facts, "plan"));
        assert!(f("theme=street_triage&has=police").matches(&facts, "plan"));
        assert!(!f("theme=street_triage,crisis_line").matches(&facts, "plan"));
        assert!(!f("lacks=police").matches(&facts, "plan"));
        assert!(f("lacks=voluntary_sector").matches(&facts, "plan"));
        let nowhere = AreaFacts::default();
        assert!(!f("region=E12000008").matches(&nowhere, "plan"));
        assert!(f("lacks=police").matches(&nowhere, "none"));
    }

    #[test]
    fn says_what_is_shown_honestly_and_names_files_after_it() {
        let v = vocabulary();
        let (f, _) = parse("region=E12000008&status=plan&lacks=police&has=local_authority");
        assert_eq!(
            f.describe(&v),
            [
                v.regions[0].label.clone(),
                "action plan agreed".into(),
                "local authority recorded".into(),
                "no police force recorded".into()
            ]
        );
        assert_eq!(
            f.file_stem(&v),
            format!(
                "concordat-{}-plan-with-local-authority-without-police",
                v.regions[0].key
            )
        );
        assert_eq!(Filters::default().file_stem(&v), "concordat-all-areas");
    }

    #[test]
    fn toggling_keeps_one_order() {
        let v = vocabulary();
        let mut f = Filters::default();
        f.toggle(Filter::Status, "plan", &v);
        f.toggle(Filter::Status, "none", &v);
        assert_eq!(f.statuses, ["none", "plan"]);
        f.toggle(Filter::Status, "plan", &v);
        assert_eq!(f.statuses, ["none"]);
        assert_eq!(f.without(Filter::Status), Filters::default());
    }
}
