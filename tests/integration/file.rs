//! Integration tests: file. Each test runs a program under strace and trace and
//! compares the lines of the file group's syscalls (other groups' calls are left to
//! their own tests, so these stay meaningful while those groups are incomplete).

use crate::util::*;
use std::path::Path;

/// The syscalls whose lines these tests compare.
const FILE_CALLS: &[&str] = &[
    "access",
    "acct",
    "chdir",
    "chmod",
    "chown",
    "chown32",
    "chroot",
    "close",
    "close_range",
    "creat",
    "faccessat",
    "faccessat2",
    "fadvise64",
    "fallocate",
    "fanotify_init",
    "fanotify_mark",
    "fchdir",
    "fchmod",
    "fchmodat",
    "fchown",
    "fchown32",
    "fchownat",
    "fdatasync",
    "fgetxattr",
    "flistxattr",
    "flock",
    "fremovexattr",
    "fsetxattr",
    "fstat",
    "fstatfs",
    "fstatfs64",
    "fsync",
    "ftruncate",
    "futimesat",
    "getcwd",
    "getdents",
    "getdents64",
    "getxattr",
    "inotify_add_watch",
    "inotify_init",
    "inotify_init1",
    "inotify_rm_watch",
    "lchown",
    "lchown32",
    "lgetxattr",
    "link",
    "linkat",
    "listxattr",
    "llistxattr",
    "lremovexattr",
    "lsetxattr",
    "lstat",
    "mkdir",
    "mkdirat",
    "mknod",
    "mknodat",
    "mount",
    "name_to_handle_at",
    "newfstatat",
    "open",
    "open_by_handle_at",
    "openat",
    "openat2",
    "pivot_root",
    "readlink",
    "readlinkat",
    "removexattr",
    "rename",
    "renameat",
    "renameat2",
    "rmdir",
    "setxattr",
    "stat",
    "statfs",
    "statfs64",
    "statx",
    "swapoff",
    "swapon",
    "symlink",
    "symlinkat",
    "sync",
    "sync_file_range",
    "syncfs",
    "truncate",
    "umask",
    "umount2",
    "unlink",
    "unlinkat",
    "utime",
    "utimes",
];

fn is_file_line(l: &str) -> bool {
    l.split_once('(')
        .is_some_and(|(name, _)| FILE_CALLS.contains(&name))
}

/// The log's lines without pid column, addresses (5+ hex digits) or alignment padding.
/// (Kept here rather than shared so these tests do not depend on how the common
/// helpers group processes.)
fn plain_lines(log: &str) -> Vec<String> {
    let pid = regex::Regex::new(r"^\d+\s+").unwrap();
    let addr = regex::Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let pad = regex::Regex::new(r"\)\s+= ").unwrap();
    log.lines()
        .map(|l| {
            let l = pid.replace(l, "");
            let l = addr.replace_all(&l, "0xADDR");
            pad.replace_all(&l, ") = ").into_owned()
        })
        .collect()
}

/// Hides what differs between two runs of the same program on fresh files: inode
/// numbers and timestamps (with their date comments).
fn mask(line: &str) -> String {
    let ino = regex::Regex::new(r"\b(st_ino|stx_ino|d_ino)=\d+").unwrap();
    let time = regex::Regex::new(
        r"\b(st_[amc]time(_nsec)?=\d+|stx_[abcm]time=\{[^}]*\})( /\* [^*]* \*/)?",
    )
    .unwrap();
    let l = ino.replace_all(line, "$1=N");
    time.replace_all(&l, "TIME").into_owned()
}

/// Compares the file-group lines of strace's and trace's logs of `cmd` run in `dir`.
/// Returns false (after a skip message) when strace is missing.
fn compare_file_calls(dir: &Path, flags: &[&str], cmd: &[&str], ignore: &[&str]) -> bool {
    let Some(s) = run_strace_in(dir, flags, cmd) else {
        eprintln!("SKIPPED: strace is not installed");
        return false;
    };
    let t = run_trace_in(dir, flags, cmd);
    let lines = |log: &str| -> Vec<String> {
        plain_lines(log)
            .into_iter()
            .filter(|l| is_file_line(l) && !ignore.iter().any(|i| l.contains(i)))
            .map(|l| mask(&l))
            .collect()
    };
    let a = lines(&s.log);
    let b = lines(&t.log);
    assert!(!a.is_empty(), "strace logged no file calls:\n{}", s.log);
    if a != b {
        panic!(
            "file-group lines differ from strace's:\n{}",
            line_diffs(&a, &b)
        );
    }
    assert_eq!(s.status.code(), t.status.code(), "exit status differs");
    true
}

const PATHS_C: &str = r#"
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/time.h>
#include <utime.h>
int main(void) {
  char buf[4096];
  struct stat st;
  mkdir("d", 0755);
  chdir("d");
  int fd = open("a.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644);
  write(fd, "hello world\n", 12);
  fsync(fd); fdatasync(fd);
  ftruncate(fd, 5);
  fchmod(fd, 0600);
  fchown(fd, -1, -1);
  flock(fd, LOCK_EX|LOCK_NB); flock(fd, LOCK_UN);
  fallocate(fd, 1, 0, 100);
  posix_fadvise(fd, 0, 10, POSIX_FADV_SEQUENTIAL);
  sync_file_range(fd, 0, 10, SYNC_FILE_RANGE_WRITE);
  fstat(fd, &st);
  close(fd);
  syscall(SYS_open, "b.txt", O_RDWR|O_CREAT|O_EXCL|O_APPEND, 0600);
  syscall(SYS_open, "missing", O_RDONLY);
  syscall(SYS_open, ".", O_RDONLY|O_DIRECTORY|O_NOFOLLOW|O_CLOEXEC);
  syscall(SYS_open, "a.txt", 3);
  syscall(SYS_creat, "c.txt", 0640);
  syscall(SYS_stat, "a.txt", &st);
  syscall(SYS_lstat, "a.txt", &st);
  syscall(SYS_stat, "missing", &st);
  syscall(SYS_stat, "a.txt", (void *)8);
  syscall(SYS_newfstatat, AT_FDCWD, "a.txt", &st, AT_SYMLINK_NOFOLLOW);
  syscall(SYS_statx, AT_FDCWD, "a.txt", AT_SYMLINK_NOFOLLOW, STATX_MODE|STATX_SIZE, buf);
  access("a.txt", R_OK|W_OK); access("a.txt", F_OK); access("/", 0x10);
  syscall(SYS_faccessat, AT_FDCWD, "a.txt", X_OK);
  syscall(SYS_faccessat2, AT_FDCWD, "a.txt", R_OK, AT_EACCESS);
  symlink("a.txt", "l.txt");
  readlink("l.txt", buf, sizeof buf); readlink("a.txt", buf, sizeof buf);
  readlinkat(AT_FDCWD, "l.txt", buf, 3);
  link("a.txt", "h.txt");
  linkat(AT_FDCWD, "a.txt", AT_FDCWD, "h2.txt", 0);
  rename("h.txt", "h3.txt");
  renameat(AT_FDCWD, "h3.txt", AT_FDCWD, "h4.txt");
  syscall(SYS_renameat2, AT_FDCWD, "h4.txt", AT_FDCWD, "h5.txt", 1);
  chmod("a.txt", 0644);
  fchmodat(AT_FDCWD, "a.txt", 04755, 0);
  chown("a.txt", -1, -1);
  fchownat(AT_FDCWD, "a.txt", -1, -1, AT_SYMLINK_NOFOLLOW);
  truncate("a.txt", 3);
  getcwd(buf, 2);
  umask(022); umask(0); umask(077);
  struct utimbuf ub = {1000000000, 1000000001};
  utime("a.txt", &ub); utime("a.txt", NULL);
  struct timeval tv[2] = {{1, 2}, {1600000000, 500000}};
  utimes("a.txt", tv);
  syscall(SYS_futimesat, AT_FDCWD, "a.txt", tv);
  mkdirat(AT_FDCWD, "d2", 0700);
  mknod("fifo", S_IFIFO|0644, 0);
  mknod("missing/x", S_IFBLK|0600, makedev(8, 3));
  unlink("fifo");
  unlinkat(AT_FDCWD, "d2", AT_REMOVEDIR);
  rmdir("missing");
  setxattr("a.txt", "user.foo", "bar", 3, XATTR_CREATE);
  getxattr("a.txt", "user.foo", buf, sizeof buf);
  getxattr("a.txt", "user.foo", NULL, 0);
  lgetxattr("a.txt", "user.nope", buf, sizeof buf);
  listxattr("a.txt", buf, sizeof buf);
  removexattr("a.txt", "user.foo");
  int in = inotify_init1(IN_NONBLOCK|IN_CLOEXEC);
  int wd = inotify_add_watch(in, ".", IN_CREATE|IN_DELETE|IN_ONLYDIR);
  inotify_rm_watch(in, wd);
  close(in);
  int dfd = open(".", O_RDONLY|O_DIRECTORY);
  syscall(SYS_getdents64, dfd, buf, sizeof buf);
  syscall(SYS_getdents64, dfd, buf, sizeof buf);
  fchdir(dfd);
  close(dfd);
  syscall(SYS_close_range, 100, 200, 0);
  chroot("/nonexistent");
  unlink("a.txt"); unlink("b.txt"); unlink("c.txt"); unlink("l.txt");
  unlink("h2.txt"); unlink("h5.txt");
  chdir(".."); rmdir("d");
  return 0;
}
"#;

/// Compiles `src` as `name` (with `cflags`) and compares its file-group lines under
/// strace and trace, both run with `flags` in a fresh directory tagged `dir_tag`.
fn compare_program(name: &str, src: &str, cflags: &[&str], dir_tag: &str, flags: &[&str]) {
    let exe = match compile(name, src, cflags) {
        Ok(e) => e,
        Err(e) if cflags.is_empty() => skip!("cannot compile: {e}"),
        Err(e) => skip!("cannot compile with {}: {e}", cflags.join(" ")),
    };
    let dir = tmpdir(dir_tag);
    let exe = exe.to_string_lossy().into_owned();
    compare_file_calls(&dir, flags, &[&exe], &[]);
}

#[test]
fn paths_and_metadata_like_strace() {
    // Whether user xattrs work depends on the temp filesystem; the lines must match
    // strace's either way.
    compare_program("filepaths", PATHS_C, &[], "file-paths", &["-f"]);
}

#[test]
fn verbose_structs_like_strace() {
    compare_program("filepathsv", PATHS_C, &[], "file-paths-v", &["-f", "-v"]);
}

#[test]
fn string_limit_and_hex_like_strace() {
    let flags = ["-f", "-s", "4", "-x"];
    compare_program("filepathss", PATHS_C, &[], "file-paths-s", &flags);
}

#[test]
fn i386_paths_like_strace() {
    let src = PATHS_C
        .replace("syscall(SYS_newfstatat", "if (0) syscall(SYS_fstat")
        .replace("syscall(SYS_futimesat, AT_FDCWD, \"a.txt\", tv);", "")
        .replace("fallocate(fd, 1, 0, 100);", "")
        .replace("sync_file_range(fd, 0, 10, SYNC_FILE_RANGE_WRITE);", "")
        .replace("posix_fadvise(fd, 0, 10, POSIX_FADV_SEQUENTIAL);", "");
    compare_program("filepaths32", &src, &["-m32"], "file-paths-32", &["-f"]);
}

#[test]
fn coreutils_like_strace() {
    let dir = tmpdir("file-coreutils");
    std::fs::write(dir.join("f"), "data\n").unwrap();
    std::fs::create_dir(dir.join("sub")).unwrap();
    for cmd in [
        &["ls", "-l", "."][..],
        &["ls", "/"],
        &["cat", "f"],
        &["mkdir", "-p", "x/y"],
        &["ln", "-s", "f", "lnk"],
        &["mv", "lnk", "lnk2"],
        &["chmod", "0600", "f"],
        &["rm", "-r", "x", "lnk2"],
    ] {
        if !have(cmd[0]) {
            continue;
        }
        // Each tracer gets its own copy of the tree, so both start from the same state.
        let a = tmpdir("file-coreutils-run");
        copy_tree(&dir, &a);
        let Some(s) = run_strace_in(&a, &["-f"], cmd) else {
            skip!("strace is not installed");
        };
        let b = tmpdir("file-coreutils-run");
        copy_tree(&dir, &b);
        let t = run_trace_in(&b, &["-f"], cmd);
        let fix = |log: &str, d: &Path| log.replace(&d.to_string_lossy().into_owned(), "DIR");
        let keep = |l: &String| is_file_line(l) && !l.contains("statfs(");
        let x: Vec<String> = plain_lines(&fix(&s.log, &a))
            .into_iter()
            .filter(keep)
            .collect();
        let y: Vec<String> = plain_lines(&fix(&t.log, &b))
            .into_iter()
            .filter(keep)
            .collect();
        assert_eq!(x, y, "{cmd:?}");
    }
}

fn copy_tree(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let dst = to.join(e.file_name());
        if e.path().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
            copy_tree(&e.path(), &dst);
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
}

#[test]
fn open_line_is_exact() {
    let src = r#"
#include <fcntl.h>
#include <unistd.h>
int main(void) {
  int fd = open("/etc/passwd", O_RDONLY|O_CLOEXEC);
  close(fd);
  return open("/nonexistent/file", O_WRONLY|O_CREAT, 0640) < 0 ? 3 : 0;
}
"#;
    let exe = compiled_or_skip!(compile("fileopen", src, &[]), e => "cannot compile: {e}");
    let r = run_trace(&[], &[&exe.to_string_lossy()]);
    assert_eq!(r.status.code(), Some(3));
    let opens = r.find("openat(AT_FDCWD, \"/etc/passwd\"");
    assert_eq!(
        opens,
        vec!["openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3".to_string()]
    );
    let failed = r.find("openat(AT_FDCWD, \"/nonexistent/file\"");
    assert_eq!(failed.len(), 1);
    assert!(
        failed[0]
            .starts_with("openat(AT_FDCWD, \"/nonexistent/file\", O_WRONLY|O_CREAT, 0640) = -1 "),
        "{failed:?}"
    );
}
