//! A table as CSV: UTF-8 without a byte-order mark (engines read it as part of the first column's
//! name), a header of the column names, comma-separated, RFC 4180 quoting. Empty is null; dates
//! `YYYY-MM-DD`; timestamps ISO 8601 in UTC (`2021-09-07T00:00:00Z`, with microseconds only
//! when there are any); booleans `true`/`false`.

use std::io::Write;

use super::rows::{Cell, Rows};
use super::schema::Table;

pub struct CsvTable<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> CsvTable<W> {
    pub fn new(w: W, table: &Table) -> Result<CsvTable<W>, String> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(w);
        out.write_record(table.fields.iter().map(|f| f.name))
            .map_err(|e| e.to_string())?;
        Ok(CsvTable { out })
    }

    pub fn write(&mut self, rows: &Rows) -> Result<(), String> {
        let mut record: Vec<String> = Vec::with_capacity(rows.table.fields.len());
        for i in 0..rows.len() {
            record.clear();
            record.extend(rows.row(i).iter().map(text));
            self.out.write_record(&record).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    pub fn finish(self) -> Result<W, String> {
        self.out.into_inner().map_err(|e| e.to_string())
    }
}

/// A cell as CSV text.
pub fn text(c: &Cell) -> String {
    match c {
        Cell::Null => String::new(),
        Cell::Str(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Date(days) => time::Date::from_julian_day(days + 2_440_588)
            .map(|d| crate::domain::SessionDate(d).to_string())
            .unwrap_or_default(),
        Cell::Time(micros) => {
            let Ok(t) = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(*micros) * 1_000) else {
                return String::new();
            };
            let fraction = match t.microsecond() {
                0 => String::new(),
                us => format!(".{us:06}"),
            };
            format!(
                "{}T{:02}:{:02}:{:02}{fraction}Z",
                crate::domain::SessionDate(t.date()),
                t.hour(),
                t.minute(),
                t.second()
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_as_frictionless_reads_them() {
        assert_eq!(text(&Cell::Date(18_877)), "2021-09-07");
        assert_eq!(text(&Cell::Time(1_630_972_800_000_000)), "2021-09-07T00:00:00Z");
        assert_eq!(text(&Cell::Time(1_630_972_800_000_042)), "2021-09-07T00:00:00.000042Z");
        assert_eq!(text(&Cell::Bool(true)), "true");
        assert_eq!(text(&Cell::Null), "");
    }
}
