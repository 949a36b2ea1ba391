//! Entry and participant ids: ULIDs, so breakout groups' sessions merge without collisions.
//! The random part comes from a generator seeded once by the shell, which keeps `update` (and
//! every other caller: import, the CLI) deterministic. Part of the domain: ids are data, not UI.

use time::OffsetDateTime;
use ulid::Ulid;

#[derive(Debug, Clone)]
pub struct IdGen {
    state: u64,
}

impl IdGen {
    pub fn new(seed: u64) -> IdGen {
        IdGen { state: seed }
    }

    fn next_u64(&mut self) -> u64 {
        // splitmix64: small, fast and well mixed, which is all an id needs.
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn next(&mut self, now: OffsetDateTime) -> String {
        let ms = u64::try_from(now.unix_timestamp_nanos() / 1_000_000).unwrap_or(0);
        let random = (u128::from(self.next_u64()) << 64 | u128::from(self.next_u64())) & ((1 << 80) - 1);
        Ulid::from_parts(ms, random).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_sort_by_time() {
        let mut g = IdGen::new(7);
        let t = time::macros::datetime!(2021-09-07 09:00 UTC);
        let a = g.next(t);
        let b = g.next(t);
        let c = g.next(t + time::Duration::seconds(1));
        assert_ne!(a, b);
        assert!(a.len() == 26 && c > a && c > b);
    }
}
