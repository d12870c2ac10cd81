//! sendmmsg/recvmmsg: the mmsghdr arrays, recvmmsg's timeout and its return value.

use super::msghdr::{msghdr_size, parse_msghdr, print_msghdr};
use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::bytes::{le, read_struct, u32_at};
use crate::decode::fmt;
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

pub(super) fn mmsghdr_size(c: &Ctx) -> u64 {
    // struct msghdr, then unsigned int msg_len, padded to the word size.
    let w = c.word();
    (msghdr_size(c) + w) as u64
}

/// strace keeps the callers' msg_namelen of at most IOV_MAX messages.
const IOV_MAX: u64 = 1024;

/// recvmmsg at entry: the callers' msg_namelen of each message (up to IOV_MAX), to
/// print `msg_namelen=7 => 38` at exit; the list ends at the first unreadable message,
/// as strace's does.
pub(crate) fn capture_mmsg_namelen_list(c: &Ctx, a: &ArgSpec) -> Vec<u64> {
    let addr = c.arg(a.index);
    let n = u64::from(c.iarg(a.index + 1) as u32).min(IOV_MAX);
    if addr == 0 {
        return Vec::new();
    }
    let size = mmsghdr_size(c);
    (0..n)
        .map_while(|i| {
            c.mem
                .read_uint(addr.wrapping_add(i * size + c.word() as u64), 4)
        })
        .collect()
}

/// The caller's msg_namelen of element `i`, when it was captured.
fn mmsg_user_namelen(c: &Ctx, i: u64) -> Option<i32> {
    c.saved.list.get(i as usize).map(|&v| v as u32 as i32)
}

/// The mmsghdr array: `count` elements, the first `with_len` of which show msg_len;
/// `use_len` limits each element's data to its msg_len; `entry_lens` says whether the
/// callers' msg_namelen were captured at entry (recvmmsg).
pub(super) fn print_mmsgvec(
    c: &Ctx,
    addr: u64,
    count: u64,
    with_len: u64,
    use_len: bool,
    entry_lens: bool,
    o: &mut String,
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let size = mmsghdr_size(c);
    let w = c.word();
    // strace prints no more than IOV_MAX elements.
    let limit = abbrev_limit(c).min(1024);
    print_elems(c, addr, count.min(1024 + 1), size, limit, o, |o, i, b| {
        let m = parse_msghdr(b, w);
        let msg_len = u32_at(b, msghdr_size(c));
        o.push_str("{msg_hdr=");
        let data = if use_len {
            u64::from(msg_len)
        } else {
            u64::MAX
        };
        let user_len = entry_lens.then(|| mmsg_user_namelen(c, i)).flatten();
        print_msghdr(c, &m, user_len, data, o);
        if i < with_len {
            let _ = write!(o, ", msg_len={msg_len}");
        }
        o.push('}');
    });
}

pub(super) fn print_mmsghdr_send(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let with_len = match c.ret() {
        Some(r) if !c.failed() => r as u64,
        _ => 0,
    };
    let count = u64::from(c.iarg(a.index + 1) as u32);
    // The array is printed even for a failed call.
    print_mmsgvec(c, c.arg(a.index), count, with_len, false, false, o);
    true
}

pub(super) fn print_mmsghdr_recv(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let n = c.ret().unwrap_or(0) as u64;
    print_mmsgvec(c, addr, n, n, true, true, o);
    true
}

/// The timeout as it was at entry, packed: bit 63 "read", then seconds and nanoseconds.
pub(super) fn capture_timeout(c: &Ctx, a: &ArgSpec) -> u64 {
    let Some((sec, nsec)) = read_timespec(c, a, c.arg(a.index)) else {
        return 0;
    };
    if !(0..1 << 33).contains(&sec) || !(0..1 << 30).contains(&nsec) {
        // Does not fit: print what is there at exit instead.
        return 1 << 62;
    }
    (1 << 63) | (sec as u64) << 30 | nsec as u64
}

/// Width of a timespec field: x32 has 64-bit time_t with 32-bit pointers.
pub(super) fn timespec_size(c: &Ctx, a: &ArgSpec) -> usize {
    if matches!(a.param(0), Some(Param::Num(64))) || c.arch() == crate::arch::Arch::X32 {
        8
    } else {
        c.word()
    }
}

pub(super) fn read_timespec(c: &Ctx, a: &ArgSpec, addr: u64) -> Option<(i64, i64)> {
    if addr == 0 {
        return None;
    }
    let s = timespec_size(c, a);
    let b = read_struct(c, addr, 2 * s)?;
    let v = |off| {
        let x = le(&b, off, s);
        if s == 4 {
            i64::from(x as u32 as i32)
        } else {
            x as i64
        }
    };
    Some((v(0), v(s)))
}

pub(super) fn format_timespec(c: &Ctx, a: &ArgSpec, addr: u64, o: &mut String) {
    match read_timespec(c, a, addr) {
        Some((s, ns)) => {
            // tv_nsec prints zero-extended from its width, as strace does.
            let ns = if timespec_size(c, a) == 4 {
                u64::from(ns as u32)
            } else {
                ns as u64
            };
            let _ = write!(o, "{{tv_sec={s}, tv_nsec={ns}}}");
        }
        None => fmt::addr(o, addr),
    }
}

pub(super) fn print_mmsg_timeout(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let v = c.saved.get(a.index).copied().unwrap_or(0);
    if addr == 0 {
        o.push_str("NULL");
    } else if !c.derefs() {
        fmt::addr(o, addr);
    } else if v >> 63 != 0 {
        let _ = write!(
            o,
            "{{tv_sec={}, tv_nsec={}}}",
            (v >> 30) & ((1 << 33) - 1),
            v & ((1 << 30) - 1)
        );
    } else if v >> 62 != 0 || !c.exiting() {
        format_timespec(c, a, addr, o);
    } else {
        fmt::addr(o, addr);
    }
    true
}

/// recvmmsg's return: `0 (Timeout)`, or the count and the time `left` in the timeout.
pub(super) fn print_recvmmsg_ret(c: &Ctx, o: &mut String) {
    let r = c.ret().unwrap_or(0);
    fmt::dec(o, r);
    if r == 0 {
        o.push_str(" (Timeout)");
        return;
    }
    let addr = c.arg(4);
    if addr == 0 || !c.derefs() {
        return;
    }
    // The row's timeout argument says how wide its fields are.
    let (_, sig) = crate::decode::describe(c.arch(), c.rec.nr);
    let Some(spec) = sig.and_then(|s| s.args.get(4)) else {
        return;
    };
    o.push_str(" (left ");
    format_timespec(c, spec, addr, o);
    o.push(')');
}
