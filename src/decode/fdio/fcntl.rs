//! fcntl: the argument and the return value, both of which depend on the command
//! (flags, owners, leases, seals, and the struct flock layouts of each personality).

use super::super::Ctx;
use super::super::basic::print_fd;
use super::super::fmt;
use super::super::signal::{print_signame, print_signame_styled};

use crate::arch::Arch;
use crate::decode::bytes::{le, print_enum, print_flags, read_or_addr, sle, xlat_name};
use crate::pidns::PidKind;
use crate::table::ArgSpec;
use std::fmt::Write;

const F_DUPFD: u32 = 0;
const F_GETFD: u32 = 1;
const F_SETFD: u32 = 2;
const F_GETFL: u32 = 3;
const F_SETFL: u32 = 4;
const F_GETLK: u32 = 5;
const F_SETLK: u32 = 6;
const F_SETLKW: u32 = 7;
const F_SETOWN: u32 = 8;
const F_GETOWN: u32 = 9;
const F_SETSIG: u32 = 10;
const F_GETSIG: u32 = 11;
const F_GETLK64: u32 = 12;
const F_SETLK64: u32 = 13;
const F_SETLKW64: u32 = 14;
const F_SETOWN_EX: u32 = 15;
const F_GETOWN_EX: u32 = 16;
const F_OFD_GETLK: u32 = 36;
const F_OFD_SETLK: u32 = 37;
const F_OFD_SETLKW: u32 = 38;
const F_SETLEASE: u32 = 1024;
const F_GETLEASE: u32 = 1025;
const F_NOTIFY: u32 = 1026;
const F_DUPFD_CLOEXEC: u32 = 1030;
const F_SETPIPE_SZ: u32 = 1031;
const F_GETPIPE_SZ: u32 = 1032;
const F_ADD_SEALS: u32 = 1033;
const F_GET_SEALS: u32 = 1034;

fn syscall_is(c: &Ctx, name: &str) -> bool {
    c.arch().syscall_name(c.rec.nr) == Some(name)
}

pub(super) fn print_fcntl_arg(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let cmd = c.iarg(a.index.saturating_sub(1)) as u32;
    let arg = c.arg(a.index);
    let is64 = syscall_is(c, "fcntl64");
    match cmd {
        F_SETFD => print_flags(c, "fdflags", arg, "FD_???", o),
        F_SETOWN => crate::decode::pid::print_pid_or_pgid(c, o, arg as u32 as i32),
        F_SETPIPE_SZ | F_DUPFD | F_DUPFD_CLOEXEC => fmt::dec(o, arg as i64),
        F_SETFL => print_open_modes(o, c, arg),
        F_SETLK | F_SETLKW => print_flock(c, arg, false, false, o),
        F_OFD_SETLK | F_OFD_SETLKW => print_flock(c, arg, true, false, o),
        F_SETLK64 | F_SETLKW64 if is64 => print_flock(c, arg, true, false, o),
        F_GETLK => print_flock(c, arg, false, true, o),
        F_OFD_GETLK => print_flock(c, arg, true, true, o),
        F_GETLK64 if is64 => print_flock(c, arg, true, true, o),
        F_SETOWN_EX => print_owner_ex(c, arg, false, o),
        F_GETOWN_EX => print_owner_ex(c, arg, true, o),
        F_NOTIFY => print_flags(c, "notifyflags", arg, "DN_???", o),
        F_SETLEASE => print_enum(c, "lockfcmds", arg, "F_???", o),
        F_ADD_SEALS => print_flags(c, "f_seals", arg, "F_SEAL_???", o),
        F_SETSIG => print_signame_styled(c, o, arg as i32),
        F_GETOWN | F_GETPIPE_SZ | F_GETFD | F_GETFL | F_GETLEASE | F_GET_SEALS | F_GETSIG => {
            return false;
        }
        _ => fmt::hex(o, arg),
    }
    true
}

/// The access mode by name, then the other open flags: `O_RDWR|O_NONBLOCK`.
fn print_open_modes(o: &mut String, c: &Ctx, v: u64) {
    fmt::styled(o, c, |o| fmt::hex(o, v), |c, o| open_modes_text(o, c, v));
}

fn open_modes_text(o: &mut String, c: &Ctx, v: u64) {
    let acc = v & 3;
    match xlat_name(c, "open_access", acc) {
        Some(n) => o.push_str(n),
        None => fmt::hex(o, acc),
    }
    let rest = v & !3;
    if rest != 0 {
        o.push('|');
        print_flags(c, "open_mode_flags", rest, "", o);
    }
}

/// struct flock (`wide`: flock64) in this personality's layout. Only the F_*GETLK
/// commands are answered by the kernel, so they alone are read at exit and show l_pid.
fn print_flock(c: &Ctx, addr: u64, wide: bool, getlk: bool, o: &mut String) {
    // (size, l_start offset, field size, l_pid offset)
    let (size, start, fsz, pid) = match (c.arch(), wide) {
        (Arch::I386, true) => (24, 4, 8, 20),
        (Arch::Arm, true) => (32, 8, 8, 24),
        (_, _) if c.word() == 8 => (32, 8, 8, 24),
        (Arch::X32, _) => (32, 8, 8, 24),
        _ => (16, 4, 4, 12),
    };
    let Some(b) = read_or_addr(c, addr, size, getlk, o) else {
        return;
    };
    o.push_str("{l_type=");
    print_enum(c, "lockfcmds", le(&b, 0, 2), "F_???", o);
    o.push_str(", l_whence=");
    print_enum(c, "whence_codes", le(&b, 2, 2), "SEEK_???", o);
    let _ = write!(
        o,
        ", l_start={}, l_len={}",
        sle(&b, start, fsz),
        sle(&b, start + fsz, fsz)
    );
    if getlk {
        o.push_str(", l_pid=");
        let l_pid = sle(&b, pid, 4) as i32;
        crate::decode::pid::print_id(c, o, l_pid, PidKind::Tgid);
    }
    o.push('}');
}

fn print_owner_ex(c: &Ctx, addr: u64, exit_data: bool, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 8, exit_data, o) {
        o.push_str("{type=");
        let ty = le(&b, 0, 4);
        print_enum(c, "f_owner_types", ty, "F_OWNER_???", o);
        o.push_str(", pid=");
        // F_OWNER_TID, F_OWNER_PID, F_OWNER_PGRP name the kind of id.
        let kind = match ty {
            0 => PidKind::Tid,
            2 => PidKind::Pgid,
            _ => PidKind::Tgid,
        };
        crate::decode::pid::print_id(c, o, sle(&b, 4, 4) as i32, kind);
        o.push('}');
    }
}

/// A flag-set result: `0x.. (LABEL NAMES)`.
fn print_flags_ret(o: &mut String, c: &Ctx, v: u64, label: &str, set: &str) {
    fmt::hex(o, v);
    let _ = write!(o, " ({label} ");
    print_flags(c, set, v, "", o);
    o.push(')');
}

pub(super) fn print_fcntl_ret(c: &Ctx, o: &mut String) {
    let rv = c.arch().long(c.ret().unwrap_or(0) as u64);
    let urv = c.arch().ulong(rv as u64);
    let cmd = c.iarg(1) as u32;
    match cmd {
        F_DUPFD | F_DUPFD_CLOEXEC => print_fd(c, rv, o),
        F_GETFD if rv != 0 => print_flags_ret(o, c, urv, "flags", "fdflags"),
        F_GETFL => {
            fmt::hex(o, urv);
            // strace spells the result's modes by name whatever -X says.
            o.push_str(" (flags ");
            fmt::abbreviated(c, |c| open_modes_text(o, c, urv));
            o.push(')');
        }
        F_GETLEASE => {
            fmt::hex(o, urv);
            if let Some(n) = xlat_name(c, "lockfcmds", urv) {
                let _ = write!(o, " ({n})");
            }
        }
        F_GET_SEALS if rv != 0 => print_flags_ret(o, c, urv, "seals", "f_seals"),
        F_GETSIG if rv != 0 => {
            fmt::dec(o, rv);
            o.push_str(" (");
            print_signame(o, rv as i32);
            o.push(')');
        }
        // A negative owner is a process group, printed as it is.
        F_GETOWN => crate::decode::pid::print_id(c, o, rv as i32, PidKind::Tgid),
        _ => fmt::dec(o, rv),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;

    #[test]
    fn fcntl_commands() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("fcntl", [3, 3, 0, 0, 0, 0], 0x8002, &m),
            line("fcntl(3, F_GETFL)", "0x8002 (flags O_RDWR|O_LARGEFILE)")
        );
        assert_eq!(
            x64("fcntl", [3, 1, 0, 0, 0, 0], 1, &m),
            line("fcntl(3, F_GETFD)", "0x1 (flags FD_CLOEXEC)")
        );
        assert_eq!(
            x64("fcntl", [3, 1, 0, 0, 0, 0], 0, &m),
            line("fcntl(3, F_GETFD)", "0")
        );
        assert_eq!(
            x64("fcntl", [3, 4, 0o4002, 0, 0, 0], 0, &m),
            line("fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK)", "0")
        );
        assert_eq!(
            x64("fcntl", [3, 1030, 30, 0, 0, 0], 30, &m),
            line("fcntl(3, F_DUPFD_CLOEXEC, 30)", "30")
        );
        assert_eq!(
            x64("fcntl", [3, 12345, 7, 0, 0, 0], -22, &m),
            line(
                "fcntl(3, 0x3039 /* F_??? */, 0x7)",
                "-1 EINVAL (Invalid argument)"
            )
        );
        assert_eq!(
            x64("fcntl", [3, 1034, 0, 0, 0, 0], 6, &m),
            line(
                "fcntl(3, F_GET_SEALS)",
                "0x6 (seals F_SEAL_SHRINK|F_SEAL_GROW)"
            )
        );
    }

    #[test]
    fn fcntl_flock_layouts() {
        // x86_64 struct flock: shorts, then 8-byte start/len, then pid.
        let mut fl = vec![0u8; 32];
        fl[0..2].copy_from_slice(&2u16.to_le_bytes());
        fl[8..16].copy_from_slice(&0i64.to_le_bytes());
        fl[16..24].copy_from_slice(&5i64.to_le_bytes());
        fl[24..28].copy_from_slice(&77i32.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, fl);
        assert_eq!(
            x64("fcntl", [7, 5, 0x1000, 0, 0, 0], 0, &m),
            line(
                "fcntl(7, F_GETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=5, l_pid=77})",
                "0"
            )
        );
        assert_eq!(
            x64("fcntl", [7, 5, 0x1000, 0, 0, 0], -14, &m),
            line("fcntl(7, F_GETLK, 0x1000)", "-1 EFAULT (Bad address)")
        );
        // A set command shows its struct even when it fails.
        assert_eq!(
            x64("fcntl", [7, 6, 0x1000, 0, 0, 0], -11, &m),
            line(
                "fcntl(7, F_SETLK, {l_type=F_UNLCK, l_whence=SEEK_SET, l_start=0, l_len=5})",
                "-1 EAGAIN (Resource temporarily unavailable)"
            )
        );
        // i386: 4-byte start/len in struct flock; flock64 packs start at offset 4.
        let mut fl = vec![0u8; 24];
        fl[0..2].copy_from_slice(&1u16.to_le_bytes());
        fl[2..4].copy_from_slice(&1u16.to_le_bytes());
        fl[4..8].copy_from_slice(&10i32.to_le_bytes());
        fl[8..12].copy_from_slice(&20i32.to_le_bytes());
        let m = RecordedMemory::new().with(0x1000, fl);
        assert_eq!(
            render_named(Arch::I386, "fcntl64", [7, 6, 0x1000, 0, 0, 0], Some(0), &m),
            line(
                "fcntl64(7, F_SETLK, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=10, l_len=20})",
                "0"
            )
        );
        assert_eq!(
            render_named(Arch::I386, "fcntl64", [7, 13, 0x1000, 0, 0, 0], Some(0), &m),
            line(
                "fcntl64(7, F_SETLK64, {l_type=F_WRLCK, l_whence=SEEK_CUR, l_start=85899345930, l_len=0})",
                "0"
            )
        );
    }
}
