//! Components: thin views over `model::MapModel`.

mod app;
mod explorer;
mod legend;
mod map;
mod panel;
mod routed;
mod sections;

pub use app::App;
pub use explorer::Explorer;
pub use legend::Legend;
pub use map::MapView;
pub use panel::Panel;
pub use routed::RoutedExplorer;
