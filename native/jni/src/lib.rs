//! The JNI boundary of Vellum: the only code that talks to the JVM.
//!
//! Every export below is one line: it runs a plain `Result`-returning function of [`calls`]
//! through [`run_or_throw`], which contains panics ([`panic::contain`]) and turns an error into a
//! Java exception of the fixed class of its variant ([`error::BridgeError::java_class`]).
//! Arguments are primitives, configuration bytes and addresses of Arrow C Data Interface structs
//! that Java allocated; nothing here calls back into Java, and the native side starts no threads,
//! so `FindClass` (inside `throw_new`) always runs on a Java thread with the right class loader.

pub mod arrow_input;
pub mod arrow_output;
pub mod calls;
pub mod error;
pub mod handles;
pub mod panic;

use std::ffi::c_void;

use jni::objects::{JByteArray, JClass};
use jni::sys::{jint, jlong, jstring, JNI_VERSION_1_8};
use jni::JNIEnv;

use crate::error::BridgeError;

/// Runs `work` on a Java thread and hands its value to Java; on error (or a contained panic) it
/// throws the matching exception, unless one is already pending, and returns `placeholder`,
/// which the JVM ignores because an exception is pending.
fn run_or_throw<'local, T>(
    env: &mut JNIEnv<'local>,
    placeholder: T,
    work: impl FnOnce(&mut JNIEnv<'local>) -> Result<T, BridgeError>,
) -> T {
    match panic::contain(|| work(env)) {
        Ok(value) => value,
        Err(error) => {
            throw(env, &error);
            placeholder
        }
    }
}

/// Throws `error` as its Java class. A pending exception is never thrown over: it is the more
/// precise report (for example an `OutOfMemoryError` raised inside a JNI call).
fn throw(env: &mut JNIEnv<'_>, error: &BridgeError) {
    // `exception_check` failing means the JVM is unusable; throwing would not help either.
    if env.exception_check().unwrap_or(true) {
        return;
    }
    let message = error.to_string();
    if env.throw_new(error.java_class(), &message).is_err()
        && !env.exception_check().unwrap_or(true)
    {
        // The class could not be thrown and nothing is pending: never return silently.
        let _ = env.throw_new("java/lang/RuntimeException", &message);
    }
}

/// Runs when the JVM loads the library: counts the initialisation and installs the panic hook.
#[no_mangle]
pub extern "system" fn JNI_OnLoad(_vm: *mut jni::sys::JavaVM, _reserved: *mut c_void) -> jint {
    calls::record_initialization();
    let _ = std::panic::catch_unwind(panic::install_hook);
    JNI_VERSION_1_8
}

#[no_mangle]
pub extern "system" fn Java_dev_vellum_bridge_NativeMethods_initializationCount(
    mut env: JNIEnv,
    _class: JClass,
) -> jlong {
    run_or_throw(&mut env, 0, |_| Ok(calls::initialization_count() as jlong))
}

#[no_mangle]
pub extern "system" fn Java_dev_vellum_bridge_NativeMethods_nativeVersion(
    mut env: JNIEnv,
    _class: JClass,
) -> jstring {
    run_or_throw(&mut env, std::ptr::null_mut(), |env| {
        Ok(env.new_string(calls::native_version())?.into_raw())
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_vellum_bridge_NativeMethods_createExtractor(
    mut env: JNIEnv,
    _class: JClass,
    config_json: JByteArray,
) -> jlong {
    run_or_throw(&mut env, 0, |env| {
        calls::create_extractor(&env.convert_byte_array(&config_json)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_vellum_bridge_NativeMethods_extract(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    input_array: jlong,
    input_schema: jlong,
    output_array: jlong,
    output_schema: jlong,
) {
    // SAFETY: `BatchExtractor` passes the addresses of `ArrowArray`/`ArrowSchema` structs it
    // allocated: the inputs freshly filled by `Data.exportVectorSchemaRoot` and given up to us,
    // the outputs zeroed by `allocateNew`; it reads none of them until this call returns.
    run_or_throw(&mut env, (), |_| unsafe {
        calls::extract(
            handle,
            input_array,
            input_schema,
            output_array,
            output_schema,
        )
    })
}

#[no_mangle]
pub extern "system" fn Java_dev_vellum_bridge_NativeMethods_closeExtractor(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
) {
    run_or_throw(&mut env, (), |_| calls::close_extractor(handle))
}
