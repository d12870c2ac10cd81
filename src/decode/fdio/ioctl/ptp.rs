//! PTP hardware clock requests ('=', linux/ptp_clock.h), the v1 and "2" variants.
//! Like strace, nothing is decoded under `-e verbose=` without ioctl.

use super::super::super::Ctx;
use super::super::ifreq::print_cstring_field;
use super::{Arg, Fields};
use crate::decode::bytes::{le, print_enum, print_flags, read_bytes, read_or_addr, sle};
use crate::decode::fmt::{self, XlatStyle};
use crate::decode::time::sprinttime;

/// PTP_MAX_SAMPLES.
const MAX_SAMPLES: u64 = 25;
const PEROUT_DUTY_CYCLE: u64 = 2;
const PEROUT_PHASE: u64 = 4;

/// struct ptp_clock_time {s64 sec; u32 nsec; u32 reserved;}, with the date in a
/// comment for absolute times.
fn clock_time(c: &Ctx, b: &[u8], rtc: bool, o: &mut String) {
    let (sec, nsec, rsv) = (sle(b, 0, 8), le(b, 8, 4), le(b, 12, 4));
    let mut s = Fields::new(o);
    s.dec("sec", sec);
    s.dec("nsec", nsec);
    if rsv != 0 {
        s.hex("reserved", rsv);
    }
    s.end();
    if rtc
        && c.opts.xlat != XlatStyle::Raw
        && let Some(t) = sprinttime(sec, nsec, 9)
    {
        o.push_str(" /* ");
        o.push_str(&t);
        o.push_str(" */");
    }
}

/// A reserved u32 array, shown only when not all zero.
fn rsv(b: &[u8], at: usize, n: usize, s: &mut Fields) {
    let part = b.get(at..at + 4 * n).unwrap_or(&[]);
    if part.iter().all(|&x| x == 0) {
        return;
    }
    let o = s.f("rsv");
    o.push('[');
    for i in 0..n {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, le(part, 4 * i, 4));
    }
    o.push(']');
}

fn times(c: &Ctx, b: &[u8], at: usize, n: u64, per: usize, o: &mut String) {
    let limit = if c.unabbreviated() {
        u64::MAX
    } else {
        c.opts.string_limit as u64
    };
    o.push('[');
    for i in 0..n {
        if i > 0 {
            o.push_str(", ");
        }
        if i >= limit {
            o.push_str("...");
            break;
        }
        let e = at + i as usize * 16 * per;
        if per == 1 {
            clock_time(c, b.get(e..e + 16).unwrap_or(&[]), true, o);
        } else {
            o.push('[');
            for k in 0..per {
                if k > 0 {
                    o.push_str(", ");
                }
                let f = e + 16 * k;
                clock_time(c, b.get(f..f + 16).unwrap_or(&[]), true, o);
            }
            o.push(']');
        }
    }
    o.push(']');
}

pub(super) fn ptp(c: &Ctx, name: &str, arg: u64, o: &mut String) -> Option<Arg> {
    if !c.derefs() {
        return None;
    }
    let two = name.ends_with('2');
    match name.trim_end_matches('2') {
        "PTP_CLOCK_GETCAPS" => {
            if let Some(b) = read_or_addr(c, arg, 80, true, o) {
                let mut s = Fields::new(o);
                for (i, f) in [
                    "max_adj",
                    "n_alarm",
                    "n_ext_ts",
                    "n_per_out",
                    "pps",
                    "n_pins",
                    "cross_timestamping",
                    "adjust_phase",
                ]
                .into_iter()
                .enumerate()
                {
                    s.dec(f, sle(&b, 4 * i, 4));
                }
                rsv(&b, 32, 12, &mut s);
                s.end();
            }
        }
        "PTP_EXTTS_REQUEST" => {
            if let Some(b) = read_or_addr(c, arg, 16, false, o) {
                let mut s = Fields::new(o);
                s.dec("index", le(&b, 0, 4));
                print_flags(c, "ptp_extts_flags", le(&b, 4, 4), "PTP_???", s.f("flags"));
                if two {
                    rsv(&b, 8, 2, &mut s);
                }
                s.end();
            }
        }
        "PTP_PEROUT_REQUEST" => {
            if let Some(b) = read_or_addr(c, arg, 56, false, o) {
                let flags = le(&b, 36, 4);
                let mut s = Fields::new(o);
                if flags & PEROUT_PHASE != 0 {
                    clock_time(c, &b[0..16], false, s.f("phase"));
                } else {
                    clock_time(c, &b[0..16], true, s.f("start"));
                }
                clock_time(c, &b[16..32], false, s.f("period"));
                s.dec("index", le(&b, 32, 4));
                print_flags(c, "ptp_perout_flags", flags, "PTP_PEROUT_???", s.f("flags"));
                if flags & PEROUT_DUTY_CYCLE != 0 {
                    clock_time(c, &b[40..56], false, s.f("on"));
                } else if two {
                    rsv(&b, 40, 4, &mut s);
                }
                s.end();
            }
        }
        "PTP_ENABLE_PPS" => fmt::hex(o, arg),
        "PTP_SYS_OFFSET" | "PTP_SYS_OFFSET_EXTENDED" => {
            let ext = name.starts_with("PTP_SYS_OFFSET_EXTENDED");
            let size = if ext { 1216 } else { 832 };
            let Some(b) = read_or_addr(c, arg, size, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.dec("n_samples", le(&b, 0, 4));
            rsv(&b, 4, 3, &mut s);
            if !c.failed() {
                match read_bytes(c, arg, size) {
                    Some(b) => {
                        let n = le(&b, 0, 4).min(MAX_SAMPLES);
                        let (count, per) = if ext { (n, 3) } else { (2 * n + 1, 1) };
                        times(c, &b, 16, count, per, s.f("ts"));
                    }
                    None => s.more_unavailable(),
                }
            }
            s.end();
        }
        "PTP_PIN_GETFUNC" | "PTP_PIN_SETFUNC" => {
            let get = name.starts_with("PTP_PIN_GETFUNC");
            let Some(b) = read_or_addr(c, arg, 96, false, o) else {
                return Some(Arg::Shown);
            };
            let mut s = Fields::new(o);
            s.dec("index", le(&b, 64, 4));
            if get && two {
                rsv(&b, 76, 5, &mut s);
            }
            if get && c.failed() {
                s.end();
                return Some(Arg::Shown);
            }
            if get {
                print_cstring_field(c, &b[0..64], s.f("name"));
            }
            print_enum(c, "ptp_pin_funcs", le(&b, 68, 4), "PTP_PF_???", s.f("func"));
            s.dec("chan", le(&b, 72, 4));
            if !get && two {
                rsv(&b, 76, 5, &mut s);
            }
            s.end();
        }
        "PTP_SYS_OFFSET_PRECISE" => {
            if let Some(b) = read_or_addr(c, arg, 64, true, o) {
                let mut s = Fields::new(o);
                clock_time(c, &b[0..16], true, s.f("device"));
                clock_time(c, &b[16..32], true, s.f("sys_realtime"));
                clock_time(c, &b[32..48], false, s.f("sys_monoraw"));
                rsv(&b, 48, 4, &mut s);
                s.end();
            }
        }
        _ => return None,
    }
    Some(Arg::Shown)
}
