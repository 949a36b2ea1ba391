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

    fn ulid<I: From<String>>(&mut self, at: OffsetDateTime) -> I {
        let ms = u64::try_from(at.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        let random = (u128::from(self.next()) << 64 | u128::from(self.next())) & ((1 << 80) - 1);
        ulid::Ulid::from_parts(ms, random).to_string().into()
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
        mentors: Vec::new(),
        region_code: None,
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

// --- a national programme, for the dataset's benchmark and tests --------------------------------

/// Program ideas that come up in many regions, per pillar (in `Pillar::ALL` order), so that a
/// national roll-up has ideas that recur.
const IDEAS: [[&str; 5]; 6] = [
    [
        "Mal Pelayanan Publik digital",
        "Satu Data daerah",
        "Aplikasi pengaduan warga terpadu",
        "Tanda tangan elektronik untuk dokumen dinas",
        "Perizinan daring terpadu",
    ],
    [
        "Portal promosi wisata daerah",
        "Festival budaya tahunan",
        "Katalog produk UMKM daring",
        "Penataan wajah kota tepi laut",
        "Kalender acara daerah",
    ],
    [
        "Pasar digital UMKM",
        "Pembayaran nontunai retribusi pasar",
        "Pelatihan wirausaha nelayan",
        "Sistem informasi harga komoditas",
        "Inkubator bisnis pemuda",
    ],
    [
        "Telemedisin puskesmas pulau",
        "Sistem informasi tata ruang",
        "Angkutan laut terjadwal antarpulau",
        "Antrean daring puskesmas",
        "Layanan ambulans terpadu 112",
    ],
    [
        "Wifi publik di desa",
        "Sekolah digital",
        "Kamera pengawas kota",
        "Perpustakaan daring daerah",
        "Kanal informasi kebencanaan",
    ],
    [
        "Bank sampah digital",
        "Pembangkit listrik tenaga surya desa",
        "Pemantauan kualitas air",
        "Penanaman mangrove pesisir",
        "Pengangkutan sampah terjadwal",
    ],
];

/// The name and (for nine regions in ten) Kemendagri-style code of generated region `n`: the
/// codes spread over every province, with regency numbers that need not exist.
pub fn region(n: usize) -> (String, Option<String>) {
    let provinces = crate::domain::region::PROVINCES;
    let (code, _) = provinces[n % provinces.len()];
    let regency = n / provinces.len() % 99 + 1;
    let code = format!("{code}.{regency:02}");
    let coded = n % 10 != 9;
    (format!("Kabupaten Contoh {code}"), coded.then_some(code))
}

/// The four stages of generated region `n`'s masterplan, each carried forward from the one
/// before (lineage, roster, scores and chosen programs, as `bimtek new --from` does), each with
/// `entries` entries of its own, program details, a voting round, readiness scores, and in
/// Bimtek IV the OPDs' commitments. The same `n` and `seed` give the same sessions.
pub fn masterplan(n: usize, entries: usize, seed: u64) -> Vec<Session> {
    use crate::domain::carry::carry_forward;
    let (name, code) = region(n);
    let base = seed ^ (u64::try_from(n).unwrap_or(0).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut rng = Rng(base);
    let mut stages: Vec<Session> = Vec::with_capacity(4);
    for stage in Stage::ALL {
        let mut s = session_for(stage, entries, base.wrapping_add(u64::from(stage.number())));
        s.region = name.clone();
        s.region_code = code.clone();
        s.title = crate::domain::session::default_title(&name, stage);
        s.date = crate::domain::SessionDate(START.date() + time::Duration::days(35 * i64::from(stage.number() - 1)));
        if let Some(prev) = stages.last() {
            // The roster goes on: the generated entries are attributed to the carried people.
            let generated = std::mem::take(&mut s.participants);
            carry_forward(prev, &mut s);
            for e in &mut s.entries {
                if let Proposer::Person { id, name, .. } = &e.proposer
                    && let Some(p) = s.participants.iter().find(|p| &p.name == name)
                    && id.as_deref() != Some(p.id.as_str())
                    && generated.iter().any(|g| Some(&g.id) == id.as_ref())
                {
                    let mut changed = (**e).clone();
                    if let Proposer::Person { id, .. } = &mut changed.proposer {
                        *id = Some(p.id.clone());
                    }
                    *e = changed.into();
                }
            }
        }
        enrich(&mut rng, &mut s);
        stages.push(s);
    }
    stages
}

/// Program details, readiness, a voting round, step times and commitments on a generated session.
fn enrich(rng: &mut Rng, s: &mut Session) {
    use crate::domain::commitment::Commitment;
    use crate::domain::program::{BudgetSource, Horizon, InnovationType, ProgramInfo, ProgramStatus};
    use crate::domain::readiness::Score;
    use crate::domain::vote::{Ballot, VoteRound};
    let mut programs = Vec::new();
    for e in &mut s.entries {
        if e.kind != Kind::Program || e.from_stage.is_some() {
            continue;
        }
        let mut x = (**e).clone();
        let pillar = x
            .pillar
            .map_or(0, |p| Pillar::ALL.iter().position(|q| *q == p).unwrap_or(0));
        x.text = (*rng.pick(&IDEAS[pillar])).to_string();
        let impact = u8::try_from(1 + rng.below(5)).unwrap_or(3);
        let effort = u8::try_from(1 + rng.below(5)).unwrap_or(3);
        x.program = Some(ProgramInfo {
            description: String::new(),
            opd: (*rng.pick(&AGENCIES)).to_string(),
            horizon: Some(*rng.pick(Horizon::ALL)),
            target_year: Some(2022 + u16::try_from(rng.below(8)).unwrap_or(0)),
            budget: Some(*rng.pick(BudgetSource::ALL)),
            plan_link: String::new(),
            innovation: Some(*rng.pick(InnovationType::ALL)),
            impact: Some(impact),
            effort: Some(effort),
            quick_win: impact >= 3 && effort <= 2 && rng.below(2) == 0,
            status: Some(*rng.pick(&[ProgramStatus::Idea, ProgramStatus::Chosen, ProgramStatus::Planned])),
            ..ProgramInfo::default()
        });
        programs.push(x.id.clone());
        *e = x.into();
    }
    if s.stage.number() == 1 {
        for def in catalog().aspects.iter().flat_map(|a| a.subs.iter()) {
            for pillar in [None, Some(*rng.pick(Pillar::ALL))] {
                if crate::domain::readiness::find(&s.readiness, &def.code, pillar).is_none() {
                    s.readiness.push(Score {
                        sub: def.code.clone(),
                        pillar,
                        score: u8::try_from(1 + rng.below(5)).unwrap_or(3),
                        note: String::new(),
                        from_stage: None,
                    });
                }
            }
        }
    }
    for st in &mut s.agenda.steps {
        st.spent_seconds = u64::from(st.minutes) * u64::try_from(40 + rng.below(50)).unwrap_or(60);
    }
    if let Some(step) = s
        .agenda
        .steps
        .iter()
        .find(|st| st.kind == crate::domain::StepKind::Review)
        && !programs.is_empty()
    {
        let mut round = VoteRound::new(rng.ulid(START), step.id.clone());
        round.revealed = true;
        for p in &s.participants {
            for _ in 0..3 {
                let entry = rng.pick(&programs).clone();
                if !round
                    .ballots
                    .iter()
                    .any(|b| b.entry == entry && b.participant.as_ref() == Some(&p.id))
                {
                    round.ballots.push(Ballot {
                        entry,
                        participant: Some(p.id.clone()),
                        count: 1,
                    });
                }
            }
        }
        round.ballots.push(Ballot {
            entry: rng.pick(&programs).clone(),
            participant: None,
            count: u32::try_from(1 + rng.below(9)).unwrap_or(1),
        });
        s.votes.push(round);
    }
    if s.stage.number() == 4 {
        let wins: Vec<&Entry> = s
            .entries
            .iter()
            .filter(|e| e.program.as_ref().is_some_and(|p| p.quick_win))
            .map(|e| &**e)
            .collect();
        for opd in AGENCIES {
            let mine: Vec<crate::domain::EntryId> = wins
                .iter()
                .filter(|e| e.program.as_ref().is_some_and(|p| p.opd == opd))
                .map(|e| e.id.clone())
                .collect();
            if mine.is_empty() {
                continue;
            }
            s.commitments.push(Commitment {
                id: rng.ulid(START),
                opd: opd.to_string(),
                programs: mine,
                signer: format!("Kepala {opd}"),
                signed: Some(s.date),
                note: String::new(),
            });
        }
    }
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
