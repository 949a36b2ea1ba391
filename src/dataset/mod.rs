//! Many sessions → one dataset of normalised tables (sessions, participants, entries, programs,
//! votes, readiness, commitments, agenda, lineage), each as Parquet and as CSV, with
//! `datapackage.json` and a README. Pure apart from the writers it is handed: the caller reads
//! the session files (through the store) and opens the output files.
//!
//! Streaming: sessions are added one at a time and dropped by the caller; each table keeps rows
//! only until it has `ROW_GROUP_ROWS` of them, which then become one Parquet row group and the
//! next lines of the CSV. Memory stays flat however many sessions there are.

pub mod csv;
pub mod package;
pub mod parquet;
pub mod plan;
pub mod pseudonym;
pub mod readme;
pub mod rows;
pub mod schema;

use std::io::Write;

use crate::domain::Session;
use csv::CsvTable;
use parquet::ParquetTable;
use rows::{AllRows, Context};

/// Rows a table collects before they are written as one row group.
pub const ROW_GROUP_ROWS: usize = 50_000;

/// What was written, for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub sessions: usize,
    pub entries: usize,
}

pub struct DatasetWriter<W: Write + Send> {
    parquet: Vec<ParquetTable<W>>,
    csv: Vec<CsvTable<W>>,
    rows: AllRows,
    pub counts: Counts,
}

/// The files of a dataset besides the tables, with their content.
pub fn documents() -> [(&'static str, String); 2] {
    [
        ("datapackage.json", package::datapackage()),
        ("README.md", readme::readme()),
    ]
}

/// The names of every file a dataset has.
pub fn file_names() -> Vec<String> {
    let mut names: Vec<String> = schema::TABLES
        .iter()
        .flat_map(|t| [format!("{}.parquet", t.name), format!("{}.csv", t.name)])
        .collect();
    names.extend(documents().map(|(n, _)| n.to_string()));
    names
}

impl<W: Write + Send> DatasetWriter<W> {
    /// `open` gives the writer for a file name (`entries.parquet`, `entries.csv`, …).
    pub fn new(open: &mut dyn FnMut(&str) -> Result<W, String>) -> Result<DatasetWriter<W>, String> {
        let mut parquet = Vec::new();
        let mut csv = Vec::new();
        for t in schema::TABLES {
            parquet.push(ParquetTable::new(open(&format!("{}.parquet", t.name))?, t)?);
            csv.push(CsvTable::new(open(&format!("{}.csv", t.name))?, t)?);
        }
        Ok(DatasetWriter {
            parquet,
            csv,
            rows: rows::empty(),
            counts: Counts::default(),
        })
    }

    /// Adds one session's rows; tables that have enough rows are written out.
    pub fn add(&mut self, s: &Session, ctx: &Context, in_dataset: &dyn Fn(&str) -> bool) -> Result<(), String> {
        rows::add(s, ctx, in_dataset, &mut self.rows);
        self.counts.sessions += 1;
        self.counts.entries += s.entries.len();
        for i in 0..self.rows.len() {
            if self.rows[i].len() >= ROW_GROUP_ROWS {
                self.flush(i)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self, i: usize) -> Result<(), String> {
        self.parquet[i].write(&self.rows[i])?;
        self.csv[i].write(&self.rows[i])?;
        self.rows[i].clear();
        Ok(())
    }

    /// Writes what is left and closes every table; returns the writers, Parquet then CSV for
    /// each table in turn.
    pub fn finish(mut self) -> Result<Vec<W>, String> {
        for i in 0..self.rows.len() {
            self.flush(i)?;
        }
        let mut out = Vec::new();
        for (p, c) in self.parquet.into_iter().zip(self.csv) {
            out.push(p.finish()?);
            out.push(c.finish()?);
        }
        Ok(out)
    }
}
