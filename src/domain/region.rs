//! Kemendagri region codes ("kode wilayah", Permendagri on codes and data of administrative areas).
//!
//! A code is dotted groups of digits: province `NN`, regency or city `NN.NN`, district `NN.NN.NN`,
//! village `NN.NN.NN.NNNN`. A Smart City masterplan belongs to a regency or city (or, for a
//! Smart Province, to the province), so a session takes the first two forms only: `82` or
//! `82.03`. The regency/city number is `01`–`99` (cities are numbered from `71`). The province
//! must be one of the 38 that exist; the regency is checked for its form only, since the list
//! changes as regions split.
//!
//! BPS statistics codes (`8203`, no dot) are a different numbering and are refused rather than
//! guessed at.

/// Kemendagri province codes and names (38 provinces, after the 2022 Papua split).
pub const PROVINCES: [(&str, &str); 38] = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "DKI Jakarta"),
    ("32", "Jawa Barat"),
    ("33", "Jawa Tengah"),
    ("34", "DI Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
];

/// The province's name for its two-digit code.
pub fn province_name(code: &str) -> Option<&'static str> {
    PROVINCES.iter().find(|(c, _)| *c == code).map(|(_, n)| *n)
}

/// The province part of a valid code (`82.03` → `82`).
pub fn province_of(code: &str) -> &str {
    code.split('.').next().unwrap_or(code)
}

/// Checks a code typed by a person: surrounding blanks are dropped, and it must be `NN` or
/// `NN.NN` with a known province and a regency number other than `00`. Returns the code as
/// stored.
pub fn check(raw: &str) -> Result<String, String> {
    let code = raw.trim();
    let two_digits = |g: &str| g.len() == 2 && g.bytes().all(|b| b.is_ascii_digit());
    let groups: Vec<&str> = code.split('.').collect();
    let form_ok = match groups.as_slice() {
        [p] => two_digits(p),
        [p, r] => two_digits(p) && two_digits(r) && *r != "00",
        _ => false,
    };
    if !form_ok || province_name(groups[0]).is_none() {
        return Err(code.to_string());
    }
    Ok(code.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regency_and_province_codes_are_accepted() {
        assert_eq!(check(" 82.03 ").as_deref(), Ok("82.03"));
        assert_eq!(check("82").as_deref(), Ok("82"));
        assert_eq!(check("31.71").as_deref(), Ok("31.71"));
        assert_eq!(province_name(province_of("82.03")), Some("Maluku Utara"));
    }

    #[test]
    fn other_forms_are_refused() {
        for bad in [
            "", "8203", "82.3", "82.003", "82.00", "82.03.01", "99.01", "ab.cd", "82-03", "82.03.",
        ] {
            assert!(check(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
