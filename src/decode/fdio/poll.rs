//! Multiplexing: poll/ppoll and select/pselect6 arguments and their return summaries
//! (`= 1 ([{fd=3, revents=POLLIN}], left {...})`), pselect6's sigmask pair, and
//! struct epoll_event.

use super::super::Ctx;
use super::super::basic::print_fd;
use super::super::fmt;
use super::super::signal::print_signame;
use crate::arch::Arch;
use crate::decode::array::print_array;
use crate::decode::bytes::{le, print_flags, read_or_addr, read_struct, sle};
use std::fmt::Write;

pub(super) fn print_pollfds(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    print_array(c, addr, n, 8, o, |o, b| {
        let fd = sle(b, 0, 4);
        o.push_str("{fd=");
        print_fd(c, fd, o);
        if fd >= 0 {
            o.push_str(", events=");
            print_flags(c, "pollflags", le(b, 4, 2), "POLL???", o);
        }
        o.push('}');
    });
}

#[derive(Clone, Copy)]
pub(super) enum TimeKind {
    /// struct timespec with fields of this many bytes.
    Timespec(usize),
    Timeval(usize),
}

/// strace's sprint_timespec/sprint_timeval for the `left {...}` of poll and select.
fn sprint_time(c: &Ctx, addr: u64, kind: TimeKind, o: &mut String) {
    let (fsz, name) = match kind {
        TimeKind::Timespec(f) => (f, "tv_nsec"),
        TimeKind::Timeval(f) => (f, "tv_usec"),
    };
    if addr == 0 {
        o.push_str("NULL");
        return;
    }
    match read_struct(c, addr, 2 * fsz) {
        Some(b) if !c.failed() => {
            let _ = write!(
                o,
                "{{tv_sec={}, {name}={}}}",
                sle(&b, 0, fsz),
                le(&b, fsz, fsz)
            );
        }
        _ => {
            let _ = write!(o, "{addr:#x}");
        }
    }
}

/// The count of ready fds, `0 (Timeout)` when none; the count when the summary of
/// which ones should follow.
fn print_ready(c: &Ctx, o: &mut String) -> Option<i64> {
    let rv = c.arch().long(c.ret().unwrap_or(0) as u64);
    fmt::dec(o, rv);
    if rv == 0 {
        o.push_str(" (Timeout)");
        return None;
    }
    Some(rv)
}

pub(super) fn print_poll_ret(c: &Ctx, ts: Option<TimeKind>, o: &mut String) {
    if print_ready(c, o).is_none() {
        return;
    }
    let start = c.arg(0);
    let n = u64::from(c.iarg(1) as u32);
    if start == 0 || n == 0 {
        return;
    }
    let mut s = String::new();
    let max = if c.unabbreviated() {
        u64::MAX
    } else {
        c.opts.string_limit as u64
    };
    let mut printed = 0u64;
    for i in 0..n {
        let cur = start.wrapping_add(i * 8);
        let Some(b) = read_struct(c, cur, 8) else {
            s.push_str(if s.is_empty() { "[" } else { ", " });
            let _ = write!(s, "{cur:#x}");
            break;
        };
        let revents = le(&b, 6, 2);
        if revents == 0 {
            continue;
        }
        s.push_str(if s.is_empty() { "[" } else { ", " });
        if printed >= max {
            s.push_str("...");
            break;
        }
        let _ = write!(s, "{{fd={}, revents=", sle(&b, 0, 4));
        print_flags(c, "pollflags", revents, "", &mut s);
        s.push('}');
        printed += 1;
    }
    if !s.is_empty() {
        s.push(']');
    }
    if let Some(kind) = ts {
        let pts = c.arg(2);
        if pts != 0 {
            s.push_str(if s.is_empty() { "left " } else { ", left " });
            sprint_time(c, pts, kind, &mut s);
        }
    }
    if !s.is_empty() {
        let _ = write!(o, " ({s})");
    }
}

/// Bytes of an fd_set for `nfds`, rounded to the tracee's long like the kernel.
fn fdset_size(c: &Ctx) -> (i32, usize) {
    let nfds = c.iarg(0).clamp(0, 1024 * 1024);
    let w = c.word();
    let size = ((nfds as usize).div_ceil(8) + w - 1) & !(w - 1);
    (nfds, size)
}

fn set_bits(b: &[u8], nfds: i32) -> impl Iterator<Item = i32> + '_ {
    (0..nfds).filter(move |&j| {
        b.get(j as usize / 8)
            .is_some_and(|byte| byte & (1 << (j % 8)) != 0)
    })
}

pub(super) fn print_fdset(c: &Ctx, addr: u64, o: &mut String) {
    let (nfds, size) = fdset_size(c);
    if size == 0 {
        fmt::addr(o, addr);
        return;
    }
    let Some(b) = read_or_addr(c, addr, size, false, o) else {
        return;
    };
    o.push('[');
    for (k, j) in set_bits(&b, nfds).enumerate() {
        if k > 0 {
            o.push(' ');
        }
        print_fd(c, j.into(), o);
    }
    o.push(']');
}

pub(super) fn print_select_ret(c: &Ctx, kind: TimeKind, o: &mut String) {
    let Some(rv) = print_ready(c, o) else {
        return;
    };
    let (nfds, size) = fdset_size(c);
    let mut ready = rv;
    let mut s = String::new();
    let mut sep = "";
    for (i, label) in ["in", "out", "except"].iter().enumerate() {
        if ready <= 0 {
            break;
        }
        let addr = c.arg(i + 1);
        let Some(b) = (addr != 0 && size > 0)
            .then(|| read_struct(c, addr, size))
            .flatten()
        else {
            continue;
        };
        let mut first = true;
        for j in set_bits(&b, nfds) {
            if first {
                let _ = write!(s, "{sep}{label} [{j}");
                first = false;
                sep = ", ";
            } else {
                let _ = write!(s, " {j}");
            }
            ready -= 1;
            if ready == 0 {
                break;
            }
        }
        // strace closes the bracket whenever anything was printed so far.
        if !s.is_empty() {
            s.push(']');
        }
    }
    let tv = c.arg(4);
    if tv != 0 {
        let _ = write!(s, "{sep}left ");
        sprint_time(c, tv, kind, &mut s);
    }
    let _ = write!(o, " ({s})");
}

/// pselect6's last argument: `{sigmask=[...], sigsetsize=8}`.
pub(super) fn print_sigmask_pair(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let Some(b) = read_or_addr(c, addr, 2 * w, false, o) else {
        return;
    };
    let mask = le(&b, 0, w);
    let len = le(&b, w, w);
    o.push_str("{sigmask=");
    print_sigset(c, mask, len, o);
    let _ = write!(o, ", sigsetsize={len}}}");
}

/// A kernel sigset of `len` bytes: `[INT TERM]`, `~[...]` when 2/3 or more are set.
fn print_sigset(c: &Ctx, addr: u64, len: u64, o: &mut String) {
    // NSIG_BYTES is 8 on every personality we decode.
    if len == 0 || len > 8 {
        fmt::addr(o, addr);
        return;
    }
    let Some(b) = read_or_addr(c, addr, len as usize, false, o) else {
        return;
    };
    let words = (len as usize).div_ceil(4);
    let mut bits = le(&b, 0, len as usize);
    let nbits = words * 32;
    if (bits.count_ones() as usize) >= nbits * 2 / 3 {
        o.push('~');
        bits = !bits
            & if nbits == 64 {
                u64::MAX
            } else {
                (1u64 << nbits) - 1
            };
    }
    o.push('[');
    let mut first = true;
    for i in 0..nbits {
        if bits & (1 << i) == 0 {
            continue;
        }
        if !first {
            o.push(' ');
        }
        first = false;
        let mut name = String::new();
        print_signame(&mut name, i as i32 + 1);
        o.push_str(name.strip_prefix("SIG").unwrap_or(&name));
    }
    o.push(']');
}

// ---------------------------------------------------------------------------
// epoll.

/// x86 packs struct epoll_event (12 bytes); elsewhere `data` is 8-byte aligned.
pub(super) fn epoll_event_size(arch: Arch) -> usize {
    match arch {
        Arch::X86_64 | Arch::I386 | Arch::X32 => 12,
        _ => 16,
    }
}

pub(super) fn print_epoll_event(c: &Ctx, b: &[u8], o: &mut String) {
    let data_off = if b.len() == 12 { 4 } else { 8 };
    o.push_str("{events=");
    print_flags(c, "epollevents", le(b, 0, 4), "EPOLL???", o);
    let data = le(b, data_off, 8);
    let _ = write!(o, ", data={{u32={}, u64={data}}}}}", data as u32);
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;
    use super::*;

    #[test]
    fn poll_and_epoll() {
        let mut pf = i32s(&[3]);
        pf.extend_from_slice(&[1, 0, 1, 0]);
        pf.extend(i32s(&[-1]));
        pf.extend_from_slice(&[1, 0, 0, 0]);
        let m = RecordedMemory::new().with(0x1000, pf);
        assert_eq!(
            x64("poll", [0x1000, 2, 0, 0, 0, 0], 1, &m),
            line(
                "poll([{fd=3, events=POLLIN}, {fd=-1}], 2, 0)",
                "1 ([{fd=3, revents=POLLIN}])"
            )
        );
        assert_eq!(
            x64("poll", [0x1000, 2, 100, 0, 0, 0], 0, &m),
            line(
                "poll([{fd=3, events=POLLIN}, {fd=-1}], 2, 100)",
                "0 (Timeout)"
            )
        );
        // x86 packs epoll_event into 12 bytes; aarch64 aligns data to 8.
        let mut ev = 1u32.to_le_bytes().to_vec();
        ev.extend(5u64.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, ev);
        assert_eq!(
            x64("epoll_wait", [4, 0x1000, 8, (-1i64) as u64, 0, 0], 1, &m),
            line(
                "epoll_wait(4, [{events=EPOLLIN, data={u32=5, u64=5}}], 8, -1)",
                "1"
            )
        );
        let mut ev = 4u32.to_le_bytes().to_vec();
        ev.extend([0u8; 4]);
        ev.extend(0x1_0000_0006u64.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, ev);
        assert_eq!(
            render_named(
                Arch::Aarch64,
                "epoll_ctl",
                [4, 1, 6, 0x1000, 0, 0],
                Some(0),
                &m
            ),
            line(
                "epoll_ctl(4, EPOLL_CTL_ADD, 6, {events=EPOLLOUT, data={u32=6, u64=4294967302}})",
                "0"
            )
        );
        assert_eq!(
            x64("epoll_ctl", [4, 2, 6, 0x1000, 0, 0], 0, &m),
            line("epoll_ctl(4, EPOLL_CTL_DEL, 6, 0x1000)", "0")
        );
        assert_eq!(
            x64("epoll_wait", [4, 0x1000, 8, 0, 0, 0], -4, &m),
            line(
                "epoll_wait(4, 0x1000, 8, 0)",
                "-1 EINTR (Interrupted system call)"
            )
        );
    }

    #[test]
    fn select_and_ppoll_return_summaries() {
        // nfds 5: one long of bits; in-set {3}, out-set {4}; timeval {1, 999}.
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[1 << 3]))
            .with(0x2000, u64s(&[1 << 4]))
            .with(0x3000, u64s(&[1, 999]));
        let sel = |ret| {
            ret_with(
                Arch::X86_64,
                "select",
                [5, 0x1000, 0x2000, 0, 0x3000, 0],
                ret,
                &m,
                |c, o| print_select_ret(c, TimeKind::Timeval(8), o),
            )
        };
        assert_eq!(sel(2), "2 (in [3], out [4], left {tv_sec=1, tv_usec=999})");
        assert_eq!(sel(1), "1 (in [3], left {tv_sec=1, tv_usec=999})");
        assert_eq!(sel(0), "0 (Timeout)");
        let o = print_with(
            Arch::X86_64,
            "select",
            [5, 0x1000, 0, 0, 0, 0],
            None,
            &m,
            |c, o| {
                print_fdset(c, 0x1000, o);
                o.push(' ');
                print_fdset(c, 0, o);
                o.push(' ');
                print_fdset(c, 0x9000, o);
            },
        );
        assert_eq!(o, "[3] NULL 0x9000");
        // ppoll: revents at offset 6; the timespec left over.
        let mut pf = i32s(&[7]);
        pf.extend_from_slice(&[1, 0, 4, 0]);
        let m = RecordedMemory::new()
            .with(0x1000, pf)
            .with(0x2000, u64s(&[0, 5000]));
        assert_eq!(
            ret_with(
                Arch::X86_64,
                "ppoll",
                [0x1000, 1, 0x2000, 0, 8, 0],
                1,
                &m,
                |c, o| print_poll_ret(c, Some(TimeKind::Timespec(8)), o)
            ),
            "1 ([{fd=7, revents=POLLOUT}], left {tv_sec=0, tv_nsec=5000})"
        );
        // pselect6's {sigmask, size} pair, i386 layout.
        let m = RecordedMemory::new()
            .with(0x1000, i32s(&[0x2000, 8]))
            .with(0x2000, u64s(&[(1 << 1) | (1 << 14)]));
        let o = print_with(Arch::I386, "pselect6", [0; 6], None, &m, |c, o| {
            print_sigmask_pair(c, 0x1000, o)
        });
        assert!(o.starts_with("{sigmask=["), "{o}");
        assert!(o.ends_with("], sigsetsize=8}"), "{o}");
    }
}
