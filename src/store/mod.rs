//! The only code that touches session files: where they live, loading, atomic saving, locking,
//! backups and recovery files.

pub mod backup;
pub mod config;
pub mod dataset;
pub mod demo;
pub mod dirs;
pub mod files;
pub mod list;
pub mod load;
pub mod lock;
pub mod logfile;
pub mod recovery;
pub mod room_notice;
pub mod save;
pub mod writer;

pub use load::{LoadError, load, parse};
pub use lock::{LockError, SessionLock};
pub use save::{save, to_ron};
