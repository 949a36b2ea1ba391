//! The books as they print: the HTML through headless Chromium to PDF, the Word document through
//! LibreOffice. Each test needs its outside program (Debian's `chromium`, `poppler-utils`,
//! `libreoffice-writer-nogui`; `.ci/run` installs them) and says that it skipped when it is
//! missing.

use std::path::Path;
use std::process::Command;

use bimtek::domain::{Kind, Lang, Pillar, Session};
use bimtek::export::{self, Format};

fn sample() -> Session {
    bimtek::store::load(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/kabupaten-halmahera-utara-bimtek-1-2021-09-07.ron"),
    )
    .expect("the sample loads")
}

fn have(program: &str) -> bool {
    if Path::new(program).exists() {
        true
    } else {
        eprintln!("SKIPPED: {program} is not installed (Debian: see .ci/run)");
        false
    }
}

/// The sample with a program idea whose text holds one 600-character token, as a pasted link
/// or a code once did.
fn with_long_token() -> (Session, String) {
    let mut s = sample();
    let token: String = "Q".repeat(600);
    let mut e = bimtek::domain::Entry::new(
        "01FEYS0000LONGTOKEN0000001".into(),
        Kind::Program,
        format!("Tautan {token} akhir"),
        time::macros::datetime!(2021-09-07 10:00 +9),
    );
    e.pillar = Some(Pillar::Governance);
    e.element = Some("governance.service".into());
    s.entries.push(e.into());
    (s, token)
}

/// Prints `page` to `buku.pdf` in `dir` with headless Chromium.
fn print_to_pdf(dir: &Path, page: &str) -> std::path::PathBuf {
    let html = dir.join("buku.html");
    std::fs::write(&html, page).expect("write");
    let pdf = dir.join("buku.pdf");
    let out = Command::new("/usr/bin/chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("run chromium");
    assert!(
        pdf.exists(),
        "chromium wrote no PDF: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    pdf
}

#[test]
fn chromium_prints_every_word_of_a_long_token_inside_the_page() {
    if !have("/usr/bin/chromium") || !have("/usr/bin/pdftotext") {
        return;
    }
    let (s, token) = with_long_token();
    let dir = tempfile::tempdir().expect("temp dir");
    let page = String::from_utf8(export::render(&s, Format::Html, Lang::Id).expect("html")).expect("utf-8");
    // The program appears in Buku 2 and twice in Buku 4 (matrix and list).
    let copies = page.matches(&token).count();
    assert!(copies >= 1);
    let pdf = print_to_pdf(dir.path(), &page);
    let bbox = dir.path().join("kata.html");
    let status = Command::new("/usr/bin/pdftotext")
        .arg("-bbox")
        .arg(&pdf)
        .arg(&bbox)
        .status()
        .expect("run pdftotext");
    assert!(status.success());
    let text = std::fs::read_to_string(&bbox).expect("read bbox");
    // <page width="595.276000" height="841.890000"> … <word xMin="…" yMin="…" xMax="…" yMax="…">w</word>
    let attr = |tag: &str, name: &str| -> f64 {
        let at = tag.find(&format!("{name}=\"")).expect(name) + name.len() + 2;
        tag[at..]
            .split('"')
            .next()
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    let mut q_inside = 0usize;
    let mut words = 0usize;
    for page in text.split("<page ").skip(1) {
        let width = attr(page, "width");
        let height = attr(page, "height");
        for w in page.split("<word ").skip(1) {
            words += 1;
            let word = w.split('>').nth(1).and_then(|r| r.split('<').next()).unwrap_or("");
            let (x0, x1) = (attr(w, "xMin"), attr(w, "xMax"));
            let (y0, y1) = (attr(w, "yMin"), attr(w, "yMax"));
            assert!(
                x0 >= 0.0 && x1 <= width && y0 >= 0.0 && y1 <= height,
                "'{word}' lies outside the page ({x0}–{x1} of {width})"
            );
            if word.chars().all(|c| c == 'Q') {
                q_inside += word.len();
            }
        }
    }
    assert!(words > 1000, "the book printed ({words} words)");
    assert_eq!(
        q_inside,
        copies * token.len(),
        "every character of every copy of the token is printed inside the page"
    );
}

/// The size of every page of `pdf` in points, as `pdfinfo` reports it.
fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let out = Command::new("/usr/bin/pdfinfo")
        .args(["-f", "1", "-l", "9999"])
        .arg(pdf)
        .output()
        .expect("run pdfinfo");
    // Page    3 size: 841.89 x 595.276 pts (A4) (rotated 0 degrees)
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains(" size: "))
        .filter_map(|l| {
            let size = l.split(" size: ").nth(1)?;
            let mut numbers = size.split(' ').filter_map(|w| w.parse::<f64>().ok());
            Some((numbers.next()?, numbers.next()?))
        })
        .collect()
}

/// The pages (1, 2, …) of `pdf` whose text holds `words`, all of them on one page.
fn pages_with(pdf: &Path, words: &[&str]) -> Vec<usize> {
    let out = Command::new("/usr/bin/pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    String::from_utf8_lossy(&out.stdout)
        .split('\u{c}')
        .enumerate()
        .filter(|(_, text)| words.iter().all(|w| text.contains(w)))
        .map(|(i, _)| i + 1)
        .collect()
}

#[test]
fn chromium_prints_wide_tables_on_landscape_pages() {
    if !have("/usr/bin/chromium") || !have("/usr/bin/pdftotext") || !have("/usr/bin/pdfinfo") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let page = String::from_utf8(export::render(&sample(), Format::Html, Lang::Id).expect("html")).expect("utf-8");
    let pdf = print_to_pdf(dir.path(), &page);
    let sizes = page_sizes(&pdf);
    assert!(sizes.len() > 10, "the book printed ({} pages)", sizes.len());
    let landscape = |n: usize| sizes.get(n - 1).is_some_and(|(w, h)| w > h);
    // The road map's ten years (11 columns) and the quick wins (8 columns).
    let years = pages_with(&pdf, &["'21", "'30"]);
    let wins = pages_with(&pdf, &["Dampak", "Upaya", "Jangka waktu"]);
    assert!(
        !years.is_empty() && !wins.is_empty(),
        "years on {years:?}, quick wins on {wins:?}"
    );
    for n in years.iter().chain(&wins) {
        assert!(
            landscape(*n),
            "page {n} holds a wide table but is {:?}",
            sizes.get(n - 1)
        );
    }
    // The cover and the attendance list stay portrait.
    assert!(!landscape(1), "the cover is portrait: {:?}", sizes.first());
    for n in pages_with(&pdf, &["Tanda tangan", "Hadir"]) {
        assert!(!landscape(n), "attendance page {n} is portrait");
    }
}

#[test]
fn libreoffice_converts_the_word_book() {
    if !have("/usr/bin/soffice") {
        return;
    }
    let (s, _) = with_long_token();
    let dir = tempfile::tempdir().expect("temp dir");
    let docx = dir.path().join("buku.docx");
    let bytes = export::render(&s, Format::Docx, Lang::Id).expect("docx");
    std::fs::write(&docx, &bytes).expect("write");
    let out = Command::new("/usr/bin/soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("run soffice");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "soffice failed: {stderr}");
    assert!(!stderr.to_lowercase().contains("error"), "soffice reported: {stderr}");
    let pdf = dir.path().join("buku.pdf");
    assert!(
        pdf.metadata().map(|m| m.len() > 10_000).unwrap_or(false),
        "no PDF: {stderr}"
    );
    // The markup that makes header rows repeat and pages numbered is in the document.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect(name), &mut s).expect("read");
        s
    };
    let document = read("word/document.xml");
    assert!(document.contains("<w:tblHeader />"));
    assert!(read("word/footer1.xml").contains(">PAGE<"));
    // Lists are Word lists over the numbering part; the road map's year table is landscape.
    assert!(read("word/numbering.xml").contains("<w:numFmt w:val=\"bullet\" />"));
    assert!(
        document.contains("<w:numId w:val=\"1\" />"),
        "list items name the numbering"
    );
    assert!(document.contains("w:orient=\"landscape\""), "a landscape section");
    // As LibreOffice laid it out: landscape pages (width 841.9 pt), and portrait ones after them.
    let printed = std::fs::read(&pdf).expect("read the PDF");
    let pages = |size: &[u8]| printed.windows(size.len()).filter(|w| w == &size).count();
    let landscape = pages(b"/MediaBox[0 0 841.889763779528 595.303937007874]");
    let portrait = pages(b"/MediaBox[0 0 595.303937007874 841.889763779528]");
    assert!(landscape >= 1, "no landscape page in the PDF");
    assert!(portrait > landscape, "{portrait} portrait, {landscape} landscape pages");
    let last = |size: &[u8]| printed.windows(size.len()).rposition(|w| w == size);
    assert!(
        last(b"/MediaBox[0 0 595.3") > last(b"/MediaBox[0 0 841.8"),
        "the pages after a landscape table are portrait again"
    );
}
