//! clone and clone3: the flag word with its exit signal, the arguments that exist only
//! under certain flags, clone3's `struct clone_args`, and the i386 TLS descriptor
//! (`struct user_desc`) that clone, set_thread_area and modify_ldt share.

use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::array::print_array;
use crate::decode::basic::print_uid;
use crate::decode::bytes::{klong, le, print_flags, print_num_at, read_bytes};
use crate::decode::fmt;
use crate::decode::signal::print_signame_styled;
use crate::table::ArgSpec;
use std::fmt::Write;

const CSIGNAL: u64 = 0xff;
const CLONE_PIDFD: u64 = 0x1000;
pub(super) const CLONE_SETTLS: u64 = 0x80000;
const CLONE_PARENT_SETTID: u64 = 0x100000;
pub(super) const CLONE_CHILD_CLEARTID: u64 = 0x200000;
pub(super) const CLONE_CHILD_SETTID: u64 = 0x1000000;
const CLONE_INTO_CGROUP: u64 = 0x2_0000_0000;

/// clone flags with the exit signal in the low byte: `CLONE_VM|...|SIGCHLD`.
pub(super) fn print_clone_flags(c: &Ctx, v: u64, o: &mut String) {
    let flags = v & !CSIGNAL;
    let sig = (v & CSIGNAL) as i32;
    if flags != 0 {
        print_flags(c, "clone_flags", flags, "CLONE_???", o);
        if sig != 0 {
            o.push('|');
            print_signame_styled(c, o, sig);
        }
    } else {
        print_signame_styled(c, o, sig);
    }
}

pub(super) fn print_clone_ptid(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let flags = c.arg(0);
    if flags & (CLONE_PARENT_SETTID | CLONE_PIDFD) == 0 {
        return false;
    }
    // The kernel stores the child's tid (or the pidfd) there: shown as `[N]`, the
    // pidfd with its `-y` path.
    o.push_str("parent_tid=");
    let settid = flags & CLONE_PARENT_SETTID != 0;
    print_num_at(c, c.arg(2), true, 4, o, |o, v| {
        let v = v as u32 as i32;
        if settid {
            crate::decode::pid::print_id(c, o, v, crate::pidns::PidKind::Tid)
        } else {
            crate::decode::basic::print_fd(c, i64::from(v), o)
        }
    });
    true
}

/// The TLS argument of clone: an i386 `struct user_desc`, an address elsewhere.
pub(super) fn print_tls(c: &Ctx, addr: u64, o: &mut String) {
    if c.arch() != Arch::I386 {
        fmt::addr(o, addr);
        return;
    }
    print_user_desc(c, addr, o);
}

/// struct user_desc from `base_addr` on, with the closing brace: `, base_addr=.., ...,
/// useable=1}`. Shared with get_thread_area, which prints entry_number its own way;
/// `lm` says whether the caller's kernel longs have the `lm` bit (the two callers
/// decide that differently, see theirs).
pub(crate) fn print_user_desc_tail(o: &mut String, b: &[u8; 16], lm: bool) {
    let x8 = |o: &mut String, v: u64| fmt::hex_pad(o, v, 8);
    o.push_str(", base_addr=");
    x8(o, le(b, 4, 4));
    o.push_str(", limit=");
    x8(o, le(b, 8, 4));
    let bits = le(b, 12, 4);
    let _ = write!(
        o,
        ", seg_32bit={}, contents={}, read_exec_only={}, limit_in_pages={}, seg_not_present={}, useable={}",
        bits & 1,
        (bits >> 1) & 3,
        (bits >> 3) & 1,
        (bits >> 4) & 1,
        (bits >> 5) & 1,
        (bits >> 6) & 1
    );
    if lm {
        let _ = write!(o, ", lm={}", (bits >> 7) & 1);
    }
    o.push('}');
}

/// struct user_desc (x86 TLS and LDT entries).
pub(super) fn print_user_desc(c: &Ctx, addr: u64, o: &mut String) {
    let mut b = [0u8; 16];
    if addr == 0 || !c.derefs() || !c.fetch(addr, &mut b) {
        fmt::addr(o, addr);
        return;
    }
    o.push_str("{entry_number=");
    print_uid(o, le(&b, 0, 4) as u32);
    // `lm` exists for 64-bit callers only.
    print_user_desc_tail(o, &b, klong(c) == 8);
}

/// clone_args flags: the clone flags, then the clone3-only ones; `-X raw` the number,
/// `-X verbose` the number and the names in a comment.
fn print_clone3_flags(c: &Ctx, v: u64, o: &mut String) {
    match c.opts.xlat {
        fmt::XlatStyle::Abbrev => clone3_flags_text(c, v, o),
        fmt::XlatStyle::Raw => fmt::hex(o, v),
        fmt::XlatStyle::Verbose => {
            fmt::hex(o, v);
            let mut s = String::new();
            clone3_flags_text(c, v, &mut s);
            // No name matched: the text is the number again, and only its label remains.
            let label = s.strip_prefix(&format!("{v:#x}")).unwrap_or(&s);
            if v != 0 && !label.is_empty() {
                if label.starts_with(' ') {
                    o.push_str(label);
                } else {
                    let _ = write!(o, " /* {label} */");
                }
            }
        }
    }
}

fn clone3_flags_text(c: &Ctx, v: u64, o: &mut String) {
    let mut s = String::new();
    let mut rest = v;
    for set in ["clone_flags", "clone3_flags"] {
        if let Some(x) = crate::table::xlat(set) {
            for (n, val) in x.entries(c.arch()) {
                if val != 0 && rest & val == val {
                    if !s.is_empty() {
                        s.push('|');
                    }
                    s.push_str(n);
                    rest &= !val;
                }
            }
        }
    }
    if s.is_empty() {
        fmt::hex(o, rest);
        if rest != 0 {
            o.push_str(" /* CLONE_??? */");
        }
        return;
    }
    o.push_str(&s);
    if rest != 0 {
        let _ = write!(o, "|{rest:#x}");
    }
}

/// clone3's struct clone_args, and after a successful call ` => {parent_tid=[N]}` for
/// the values the kernel stored.
pub(super) fn print_clone_args(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const MIN_SIZE: u64 = 64;
    let addr = c.arg(a.index);
    let size = c.arg(1);
    let fetch = size.min(88) as usize;
    let mut b = [0u8; 88];
    if (fetch as u64) < MIN_SIZE || !c.fetch(addr, &mut b[..fetch]) {
        fmt::addr(o, addr);
        return true;
    }
    let f = |i: usize| le(&b, i * 8, 8);
    let flags = f(0);
    o.push_str("{flags=");
    print_clone3_flags(c, flags, o);
    let ptr = |o: &mut String, name: &str, v: u64| {
        let _ = write!(o, ", {name}=");
        fmt::addr(o, v);
    };
    if flags & CLONE_PIDFD != 0 {
        ptr(o, "pidfd", f(1));
    }
    if flags & (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID) != 0 {
        ptr(o, "child_tid", f(2));
    }
    if flags & CLONE_PARENT_SETTID != 0 {
        ptr(o, "parent_tid", f(3));
    }
    let sig = f(4);
    o.push_str(", exit_signal=");
    if sig < i32::MAX as u64 {
        print_signame_styled(c, o, sig as i32);
    } else {
        fmt::dec(o, sig);
    }
    ptr(o, "stack", f(5));
    o.push_str(", stack_size=");
    fmt::hex(o, f(6));
    if flags & CLONE_SETTLS != 0 {
        o.push_str(", tls=");
        print_tls(c, f(7), o);
    }
    let (set_tid, set_tid_size) = (f(8), f(9));
    if set_tid != 0 || set_tid_size != 0 {
        if set_tid == 0 || set_tid_size == 0 || set_tid_size > 32 {
            ptr(o, "set_tid", set_tid);
        } else {
            o.push_str(", set_tid=");
            print_array(c, set_tid, set_tid_size, 4, o, |o, e| {
                fmt::dec(o, le(e, 0, 4) as u32 as i32)
            });
        }
        let _ = write!(o, ", set_tid_size={set_tid_size}");
    }
    if fetch > 80 && (f(10) != 0 || flags & CLONE_INTO_CGROUP != 0) {
        let _ = write!(o, ", cgroup={}", f(10));
    }
    print_struct_tail(c, addr, 88, size, o);
    o.push('}');
    if c.exiting() && !c.failed() && flags & (CLONE_PIDFD | CLONE_PARENT_SETTID) != 0 {
        let mut parts = Vec::new();
        for (bit, name, at) in [
            (CLONE_PIDFD, "pidfd", f(1)),
            (CLONE_PARENT_SETTID, "parent_tid", f(3)),
        ] {
            if flags & bit != 0 {
                let mut s = format!("{name}=");
                match c.fetch_uint(at, 4) {
                    Some(v) if bit == CLONE_PARENT_SETTID => {
                        s.push('[');
                        let tid = v as u32 as i32;
                        crate::decode::pid::print_id(c, &mut s, tid, crate::pidns::PidKind::Tid);
                        s.push(']');
                    }
                    Some(v) => {
                        let _ = write!(s, "[{}]", v as u32 as i32);
                    }
                    None => fmt::addr(&mut s, at),
                }
                parts.push(s);
            }
        }
        let _ = write!(o, " => {{{}}}", parts.join(", "));
    }
    true
}

/// The bytes of an extensible structure (clone_args, mount_attr) between the `known`
/// size and the caller's `size`: the kernel needs them zero, so strace shows them when
/// they are not, `???` when they cannot be read, and nothing when they are zero.
pub(crate) fn print_struct_tail(c: &Ctx, addr: u64, known: u64, size: u64, o: &mut String) {
    if size <= known || size > 4096 {
        return;
    }
    match read_bytes(c, addr.wrapping_add(known), (size - known) as usize) {
        None => o.push_str(", ???"),
        Some(tail) if tail.iter().any(|&x| x != 0) => {
            let _ = write!(o, ", /* bytes {known}..{} */ ", size - 1);
            let q = fmt::Quote {
                force_hex: true,
                ..fmt::Quote::default()
            };
            fmt::quote_into(o, &tail, q, c.opts.hex);
        }
        Some(_) => {}
    }
}
