//! Deterministic sessions of any size, for benchmarks and scale tests: the same seed always gives
//! the same session. Entries are spread over all six pillars (with and without an element), the
//! readiness aspects and the general steps, in the proportions a real workshop has, with texts of
//! realistic length and proposers from a small roster, an agency or nobody.

use time::OffsetDateTime;
use time::macros::datetime;

use crate::domain::{Aspect, Entry, Kind, NewSession, Participant, Pillar, Proposer, Role, Session, Stage};
use crate::template::{builtin, catalog};

/// The clock of every generated session: the first minute of a Bimtek in Tobelo.
pub const START: OffsetDateTime = datetime!(2021-09-07 09:00 +9);

const WORDS: [&str; 48] = [
    "pelayanan",
    "publik",
    "warga",
    "kecamatan",
    "desa",
    "data",
    "aplikasi",
    "terpadu",
    "belum",
    "masih",
    "sehingga",
    "antrean",
    "dokumen",
    "anggaran",
    "OPD",
    "Bappeda",
    "jaringan",
    "internet",
    "pulau",
    "nelayan",
    "petani",
    "UMKM",
    "pasar",
    "wisata",
    "sampah",
    "air",
    "bersih",
    "puskesmas",
    "sekolah",
    "guru",
    "jalan",
    "transportasi",
    "laut",
    "energi",
    "surya",
    "kebijakan",
    "peraturan",
    "daerah",
    "koordinasi",
    "lambat",
    "manual",
    "daring",
    "program",
    "inovasi",
    "dan",
    "yang",
    "untuk",
    "dengan",
];

const PEOPLE: [(&str, &str, Role); 6] = [
    ("Frans Manery", "Pemerintah Kabupaten", Role::Leader),
    ("Deky Tawaris", "Dinas Kominfo", Role::Team),
    ("Ani Lolaro", "Bappeda", Role::Council),
    ("Yosias Hetharia", "Dinas Dukcapil", Role::Staff),
    ("Maria Tuhuleruw", "Dinas Kesehatan", Role::Staff),
    ("Rudi Sasoeng", "Dinas PUPR", Role::Staff),
];

const AGENCIES: [&str; 5] = [
    "Dinas PMPTSP",
    "Dinas Pariwisata",
    "Dinas Lingkungan Hidup",
    "Dinas Perhubungan",
    "BPKAD",
];

/// splitmix64: small, fast, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap_or(u64::MAX)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn ulid(&mut self, at: OffsetDateTime) -> String {
        let ms = u64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        let random = (u128::from(self.next()) << 64 | u128::from(self.next())) & ((1 << 80) - 1);
        ulid::Ulid::from_parts(ms, random).to_string()
    }
}

/// A Bimtek I session with `entries` entries. The same `seed` gives the same session.
pub fn session(entries: usize, seed: u64) -> Session {
    session_for(Stage::ALL[0], entries, seed)
}

/// A session of the given stage, on its built-in agenda, with `entries` entries.
pub fn session_for(stage: Stage, entries: usize, seed: u64) -> Session {
    let mut rng = Rng(seed);
    let spec = NewSession {
        region: "Kabupaten Halmahera Utara".into(),
        stage,
        date: crate::domain::SessionDate(START.date()),
        venue: "Hotel Greenland, Tobelo".into(),
        title: None,
    };
    let id = rng.ulid(START);
    let mut s = Session::new(id, spec, builtin(stage), START);
    s.facilitators = vec!["Tim Pembimbing".into()];
    s.participants = PEOPLE
        .iter()
        .map(|(name, institution, role)| Participant {
            id: rng.ulid(START),
            name: (*name).into(),
            institution: (*institution).into(),
            role: *role,
            present: true,
            from_stage: None,
            unrecorded: false,
        })
        .collect();
    s.entries.reserve(entries);
    for i in 0..entries {
        let at = START + time::Duration::seconds(i64::try_from(i).unwrap_or(0));
        let e = entry(&mut rng, &s.participants, at);
        s.entries.push(e.into());
    }
    s.updated = START + time::Duration::seconds(i64::try_from(entries).unwrap_or(0));
    s
}

fn entry(rng: &mut Rng, roster: &[Participant], at: OffsetDateTime) -> Entry {
    const PILLAR_KINDS: [Kind; 4] = [Kind::Problem, Kind::Potential, Kind::Program, Kind::Note];
    const SWOT: [Kind; 4] = [Kind::Strength, Kind::Weakness, Kind::Opportunity, Kind::Threat];
    let id = rng.ulid(at);
    let roll = rng.below(100);
    let mut e = Entry::new(id, Kind::Note, text(rng), at);
    if roll < 85 {
        // A pillar step: mostly under one of the pillar's elements, some about the pillar in general.
        let p = *rng.pick(Pillar::ALL);
        e.kind = *rng.pick(&PILLAR_KINDS);
        e.pillar = Some(p);
        if rng.below(5) > 0
            && let Some(def) = catalog().pillar(p)
            && !def.elements.is_empty()
        {
            e.element = Some(rng.pick(&def.elements).code.clone());
        }
    } else if roll < 95 {
        e.kind = *rng.pick(&SWOT);
        e.aspect = Some(*rng.pick(Aspect::ALL));
    } else {
        e.kind = *rng.pick(&[Kind::Vision, Kind::Note]);
    }
    e.proposer = match rng.below(3) {
        0 => Proposer::Anonymous,
        1 => Proposer::Opd((*rng.pick(&AGENCIES)).into()),
        _ => {
            let p = rng.pick(roster);
            Proposer::Person {
                id: Some(p.id.clone()),
                name: p.name.clone(),
                opd: (!p.institution.is_empty()).then(|| p.institution.clone()),
            }
        }
    };
    e
}

/// 6 to 30 words, about the length of what a room says in one breath.
fn text(rng: &mut Rng) -> String {
    let n = 6 + rng.below(25);
    let mut t = String::with_capacity(n * 8);
    for i in 0..n {
        if i > 0 {
            t.push(' ');
        }
        let w = *rng.pick(&WORDS);
        if i == 0 {
            let mut cs = w.chars();
            if let Some(c) = cs.next() {
                t.extend(c.to_uppercase());
                t.push_str(cs.as_str());
            }
        } else {
            t.push_str(w);
        }
    }
    t.push('.');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_session() {
        let a = session(500, 7);
        let b = session(500, 7);
        assert_eq!(a, b);
        assert_eq!(crate::store::to_ron(&a), crate::store::to_ron(&b));
        assert_ne!(a, session(500, 8));
        assert_eq!(a.entries.len(), 500);
    }

    #[test]
    fn entries_cover_every_pillar_aspect_and_general_step() {
        let s = session(1_000, 1);
        for p in Pillar::ALL {
            assert!(
                s.entries.iter().any(|e| e.pillar == Some(*p) && e.element.is_some()),
                "{p}"
            );
            assert!(
                s.entries.iter().any(|e| e.pillar == Some(*p) && e.element.is_none()),
                "{p}"
            );
        }
        for a in Aspect::ALL {
            assert!(s.entries.iter().any(|e| e.aspect == Some(*a)), "{a}");
        }
        assert!(s.entries.iter().any(|e| e.pillar.is_none() && e.aspect.is_none()));
    }

    #[test]
    fn generated_sessions_load_as_they_were_saved() {
        for stage in Stage::ALL {
            let s = session_for(stage, 300, u64::from(stage.number()));
            let back = crate::store::parse(&crate::store::to_ron(&s)).expect("a generated session loads");
            assert_eq!(back, s);
        }
    }
}
