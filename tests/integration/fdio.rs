//! Integration tests: fd I/O and multiplexing (read/write families, pipes, dup, fcntl,
//! ioctl, poll/select/epoll, eventfd, sendfile/splice, memfd).
//!
//! Each program runs under strace and trace; only the lines of this group's syscalls
//! are compared, so the tests do not depend on how other groups decode the startup.

use crate::util::*;

/// Syscalls whose lines these tests compare.
const FDIO: &[&str] = &[
    "_newselect",
    "copy_file_range",
    "dup",
    "dup2",
    "dup3",
    "epoll_create",
    "epoll_create1",
    "epoll_ctl",
    "epoll_pwait",
    "epoll_pwait2",
    "epoll_wait",
    "eventfd",
    "eventfd2",
    "fcntl",
    "fcntl64",
    "ioctl",
    "memfd_create",
    "pipe",
    "pipe2",
    "poll",
    "ppoll",
    "ppoll_time64",
    "pread64",
    "preadv",
    "preadv2",
    "pselect6",
    "pselect6_time64",
    "pwrite64",
    "pwritev",
    "pwritev2",
    "read",
    "readahead",
    "readv",
    "select",
    "sendfile",
    "sendfile64",
    "splice",
    "tee",
    "userfaultfd",
    "vmsplice",
    "write",
    "writev",
    "lseek",
];

fn is_fdio(line: &str) -> bool {
    // Normalised lines start with `P<n> `.
    let body = line.split_once(' ').map_or(line, |(_, b)| b);
    let name = body.split('(').next().unwrap_or("");
    FDIO.contains(&name)
}

/// One log as comparable lines: pids numbered `P0, P1..` by first appearance, addresses
/// (5+ hex digits) and alignment padding dropped. Private so these tests do not depend
/// on the shape of the shared helpers.
fn normalize_log(log: &str) -> Vec<String> {
    let pid_col = regex::Regex::new(r"^(\d+)\s+").unwrap();
    let addr = regex::Regex::new(r"0x[0-9a-f]{5,}").unwrap();
    let pad = regex::Regex::new(r"\)\s+= ").unwrap();
    let mut pids: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for l in log.lines() {
        let mut line = l.to_string();
        if let Some(m) = pid_col.captures(l) {
            let p = m[1].to_string();
            let i = pids.iter().position(|x| *x == p).unwrap_or_else(|| {
                pids.push(p.clone());
                pids.len() - 1
            });
            line = format!("P{i} {}", &l[m[0].len()..]);
        }
        line = addr.replace_all(&line, "0xADDR").into_owned();
        line = pad.replace_all(&line, ") = ").into_owned();
        out.push(line);
    }
    out
}

/// Runs `cmd` under both tracers and compares this group's lines.
fn compare_fdio(flags: &[&str], cmd: &[&str], skip_names: &[&str]) {
    compare_fdio_ex(flags, cmd, skip_names, false);
}

/// Pipe and socket inodes, the time select/poll leave, and pseudo-terminal numbers
/// (shared by every test running at once) differ between runs.
fn normalize_inodes(l: String) -> String {
    let re = regex::Regex::new(r"(pipe|socket|anon_inode):\[\d+\]").unwrap();
    let left = regex::Regex::new(r"left \{tv_sec=\d+, tv_(n|u)sec=\d+\}").unwrap();
    let ptn = regex::Regex::new(r"TIOCGPTN, \[\d+\]").unwrap();
    let pts = regex::Regex::new(r"/dev/pts/\d+").unwrap();
    let l = re.replace_all(&l, "$1:[INODE]");
    let l = left.replace_all(&l, "left {TIME}");
    let l = ptn.replace_all(&l, "TIOCGPTN, [N]");
    pts.replace_all(&l, "/dev/pts/N").into_owned()
}

/// Joins each `P1 call( <unfinished ...>` with its `P1 <... call resumed>rest` line.
fn merge_resumed(lines: Vec<String>) -> Vec<String> {
    let mut pending: std::collections::HashMap<String, usize> = Default::default();
    let mut out: Vec<String> = Vec::new();
    for l in lines {
        let (pid, body) = l.split_once(' ').unwrap_or(("", &l));
        if let Some(head) = body.strip_suffix(" <unfinished ...>") {
            pending.insert(pid.to_string(), out.len());
            out.push(format!("{pid} {head}"));
        } else if body.starts_with("<... ") && body.contains(" resumed>") {
            let rest = body.split_once(" resumed>").map_or("", |(_, r)| r);
            match pending.remove(pid) {
                Some(i) => out[i].push_str(rest),
                None => out.push(l.clone()),
            }
        } else {
            out.push(l.clone());
        }
    }
    out
}

/// `unordered`: several processes run concurrently, so compare the lines as a multiset,
/// without pids, and leave out the split `<unfinished ...>` / `resumed>` halves.
fn compare_fdio_ex(flags: &[&str], cmd: &[&str], skip_names: &[&str], unordered: bool) {
    let Some(s) = run_strace(flags, cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(flags, cmd);
    let keep = |l: &String| is_fdio(l) && !skip_names.iter().any(|n| l.contains(&format!(" {n}(")));
    let prep = |log: &str| {
        let lines = normalize_log(log);
        let lines = if unordered {
            merge_resumed(lines)
        } else {
            lines
        };
        let mut v: Vec<String> = lines
            .into_iter()
            .filter(keep)
            .map(normalize_inodes)
            .collect();
        if unordered {
            for l in v.iter_mut() {
                *l = l.split_once(' ').map_or(l.clone(), |(_, b)| b.to_string());
            }
            v.sort();
        }
        v
    };
    let a = prep(&s.log);
    let b = prep(&t.log);
    assert!(!a.is_empty(), "strace printed no fd I/O lines:\n{}", s.log);
    if a != b {
        panic!(
            "trace's fd I/O lines differ from strace's:\n{}",
            line_diffs(&a, &b)
        );
    }
    assert_eq!(s.status.code(), t.status.code());
}

/// Whether this build decodes `name` (rows naming another group's types parse only
/// once that group is merged).
fn decodes(name: &str) -> bool {
    !trace::table::signatures()
        .errors
        .iter()
        .any(|e| e.file.ends_with("fdio.tsv") && e.line > 0 && row_name(e.line) == name)
}

fn row_name(line: usize) -> String {
    let text = include_str!("../../syscall-tables/signatures/fdio.tsv");
    text.lines()
        .nth(line - 1)
        .and_then(|l| l.split_whitespace().next())
        .unwrap_or("")
        .to_string()
}

/// `compile`, or skip the test when gcc cannot build the program (no multilib for
/// `-m32`, say).
macro_rules! exe_or_skip {
    ($name:expr, $src:expr, $flags:expr) => {
        compiled_or_skip!(compile($name, $src, $flags), e => "{} failed: {e}", gcc_cmd($flags))
    };
}

/// How the skip message names the compiler: `gcc`, `gcc -m32`.
fn gcc_cmd(flags: &[&str]) -> String {
    std::iter::once("gcc")
        .chain(flags.iter().copied())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The i386 build of a program that a test has already compared natively; a
/// toolchain without `-m32` support skips only this half.
fn compare_i386(name: &str, src: &str) {
    match compile(name, src, &["-m32"]) {
        Ok(e) => compare_fdio(&["-f"], &[e.to_str().unwrap()], &[]),
        Err(e) => eprintln!("SKIPPED (i386): gcc -m32 failed: {e}"),
    }
}

const BASIC_C: &str = r#"#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/uio.h>
#include <sys/ioctl.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <signal.h>
#include <string.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    if (chdir(argv[1])) return 1;
    int p[2], q[2];
    pipe(p);
    pipe2(q, O_CLOEXEC | O_NONBLOCK);
    int d = dup(p[0]);
    dup2(p[1], 10);
    dup3(p[1], 11, O_CLOEXEC);
    dup2(99, 12);
    close(d);
    fcntl(p[0], F_GETFD);
    fcntl(p[0], F_SETFD, FD_CLOEXEC);
    fcntl(p[0], F_GETFD);
    fcntl(p[0], F_GETFL);
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    fcntl(p[0], F_GETFL);
    fcntl(p[0], F_DUPFD, 20);
    fcntl(p[0], F_DUPFD_CLOEXEC, 30);
    fcntl(p[0], F_GETPIPE_SZ);
    fcntl(p[0], F_SETPIPE_SZ, 8192);
    fcntl(p[0], F_GETOWN);
    fcntl(p[0], F_SETOWN, 0);
    fcntl(p[0], F_GETSIG);
    fcntl(p[0], F_SETSIG, 0);
    fcntl(p[0], 12345, 7);
    fcntl(p[0], F_GETLK64, 0);
    int fd = open("data.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "hello world\n", 12);
    struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5 };
    fcntl(fd, F_SETLK, &fl);
    fcntl(fd, F_SETLKW, &fl);
    fl.l_type = F_RDLCK;
    fcntl(fd, F_GETLK, &fl);
    fcntl(fd, F_OFD_GETLK, &fl);
    fl.l_pid = 0;
    fcntl(fd, F_OFD_SETLK, &fl);
    fcntl(fd, F_GETLK, (void*)8);
    fcntl(fd, F_GETLEASE);
    fcntl(fd, F_NOTIFY, DN_MODIFY|DN_CREATE);
    lseek(fd, 0, SEEK_SET);
    lseek(fd, -3, SEEK_END);
    lseek(fd, 1, 77);
    char a[4], b[100];
    struct iovec iov[2] = {{a, 4}, {b, 100}};
    lseek(fd, 0, SEEK_SET);
    readv(fd, iov, 2);
    struct iovec wv[3] = {{"abc", 3}, {"\0011", 2}, {"zz\n", 3}};
    writev(fd, wv, 3);
    preadv(fd, iov, 2, 2);
    pwritev(fd, wv, 2, 100);
    preadv2(fd, iov, 1, 0, RWF_NOWAIT);
    pwritev2(fd, wv, 1, -1, RWF_APPEND);
    pread(fd, b, 10, 3);
    pwrite(fd, "xy", 2, 50);
    readv(-1, iov, 2);
    readv(fd, NULL, 0);
    readahead(fd, 0, 4096);
    int n;
    ioctl(p[0], FIONREAD, &n);
    write(p[1], "abc", 3);
    ioctl(p[0], FIONREAD, &n);
    int on = 1;
    ioctl(p[0], FIONBIO, &on);
    ioctl(p[0], FIOCLEX);
    ioctl(p[0], FIONCLEX);
    ioctl(fd, TCGETS, b);
    ioctl(fd, _IOR(0x12, 0x34, long), b);
    ioctl(fd, _IO(0xee, 0x1), 0);
    ioctl(fd, TIOCGWINSZ, b);
    struct pollfd pf[3] = {{p[0], POLLIN}, {-1, POLLIN}, {q[1], POLLOUT|POLLIN}};
    poll(pf, 3, 0);
    poll(pf, 0, 0);
    poll(NULL, 0, 1);
    int ep = epoll_create(5);
    int ep1 = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event ev = { .events = EPOLLIN|EPOLLET, .data.u64 = 0x1234567890ULL };
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    ev.data.fd = q[1]; ev.events = EPOLLOUT;
    epoll_ctl(ep, EPOLL_CTL_ADD, q[1], &ev);
    struct epoll_event evs[4];
    epoll_wait(ep, evs, 4, 0);
    epoll_ctl(ep, EPOLL_CTL_DEL, q[1], &ev);
    epoll_ctl(ep, EPOLL_CTL_MOD, 99, &ev);
    epoll_wait(ep1, evs, 4, 0);
    int efd = eventfd(3, 0);
    int efd2 = eventfd(0, EFD_CLOEXEC|EFD_NONBLOCK|EFD_SEMAPHORE);
    eventfd(0, 0x100000);
    int mfd = memfd_create("mytest", MFD_CLOEXEC|MFD_ALLOW_SEALING);
    memfd_create("big", MFD_HUGETLB|(21<<26));
    fcntl(mfd, F_ADD_SEALS, F_SEAL_SHRINK|F_SEAL_GROW);
    fcntl(mfd, F_GET_SEALS);
    off_t off = 2;
    int out = open("out.txt", O_WRONLY|O_CREAT|O_TRUNC, 0644);
    sendfile(out, fd, &off, 5);
    sendfile(out, fd, NULL, 5);
    loff_t o1 = 0;
    splice(p[0], NULL, out, &o1, 3, SPLICE_F_MOVE);
    write(p[1], "abc", 3);
    tee(p[0], q[1], 3, SPLICE_F_NONBLOCK);
    vmsplice(q[1], wv, 2, 0);
    loff_t i1 = 0, o2 = 0;
    copy_file_range(fd, &i1, out, &o2, 4, 0);
    syscall(SYS_userfaultfd, O_CLOEXEC|O_NONBLOCK);
    return 0;
}
"#;

#[test]
fn fd_io_calls_match_strace() {
    let exe = exe_or_skip!("fdio_basic", BASIC_C, &[]);
    let dir = tmpdir("fdio_basic_run");
    let d = dir.to_str().unwrap();
    compare_fdio(&["-f"], &[exe.to_str().unwrap(), d], &[]);
}

#[test]
fn fd_io_calls_match_strace_i386() {
    let exe = exe_or_skip!("fdio_basic32", BASIC_C, &["-m32"]);
    let dir = tmpdir("fdio_basic32_run");
    let d = dir.to_str().unwrap();
    // pread64/pwrite64/readahead/preadv split 64-bit offsets over two registers; the
    // i386 group may override those rows.
    compare_fdio(&["-f"], &[exe.to_str().unwrap(), d], &[]);
}

const VERBOSE_C: &str = r#"
#include <unistd.h>
#include <string.h>
#include <sys/uio.h>
#include <poll.h>
#include <fcntl.h>
int main(void) {
    int p[2];
    pipe(p);
    char big[100];
    for (int i = 0; i < 100; i++) big[i] = 'a' + i % 26;
    write(p[1], big, 100);
    struct iovec v[40];
    for (int i = 0; i < 40; i++) { v[i].iov_base = big + i; v[i].iov_len = 1; }
    writev(p[1], v, 40);
    struct pollfd pf[40];
    for (int i = 0; i < 40; i++) { pf[i].fd = p[i % 2]; pf[i].events = POLLIN | POLLOUT; }
    poll(pf, 40, 0);
    char buf[200];
    read(p[0], buf, sizeof buf);
    /* Escapes at the -s limit, followed by octal digits beyond it. */
    char b[64];
    memset(b, 'a', 64); b[31] = 0; b[32] = '1';
    write(p[1], b, 40);
    b[31] = 033; b[32] = '0';
    write(p[1], b, 34);
    b[30] = 0; b[31] = '7';
    write(p[1], b, 34);
    return 0;
}
"#;

#[test]
fn long_arrays_and_strings_follow_s_and_v() {
    let exe = exe_or_skip!("fdio_verbose", VERBOSE_C, &[]);
    let e = exe.to_str().unwrap();
    compare_fdio(&["-f"], &[e], &[]);
    compare_fdio(&["-f", "-v"], &[e], &[]);
    compare_fdio(&["-f", "-s", "5"], &[e], &[]);
    compare_fdio(&["-f", "-s", "100", "-x"], &[e], &[]);
}

const PTY_C: &str = r#"
#define _GNU_SOURCE
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <termios.h>
#include <poll.h>
#include <sys/ioctl.h>
int main(void) {
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) return 0;
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    struct termios t;
    tcgetattr(s, &t);
    cfmakeraw(&t);
    tcsetattr(s, TCSANOW, &t);
    tcsetattr(s, TCSADRAIN, &t);
    tcgetattr(s, &t);
    struct winsize w = { 24, 80, 0, 0 };
    ioctl(s, TIOCSWINSZ, &w);
    ioctl(s, TIOCGWINSZ, &w);
    tcflush(s, TCIOFLUSH);
    int n;
    write(m, "x", 1);
    // The pty delivers the byte asynchronously: wait for it so FIONREAD is stable.
    struct pollfd pf = { s, POLLIN };
    poll(&pf, 1, 1000);
    ioctl(s, FIONREAD, &n);
    ioctl(s, TIOCGPGRP, &n);
    ioctl(s, TIOCOUTQ, &n);
    int bits;
    ioctl(s, TIOCMGET, &bits);
    return 0;
}
"#;

#[test]
fn terminal_ioctls_match_strace() {
    let exe = exe_or_skip!("fdio_pty", PTY_C, &[]);
    let e = exe.to_str().unwrap();
    compare_fdio(&["-f"], &[e], &[]);
    compare_fdio(&["-f", "-v"], &[e], &[]);
}

const SELECT_C: &str = r#"
#define _GNU_SOURCE
#include <sys/select.h>
#include <unistd.h>
#include <signal.h>
#include <poll.h>
#include <sys/syscall.h>
#include <sys/epoll.h>
int main(void) {
    int p[2];
    pipe(p);
    fd_set r, w;
    FD_ZERO(&r); FD_ZERO(&w);
    FD_SET(p[0], &r); FD_SET(p[1], &w);
    struct timeval tv = { 0, 1000 };
    select(p[1] + 1, &r, &w, NULL, &tv);
    FD_ZERO(&w); FD_SET(p[0], &r);
    tv.tv_usec = 1000;
    select(p[1] + 1, &r, &w, NULL, &tv);
    write(p[1], "x", 1);
    FD_SET(p[0], &r);
    select(p[1] + 1, &r, NULL, NULL, NULL);
    sigset_t ss;
    sigemptyset(&ss);
    sigaddset(&ss, SIGINT);
    struct timespec ts = { 1, 0 };
    FD_SET(p[0], &r);
    pselect(p[1] + 1, &r, NULL, NULL, &ts, &ss);
    struct pollfd pf = { p[0], POLLIN };
    ppoll(&pf, 1, &ts, &ss);
    ppoll(&pf, 1, NULL, NULL);
    select(0, NULL, NULL, NULL, &tv);
#ifdef SYS_select
#ifdef __x86_64__
    FD_ZERO(&r); FD_SET(p[0], &r);
    tv.tv_sec = 2;
    syscall(SYS_select, p[1] + 1, &r, NULL, NULL, &tv);
    tv.tv_sec = 0; tv.tv_usec = 0;
    FD_ZERO(&r); FD_SET(p[1], &r);
    syscall(SYS_select, p[1] + 1, &r, NULL, NULL, &tv);
    syscall(SYS_select, -1, NULL, NULL, NULL, NULL);
#endif
#endif
    int ep = epoll_create1(0);
    struct epoll_event ev = { .events = EPOLLIN, .data.fd = p[0] }, out[2];
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    epoll_pwait(ep, out, 2, 0, &ss);
    epoll_pwait(ep, out, 2, 0, NULL);
#ifdef SYS_epoll_pwait2
    syscall(SYS_epoll_pwait2, ep, out, 2, &ts, &ss, 8);
    syscall(SYS_epoll_pwait2, ep, out, 2, NULL, NULL, 8);
#endif
    return 0;
}
"#;

#[test]
fn select_and_ppoll_match_strace() {
    for name in ["select", "pselect6", "ppoll"] {
        if !decodes(name) {
            skip!("{name} needs the time and signal groups' types (timeval, timespec, sigset)");
        }
    }
    let exe = exe_or_skip!("fdio_select", SELECT_C, &[]);
    compare_fdio(&["-f"], &[exe.to_str().unwrap()], &[]);
    compare_i386("fdio_select32", SELECT_C);
}

#[test]
fn shell_pipeline_reads_and_writes() {
    compare_fdio_ex(&["-f"], &["sh", "-c", "echo hi | wc -c"], &[], true);
}

#[test]
fn fd_paths_with_y() {
    let exe = exe_or_skip!("fdio_y", VERBOSE_C, &[]);
    compare_fdio(&["-f", "-y"], &[exe.to_str().unwrap()], &[]);
}

const SOCK_IOCTL_C: &str = r#"#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/socket.h>
#include <string.h>
#include <unistd.h>
int main(){ int s=socket(AF_INET,SOCK_DGRAM,0); struct ifreq r; memset(&r,0,sizeof r); strcpy(r.ifr_name,"lo");
ioctl(s,SIOCGIFINDEX,&r); ioctl(s,SIOCGIFFLAGS,&r); ioctl(s,SIOCSIFFLAGS,&r); ioctl(s,SIOCGIFMTU,&r); ioctl(s,SIOCGIFTXQLEN,&r); ioctl(s,SIOCGIFMETRIC,&r);
r.ifr_ifindex=1; ioctl(s,SIOCGIFNAME,&r); strcpy(r.ifr_name,"nosuchif0"); ioctl(s,SIOCGIFINDEX,&r); memset(r.ifr_name,'x',16); ioctl(s,SIOCGIFFLAGS,&r);
int n; ioctl(s,SIOCATMARK,&n); ioctl(s,FIOGETOWN,&n); n=0; ioctl(s,SIOCSPGRP,&n); return 0;}
"#;

#[test]
fn interface_ioctls_match_strace() {
    let exe = exe_or_skip!("fdio_sockioctl", SOCK_IOCTL_C, &[]);
    compare_fdio(&["-f"], &[exe.to_str().unwrap()], &[]);
    compare_i386("fdio_sockioctl32", SOCK_IOCTL_C);
}

/// Every termios layout and flag field, unknown bits and input speeds included.
const TERMIOS_C: &str = r#"#define _GNU_SOURCE
#include <stdlib.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <asm/termbits.h>
int main(void) {
    int m = posix_openpt(O_RDWR | O_NOCTTY); if (m < 0) return 0; grantpt(m); unlockpt(m);
    char name[64]; ptsname_r(m, name, sizeof name);
    int s = open(name, O_RDWR | O_NOCTTY);
    struct termios t; ioctl(s, TCGETS, &t);
    t.c_cflag = B9600 | (B2400 << IBSHIFT) | CS7 | PARENB | CSTOPB | CRTSCTS | 0x40000000;
    t.c_oflag = OPOST | NL1 | CR2 | TAB3 | BS1 | VT1 | FF1 | OFILL;
    t.c_iflag = 0x80000000 | IGNBRK;
    t.c_lflag = ISIG | 0x1000000;
    ioctl(s, TCSETS, &t);
    ioctl(s, TCGETS, &t);
    t.c_cflag = BOTHER | CS8;
    ioctl(s, TCSETSF, &t);
    struct termios2 t2; ioctl(s, TCGETS2, &t2);
    ioctl(s, TCSETS2, &t2);
    struct termio to; ioctl(s, TCGETA, &to);
    ioctl(s, TCSETA, &to);
    unsigned int n; ioctl(m, TIOCGPTN, &n); int l = 0; ioctl(m, TIOCSPTLCK, &l);
    ioctl(s, TIOCMGET, &n); ioctl(s, TCSBRK, 1); ioctl(s, TIOCGSID, &n); ioctl(s, TIOCGETD, &n);
    ioctl(s, TIOCEXCL); ioctl(s, TIOCNXCL); ioctl(s, TIOCGEXCL, &n);
    return 0;
}
"#;

#[test]
fn termios_layouts_match_strace() {
    let exe = exe_or_skip!("fdio_termios", TERMIOS_C, &[]);
    let e = exe.to_str().unwrap();
    compare_fdio(&["-f"], &[e], &[]);
    compare_fdio(&["-f", "-v"], &[e], &[]);
}

/// Blocking calls interrupted by a signal: out-arguments print as addresses, the
/// ERESTART* returns as strace names them.
const INTERRUPTED_C: &str = r#"#define _GNU_SOURCE
#include <sys/epoll.h>
#include <signal.h>
#include <unistd.h>
#include <poll.h>
#include <sys/select.h>
static void h(int s){}
int main(){ struct sigaction sa={0}; sa.sa_handler=h; sigaction(SIGALRM,&sa,0); int ep=epoll_create1(0); int p[2]; pipe(p); struct epoll_event ev={EPOLLIN,{.fd=p[0]}}; epoll_ctl(ep,EPOLL_CTL_ADD,p[0],&ev);
sigset_t ss; sigemptyset(&ss); sigaddset(&ss,SIGINT); struct epoll_event out[2];
ualarm(50000,0); epoll_pwait(ep,out,2,-1,&ss);
ualarm(50000,0); struct pollfd pf={p[0],POLLIN}; struct timespec ts={5,0}; ppoll(&pf,1,&ts,&ss);
ualarm(50000,0); poll(&pf,1,-1);
ualarm(50000,0); fd_set r; FD_ZERO(&r); FD_SET(p[0],&r); struct timeval tv={5,0}; select(p[0]+1,&r,NULL,NULL,&tv);
ualarm(50000,0); char b[4]; read(p[0],b,4);
ualarm(50000,0); epoll_wait(ep,out,2,-1);
return 0;}
"#;

#[test]
fn interrupted_calls_match_strace() {
    for name in ["epoll_pwait", "ppoll", "pselect6"] {
        if !decodes(name) {
            skip!("{name} needs the time and signal groups' types (timespec, sigset)");
        }
    }
    let exe = exe_or_skip!("fdio_intr", INTERRUPTED_C, &[]);
    compare_fdio(&["-f"], &[exe.to_str().unwrap()], &[]);
}

/// Block-device, random and inotify requests with plain integer arguments.
const SIMPLE_IOCTLS_C: &str = r#"#include <stddef.h>
#include <sys/ioctl.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <sys/inotify.h>
#include <fcntl.h>
#include <stdint.h>
int main(){ int r=open("/dev/urandom",O_RDONLY); int n; ioctl(r,RNDGETENTCNT,&n); n=0; ioctl(r,RNDADDTOENTCNT,&n); ioctl(r,RNDZAPENTCNT); ioctl(r, RNDGETENTCNT, (void*)8);
int d=open("/dev/null",O_RDONLY); uint64_t s; ioctl(d,BLKGETSIZE64,&s); ioctl(d,BLKSSZGET,&n); unsigned long l; ioctl(d,BLKGETSIZE,&l); uint64_t pr[2]={1,2}; ioctl(d,BLKDISCARD,pr); ioctl(d,BLKRASET,5); ioctl(d,BLKROSET,&n); ioctl(d, BLKFLSBUF, 0);
int i=inotify_init1(0); ioctl(i, _IOW(0x49, 0, int), 7); return 0;}
"#;

#[test]
fn simple_ioctl_forms_match_strace() {
    let exe = exe_or_skip!("fdio_blk", SIMPLE_IOCTLS_C, &[]);
    compare_fdio(&["-f"], &[exe.to_str().unwrap()], &[]);
    compare_i386("fdio_blk32", SIMPLE_IOCTLS_C);
}

/// Interface addresses, hardware addresses, maps and SIOCGIFCONF's before/after.
const IFADDR_C: &str = r#"#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <string.h>
#include <unistd.h>
int main(){ int s=socket(AF_INET,SOCK_DGRAM,0); struct ifreq r; memset(&r,0,sizeof r); strcpy(r.ifr_name,"lo");
ioctl(s,SIOCGIFADDR,&r); ioctl(s,SIOCGIFNETMASK,&r); ioctl(s,SIOCGIFBRDADDR,&r); ioctl(s,SIOCGIFDSTADDR,&r); ioctl(s,SIOCGIFHWADDR,&r);
ioctl(s,SIOCGIFMAP,&r);
struct ifreq arr[4]; struct ifconf ic; ic.ifc_len=sizeof arr; ic.ifc_buf=(char*)arr; ioctl(s,SIOCGIFCONF,&ic);
ic.ifc_len=0; ic.ifc_buf=NULL; ioctl(s,SIOCGIFCONF,&ic);
strcpy(r.ifr_name,"lo"); ((struct sockaddr_in*)&r.ifr_addr)->sin_family=AF_INET; ((struct sockaddr_in*)&r.ifr_addr)->sin_addr.s_addr=htonl(0x7f000001); ioctl(s,SIOCSIFADDR,&r);
return 0;}
"#;

/// Address families and hardware types that do not fit an ifreq, or are unknown.
const IFADDR_ODD_C: &str = r#"#include <sys/ioctl.h>
#include <net/if.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <string.h>
int main(){ int s=socket(AF_INET,SOCK_DGRAM,0); struct ifreq r; memset(&r,0,sizeof r); strcpy(r.ifr_name,"lo");
ioctl(s,SIOCSIFADDR,&r); r.ifr_addr.sa_family=AF_INET6; memcpy(r.ifr_addr.sa_data,"abcdefghijklmn",14); ioctl(s,SIOCSIFADDR,&r);
r.ifr_addr.sa_family=AF_UNIX; ioctl(s,SIOCSIFADDR,&r); r.ifr_addr.sa_family=AF_PACKET; ioctl(s,SIOCSIFADDR,&r); r.ifr_addr.sa_family=1234; ioctl(s,SIOCSIFADDR,&r);
r.ifr_hwaddr.sa_family=1; ioctl(s,SIOCSIFHWADDR,&r); r.ifr_hwaddr.sa_family=0xfffe; ioctl(s,SIOCSIFHWADDR,&r); r.ifr_hwaddr.sa_family=768; ioctl(s,SIOCSIFHWADDR,&r); r.ifr_hwaddr.sa_family=9999; ioctl(s,SIOCSIFHWADDR,&r);
return 0;}
"#;

#[test]
fn interface_address_ioctls_match_strace() {
    for (name, src) in [("fdio_ifaddr", IFADDR_C), ("fdio_ifaddr_odd", IFADDR_ODD_C)] {
        let exe = exe_or_skip!(name, src, &[]);
        compare_fdio(&["-f"], &[exe.to_str().unwrap()], &[]);
    }
}
