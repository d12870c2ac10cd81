//! Fetch-or-print-address helpers only the fd decoders use: printstrn with its -s+1
//! fetch and printnum_*. They stay out of `bytes` because they mirror strace quirks
//! the other decoders do not share (the extra byte of printstrn).

use super::super::Ctx;
use super::super::fmt::{self, Quote};
use crate::decode::bytes::read_bytes;

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
