//! Components: thin views over `model::MapModel`.

mod app;
mod explorer;
mod headline;
mod legend;
mod map;
mod panel;
mod routed;
mod search;
mod sections;
mod zoom;

pub use app::App;
pub use explorer::Explorer;
pub use headline::Headline;
pub use legend::Legend;
pub use map::MapView;
pub use panel::Panel;
pub use routed::RoutedExplorer;
pub use search::Search;
