//! Integration tests: output options of issue 5 owned here: `-yy` socket endpoints,
//! device numbers and pidfds; `-e read=`/`-e write=` hex dumps; `-X` and the
//! `abbrev=`/`verbose=`/`raw=` qualifiers. Each program runs under strace and trace
//! with the same flags, and whole lines are compared after masking what differs
//! between two runs (addresses, pids, inode numbers, kernel-chosen ports).

use crate::util::*;
use regex::Regex;

/// Sockets of every kind strace -yy names: TCP and UDP over IPv4 and IPv6 (listening
/// and connected), UNIX stream and datagram (pairs, bound paths, accepted peers),
/// netlink (bound and not), a pipe, character devices, a pidfd.
const SOCKETS: &str = r#"
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/un.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <string.h>
#include <stdio.h>
#include <fcntl.h>
#include <linux/netlink.h>
int main(int argc, char **argv) {
  char b[16];
  int l = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(0x7f000001)};
  bind(l, (void *)&a, sizeof a); listen(l, 1);
  socklen_t len = sizeof a; getsockname(l, (void *)&a, &len);
  int c = socket(AF_INET, SOCK_STREAM, 0); connect(c, (void *)&a, sizeof a);
  int s = accept(l, 0, 0);
  write(c, "hello", 5); read(s, b, 16);
  int u = socket(AF_INET, SOCK_DGRAM, 0); connect(u, (void *)&a, sizeof a); send(u, "x", 1, 0);
  int l6 = socket(AF_INET6, SOCK_STREAM, 0);
  struct sockaddr_in6 a6 = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
  bind(l6, (void *)&a6, sizeof a6); listen(l6, 1); fsync(l6);
  int u6 = socket(AF_INET6, SOCK_DGRAM, 0); fsync(u6);
  int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv); write(sv[0], "ab", 2); read(sv[1], b, 2);
  int ud[2]; socketpair(AF_UNIX, SOCK_DGRAM, 0, ud); write(ud[0], "ab", 2);
  struct sockaddr_un au = {.sun_family = AF_UNIX};
  snprintf(au.sun_path, sizeof au.sun_path, "%s", argv[1]);
  int ul = socket(AF_UNIX, SOCK_STREAM, 0); bind(ul, (void *)&au, sizeof au); listen(ul, 1);
  int uc = socket(AF_UNIX, SOCK_STREAM, 0); connect(uc, (void *)&au, sizeof au);
  int ua = accept(ul, 0, 0); write(uc, "z", 1); read(ua, b, 1);
  unlink(au.sun_path);
  // An abstract name is global: the path given makes it this run's own.
  struct sockaddr_un ab = {.sun_family = AF_UNIX};
  snprintf(ab.sun_path + 1, sizeof ab.sun_path - 1, "%s", argv[1]);
  int uabs = socket(AF_UNIX, SOCK_DGRAM, 0);
  bind(uabs, (void *)&ab, sizeof(sa_family_t) + 1 + strlen(argv[1])); fsync(uabs);
  int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
  struct sockaddr_nl an = {.nl_family = AF_NETLINK}; bind(nl, (void *)&an, sizeof an); fsync(nl);
  int nl2 = socket(AF_NETLINK, SOCK_RAW, NETLINK_AUDIT); fsync(nl2);
  int p[2]; pipe(p); write(p[1], "p", 1); read(p[0], b, 1);
  int n = open("/dev/null", O_WRONLY); write(n, "x", 1);
  int z = open("/dev/zero", O_RDONLY); read(z, b, 1);
  int pfd = syscall(SYS_pidfd_open, getpid(), 0); fsync(pfd);
  return 0;
}
"#;

/// A log normalised for comparison, with what -yy shows that differs between runs
/// masked: inode numbers, ephemeral ports, netlink port ids (the tracee's pid).
fn yy_normalize(log: &str) -> Vec<Vec<String>> {
    let masks = [
        (Regex::new(r"([:\[>,])\d{4,}").unwrap(), "${1}INO"),
        (
            Regex::new(r":(3[2-9]\d{3}|[4-6]\d{4})([\]\-])").unwrap(),
            ":PORT$2",
        ),
        (Regex::new(r"htons\(\d+\)").unwrap(), "htons(PORT)"),
        // -X raw/verbose show a port as its two bytes.
        (
            Regex::new(r#"(sin6?_port)="\\x[0-9a-f]{2}\\x[0-9a-f]{2}""#).unwrap(),
            "$1=PORT",
        ),
        (Regex::new(r"(ROUTE):\d+").unwrap(), "$1:PORTID"),
        (Regex::new(r"<pid:\d+>").unwrap(), "<pid:PID>"),
    ];
    normalize(log)
        .into_iter()
        .map(|s| {
            s.into_iter()
                .map(|l| {
                    masks
                        .iter()
                        .fold(l, |l, (re, to)| re.replace_all(&l, *to).into_owned())
                })
                .collect()
        })
        .collect()
}

fn compare_yy(flags: &[&str], cmd: &[&str]) {
    let Some(s) = run_strace(flags, cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(flags, cmd);
    let (s, t) = (yy_normalize(&s.log), yy_normalize(&t.log));
    let mut msg = String::new();
    for (a, b) in s.iter().zip(t.iter()) {
        msg.push_str(&line_diffs(a, b));
    }
    assert!(msg.is_empty() && s.len() == t.len(), "-yy differs:\n{msg}");
}

#[test]
fn yy_names_socket_endpoints_devices_and_pidfds_like_strace() {
    let exe = compiled_or_skip!(compile("yy_sockets", SOCKETS, &[]), e => "gcc failed: {e}");
    let dir = tmpdir("yy");
    let sock = dir.join("sock");
    let (exe, sock) = (exe.to_string_lossy(), sock.to_string_lossy());
    compare_yy(&["-f", "-yy"], &[&exe, &sock]);
    // The lines checked do carry the details (not only `socket:[N]`).
    let t = run_trace(&["-yy"], &[&exe, &sock]);
    for want in [
        "TCP:[127.0.0.1:",
        "->127.0.0.1:",
        "TCPv6:[[::1]:",
        "UDPv6:[",
        "UNIX-STREAM:[",
        "UNIX:[",
        ",@\"",
        "NETLINK:[ROUTE:",
        "<pipe:[",
        "</dev/null<char 1:3>>",
        "<pid:",
    ] {
        assert!(t.log.contains(want), "no {want:?} in:\n{}", t.log);
    }
}

/// Reads and writes through every kind of call strace dumps: plain buffers, iovecs,
/// msghdr and mmsghdr vectors, a failed pwrite (dumped) and a failed read (not).
const IO: &str = r#"
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/uio.h>
#include <sys/socket.h>
#include <string.h>
int main(void) {
  int p[2]; pipe(p);
  write(p[1], "hello world, this is a longer line of text\n\x01\x02\xff", 46);
  char b[64]; read(p[0], b, 64);
  struct iovec iv[2] = {{"abc", 3}, {"defgh", 5}}; writev(p[1], iv, 2);
  char x[4], y[8]; struct iovec ir[2] = {{x, 4}, {y, 8}}; readv(p[0], ir, 2);
  int sv[2]; socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
  struct msghdr m = {.msg_iov = iv, .msg_iovlen = 2}; sendmsg(sv[0], &m, 0);
  struct msghdr mr = {.msg_iov = ir, .msg_iovlen = 2}; recvmsg(sv[1], &mr, 0);
  struct mmsghdr mm[2] = {{.msg_hdr = m}, {.msg_hdr = {.msg_iov = iv + 1, .msg_iovlen = 1}}};
  sendmmsg(sv[0], mm, 2, 0);
  struct mmsghdr mmr[1] = {{.msg_hdr = {.msg_iov = ir, .msg_iovlen = 2}}};
  recvmmsg(sv[1], mmr, 1, 0, 0);
  send(sv[0], "zz", 2, 0); recv(sv[1], b, 10, 0);
  pwrite(p[1], "q", 1, 0);
  read(99, b, 1);
  return 0;
}
"#;

/// A tracee in a network namespace of its own (a container): the kernel answers
/// sock_diag only from inside it, so trace asks from there. strace asks from its own
/// namespace and prints the bare inode (`UNIX-STREAM:[N]`); trace names the peer.
#[test]
fn yy_resolves_sockets_in_the_tracees_network_namespace() {
    if !have("unshare") {
        skip!("unshare (util-linux) is not installed");
    }
    let src = r#"
#include <sys/socket.h>
#include <unistd.h>
int main(void) { int sv[2]; socketpair(AF_UNIX, SOCK_STREAM, 0, sv); write(sv[0], "x", 1); return 0; }
"#;
    let exe = compiled_or_skip!(compile("netns_pair", src, &[]), e => "gcc failed: {e}");
    let probe = std::process::Command::new("unshare")
        .args(["--net", "true"])
        .status()
        .is_ok_and(|s| s.success());
    if !probe {
        skip!("unshare --net is not permitted here (needs CAP_SYS_ADMIN)");
    }
    let exe = exe.to_str().unwrap();
    let run = run_trace(&["-yy", "-e", "trace=write"], &["unshare", "--net", exe]);
    let lines: Vec<&str> = run.lines();
    assert_eq!(lines.len(), 2, "{}", run.log);
    let re = Regex::new(r#"^write\(3<UNIX-STREAM:\[(\d+)->(\d+)\]>, "x", 1\) = 1$"#).unwrap();
    let caps = re
        .captures(lines[0])
        .unwrap_or_else(|| panic!("{}", lines[0]));
    assert_ne!(caps[1], caps[2]);
    assert_eq!(lines[1], "+++ exited with 0 +++");
}

#[test]
fn read_and_write_sets_dump_like_strace() {
    let exe = compiled_or_skip!(compile("dumpio", IO, &[]), e => "gcc failed: {e}");
    let exe = exe.to_string_lossy();
    assert_like_strace(&["-e", "read=all", "-e", "write=3,4,5"], &[&exe], &[]);
    assert_like_strace(&["-e", "read=!3", "-e", "write=none"], &[&exe], &[]);
    // The dump itself, exactly.
    let t = run_trace(&["-e", "trace=write", "-e", "write=4"], &[&exe]);
    let want = concat!(
        "write(4, \"hello world, this is a longer li\"..., 46) = 46\n",
        " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |\n",
        " | 00010  73 20 69 73 20 61 20 6c  6f 6e 67 65 72 20 6c 69  s is a longer li |\n",
        " | 00020  6e 65 20 6f 66 20 74 65  78 74 0a 01 02 ff        ne of text....   |\n",
    );
    assert!(t.log.starts_with(want), "{}", t.log);
}

#[test]
fn bad_fd_sets_are_errors_like_strace() {
    for (expr, msg) in [
        ("read=abc", "trace: invalid descriptor 'abc'"),
        ("write=-1", "trace: invalid descriptor '-1'"),
        ("read=", "trace: invalid descriptor ''"),
    ] {
        let t = run_trace(&["-e", expr], &["true"]);
        assert_eq!(t.status.code(), Some(1), "{expr}");
        assert!(t.stderr.starts_with(msg), "{expr}: {}", t.stderr);
    }
}

/// Named constants in many decoders: open flags and dirfds, mmap, file modes and
/// devices, rlimits, socket families and types, ioctl requests, signals and signal
/// sets, sigaction handlers, and the siginfo of a SIGCHLD line.
const XLAT: &str = r#"
#include <fcntl.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
  int fd = open("/dev/null", O_WRONLY | O_APPEND);
  openat(AT_FDCWD, "/nonexistent", O_RDONLY);
  struct stat st; fstat(fd, &st);
  mmap(0, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  access("/", F_OK); access("/", R_OK | W_OK);
  struct rlimit rl; getrlimit(RLIMIT_STACK, &rl);
  int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ioctl(fd, TCGETS, 0); ioctl(fd, 0xc0de1234, 0);
  signal(SIGUSR1, SIG_IGN);
  sigset_t m; sigemptyset(&m); sigaddset(&m, SIGKILL); sigaddset(&m, SIGRTMIN);
  sigprocmask(SIG_BLOCK, &m, 0);
  // SIGCHLD stays blocked until the child is reaped, so that its line comes at the
  // unblocking, not racing with wait4's.
  sigset_t chld; sigemptyset(&chld); sigaddset(&chld, SIGCHLD);
  sigprocmask(SIG_BLOCK, &chld, 0);
  if (fork() == 0) _exit(3);
  wait(0);
  sigprocmask(SIG_UNBLOCK, &chld, 0);
  sigprocmask(SIG_BLOCK, &chld, 0);
  if (fork() == 0) raise(SIGUSR2);
  wait(0);
  sigprocmask(SIG_UNBLOCK, &chld, 0);
  fcntl(fd, F_GETFD); fcntl(fd, F_SETFL, O_NONBLOCK); fcntl(fd, F_GETFL);
  lseek(fd, 0, SEEK_END);
  close(s);
  return 0;
}
"#;

#[test]
fn xlat_styles_like_strace() {
    let exe = compiled_or_skip!(compile("xlat_styles", XLAT, &[]), e => "gcc failed: {e}");
    let exe = exe.to_string_lossy();
    let sock = compiled_or_skip!(compile("xlat_sockets", SOCKETS, &[]), e => "gcc failed: {e}");
    let path = tmpdir("xlat_sockets").join("sock");
    let (sock, path) = (sock.to_string_lossy(), path.to_string_lossy());
    for style in ["raw", "abbrev", "verbose"] {
        assert_like_strace(&["-X", style], &[&exe], &[]);
        // Sockaddrs, socket types and protocols; ports differ between the runs.
        compare_yy(&["-f", "-X", style], &[&sock, &path]);
    }
    // The spellings themselves, for a few calls.
    let unpad = |log: &str| {
        Regex::new(r"\)\s+= ")
            .unwrap()
            .replace_all(log, ") = ")
            .into_owned()
    };
    let t = run_trace(
        &["-X", "verbose", "-e", "trace=openat,mmap,socket"],
        &[&exe],
    );
    let log = unpad(&t.log);
    for want in [
        "openat(-100 /* AT_FDCWD */, \"/nonexistent\", 0 /* O_RDONLY */) = -1 ENOENT",
        "mmap(NULL, 4096, 0 /* PROT_NONE */, 0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */, -1, 0) = 0x",
        "socket(0x1 /* AF_UNIX */, 0x1 /* SOCK_STREAM */|0x80000 /* SOCK_CLOEXEC */, 0) = 4",
    ] {
        assert!(log.contains(want), "no {want:?} in:\n{log}");
    }
    let t = run_trace(&["-X", "raw", "-e", "trace=openat"], &[&exe]);
    let log = unpad(&t.log);
    assert!(
        log.contains("openat(-100, \"/nonexistent\", 0) = -1 ENOENT"),
        "{log}"
    );
}

#[test]
fn bad_xlat_style_is_an_error_like_strace() {
    let t = run_trace(&["-X", "fancy"], &["true"]);
    assert_eq!(t.status.code(), Some(1));
    assert!(
        t.stderr.starts_with("trace: invalid -X argument: 'fancy'"),
        "{}",
        t.stderr
    );
}

#[test]
fn raw_abbrev_and_verbose_sets_like_strace() {
    let exe = compiled_or_skip!(compile("qual_sets", IO, &[]), e => "gcc failed: {e}");
    let sock = compiled_or_skip!(compile("qual_sets_sock", SOCKETS, &[]), e => "gcc failed: {e}");
    let dir = tmpdir("qual_sets");
    let path = dir.join("sock");
    let (exe, sock, path) = (
        exe.to_string_lossy(),
        sock.to_string_lossy(),
        path.to_string_lossy(),
    );
    for expr in [
        "raw=openat,read,close,mmap,writev",
        // Everything but the calls whose pids would print in hex, past the masks.
        "raw=!set_tid_address,getpid,pidfd_open,clone,clone3,vfork,wait4",
        "abbrev=none",
        "abbrev=!execve",
        "verbose=none",
        "verbose=!%network",
    ] {
        // Ports and pids differ between two runs; everything else must not.
        compare_yy(&["-f", "-e", expr], &[&exe]);
        compare_yy(&["-f", "-e", expr], &[&sock, &path]);
    }
    let t = run_trace(&["-e", "raw=openat", "-e", "trace=openat"], &[&exe]);
    let log = Regex::new(r"\)\s+= ").unwrap().replace_all(&t.log, ") = ");
    assert!(
        Regex::new(r#"(?m)^openat\(0xffffff9c, 0x[0-9a-f]+, 0x80000, 0\) = 0x3$"#)
            .unwrap()
            .is_match(&log),
        "{log}"
    );
    let t = run_trace(&["-e", "verbose=none", "-e", "trace=readv"], &[&exe]);
    assert!(
        Regex::new(r"(?m)^readv\(3, 0x[0-9a-f]+, 2\) +?= 8$")
            .unwrap()
            .is_match(&t.log),
        "{}",
        t.log
    );
}

#[test]
fn bad_syscall_sets_are_errors_like_strace() {
    for (expr, msg) in [
        ("raw=nonexist", "trace: invalid system call 'nonexist'"),
        ("abbrev=foo", "trace: invalid system call 'foo'"),
        ("verbose=bar", "trace: invalid system call 'bar'"),
    ] {
        let t = run_trace(&["-e", expr], &["true"]);
        assert_eq!(t.status.code(), Some(1), "{expr}");
        assert!(t.stderr.starts_with(msg), "{expr}: {}", t.stderr);
    }
}

/// The same programs as 32-bit x86 ones: iovecs, msghdrs and mmsghdrs of 4-byte
/// words, i386's socketcall, its struct layouts under `-X` and `-e verbose=`.
#[test]
fn i386_dumps_styles_and_sets_like_strace() {
    let io = compiled_or_skip!(compile("dumpio32", IO, &["-m32"]), e => "gcc -m32 failed (apt-get install gcc-multilib): {e}");
    let sock = compiled_or_skip!(compile("yy_sockets32", SOCKETS, &["-m32"]), e => "gcc -m32 failed (apt-get install gcc-multilib): {e}");
    let dir = tmpdir("yy32");
    let path = dir.join("sock");
    let (io, sock, path) = (
        io.to_string_lossy(),
        sock.to_string_lossy(),
        path.to_string_lossy(),
    );
    for flags in [
        &["-e", "read=all", "-e", "write=all"][..],
        &["-X", "verbose"],
        &["-X", "raw"],
        &["-e", "verbose=none"],
        &["-yy"],
    ] {
        let mut f = vec!["-f"];
        f.extend_from_slice(flags);
        compare_yy(&f, &[&io]);
        compare_yy(&f, &[&sock, &path]);
    }
}

/// `--decode-fds=SET` picks what `-yy` shows; the long options are the `-e` ones.
#[test]
fn decode_fds_sets_and_long_options_like_strace() {
    let exe = compiled_or_skip!(compile("decode_fds", SOCKETS, &[]), e => "gcc failed: {e}");
    let path = tmpdir("decode_fds").join("sock");
    let (exe, path) = (exe.to_string_lossy(), path.to_string_lossy());
    for set in ["socket", "dev,pidfd", "path", "!path", "none", "all"] {
        let flag = format!("--decode-fds={set}");
        compare_yy(&["-f", &flag], &[&exe, &path]);
    }
    compare_yy(
        &[
            "-f",
            "--raw=bind",
            "--verbose=!connect",
            "--abbrev=none",
            "--read=3",
            "--write=4",
            "--const-print-style=verbose",
        ],
        &[&exe, &path],
    );
    for (flags, msg) in [
        (&["--decode-fds=foo"][..], "trace: invalid decode-fds 'foo'"),
        (
            &["-y", "--decode-fds=all"],
            "trace: -y and --decode-fds cannot be provided simultaneously",
        ),
    ] {
        let t = run_trace(flags, &["true"]);
        assert_eq!(t.status.code(), Some(1), "{flags:?}");
        assert!(t.stderr.starts_with(msg), "{flags:?}: {}", t.stderr);
    }
}
