//! Primitives the fd decoders share: xlat lookups with strace's printflags/printxval
//! rules and strace's fetch-or-print-address helpers (printstrn with its -s+1 fetch,
//! print_array, printnum_*). Field reads and umove_or_printaddr are `bytes`'.
//! They live here rather than in `fmt` because they mirror strace quirks the other
//! decoders do not all share (xflags' zero rule, the extra byte of printstrn).

use super::super::Ctx;
use super::super::fmt::{self, Quote};
use crate::decode::bytes::{le, read_bytes, read_or_addr, sle};
use crate::table::{self, Xlat};

pub(super) fn set(name: &str) -> Option<&'static Xlat> {
    table::xlat(name)
}

/// printflags: names joined by `|`, unknown rest in hex, `0x.. /* DFLT */` when no name
/// matched (no comment when `dflt` is empty).
/// Zero prints the first row's name when that row is zero, else `0` only when the
/// caller has a dflt: strace's printflags prints nothing for `0` without one, which is
/// why termios fields can end in a bare `|`.
pub(super) fn xflags(o: &mut String, c: &Ctx, name: &str, v: u64, dflt: &str) {
    match set(name) {
        Some(x) if v == 0 => match x.entries(c.arch()).next() {
            Some((n, 0)) => o.push_str(n),
            _ if !dflt.is_empty() => o.push('0'),
            _ => {}
        },
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

/// printxval: the name, or `0x.. /* DFLT */`.
pub(super) fn xenum(o: &mut String, c: &Ctx, name: &str, v: u64, dflt: &str) {
    match set(name) {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => fmt::hex(o, v),
    }
}

pub(super) fn xname(c: &Ctx, name: &str, v: u64) -> Option<&'static str> {
    set(name).and_then(|x| x.name_of(c.arch(), v))
}

/// printstrn: `len` bytes at `addr`, cut at `-s`. Like strace it fetches one byte past
/// the limit, so a buffer whose memory ends right after the limit prints as an address.
pub(super) fn print_strn(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let limit = c.opts.string_limit;
    let size = len.min((limit as u64).saturating_add(1)) as usize;
    let Some(bytes) = read_bytes(c, addr, size) else {
        fmt::addr(o, addr);
        return;
    };
    // The extra byte only decides whether the fetch succeeds: escapes never look
    // past the shown bytes.
    fmt::quote_into(o, &bytes[..size.min(limit)], Quote::default(), c.opts.hex);
    if len > limit as u64 {
        o.push_str("...");
    }
}

/// printnum_int64 / printnum_ulong: `[value]`.
/// `exit_data` as in [`read_or_addr`].
pub(super) fn print_num(
    c: &Ctx,
    addr: u64,
    size: usize,
    signed: bool,
    exit_data: bool,
    o: &mut String,
) {
    if let Some(b) = read_or_addr(c, addr, size, exit_data, o) {
        o.push('[');
        if signed {
            fmt::dec(o, sle(&b, 0, size));
        } else {
            fmt::dec(o, le(&b, 0, size));
        }
        o.push(']');
    }
}
