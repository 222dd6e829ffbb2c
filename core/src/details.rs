//! Everything the panel shows about one area, derived from the dataset:
//! its groups and sibling areas, its history, signatories by kind, and plan
//! themes by focus area. Unknowns stay empty; the view says "Not recorded".

use crate::citation::{Link, cited};
use crate::dataset::{Dataset, Locators, Signed};

#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub name: String,
    /// The wider group's name, for a local group under a shared declaration.
    pub parent: Option<String>,
    /// The group's other areas: (code, name).
    pub siblings: Vec<(String, String)>,
    pub note: Option<String>,
    /// Why its areas are taken to be covered, where no source lists them.
    pub areas_inferred: Option<String>,
    pub sources: Vec<Link>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryItem {
    pub what: String,
    /// None: not recorded.
    pub when: Option<String>,
    pub national: bool,
    /// How the date or the fact is known, where the data says.
    pub note: Option<String>,
    /// The sources of this fact, shown beside it.
    pub sources: Vec<Link>,
    /// The last day the date could mean: to place it before or after the
    /// date the map shows.
    pub day: Option<crate::date::Day>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Named {
    pub label: String,
    pub items: Vec<String>,
    /// Each item's sources, in the same order: shown beside it.
    pub sources: Vec<Vec<Link>>,
    /// A word on each item, in the same order (what a signatory signed).
    pub notes: Vec<Option<&'static str>>,
}

impl Named {
    fn new(label: &str) -> Named {
        Named {
            label: label.to_string(),
            items: Vec::new(),
            sources: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Sets `item`'s note; named by two groups, the first group's word stays.
    fn note(&mut self, item: &str, note: Option<&'static str>) {
        if let Some(at) = self.items.iter().position(|i| i == item) {
            self.notes.resize(self.items.len(), None);
            if let Some(slot) = self.notes.get_mut(at).filter(|n| n.is_none()) {
                *slot = note;
            }
        }
    }

    /// Adds `item` with the sources `ids`, or, if it is there already (named
    /// by a group and its wider group), adds the sources it lacks.
    fn add(&mut self, data: &Dataset, item: &str, ids: &[String], locators: &Locators) {
        let found = cited(data, ids, locators);
        match self.items.iter().position(|i| i == item) {
            Some(at) => {
                let Some(sources) = self.sources.get_mut(at) else {
                    return;
                };
                for link in found {
                    if !sources.contains(&link) {
                        sources.push(link);
                    }
                }
            }
            None => {
                self.items.push(item.to_string());
                self.sources.push(found);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaDetails {
    pub groups: Vec<GroupView>,
    pub history: Vec<HistoryItem>,
    /// Signatories by kind, in the dataset's kind order.
    pub signatories: Vec<Named>,
    /// True only if every group's list is known to be complete.
    pub signatories_complete: bool,
    /// Core agencies with no signatory; only filled when the list is complete.
    pub missing_core: Vec<String>,
    /// Themes by focus area, in the dataset's focus-area order.
    pub themes: Vec<Named>,
}

impl AreaDetails {
    /// Whether anything local is recorded for the area: an event of its
    /// own or its group's, a milestone, a signatory or a theme. Without one,
    /// its status rests only on the national statements.
    pub fn has_local_record(&self) -> bool {
        self.history.iter().any(|h| !h.national)
            || !self.signatories.is_empty()
            || !self.themes.is_empty()
    }

    /// Every source the details cite, `status` (the status's own) first,
    /// each once, in the order first cited and without a fact's locator:
    /// where a printed page lists them, each with its address.
    pub fn all_sources(&self, status: &[Link]) -> Vec<Link> {
        let named = |lists: &[Named]| -> Vec<Link> {
            lists
                .iter()
                .flat_map(|n| n.sources.iter().flatten().cloned())
                .collect()
        };
        let cited = status
            .iter()
            .cloned()
            .chain(self.groups.iter().flat_map(|g| g.sources.iter().cloned()))
            .chain(self.history.iter().flat_map(|h| h.sources.iter().cloned()))
            .chain(named(&self.signatories))
            .chain(named(&self.themes));
        let mut all: Vec<Link> = Vec::new();
        for link in cited {
            if !all.iter().any(|l| l.url == link.url) {
                all.push(Link {
                    locator: None,
                    ..link
                });
            }
        }
        all
    }
}

pub fn details(data: &Dataset, code: &str) -> AreaDetails {
    let groups = data.groups_covering(code);
    let group_ids: Vec<&str> = groups.iter().map(|g| g.id.as_str()).collect();
    let area_name = |c: &str| {
        data.areas
            .iter()
            .find(|a| a.code == c)
            .map_or_else(|| c.to_string(), |a| a.name.clone())
    };

    let mut dated: Vec<(Option<crate::date::Day>, HistoryItem)> = data
        .events
        .iter()
        .filter(|e| data.event_areas(e).iter().any(|a| a == code))
        .map(|e| {
            let status = data.statuses.iter().find(|s| s.id == e.status);
            let what = e
                .label
                .clone()
                .or_else(|| status.map(|s| s.label.clone()))
                .unwrap_or_else(|| e.status.clone());
            let item = HistoryItem {
                what,
                when: e.when(),
                national: e.national,
                note: e.note.clone(),
                sources: cited(data, &e.sources, &e.locators),
                day: e.date.map(|d| d.latest()),
            };
            (e.date.map(|d| d.latest()), item)
        })
        .collect();
    dated.extend(
        data.milestones
            .iter()
            .filter(|m| m.group.as_deref().is_some_and(|g| group_ids.contains(&g)))
            .map(|m| {
                let item = HistoryItem {
                    what: m.text.clone(),
                    when: m.when(),
                    national: false,
                    note: None,
                    sources: cited(data, &m.sources, &m.locators),
                    day: m.date.map(|d| d.latest()),
                };
                (m.date.map(|d| d.latest()), item)
            }),
    );
    // Dated first, in order; undated after, as listed.
    dated.sort_by(|a, b| match (a.0, b.0) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });

    let signatories: Vec<Named> = data
        .signatory_kinds
        .iter()
        .map(|kind| {
            let mut named = Named::new(&kind.label);
            let names = data
                .signatories
                .iter()
                .filter(|s| s.kind == kind.id && group_ids.contains(&s.group.as_str()));
            for s in names {
                named.add(data, &s.name, &s.sources, &s.locators);
                named.note(&s.name, s.signed.map(Signed::words));
            }
            named
        })
        .filter(|n| !n.items.is_empty())
        .collect();
    let signatories_complete = !groups.is_empty() && groups.iter().all(|g| g.signatories_complete);
    let missing_core = if signatories_complete {
        data.signatory_kinds
            .iter()
            .filter(|k| k.core && !signatories.iter().any(|n| n.label == k.label))
            .map(|k| k.label.clone())
            .collect()
    } else {
        Vec::new()
    };

    let themes = data
        .focus_areas
        .iter()
        .map(|focus| {
            let mut named = Named::new(&focus.label);
            let linked = data
                .group_themes
                .iter()
                .filter(|t| group_ids.contains(&t.group.as_str()) && t.in_scope(code))
                .filter_map(|t| {
                    let theme = data.themes.iter().find(|th| th.id == t.theme)?;
                    Some((theme, t))
                })
                .filter(|(th, _)| th.focus_area == focus.id);
            for (theme, link) in linked {
                named.add(data, &theme.label, &link.sources, &link.locators);
            }
            named
        })
        .filter(|n| !n.items.is_empty())
        .collect();

    AreaDetails {
        groups: groups
            .iter()
            .map(|g| GroupView {
                name: g.name.clone(),
                parent: g
                    .parent
                    .as_deref()
                    .and_then(|p| data.group(p))
                    .map(|p| p.name.clone()),
                siblings: g
                    .areas
                    .iter()
                    .filter(|a| *a != code)
                    .map(|a| (a.clone(), area_name(a)))
                    .collect(),
                note: g.note.clone(),
                areas_inferred: g.areas_inferred.clone(),
                sources: cited(data, &g.sources, &g.locators),
            })
            .collect(),
        history: dated.into_iter().map(|(_, item)| item).collect(),
        signatories,
        signatories_complete,
        missing_core,
        themes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::tests::sample;

    #[test]
    fn a_theme_shows_only_within_its_plan_and_a_signatory_says_what_it_signed() {
        let mut data = sample();
        data.group_themes[0].areas = vec!["E10000013".into()];
        data.signatories[0].signed = Some(Signed::Plan);
        let surrey = details(&data, "E10000030");
        assert!(
            surrey.themes.is_empty(),
            "the plan covers Gloucestershire only"
        );
        let gloucestershire = details(&data, "E10000013");
        assert_eq!(gloucestershire.themes[0].items, ["Street triage"]);
        let first = &gloucestershire.signatories[0];
        assert_eq!(first.items[0], data.signatories[0].name);
        assert_eq!(first.notes[0], Some("signed the action plan"));
    }

    #[test]
    fn every_source_is_listed_once_the_status_first() {
        let link = |url: &str| Link {
            title: format!("Title of {url}"),
            url: format!("https://example.org/{url}"),
            byline: None,
            mirror: false,
            locator: Some("p. 3".into()),
        };
        let mut d = details(&sample(), "E10000030");
        for h in &mut d.history {
            h.sources.clear();
        }
        for n in d.signatories.iter_mut().chain(d.themes.iter_mut()) {
            n.sources.iter_mut().for_each(Vec::clear);
        }
        d.groups[0].sources = vec![link("group"), link("status")];
        d.history[0].sources = vec![link("history"), link("group")];
        d.signatories[0].sources[0] = vec![link("signatory"), link("history")];
        d.themes[0].sources[0] = vec![link("theme"), link("signatory")];
        let all = d.all_sources(&[link("status"), link("status")]);
        let urls: Vec<&str> = all.iter().map(|l| l.url.as_str()).collect();
        // The status's first, then each in the order first cited, once.
        assert_eq!(
            urls,
            ["status", "group", "history", "signatory", "theme"]
                .map(|u| format!("https://example.org/{u}"))
        );
        assert!(all.iter().all(|l| l.locator.is_none()), "no fact's locator");
    }

    #[test]
    fn an_area_in_a_group_gets_its_siblings_signatories_and_themes() {
        let d = details(&sample(), "E10000030");
        assert_eq!(d.groups.len(), 1);
        assert_eq!(d.groups[0].name, "Surrey and Gloucestershire");
        assert_eq!(
            d.groups[0].siblings,
            [("E10000013".to_string(), "Gloucestershire".to_string())]
        );
        assert_eq!(d.groups[0].sources.len(), 1);
        let kinds: Vec<&str> = d.signatories.iter().map(|n| n.label.as_str()).collect();
        assert_eq!(kinds, ["Local authority", "Voluntary sector"]);
        assert!(!d.signatories_complete);
        assert!(d.missing_core.is_empty(), "only said of a complete list");
        assert_eq!(d.themes.len(), 1);
        assert_eq!(
            d.themes[0].label,
            "Urgent and emergency access to crisis care"
        );
        assert_eq!(d.themes[0].items, ["Street triage"]);
    }

    #[test]
    fn an_area_with_only_national_statements_has_no_local_record() {
        let mut data = sample();
        // Surrey: its group's signatories and themes; Kent: a declaration of its own.
        assert!(details(&data, "E10000030").has_local_record());
        assert!(details(&data, "E10000016").has_local_record());
        for event in &mut data.events {
            if event.areas.iter().any(|a| a == "E10000016") {
                event.national = true;
            }
        }
        let kent = details(&data, "E10000016");
        assert!(!kent.history.is_empty(), "the national statements stay");
        assert!(!kent.has_local_record());
    }

    #[test]
    fn each_source_says_where_it_states_the_fact() {
        let mut data = sample();
        let at = |text: &str| Locators::from([("rouse".to_string(), text.to_string())]);
        data.events[1].locators = at("the list of green areas");
        data.signatories[0].locators = at("the signatories' table");
        data.group_themes[0].locators = at("section 2");
        let d = details(&data, "E10000030");
        let locator = |links: &[Link]| links.first().and_then(|l| l.locator.clone());
        let green = d.history.iter().find(|h| h.what == "Action plan agreed");
        assert_eq!(
            green.and_then(|h| locator(&h.sources)).as_deref(),
            Some("the list of green areas")
        );
        assert_eq!(
            locator(&d.signatories[0].sources[0]).as_deref(),
            Some("the signatories' table")
        );
        assert_eq!(
            locator(&d.themes[0].sources[0]).as_deref(),
            Some("section 2")
        );
        // A fact without one links the source alone.
        let declared = d.history.iter().find(|h| h.what == "Declaration made");
        assert_eq!(declared.map(|h| h.sources.len()), Some(1));
        assert_eq!(declared.and_then(|h| locator(&h.sources)), None);
    }

    #[test]
    fn history_is_in_date_order_with_undated_events_last() {
        let d = details(&sample(), "E10000030");
        let history: Vec<(&str, Option<&str>)> = d
            .history
            .iter()
            .map(|h| (h.what.as_str(), h.when.as_deref()))
            .collect();
        assert_eq!(
            history,
            [
                ("Declaration made", Some("by 31 December 2014")),
                ("Action plan agreed", Some("December 2014")),
                ("Plan version: 2015-10 (update)", Some("October 2015")),
                ("Declaration", None),
            ]
        );
    }

    #[test]
    fn a_complete_list_flags_missing_core_agencies() {
        let mut data = sample();
        data.groups[0].signatories_complete = true;
        let d = details(&data, "E10000013");
        assert!(d.signatories_complete);
        assert_eq!(d.missing_core, ["Police force"]);
    }

    #[test]
    fn an_area_with_no_group_has_nothing_recorded() {
        let mut data = sample();
        data.events.retain(|e| e.id != "kent-declaration");
        let d = details(&data, "E10000016");
        assert!(d.groups.is_empty() && d.signatories.is_empty() && d.themes.is_empty());
        assert!(d.history.is_empty());
        assert!(!d.signatories_complete);
    }
}
