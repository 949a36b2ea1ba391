//! bimtek: run Smart City masterplan workshops (Bimtek I–IV) from the terminal.

pub mod app;
pub mod commands;
pub mod domain;
pub mod export;
pub mod generate;
pub mod i18n;
pub mod import;
pub mod room;
pub mod store;
pub mod template;
pub mod tui;
pub mod ui;
