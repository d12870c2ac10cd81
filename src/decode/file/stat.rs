//! File metadata structs: `struct stat` of every personality, `statx`, and
//! `statfs`/`statfs64`.

use super::super::{Ctx, fmt};
use super::common::{le, read_or_addr, sle};
use super::open::{print_dev_styled, print_symbolic_mode_styled};
use super::times::time_comment;
use crate::arch::Arch;
use crate::decode::bytes::{klong, print_enum, print_flags};
use crate::table::ArgSpec;
use std::fmt::Write;

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
    let Some(b) = read_or_addr(c, addr, l.size, true, o) else {
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
    let verbose = c.unabbreviated();
    o.push('{');
    if verbose {
        o.push_str("st_dev=");
        print_dev_styled(c, o, st.dev);
        let _ = write!(o, ", st_ino={}, st_mode=", st.ino);
        print_symbolic_mode_styled(c, o, st.mode);
        let _ = write!(
            o,
            ", st_nlink={}, st_uid={}, st_gid={}, st_blksize={}, st_blocks={}",
            st.nlink, st.uid, st.gid, st.blksize, st.blocks
        );
    } else {
        o.push_str("st_mode=");
        print_symbolic_mode_styled(c, o, st.mode);
    }
    match st.mode & 0o170000 {
        0o020000 | 0o060000 => {
            o.push_str(", st_rdev=");
            print_dev_styled(c, o, st.rdev);
        }
        _ => {
            let _ = write!(o, ", st_size={}", st.size);
        }
    }
    if verbose {
        for (name, (sec, nsec)) in ["atime", "mtime", "ctime"].iter().zip(st.times) {
            let _ = write!(o, ", st_{name}={sec}");
            time_comment(o, sec, nsec, 9);
            let _ = write!(o, ", st_{name}_nsec={nsec}");
        }
    } else {
        o.push_str(", ...");
    }
    o.push('}');
}

pub(super) fn print_statx_flags(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let flags = c.arg(a.index) as u32;
    let sync = u64::from(flags & 0x6000);
    print_flags(c, "at_statx_sync_types", sync, "", o);
    let rest = u64::from(flags & !0x6000);
    if rest != 0 {
        o.push('|');
        print_flags(c, "at_flags", rest, "", o);
    }
    true
}

fn print_statx_ts(o: &mut String, b: &[u8], off: usize) {
    let sec = sle(b, off, 8);
    let nsec = le(b, off + 8, 4);
    let _ = write!(o, "{{tv_sec={sec}, tv_nsec={nsec}}}");
    time_comment(o, sec, nsec, 9);
}

pub(super) fn print_statx(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let Some(b) = read_or_addr(c, c.arg(a.index), 256, true, o) else {
        return true;
    };
    let verbose = c.unabbreviated();
    let mask = le(&b, 0, 4);
    let has = |bit: u64| mask & bit != 0;
    o.push_str("{stx_mask=");
    print_flags(c, "statx_masks", mask, "STATX_???", o);
    if verbose {
        let _ = write!(o, ", stx_blksize={}", le(&b, 4, 4));
    }
    o.push_str(", stx_attributes=");
    print_flags(c, "statx_attrs", le(&b, 8, 8), "STATX_ATTR_???", o);
    if verbose {
        if has(0x4) {
            let _ = write!(o, ", stx_nlink={}", le(&b, 16, 4));
        }
        if has(0x8) {
            o.push_str(", stx_uid=");
            super::super::basic::print_uid(o, le(&b, 20, 4) as u32);
        }
        if has(0x10) {
            o.push_str(", stx_gid=");
            super::super::basic::print_uid(o, le(&b, 24, 4) as u32);
        }
    }
    if has(0x3) {
        o.push_str(", stx_mode=");
        print_symbolic_mode_styled(c, o, le(&b, 28, 2) as u32);
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
        print_flags(c, "statx_attrs", le(&b, 56, 8), "STATX_ATTR_???", o);
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

/// The fields strace prints of either statfs flavour.
struct StatfsFields {
    ftype: u64,
    /// f_bsize, f_blocks, f_bfree, f_bavail, f_files, f_ffree.
    counts: [u64; 6],
    fsid: [u64; 2],
    namelen: u64,
    frsize: u64,
    flags: u64,
}

fn print_statfs_fields(c: &Ctx, f: &StatfsFields, o: &mut String) {
    o.push_str("{f_type=");
    print_enum(c, "fsmagic", f.ftype, "", o);
    for (name, v) in ["bsize", "blocks", "bfree", "bavail", "files", "ffree"]
        .iter()
        .zip(f.counts)
    {
        let _ = write!(o, ", f_{name}={v}");
    }
    o.push_str(", f_fsid={val=[");
    fmt::hex(o, f.fsid[0]);
    o.push_str(", ");
    fmt::hex(o, f.fsid[1]);
    let _ = write!(o, "]}}, f_namelen={}, f_frsize={}", f.namelen, f.frsize);
    // ST_VALID: without it the kernel left f_flags unset.
    if f.flags & 0x20 != 0 {
        o.push_str(", f_flags=");
        print_flags(c, "statfs_flags", f.flags, "ST_???", o);
    }
    o.push('}');
}

/// A `struct statfs` (word-sized fields) as strace prints it.
pub fn print_statfs(c: &Ctx, addr: u64, o: &mut String) {
    let w = klong(c);
    let Some(b) = read_or_addr(c, addr, 14 * w + 8, true, o) else {
        return;
    };
    let word = |i: usize| le(&b, i * w, w);
    let at = |i: usize| le(&b, 7 * w + 8 + i * w, w);
    let f = StatfsFields {
        ftype: word(0),
        counts: [1, 2, 3, 4, 5, 6].map(word),
        fsid: [le(&b, 7 * w, 4), le(&b, 7 * w + 4, 4)],
        namelen: at(0),
        frsize: at(1),
        flags: at(2),
    };
    print_statfs_fields(c, &f, o);
}

/// A `struct statfs64` (32-bit personalities), accepted only at the sizes the kernel
/// knows: 84 bytes, or 88 with the tail padding of 8-byte-aligned ABIs.
pub(super) fn print_statfs64(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = c.len_of(a.param(0)).unwrap_or(0);
    if size != 84 && size != 88 {
        fmt::addr(o, addr);
        return true;
    }
    let Some(b) = read_or_addr(c, addr, 84, true, o) else {
        return true;
    };
    let u64_at = |i: usize| le(&b, 8 + i * 8, 8);
    let f = StatfsFields {
        ftype: le(&b, 0, 4),
        counts: [
            le(&b, 4, 4),
            u64_at(0),
            u64_at(1),
            u64_at(2),
            u64_at(3),
            u64_at(4),
        ],
        fsid: [le(&b, 48, 4), le(&b, 52, 4)],
        namelen: le(&b, 56, 4),
        frsize: le(&b, 60, 4),
        flags: le(&b, 64, 4),
    };
    print_statfs_fields(c, &f, o);
    true
}
