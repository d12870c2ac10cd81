//! ptrace's register requests on x86_64: PTRACE_GETREGS/SETREGS (struct
//! user_regs_struct), PTRACE_GETFPREGS/SETFPREGS (struct user_fpregs_struct), and
//! PTRACE_GETREGSET/SETREGSET's iovec with NT_PRSTATUS or NT_FPREGSET, whose fields
//! print as far as the iovec's length covers them. Other personalities show addresses.

use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::array::abbrev_limit;
use crate::decode::bytes::{le, read_bytes};
use crate::decode::fmt;
use std::fmt::Write;

pub(super) const PTRACE_GETREGS: u64 = 12;
pub(super) const PTRACE_SETREGS: u64 = 13;
pub(super) const PTRACE_GETFPREGS: u64 = 14;
pub(super) const PTRACE_SETFPREGS: u64 = 15;
pub(super) const PTRACE_GETREGSET: u64 = 0x4204;
pub(super) const PTRACE_SETREGSET: u64 = 0x4205;

const NT_PRSTATUS: u64 = 1;
const NT_FPREGSET: u64 = 2;

/// struct user_regs_struct: 27 unsigned longs.
const REGS: [&str; 27] = [
    "r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx", "rsi",
    "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss", "fs_base", "gs_base", "ds", "es", "fs",
    "gs",
];
const REGS_SIZE: usize = 27 * 8;
/// struct user_fpregs_struct.
const FPREGS_SIZE: usize = 512;

/// The fields of user_regs_struct inside `b`; false when none is.
fn print_regs(b: &[u8], o: &mut String) -> bool {
    let n = (b.len() / 8).min(REGS.len());
    if n == 0 {
        return false;
    }
    o.push('{');
    for (i, name) in REGS[..n].iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        let _ = write!(o, "{name}=");
        fmt::hex(o, le(b, i * 8, 8));
    }
    true
}

/// The fields of user_fpregs_struct inside `b` (arrays as far as their u32s go).
fn print_fpregs(c: &Ctx, b: &[u8], o: &mut String) -> bool {
    // (name, offset, size, array element count)
    const FIELDS: [(&str, usize, usize, usize); 11] = [
        ("cwd", 0, 2, 0),
        ("swd", 2, 2, 0),
        ("ftw", 4, 2, 0),
        ("fop", 6, 2, 0),
        ("rip", 8, 8, 0),
        ("rdp", 16, 8, 0),
        ("mxcsr", 24, 4, 0),
        ("mxcr_mask", 28, 4, 0),
        ("st_space", 32, 4, 32),
        ("xmm_space", 160, 4, 64),
        ("padding", 416, 4, 24),
    ];
    let len = b.len();
    let mut any = false;
    for (name, off, size, count) in FIELDS {
        if off + size > len {
            break;
        }
        o.push_str(if any { ", " } else { "{" });
        any = true;
        let _ = write!(o, "{name}=");
        if count == 0 {
            fmt::hex(o, le(b, off, size));
            continue;
        }
        let n = ((len - off) / 4).min(count);
        let limit = abbrev_limit(c) as usize;
        o.push('[');
        for i in 0..n {
            if i > 0 {
                o.push_str(", ");
            }
            if i >= limit {
                o.push_str("...");
                break;
            }
            fmt::hex(o, le(b, off + 4 * i, 4));
        }
        o.push(']');
    }
    any
}

/// A register structure of `kind` (NT_PRSTATUS or NT_FPREGSET) at `addr`, `len` bytes
/// of it; `, ...` when `len` goes past it. The address when nothing of it prints.
fn print_regs_at(c: &Ctx, kind: u64, addr: u64, len: u64, o: &mut String) {
    let size = match kind {
        NT_PRSTATUS => REGS_SIZE,
        NT_FPREGSET => FPREGS_SIZE,
        _ => 0,
    };
    let n = (len as usize).min(size);
    let b = (n > 0 && addr != 0)
        .then(|| read_bytes(c, addr, n))
        .flatten();
    let mark = o.len();
    let printed = match (kind, b) {
        (NT_PRSTATUS, Some(b)) => print_regs(&b, o),
        (NT_FPREGSET, Some(b)) => print_fpregs(c, &b, o),
        _ => false,
    };
    if !printed {
        o.truncate(mark);
        fmt::addr(o, addr);
        return;
    }
    if len > size as u64 {
        o.push_str(", ...");
    }
    o.push('}');
}

/// Whether this personality's register layouts are decoded.
pub(super) fn decoded(c: &Ctx) -> bool {
    c.arch() == Arch::X86_64
}

/// PTRACE_GETREGS/SETREGS/GETFPREGS/SETFPREGS's data: the whole structure, read at
/// exit for the GET requests (the address when they failed).
pub(super) fn print_regs_data(c: &Ctx, req: u64, o: &mut String) {
    let data = c.arg(3);
    let get = matches!(req, PTRACE_GETREGS | PTRACE_GETFPREGS);
    if !decoded(c) || (get && c.failed()) {
        fmt::addr(o, data);
        return;
    }
    let (kind, size) = if matches!(req, PTRACE_GETREGS | PTRACE_SETREGS) {
        (NT_PRSTATUS, REGS_SIZE)
    } else {
        (NT_FPREGSET, FPREGS_SIZE)
    };
    print_regs_at(c, kind, data, size as u64, o);
}

/// PTRACE_GETREGSET/SETREGSET's iovec: `{iov_base={r15=...}, iov_len=224 => 216}`.
/// `entry_len` is iov_len as the caller set it (u64::MAX when it was unreadable): the
/// kernel rewrites it to the size it transferred.
pub(super) fn print_regset_iov(c: &Ctx, req: u64, entry_len: u64, o: &mut String) {
    let data = c.arg(3);
    let w = c.word();
    let Some(b) = (data != 0).then(|| read_bytes(c, data, 2 * w)).flatten() else {
        fmt::addr(o, data);
        return;
    };
    let (base, exit_len) = (le(&b, 0, w), le(&b, w, w));
    let len = if entry_len == u64::MAX {
        exit_len
    } else {
        entry_len
    };
    let kind = c.arg(2);
    o.push_str("{iov_base=");
    let shown = if req == PTRACE_GETREGSET {
        (!c.failed()).then_some(exit_len)
    } else {
        // The caller's data, whole longs of it.
        len.is_multiple_of(w as u64).then_some(len)
    };
    match shown {
        Some(n) if decoded(c) => print_regs_at(c, kind, base, n, o),
        _ => fmt::addr(o, base),
    }
    let _ = write!(o, ", iov_len={len}");
    if c.exiting() && exit_len != len {
        let _ = write!(o, " => {exit_len}");
    }
    o.push('}');
}
