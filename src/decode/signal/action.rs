//! Handler structures: sigaction in its rt and old i386 layouts, handler values
//! and the sigaltstack `stack_t`.

use super::sets::{NSIG_BYTES, print_sigset_bits_styled};
use crate::arch::Arch;
use crate::decode::bytes::{le, print_flags, read_or_addr};
use crate::decode::{Ctx, fmt};
use std::fmt::Write;
use std::ops::Range;

/// The handler values with names: the defaults, and the error `signal()` returns.
pub(super) fn sa_handler_name(arch: Arch, v: u64) -> Option<&'static str> {
    match v {
        0 => Some("SIG_DFL"),
        1 => Some("SIG_IGN"),
        _ if v == arch.ulong(u64::MAX) => Some("SIG_ERR"),
        _ => None,
    }
}

pub(super) fn print_sa_handler(c: &Ctx, v: u64, o: &mut String) {
    match sa_handler_name(c.arch(), v) {
        Some(n) => fmt::named(o, c, n, |o| fmt::hex(o, v)),
        None => fmt::addr(o, v),
    }
}

const SA_RESTORER: u64 = 0x0400_0000;

/// Whether the arch's kernel sigaction has an sa_restorer field.
fn has_restorer(arch: Arch) -> bool {
    !matches!(arch, Arch::Riscv64)
}

/// Where a sigaction structure's fields sit, in bytes; the handler is always first.
struct SigactionLayout {
    flags: usize,
    restorer: Option<usize>,
    mask: Range<usize>,
}

/// The kernel's `struct sigaction` of rt_sigaction: handler, flags, [restorer], mask,
/// each field a tracee word except the 8-byte mask.
pub fn print_sigaction(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    let (restorer, mask) = if has_restorer(c.arch()) {
        (Some(2 * w), 3 * w)
    } else {
        (None, 2 * w)
    };
    let layout = SigactionLayout {
        flags: w,
        restorer,
        mask: mask..mask + NSIG_BYTES as usize,
    };
    print_sigaction_as(c, addr, out, &layout, o);
}

/// The old `struct sigaction` of i386 sigaction(2): handler, word mask, flags, restorer.
pub(super) fn print_old_sigaction(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    let layout = SigactionLayout {
        flags: 2 * w,
        restorer: Some(3 * w),
        mask: w..2 * w,
    };
    print_sigaction_as(c, addr, out, &layout, o);
}

fn print_sigaction_as(c: &Ctx, addr: u64, out: bool, l: &SigactionLayout, o: &mut String) {
    let w = c.word();
    let len = l
        .mask
        .end
        .max(l.flags + w)
        .max(l.restorer.map_or(0, |r| r + w));
    let Some(b) = read_or_addr(c, addr, len, out, o) else {
        return;
    };
    o.push_str("{sa_handler=");
    print_sa_handler(c, le(&b, 0, w), o);
    o.push_str(", sa_mask=");
    print_sigset_bits_styled(c, o, b.get(l.mask.clone()).unwrap_or(&[]));
    o.push_str(", sa_flags=");
    let flags = le(&b, l.flags, w);
    print_flags(c, "sigact_flags", flags, "SA_???", o);
    // The kernel only uses (and strace only prints) the restorer the flag announces.
    if let Some(r) = l.restorer.filter(|_| flags & SA_RESTORER != 0) {
        o.push_str(", sa_restorer=");
        fmt::addr(o, le(&b, r, w));
    }
    o.push('}');
}

/// `stack_t` of sigaltstack: `{ss_sp=0x..., ss_flags=SS_ONSTACK, ss_size=8192}`.
pub(super) fn print_stack_t(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    let w = c.word();
    // void *ss_sp; int ss_flags; size_t ss_size — the size is word-aligned.
    let Some(b) = read_or_addr(c, addr, 3 * w, out, o) else {
        return;
    };
    o.push_str("{ss_sp=");
    fmt::addr(o, le(&b, 0, w));
    o.push_str(", ss_flags=");
    let flags = le(&b, w, 4);
    print_flags(c, "sigaltstack_flags", flags, "SS_???", o);
    let _ = write!(o, ", ss_size={}}}", le(&b, 2 * w, w));
}
