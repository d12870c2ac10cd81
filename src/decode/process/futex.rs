//! futex: the arguments after the operation, whose number and meaning depend on the
//! command, and FUTEX_WAKE_OP's encoded operation; futex_waitv's waiter array.

use crate::decode::Ctx;
use crate::decode::array::{abbrev_limit, print_elems};
use crate::decode::bytes::{le, print_flags, xlat_name};
use crate::decode::fmt;
use crate::decode::time::{print_timespec, print_timespec64};
use std::fmt::Write;

/// futex's arguments after the operation, which depend on the command.
pub(super) fn print_futex_rest(c: &Ctx, time64: bool, o: &mut String) -> bool {
    let timespec = |o: &mut String| {
        if time64 {
            print_timespec64(c, c.arg(3), o);
        } else {
            print_timespec(c, c.arg(3), o);
        }
    };
    let cmd = c.iarg(1) & 127;
    let val = c.iarg(2) as u32;
    let val2 = c.iarg(3) as u32;
    let timeout = c.arg(3);
    let uaddr2 = c.arg(4);
    let val3 = c.iarg(5) as u32;
    let bitset = |o: &mut String| match xlat_name(c, "futexbitset", val3.into()) {
        Some(n) => o.push_str(n),
        None => fmt::hex(o, val3.into()),
    };
    match cmd {
        0 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
        }
        6 | 13 => timespec(o),
        9 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
            o.push_str(", ");
            bitset(o);
        }
        10 => {
            let _ = write!(o, "{val}, ");
            bitset(o);
        }
        3 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
        }
        4 | 12 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
            let _ = write!(o, ", {val3}");
        }
        5 => {
            let _ = write!(o, "{val}, {val2}, ");
            fmt::addr(o, uaddr2);
            o.push_str(", ");
            print_wake_op(c, val3, o);
        }
        11 => {
            let _ = write!(o, "{val}, ");
            timespec(o);
            o.push_str(", ");
            fmt::addr(o, uaddr2);
        }
        1 | 2 => {
            let _ = write!(o, "{val}");
        }
        7 | 8 => return false,
        _ => {
            let _ = write!(o, "{val}, ");
            fmt::addr(o, timeout);
            o.push_str(", ");
            fmt::addr(o, uaddr2);
            o.push_str(", ");
            fmt::hex(o, val3.into());
        }
    }
    true
}

/// FUTEX_WAKE_OP's encoded operation: `FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1`.
fn print_wake_op(c: &Ctx, v: u32, o: &mut String) {
    if (v >> 28) & 8 != 0 {
        o.push_str("FUTEX_OP_OPARG_SHIFT<<28|");
    }
    let op = (v >> 28) & 7;
    let cmp = (v >> 24) & 0xf;
    let named = |o: &mut String, set: &str, x: u32, shift: u32, dflt: &str| match xlat_name(
        c,
        set,
        x.into(),
    ) {
        Some(n) => {
            let _ = write!(o, "{n}<<{shift}");
        }
        None => {
            fmt::hex(o, x.into());
            let _ = write!(o, "<<{shift} /* {dflt} */");
        }
    };
    named(o, "futexwakeops", op, 28, "FUTEX_OP_???");
    o.push('|');
    fmt::hex(o, ((v >> 12) & 0xfff).into());
    o.push_str("<<12|");
    named(o, "futexwakecmps", cmp, 24, "FUTEX_OP_CMP_???");
    o.push('|');
    fmt::hex(o, (v & 0xfff).into());
}

/// futex_waitv's `[{val=0x1, uaddr=0x..., flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...]`:
/// struct futex_waitv is 24 bytes on every arch; the kernel takes at most
/// FUTEX_WAITV_MAX (128) of them, and strace shows no more.
pub(super) fn print_futex_waitv(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    const FUTEX_WAITV_MAX: u64 = 128;
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let limit = abbrev_limit(c).min(FUTEX_WAITV_MAX);
    print_elems(c, addr, n, 24, limit, o, |o, _, b| {
        o.push_str("{val=");
        fmt::hex(o, le(b, 0, 8));
        o.push_str(", uaddr=");
        fmt::addr(o, le(b, 8, 8));
        o.push_str(", flags=");
        print_flags(c, "futex_waiter_flags", le(b, 16, 4), "FUTEX_???", o);
        let reserved = le(b, 20, 4);
        if reserved != 0 {
            let _ = write!(o, ", __reserved={reserved:#x}");
        }
        o.push('}');
    });
}
