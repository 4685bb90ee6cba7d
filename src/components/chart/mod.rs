//! Charts drawn by the app as SVG, each with its data as a table: no chart library.

mod bar_chart;
mod data_table;
mod figure_view;

pub use bar_chart::BarChart;
pub use data_table::DataTable;
pub use figure_view::FigureView;
