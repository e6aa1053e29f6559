//! Extractor handles: a `jlong` that is the address of a boxed [`Extractor`]
//! (`Box::into_raw`, DESIGN.md). A registry of live addresses turns a 0, closed or unknown handle
//! into [`BridgeError::InvalidHandle`] (an `IllegalStateException` in Java) instead of undefined
//! behaviour, even if the Java side's own checks were bypassed.
//!
//! Safety contract with the Java side (`BatchExtractor`): a handle is closed exactly once, and
//! never while a call that uses it is running: extracts run under a read lock, close under the
//! write lock of the same `ReentrantReadWriteLock`.

use std::collections::HashSet;
use std::sync::{Mutex, MutexGuard, OnceLock};

use jni::sys::jlong;
use vellum_core::Extractor;

use crate::error::BridgeError;

fn live() -> MutexGuard<'static, HashSet<usize>> {
    static LIVE: OnceLock<Mutex<HashSet<usize>>> = OnceLock::new();
    LIVE.get_or_init(|| Mutex::new(HashSet::new()))
        .lock()
        // The set is always consistent (single inserts and removes), so a poisoned lock is usable.
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Moves `extractor` to the heap and returns its handle, never 0.
pub fn register(extractor: Extractor) -> jlong {
    let address = Box::into_raw(Box::new(extractor)) as usize;
    live().insert(address);
    address as jlong
}

fn invalid(handle: jlong) -> BridgeError {
    if handle == 0 {
        BridgeError::InvalidHandle("the extractor is closed (handle 0)".to_owned())
    } else {
        BridgeError::InvalidHandle(format!(
            "the extractor handle {handle:#x} is closed or was never created"
        ))
    }
}

/// Runs `work` with the extractor behind `handle`.
pub fn with_extractor<T>(
    handle: jlong,
    work: impl FnOnce(&Extractor) -> Result<T, BridgeError>,
) -> Result<T, BridgeError> {
    let address = handle as usize;
    if handle == 0 || !live().contains(&address) {
        return Err(invalid(handle));
    }
    // SAFETY: `address` came from `Box::into_raw` in `register` and is still in the live set, so
    // the box has not been freed. It cannot be freed while `work` runs: `close` is only called by
    // the Java side under the write lock that excludes every call holding this handle (module
    // doc). `Extractor` is `Sync`, so a shared reference may be used by several threads at once.
    let extractor = unsafe { &*(address as *const Extractor) };
    work(extractor)
}

/// Frees the extractor behind `handle`. A second close of the same handle is an error, not a
/// double free.
pub fn close(handle: jlong) -> Result<(), BridgeError> {
    let address = handle as usize;
    if handle == 0 || !live().remove(&address) {
        return Err(invalid(handle));
    }
    // SAFETY: `address` came from `Box::into_raw` in `register`, and removing it from the live set
    // (above, under the registry lock) gives this call sole ownership: no later call can find it,
    // and no running call uses it (the Java side closes under its write lock).
    drop(unsafe { Box::from_raw(address as *mut Extractor) });
    Ok(())
}

/// How many extractors are open (for tests and diagnostics).
#[cfg(test)]
pub fn open_count() -> usize {
    live().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extractor() -> Extractor {
        Extractor::from_json(b"{}").expect("default config is valid")
    }

    #[test]
    fn a_registered_handle_is_usable_until_closed() {
        let handle = register(extractor());
        assert_ne!(handle, 0);
        let columns = with_extractor(handle, |e| Ok(e.config().columns.len())).ok();
        assert_eq!(columns, Some(11));
        assert!(close(handle).is_ok());
        assert!(matches!(
            with_extractor(handle, |_| Ok(())),
            Err(BridgeError::InvalidHandle(_))
        ));
    }

    #[test]
    fn closing_twice_is_an_invalid_handle_not_a_double_free() {
        let handle = register(extractor());
        assert!(close(handle).is_ok());
        assert!(matches!(close(handle), Err(BridgeError::InvalidHandle(_))));
    }

    #[test]
    fn zero_and_unknown_handles_are_refused() {
        assert!(matches!(close(0), Err(BridgeError::InvalidHandle(m)) if m.contains("closed")));
        assert!(matches!(
            with_extractor(0x10, |_| Ok(())),
            Err(BridgeError::InvalidHandle(m)) if m.contains("0x10")
        ));
    }

    #[test]
    fn the_registry_counts_open_extractors() {
        let handle = register(extractor());
        assert!(open_count() >= 1);
        assert!(close(handle).is_ok());
    }
}
