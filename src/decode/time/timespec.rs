//! The second-and-fraction structures: timespec and timeval, their interval pairs
//! (itimerspec, itimerval), utimensat's pair, timezone, and the remaining time of
//! interrupted sleeps.

use super::date::{comment, sprinttime};
use super::{TS_64, TS_LONG, width};
use crate::decode::signal::{le, read_or_addr, sle};
use crate::decode::{Ctx, fmt};
use crate::table::{ArgSpec, Param};
use std::fmt::Write;

/// The name of the fraction field: what tells a timespec from a timeval.
pub(super) const NSEC: &str = "tv_nsec";
pub(super) const USEC: &str = "tv_usec";

/// `{tv_sec=1, tv_nsec=500}` from bytes with fields of `w` bytes; the fraction prints
/// unsigned at its own width, as strace zero-extends it.
fn ts_fields(b: &[u8], w: usize, frac: &str, o: &mut String) {
    let _ = write!(o, "{{tv_sec={}, {frac}={}}}", sle(b, 0, w), le(b, w, w));
}

/// `struct timespec` at `addr`, fields the tracee's long.
pub fn print_timespec(c: &Ctx, addr: u64, o: &mut String) {
    print_time_as(c, addr, TS_LONG, NSEC, false, o);
}

/// `struct __kernel_timespec` (64-bit fields on every arch) at `addr`.
pub fn print_timespec64(c: &Ctx, addr: u64, o: &mut String) {
    print_time_as(c, addr, TS_64, NSEC, false, o);
}

/// `struct timeval` at `addr`: `{tv_sec=1, tv_usec=2}`.
pub fn print_timeval(c: &Ctx, addr: u64, o: &mut String) {
    print_time_as(c, addr, TS_LONG, USEC, false, o);
}

/// A timespec or timeval (by `frac`) of field width `w` (see [`width`]).
pub(super) fn print_time_as(c: &Ctx, addr: u64, w: usize, frac: &str, out: bool, o: &mut String) {
    let w = width(c, w);
    if let Some(b) = read_or_addr(c, addr, 2 * w, out, o) {
        ts_fields(&b, w, frac, o);
    }
}

/// The kernel's restart errors: the call was interrupted by a signal.
fn is_erestart(c: &Ctx) -> bool {
    matches!(c.rec.errno(), Some(512..=514) | Some(516))
}

/// The remaining time of an interrupted sleep. It is only written when a signal cut the
/// sleep short (and, for clock_nanosleep, the sleep was relative: flags, the param
/// argument, zero), so otherwise only the address prints.
pub(super) fn print_rem(c: &Ctx, a: &ArgSpec, w: usize, o: &mut String) {
    let addr = c.arg(a.index);
    let relative = match a.param(0) {
        Some(Param::Arg(i)) => c.arg(*i) == 0,
        _ => true,
    };
    if relative && is_erestart(c) {
        print_time_as(c, addr, w, NSEC, false, o);
    } else {
        fmt::addr(o, addr);
    }
}

/// `struct timezone`: two ints.
pub fn print_timezone(c: &Ctx, addr: u64, o: &mut String) {
    print_timezone_dir(c, addr, false, o);
}

/// [`print_timezone`] of an argument that may be an out one (`out`).
pub(super) fn print_timezone_dir(c: &Ctx, addr: u64, out: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 8, out, o) {
        let _ = write!(
            o,
            "{{tz_minuteswest={}, tz_dsttime={}}}",
            sle(&b, 0, 4),
            sle(&b, 4, 4)
        );
    }
}

/// `{it_interval={tv_sec=0, tv_nsec=0}, it_value={tv_sec=1, tv_nsec=0}}`.
pub fn print_itimerspec(c: &Ctx, addr: u64, o: &mut String) {
    print_interval_as(c, addr, TS_LONG, NSEC, false, o);
}

/// `{it_interval={tv_sec=0, tv_usec=0}, it_value={tv_sec=1, tv_usec=0}}`.
pub fn print_itimerval(c: &Ctx, addr: u64, o: &mut String) {
    print_interval_as(c, addr, TS_LONG, USEC, false, o);
}

/// An itimerspec or itimerval (by `frac`): two times of field width `w`.
pub(super) fn print_interval_as(
    c: &Ctx,
    addr: u64,
    w: usize,
    frac: &str,
    out: bool,
    o: &mut String,
) {
    let w = width(c, w);
    if let Some(b) = read_or_addr(c, addr, 4 * w, out, o) {
        o.push_str("{it_interval=");
        ts_fields(&b, w, frac, o);
        o.push_str(", it_value=");
        ts_fields(b.get(2 * w..).unwrap_or(&[]), w, frac, o);
        o.push('}');
    }
}

const UTIME_NOW: u64 = (1 << 30) - 1;
const UTIME_OMIT: u64 = (1 << 30) - 2;

/// utimensat's `times[2]`: `[{tv_sec=0, tv_nsec=0}, {...}]`, the special nanosecond
/// values by name, other times with their date as a comment.
pub(super) fn print_timespec_pair_as(c: &Ctx, addr: u64, w: usize, out: bool, o: &mut String) {
    let w = width(c, w);
    let Some(b) = read_or_addr(c, addr, 4 * w, out, o) else {
        return;
    };
    o.push('[');
    for i in 0..2 {
        if i > 0 {
            o.push_str(", ");
        }
        let t = b.get(2 * w * i..).unwrap_or(&[]);
        let (sec, nsec) = (sle(t, 0, w), le(t, w, w));
        // Under -X raw/verbose the fields print, the name as a comment.
        let special = |o: &mut String, name: &str| {
            crate::decode::fmt::named(o, c, name, |o| ts_fields(t, w, NSEC, o))
        };
        match nsec {
            UTIME_NOW => special(o, "UTIME_NOW"),
            UTIME_OMIT => special(o, "UTIME_OMIT"),
            _ => {
                ts_fields(t, w, NSEC, o);
                comment(o, sprinttime(sec, nsec, 9));
            }
        }
    }
    o.push(']');
}
