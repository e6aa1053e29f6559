//! Panic containment. A Rust panic must never unwind into the JVM (unwinding out of an
//! `extern "system"` function aborts the process), so every export runs its work through
//! [`contain`], which turns a panic into [`BridgeError::Panic`].
//!
//! The panic hook ([`install_hook`], installed once from `JNI_OnLoad`) records the message and
//! location of a panic raised inside a contained call, for the Java exception, instead of printing
//! to stderr. A panic anywhere else (a thread the native side started, a test) goes to the hook
//! that was installed before ours, so it is not silently lost.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

use crate::error::BridgeError;

thread_local! {
    /// How many contained calls are running on this thread (they may nest).
    static CONTAINED_DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The description of the latest panic raised inside a contained call on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Installs Vellum's panic hook, once per process; later calls do nothing.
pub fn install_hook() {
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let contained = CONTAINED_DEPTH.try_with(|d| d.get() > 0).unwrap_or(false);
            if !contained {
                previous(info);
                return;
            }
            let message = payload_message(info.payload());
            let description = match info.location() {
                Some(at) => format!(
                    "Vellum native code panicked at {}:{}:{}: {message}",
                    at.file(),
                    at.line(),
                    at.column()
                ),
                None => format!("Vellum native code panicked: {message}"),
            };
            // `try_with` because a panic during thread teardown must not panic again.
            let _ = LAST_PANIC.try_with(|slot| {
                if let Ok(mut slot) = slot.try_borrow_mut() {
                    *slot = Some(description);
                }
            });
        }));
    });
}

/// Runs `work`, turning a panic inside it into `Err(BridgeError::Panic)` with the panic's message
/// and, when the hook is installed, its location. Pure Rust: usable and testable without a JVM.
pub fn contain<T>(work: impl FnOnce() -> Result<T, BridgeError>) -> Result<T, BridgeError> {
    let _depth = DepthGuard::enter();
    LAST_PANIC.with(|slot| slot.borrow_mut().take());
    match panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => {
            let recorded = LAST_PANIC.with(|slot| slot.borrow_mut().take());
            let message = recorded.unwrap_or_else(|| {
                format!(
                    "Vellum native code panicked: {}",
                    payload_message(payload.as_ref())
                )
            });
            // Dropping a payload can itself panic (a payload type with a panicking `Drop`).
            let _ = panic::catch_unwind(AssertUnwindSafe(move || drop(payload)));
            Err(BridgeError::Panic(message))
        }
    }
}

/// The text of a panic payload: `panic!` gives a `&str` or a `String`; anything else is opaque.
fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a payload that is not a string".to_owned()
    }
}

/// Marks the current thread as inside a contained call for the guard's lifetime.
struct DepthGuard;

impl DepthGuard {
    fn enter() -> Self {
        CONTAINED_DEPTH.with(|d| d.set(d.get() + 1));
        DepthGuard
    }
}

impl Drop for DepthGuard {
    fn drop(&mut self) {
        let _ = CONTAINED_DEPTH.try_with(|d| d.set(d.get().saturating_sub(1)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn panic_message(result: Result<(), BridgeError>) -> String {
        match result {
            Err(BridgeError::Panic(message)) => message,
            other => panic!("expected a contained panic, got {other:?}"),
        }
    }

    #[test]
    fn a_panic_becomes_a_panic_error_with_its_message_and_location() {
        install_hook();
        let message = panic_message(contain(|| panic!("the engine broke")));
        assert!(message.contains("the engine broke"), "{message}");
        assert!(message.contains("panic.rs:"), "{message}");
    }

    #[test]
    fn a_formatted_panic_keeps_its_text() {
        install_hook();
        let value = 42;
        let message = panic_message(contain(|| panic!("value {value} out of range")));
        assert!(message.contains("value 42 out of range"), "{message}");
    }

    #[test]
    fn a_panic_with_an_opaque_payload_is_still_contained() {
        install_hook();
        let message = panic_message(contain(|| std::panic::panic_any(7_u8)));
        assert!(message.contains("not a string"), "{message}");
    }

    #[test]
    fn a_panic_is_contained_even_without_the_hook() {
        let payload: Box<dyn Any + Send> = Box::new("plain");
        assert_eq!(payload_message(payload.as_ref()), "plain");
        let owned: Box<dyn Any + Send> = Box::new(String::from("owned"));
        assert_eq!(payload_message(owned.as_ref()), "owned");
    }

    #[test]
    fn results_pass_through_unchanged() {
        assert_eq!(contain(|| Ok(5)).ok(), Some(5));
        let error = contain::<()>(|| Err(BridgeError::Arrow("bad input".into())));
        assert!(matches!(error, Err(BridgeError::Arrow(m)) if m == "bad input"));
    }

    #[test]
    fn nested_containment_reports_the_inner_panic_once() {
        install_hook();
        let outer = contain(|| {
            let inner = contain::<()>(|| panic!("inner"));
            assert!(matches!(inner, Err(BridgeError::Panic(ref m)) if m.contains("inner")));
            Ok(1)
        });
        assert_eq!(outer.ok(), Some(1));
        CONTAINED_DEPTH.with(|d| assert_eq!(d.get(), 0));
    }

    #[test]
    fn the_depth_returns_to_zero_after_a_panic() {
        install_hook();
        let _ = contain::<()>(|| panic!("once"));
        CONTAINED_DEPTH.with(|d| assert_eq!(d.get(), 0));
    }
}
