//! trace: a Linux syscall tracer line-compatible with strace.
//!
//! Flow: `cli` parses flags into a `config::Config`; `tracer` spawns or seizes tracees
//! and runs the wait loop (the only ptrace code); each stop becomes a
//! `record::SyscallRecord` handed to an `event::Sink`; renderers in `render` decode it
//! with `decode` (pure: record + memory view -> text) using the data of `table`
//! (compiled in from `syscall-tables/`). `sys` holds every unsafe call (ptrace,
//! waitpid, process_vm_readv, localtime); the rest of the crate may not use `unsafe`.

#![deny(unsafe_code)]

pub mod arch;
pub mod cli;
pub mod config;
pub mod decode;
pub mod event;
pub mod filter;
pub mod fixture;
pub mod netdiag;
pub mod pidns;
pub mod procfs;
pub mod record;
pub mod render;
pub mod seccomp;
pub mod sys;
pub mod table;
pub mod tracer;

/// The name trace's messages start with: the `argv[0]` it was started by, as strace's
/// `program_invocation_name` (`trace: ...` when run as `trace`).
pub fn progname() -> &'static str {
    PROGNAME.get().map_or("trace", String::as_str)
}

static PROGNAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets [`progname`] from `argv[0]` (once, at start-up).
pub fn set_progname(argv0: Option<std::ffi::OsString>) {
    if let Some(a) = argv0.filter(|a| !a.is_empty()) {
        let _ = PROGNAME.set(a.to_string_lossy().into_owned());
    }
}
