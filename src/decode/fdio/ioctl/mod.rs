//! Per-subsystem ioctl argument decoders, strace 6.1's `ioctl_decode` behaviour: the
//! request's type byte picks the subsystem, the request's name (from `ioctl_names`,
//! so the per-ABI codes stay data) picks the decoder. A decoder says whether it
//! printed an argument, printed none (`ioctl(-1, FIFREEZE)`), or does not know the
//! request (the caller prints the argument in hex). Terminal, socket and the simple
//! block/random forms stay in `request` and `ifreq`.

use super::super::Ctx;
use crate::table;

mod block;
mod evdev;
mod families;
mod forms;
mod fs;
mod gpio;
mod hdio;
mod loop_dev;
mod misc;
mod mtd;
mod ptp;
mod rtc;
mod scsi;
mod seccomp;
#[cfg(test)]
mod tests;
mod ubi;
mod uffdio;
mod v4l2;

/// What a subsystem decoder did with the argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Arg {
    /// It printed the argument.
    Shown,
    /// The request takes no argument: nothing is printed, not even the comma.
    Hidden,
}

type Decoder = fn(&Ctx, &str, u64, &mut String) -> Option<Arg>;

fn subsystem(typ: u32) -> Option<Decoder> {
    Some(match typ {
        0x03 => hdio::hdio as Decoder,
        0x12 => block::block,
        0x22 => scsi::scsi,
        0x24 => misc::perf,
        0x3d => ptp::ptp,
        0x3e => misc::counter,
        0x4c => loop_dev::loop_dev,
        0x4d => mtd::mtd,
        0x4f | 0x6f => ubi::ubi,
        0x52 => misc::random,
        0x56 => v4l2::v4l2,
        0x57 | 0x89 | 0xab => only_forms,
        0x58 => fs::fs_x,
        0x66 => fs::fs_f,
        0x70 => rtc::rtc,
        0xaa => uffdio::uffdio,
        0xb4 => gpio::gpio,
        0xb7 => misc::nsfs,
        _ => return None,
    })
}

/// The decoder of a subsystem whose requests are all `forms` rows.
fn only_forms(_: &Ctx, _: &str, _: u64, _: &mut String) -> Option<Arg> {
    None
}

/// Every name `ioctl_names` gives `code` on the tracee's arch, in table order.
pub(super) fn names(c: &Ctx, code: u32) -> impl Iterator<Item = &'static str> {
    let arch = c.arch();
    table::xlat("ioctl_names")
        .into_iter()
        .flat_map(move |x| x.entries(arch))
        .filter(move |&(_, v)| v == u64::from(code))
        .map(|(n, _)| n)
}

/// Decodes the argument of a request some subsystem knows, appending it to `o` (the
/// caller wrote the `, ` and drops it on `Hidden`). `None`: no decoder, nothing written.
pub(super) fn decode(c: &Ctx, code: u32, arg: u64, o: &mut String) -> Option<Arg> {
    let typ = (code >> 8) & 0xff;
    if typ == 0x21 {
        let name = names(c, code).next().unwrap_or("");
        return seccomp::seccomp(c, name, code, arg, o);
    }
    if typ == 0x45 {
        // Most 'E' requests are numbered families with no table name.
        let name = names(c, code).next().unwrap_or("");
        return evdev::evdev(c, name, code, arg, o);
    }
    let dec = subsystem(typ)?;
    // strace never decoded the compat (32-bit long) forms of the hdio requests.
    let forms = typ != 0x03 || crate::decode::bytes::klong(c) == 8;
    names(c, code).find_map(|n| match forms::form_of(n).filter(|_| forms) {
        Some(f) => Some(forms::print(c, f, arg, o)),
        None => dec(c, n, arg, o),
    })
}

/// The name strace computes for a request of a numbered family (`EVIOCGBIT(EV_KEY,
/// 96)`), printed before any table names; `style` is the line's `-X` style.
pub(super) fn computed_name(
    c: &Ctx,
    code: u32,
    style: super::super::fmt::XlatStyle,
    o: &mut String,
) -> bool {
    match (code >> 8) & 0xff {
        0x21 => seccomp::name(code, o),
        0x45 => evdev::name(c, code, style, o),
        _ => families::name(code, o),
    }
}

/// What a request's decoder needs from entry, before the kernel overwrites it, tagged
/// with bit 32: the first 4 bytes of HDIO_DRIVE_CMD's buffer, UFFDIO_API's mark.
pub(super) fn capture(c: &Ctx, code: u32, arg: u64) -> u64 {
    let typ = (code >> 8) & 0xff;
    if typ == 0xaa && names(c, code).any(|n| n == "UFFDIO_API") {
        // The features themselves are in the request's slot (`capture_req`).
        return 1 << 32;
    }
    if typ != 0x03 || !names(c, code).any(|n| n == "HDIO_DRIVE_CMD") {
        return 0;
    }
    crate::decode::bytes::read_struct(c, arg, 4).map_or(0, |b| {
        1 << 32 | u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    })
}

/// The request slot's entry value: UFFDIO_API's features, which the kernel rewrites.
pub(super) fn capture_req(c: &Ctx, code: u32, arg: u64) -> u64 {
    if (code >> 8) & 0xff != 0xaa || !names(c, code).any(|n| n == "UFFDIO_API") {
        return 0;
    }
    c.mem.read_uint(arg.wrapping_add(8), 8).unwrap_or(0)
}

/// ioctl's return value: a number, except for the requests that return an fd or a
/// value with a name (strace's RVAL_FD, RVAL_STR).
pub(super) fn print_ret(c: &Ctx, o: &mut String) {
    let code = c.arg(1) as u32;
    if (code >> 8) & 0xff == 0xb7 && names(c, code).any(|n| misc::nsfs_ret(c, n, o)) {
        return;
    }
    super::super::fmt::dec(o, c.arch().long(c.ret().unwrap_or(0) as u64));
}

/// A struct printer: `{a=1, b=2}` with strace's separators.
pub(super) struct Fields<'a> {
    o: &'a mut String,
    n: usize,
}

impl<'a> Fields<'a> {
    pub(super) fn new(o: &'a mut String) -> Self {
        o.push('{');
        Fields { o, n: 0 }
    }
    /// Starts field `name` and hands back the output for its value.
    pub(super) fn f(&mut self, name: &str) -> &mut String {
        if self.n > 0 {
            self.o.push_str(", ");
        }
        self.n += 1;
        self.o.push_str(name);
        self.o.push('=');
        self.o
    }
    pub(super) fn dec(&mut self, name: &str, v: impl std::fmt::Display) {
        let o = self.f(name);
        super::super::fmt::dec(o, v);
    }
    pub(super) fn hex(&mut self, name: &str, v: u64) {
        let o = self.f(name);
        super::super::fmt::hex(o, v);
    }
    /// strace's `???` for a part it could not fetch.
    pub(super) fn more_unavailable(&mut self) {
        if self.n > 0 {
            self.o.push_str(", ");
        }
        self.n += 1;
        self.o.push_str("???");
    }
    /// The output itself, for text that is not a `name=value` field.
    pub(super) fn raw(&mut self) -> &mut String {
        self.o
    }
    /// `...` for the rest of an abbreviated struct.
    pub(super) fn more(&mut self) {
        if self.n > 0 {
            self.o.push_str(", ");
        }
        self.n += 1;
        self.o.push_str("...");
    }
    pub(super) fn end(self) {
        self.o.push('}');
    }
}

/// strace's print_local_array_upto: `count` elements of `size` bytes from `at` (no
/// more than `b` holds), `...` after `-s` of them unless -v.
pub(super) fn local_array(
    c: &Ctx,
    b: &[u8],
    at: usize,
    size: usize,
    count: u64,
    o: &mut String,
    each: impl Fn(&mut String, &[u8]),
) {
    let cap = (b.len().saturating_sub(at) / size.max(1)) as u64;
    let n = count.min(cap);
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
        let off = at + i as usize * size;
        each(o, &b[off..off + size]);
    }
    o.push(']');
}
