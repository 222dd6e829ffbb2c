//! `cargo xtask <command>`: the project's two user commands (`serve`, `test`)
//! and the maintainers' helpers. Run `cargo xtask help` for the list.

use std::path::Path;
use std::process::ExitCode;
use xtask::cmd::{Result, flag_value, say};
use xtask::{bench, dataset, geodata, pages, server, setup, site, sizes, tables, tiers};

const HELP: &str = "\
cargo xtask <command>

  serve [--port N]   install what is missing, build the release site and serve it
                     on http://127.0.0.1:8080 (or port N)
  test [TIER]        install what is missing and run every check and test, in
                     tiers: lint, native, clone, e2e [WORDS], web (one alone
                     when named; `cargo xtask test help` explains them)
  setup [--tests]    only install what the build (and with --tests, the tests) needs
  build [--site-url URL | --public-url P]
                     build the release site into dist/, to be published at URL
                     (e.g. https://example.org/concordat-map/: its path is where
                     the site is served, its address what canonical links, share
                     previews and the sitemap say), or served under P (default /;
                     those addresses are then http://127.0.0.1:8080's)
  geodata [--import F]
                     rebuild geodata/areas-2014.geojson from the ONS boundaries
                     kept in geodata/source/; with --import, first cut that
                     source anew from F, the upstream ONS topo.json
  places --import-postcodes DIR CSV
                     remake geodata/source/places/postcode-districts.csv from a
                     copy of the PHE postcode package's src/Postcode/ (DIR) and
                     ONS's MSOA 2011 to LAD 2018 lookup (CSV); see PROVENANCE.md
  dataset            rebuild assets/concordat.json from the tables in data/tables/
  check-data         check assets/concordat.json and the boundaries; list every problem
  data export DIR    write the dataset as one CSV file per table into DIR
  data import DIR    read those CSV files back into assets/concordat.json; on any
                     problem, list them all (file, row, column) and write nothing
  bench [--loads N] [--interactions | --stress]
                     size report of the release site and median time to map-ready
                     over N cold loads (default 11), Lighthouse, the time
                     filter and date changes take, the model built from many
                     events and the server under load; with --interactions, only
                     the sizes, the model and those changes; with --stress, only
                     the model and the server's load (from the site last built)
  pages              (run by Trunk after each build) allow the page's inlined
                     stylesheet in its Content Security Policy, by its hash, and
                     write every area's and region's page beside index.html
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(&args[1..]),
        Some("test") => tiers::test(&args[1..]),
        Some("setup") if args.get(1).map(String::as_str) == Some("--tests") => {
            setup::for_tests().map(drop)
        }
        Some("setup") => setup::for_build().map(drop),
        Some("build") => build(&args[1..]),
        Some("geodata") => geodata_cmd(&args[1..]),
        Some("places") => places_cmd(&args[1..]),
        Some("dataset") => dataset_cmd(),
        Some("check-data") => check_data(),
        Some("data") => data_cmd(&args[1..]),
        Some("bench") => bench::run(&args[1..]),
        Some("pages") => pages::write_staged(),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command `{other}`\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("[xtask] error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn build(args: &[String]) -> Result {
    let site_url: Option<String> = flag_value(args, "--site-url")?;
    let public_url: Option<String> = flag_value(args, "--public-url")?;
    let tools = setup::for_build()?;
    match (site_url, public_url) {
        (Some(_), Some(_)) => Err("give --site-url or --public-url, not both".into()),
        (Some(url), None) => site::build_release_at(&tools, &site::default_dist(), &url),
        (None, public_url) => site::build_release(
            &tools,
            &site::default_dist(),
            public_url.as_deref().unwrap_or("/"),
        ),
    }
}

fn serve(args: &[String]) -> Result {
    let port: u16 = flag_value(args, "--port")?.unwrap_or(8080);
    build(&[])?;
    let server = server::Server::start(
        server::Options::new(site::default_dist()),
        &format!("127.0.0.1:{port}"),
    )?;
    say(&format!(
        "serving the map on {} (Ctrl-C to stop)",
        server.url()
    ));
    server.wait();
    Ok(())
}

fn geodata_cmd(args: &[String]) -> Result {
    if let Some(upstream) = flag_value::<String>(args, "--import")? {
        geodata::import(std::path::Path::new(&upstream))?;
    }
    let out = geodata::build()?;
    let bytes = std::fs::read(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    say(&format!(
        "wrote {}: {} bytes, {} gzip",
        out.display(),
        bytes.len(),
        sizes::gzip_len(&bytes)
    ));
    Ok(())
}

fn places_cmd(args: &[String]) -> Result {
    match args {
        [flag, dir, csv] if flag == "--import-postcodes" => {
            xtask::places::import_postcodes(std::path::Path::new(dir), std::path::Path::new(csv))
        }
        _ => Err(format!(
            "usage: cargo xtask places --import-postcodes DIR CSV\n\n{HELP}"
        )),
    }
}

/// Builds the dataset from the tables and releases it.
fn dataset_cmd() -> Result {
    let data = dataset::build()?;
    release_and_write(data, &dataset::tables_dir())
}

/// Writes `data` as the shipped dataset; if it says something the shipped
/// one does not, as a new version (written back to `dataset.csv` in
/// `tables`, the tables it came from, and to `CITATION.cff`).
fn release_and_write(mut data: concordat_core::dataset::Dataset, tables: &Path) -> Result {
    let shipped = std::fs::read_to_string(dataset::output_path())
        .ok()
        .and_then(|text| concordat_core::dataset::parse(&text).ok())
        .map(|(d, _)| d);
    if dataset::release(&mut data, shipped.as_ref(), dataset::today)? {
        tables::write_settings(&data, tables)?;
        let path = xtask::cmd::root().join("CITATION.cff");
        let citation = read_text(&path)?;
        std::fs::write(&path, dataset::cite_release(&citation, &data))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        say(&format!(
            "the tables changed: released as version {} of {} (dataset.csv and CITATION.cff updated)",
            data.version.as_deref().unwrap_or(""),
            data.last_updated
        ));
    }
    write_dataset(&data)
}

fn write_dataset(data: &concordat_core::dataset::Dataset) -> Result {
    let out = dataset::output_path();
    std::fs::write(&out, dataset::to_json(data)?)
        .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    say(&format!("wrote {}", out.display()));
    Ok(())
}

fn read_text(path: &std::path::Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

fn check_data() -> Result {
    let source = geodata::drawn(&xtask::cmd::root().join("geodata"))?;
    let file = source
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let geometry = read_text(&source)?;
    let data = read_text(&dataset::output_path())?;
    let model =
        concordat_core::model::from_geojson(&geometry, &file, &data).map_err(|p| p.to_string())?;
    for problem in &model.problems {
        println!("{problem}");
    }
    let curation = dataset::curation_problems(&model.data);
    for line in &curation {
        println!("{line}");
    }
    match model.problems.len() + curation.len() {
        0 => {
            say(&format!(
                "the dataset and boundaries are consistent: {} areas, {} groups, {} events, {} sources",
                model.areas.len(),
                model.data.groups.len(),
                model.data.events.len(),
                model.data.sources.len()
            ));
            Ok(())
        }
        n => Err(format!("{n} problem(s) in the data")),
    }
}

fn data_cmd(args: &[String]) -> Result {
    let usage = "usage: cargo xtask data export DIR | cargo xtask data import DIR";
    let dir = std::path::PathBuf::from(args.get(1).ok_or(usage)?);
    match args.first().map(String::as_str) {
        Some("export") => {
            let text = read_text(&dataset::output_path())?;
            let (data, skipped) =
                concordat_core::dataset::parse(&text).map_err(|p| p.to_string())?;
            if !skipped.is_empty() {
                for problem in &skipped {
                    println!("{problem}");
                }
                return Err("fix these records first: exporting would drop them".into());
            }
            tables::export(&data, &dir)?;
            say(&format!(
                "wrote one CSV file per table into {}",
                dir.display()
            ));
            Ok(())
        }
        Some("import") => match tables::import(&dir) {
            Ok(data) => release_and_write(data, &dir),
            Err(problems) => {
                for problem in &problems {
                    println!("{problem}");
                }
                Err(format!(
                    "{} problem(s); nothing was written",
                    problems.len()
                ))
            }
        },
        _ => Err(usage.into()),
    }
}
