//! Process hygiene at start-up. A core file could hold the day's address
//! salt, worksheet answers on their way into a PDF or a draft being saved,
//! so the process makes none (and on Linux cannot be read by a debugger of
//! the same user); a panic is logged with where it happened, never its
//! message, which may quote what a visitor typed.

/// Both, for `pathway serve`.
pub fn harden() {
    no_core_dumps();
    log_panics_without_payload();
}

/// Sets the core file limit to zero (soft and hard) and, on Linux, marks
/// the process as not dumpable.
pub fn no_core_dumps() {
    #[cfg(unix)]
    {
        let zero = rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        if let Err(e) = rustix::process::setrlimit(rustix::process::Resource::Core, zero) {
            tracing::warn!(error = %e, "could not switch core dumps off");
        }
    }
    #[cfg(target_os = "linux")]
    if let Err(e) =
        rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
    {
        tracing::warn!(error = %e, "could not mark the process as not dumpable");
    }
}

/// Replaces the panic message on standard error with one log line: the
/// file and line of the panic, and nothing it carried.
pub fn log_panics_without_payload() {
    std::panic::set_hook(Box::new(|info| match info.location() {
        Some(at) => tracing::error!(
            file = at.file(),
            line = at.line(),
            "a panic (its message is not logged: it may hold what a visitor typed)"
        ),
        None => {
            tracing::error!("a panic (its message is not logged: it may hold what a visitor typed)")
        }
    }));
}
