//! A table as Parquet, written with the `parquet` crate's column writers (no Arrow): one row
//! group per call of `write`, snappy-compressed pages, dictionary encoding where it pays.
//!
//! The same rows always give the same bytes: the file names its writer as plain `bimtek`
//! (`created_by`), without the crate's version, and carries no other metadata, no time stamp.
//! Types: strings are UTF-8 byte arrays (`STRING`), integers `INT64`, booleans `BOOLEAN`, dates
//! `INT32` `DATE`, timestamps `INT64` `TIMESTAMP(MICROS, UTC)`; a column that may be empty is
//! `OPTIONAL`, the others `REQUIRED`.

use std::io::Write;
use std::sync::Arc;

use parquet::basic::{Compression, LogicalType, Repetition, TimeUnit, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type as Schema;

use super::rows::{Cell, Rows};
use super::schema::{Table, Type};

/// What the files say wrote them: no version, so that the bytes do not change with one.
pub const CREATED_BY: &str = "bimtek";

pub struct ParquetTable<W: Write + Send> {
    writer: SerializedFileWriter<W>,
    table: &'static Table,
}

fn err(e: parquet::errors::ParquetError) -> String {
    e.to_string()
}

/// The Parquet schema of a table.
pub fn schema(table: &Table) -> Result<Schema, String> {
    let fields = table
        .fields
        .iter()
        .map(|f| {
            let (physical, logical) = match f.ty {
                Type::String => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Type::Integer => (Physical::INT64, None),
                Type::Boolean => (Physical::BOOLEAN, None),
                Type::Date => (Physical::INT32, Some(LogicalType::Date)),
                Type::Timestamp => (Physical::INT64, Some(LogicalType::timestamp(true, TimeUnit::MICROS))),
            };
            Schema::primitive_type_builder(f.name, physical)
                .with_logical_type(logical)
                .with_repetition(if f.required {
                    Repetition::REQUIRED
                } else {
                    Repetition::OPTIONAL
                })
                .build()
                .map(Arc::new)
                .map_err(err)
        })
        .collect::<Result<Vec<_>, String>>()?;
    Schema::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(err)
}

impl<W: Write + Send> ParquetTable<W> {
    pub fn new(w: W, table: &'static Table) -> Result<ParquetTable<W>, String> {
        let props = WriterProperties::builder()
            .set_created_by(CREATED_BY.to_string())
            .set_compression(Compression::SNAPPY)
            // Row groups are cut by `write`, not by the writer.
            .set_max_row_group_row_count(None)
            .build();
        let writer = SerializedFileWriter::new(w, Arc::new(schema(table)?), Arc::new(props)).map_err(err)?;
        Ok(ParquetTable { writer, table })
    }

    /// Writes `rows` as one row group (nothing when there are none).
    pub fn write(&mut self, rows: &Rows) -> Result<(), String> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut group = self.writer.next_row_group().map_err(err)?;
        for (i, field) in self.table.fields.iter().enumerate() {
            let Some(mut column) = group.next_column().map_err(err)? else {
                return Err(format!("{}: no column {}", self.table.name, field.name));
            };
            let cells = || rows.column(i);
            let defs: Vec<i16> = cells().map(|c| i16::from(*c != Cell::Null)).collect();
            let present = defs.iter().filter(|d| **d == 1).count();
            if field.required && present != rows.len() {
                return Err(format!("{}.{}: a required value is empty", self.table.name, field.name));
            }
            let defs = (!field.required).then_some(defs.as_slice());
            let written = match field.ty {
                Type::String => {
                    let values: Vec<ByteArray> = cells()
                        .filter_map(|c| match c {
                            Cell::Str(s) => Some(ByteArray::from(s.as_str())),
                            _ => None,
                        })
                        .collect();
                    column.typed::<ByteArrayType>().write_batch(&values, defs, None)
                }
                Type::Integer | Type::Timestamp => {
                    let values: Vec<i64> = cells()
                        .filter_map(|c| match c {
                            Cell::Int(n) | Cell::Time(n) => Some(*n),
                            _ => None,
                        })
                        .collect();
                    column.typed::<Int64Type>().write_batch(&values, defs, None)
                }
                Type::Date => {
                    let values: Vec<i32> = cells()
                        .filter_map(|c| match c {
                            Cell::Date(d) => Some(*d),
                            _ => None,
                        })
                        .collect();
                    column.typed::<Int32Type>().write_batch(&values, defs, None)
                }
                Type::Boolean => {
                    let values: Vec<bool> = cells()
                        .filter_map(|c| match c {
                            Cell::Bool(b) => Some(*b),
                            _ => None,
                        })
                        .collect();
                    column.typed::<BoolType>().write_batch(&values, defs, None)
                }
            };
            let n = written.map_err(err)?;
            if n != present {
                return Err(format!(
                    "{}.{}: {n} of {present} values written",
                    self.table.name, field.name
                ));
            }
            column.close().map_err(err)?;
        }
        group.close().map_err(err)?;
        Ok(())
    }

    /// Writes the footer and hands the writer back.
    pub fn finish(self) -> Result<W, String> {
        self.writer.into_inner().map_err(err)
    }
}
