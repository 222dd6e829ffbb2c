//! Finding your area as the public does: by the district or council you
//! know, by a postcode, or by where you are, on the device.

use crate::Result;
use crate::World;
use crate::helpers::*;
use fantoccini::{Client, Locator};

pub const ALL: &[(&str, Scenario)] = &[
    ("search_finds_a_district_and_a_council_since_2014", |w| {
        Box::pin(districts_and_councils(w))
    }),
    (
        "search_offers_a_choice_where_a_place_straddles_areas",
        |w| Box::pin(choices(w)),
    ),
    ("search_still_finds_areas_without_the_extra_names", |w| {
        Box::pin(without_places(w))
    }),
    ("use_my_location_opens_the_area_or_says_why_not", |w| {
        Box::pin(location(w))
    }),
    ("an_embed_with_search_finds_a_district", |w| {
        Box::pin(embedded(w))
    }),
];

/// Types `query` into the search box afresh.
async fn search_for(client: &Client, query: &str) -> Result {
    let input = client
        .find(Locator::Css("#search-input"))
        .await
        .map_err(|e| format!("no search box: {e}"))?;
    input.clear().await.map_err(|e| e.to_string())?;
    input
        .send_keys(query)
        .await
        .map_err(|e| format!("cannot type {query:?}: {e}"))
}

/// Waits until the first suggestion is `label`, and gives its detail.
async fn first_suggestion(client: &Client, label: &str) -> Result<String> {
    eventually(
        &format!("{label:?} first among the suggestions"),
        || async {
            if count(client, "#search-option-0").await? == 0 {
                return Ok(None);
            }
            let found = text(client, "#search-option-0 .label").await?;
            if found != label {
                return Ok(None);
            }
            text(client, "#search-option-0 .detail").await.map(Some)
        },
    )
    .await
}

/// The names the open choice offers, in order.
async fn choice_names(client: &Client) -> Result<Vec<String>> {
    let links = client
        .find_all(Locator::Css("#search-choice a"))
        .await
        .map_err(|e| format!("cannot look for the choice: {e}"))?;
    let mut names = Vec::new();
    for link in links {
        names.push(link.text().await.map_err(|e| e.to_string())?);
    }
    Ok(names)
}

/// Whether the page has asked for `places.json`.
async fn fetched_places(client: &Client) -> Result<bool> {
    client
        .execute(
            "return performance.getEntriesByType('resource')
               .some(e => new URL(e.name).pathname === '/places.json')",
            vec![],
        )
        .await
        .map(|v| v.as_bool() == Some(true))
        .map_err(|e| format!("cannot list what the page fetched: {e}"))
}

async fn districts_and_councils(world: &World) -> Result {
    on_page(
        world,
        |_| {},
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                // Not in the first load: fetched when the search is first used.
                ensure(!fetched_places(client).await?, || {
                    "places.json was fetched before the search was used".into()
                })?;
                search_for(client, "harrogate").await?;
                let detail = first_suggestion(client, "Harrogate").await?;
                ensure(detail == "A district of North Yorkshire (2014)", || {
                    format!("Harrogate is offered as {detail:?}")
                })?;
                ensure(fetched_places(client).await?, || {
                    "Harrogate was found without places.json".into()
                })?;
                press(client, ENTER).await?;
                expect_panel(client, Some("North Yorkshire"), "Enter on Harrogate").await?;
                let path = current_path(client).await?;
                ensure(path == "/area/E10000023", || format!("URL path {path:?}"))?;

                search_for(client, "westmorland").await?;
                let detail = first_suggestion(client, "Westmorland and Furness").await?;
                ensure(detail == "Since 2023; in 2014 part of Cumbria", || {
                    format!("Westmorland and Furness is offered as {detail:?}")
                })?;
                press(client, ENTER).await?;
                expect_panel(client, Some("Cumbria"), "Enter on Westmorland and Furness").await?;

                // A postcode leads by its district.
                search_for(client, "hg1 2ab").await?;
                let detail = first_suggestion(client, "HG1").await?;
                ensure(
                    detail == "Postcode district (in England: North Yorkshire)",
                    || format!("HG1 is offered as {detail:?}"),
                )?;
                screenshot(client, "search-district.png").await?;
                press(client, ENTER).await?;
                expect_panel(client, Some("North Yorkshire"), "Enter on HG1").await
            })
        },
    )
    .await
}

async fn choices(world: &World) -> Result {
    for (size, name) in [(DESKTOP, "desktop"), (PHONE, "phone")] {
        on_page(
            world,
            |_| {},
            size,
            true,
            move |client, _| {
                Box::pin(async move {
                    for query in ["BCP", "Bournemouth, Christchurch"] {
                        search_for(client, query).await?;
                        first_suggestion(client, "Bournemouth, Christchurch and Poole").await?;
                        press(client, ENTER).await?;
                        let names = eventually("the choice of areas", || async {
                            let names = choice_names(client).await?;
                            Ok((!names.is_empty()).then_some(names))
                        })
                        .await?;
                        ensure(names == ["Bournemouth", "Dorset", "Poole"], || {
                            format!("{query}: the choice offers {names:?}")
                        })?;
                        let title = text(client, "#search-choice-title").await?;
                        ensure(
                            title.contains("Bournemouth, Poole and part of Dorset"),
                            || format!("the choice says {title:?}"),
                        )?;
                        // Nothing opened behind the reader's back.
                        expect_panel(client, None, "a choice offered").await?;
                        let focus = focused(client, "href").await?;
                        ensure(focus.as_deref() == Some("/area/E06000028"), || {
                            format!("focus is on {focus:?}, not the first area of the choice")
                        })?;
                    }
                    axe(client, "the choice open").await?;
                    screenshot(client, &format!("search-choice-{name}.png")).await?;
                    if name == "phone" {
                        let dark = [("prefers-color-scheme", "dark")];
                        xtask::browser::emulate_media(client, &dark).await?;
                        axe(client, "the choice open, dark").await?;
                        screenshot(client, "search-choice-phone-dark.png").await?;
                        xtask::browser::emulate_media(client, &[]).await?;
                    }
                    click(client, "#search-choice li:nth-child(3) a").await?;
                    expect_panel(client, Some("Poole"), "Poole chosen").await?;
                    ensure(count(client, "#search-choice").await? == 0, || {
                        "the choice stayed open after a choice".into()
                    })?;

                    // A postcode district over two areas: a choice, largest share first.
                    search_for(client, "BH23 1AA").await?;
                    let detail = first_suggestion(client, "BH23").await?;
                    ensure(detail.contains("Dorset 91% and Hampshire 9%"), || {
                        format!("BH23 is offered as {detail:?}")
                    })?;
                    press(client, ENTER).await?;
                    let names = eventually("BH23's choice", || async {
                        let names = choice_names(client).await?;
                        Ok((!names.is_empty()).then_some(names))
                    })
                    .await?;
                    ensure(names == ["Dorset", "Hampshire"], || {
                        format!("BH23 offers {names:?}")
                    })?;
                    // Escape closes the choice, and nothing else.
                    press(client, ESCAPE).await?;
                    ensure(count(client, "#search-choice").await? == 0, || {
                        "Escape left the choice open".into()
                    })?;
                    expect_panel(client, Some("Poole"), "Escape on the choice").await
                })
            },
        )
        .await?;
    }
    Ok(())
}

async fn without_places(world: &World) -> Result {
    on_page(
        world,
        |o| {
            o.faults.insert("/places.json".into(), Fault::Status(404));
        },
        DESKTOP,
        true,
        |client, _| {
            Box::pin(async move {
                search_for(client, "harrogate").await?;
                let note = eventually("a note that the names are missing", || async {
                    Ok(if count(client, ".search-note").await? > 0 {
                        Some(text(client, ".search-note").await?)
                    } else {
                        None
                    })
                })
                .await?;
                ensure(
                    note.contains("places.json")
                        && note.contains("404")
                        && note.contains("Areas and local groups can still be found by name"),
                    || format!("the note says {note:?}"),
                )?;
                expect_count(client, "#search-options [role='option']", 0).await?;
                screenshot(client, "search-without-places.png").await?;
                search_for(client, "surrey").await?;
                first_suggestion(client, "Surrey").await?;
                press(client, ENTER).await?;
                expect_panel(client, Some("Surrey"), "Surrey without places.json").await
            })
        },
    )
    .await
}

async fn location(world: &World) -> Result {
    let status = |client: &Client| {
        let client = client.clone();
        async move { text(&client, "#locate-status").await }
    };
    on_page(
        world,
        |_| {},
        PHONE,
        true,
        |client, _| {
            Box::pin(async move {
                // The button says where the location goes, before it is used
                // (on a phone, an icon: its name and its description).
                let said = client
                    .execute(
                        "const b = document.querySelector('button.locate'); \
                         const d = document.getElementById(b.getAttribute('aria-describedby')); \
                         return [b.querySelector('.words').firstChild.textContent.trim(), d ? d.textContent : null];",
                        vec![],
                    )
                    .await
                    .map_err(|e| e.to_string())?;
                ensure(
                    said[0] == "Use my location"
                        && said[1].as_str().is_some_and(|d| d.contains("never leaves this device")),
                    || format!("before it is used the button says {said}"),
                )?;
                let said = status(client).await?;
                ensure(said.is_empty(), || {
                    format!("before any click it says {said:?}")
                })?;
                // Guildford, in Surrey.
                xtask::browser::place_device(client, true, Some((51.2362, -0.5704))).await?;
                click(client, "button.locate").await?;
                expect_panel(client, Some("Surrey"), "located in Guildford").await?;
                let said = status(client).await?;
                ensure(said == "You are in Surrey.", || format!("it said {said:?}"))?;
                screenshot(client, "locate-surrey-phone.png").await?;

                // Cardiff, in Wales.
                xtask::browser::place_device(client, true, Some((51.4816, -3.1791))).await?;
                click(client, "button.locate").await?;
                let said = eventually("the answer for Cardiff", || async {
                    let said = status(client).await?;
                    Ok(said.contains("outside England").then_some(said))
                })
                .await?;
                ensure(said.contains("search by name or postcode"), || {
                    format!("outside England it said {said:?}")
                })?;

                // Refused.
                xtask::browser::place_device(client, false, Some((51.2362, -0.5704))).await?;
                click(client, "button.locate").await?;
                eventually("the answer when refused", || async {
                    Ok(status(client)
                        .await?
                        .starts_with("Location permission was denied")
                        .then_some(()))
                })
                .await?;
                // The search still works.
                search_for(client, "kent").await?;
                first_suggestion(client, "Kent").await?;
                Ok(())
            })
        },
    )
    .await
}

async fn embedded(world: &World) -> Result {
    at_path(world, "?embed=1&controls=search", DESKTOP, |client, _| {
        Box::pin(async move {
            search_for(client, "cheltenham").await?;
            let detail = first_suggestion(client, "Cheltenham").await?;
            ensure(detail == "A district of Gloucestershire (2014)", || {
                format!("Cheltenham is offered as {detail:?}")
            })?;
            press(client, ENTER).await?;
            eventually("Gloucestershire chosen in the embed", || async {
                Ok((current_path(client).await? == "/area/E10000013").then_some(()))
            })
            .await?;
            ensure(count(client, "button.locate").await? == 1, || {
                "the embed's search has no location button".into()
            })?;
            let foot = text(client, ".embed-foot").await?;
            ensure(foot.contains("Royal Mail"), || {
                format!("the embed's foot lacks the postcodes' notice: {foot:?}")
            })?;
            screenshot(client, "embed-search-district.png").await
        })
    })
    .await
}
