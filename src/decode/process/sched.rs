//! Scheduling: CPU affinity sets and struct sched_attr; and kcmp's indices, whose
//! meaning depends on the comparison type.

use crate::decode::Ctx;
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, out_failed, print_enum, print_flags};
use crate::decode::fmt;
use crate::table::ArgSpec;
use std::fmt::Write;

/// A CPU set as the list of its set bits: `[0 1 2 3]`.
pub(super) fn print_cpuset(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let len = c.len_of(a.param(0)).unwrap_or(0) & 0xffff_ffff;
    if addr == 0 || out_failed(c, a) {
        fmt::addr(o, addr);
        return true;
    }
    print_cpu_list(c, addr, len, o);
    true
}

/// strace's print_affinitylist past its NULL and failure checks: the CPUs set in the
/// `len`-byte mask at `addr`, `[0 1 5]`, or the address when unreadable.
pub(crate) fn print_cpu_list(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    // strace reads at most its own cpu_set size (128 bytes on machines with <= 1024 CPUs).
    const MAX_SIZE: u64 = 128;
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    if len == 0 {
        o.push_str("[]");
        return;
    }
    let want = len.min(MAX_SIZE) as usize;
    let w = c.word();
    let size = want.div_ceil(w) * w;
    let mut b = vec![0u8; size];
    if !c.fetch(addr, &mut b[..want]) {
        fmt::addr(o, addr);
        return;
    }
    o.push('[');
    let mut first = true;
    for (i, byte) in b.iter().enumerate() {
        for bit in 0..8 {
            if byte & (1 << bit) != 0 {
                if !first {
                    o.push(' ');
                }
                first = false;
                fmt::dec(o, i * 8 + bit);
            }
        }
    }
    if (size as u64) < len {
        if !first {
            o.push(' ');
        }
        o.push_str("...");
    }
    o.push(']');
}

/// struct sched_attr: sched_setattr's input or sched_getattr's output (param: size).
pub(super) fn print_sched_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const VER0: usize = 48;
    const FULL: usize = 56;
    let addr = c.arg(a.index);
    let is_set = a.ty.name == "sched_attr_in" || !a.out;
    let mut b = [0u8; FULL];
    let (size, usize_);
    if !is_set {
        let u = c.len_of(a.param(0)).unwrap_or(0) as u32 as usize;
        if u == 0 || c.failed() {
            fmt::addr(o, addr);
            return true;
        }
        let want = u.min(FULL);
        if addr == 0 || !c.fetch(addr, &mut b[..want]) {
            fmt::addr(o, addr);
            return true;
        }
        size = le(&b, 0, 4) as usize;
        usize_ = size;
    } else {
        // sched_setattr prints at exit: the size as the caller set it was captured at
        // entry, as the kernel rewrites it on E2BIG.
        let entry_size = c.saved.get(a.index).copied().unwrap_or(0);
        let read = if entry_size >> 32 == 1 {
            Some(entry_size & 0xffff_ffff)
        } else if entry_size == 0 {
            c.fetch_uint(addr, 4)
        } else {
            None
        };
        let Some(s) = read.filter(|_| addr != 0) else {
            fmt::addr(o, addr);
            return true;
        };
        let u = if s == 0 { VER0 } else { s as usize };
        size = u.min(FULL);
        if size >= VER0 && !c.fetch(addr, &mut b[..size]) {
            fmt::addr(o, addr);
            return true;
        }
        b[..4].copy_from_slice(&(s as u32).to_le_bytes());
        usize_ = u;
    }
    let _ = write!(o, "{{size={}", le(&b, 0, 4));
    if size >= VER0 {
        let policy = le(&b, 4, 4) as u32;
        let flags = le(&b, 8, 8);
        // SCHED_FLAG_KEEP_POLICY | SCHED_FLAG_KEEP_PARAMS
        if !is_set || (policy as i32) < 0 || flags & 0x18 == 0 {
            o.push_str(", sched_policy=");
            print_enum(c, "schedulers", policy.into(), "SCHED_???", o);
        }
        o.push_str(", sched_flags=");
        print_flags(c, "sched_flags", flags, "SCHED_FLAG_???", o);
        if !is_set || flags & 0x10 == 0 {
            let _ = write!(
                o,
                ", sched_nice={}, sched_priority={}, sched_runtime={}, sched_deadline={}, sched_period={}",
                le(&b, 16, 4) as u32 as i32,
                le(&b, 20, 4) as u32,
                le(&b, 24, 8),
                le(&b, 32, 8),
                le(&b, 40, 8)
            );
        }
        if size >= FULL {
            let _ = write!(
                o,
                ", sched_util_min={}, sched_util_max={}",
                le(&b, 48, 4) as u32,
                le(&b, 52, 4) as u32
            );
        }
    }
    if usize_ > size {
        o.push_str(", ...");
    }
    o.push('}');
    // E2BIG: the kernel wrote the size it supports back (`{size=1} => {size=56}`).
    if is_set
        && c.rec.errno() == Some(7)
        && let Some(now) = c.mem.read_uint(addr, 4).filter(|&n| n != le(&b, 0, 4))
    {
        let _ = write!(o, " => {{size={now}}}");
    }
    true
}

/// sched_setattr's size field at entry: `1 << 32 | size`, or `1 << 33` when unreadable.
pub(super) fn capture_sched_attr_size(c: &Ctx, a: &ArgSpec) -> u64 {
    let addr = c.arg(a.index);
    match c.mem.read_uint(addr, 4).filter(|_| addr != 0) {
        Some(s) => 1 << 32 | s,
        None => 1 << 33,
    }
}

pub(super) fn print_kcmp_idx(c: &Ctx, a: &ArgSpec, o: &mut String, first: bool) -> bool {
    let v = c.arg(a.index);
    match c.iarg(2) {
        0 => print_fd(c, v as u32 as i32 as i64, o),
        7 if first => print_fd(c, v as u32 as i32 as i64, o),
        7 => {
            let mut b = [0u8; 12];
            if !c.fetch(v, &mut b) || v == 0 {
                fmt::addr(o, v);
            } else {
                let _ = write!(
                    o,
                    "{{efd={}, tfd={}, toff={}}}",
                    le(&b, 0, 4) as u32 as i32,
                    le(&b, 4, 4) as u32 as i32,
                    le(&b, 8, 4) as u32
                );
            }
        }
        1..=6 => return false,
        _ => fmt::hex(o, v),
    }
    true
}
