//! Reading the tracee's structures, shared by every decoder so that strace's rules are
//! written once: little-endian field access that never panics on a short buffer, the
//! kernel long and split-register layouts, strace's NULL/address fallbacks (for
//! structs, numbers behind pointers and strings cut at `-s`), and the lookups rows need
//! (a word param, a set's names with a hex fallback while the table is absent). Array
//! printing is `array`'s.

use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::fmt::{self, HexStyle, Quote};
use crate::table::{self, ArgSpec, Param, Xlat};
use std::fmt::{Display, Write};

/// The size of the kernel's `long` in the tracee's structs (and of its `time_t`): the
/// tracee's word, except on x32, whose ABI keeps x86_64's 64-bit longs and times
/// behind 32-bit pointers.
pub(crate) fn klong(c: &Ctx) -> usize {
    if c.arch() == Arch::X32 { 8 } else { c.word() }
}

/// The part of umove_or_printaddr before the read: prints `NULL`, or the bare address
/// of an `out` argument a failed call left unwritten, and says whether it printed.
pub(crate) fn null_or_unwritten(c: &Ctx, addr: u64, out: bool, o: &mut String) -> bool {
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    // A failed call has exited, so no entry-time check is needed.
    if out && c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    false
}

/// Reads `len` bytes at `addr`, or prints what strace prints instead and returns
/// `None`: `NULL`, or the bare address when unreadable or when an out argument's call
/// failed, as the kernel then wrote nothing (strace's umove_or_printaddr at exit).
pub(crate) fn read_or_addr(
    c: &Ctx,
    addr: u64,
    len: usize,
    out: bool,
    o: &mut String,
) -> Option<Vec<u8>> {
    if null_or_unwritten(c, addr, out, o) {
        return None;
    }
    if !c.derefs() {
        fmt::addr(o, addr);
        return None;
    }
    let mut b = vec![0u8; len];
    if c.mem.read_exact(addr, &mut b) {
        Some(b)
    } else {
        fmt::addr(o, addr);
        None
    }
}

/// An unsigned little-endian field of `size` bytes; missing bytes read as zero, so a
/// short buffer never panics.
pub(crate) fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off.saturating_add(size.min(8))) {
        w[..s.len()].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

/// A signed field of `size` bytes.
pub(crate) fn sle(b: &[u8], off: usize, size: usize) -> i64 {
    let v = le(b, off, size);
    match size {
        1 => v as u8 as i8 as i64,
        4 => v as u32 as i32 as i64,
        2 => v as u16 as i16 as i64,
        _ => v as i64,
    }
}

pub(crate) fn i32_at(b: &[u8], off: usize) -> i32 {
    sle(b, off, 4) as i32
}

pub(crate) fn u32_at(b: &[u8], off: usize) -> u32 {
    le(b, off, 4) as u32
}

/// Reads `len` bytes at `addr`, printing nothing: for callers with their own fallback.
/// Address 0 is tried like any other (the reader fails it).
pub(crate) fn read_bytes(c: &Ctx, addr: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    c.mem.read_exact(addr, &mut b).then_some(b)
}

/// [`read_bytes`] for a structure: nothing under `-e verbose=` without this call
/// ([`Ctx::fetch`]).
pub(crate) fn read_struct(c: &Ctx, addr: u64, len: usize) -> Option<Vec<u8>> {
    let mut b = vec![0u8; len];
    c.fetch(addr, &mut b).then_some(b)
}

/// Whether an out argument should print only its address: the call failed.
pub(crate) fn out_failed(c: &Ctx, a: &ArgSpec) -> bool {
    a.out && c.failed()
}

/// `[value]` of a pointer to a number; the address when the call failed or the memory
/// is unreadable.
pub(crate) fn print_num(
    c: &Ctx,
    a: &ArgSpec,
    size: usize,
    o: &mut String,
    show: impl Fn(&mut String, u64),
) {
    print_num_at(c, c.arg(a.index), a.out, size, o, show);
}

/// [`print_num`] for a pointer that is not the argument itself; `out` says whether a
/// failed call left it unwritten.
pub(crate) fn print_num_at(
    c: &Ctx,
    addr: u64,
    out: bool,
    size: usize,
    o: &mut String,
    show: impl Fn(&mut String, u64),
) {
    if null_or_unwritten(c, addr, out, o) {
        return;
    }
    if !c.derefs() {
        fmt::addr(o, addr);
        return;
    }
    match c.mem.read_uint(addr, size) {
        Some(v) => {
            o.push('[');
            show(o, v);
            o.push(']');
        }
        None => fmt::addr(o, addr),
    }
}

/// strace's printnum_int/printnum_int64/printnum_ulong: `[value]` in decimal, sign
/// extended from `size` bytes when `signed`.
pub(crate) fn print_dec_at(
    c: &Ctx,
    addr: u64,
    out: bool,
    size: usize,
    signed: bool,
    o: &mut String,
) {
    print_num_at(c, addr, out, size, o, |o, v| {
        if signed {
            fmt::dec(o, sle(&v.to_le_bytes(), 0, size));
        } else {
            fmt::dec(o, v);
        }
    });
}

/// strace's printstrn: `len` bytes at `addr` as a quoted string cut at `-s`, or the
/// address. strace's fd decoders fetch one byte past the limit (`one_more`), so there a
/// buffer whose memory ends right after the limit prints as an address; its socket
/// decoders fetch only what they show. The extra byte only decides whether the fetch
/// succeeds: escapes never look past the shown bytes.
pub(crate) fn print_strn(c: &Ctx, addr: u64, len: u64, one_more: bool, o: &mut String) {
    print_strn_as(c, addr, len, one_more, Quote::default(), o);
}

/// [`print_strn`] quoted with `q` (all-hex buffers).
pub(crate) fn print_strn_as(
    c: &Ctx,
    addr: u64,
    len: u64,
    one_more: bool,
    q: Quote,
    o: &mut String,
) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let limit = c.opts.string_limit;
    let fetch = if one_more {
        limit.saturating_add(1)
    } else {
        limit
    };
    let size = len.min(fetch as u64) as usize;
    let Some(bytes) = read_bytes(c, addr, size) else {
        fmt::addr(o, addr);
        return;
    };
    fmt::quote_into(o, &bytes[..size.min(limit)], q, c.opts.hex);
    if len > limit as u64 {
        o.push_str("...");
    }
}

/// Flags by the names of xlat table `set`, with strace's printflags rules (see
/// [`fmt::xlat_flags`]); in hex while the table is absent (tables may be developed
/// apart from their decoders).
pub(crate) fn print_flags(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    print_flags_of(c, table::xlat(set), v, dflt, o);
}

/// [`print_flags`] for a table the row already resolved.
pub(crate) fn print_flags_of(c: &Ctx, x: Option<&Xlat>, v: u64, dflt: &str, o: &mut String) {
    match x {
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

/// A value of xlat table `set` (strace's printxval): its name or `0x.. /* DFLT */`; bare
/// hex while the table is absent.
pub(crate) fn print_enum(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    print_enum_of(c, table::xlat(set), v, dflt, o);
}

/// [`print_enum`] for a table the row already resolved.
pub(crate) fn print_enum_of(c: &Ctx, x: Option<&Xlat>, v: u64, dflt: &str, o: &mut String) {
    match x {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => fmt::hex(o, v),
    }
}

/// [`print_enum`] for the socket decoders, which mark a value of an absent table as
/// unknown too: `0x.. /* DFLT */`, the comment even when `dflt` is empty.
pub(crate) fn print_enum_noted(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    match table::xlat(set) {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => {
            fmt::hex(o, v);
            let _ = write!(o, " /* {dflt} */");
        }
    }
}

/// The name of `v` in xlat table `set`, if the table exists and has one.
pub(crate) fn xlat_name(c: &Ctx, set: &str, v: u64) -> Option<&'static str> {
    table::xlat(set)?.name_of(c.arch(), v)
}

/// A result as the tracee's signed long, with what it means in parentheses when
/// `name` knows: `= 10 (SIGUSR1)`, `= 5 (TIME_ERROR)`.
pub(crate) fn print_long_ret<T: Display>(
    c: &Ctx,
    o: &mut String,
    name: impl FnOnce(i64) -> Option<T>,
) {
    let v = c.arch().long(c.ret().unwrap_or(0) as u64);
    fmt::dec(o, v);
    if let Some(n) = name(v) {
        let _ = write!(o, " ({n})");
    }
}

/// A 64-bit value a 32-bit personality passes in two registers, low word first from
/// register `lo`. Where the pair starts is the caller's business: the file rows name
/// it, the fd rows derive it from the position (see `split_arg` and `lld_regs`).
pub(crate) fn reg_pair(c: &Ctx, lo: usize) -> u64 {
    let reg = |i: usize| c.rec.args.get(i).copied().unwrap_or(0) & 0xffff_ffff;
    reg(lo) | (reg(lo + 1) << 32)
}

/// The first word param of a row's argument (a set name or label).
pub(crate) fn word_param(a: &ArgSpec) -> Option<&str> {
    a.params.iter().find_map(|p| match p {
        Param::Word(w) => Some(w.as_str()),
        _ => None,
    })
}

/// strace's printstr_ex with QUOTE_OMIT_TRAILING_0 (xattr values, keyctl's key
/// descriptions): one NUL ending the shown bytes is dropped and ends the string.
pub(crate) fn print_str_omit_trailing_nul(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    let limit = c.opts.string_limit;
    let size = (len as usize).min(limit + 1);
    let mut bytes = vec![0u8; size];
    if !c.mem.read_exact(addr, &mut bytes) {
        fmt::addr(o, addr);
        return;
    }
    bytes.truncate(limit);
    let hex = c.opts.hex == HexStyle::All
        || (c.opts.hex == HexStyle::NonAscii
            && bytes
                .iter()
                .any(|&ch| ch > 0x7e || (ch < b' ' && !(9..=13).contains(&ch))));
    let mut ended = false;
    if !hex && bytes.last() == Some(&0) {
        bytes.pop();
        ended = true;
    }
    fmt::quote_into(o, &bytes, Quote::default(), c.opts.hex);
    if !ended && len as usize > limit {
        o.push_str("...");
    }
}
