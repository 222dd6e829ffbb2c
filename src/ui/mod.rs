//! Components: thin views over `model::MapModel` and the view state
//! (`state::use_view`).

mod app;
mod areas;
mod builder;
mod chart;
mod date_control;
mod directory;
mod download;
mod embed;
mod explorer;
mod filters;
mod headline;
mod legend;
mod links;
mod locate;
mod map;
mod page;
mod panel;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
mod routed;
mod search;
mod sections;
mod share;
pub mod state;
mod summary;
mod swatch;
mod table;
mod tooltip;
mod zoom;

pub use app::App;
pub use areas::RenderedPaths;
pub use builder::EmbedBuilder;
pub use chart::ProgressChart;
pub use date_control::DateControl;
pub use directory::{Directory, RenderedDirectory};
pub use download::Download;
pub use explorer::Explorer;
pub use filters::FilterControls;
pub use headline::Headline;
pub use legend::Legend;
pub use map::MapView;
pub use panel::Panel;
pub use routed::RoutedExplorer;
pub use search::Search;
pub use share::Share;
pub use summary::Summary;
pub use table::AreaTable;
