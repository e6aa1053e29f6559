//! An archive of archives whose entries each compress modestly but whose ratios multiply (the
//! "42.zip" pattern) is refused as a whole with a `limit` error, in bounded time and memory;
//! and archives nested deeper than the limit are noted, not followed.

mod common;

use std::time::{Duration, Instant};

use vellum_core::{ErrorKind, ExtractionConfig};

/// A ZIP of `copies` copies of `entry`, deflated.
fn copies_of(entry: &[u8], name: &str, copies: usize) -> Vec<u8> {
    let names: Vec<String> = (0..copies).map(|i| format!("{i}-{name}")).collect();
    let entries: Vec<(&str, &[u8], bool)> =
        names.iter().map(|n| (n.as_str(), entry, true)).collect();
    common::zip::build(&entries)
}

#[test]
fn archives_of_archives_that_multiply_their_ratios_are_a_limit_error() {
    // Each entry stays within the per-entry ratio check (1 MiB of zeros is within its grace
    // size; an archive of 16 small archives compresses about 16 times).
    let mut bomb = copies_of(&vec![b'0'; 1024 * 1024], "zeros.txt", 16);
    for level in 0..3 {
        bomb = copies_of(&bomb, &format!("level{level}.zip"), 16);
    }
    // 16^4 copies of 1 MiB: 64 GiB once inflated, from a file of a few tens of KiB.
    assert!(bomb.len() < 200_000, "{}", bomb.len());
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "42.zip", &bomb);
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "took {:?}",
        started.elapsed()
    );
    let error = document.error.expect("a limit error");
    assert_eq!(error.kind, ErrorKind::Limit, "{}", error.message);
    assert!(error.message.starts_with("42.zip"), "{}", error.message);
    assert!(
        error.message.contains("nested archives included"),
        "{}",
        error.message
    );
}

#[test]
fn archives_nested_two_hundred_deep_are_read_down_to_the_depth_limit() {
    let mut zip = common::zip::build(&[("bottom.txt", b"bottom", true)]);
    for level in 0..200 {
        zip = common::zip::build(&[(&format!("n{level}.zip"), &zip, false)]);
    }
    let started = Instant::now();
    let document = common::extract_bytes(ExtractionConfig::default(), "deep.zip", &zip);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "took {:?}",
        started.elapsed()
    );
    assert_eq!(document.error, None);
    let metadata = document.metadata.unwrap();
    assert!(metadata.extra["errors"].contains("nested deeper than"));
    assert!(!document.content.unwrap().contains("bottom"));
}
