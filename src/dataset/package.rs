//! `datapackage.json`: a Frictionless Tabular Data Package describing the CSV files (fields,
//! types, primary and foreign keys), so that Frictionless tools can validate the dataset and
//! other tools know its shape. The Parquet files hold the same rows; they are listed as plain
//! resources beside their CSV twin.

use serde::Serialize;

use super::schema::{TABLES, Table};

#[derive(Serialize)]
struct Package {
    profile: &'static str,
    name: &'static str,
    title: &'static str,
    description: &'static str,
    resources: Vec<Resource>,
}

#[derive(Serialize)]
struct Resource {
    name: String,
    path: String,
    profile: &'static str,
    format: &'static str,
    mediatype: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    encoding: Option<&'static str>,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<TableSchema>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TableSchema {
    fields: Vec<FieldDesc>,
    missing_values: [&'static str; 1],
    primary_key: &'static [&'static str],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    foreign_keys: Vec<Fk>,
}

#[derive(Serialize)]
struct FieldDesc {
    name: &'static str,
    #[serde(rename = "type")]
    ty: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    format: Option<&'static str>,
    description: &'static str,
    constraints: Constraints,
}

#[derive(Serialize)]
struct Constraints {
    required: bool,
}

#[derive(Serialize)]
struct Fk {
    fields: &'static [&'static str],
    reference: FkRef,
}

#[derive(Serialize)]
struct FkRef {
    resource: &'static str,
    fields: &'static [&'static str],
}

fn csv_resource(t: &Table) -> Resource {
    Resource {
        name: t.name.to_string(),
        path: format!("{}.csv", t.name),
        profile: "tabular-data-resource",
        format: "csv",
        mediatype: "text/csv",
        encoding: Some("utf-8"),
        description: t.description.to_string(),
        schema: Some(TableSchema {
            fields: t
                .fields
                .iter()
                .map(|f| FieldDesc {
                    name: f.name,
                    ty: f.ty.frictionless(),
                    // ISO 8601 with a zone, which the default format of datetime does not allow
                    // with fractions of a second.
                    format: (f.ty == super::schema::Type::Timestamp).then_some("any"),
                    description: f.description,
                    constraints: Constraints { required: f.required },
                })
                .collect(),
            missing_values: [""],
            primary_key: t.primary_key,
            foreign_keys: t
                .foreign_keys
                .iter()
                .map(|fk| Fk {
                    fields: fk.fields,
                    reference: FkRef {
                        resource: fk.table,
                        fields: fk.reference,
                    },
                })
                .collect(),
        }),
    }
}

fn parquet_resource(t: &Table) -> Resource {
    Resource {
        name: format!("{}-parquet", t.name),
        path: format!("{}.parquet", t.name),
        profile: "data-resource",
        format: "parquet",
        mediatype: "application/vnd.apache.parquet",
        encoding: None,
        description: format!("The rows of {}.csv, as Parquet.", t.name),
        schema: None,
    }
}

/// The text of `datapackage.json`.
pub fn datapackage() -> String {
    let mut resources: Vec<Resource> = TABLES.iter().map(|t| csv_resource(t)).collect();
    resources.extend(TABLES.iter().map(|t| parquet_resource(t)));
    let p = Package {
        profile: "tabular-data-package",
        name: "bimtek-dataset",
        title: "Smart City masterplan workshops (Bimtek I-IV)",
        description: "Sessions of the Gerakan Menuju 100 Smart City workshops recorded with bimtek, as normalised tables. See README.md.",
        resources,
    };
    let mut text = serde_json::to_string_pretty(&p).unwrap_or_default();
    text.push('\n');
    text
}
