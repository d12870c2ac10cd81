//! Decoders for the file group: paths and file metadata (open flags, struct stat,
//! statx, statfs, directory entries, xattrs, mount, inotify/fanotify, file handles).
//!
//! Struct layouts differ per personality (i386/arm use 32-bit `long`s, x32 uses the
//! x86_64 kernel structs), so struct decoders take their layout from the record's arch,
//! and 64-bit arguments are register pairs on i386/arm (see [`split_arg`]).

use super::basic::print_dirfd;
use super::fmt::{self, HexStyle, Quote};
use super::{ArgType, Ctx, RetType, ty};
use crate::arch::Arch;
use crate::table::{self, ArgSpec, Param};
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("open_flags", |c, a, o| {
        print_open_flags(c, u64::from(c.arg(a.index) as u32), o);
        true
    }),
    ty("open_mode", print_open_mode),
    ty("umode", |c, a, o| {
        // strace passes the mode through an unsigned short.
        fmt::octal_mode(o, c.arg(a.index) & 0xffff);
        true
    }),
    ty("symbolic_mode", |c, a, o| {
        print_symbolic_mode(o, (c.arg(a.index) & 0xffff) as u32);
        true
    }),
    ty("mknod_dev", print_mknod_dev),
    ty("stat", |c, a, o| {
        print_stat(c, c.arg(a.index), o);
        true
    }),
    ty("statx", print_statx),
    ty("statx_flags", print_statx_flags),
    ty("statfs", |c, a, o| {
        print_statfs(c, c.arg(a.index), o);
        true
    }),
    ty("at_flags", |c, a, o| {
        print_set(c, "at_flags", c.arg(a.index), "AT_???", o);
        true
    }),
    ty("access_mode", |c, a, o| {
        print_set(c, "access_modes", c.arg(a.index), "?_OK", o);
        true
    }),
    ty("flags_lbl", |c, a, o| {
        let v = c.arg(a.index);
        match a.xlat() {
            Some(x) => {
                fmt::xlat_flags(o, x, c, v, word_param(a).unwrap_or(""));
            }
            None => fmt::hex(o, v),
        }
        true
    }),
    ty("enum_lbl", |c, a, o| {
        let v = c.arg(a.index);
        match a.xlat() {
            Some(x) => fmt::xlat_enum(o, x, c, v, word_param(a).unwrap_or("")),
            None => fmt::hex(o, v),
        }
        true
    }),
    ty("dirents", |c, a, o| {
        print_dirents(c, a, false, o);
        true
    }),
    ty("dirents64", |c, a, o| {
        print_dirents(c, a, true, o);
        true
    }),
    ty("getcwd_buf", print_getcwd_buf),
    ty("xattr_val", print_xattr_val),
    ty("xattr_list", print_xattr_list),
    ty("utimbuf", print_utimbuf),
    ty("utimes_times", print_utimes_times),
    ty("open_how", print_open_how),
    ty("fan_init_flags", |c, a, o| {
        let v = c.arg(a.index) as u32;
        // The notification class is a two-bit field, not flags.
        let class = u64::from(v & 0xc);
        match table::xlat("fan_classes") {
            Some(x) => fmt::xlat_enum(o, x, c, class, "FAN_CLASS_???"),
            None => fmt::hex(o, class),
        }
        let rest = u64::from(v & !0xc);
        if rest != 0 {
            o.push('|');
            print_set(c, "fan_init_flags", rest, "FAN_???", o);
        }
        true
    }),
    ty("fan_dirfd", |c, a, o| {
        let fd = c.iarg(reg(c, a));
        if fd == -1 {
            o.push_str("FAN_NOFD");
        } else {
            print_dirfd(c, fd, o);
        }
        true
    }),
    ty("mount_fstype", |c, a, o| {
        let (ignore_type, _) = mount_ignores(c);
        if ignore_type {
            fmt::addr(o, c.arg(a.index));
        } else {
            super::basic::print_cstr(c, c.arg(a.index), o);
        }
        true
    }),
    ty("mount_flags", |c, a, o| {
        let mut flags = c.arg(a.index);
        let old_magic = flags & MS_MGC_MSK == MS_MGC_VAL;
        if old_magic {
            flags &= !MS_MGC_MSK;
            o.push_str("MS_MGC_VAL");
            if flags != 0 {
                o.push('|');
            }
        }
        if flags != 0 || !old_magic {
            print_set(c, "mount_flags", flags, "MS_???", o);
        }
        true
    }),
    ty("mount_data", |c, a, o| {
        let (_, ignore_data) = mount_ignores(c);
        if ignore_data {
            fmt::addr(o, c.arg(a.index));
        } else {
            super::basic::print_cstr(c, c.arg(a.index), o);
        }
        true
    }),
    ty("swap_flags", |c, a, o| {
        let v = c.arg(a.index) as u32;
        let prio = v & 0x7fff;
        let flags = u64::from(v & !0x7fff);
        if flags != 0 {
            print_set(c, "swap_flags", flags, "SWAP_FLAG_???", o);
            o.push('|');
        }
        fmt::dec(o, prio);
        true
    }),
    ArgType {
        name: "file_handle_out",
        print: print_file_handle_out,
        capture: Some(capture_handle_bytes),
    },
    ty("statfs64", print_statfs64),
    // The 16-bit ids of i386/arm's chown, lchown, fchown: 0xffff is "no change".
    ty("uid16", |c, a, o| {
        let v = c.arg(a.index) as u16;
        if v == u16::MAX {
            o.push_str("-1");
        } else {
            fmt::dec(o, v);
        }
        true
    }),
    // 64-bit offsets and the arguments after them: on i386/arm a 64-bit value takes two
    // registers, so the number param names the first register there.
    ty("loff", |c, a, o| {
        fmt::dec(o, split_arg(c, a) as i64);
        true
    }),
    ty("uloff", |c, a, o| {
        fmt::dec(o, split_arg(c, a));
        true
    }),
    ty("ulong_at", |c, a, o| {
        fmt::dec(o, c.arg(reg(c, a)));
        true
    }),
    ty("flags_at", |c, a, o| {
        let v = c.arg(reg(c, a));
        match a.xlat() {
            Some(x) => {
                fmt::xlat_flags(o, x, c, v, word_param(a).unwrap_or(""));
            }
            None => fmt::hex(o, v),
        }
        true
    }),
    ty("enum_at", |c, a, o| {
        let v = c.arg(reg(c, a));
        match a.xlat() {
            Some(x) => fmt::xlat_enum(o, x, c, v, word_param(a).unwrap_or("")),
            None => fmt::hex(o, v),
        }
        true
    }),
    ty("path_at", |c, a, o| {
        super::basic::print_path(c, c.arg(reg(c, a)), o);
        true
    }),
    ty("fan_mask", |c, a, o| {
        print_set(c, "fan_event_flags", split_arg(c, a), "FAN_???", o);
        true
    }),
    ty("fsconfig_key", |c, a, o| {
        let key = c.arg(a.index);
        match c.arg(1) {
            0..=5 => {
                let limit = c.opts.string_limit.min(256);
                super::basic::print_cstr_limit(c, key, limit, o);
            }
            _ => fmt::addr(o, key),
        }
        true
    }),
    ty("fsconfig_value", |c, a, o| {
        let value = c.arg(a.index);
        let aux = c.iarg(4);
        match c.arg(1) {
            1 => {
                let limit = c.opts.string_limit.min(256);
                super::basic::print_cstr_limit(c, value, limit, o);
            }
            3 | 4 => super::basic::print_path(c, value, o),
            2 if (0..=1024 * 1024).contains(&aux) => {
                super::basic::print_buf(c, value, aux as u64, o, false, true);
            }
            _ => fmt::addr(o, value),
        }
        true
    }),
    ty("fsconfig_aux", |c, a, o| {
        let aux = c.iarg(a.index);
        match c.arg(1) {
            3 | 4 => print_dirfd(c, aux, o),
            5 => super::basic::print_fd(c, aux.into(), o),
            _ => fmt::dec(o, aux),
        }
        true
    }),
    ty("quota_cmd", |c, a, o| {
        let q = c.arg(a.index) as u32;
        o.push_str("QCMD(");
        print_enum(c, "quotacmds", u64::from(q >> 8), "Q_???", o);
        o.push_str(", ");
        print_enum(c, "quotatypes", u64::from(q & 0xff), "???QUOTA", o);
        o.push(')');
        true
    }),
    ty("quota_id", print_quota_id),
    ty("quota_data", print_quota_data),
    ty("mount_id", print_mount_id),
    ty("file_handle", |c, a, o| {
        print_file_handle_in(c, c.arg(a.index), o);
        true
    }),
];

pub static RETS: &[RetType] = &[];

const O_CREAT: u64 = 0o100;
const O_TMPFILE_BIT: u64 = 0o20000000;
const MS_MGC_VAL: u64 = 0xc0ed_0000;
const MS_MGC_MSK: u64 = 0xffff_0000;

/// The word size of the kernel structs of `arch`: x32 shares x86_64's.
fn kword(arch: Arch) -> usize {
    match arch {
        Arch::X32 => 8,
        a => a.word_bytes(),
    }
}

/// Whether 64-bit syscall arguments take a register pair (low word first).
fn splits_u64(arch: Arch) -> bool {
    matches!(arch, Arch::I386 | Arch::Arm)
}

/// The register of an argument: its position, or on i386/arm the number param (the
/// position shifted by the register pairs before it).
fn reg(c: &Ctx, a: &ArgSpec) -> usize {
    let num = a.params.iter().find_map(|p| match p {
        Param::Num(n) => usize::try_from(*n).ok(),
        _ => None,
    });
    match num {
        Some(n) if splits_u64(c.arch()) && n < 6 => n,
        _ => a.index,
    }
}

/// A 64-bit argument: one register, or a low/high pair on i386/arm.
fn split_arg(c: &Ctx, a: &ArgSpec) -> u64 {
    let r = reg(c, a);
    if splits_u64(c.arch()) {
        let lo = c.rec.args.get(r).copied().unwrap_or(0) & 0xffff_ffff;
        let hi = c.rec.args.get(r + 1).copied().unwrap_or(0) & 0xffff_ffff;
        lo | (hi << 32)
    } else {
        c.rec.args.get(r).copied().unwrap_or(0)
    }
}

fn word_param(a: &ArgSpec) -> Option<&str> {
    a.params.iter().find_map(|p| match p {
        Param::Word(w) => Some(w.as_str()),
        _ => None,
    })
}

fn arg_param(a: &ArgSpec) -> Option<usize> {
    a.params.iter().find_map(|p| match p {
        Param::Arg(i) => Some(*i),
        _ => None,
    })
}

/// Flags of the named set with strace's default comment, or hex when the set is missing.
fn print_set(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    match table::xlat(set) {
        Some(x) => {
            fmt::xlat_flags(o, x, c, v, dflt);
        }
        None => fmt::hex(o, v),
    }
}

fn print_enum(c: &Ctx, set: &str, v: u64, dflt: &str, o: &mut String) {
    match table::xlat(set) {
        Some(x) => fmt::xlat_enum(o, x, c, v, dflt),
        None => fmt::hex(o, v),
    }
}

/// `O_RDONLY|O_CLOEXEC`: the access mode always comes first, then the other bits.
pub fn print_open_flags(c: &Ctx, flags: u64, o: &mut String) {
    let acc = flags & 3;
    match table::xlat("open_access").and_then(|x| x.name_of(c.arch(), acc)) {
        Some(n) => o.push_str(n),
        None => {
            fmt::hex(o, flags);
            return;
        }
    }
    let mut rest = flags & !3;
    if rest == 0 {
        return;
    }
    if let Some(x) = table::xlat("open_mode_flags") {
        for (name, val) in x.entries(c.arch()) {
            if val != 0 && rest & val == val {
                o.push('|');
                o.push_str(name);
                rest &= !val;
            }
            if rest == 0 {
                break;
            }
        }
    }
    if rest != 0 {
        let _ = write!(o, "|{rest:#x}");
    }
}

/// The mode of open/openat: present only when the flags create a file.
fn print_open_mode(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let flags_arg = arg_param(a).unwrap_or(a.index.saturating_sub(1));
    if c.arg(flags_arg) & (O_CREAT | O_TMPFILE_BIT) == 0 {
        return false;
    }
    fmt::octal_mode(o, c.arg(a.index) & 0xffff);
    true
}

/// strace's print_symbolic_mode_t: `S_IFREG|S_ISUID|0755`.
pub fn print_symbolic_mode(o: &mut String, mode: u32) {
    let fmtbits = mode & 0o170000;
    let ifmt = if fmtbits != 0 {
        match table::xlat("modetypes").and_then(|x| x.name_of(Arch::X86_64, u64::from(fmtbits))) {
            Some(n) => n,
            None => {
                fmt::octal_mode(o, u64::from(mode));
                return;
            }
        }
    } else {
        ""
    };
    o.push_str(ifmt);
    if !ifmt.is_empty() {
        o.push('|');
    }
    if mode & 0o4000 != 0 {
        o.push_str("S_ISUID|");
    }
    if mode & 0o2000 != 0 {
        o.push_str("S_ISGID|");
    }
    if mode & 0o1000 != 0 {
        o.push_str("S_ISVTX|");
    }
    fmt::octal_mode(o, u64::from(mode & 0o777));
}

/// glibc's major()/minor() split of a dev_t.
fn major_minor(dev: u64) -> (u64, u64) {
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    (major & 0xffff_ffff, minor & 0xffff_ffff)
}

pub fn print_dev(o: &mut String, dev: u64) {
    let (ma, mi) = major_minor(dev);
    o.push_str("makedev(");
    fmt::hex(o, ma);
    o.push_str(", ");
    fmt::hex(o, mi);
    o.push(')');
}

fn print_mknod_dev(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let mode_arg = arg_param(a).unwrap_or(a.index.saturating_sub(1));
    match c.arg(mode_arg) & 0o170000 {
        0o020000 | 0o060000 => {
            print_dev(o, c.arg(a.index) & 0xffff_ffff);
            true
        }
        _ => false,
    }
}

/// Reads `len` bytes for a struct, or prints what strace prints instead (NULL, or the
/// address when the call failed or the memory is unreadable).
fn fetch_struct(c: &Ctx, addr: u64, len: usize, o: &mut String) -> Option<Vec<u8>> {
    if addr == 0 {
        o.push_str("NULL");
        return None;
    }
    if c.exiting() && c.failed() {
        fmt::addr(o, addr);
        return None;
    }
    let mut b = vec![0u8; len];
    if !c.mem.read_exact(addr, &mut b) {
        fmt::addr(o, addr);
        return None;
    }
    Some(b)
}

fn le(b: &[u8], off: usize, size: usize) -> u64 {
    let mut w = [0u8; 8];
    if let Some(s) = b.get(off..off + size) {
        w[..size].copy_from_slice(s);
    }
    u64::from_le_bytes(w)
}

fn sle(b: &[u8], off: usize, size: usize) -> i64 {
    let v = le(b, off, size);
    match size {
        4 => v as u32 as i32 as i64,
        2 => v as u16 as i16 as i64,
        _ => v as i64,
    }
}

/// The ` /* 2023-11-14T22:13:20.123456789+0000 */` comment strace puts after a time,
/// in local time; nothing for the epoch itself or an invalid fraction.
fn time_comment(o: &mut String, sec: i64, part: u64, max_part: u64, width: usize) {
    if (sec == 0 && part == 0) || part > max_part {
        return;
    }
    let t = sec as libc::time_t;
    // SAFETY: localtime_r only writes into the tm we own.
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    if unsafe { libc::localtime_r(&t, &mut tm) }.is_null() {
        return;
    }
    let _ = write!(
        o,
        " /* {:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        i64::from(tm.tm_year) + 1900,
        tm.tm_mon + 1,
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec
    );
    if part > 0 {
        let _ = write!(o, ".{part:0width$}");
    }
    let off = tm.tm_gmtoff;
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.unsigned_abs();
    let _ = write!(o, "{sign}{:02}{:02} */", off / 3600, (off / 60) % 60);
}

/// Field offsets of one personality's `struct stat`.
struct StatLayout {
    size: usize,
    dev: (usize, usize),
    ino: (usize, usize),
    mode: (usize, usize),
    nlink: (usize, usize),
    uid: (usize, usize),
    gid: (usize, usize),
    rdev: (usize, usize),
    size_f: (usize, usize),
    blksize: (usize, usize),
    blocks: (usize, usize),
    /// atime; mtime and ctime follow, each a (sec, nsec) pair of words.
    times: usize,
    word: usize,
}

fn stat_layout(arch: Arch) -> StatLayout {
    match arch {
        Arch::X86_64 | Arch::X32 => StatLayout {
            size: 144,
            dev: (0, 8),
            ino: (8, 8),
            nlink: (16, 8),
            mode: (24, 4),
            uid: (28, 4),
            gid: (32, 4),
            rdev: (40, 8),
            size_f: (48, 8),
            blksize: (56, 8),
            blocks: (64, 8),
            times: 72,
            word: 8,
        },
        Arch::Aarch64 | Arch::Riscv64 => StatLayout {
            size: 128,
            dev: (0, 8),
            ino: (8, 8),
            mode: (16, 4),
            nlink: (20, 4),
            uid: (24, 4),
            gid: (28, 4),
            rdev: (32, 8),
            size_f: (48, 8),
            blksize: (56, 4),
            blocks: (64, 8),
            times: 72,
            word: 8,
        },
        Arch::I386 | Arch::Arm => StatLayout {
            size: 64,
            dev: (0, 4),
            ino: (4, 4),
            mode: (8, 2),
            nlink: (10, 2),
            uid: (12, 2),
            gid: (14, 2),
            rdev: (16, 4),
            size_f: (20, 4),
            blksize: (24, 4),
            blocks: (28, 4),
            times: 32,
            word: 4,
        },
    }
}

/// A `struct stat` as strace prints it: `{st_mode=S_IFREG|0644, st_size=33, ...}`.
pub fn print_stat(c: &Ctx, addr: u64, o: &mut String) {
    let l = stat_layout(c.arch());
    let Some(b) = fetch_struct(c, addr, l.size, o) else {
        return;
    };
    let f = |(off, size): (usize, usize)| le(&b, off, size);
    let st = StatFields {
        dev: f(l.dev),
        ino: f(l.ino),
        mode: f(l.mode) as u32,
        nlink: f(l.nlink),
        uid: f(l.uid),
        gid: f(l.gid),
        rdev: f(l.rdev),
        size: f(l.size_f),
        blksize: f(l.blksize),
        blocks: f(l.blocks),
        times: [0, 1, 2].map(|i| {
            let at = l.times + i * 2 * l.word;
            (sle(&b, at, l.word), le(&b, at + l.word, l.word))
        }),
    };
    print_stat_fields(c, &st, o);
}

/// The fields strace prints of any stat flavour (stat, stat64, newfstatat).
pub struct StatFields {
    pub dev: u64,
    pub ino: u64,
    pub mode: u32,
    pub nlink: u64,
    pub uid: u64,
    pub gid: u64,
    pub rdev: u64,
    pub size: u64,
    pub blksize: u64,
    pub blocks: u64,
    /// atime, mtime, ctime as (seconds, nanoseconds).
    pub times: [(i64, u64); 3],
}

pub fn print_stat_fields(c: &Ctx, st: &StatFields, o: &mut String) {
    let verbose = c.opts.verbose;
    o.push('{');
    if verbose {
        o.push_str("st_dev=");
        print_dev(o, st.dev);
        let _ = write!(o, ", st_ino={}, st_mode=", st.ino);
        print_symbolic_mode(o, st.mode);
        let _ = write!(
            o,
            ", st_nlink={}, st_uid={}, st_gid={}, st_blksize={}, st_blocks={}",
            st.nlink, st.uid, st.gid, st.blksize, st.blocks
        );
    } else {
        o.push_str("st_mode=");
        print_symbolic_mode(o, st.mode);
    }
    match st.mode & 0o170000 {
        0o020000 | 0o060000 => {
            o.push_str(", st_rdev=");
            print_dev(o, st.rdev);
        }
        _ => {
            let _ = write!(o, ", st_size={}", st.size);
        }
    }
    if verbose {
        for (name, (sec, nsec)) in ["atime", "mtime", "ctime"].iter().zip(st.times) {
            let _ = write!(o, ", st_{name}={sec}");
            time_comment(o, sec, nsec, 999_999_999, 9);
            let _ = write!(o, ", st_{name}_nsec={nsec}");
        }
    } else {
        o.push_str(", ...");
    }
    o.push('}');
}

fn print_statx_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let flags = c.arg(a.index) as u32;
    let sync = u64::from(flags & 0x6000);
    print_set(c, "at_statx_sync_types", sync, "", o);
    let rest = u64::from(flags & !0x6000);
    if rest != 0 {
        o.push('|');
        print_set(c, "at_flags", rest, "", o);
    }
    true
}

fn print_statx_ts(o: &mut String, b: &[u8], off: usize) {
    let sec = sle(b, off, 8);
    let nsec = le(b, off + 8, 4);
    let _ = write!(o, "{{tv_sec={sec}, tv_nsec={nsec}}}");
    time_comment(o, sec, nsec, 999_999_999, 9);
}

fn print_statx(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let Some(b) = fetch_struct(c, c.arg(a.index), 256, o) else {
        return true;
    };
    let verbose = c.opts.verbose;
    let mask = le(&b, 0, 4);
    let has = |bit: u64| mask & bit != 0;
    o.push_str("{stx_mask=");
    print_set(c, "statx_masks", mask, "STATX_???", o);
    if verbose {
        let _ = write!(o, ", stx_blksize={}", le(&b, 4, 4));
    }
    o.push_str(", stx_attributes=");
    print_set(c, "statx_attrs", le(&b, 8, 8), "STATX_ATTR_???", o);
    if verbose {
        if has(0x4) {
            let _ = write!(o, ", stx_nlink={}", le(&b, 16, 4));
        }
        if has(0x8) {
            o.push_str(", stx_uid=");
            super::basic::print_uid(o, le(&b, 20, 4) as u32);
        }
        if has(0x10) {
            o.push_str(", stx_gid=");
            super::basic::print_uid(o, le(&b, 24, 4) as u32);
        }
    }
    if has(0x3) {
        o.push_str(", stx_mode=");
        print_symbolic_mode(o, le(&b, 28, 2) as u32);
    }
    if verbose && has(0x100) {
        let _ = write!(o, ", stx_ino={}", le(&b, 32, 8));
    }
    if has(0x200) {
        let _ = write!(o, ", stx_size={}", le(&b, 40, 8));
    }
    if verbose {
        if has(0x400) {
            let _ = write!(o, ", stx_blocks={}", le(&b, 48, 8));
        }
        o.push_str(", stx_attributes_mask=");
        print_set(c, "statx_attrs", le(&b, 56, 8), "STATX_ATTR_???", o);
        for (bit, name, off) in [
            (0x20, "atime", 64),
            (0x800, "btime", 80),
            (0x80, "ctime", 96),
            (0x40, "mtime", 112),
        ] {
            if has(bit) {
                let _ = write!(o, ", stx_{name}=");
                print_statx_ts(o, &b, off);
            }
        }
        let _ = write!(
            o,
            ", stx_rdev_major={}, stx_rdev_minor={}, stx_dev_major={}, stx_dev_minor={}",
            le(&b, 128, 4),
            le(&b, 132, 4),
            le(&b, 136, 4),
            le(&b, 140, 4)
        );
        if has(0x1000) {
            o.push_str(", stx_mnt_id=");
            fmt::hex(o, le(&b, 144, 8));
        }
        if has(0x2000) {
            let _ = write!(
                o,
                ", stx_dio_mem_align={}, stx_dio_offset_align={}",
                le(&b, 152, 4),
                le(&b, 156, 4)
            );
        }
    } else {
        o.push_str(", ...");
    }
    o.push('}');
    true
}

/// A `struct statfs` (word-sized fields) as strace prints it.
pub fn print_statfs(c: &Ctx, addr: u64, o: &mut String) {
    let w = kword(c.arch());
    let Some(b) = fetch_struct(c, addr, 14 * w + 8, o) else {
        return;
    };
    let word = |i: usize| le(&b, i * w, w);
    o.push_str("{f_type=");
    print_enum(c, "fsmagic", word(0), "", o);
    let _ = write!(
        o,
        ", f_bsize={}, f_blocks={}, f_bfree={}, f_bavail={}, f_files={}, f_ffree={}, f_fsid={{val=[",
        word(1),
        word(2),
        word(3),
        word(4),
        word(5),
        word(6)
    );
    fmt::hex(o, le(&b, 7 * w, 4));
    o.push_str(", ");
    fmt::hex(o, le(&b, 7 * w + 4, 4));
    let at = |i: usize| le(&b, 7 * w + 8 + i * w, w);
    let _ = write!(o, "]}}, f_namelen={}, f_frsize={}", at(0), at(1));
    let flags = at(2);
    if flags & 0x20 != 0 {
        o.push_str(", f_flags=");
        print_set(c, "statfs_flags", flags, "ST_???", o);
    }
    o.push('}');
}

/// A `struct statfs64` (32-bit personalities), accepted only at the sizes the kernel
/// knows: 84 bytes, or 88 with the tail padding of 8-byte-aligned ABIs.
fn print_statfs64(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size != 84 && size != 88 {
        fmt::addr(o, addr);
        return true;
    }
    let Some(b) = fetch_struct(c, addr, 84, o) else {
        return true;
    };
    let u64_at = |i: usize| le(&b, 8 + i * 8, 8);
    o.push_str("{f_type=");
    print_enum(c, "fsmagic", le(&b, 0, 4), "", o);
    let _ = write!(
        o,
        ", f_bsize={}, f_blocks={}, f_bfree={}, f_bavail={}, f_files={}, f_ffree={}, f_fsid={{val=[",
        le(&b, 4, 4),
        u64_at(0),
        u64_at(1),
        u64_at(2),
        u64_at(3),
        u64_at(4)
    );
    fmt::hex(o, le(&b, 48, 4));
    o.push_str(", ");
    fmt::hex(o, le(&b, 52, 4));
    let _ = write!(
        o,
        "]}}, f_namelen={}, f_frsize={}",
        le(&b, 56, 4),
        le(&b, 60, 4)
    );
    let flags = le(&b, 64, 4);
    if flags & 0x20 != 0 {
        o.push_str(", f_flags=");
        print_set(c, "statfs_flags", flags, "ST_???", o);
    }
    o.push('}');
    true
}

const Q_SYNC: u32 = 0x80_0001;
const Q_QUOTAON: u32 = 0x80_0002;
const Q_QUOTAOFF: u32 = 0x80_0003;
const Q_GETFMT: u32 = 0x80_0004;
const Q_GETINFO: u32 = 0x80_0005;
const Q_SETINFO: u32 = 0x80_0006;
const Q_GETQUOTA: u32 = 0x80_0007;
const Q_SETQUOTA: u32 = 0x80_0008;
const Q_GETNEXTQUOTA: u32 = 0x80_0009;
const Q_XQUOTAON: u32 = 0x5801;
const Q_XQUOTAOFF: u32 = 0x5802;
const Q_XGETQSTAT: u32 = 0x5805;
const Q_XQUOTARM: u32 = 0x5806;
const Q_XQUOTASYNC: u32 = 0x5807;
const Q_XGETQSTATV: u32 = 0x5808;

/// The quotactl command of a row: the first argument, shifted past the quota type.
fn quota_cmd(c: &Ctx) -> u32 {
    (c.arg(0) as u32) >> 8
}

/// quotactl's id: a uid/gid for the per-id commands, the format for Q_QUOTAON, absent
/// for the others.
fn print_quota_id(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let id = c.arg(a.index) as u32;
    match quota_cmd(c) {
        Q_SYNC | Q_QUOTAOFF | Q_XQUOTASYNC | Q_GETFMT | Q_GETINFO | Q_SETINFO | Q_XQUOTAON
        | Q_XQUOTAOFF | Q_XQUOTARM | Q_XGETQSTAT | Q_XGETQSTATV => false,
        Q_QUOTAON => {
            print_enum(c, "quota_formats", u64::from(id), "QFMT_VFS_???", o);
            true
        }
        _ => {
            super::basic::print_uid(o, id);
            true
        }
    }
}

/// quotactl's data argument, decoded per command (the XFS structs print as addresses).
fn print_quota_data(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let cmd = quota_cmd(c);
    // The set commands are decoded by strace at entry, so a failure does not hide them.
    let fetch = |len: usize, o: &mut String| -> Option<Vec<u8>> {
        if matches!(cmd, Q_SETQUOTA | Q_SETINFO) && addr != 0 {
            let mut b = vec![0u8; len];
            if c.mem.read_exact(addr, &mut b) {
                return Some(b);
            }
            fmt::addr(o, addr);
            return None;
        }
        fetch_struct(c, addr, len, o)
    };
    match cmd {
        Q_SYNC | Q_QUOTAOFF | Q_XQUOTASYNC => return false,
        Q_QUOTAON => super::basic::print_path(c, addr, o),
        Q_GETQUOTA | Q_SETQUOTA | Q_GETNEXTQUOTA => {
            let next = cmd == Q_GETNEXTQUOTA;
            let Some(b) = fetch(if next { 80 } else { 72 }, o) else {
                return true;
            };
            let f = |i: usize| le(&b, i * 8, 8);
            let _ = write!(
                o,
                "{{dqb_bhardlimit={}, dqb_bsoftlimit={}, dqb_curspace={}, dqb_ihardlimit={}, \
                 dqb_isoftlimit={}, dqb_curinodes={}",
                f(0),
                f(1),
                f(2),
                f(3),
                f(4),
                f(5)
            );
            if c.opts.verbose {
                let _ = write!(o, ", dqb_btime={}, dqb_itime={}, dqb_valid=", f(6), f(7));
                print_set(c, "if_dqblk_valid", le(&b, 64, 4), "QIF_???", o);
                if next {
                    let _ = write!(o, ", dqb_id={}", le(&b, 68, 4));
                }
            } else {
                if next {
                    let _ = write!(o, ", dqb_id={}", le(&b, 68, 4));
                }
                o.push_str(", ...");
            }
            o.push('}');
        }
        Q_GETFMT => {
            if let Some(b) = fetch(4, o) {
                o.push('[');
                print_enum(c, "quota_formats", le(&b, 0, 4), "QFMT_VFS_???", o);
                o.push(']');
            }
        }
        Q_GETINFO | Q_SETINFO => {
            if let Some(b) = fetch(24, o) {
                let _ = write!(
                    o,
                    "{{dqi_bgrace={}, dqi_igrace={}, dqi_flags=",
                    le(&b, 0, 8),
                    le(&b, 8, 8)
                );
                print_set(c, "if_dqinfo_flags", le(&b, 16, 4), "DQF_???", o);
                o.push_str(", dqi_valid=");
                print_set(c, "if_dqinfo_valid", le(&b, 20, 4), "IIF_???", o);
                o.push('}');
            }
        }
        Q_XQUOTAON | Q_XQUOTAOFF | Q_XQUOTARM => {
            if let Some(b) = fetch(4, o) {
                o.push('[');
                fmt::hex(o, le(&b, 0, 4));
                o.push(']');
            }
        }
        _ => fmt::addr(o, addr),
    }
    true
}

/// A d_name of `n` bytes at most: quoted, `...` when no NUL came within `n + 1`.
fn print_name_n(c: &Ctx, addr: u64, n: usize, o: &mut String) -> bool {
    match c.mem.read_cstr(addr, n + 1) {
        None => {
            fmt::addr(o, addr);
            false
        }
        Some((bytes, terminated)) => {
            let shown = &bytes[..bytes.len().min(n)];
            fmt::quote_into(o, shown, Quote::default(), c.opts.hex);
            if !terminated {
                o.push_str("...");
            }
            true
        }
    }
}

/// The buffer of getdents/getdents64: `0x... /* 30 entries */`, or the entries under -v.
fn print_dirents(c: &Ctx, a: &ArgSpec, is64: bool, o: &mut String) {
    let mut addr = c.arg(a.index);
    let count = c.len_of(a.param(0)).unwrap_or(c.arg(2)) as u32;
    let ret = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    if c.failed() || ret > u64::from(count) {
        fmt::addr(o, addr);
        return;
    }
    let w = if is64 { 8 } else { kword(c.arch()) };
    // Offset of d_name: ino, off, then a 16-bit reclen (and d_type for getdents64).
    let header = 2 * w + 2 + usize::from(is64);
    let abbrev = !c.opts.verbose;
    let mut len = ret as usize;
    let mut n = 0u32;
    if abbrev {
        fmt::addr(o, addr);
    }
    loop {
        if len < header {
            if !abbrev {
                if len == 0 {
                    o.push('[');
                    n += 1;
                } else {
                    super::basic::print_buf(c, addr, len as u64, o, false, true);
                }
            }
            break;
        }
        let mut h = vec![0u8; header];
        if !c.mem.read_exact(addr, &mut h) {
            if !abbrev {
                if n > 0 {
                    let _ = write!(o, "... /* {addr:#x} */");
                } else {
                    fmt::addr(o, addr);
                }
            }
            break;
        }
        if !abbrev && n == 0 {
            o.push('[');
        }
        n += 1;
        let ino = le(&h, 0, w);
        let off = le(&h, w, w);
        let mut reclen = le(&h, 2 * w, 2) as usize;
        if !abbrev {
            let _ = write!(o, "{{d_ino={ino}, d_off={off}, d_reclen={reclen}");
        }
        let mut next_addr = 0u64;
        let next_len;
        if reclen > len {
            let _ = write!(
                o,
                " /* {}{} bytes overflow */",
                if abbrev { "d_reclen " } else { "" },
                reclen - len
            );
            reclen = len;
            next_len = 0;
        } else if reclen < header {
            let _ = write!(
                o,
                " /* {}{} bytes underflow */",
                if abbrev { "d_reclen " } else { "" },
                header - reclen
            );
            reclen = header;
            next_len = len - header;
        } else {
            next_len = len - reclen;
            if next_len > 0 {
                next_addr = addr.wrapping_add(reclen as u64);
            }
        }
        len = next_len;
        if !abbrev {
            let tail = reclen - header;
            let name_addr = addr.wrapping_add(header as u64);
            let mut ok = true;
            if is64 {
                o.push_str(", d_type=");
                print_enum(c, "dirent_types", u64::from(h[header - 1]), "DT_???", o);
                if tail > 0 {
                    o.push_str(", d_name=");
                    ok = print_name_n(c, name_addr, tail.min(256) - 1, o);
                }
            } else if tail > 0 {
                let name_len = tail - 1;
                if name_len > 0 {
                    o.push_str(", d_name=");
                    ok = print_name_n(c, name_addr, name_len.min(256) - 1, o);
                }
                o.push_str(", d_type=");
                let ta = name_addr.wrapping_add(name_len as u64);
                match c.mem.read_uint(ta, 1) {
                    Some(t) => print_enum(c, "dirent_types", t, "DT_???", o),
                    None => {
                        fmt::addr(o, ta);
                        ok = false;
                    }
                }
            }
            o.push('}');
            if next_addr != 0 {
                o.push_str(", ");
                if !ok {
                    o.push_str("...");
                    break;
                }
            }
        }
        if next_addr == 0 {
            break;
        }
        addr = next_addr;
    }
    if abbrev {
        let _ = write!(o, " /* {n}{} entries */", if len > 0 { "+" } else { "" });
    } else if n > 0 {
        o.push(']');
    }
}

fn print_getcwd_buf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    let n = c.ret().unwrap_or(0).saturating_sub(1).clamp(0, 4095) as usize;
    print_name_n(c, addr, n, o);
    true
}

/// An xattr value: quoted up to -s with one trailing NUL dropped; the address when the
/// size is beyond XATTR_SIZE_MAX (as after a failed getxattr).
fn print_xattr_val(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if a.out && c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let size = match a.param(0) {
        Some(Param::Ret) => c.arch().ulong(c.ret().unwrap_or(0) as u64),
        p => c.len_of(p).unwrap_or(0),
    };
    if size > 65536 {
        fmt::addr(o, addr);
        return true;
    }
    print_str_omit_trailing_nul(c, addr, size, o);
    true
}

/// strace's printstr_ex with QUOTE_OMIT_TRAILING_0.
fn print_str_omit_trailing_nul(c: &Ctx, addr: u64, len: u64, o: &mut String) {
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

fn print_xattr_list(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size == 0 || c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    let ret = c.arch().ulong(c.ret().unwrap_or(0) as u64);
    super::basic::print_buf(c, addr, ret, o, true, false);
    true
}

fn print_utimbuf(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let w = kword(c.arch());
    let Some(b) = fetch_struct(c, c.arg(a.index), 2 * w, o) else {
        return true;
    };
    for (i, name) in ["actime", "modtime"].iter().enumerate() {
        let v = sle(&b, i * w, w);
        let _ = write!(o, "{}{name}={v}", if i == 0 { "{" } else { ", " });
        time_comment(o, v, 0, 0, 0);
    }
    o.push('}');
    true
}

/// utimes/futimesat's `[{tv_sec=.., tv_usec=..} /* date */, {..}]`.
fn print_utimes_times(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let w = kword(c.arch());
    let Some(b) = fetch_struct(c, c.arg(a.index), 4 * w, o) else {
        return true;
    };
    o.push('[');
    for i in 0..2 {
        if i > 0 {
            o.push_str(", ");
        }
        let sec = sle(&b, 2 * i * w, w);
        let usec = le(&b, (2 * i + 1) * w, w);
        let _ = write!(o, "{{tv_sec={sec}, tv_usec={usec}}}");
        time_comment(o, sec, usec, 999_999, 6);
    }
    o.push(']');
    true
}

fn print_open_how(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size < 24 {
        fmt::addr(o, addr);
        return true;
    }
    let Some(b) = fetch_struct(c, addr, 24, o) else {
        return true;
    };
    let flags = le(&b, 0, 8);
    let mode = le(&b, 8, 8);
    o.push_str("{flags=");
    print_open_flags(c, flags, o);
    if flags & (O_CREAT | O_TMPFILE_BIT) != 0 || mode != 0 {
        o.push_str(", mode=");
        fmt::octal_mode(o, mode);
    }
    o.push_str(", resolve=");
    print_set(c, "open_resolve_flags", le(&b, 16, 8), "RESOLVE_???", o);
    if size > 24 {
        // Bytes past the known struct are shown (from offset 24) only when some are set.
        let extra = (size.min(4096) - 24) as usize;
        let mut rest = vec![0u8; extra];
        if c.mem.read_exact(addr.wrapping_add(24), &mut rest) {
            if rest.iter().any(|&x| x != 0) {
                let _ = write!(o, ", /* bytes 24..{} */ ", 24 + extra - 1);
                let q = Quote {
                    force_hex: true,
                    ..Quote::default()
                };
                let shown = extra.min(c.opts.string_limit);
                fmt::quote_into(o, &rest[..shown], q, c.opts.hex);
                if shown < extra {
                    o.push_str("...");
                }
            }
        } else {
            o.push_str(", ???");
        }
    }
    o.push('}');
    true
}

/// Which of mount's type and data arguments are meaningless for its flags.
fn mount_ignores(c: &Ctx) -> (bool, bool) {
    let mut flags = c.arg(3);
    if flags & MS_MGC_MSK == MS_MGC_VAL {
        flags &= !MS_MGC_MSK;
    }
    const MS_REMOUNT: u64 = 0x20;
    // MS_BIND | MS_MOVE | MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE
    const NO_TYPE_DATA: u64 = 0x1000 | 0x2000 | 0x10_0000 | 0x4_0000 | 0x8_0000 | 0x2_0000;
    if flags & MS_REMOUNT != 0 {
        (true, false)
    } else if flags & NO_TYPE_DATA != 0 {
        (true, true)
    } else {
        (false, false)
    }
}

/// handle_bytes at entry, with bit 32 set when the header was readable.
fn capture_handle_bytes(c: &Ctx, a: &ArgSpec) -> u64 {
    c.mem
        .read_uint(c.arg(a.index), 4)
        .map_or(0, |v| v | (1 << 32))
}

fn print_f_handle(c: &Ctx, addr: u64, bytes: u32, o: &mut String) {
    let len = bytes.min(128) as usize;
    let mut h = vec![0u8; len];
    if addr > 0 && c.mem.read_exact(addr.wrapping_add(8), &mut h) {
        let q = Quote {
            force_hex: true,
            ..Quote::default()
        };
        fmt::quote_into(o, &h, q, c.opts.hex);
        if bytes as usize > len {
            o.push_str("...");
        }
    } else {
        o.push_str("???");
    }
}

/// name_to_handle_at's handle: `{handle_bytes=128 => 8, handle_type=1, f_handle=...}`.
fn print_file_handle_out(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let saved = c.saved.get(a.index).copied().unwrap_or(0);
    if saved >> 32 == 0 {
        fmt::addr(o, addr);
        return true;
    }
    let before = saved as u32;
    let _ = write!(o, "{{handle_bytes={before}");
    let eoverflow = c.rec.errno() == Some(75);
    if !c.failed() || eoverflow {
        let mut hdr = [0u8; 8];
        if c.mem.read_exact(addr, &mut hdr) {
            let now = le(&hdr, 0, 4) as u32;
            if now != before {
                let _ = write!(o, " => {now}");
            }
            if !c.failed() {
                let _ = write!(o, ", handle_type={}, f_handle=", sle(&hdr, 4, 4));
                print_f_handle(c, addr, now, o);
            }
        }
    }
    o.push('}');
    true
}

fn print_mount_id(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let handle_ok = c.saved.get(2).copied().unwrap_or(0) >> 32 != 0;
    if !handle_ok || addr == 0 || c.failed() {
        fmt::addr(o, addr);
        return true;
    }
    match c.mem.read_uint(addr, 4) {
        Some(v) => {
            let _ = write!(o, "[{}]", v as u32 as i32);
        }
        None => fmt::addr(o, addr),
    }
    true
}

fn print_file_handle_in(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = fetch_struct(c, addr, 8, o) else {
        return;
    };
    let bytes = le(&b, 0, 4) as u32;
    let _ = write!(
        o,
        "{{handle_bytes={bytes}, handle_type={}, f_handle=",
        sle(&b, 4, 4)
    );
    print_f_handle(c, addr, bytes, o);
    o.push('}');
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::decode::DecodeOptions;
    use crate::record::{RecordedMemory, SyscallRecord};
    use crate::render::text::{render_named, render_one};

    const P: u64 = 0x1000;
    const B: u64 = 0x2000;
    const AT_FDCWD: u64 = (-100i64) as u64;

    fn cstr(s: &str) -> Vec<u8> {
        let mut v = s.as_bytes().to_vec();
        v.push(0);
        v
    }

    fn put(buf: &mut [u8], off: usize, v: u64, size: usize) {
        buf[off..off + size].copy_from_slice(&v.to_le_bytes()[..size]);
    }

    fn verbose(arch: Arch, name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
        let rec = SyscallRecord {
            arch,
            nr: arch.syscall_number(name).unwrap(),
            args,
            ret: Some(ret),
        };
        let opts = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        render_one(&rec, mem, &opts)
    }

    /// Drops strace's alignment padding before ` = `, which the renderer owns.
    fn squash(line: &str) -> String {
        match line.find(")  ") {
            Some(i) if line[i + 1..].trim_start().starts_with("= ") => {
                format!("{}) {}", &line[..i], line[i + 1..].trim_start())
            }
            _ => line.to_string(),
        }
    }

    /// The text before strace's error message, which comes from the errno table.
    fn before_errno(line: &str) -> &str {
        line.split(" = -1").next().unwrap_or(line)
    }

    #[test]
    fn openat_flags_and_mode() {
        let m = RecordedMemory::new().with(P, cstr("/etc/ld.so.cache"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "openat",
                [AT_FDCWD, P, 0o2000000, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "openat",
                [AT_FDCWD, P, 0o1101, 0o644, 0, 0],
                Some(4),
                &m
            )),
            r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4"#
        );
        // O_TMPFILE includes O_DIRECTORY, and asks for a mode too.
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "openat",
                [AT_FDCWD, P, 0o20200002, 0o600, 0, 0],
                Some(5),
                &m
            )),
            r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDWR|O_TMPFILE, 0600) = 5"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "open",
                [P, 3 | 0x4000_0000, 0, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"open("/etc/ld.so.cache", O_ACCMODE|0x40000000) = 3"#
        );
    }

    #[test]
    fn open_flags_follow_the_arch() {
        let m = RecordedMemory::new().with(P, cstr("/"));
        // aarch64's O_DIRECTORY is x86_64's O_DIRECT.
        assert_eq!(
            squash(&render_named(
                Arch::Aarch64,
                "openat",
                [AT_FDCWD, P, 0o40000, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"openat(AT_FDCWD, "/", O_RDONLY|O_DIRECTORY) = 3"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "openat",
                [AT_FDCWD, P, 0o40000, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"openat(AT_FDCWD, "/", O_RDONLY|O_DIRECT) = 3"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "open",
                [P, 0o100000, 0, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"open("/", O_RDONLY|O_LARGEFILE) = 3"#
        );
    }

    fn x86_64_stat(mode: u64, size: u64, rdev: u64) -> Vec<u8> {
        let mut b = vec![0u8; 144];
        put(&mut b, 0, 0xfe00, 8);
        put(&mut b, 8, 737, 8);
        put(&mut b, 16, 1, 8);
        put(&mut b, 24, mode, 4);
        put(&mut b, 40, rdev, 8);
        put(&mut b, 48, size, 8);
        put(&mut b, 56, 4096, 8);
        put(&mut b, 64, 8, 8);
        b
    }

    #[test]
    fn newfstatat_abbreviated_and_verbose() {
        let m = RecordedMemory::new()
            .with(P, cstr(""))
            .with(B, x86_64_stat(0o100644, 37043, 0));
        let args = [3, P, B, 0x1000, 0, 0];
        assert_eq!(
            squash(&render_named(Arch::X86_64, "newfstatat", args, Some(0), &m)),
            r#"newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=37043, ...}, AT_EMPTY_PATH) = 0"#
        );
        assert_eq!(
            squash(&verbose(Arch::X86_64, "newfstatat", args, 0, &m)),
            "newfstatat(3, \"\", {st_dev=makedev(0xfe, 0), st_ino=737, st_mode=S_IFREG|0644, \
             st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=37043, \
             st_atime=0, st_atime_nsec=0, st_mtime=0, st_mtime_nsec=0, st_ctime=0, \
             st_ctime_nsec=0}, AT_EMPTY_PATH) = 0"
        );
    }

    #[test]
    fn stat_of_a_device_shows_rdev() {
        let m = RecordedMemory::new().with(B, x86_64_stat(0o20666, 0, 0x103));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fstat",
                [1, B, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "fstat(1, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0"
        );
    }

    #[test]
    fn stat_failures_print_the_address() {
        let m = RecordedMemory::new().with(P, cstr("/nonexistent"));
        let line = squash(&render_named(
            Arch::X86_64,
            "stat",
            [P, 0x7ffc_0000_1000, 0, 0, 0, 0],
            Some(-2),
            &m,
        ));
        assert_eq!(
            before_errno(&line),
            r#"stat("/nonexistent", 0x7ffc00001000)"#
        );
        // Unreadable memory of a successful call: the address too.
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "stat",
                [P, 0x5000, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"stat("/nonexistent", 0x5000) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fstat",
                [0, 0, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "fstat(0, NULL) = 0"
        );
    }

    #[test]
    fn stat_layouts_of_other_arches() {
        // i386's struct stat: 32-bit words, 16-bit mode/nlink/uid/gid.
        let mut b = vec![0u8; 64];
        put(&mut b, 8, 0o100755, 2);
        put(&mut b, 20, 1221, 4);
        let m = RecordedMemory::new().with(P, cstr("/bin/sh")).with(B, b);
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "stat",
                [P, B, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"stat("/bin/sh", {st_mode=S_IFREG|0755, st_size=1221, ...}) = 0"#
        );
        // The generic 64-bit layout (aarch64, riscv64): mode before nlink.
        let mut g = vec![0u8; 128];
        put(&mut g, 16, 0o40700, 4);
        put(&mut g, 48, 4096, 8);
        let m = RecordedMemory::new().with(B, g);
        assert_eq!(
            squash(&render_named(
                Arch::Aarch64,
                "fstat",
                [3, B, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "fstat(3, {st_mode=S_IFDIR|0700, st_size=4096, ...}) = 0"
        );
    }

    #[test]
    fn statx_abbreviated() {
        let mut b = vec![0u8; 256];
        put(&mut b, 0, 0x17ff - 0x40 - 0x80, 4);
        put(&mut b, 8, 0x2000, 8);
        put(&mut b, 28, 0o40755, 2);
        put(&mut b, 40, 4096, 8);
        let m = RecordedMemory::new().with(P, cstr("/")).with(B, b);
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "statx",
                [AT_FDCWD, P, 0x900, 2, B, 0],
                Some(0),
                &m
            )),
            "statx(AT_FDCWD, \"/\", AT_STATX_SYNC_AS_STAT|AT_SYMLINK_NOFOLLOW|AT_NO_AUTOMOUNT, \
             STATX_MODE, {stx_mask=STATX_TYPE|STATX_MODE|STATX_NLINK|STATX_UID|STATX_GID|\
             STATX_ATIME|STATX_INO|STATX_SIZE|STATX_BLOCKS|STATX_MNT_ID, \
             stx_attributes=STATX_ATTR_MOUNT_ROOT, stx_mode=S_IFDIR|0755, stx_size=4096, ...}) = 0"
        );
    }

    #[test]
    fn statfs_by_word_size() {
        let words = [0xef53u64, 4096, 100, 50, 40, 1000, 900];
        let mut b = vec![0u8; 120];
        for (i, w) in words.iter().enumerate() {
            put(&mut b, i * 8, *w, 8);
        }
        put(&mut b, 56, 0x1234, 4);
        put(&mut b, 64, 255, 8);
        put(&mut b, 72, 4096, 8);
        put(&mut b, 80, 0x1020, 8);
        let m = RecordedMemory::new().with(P, cstr("/")).with(B, b);
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "statfs",
                [P, B, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, \
             f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0x1234, 0]}, f_namelen=255, \
             f_frsize=4096, f_flags=ST_VALID|ST_RELATIME}) = 0"
        );
        let mut b = vec![0u8; 64];
        for (i, w) in words.iter().enumerate() {
            put(&mut b, i * 4, *w, 4);
        }
        put(&mut b, 36, 255, 4);
        let m = RecordedMemory::new().with(P, cstr("/")).with(B, b);
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "statfs",
                [P, B, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "statfs(\"/\", {f_type=EXT2_SUPER_MAGIC, f_bsize=4096, f_blocks=100, f_bfree=50, \
             f_bavail=40, f_files=1000, f_ffree=900, f_fsid={val=[0, 0]}, f_namelen=255, \
             f_frsize=0}) = 0"
        );
    }

    fn dirent64(ino: u64, off: u64, ty: u8, name: &str) -> Vec<u8> {
        let reclen = (19 + name.len() + 1).next_multiple_of(8);
        let mut d = vec![0u8; reclen];
        put(&mut d, 0, ino, 8);
        put(&mut d, 8, off, 8);
        put(&mut d, 16, reclen as u64, 2);
        d[18] = ty;
        d[19..19 + name.len()].copy_from_slice(name.as_bytes());
        d
    }

    #[test]
    fn getdents64_counts_or_lists_entries() {
        let mut buf = dirent64(2, 1, 4, ".");
        buf.extend(dirent64(12, 2, 8, "passwd"));
        let len = buf.len() as i64;
        let m = RecordedMemory::new().with(B, buf);
        let args = [3, B, 32768, 0, 0, 0];
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "getdents64",
                args,
                Some(len),
                &m
            )),
            "getdents64(3, 0x2000 /* 2 entries */, 32768) = 56"
        );
        assert_eq!(
            squash(&verbose(Arch::X86_64, "getdents64", args, len, &m)),
            "getdents64(3, [{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, \
             {d_ino=12, d_off=2, d_reclen=32, d_type=DT_REG, d_name=\"passwd\"}], 32768) = 56"
        );
        assert_eq!(
            squash(&render_named(Arch::X86_64, "getdents64", args, Some(0), &m)),
            "getdents64(3, 0x2000 /* 0 entries */, 32768) = 0"
        );
        assert_eq!(
            squash(&verbose(Arch::X86_64, "getdents64", args, 0, &m)),
            "getdents64(3, [], 32768) = 0"
        );
    }

    #[test]
    fn getdents_of_i386_has_type_after_name() {
        // ino, off (4 bytes each), reclen, name, NUL, d_type.
        let mut d = vec![0u8; 16];
        put(&mut d, 0, 7, 4);
        put(&mut d, 4, 9, 4);
        put(&mut d, 8, 16, 2);
        d[10..13].copy_from_slice(b"etc");
        d[15] = 4;
        let m = RecordedMemory::new().with(B, d);
        assert_eq!(
            squash(&verbose(
                Arch::I386,
                "getdents",
                [3, B, 100, 0, 0, 0],
                16,
                &m
            )),
            "getdents(3, [{d_ino=7, d_off=9, d_reclen=16, d_name=\"etc\", d_type=DT_DIR}], 100) = 16"
        );
    }

    #[test]
    fn xattrs() {
        let m = RecordedMemory::new()
            .with(P, cstr("/tmp"))
            .with(0x3000, cstr("user.foo"))
            .with(B, b"bar\0user.x\0".to_vec());
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "setxattr",
                [P, 0x3000, B, 4, 1, 0],
                Some(0),
                &m
            )),
            r#"setxattr("/tmp", "user.foo", "bar", 4, XATTR_CREATE) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "getxattr",
                [P, 0x3000, B, 255, 0, 0],
                Some(3),
                &m
            )),
            r#"getxattr("/tmp", "user.foo", "bar", 255) = 3"#
        );
        let line = squash(&render_named(
            Arch::X86_64,
            "getxattr",
            [P, 0x3000, B, 255, 0, 0],
            Some(-61),
            &m,
        ));
        assert_eq!(
            before_errno(&line),
            r#"getxattr("/tmp", "user.foo", 0x2000, 255)"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "listxattr",
                [P, B, 64, 0, 0, 0],
                Some(11),
                &m
            )),
            r#"listxattr("/tmp", "bar\0user.x\0", 64) = 11"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "listxattr",
                [P, 0, 0, 0, 0, 0],
                Some(11),
                &m
            )),
            r#"listxattr("/tmp", NULL, 0) = 11"#
        );
    }

    #[test]
    fn modes_devices_and_umask() {
        let m = RecordedMemory::new().with(P, cstr("/dev/x"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "mknod",
                [P, 0o60600, 0x803, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"mknod("/dev/x", S_IFBLK|0600, makedev(0x8, 0x3)) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "mknodat",
                [AT_FDCWD, P, 0o14755, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"mknodat(AT_FDCWD, "/dev/x", S_IFIFO|S_ISUID|0755) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "chmod",
                [P, 0o4755, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"chmod("/dev/x", 04755) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "umask",
                [0o22, 0, 0, 0, 0, 0],
                Some(0o77),
                &m
            )),
            "umask(022) = 077"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "access",
                [P, 6, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"access("/dev/x", R_OK|W_OK) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fchownat",
                [AT_FDCWD, P, u64::from(u32::MAX), 0, 0x100, 0],
                Some(0),
                &m
            )),
            r#"fchownat(AT_FDCWD, "/dev/x", -1, 0, AT_SYMLINK_NOFOLLOW) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "chown32",
                [P, 0xffff_ffff, 5, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"chown32("/dev/x", -1, 5) = 0"#
        );
    }

    #[test]
    fn getcwd_and_readlink() {
        let m = RecordedMemory::new()
            .with(B, cstr("/tmp"))
            .with(P, cstr("/l"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "getcwd",
                [B, 4096, 0, 0, 0, 0],
                Some(5),
                &m
            )),
            r#"getcwd("/tmp", 4096) = 5"#
        );
        let line = squash(&render_named(
            Arch::X86_64,
            "getcwd",
            [B, 2, 0, 0, 0, 0],
            Some(-34),
            &m,
        ));
        assert_eq!(before_errno(&line), "getcwd(0x2000, 2)");
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "readlink",
                [P, B, 3, 0, 0, 0],
                Some(3),
                &m
            )),
            r#"readlink("/l", "/tm", 3) = 3"#
        );
    }

    #[test]
    fn renames_links_and_unlinks() {
        let m = RecordedMemory::new().with(P, cstr("a")).with(B, cstr("b"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "renameat2",
                [AT_FDCWD, P, 4, B, 1, 0],
                Some(0),
                &m
            )),
            r#"renameat2(AT_FDCWD, "a", 4, "b", RENAME_NOREPLACE) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "unlinkat",
                [AT_FDCWD, P, 0x200, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"unlinkat(AT_FDCWD, "a", AT_REMOVEDIR) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "symlinkat",
                [P, AT_FDCWD, B, 0, 0, 0],
                Some(0),
                &m
            )),
            r#"symlinkat("a", AT_FDCWD, "b") = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "close_range",
                [3, u64::from(u32::MAX), 0x10, 0, 0, 0],
                Some(0),
                &m
            )),
            "close_range(3, 4294967295, 0x10 /* CLOSE_RANGE_??? */) = 0"
        );
    }

    #[test]
    fn file_handles() {
        let mut h = vec![0u8; 16];
        put(&mut h, 0, 8, 4);
        put(&mut h, 4, 1, 4);
        h[8] = 0xe1;
        h[9] = 0x02;
        let m = RecordedMemory::new()
            .with(P, cstr("/etc/passwd"))
            .with(B, h)
            .with(0x3000, 27u32.to_le_bytes().to_vec());
        // The handle was 128 bytes at entry; the recorded memory shows the exit state.
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: Arch::X86_64.syscall_number("name_to_handle_at").unwrap(),
            args: [AT_FDCWD, P, B, 0x3000, 0, 0],
            ret: Some(0),
        };
        assert_eq!(
            squash(&render_one(&rec, &m, &DecodeOptions::default())),
            "name_to_handle_at(AT_FDCWD, \"/etc/passwd\", {handle_bytes=8, handle_type=1, \
             f_handle=\"\\xe1\\x02\\x00\\x00\\x00\\x00\\x00\\x00\"}, [27], 0) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "open_by_handle_at",
                [3, B, 0, 0, 0, 0],
                Some(4),
                &m
            )),
            "open_by_handle_at(3, {handle_bytes=8, handle_type=1, \
             f_handle=\"\\xe1\\x02\\x00\\x00\\x00\\x00\\x00\\x00\"}, O_RDONLY) = 4"
        );
    }

    #[test]
    fn mount_hides_meaningless_arguments() {
        let m = RecordedMemory::new()
            .with(P, cstr("none"))
            .with(B, cstr("/mnt"))
            .with(0x3000, cstr("tmpfs"))
            .with(0x4000, cstr("size=1m"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "mount",
                [P, B, 0x3000, 6, 0x4000, 0],
                Some(0),
                &m
            )),
            r#"mount("none", "/mnt", "tmpfs", MS_NOSUID|MS_NODEV, "size=1m") = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "mount",
                [B, B, 0x3000, 0x5000, 0x4000, 0],
                Some(0),
                &m
            )),
            r#"mount("/mnt", "/mnt", 0x3000, MS_BIND|MS_REC, 0x4000) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "mount",
                [P, B, 0, 0xc0ed_0021, 0x4000, 0],
                Some(0),
                &m
            )),
            r#"mount("none", "/mnt", NULL, MS_MGC_VAL|MS_RDONLY|MS_REMOUNT, "size=1m") = 0"#
        );
    }

    #[test]
    fn inotify_and_fanotify() {
        let m = RecordedMemory::new().with(P, cstr("."));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "inotify_init1",
                [0o2004000, 0, 0, 0, 0, 0],
                Some(3),
                &m
            )),
            "inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "inotify_add_watch",
                [3, P, 0x300, 0, 0, 0],
                Some(1),
                &m
            )),
            r#"inotify_add_watch(3, ".", IN_CREATE|IN_DELETE) = 1"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fanotify_init",
                [5, 0o100000, 0, 0, 0, 0],
                Some(4),
                &m
            )),
            "fanotify_init(FAN_CLASS_CONTENT|FAN_CLOEXEC, O_RDONLY|O_LARGEFILE) = 4"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fanotify_mark",
                [4, 1, 0x20, u64::from(u32::MAX), P, 0],
                Some(0),
                &m
            )),
            r#"fanotify_mark(4, FAN_MARK_ADD, FAN_OPEN, FAN_NOFD, ".") = 0"#
        );
    }

    #[test]
    fn i386_splits_64_bit_arguments() {
        let m = RecordedMemory::new().with(P, cstr("/tmp"));
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "fallocate",
                [3, 0, 1, 1, 10, 0],
                Some(0),
                &m
            )),
            "fallocate(3, 0, 4294967297, 10) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fallocate",
                [3, 1, 1 << 32, 10, 0, 0],
                Some(0),
                &m
            )),
            "fallocate(3, FALLOC_FL_KEEP_SIZE, 4294967296, 10) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "sync_file_range",
                [3, 1, 0, 0, 2, 2],
                Some(0),
                &m
            )),
            "sync_file_range(3, 1, 8589934592, SYNC_FILE_RANGE_WRITE) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "fadvise64_64",
                [3, 0, 1, 77, 0, 4],
                Some(0),
                &m
            )),
            "fadvise64_64(3, 4294967296, 77, POSIX_FADV_DONTNEED) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "ftruncate64",
                [3, 0x2345_6789, 1, 0, 0, 0],
                Some(0),
                &m
            )),
            "ftruncate64(3, 4886718345) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::I386,
                "fanotify_mark",
                [4, 1, 0x20, 0, 0xffff_ffff, P],
                Some(0),
                &m
            )),
            r#"fanotify_mark(4, FAN_MARK_ADD, FAN_OPEN, FAN_NOFD, "/tmp") = 0"#
        );
    }

    #[test]
    fn new_mount_api() {
        let m = RecordedMemory::new()
            .with(P, cstr("size"))
            .with(B, cstr("1m"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fsconfig",
                [3, 1, P, B, 0, 0],
                Some(0),
                &m
            )),
            r#"fsconfig(3, FSCONFIG_SET_STRING, "size", "1m", 0) = 0"#
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fsconfig",
                [3, 6, 0, 0, 0, 0],
                Some(0),
                &m
            )),
            "fsconfig(3, FSCONFIG_CMD_CREATE, NULL, NULL, 0) = 0"
        );
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "fsmount",
                [3, 1, 0x12, 0, 0, 0],
                Some(4),
                &m
            )),
            "fsmount(3, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NOATIME) = 4"
        );
    }

    #[test]
    fn quotactl_commands() {
        let m = RecordedMemory::new()
            .with(P, cstr("/dev/sda1"))
            .with(B, cstr("/aquota.user"));
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "quotactl",
                [0x8000_0201, P, 2, B, 0, 0],
                Some(0),
                &m
            )),
            r#"quotactl(QCMD(Q_QUOTAON, GRPQUOTA), "/dev/sda1", QFMT_VFS_V0, "/aquota.user") = 0"#
        );
        let mut dq = vec![0u8; 72];
        put(&mut dq, 0, 100, 8);
        let m = m.with(0x3000, dq);
        assert_eq!(
            squash(&render_named(
                Arch::X86_64,
                "quotactl",
                [0x8000_0700, P, 1000, 0x3000, 0, 0],
                Some(0),
                &m
            )),
            "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/sda1\", 1000, {dqb_bhardlimit=100, \
             dqb_bsoftlimit=0, dqb_curspace=0, dqb_ihardlimit=0, dqb_isoftlimit=0, \
             dqb_curinodes=0, ...}) = 0"
        );
    }

    /// Every row of the file group decodes arbitrary registers and memory without
    /// panicking, on every personality.
    #[test]
    fn no_panics_on_garbage() {
        let rows: Vec<&str> = include_str!("../../syscall-tables/signatures/file.tsv")
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let specials = [
            0,
            1,
            3,
            0x1000,
            0x2000,
            0x2ff8,
            u64::MAX,
            0x8000_0000,
            24,
            84,
        ];
        let mut bytes = vec![0u8; 0x2000];
        for round in 0..40 {
            for b in bytes.iter_mut() {
                *b = if round % 3 == 0 { 0xff } else { next() as u8 };
            }
            let mem = RecordedMemory::new().with(0x1000, bytes.clone());
            for arch in Arch::ALL {
                for name in &rows {
                    let Some(nr) = arch.syscall_number(name) else {
                        continue;
                    };
                    let mut args = [0u64; 6];
                    for a in args.iter_mut() {
                        let r = next();
                        *a = if r % 2 == 0 {
                            specials[(r >> 8) as usize % specials.len()]
                        } else {
                            r
                        };
                    }
                    let rets = [
                        Some(0),
                        Some(-2),
                        Some(i64::MIN),
                        Some(i64::MAX),
                        Some(64),
                        None,
                    ];
                    let ret = rets[(next() % rets.len() as u64) as usize];
                    let rec = SyscallRecord {
                        arch,
                        nr,
                        args,
                        ret,
                    };
                    let opts = DecodeOptions {
                        verbose: round % 2 == 1,
                        ..DecodeOptions::default()
                    };
                    let _ = render_one(&rec, &mem, &opts);
                }
            }
        }
    }
}
