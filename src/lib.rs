//! bimtek: run Smart City masterplan workshops (Bimtek I–IV) from the terminal.

pub mod app;
pub mod commands;
pub mod dataset;
pub mod domain;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod ops;
pub mod room;
pub mod store;
pub mod template;
pub mod theme;
pub mod tui;
pub mod ui;
