//! Capabilities (capget/capset) and system information (uname, sysinfo).

use super::print_longs;
use crate::decode::Ctx;
use crate::decode::bytes::{klong, le, out_failed, print_flags};
use crate::decode::fmt::{self, Quote};
use crate::table::ArgSpec;
use std::fmt::Write;

pub(super) fn cap_header(c: &Ctx, addr: u64) -> Option<(u32, i32)> {
    if addr == 0 || !c.derefs() {
        return None;
    }
    let mut b = [0u8; 8];
    c.mem
        .read_exact(addr, &mut b)
        .then(|| (le(&b, 0, 4) as u32, le(&b, 4, 4) as u32 as i32))
}

fn print_cap_bits(c: &Ctx, lo: u32, hi: u32, o: &mut String) {
    if lo != 0 || hi == 0 {
        print_flags(c, "cap_mask0", lo.into(), "CAP_???", o);
    }
    if hi != 0 {
        if lo != 0 {
            o.push('|');
        }
        print_flags(c, "cap_mask1", hi.into(), "CAP_???", o);
    }
}

pub(super) fn print_cap_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let header = if out_failed(c, a) {
        None
    } else {
        cap_header(c, c.arg(0))
    };
    let Some((version, _)) = header.filter(|_| addr != 0) else {
        fmt::addr(o, addr);
        return true;
    };
    let n = if version == 0x2007_1026 || version == 0x2008_0522 {
        2
    } else {
        1
    };
    let mut b = [0u8; 24];
    if !c.fetch(addr, &mut b[..12 * n]) {
        fmt::addr(o, addr);
        return true;
    }
    let word = |i: usize, k: usize| {
        if i < n {
            le(&b, i * 12 + k * 4, 4) as u32
        } else {
            0
        }
    };
    for (k, name) in ["effective", "permitted", "inheritable"].iter().enumerate() {
        o.push_str(if k == 0 { "{" } else { ", " });
        let _ = write!(o, "{name}=");
        print_cap_bits(c, word(0, k), word(1, k), o);
    }
    o.push('}');
    true
}

pub(super) fn print_utsname(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    const FIELD: usize = 65;
    let addr = c.arg(a.index);
    let mut b = [0u8; 6 * FIELD];
    if addr == 0 || out_failed(c, a) || !c.derefs() || !c.fetch(addr, &mut b) {
        fmt::addr(o, addr);
        return true;
    }
    let names = [
        "sysname",
        "nodename",
        "release",
        "version",
        "machine",
        "domainname",
    ];
    let shown = if c.unabbreviated() { 6 } else { 2 };
    o.push('{');
    for (i, n) in names.iter().take(shown).enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        let _ = write!(o, "{n}=");
        let f = &b[i * FIELD..(i + 1) * FIELD];
        let end = f.iter().position(|&x| x == 0);
        let q = Quote {
            nul_terminated: true,
            ..Quote::default()
        };
        fmt::quote_into(o, &f[..end.unwrap_or(FIELD)], q, c.opts.hex);
        if end.is_none() {
            o.push_str("...");
        }
    }
    if !c.unabbreviated() {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

pub(super) fn print_sysinfo(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let w = klong(c);
    let high = (10 * w + 4).div_ceil(w) * w;
    let size = high + 2 * w + 4;
    let mut b = [0u8; 128];
    if addr == 0 || out_failed(c, a) || !c.fetch(addr, &mut b[..size]) {
        fmt::addr(o, addr);
        return true;
    }
    let f = |i: usize| le(&b, i * w, w);
    let _ = write!(o, "{{uptime={}, loads=[{}, {}, {}]", f(0), f(1), f(2), f(3));
    let names = [
        "totalram",
        "freeram",
        "sharedram",
        "bufferram",
        "totalswap",
        "freeswap",
    ];
    print_longs(o, &b, w, 4, &names);
    let _ = write!(
        o,
        ", procs={}, totalhigh={}, freehigh={}, mem_unit={}}}",
        le(&b, 10 * w, 2),
        le(&b, high, w),
        le(&b, high + w, w),
        le(&b, high + 2 * w, 4)
    );
    true
}
