//! Any bytes given to the session loader give a session or an error that points at a place in
//! the file (line and column from 1); never a panic, a hang or a stack overflow.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The loader refuses text that is not UTF-8 before parsing; the parser sees the rest.
    let text = String::from_utf8_lossy(data);
    if let Err(e) = bimtek::store::parse(&text) {
        assert!(e.line >= 1 && e.col >= 1, "unlocated error: {e:?}");
    }
});
