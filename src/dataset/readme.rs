//! `README.md` of the output folder: what the tables are and how to query them. Made from the
//! schema, so it always names the columns the files have.

use super::schema::{TABLES, Type};

/// The queries the README shows, as (what it answers, DuckDB SQL run inside the folder).
pub const QUERIES: [(&str, &str); 3] = [
    (
        "The program ideas that recur across regions, the three most common per dimension",
        "SELECT pillar, program, regions
FROM (
    SELECT e.pillar, lower(trim(e.text)) AS program, count(DISTINCT s.region_key) AS regions
    FROM 'entries.parquet' e JOIN 'sessions.parquet' s USING (session_id)
    WHERE e.kind = 'program' AND e.pillar IS NOT NULL
    GROUP BY ALL
)
QUALIFY row_number() OVER (PARTITION BY pillar ORDER BY regions DESC, program) <= 3
ORDER BY pillar, regions DESC, program;",
    ),
    (
        "How readiness scores spread per dimension (scores where they were given, not the copies carried into later stages)",
        "SELECT coalesce(pillar, '(whole region)') AS dimension, aspect,
       count(*) AS scores, round(avg(score), 2) AS mean,
       count(*) FILTER (score = 1) AS s1, count(*) FILTER (score = 2) AS s2,
       count(*) FILTER (score = 3) AS s3, count(*) FILTER (score = 4) AS s4,
       count(*) FILTER (score = 5) AS s5
FROM 'readiness.parquet'
WHERE from_stage IS NULL
GROUP BY ALL
ORDER BY dimension, aspect;",
    ),
    (
        "Quick wins per province, and how many an OPD committed to",
        "SELECT coalesce(s.province_name, '(no region code)') AS province,
       count(DISTINCT s.region_key) AS regions,
       count(DISTINCT s.masterplan_id || '/' || p.entry_id) AS quick_wins,
       count(DISTINCT CASE WHEN c.entry_id IS NOT NULL THEN s.masterplan_id || '/' || p.entry_id END) AS committed
FROM 'programs.parquet' p
JOIN 'sessions.parquet' s USING (session_id)
LEFT JOIN 'commitments.parquet' c ON c.session_id = p.session_id AND c.entry_id = p.entry_id
WHERE p.quick_win
GROUP BY ALL
ORDER BY quick_wins DESC, province;",
    ),
];

fn type_name(t: Type) -> &'static str {
    match t {
        Type::String => "text",
        Type::Integer => "integer",
        Type::Boolean => "boolean",
        Type::Date => "date",
        Type::Timestamp => "timestamp (UTC)",
    }
}

/// The text of `README.md`.
pub fn readme() -> String {
    let mut out = String::from(
        "# Smart City masterplan workshops: dataset\n\n\
Made by `bimtek dataset` from session files of the Bimtek I-IV workshops (Gerakan Menuju 100 \
Smart City). Every table is here twice, with the same rows: as Parquet (`NAME.parquet`, for \
DuckDB, Spark, pandas) and as CSV (`NAME.csv`, UTF-8, comma-separated, empty = no value). \
`datapackage.json` describes them as a Frictionless Data Package: columns, types, primary and \
foreign keys.\n\n\
- Keys: every row of a session's tables carries `session_id`; entries, participants, voting \
rounds and commitments keep their ids from the session file. An entry carried into a later stage \
keeps its id, so entries are keyed by `(session_id, entry_id)`. `masterplan_id` groups the \
stages of one region's masterplan; `region_key` is the Kemendagri region code (`82.03`) where \
there is one, else the region's name.\n\
- People: names are replaced by pseudonyms (`person`, `proposer_person`, `signer_person`): a \
keyed hash of the name, the same within one masterplan, different across masterplans. This is \
pseudonymisation, not anonymity: entry texts may still name people, and whoever knows a name and \
the masterplan id can compute its pseudonym. Agencies (OPD) are kept. Made with `--with-names`, \
the name columns are filled.\n\
- Readiness scores are the workshop's own 1-5 self-assessment, not an official scale.\n\n\
## Tables\n",
    );
    for t in TABLES {
        out.push_str(&format!("\n### {}\n\n{}\n\n", t.name, t.description));
        out.push_str(&format!("Key: `{}`.", t.primary_key.join("`, `")));
        for fk in t.foreign_keys {
            out.push_str(&format!(
                " `{}` → {} (`{}`).",
                fk.fields.join("`, `"),
                fk.table,
                fk.reference.join("`, `")
            ));
        }
        out.push_str("\n\n| column | type | |\n|---|---|---|\n");
        for f in t.fields {
            let ty = if f.required {
                type_name(f.ty).to_string()
            } else {
                format!("{}, may be empty", type_name(f.ty))
            };
            out.push_str(&format!("| `{}` | {ty} | {} |\n", f.name, f.description));
        }
    }
    out.push_str(
        "\n## Queries\n\n\
With DuckDB (`duckdb` on the command line, or `import duckdb; duckdb.sql(...)` in Python), \
started in this folder:\n",
    );
    for (what, sql) in QUERIES {
        out.push_str(&format!("\n{what}:\n\n```sql\n{sql}\n```\n"));
    }
    out.push_str(
        "\npandas (with pyarrow): `entries = pandas.read_parquet(\"entries.parquet\")`\n\n\
Spark: `entries = spark.read.parquet(\"entries.parquet\")`, or the whole folder's CSV with its \
header: `spark.read.option(\"header\", True).csv(\"entries.csv\")`\n",
    );
    out
}
