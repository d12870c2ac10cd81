//! The file-system structs of the 32-bit ABIs: struct stat64 (whose layout differs
//! between i386 and arm), the old kernel stat, and readdir's old dirent. The fields
//! are printed by the file group's `print_stat_fields`, so that every stat looks alike.

use super::super::basic::print_cstr_limit;
use super::super::file::{StatFields, print_stat_fields};
use super::super::fmt;
use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::bytes::{le, read_or_addr, sle};
use crate::table::ArgSpec;
use std::fmt::Write;

/// Decodes the 32-bit ABIs' struct stat64. i386 packs `long long` at 4-byte alignment
/// (96 bytes); arm EABI aligns it to 8 (104 bytes).
fn parse_stat64(arch: Arch, b: &[u8]) -> StatFields {
    let (size_off, blocks_off, times_off, ino_off) = if arch == Arch::Arm {
        (48, 64, 72, 96)
    } else {
        (44, 56, 64, 88)
    };
    let t = |i: usize| {
        (
            sle(b, times_off + 8 * i, 4),
            le(b, times_off + 8 * i + 4, 4),
        )
    };
    StatFields {
        dev: le(b, 0, 8),
        ino: le(b, ino_off, 8),
        mode: le(b, 16, 4) as u32,
        nlink: le(b, 20, 4),
        uid: le(b, 24, 4),
        gid: le(b, 28, 4),
        rdev: le(b, 32, 8),
        size: le(b, size_off, 8),
        blksize: le(b, size_off + 8, 4),
        blocks: le(b, blocks_off, 8),
        times: [t(0), t(1), t(2)],
    }
}

pub(super) fn print_stat64(c: &Ctx, addr: u64, o: &mut String) {
    let len = if c.arch() == Arch::Arm { 104 } else { 96 };
    if let Some(b) = read_or_addr(c, addr, len, true, o) {
        print_stat_fields(c, &parse_stat64(c.arch(), &b), o);
    }
}

/// struct __old_kernel_stat (oldstat, oldfstat, oldlstat): 16-bit ids, 32-bit size
/// and times, no nanoseconds, blksize or blocks.
pub(super) fn print_old_stat(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 32, true, o) else {
        return;
    };
    let st = StatFields {
        dev: le(&b, 0, 2),
        ino: le(&b, 2, 2),
        mode: le(&b, 4, 2) as u32,
        nlink: le(&b, 6, 2),
        uid: le(&b, 8, 2),
        gid: le(&b, 10, 2),
        rdev: le(&b, 12, 2),
        size: le(&b, 16, 4),
        blksize: 0,
        blocks: 0,
        times: [0, 1, 2].map(|i| (sle(&b, 20 + 4 * i, 4), 0)),
    };
    let mut s = String::new();
    print_stat_fields(c, &st, &mut s);
    // strace has no nanoseconds for this struct and prints no *_nsec fields.
    for f in ["atime", "mtime", "ctime"] {
        s = s.replace(&format!(", st_{f}_nsec=0"), "");
    }
    o.push_str(&s);
}

/// readdir's count, shown only when it is not the usual 1.
pub(super) fn print_readdir_count(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let n = c.iarg(a.index) as u32;
    if n == 1 {
        return false;
    }
    fmt::dec(o, n);
    true
}

/// readdir's struct old_linux_dirent: `{d_ino=.., d_off=.., d_reclen=.., d_name=".."}`;
/// only the address when the call returned 0 (end of directory) or failed.
pub(super) fn print_old_dirent(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let word = c.word();
    if c.ret() == Some(0) {
        fmt::addr(o, addr);
        return true;
    }
    let head = 2 * word + 2;
    let Some(b) = read_or_addr(c, addr, head, true, o) else {
        return true;
    };
    let reclen = le(&b, 2 * word, 2);
    let _ = write!(
        o,
        "{{d_ino={}, d_off={}, d_reclen={reclen}, d_name=",
        le(&b, 0, c.word()),
        le(&b, word, c.word())
    );
    print_cstr_limit(
        c,
        addr.wrapping_add(head as u64),
        reclen.min(256) as usize,
        o,
    );
    o.push('}');
    true
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{A, i386, i386_verbose};
    use crate::record::RecordedMemory;

    fn stat64_bytes(mode: u32, size: u64, rdev: u64) -> Vec<u8> {
        let mut b = vec![0u8; 96];
        b[0..8].copy_from_slice(&0x803u64.to_le_bytes());
        b[12..16].copy_from_slice(&7u32.to_le_bytes());
        b[16..20].copy_from_slice(&mode.to_le_bytes());
        b[20..24].copy_from_slice(&1u32.to_le_bytes());
        b[32..40].copy_from_slice(&rdev.to_le_bytes());
        b[44..52].copy_from_slice(&size.to_le_bytes());
        b[52..56].copy_from_slice(&4096u32.to_le_bytes());
        b[56..64].copy_from_slice(&8u64.to_le_bytes());
        b[88..96].copy_from_slice(&1234567u64.to_le_bytes());
        b
    }

    #[test]
    fn stat64_abbrev_and_dev() {
        let m = RecordedMemory::new()
            .with(A, stat64_bytes(0o100644, 1221, 0))
            .with(A + 0x1000, stat64_bytes(0o020666, 0, 0x103))
            .with(0x5000, b"/etc/passwd\0".to_vec());
        assert_eq!(
            i386("stat64", [0x5000, A, 0, 0, 0, 0], 0, &m),
            r#"stat64("/etc/passwd", {st_mode=S_IFREG|0644, st_size=1221, ...}) = 0"#
        );
        assert_eq!(
            i386("fstat64", [0, A + 0x1000, 0, 0, 0, 0], 0, &m),
            "fstat64(0, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0"
        );
        assert_eq!(
            i386("lstat64", [0x5000, A, 0, 0, 0, 0], -2, &m),
            r#"lstat64("/etc/passwd", 0xffa00000) = -1 ENOENT (No such file or directory)"#
        );
        assert_eq!(
            i386("fstat64", [0, 0, 0, 0, 0, 0], -14, &m),
            "fstat64(0, NULL) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            i386(
                "fstatat64",
                [(-100i64) as u64, 0x5000, A, 0x100, 0, 0],
                0,
                &m
            ),
            r#"fstatat64(AT_FDCWD, "/etc/passwd", {st_mode=S_IFREG|0644, st_size=1221, ...}, AT_SYMLINK_NOFOLLOW) = 0"#
        );
    }

    #[test]
    fn stat64_verbose() {
        let m = RecordedMemory::new().with(A, stat64_bytes(0o104755, 5, 0));
        assert_eq!(
            i386_verbose("fstat64", [1, A, 0, 0, 0, 0], 0, &m),
            "fstat64(1, {st_dev=makedev(0x8, 0x3), st_ino=1234567, st_mode=S_IFREG|S_ISUID|0755, \
             st_nlink=1, st_uid=0, st_gid=0, st_blksize=4096, st_blocks=8, st_size=5, \
             st_atime=0, st_atime_nsec=0, st_mtime=0, st_mtime_nsec=0, st_ctime=0, \
             st_ctime_nsec=0}) = 0"
        );
    }

    #[test]
    fn old_stat_and_readdir() {
        let mut b = vec![0u8; 32];
        b[4..6].copy_from_slice(&0o40755u16.to_le_bytes());
        b[16..20].copy_from_slice(&4096u32.to_le_bytes());
        let mut d = Vec::new();
        d.extend_from_slice(&5u32.to_le_bytes());
        d.extend_from_slice(&1u32.to_le_bytes());
        d.extend_from_slice(&3u16.to_le_bytes());
        d.extend_from_slice(b"abc\0");
        let m = RecordedMemory::new()
            .with(A, b)
            .with(A + 0x100, d)
            .with(0x5000, b"/\0".to_vec());
        assert_eq!(
            i386("oldstat", [0x5000, A, 0, 0, 0, 0], 0, &m),
            r#"oldstat("/", {st_mode=S_IFDIR|0755, st_size=4096, ...}) = 0"#
        );
        assert_eq!(
            i386_verbose("oldfstat", [0, A, 0, 0, 0, 0], 0, &m),
            "oldfstat(0, {st_dev=makedev(0, 0), st_ino=0, st_mode=S_IFDIR|0755, st_nlink=0, \
             st_uid=0, st_gid=0, st_blksize=0, st_blocks=0, st_size=4096, st_atime=0, \
             st_mtime=0, st_ctime=0}) = 0"
        );
        assert_eq!(
            i386("readdir", [3, A + 0x100, 1, 0, 0, 0], 1, &m),
            r#"readdir(3, {d_ino=5, d_off=1, d_reclen=3, d_name="abc"}) = 1"#
        );
        assert_eq!(
            i386("readdir", [3, A + 0x100, 1, 0, 0, 0], 0, &m),
            "readdir(3, 0xffa00100) = 0"
        );
        assert_eq!(
            i386("readdir", [0, A, 2, 0, 0, 0], -20, &m),
            "readdir(0, 0xffa00000, 2) = -1 ENOTDIR (Not a directory)"
        );
    }
}
