//! ptrace's arguments after the request: which of pid, addr and data each request
//! uses, and the data the kernel fills in (printed at exit).

use crate::decode::Ctx;
use crate::decode::bytes::{print_flags, print_num_at};
use crate::decode::fmt;
use crate::decode::signal::print_signame;
use crate::table::ArgSpec;

/// Requests whose data the kernel fills in: PTRACE_PEEKTEXT/PEEKDATA/PEEKUSER and
/// PTRACE_GETEVENTMSG, printed at exit.
fn ptrace_data_at_exit(req: u64) -> bool {
    matches!(req, 1..=3 | 0x4201)
}

/// ptrace's pid, addr and (unless the kernel fills it in) data.
pub(super) fn print_ptrace_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if req == 0 {
        // PTRACE_TRACEME ignores the rest.
        return false;
    }
    fmt::dec(o, c.iarg(1));
    // PTRACE_KILL, PTRACE_ATTACH, PTRACE_INTERRUPT, PTRACE_LISTEN ignore addr and data.
    if matches!(req, 8 | 16 | 0x4207 | 0x4208) {
        return true;
    }
    o.push_str(", ");
    let addr = c.arg(2);
    match req {
        // PTRACE_GETSIGMASK, PTRACE_SETSIGMASK, PTRACE_SECCOMP_GET_FILTER,
        // PTRACE_SECCOMP_GET_METADATA, PTRACE_GET_SYSCALL_INFO
        0x420a..=0x420e => fmt::dec(o, addr),
        _ => fmt::addr(o, addr),
    }
    if ptrace_data_at_exit(req) {
        return true;
    }
    o.push_str(", ");
    let data = c.arg(3);
    match req {
        7 | 17 | 24 | 9 | 33 | 31 | 32 => print_signame(o, data as i32),
        0x4206 | 0x4200 | 21 => {
            print_flags(c, "ptrace_setoptions_flags", data, "PTRACE_O_???", o);
        }
        _ => fmt::addr(o, data),
    }
    true
}

/// ptrace's data for the requests that return a value through it: `[0x...]`.
pub(super) fn print_ptrace_data(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if !ptrace_data_at_exit(req) {
        return false;
    }
    print_num_at(c, c.arg(3), true, c.word(), o, |o, v| {
        // PTRACE_GETEVENTMSG's message is a number (a pid, an exit status).
        if req == 0x4201 {
            fmt::dec(o, v);
        } else {
            fmt::addr(o, v);
        }
    });
    true
}
