//! Unit tests of the file group: whole rendered lines, as strace prints them.

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

/// A line with default options, without the alignment padding (see [`squash`]).
fn line(arch: Arch, name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    squash(&render_named(arch, name, args, Some(ret), mem))
}

fn x64(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    line(Arch::X86_64, name, args, ret, mem)
}

/// A line under -v, without the alignment padding.
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
    squash(&render_one(&rec, mem, &opts))
}

fn x64_verbose(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    verbose(Arch::X86_64, name, args, ret, mem)
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
        x64("openat", [AT_FDCWD, P, 0o2000000, 0, 0, 0], 3, &m),
        r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDONLY|O_CLOEXEC) = 3"#
    );
    assert_eq!(
        x64("openat", [AT_FDCWD, P, 0o1101, 0o644, 0, 0], 4, &m),
        r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_WRONLY|O_CREAT|O_TRUNC, 0644) = 4"#
    );
    // O_TMPFILE includes O_DIRECTORY, and asks for a mode too.
    assert_eq!(
        x64("openat", [AT_FDCWD, P, 0o20200002, 0o600, 0, 0], 5, &m),
        r#"openat(AT_FDCWD, "/etc/ld.so.cache", O_RDWR|O_TMPFILE, 0600) = 5"#
    );
    assert_eq!(
        x64("open", [P, 3 | 0x4000_0000, 0, 0, 0, 0], 3, &m),
        r#"open("/etc/ld.so.cache", O_ACCMODE|0x40000000) = 3"#
    );
}

#[test]
fn open_flags_follow_the_arch() {
    let m = RecordedMemory::new().with(P, cstr("/"));
    // aarch64's O_DIRECTORY is x86_64's O_DIRECT.
    assert_eq!(
        line(
            Arch::Aarch64,
            "openat",
            [AT_FDCWD, P, 0o40000, 0, 0, 0],
            3,
            &m
        ),
        r#"openat(AT_FDCWD, "/", O_RDONLY|O_DIRECTORY) = 3"#
    );
    assert_eq!(
        x64("openat", [AT_FDCWD, P, 0o40000, 0, 0, 0], 3, &m),
        r#"openat(AT_FDCWD, "/", O_RDONLY|O_DIRECT) = 3"#
    );
    assert_eq!(
        line(Arch::I386, "open", [P, 0o100000, 0, 0, 0, 0], 3, &m),
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
        x64("newfstatat", args, 0, &m),
        r#"newfstatat(3, "", {st_mode=S_IFREG|0644, st_size=37043, ...}, AT_EMPTY_PATH) = 0"#
    );
    assert_eq!(
        x64_verbose("newfstatat", args, 0, &m),
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
        x64("fstat", [1, B, 0, 0, 0, 0], 0, &m),
        "fstat(1, {st_mode=S_IFCHR|0666, st_rdev=makedev(0x1, 0x3), ...}) = 0"
    );
}

#[test]
fn stat_failures_print_the_address() {
    let m = RecordedMemory::new().with(P, cstr("/nonexistent"));
    let line = x64("stat", [P, 0x7ffc_0000_1000, 0, 0, 0, 0], -2, &m);
    assert_eq!(
        before_errno(&line),
        r#"stat("/nonexistent", 0x7ffc00001000)"#
    );
    // Unreadable memory of a successful call: the address too.
    assert_eq!(
        x64("stat", [P, 0x5000, 0, 0, 0, 0], 0, &m),
        r#"stat("/nonexistent", 0x5000) = 0"#
    );
    assert_eq!(
        x64("fstat", [0, 0, 0, 0, 0, 0], 0, &m),
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
        line(Arch::I386, "stat", [P, B, 0, 0, 0, 0], 0, &m),
        r#"stat("/bin/sh", {st_mode=S_IFREG|0755, st_size=1221, ...}) = 0"#
    );
    // The generic 64-bit layout (aarch64, riscv64): mode before nlink.
    let mut g = vec![0u8; 128];
    put(&mut g, 16, 0o40700, 4);
    put(&mut g, 48, 4096, 8);
    let m = RecordedMemory::new().with(B, g);
    assert_eq!(
        line(Arch::Aarch64, "fstat", [3, B, 0, 0, 0, 0], 0, &m),
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
        x64("statx", [AT_FDCWD, P, 0x900, 2, B, 0], 0, &m),
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
        x64("statfs", [P, B, 0, 0, 0, 0], 0, &m),
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
        line(Arch::I386, "statfs", [P, B, 0, 0, 0, 0], 0, &m),
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
        x64("getdents64", args, len, &m),
        "getdents64(3, 0x2000 /* 2 entries */, 32768) = 56"
    );
    assert_eq!(
        x64_verbose("getdents64", args, len, &m),
        "getdents64(3, [{d_ino=2, d_off=1, d_reclen=24, d_type=DT_DIR, d_name=\".\"}, \
         {d_ino=12, d_off=2, d_reclen=32, d_type=DT_REG, d_name=\"passwd\"}], 32768) = 56"
    );
    assert_eq!(
        x64("getdents64", args, 0, &m),
        "getdents64(3, 0x2000 /* 0 entries */, 32768) = 0"
    );
    assert_eq!(
        x64_verbose("getdents64", args, 0, &m),
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
        verbose(Arch::I386, "getdents", [3, B, 100, 0, 0, 0], 16, &m),
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
        x64("setxattr", [P, 0x3000, B, 4, 1, 0], 0, &m),
        r#"setxattr("/tmp", "user.foo", "bar", 4, XATTR_CREATE) = 0"#
    );
    assert_eq!(
        x64("getxattr", [P, 0x3000, B, 255, 0, 0], 3, &m),
        r#"getxattr("/tmp", "user.foo", "bar", 255) = 3"#
    );
    let line = x64("getxattr", [P, 0x3000, B, 255, 0, 0], -61, &m);
    assert_eq!(
        before_errno(&line),
        r#"getxattr("/tmp", "user.foo", 0x2000, 255)"#
    );
    assert_eq!(
        x64("listxattr", [P, B, 64, 0, 0, 0], 11, &m),
        r#"listxattr("/tmp", "bar\0user.x\0", 64) = 11"#
    );
    assert_eq!(
        x64("listxattr", [P, 0, 0, 0, 0, 0], 11, &m),
        r#"listxattr("/tmp", NULL, 0) = 11"#
    );
}

#[test]
fn modes_devices_and_umask() {
    let m = RecordedMemory::new().with(P, cstr("/dev/x"));
    assert_eq!(
        x64("mknod", [P, 0o60600, 0x803, 0, 0, 0], 0, &m),
        r#"mknod("/dev/x", S_IFBLK|0600, makedev(0x8, 0x3)) = 0"#
    );
    assert_eq!(
        x64("mknodat", [AT_FDCWD, P, 0o14755, 0, 0, 0], 0, &m),
        r#"mknodat(AT_FDCWD, "/dev/x", S_IFIFO|S_ISUID|0755) = 0"#
    );
    assert_eq!(
        x64("chmod", [P, 0o4755, 0, 0, 0, 0], 0, &m),
        r#"chmod("/dev/x", 04755) = 0"#
    );
    assert_eq!(
        x64("umask", [0o22, 0, 0, 0, 0, 0], 0o77, &m),
        "umask(022) = 077"
    );
    assert_eq!(
        x64("access", [P, 6, 0, 0, 0, 0], 0, &m),
        r#"access("/dev/x", R_OK|W_OK) = 0"#
    );
    assert_eq!(
        x64(
            "fchownat",
            [AT_FDCWD, P, u64::from(u32::MAX), 0, 0x100, 0],
            0,
            &m
        ),
        r#"fchownat(AT_FDCWD, "/dev/x", -1, 0, AT_SYMLINK_NOFOLLOW) = 0"#
    );
    assert_eq!(
        line(Arch::I386, "chown32", [P, 0xffff_ffff, 5, 0, 0, 0], 0, &m),
        r#"chown32("/dev/x", -1, 5) = 0"#
    );
}

#[test]
fn getcwd_and_readlink() {
    let m = RecordedMemory::new()
        .with(B, cstr("/tmp"))
        .with(P, cstr("/l"));
    assert_eq!(
        x64("getcwd", [B, 4096, 0, 0, 0, 0], 5, &m),
        r#"getcwd("/tmp", 4096) = 5"#
    );
    let line = x64("getcwd", [B, 2, 0, 0, 0, 0], -34, &m);
    assert_eq!(before_errno(&line), "getcwd(0x2000, 2)");
    assert_eq!(
        x64("readlink", [P, B, 3, 0, 0, 0], 3, &m),
        r#"readlink("/l", "/tm", 3) = 3"#
    );
}

#[test]
fn renames_links_and_unlinks() {
    let m = RecordedMemory::new().with(P, cstr("a")).with(B, cstr("b"));
    assert_eq!(
        x64("renameat2", [AT_FDCWD, P, 4, B, 1, 0], 0, &m),
        r#"renameat2(AT_FDCWD, "a", 4, "b", RENAME_NOREPLACE) = 0"#
    );
    assert_eq!(
        x64("unlinkat", [AT_FDCWD, P, 0x200, 0, 0, 0], 0, &m),
        r#"unlinkat(AT_FDCWD, "a", AT_REMOVEDIR) = 0"#
    );
    assert_eq!(
        x64("symlinkat", [P, AT_FDCWD, B, 0, 0, 0], 0, &m),
        r#"symlinkat("a", AT_FDCWD, "b") = 0"#
    );
    assert_eq!(
        x64(
            "close_range",
            [3, u64::from(u32::MAX), 0x10, 0, 0, 0],
            0,
            &m
        ),
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
        x64("open_by_handle_at", [3, B, 0, 0, 0, 0], 4, &m),
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
        x64("mount", [P, B, 0x3000, 6, 0x4000, 0], 0, &m),
        r#"mount("none", "/mnt", "tmpfs", MS_NOSUID|MS_NODEV, "size=1m") = 0"#
    );
    assert_eq!(
        x64("mount", [B, B, 0x3000, 0x5000, 0x4000, 0], 0, &m),
        r#"mount("/mnt", "/mnt", 0x3000, MS_BIND|MS_REC, 0x4000) = 0"#
    );
    assert_eq!(
        x64("mount", [P, B, 0, 0xc0ed_0021, 0x4000, 0], 0, &m),
        r#"mount("none", "/mnt", NULL, MS_MGC_VAL|MS_RDONLY|MS_REMOUNT, "size=1m") = 0"#
    );
}

#[test]
fn inotify_and_fanotify() {
    let m = RecordedMemory::new().with(P, cstr("."));
    assert_eq!(
        x64("inotify_init1", [0o2004000, 0, 0, 0, 0, 0], 3, &m),
        "inotify_init1(IN_NONBLOCK|IN_CLOEXEC) = 3"
    );
    assert_eq!(
        x64("inotify_add_watch", [3, P, 0x300, 0, 0, 0], 1, &m),
        r#"inotify_add_watch(3, ".", IN_CREATE|IN_DELETE) = 1"#
    );
    assert_eq!(
        x64("fanotify_init", [5, 0o100000, 0, 0, 0, 0], 4, &m),
        "fanotify_init(FAN_CLASS_CONTENT|FAN_CLOEXEC, O_RDONLY|O_LARGEFILE) = 4"
    );
    assert_eq!(
        x64(
            "fanotify_mark",
            [4, 1, 0x20, u64::from(u32::MAX), P, 0],
            0,
            &m
        ),
        r#"fanotify_mark(4, FAN_MARK_ADD, FAN_OPEN, FAN_NOFD, ".") = 0"#
    );
}

#[test]
fn i386_splits_64_bit_arguments() {
    let m = RecordedMemory::new().with(P, cstr("/tmp"));
    assert_eq!(
        line(Arch::I386, "fallocate", [3, 0, 1, 1, 10, 0], 0, &m),
        "fallocate(3, 0, 4294967297, 10) = 0"
    );
    assert_eq!(
        x64("fallocate", [3, 1, 1 << 32, 10, 0, 0], 0, &m),
        "fallocate(3, FALLOC_FL_KEEP_SIZE, 4294967296, 10) = 0"
    );
    assert_eq!(
        line(Arch::I386, "sync_file_range", [3, 1, 0, 0, 2, 2], 0, &m),
        "sync_file_range(3, 1, 8589934592, SYNC_FILE_RANGE_WRITE) = 0"
    );
    assert_eq!(
        line(Arch::I386, "fadvise64_64", [3, 0, 1, 77, 0, 4], 0, &m),
        "fadvise64_64(3, 4294967296, 77, POSIX_FADV_DONTNEED) = 0"
    );
    assert_eq!(
        line(
            Arch::I386,
            "ftruncate64",
            [3, 0x2345_6789, 1, 0, 0, 0],
            0,
            &m
        ),
        "ftruncate64(3, 4886718345) = 0"
    );
    assert_eq!(
        line(
            Arch::I386,
            "fanotify_mark",
            [4, 1, 0x20, 0, 0xffff_ffff, P],
            0,
            &m
        ),
        r#"fanotify_mark(4, FAN_MARK_ADD, FAN_OPEN, FAN_NOFD, "/tmp") = 0"#
    );
}

#[test]
fn new_mount_api() {
    let m = RecordedMemory::new()
        .with(P, cstr("size"))
        .with(B, cstr("1m"));
    assert_eq!(
        x64("fsconfig", [3, 1, P, B, 0, 0], 0, &m),
        r#"fsconfig(3, FSCONFIG_SET_STRING, "size", "1m", 0) = 0"#
    );
    assert_eq!(
        x64("fsconfig", [3, 6, 0, 0, 0, 0], 0, &m),
        "fsconfig(3, FSCONFIG_CMD_CREATE, NULL, NULL, 0) = 0"
    );
    assert_eq!(
        x64("fsmount", [3, 1, 0x12, 0, 0, 0], 4, &m),
        "fsmount(3, FSMOUNT_CLOEXEC, MOUNT_ATTR_NOSUID|MOUNT_ATTR_NOATIME) = 4"
    );
}

#[test]
fn quotactl_commands() {
    let m = RecordedMemory::new()
        .with(P, cstr("/dev/sda1"))
        .with(B, cstr("/aquota.user"));
    assert_eq!(
        x64("quotactl", [0x8000_0201, P, 2, B, 0, 0], 0, &m),
        r#"quotactl(QCMD(Q_QUOTAON, GRPQUOTA), "/dev/sda1", QFMT_VFS_V0, "/aquota.user") = 0"#
    );
    let mut dq = vec![0u8; 72];
    put(&mut dq, 0, 100, 8);
    let m = m.with(0x3000, dq);
    assert_eq!(
        x64("quotactl", [0x8000_0700, P, 1000, 0x3000, 0, 0], 0, &m),
        "quotactl(QCMD(Q_GETQUOTA, USRQUOTA), \"/dev/sda1\", 1000, {dqb_bhardlimit=100, \
         dqb_bsoftlimit=0, dqb_curspace=0, dqb_ihardlimit=0, dqb_isoftlimit=0, \
         dqb_curinodes=0, ...}) = 0"
    );
}

/// Every row of the file group decodes arbitrary registers and memory without
/// panicking, on every personality.
#[test]
fn no_panics_on_garbage() {
    let rows: Vec<&str> = include_str!("../../../syscall-tables/signatures/file.tsv")
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
