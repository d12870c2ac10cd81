//! ptrace's arguments after the request: which of pid, addr and data each request
//! uses, and the data the kernel fills in (printed at exit), struct
//! ptrace_syscall_info included.

use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum, print_flags, print_num_at, read_bytes};
use crate::decode::fmt;
use crate::decode::signal::{
    print_siginfo_at, print_siginfo_of, print_signame_styled, print_sigset_at,
};
use crate::table::{self, ArgSpec};
use std::fmt::Write;

use super::ptrace_regs::{
    PTRACE_GETREGS, PTRACE_GETREGSET, PTRACE_SETFPREGS, PTRACE_SETREGSET, print_regs_data,
    print_regset_iov,
};

const PTRACE_PEEKSIGINFO: u64 = 0x4209;
const PTRACE_SETSIGMASK: u64 = 0x420b;
const PTRACE_SECCOMP_GET_METADATA: u64 = 0x420d;
const PTRACE_GET_SYSCALL_INFO: u64 = 0x420e;

/// Requests whose data the kernel fills in: PTRACE_PEEKTEXT/PEEKDATA/PEEKUSER,
/// PTRACE_GETEVENTMSG and PTRACE_GET_SYSCALL_INFO, printed at exit.
fn ptrace_data_at_exit(req: u64) -> bool {
    matches!(
        req,
        1..=3
            | 0x4201
            | PTRACE_GET_SYSCALL_INFO
            | PTRACE_PEEKSIGINFO
            | PTRACE_GETREGS..=PTRACE_SETFPREGS
            | PTRACE_GETREGSET
            | PTRACE_SETREGSET
    )
}

/// What ptrace_data needs from entry: the iov_len of a register-set request, which
/// the kernel rewrites (u64::MAX when there is none).
pub(super) fn capture_ptrace_data(c: &Ctx, _: &ArgSpec) -> u64 {
    let data = c.arg(3);
    if !matches!(c.arg(0), PTRACE_GETREGSET | PTRACE_SETREGSET) || data == 0 {
        return u64::MAX;
    }
    c.mem
        .read_uint(data.wrapping_add(c.word() as u64), c.word())
        .unwrap_or(u64::MAX)
}

/// ptrace's pid, addr and (unless the kernel fills it in) data.
pub(super) fn print_ptrace_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if req == 0 {
        // PTRACE_TRACEME ignores the rest.
        return false;
    }
    fmt::dec(o, c.iarg(1));
    // PTRACE_KILL, PTRACE_ATTACH, PTRACE_INTERRUPT, PTRACE_LISTEN ignore addr and data;
    // the register requests ignore addr.
    if matches!(
        req,
        8 | 16 | 0x4207 | 0x4208 | PTRACE_GETREGS..=PTRACE_SETFPREGS
    ) {
        return true;
    }
    o.push_str(", ");
    let addr = c.arg(2);
    match req {
        PTRACE_GETREGSET | PTRACE_SETREGSET => {
            print_enum(c, "nt_descriptor_types", addr, "NT_???", o);
        }
        // struct ptrace_peeksiginfo_args
        PTRACE_PEEKSIGINFO => match (addr != 0).then(|| read_bytes(c, addr, 16)).flatten() {
            Some(b) => {
                let _ = write!(o, "{{off={}, flags=", le(&b, 0, 8));
                print_flags(
                    c,
                    "ptrace_peeksiginfo_flags",
                    le(&b, 8, 4),
                    "PTRACE_PEEKSIGINFO_???",
                    o,
                );
                let _ = write!(o, ", nr={}}}", le(&b, 12, 4) as u32 as i32);
            }
            None => fmt::addr(o, addr),
        },
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
        7 | 17 | 24 | 9 | 33 | 31 | 32 => print_signame_styled(c, o, data as i32),
        0x4206 | 0x4200 | 21 => {
            print_flags(c, "ptrace_setoptions_flags", data, "PTRACE_O_???", o);
        }
        // PTRACE_SETSIGINFO: the siginfo to set.
        0x4203 => print_siginfo_at(c, data, false, o),
        // The new mask, addr bytes long.
        PTRACE_SETSIGMASK => print_sigset_at(c, data, addr, 0, false, o),
        // struct seccomp_metadata: the caller picks the filter.
        PTRACE_SECCOMP_GET_METADATA => {
            match c.mem.read_uint(data, 8).filter(|_| data != 0 && addr >= 8) {
                Some(off) => {
                    let _ = write!(o, "{{filter_off={off}}}");
                }
                None => fmt::addr(o, data),
            }
        }
        _ => fmt::addr(o, data),
    }
    true
}

/// ptrace's data for the requests that return a value through it: `[0x...]`.
pub(super) fn print_ptrace_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let req = c.arg(0);
    if !ptrace_data_at_exit(req) {
        return false;
    }
    match req {
        PTRACE_GET_SYSCALL_INFO => {
            print_syscall_info(c, o);
            return true;
        }
        PTRACE_GETREGS..=PTRACE_SETFPREGS => {
            print_regs_data(c, req, o);
            return true;
        }
        PTRACE_GETREGSET | PTRACE_SETREGSET => {
            let entry_len = c.saved.get(a.index).copied().unwrap_or(u64::MAX);
            print_regset_iov(c, req, entry_len, o);
            return true;
        }
        PTRACE_PEEKSIGINFO => {
            print_peeked_siginfo(c, o);
            return true;
        }
        _ => {}
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

/// struct ptrace_syscall_info: the fields wholly inside the bytes the kernel wrote
/// (the smaller of the caller's size and the result).
fn print_syscall_info(c: &Ctx, o: &mut String) {
    let addr = c.arg(3);
    let len = if c.failed() {
        0
    } else {
        c.arg(2).min(c.ret().unwrap_or(0).max(0) as u64).min(88) as usize
    };
    let Some(b) = (len > 0 && addr != 0)
        .then(|| read_bytes(c, addr, len))
        .flatten()
    else {
        fmt::addr(o, addr);
        return;
    };
    let op = b[0];
    o.push_str("{op=");
    print_enum(
        c,
        "ptrace_syscall_info_op",
        op.into(),
        "PTRACE_SYSCALL_INFO_???",
        o,
    );
    if len >= 8 {
        o.push_str(", arch=");
        print_enum(c, "audit_arch", le(&b, 4, 4), "AUDIT_ARCH_???", o);
    }
    for (end, name) in [(16, "instruction_pointer"), (24, "stack_pointer")] {
        if len >= end {
            let _ = write!(o, ", {name}=");
            fmt::hex(o, le(&b, end - 8, 8));
        }
    }
    if len >= 32 {
        match op {
            // ENTRY and SECCOMP: the call's number and the arguments that fit.
            1 | 3 => {
                let _ = write!(o, ", {}={{nr=", if op == 1 { "entry" } else { "seccomp" });
                let nr = le(&b, 24, 8);
                match table::lookup(c.arch(), nr) {
                    Some((name, _)) => {
                        fmt::named(o, c, &format!("__NR_{name}"), |o| fmt::dec(o, nr));
                    }
                    None => fmt::dec(o, nr),
                }
                let n = ((len - 32) / 8).min(6);
                if n > 0 {
                    o.push_str(", args=[");
                    for i in 0..n {
                        if i > 0 {
                            o.push_str(", ");
                        }
                        fmt::hex(o, le(&b, 32 + 8 * i, 8));
                    }
                    o.push(']');
                }
                if op == 3 && len >= 84 {
                    let _ = write!(o, ", ret_data={:#x}", le(&b, 80, 4));
                }
                o.push('}');
            }
            // EXIT: the result, an error by name when is_error says it is one.
            2 => {
                let rval = le(&b, 24, 8) as i64;
                o.push_str(", exit={rval=");
                let is_error = (len >= 33).then(|| b[32]);
                match is_error
                    .filter(|&e| e != 0)
                    .and_then(|_| table::errno((-rval) as u64))
                {
                    Some(en) => {
                        fmt::named(o, c, &format!("-{}", en.name), |o| fmt::dec(o, rval));
                    }
                    None => fmt::dec(o, rval),
                }
                if let Some(e) = is_error {
                    let _ = write!(o, ", is_error={e}");
                }
                o.push('}');
            }
            _ => {}
        }
    }
    o.push('}');
}

/// PTRACE_PEEKSIGINFO's data: the siginfos the result counts.
fn print_peeked_siginfo(c: &Ctx, o: &mut String) {
    let data = c.arg(3);
    if c.failed() || data == 0 {
        fmt::addr(o, data);
        return;
    }
    let n = c.ret().unwrap_or(0).max(0) as u64;
    crate::decode::array::print_array(c, data, n, 128, o, |o, e| {
        let mut b = [0u8; 128];
        b.copy_from_slice(e);
        print_siginfo_of(c, &b, o);
    });
}
