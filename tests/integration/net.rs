//! Integration tests: sockets. Each C program is traced by strace and by trace, and the
//! lines of the network syscalls are compared after masking what differs between runs
//! (addresses, kernel-chosen ports, pids, the time left in a recvmmsg timeout).

use crate::util::*;
use regex::Regex;

const NET_CALLS: &[&str] = &[
    "socket",
    "socketpair",
    "bind",
    "connect",
    "listen",
    "accept",
    "accept4",
    "getsockname",
    "getpeername",
    "sendto",
    "recvfrom",
    "sendmsg",
    "recvmsg",
    "sendmmsg",
    "recvmmsg",
    "shutdown",
    "setsockopt",
    "getsockopt",
];

/// The network lines of a log, normalised.
fn net_lines(log: &str) -> Vec<String> {
    let call = Regex::new(r"^(?:\d+\s+)?([a-z0-9_]+)\(").unwrap();
    let masks = [
        (Regex::new(r"0x[0-9a-f]{5,}").unwrap(), "0xADDR"),
        (Regex::new(r"\)\s+= ").unwrap(), ") = "),
        (
            Regex::new(r"htons\((?:3[2-9]\d{3}|[4-6]\d{4})\)").unwrap(),
            "htons(PORT)",
        ),
        (
            Regex::new(r"\b(nl_pid|nlmsg_pid|pid)=[1-9]\d*").unwrap(),
            "$1=PID",
        ),
        (Regex::new(r"\(left \{[^}]*\}\)").unwrap(), "(left TIME)"),
        (Regex::new(r"nlmsg_seq=\d+").unwrap(), "nlmsg_seq=SEQ"),
        // Address lifetimes count down between the two runs.
        (
            Regex::new(r"ifa_prefered=\d+, ifa_valid=\d+").unwrap(),
            "ifa_prefered=T, ifa_valid=T",
        ),
        // Interface counters move with other traffic between the two runs.
        (
            Regex::new(r"\b(rx_[a-z_]+|tx_[a-z_]+|multicast|collisions)=\d+").unwrap(),
            "$1=N",
        ),
        (
            Regex::new(r"tv_sec=\d+, tv_nsec=\d+").unwrap(),
            "tv_sec=S, tv_nsec=N",
        ),
        (
            Regex::new(r"tp_packets=\d+, tp_drops=\d+").unwrap(),
            "tp_packets=N, tp_drops=N",
        ),
    ];
    log.lines()
        .filter(|l| call.captures(l).is_some_and(|c| NET_CALLS.contains(&&c[1])))
        .map(|l| {
            let mut l = call.replace(l, "$1(").into_owned();
            for (re, to) in &masks {
                l = re.replace_all(&l, *to).into_owned();
            }
            l
        })
        .collect()
}

fn diff_net_lines(s: &Run, t: &Run) {
    let (s, t) = (net_lines(&s.log), net_lines(&t.log));
    assert!(!s.is_empty(), "strace printed no network lines");
    let mut msg = String::new();
    for i in 0..s.len().max(t.len()) {
        let a = s.get(i).map(String::as_str).unwrap_or("<none>");
        let b = t.get(i).map(String::as_str).unwrap_or("<none>");
        if a != b {
            msg.push_str(&format!("line {}:\n  strace: {a}\n  trace:  {b}\n", i + 1));
        }
    }
    assert!(msg.is_empty(), "network lines differ from strace's:\n{msg}");
}

/// getaddrinfo asks the kernel for the addresses over rtnetlink (RTM_GETADDR), after
/// trying nscd's socket: both are decoded.
#[test]
fn getent_ahosts_netlink_like_strace() {
    if !have("getent") {
        skip!("getent is not installed");
    }
    let cmd = ["getent", "ahosts", "localhost"];
    let Some(s) = run_strace(&[], &cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(&[], &cmd);
    diff_net_lines(&s, &t);
}

/// Compiles `src`, runs it under both tracers and compares the network lines.
fn check_like_strace(name: &str, src: &str, flags: &[&str]) {
    check_like_strace_with(name, src, flags, &[]);
}

/// [`check_like_strace`] with tracer options (`-v`, `-s N`, ...).
fn check_like_strace_with(name: &str, src: &str, flags: &[&str], opts: &[&str]) {
    let exe = compiled_or_skip!(compile(name, src, flags), e => "cannot compile {name}: {e}");
    let cmd = [exe.to_str().unwrap()];
    let Some(s) = run_strace(opts, &cmd) else {
        skip!("strace is not installed (apt-get install strace)");
    };
    let t = run_trace(opts, &cmd);
    if t.log.contains("socketcall(") {
        skip!("{name}: socketcall is not decoded yet (the i386 group's rows)");
    }
    diff_net_lines(&s, &t);
}

/// TCP server and client on 127.0.0.1 in one process, socket options, failing calls.
const TCP_C: &str = r#"
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/un.h>
#include <unistd.h>
#include <string.h>
#include <stddef.h>
#include <sys/time.h>
int main(void) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(0) };
    a.sin_addr.s_addr = inet_addr("127.0.0.1");
    bind(s, (struct sockaddr *)&a, sizeof a);
    listen(s, 5);
    socklen_t l = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &l);
    int c = socket(AF_INET, SOCK_STREAM, IPPROTO_TCP);
    connect(c, (struct sockaddr *)&a, sizeof a);
    struct sockaddr_storage ss;
    socklen_t sl = sizeof ss;
    int d = accept4(s, (struct sockaddr *)&ss, &sl, SOCK_CLOEXEC);
    send(c, "hello", 5, 0);
    char buf[64];
    recv(d, buf, sizeof buf, 0);
    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int v = 0; socklen_t vl = sizeof v;
    getsockopt(c, SOL_SOCKET, SO_ERROR, &v, &vl);
    vl = sizeof v; getsockopt(c, SOL_SOCKET, SO_TYPE, &v, &vl);
    vl = sizeof v; getsockopt(c, SOL_SOCKET, SO_RCVBUF, &v, &vl);
    vl = sizeof v; getsockopt(c, IPPROTO_TCP, TCP_NODELAY, &v, &vl);
    vl = 8; long long big = 0; getsockopt(c, IPPROTO_TCP, TCP_MAXSEG, &big, &vl);
    struct linger lg = { 1, 0 };
    setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
    socklen_t ll = sizeof lg; getsockopt(c, SOL_SOCKET, SO_LINGER, &lg, &ll);
    struct timeval tv = { 1, 500 };
    setsockopt(c, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    sl = sizeof ss; getpeername(c, (struct sockaddr *)&ss, &sl);
    sl = sizeof ss; getpeername(s, (struct sockaddr *)&ss, &sl);
    shutdown(c, SHUT_WR);
    sl = sizeof ss;
    recvfrom(c, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&ss, &sl);
    sendto(d, "x\0y\n", 4, MSG_NOSIGNAL, NULL, 0);
    sl = sizeof ss;
    recvfrom(c, buf, sizeof buf, 0, (struct sockaddr *)&ss, &sl);
    close(d); close(c); close(s);
    int e = socket(AF_INET, SOCK_STREAM, 0);
    a.sin_port = htons(1);
    connect(e, (struct sockaddr *)&a, sizeof a);
    close(e);
    e = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un u = { .sun_family = AF_UNIX };
    strcpy(u.sun_path, "/nonexistent/socket");
    connect(e, (struct sockaddr *)&u, sizeof u);
    connect(e, (struct sockaddr *)&u, offsetof(struct sockaddr_un, sun_path) + strlen(u.sun_path) + 1);
    accept(99, NULL, NULL);
    sl = sizeof ss;
    accept(e, (struct sockaddr *)&ss, &sl);
    getsockname(e, (struct sockaddr *)&ss, &sl);
    listen(-1, 0);
    shutdown(e, 7);
    socket(AF_INET6, SOCK_DGRAM, IPPROTO_UDP);
    socket(AF_NETLINK, SOCK_RAW | SOCK_NONBLOCK, 0);
    socket(99, 99, 99);
    return 0;
}
"#;

/// A UNIX socket pair passing an fd (SCM_RIGHTS) and credentials, abstract and named
/// addresses, datagrams between them.
const UNIX_C: &str = r#"
#define _GNU_SOURCE
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <string.h>
#include <stddef.h>
#include <fcntl.h>
#include <sys/uio.h>
int main(void) {
    int sv[2];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    int fd = open("/dev/null", O_RDONLY);
    char cbuf[CMSG_SPACE(sizeof(int))];
    memset(cbuf, 0, sizeof cbuf);
    struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
    struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = cbuf, .msg_controllen = sizeof cbuf };
    struct cmsghdr *c = CMSG_FIRSTHDR(&m);
    c->cmsg_level = SOL_SOCKET; c->cmsg_type = SCM_RIGHTS; c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    sendmsg(sv[0], &m, 0);
    char rb[3], rb2[16];
    struct iovec riov[2] = { { rb, sizeof rb }, { rb2, sizeof rb2 } };
    char rc[64];
    struct msghdr r = { .msg_iov = riov, .msg_iovlen = 2, .msg_control = rc, .msg_controllen = sizeof rc };
    recvmsg(sv[1], &r, MSG_CMSG_CLOEXEC);
    /* credentials */
    int one = 1;
    setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof one);
    write(sv[0], "z", 1);
    r.msg_controllen = sizeof rc; r.msg_iovlen = 1;
    recvmsg(sv[1], &r, 0);
    struct ucred uc; socklen_t ul = sizeof uc;
    getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &uc, &ul);
    recvmsg(sv[1], &r, MSG_DONTWAIT);
    recvmsg(sv[1], NULL, MSG_DONTWAIT);
    sendmsg(sv[0], NULL, 0);
    shutdown(sv[0], SHUT_RDWR);
    close(sv[0]); close(sv[1]);
    /* abstract and named addresses */
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    struct sockaddr_un a = { .sun_family = AF_UNIX };
    memcpy(a.sun_path, "\0trace-net-test", 15);
    bind(s, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 15);
    struct sockaddr_un b; socklen_t bl = sizeof b;
    getsockname(s, (struct sockaddr *)&b, &bl);
    int t = socket(AF_UNIX, SOCK_DGRAM, 0);
    unlink("/tmp/trace-net-test.sock");
    struct sockaddr_un n = { .sun_family = AF_UNIX, .sun_path = "/tmp/trace-net-test.sock" };
    bind(t, (struct sockaddr *)&n, sizeof n);
    sendto(s, "hi", 2, 0, (struct sockaddr *)&n, sizeof n);
    bl = sizeof b;
    char buf[8];
    recvfrom(t, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&b, &bl);
    bl = 1;
    sendto(t, "hi", 2, 0, (struct sockaddr *)&a, offsetof(struct sockaddr_un, sun_path) + 15);
    recvfrom(s, buf, sizeof buf, MSG_DONTWAIT, (struct sockaddr *)&b, &bl);
    unlink("/tmp/trace-net-test.sock");
    int u = socket(AF_UNIX, SOCK_STREAM, 0);
    bl = sizeof b; getsockname(u, (struct sockaddr *)&b, &bl);
    return 0;
}
"#;

/// UDP with addresses, sendmmsg/recvmmsg, IP control messages, IPv6, netlink and packet
/// socket addresses.
const UDP_C: &str = r#"
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <unistd.h>
#include <string.h>
#include <time.h>
#include <sys/time.h>
int main(void) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct timeval tmo = { 5, 0 };
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tmo, sizeof tmo);
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(0) };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(s, (struct sockaddr *)&a, sizeof a);
    socklen_t al = sizeof a;
    getsockname(s, (struct sockaddr *)&a, &al);
    int c = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in ca = a; ca.sin_port = htons(0);
    bind(c, (struct sockaddr *)&ca, sizeof ca);
    sendto(c, "ping", 4, 0, (struct sockaddr *)&a, sizeof a);
    struct sockaddr_in from; socklen_t fl = sizeof from;
    char buf[64];
    recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    connect(c, (struct sockaddr *)&a, sizeof a);
    struct mmsghdr mm[2];
    struct iovec iv[2] = { { "one", 3 }, { "two!", 4 } };
    memset(mm, 0, sizeof mm);
    mm[0].msg_hdr.msg_iov = &iv[0]; mm[0].msg_hdr.msg_iovlen = 1;
    mm[1].msg_hdr.msg_iov = &iv[1]; mm[1].msg_hdr.msg_iovlen = 1;
    sendmmsg(c, mm, 2, 0);
    char b1[8], b2[8];
    struct iovec rv[2] = { { b1, sizeof b1 }, { b2, sizeof b2 } };
    struct sockaddr_in n1, n2;
    struct mmsghdr rm[2];
    memset(rm, 0, sizeof rm);
    rm[0].msg_hdr.msg_iov = &rv[0]; rm[0].msg_hdr.msg_iovlen = 1;
    rm[0].msg_hdr.msg_name = &n1; rm[0].msg_hdr.msg_namelen = sizeof n1;
    rm[1].msg_hdr.msg_iov = &rv[1]; rm[1].msg_hdr.msg_iovlen = 1;
    rm[1].msg_hdr.msg_name = &n2; rm[1].msg_hdr.msg_namelen = sizeof n2;
    struct timespec ts = { 1, 0 };
    recvmmsg(s, rm, 2, 0, &ts);
    recvmmsg(s, rm, 2, MSG_DONTWAIT, NULL);
    struct timespec t0 = { 0, 1000 };
    recvmmsg(s, rm, 2, MSG_DONTWAIT, &t0);
    int one = 1;
    setsockopt(s, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
    setsockopt(s, SOL_IP, IP_RECVTTL, &one, sizeof one);
    sendto(c, "p", 1, 0, NULL, 0);
    char ctl[128];
    struct iovec iov = { buf, sizeof buf };
    struct msghdr mh = { .msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    recvmsg(s, &mh, 0);
    struct ip_mreq mr; mr.imr_multiaddr.s_addr = inet_addr("224.0.0.251"); mr.imr_interface.s_addr = htonl(INADDR_ANY);
    setsockopt(s, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof mr);
    setsockopt(s, IPPROTO_IP, IP_TOS, &one, sizeof one);
    setsockopt(s, 1234, 5, &one, sizeof one);
    setsockopt(s, SOL_SOCKET, 5000, &one, sizeof one);
    int six = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 a6 = { .sin6_family = AF_INET6, .sin6_port = htons(0), .sin6_addr = IN6ADDR_LOOPBACK_INIT };
    bind(six, (struct sockaddr *)&a6, sizeof a6);
    setsockopt(six, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    inet_pton(AF_INET6, "fe80::1", &a6.sin6_addr); a6.sin6_scope_id = 1; a6.sin6_port = htons(53);
    connect(six, (struct sockaddr *)&a6, sizeof a6);
    inet_pton(AF_INET6, "::ffff:10.1.2.3", &a6.sin6_addr); a6.sin6_scope_id = 0; a6.sin6_flowinfo = htonl(5);
    connect(six, (struct sockaddr *)&a6, sizeof a6);
    connect(six, (struct sockaddr *)&a6, 24);
    int nl = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    struct sockaddr_nl sn = { .nl_family = AF_NETLINK };
    bind(nl, (struct sockaddr *)&sn, sizeof sn);
    socklen_t snl = sizeof sn; getsockname(nl, (struct sockaddr *)&sn, &snl);
    int pk = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    struct sockaddr_ll ll = { .sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_IP), .sll_ifindex = 1 };
    bind(pk, (struct sockaddr *)&ll, sizeof ll);
    socklen_t lll = sizeof ll; getsockname(pk, (struct sockaddr *)&ll, &lll);
    return 0;
}
"#;

/// Calls the socket syscalls directly: i386 glibc goes through socketcall, which is
/// another group's decoder; direct calls test this module's 32-bit layouts.
const DIRECT_CALLS: &str = r#"
#include <sys/syscall.h>
#include <unistd.h>
#define socket(a, b, c) syscall(SYS_socket, a, b, c)
#define socketpair(a, b, c, d) syscall(SYS_socketpair, a, b, c, d)
#define bind(a, b, c) syscall(SYS_bind, a, b, c)
#define connect(a, b, c) syscall(SYS_connect, a, b, c)
#define listen(a, b) syscall(SYS_listen, a, b)
#define accept(a, b, c) syscall(SYS_accept4, a, b, c, 0)
#define accept4(a, b, c, d) syscall(SYS_accept4, a, b, c, d)
#define getsockname(a, b, c) syscall(SYS_getsockname, a, b, c)
#define getpeername(a, b, c) syscall(SYS_getpeername, a, b, c)
#define send(a, b, c, d) syscall(SYS_sendto, a, b, c, d, 0, 0)
#define recv(a, b, c, d) syscall(SYS_recvfrom, a, b, c, d, 0, 0)
#define sendto(a, b, c, d, e, f) syscall(SYS_sendto, a, b, c, d, e, f)
#define recvfrom(a, b, c, d, e, f) syscall(SYS_recvfrom, a, b, c, d, e, f)
#define sendmsg(a, b, c) syscall(SYS_sendmsg, a, b, c)
#define recvmsg(a, b, c) syscall(SYS_recvmsg, a, b, c)
#define sendmmsg(a, b, c, d) syscall(SYS_sendmmsg, a, b, c, d)
#define recvmmsg(a, b, c, d, e) syscall(SYS_recvmmsg, a, b, c, d, e)
#define shutdown(a, b) syscall(SYS_shutdown, a, b)
#define setsockopt(a, b, c, d, e) syscall(SYS_setsockopt, a, b, c, d, e)
#define getsockopt(a, b, c, d, e) syscall(SYS_getsockopt, a, b, c, d, e)
"#;

/// `src` with its socket calls made directly, under its own socket names.
fn direct(src: &str) -> String {
    let src = src.replace("trace-net-test", "trace-net-d32");
    match src.find("int main") {
        Some(i) => format!("{}{DIRECT_CALLS}{}", &src[..i], &src[i..]),
        None => src,
    }
}

/// Socket options with strace's special forms (ICMP_FILTER, strings, short lengths,
/// NULL and bad pointers) and a timestamp control message.
const OPTS_C: &str = r#"
#define _GNU_SOURCE
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

struct icmp_filter { unsigned int data; };
#define ICMP_FILTER 1
#define ICMP_ECHOREPLY 0
#include <arpa/inet.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    int t = socket(AF_INET, SOCK_STREAM, 0);
    struct tcp_info ti; socklen_t l = sizeof ti;
    getsockopt(t, IPPROTO_TCP, TCP_INFO, &ti, &l);
    char cc[16]; l = sizeof cc;
    getsockopt(t, IPPROTO_TCP, TCP_CONGESTION, cc, &l);
    setsockopt(t, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
    struct timeval tv; l = sizeof tv;
    getsockopt(t, SOL_SOCKET, SO_RCVTIMEO, &tv, &l);
    int v; l = sizeof v;
    getsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, &v, &l);
    l = 2; getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &l);
    l = sizeof v; getsockopt(t, SOL_SOCKET, SO_DOMAIN, &v, &l);
    l = sizeof v; getsockopt(t, SOL_SOCKET, SO_PROTOCOL, &v, &l);
    getsockopt(t, SOL_SOCKET, SO_TYPE, &v, NULL);
    l = sizeof v; getsockopt(t, SOL_SOCKET, SO_TYPE, NULL, &l);
    l = sizeof v; getsockopt(t, SOL_SOCKET, SO_TYPE, (void *)8, &l);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a = { .sin_family = AF_INET };
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(u, (struct sockaddr *)&a, sizeof a);
    socklen_t al = sizeof a; getsockname(u, (struct sockaddr *)&a, &al);
    int one = 1;
    setsockopt(u, SOL_SOCKET, SO_TIMESTAMP, &one, sizeof one);
    setsockopt(u, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    struct ip_mreqn mr = { .imr_ifindex = 1 };
    setsockopt(u, IPPROTO_IP, IP_MULTICAST_IF, &mr, sizeof mr);
    unsigned char ttl = 4;
    setsockopt(u, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, 1);
    int r = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    struct icmp_filter f = { ~(1U << ICMP_ECHOREPLY) };
    setsockopt(r, SOL_RAW, ICMP_FILTER, &f, sizeof f);
    l = sizeof f; getsockopt(r, SOL_RAW, ICMP_FILTER, &f, &l);
    socket(AF_INET6, SOCK_RAW, IPPROTO_ICMPV6);
    socket(AF_PACKET, SOCK_RAW, htons(0x88cc));
    socket(AF_UNIX, SOCK_SEQPACKET|SOCK_NONBLOCK|SOCK_CLOEXEC, 0);
    sendto(u, "x", 1, 0, (struct sockaddr *)&a, sizeof a);
    char buf[8], ctl[256]; struct iovec iov = { buf, sizeof buf };
    struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctl, .msg_controllen = sizeof ctl };
    recvmsg(u, &m, 0);
    m.msg_controllen = 8; sendto(u, "y", 1, 0, (struct sockaddr *)&a, sizeof a);
    recvmsg(u, &m, 0);
    return 0;
}
"#;

#[test]
fn sockopts_like_strace() {
    check_like_strace("net_opts", OPTS_C, &[]);
}

/// AF_ALG and AF_VSOCK addresses (decoded whether or not the kernel supports them).
const ALG_VSOCK_C: &str = r#"
#include <sys/socket.h>
#include <linux/if_alg.h>
#include <linux/vm_sockets.h>
#include <string.h>
#include <unistd.h>
int main(void) {
    int s = socket(AF_ALG, SOCK_SEQPACKET, 0);
    struct sockaddr_alg a = { .salg_family = AF_ALG, .salg_type = "hash", .salg_name = "sha1" };
    bind(s, (struct sockaddr *)&a, sizeof a);
    int h = accept(s, NULL, 0);
    write(h, "abc", 3);
    char d[20]; read(h, d, 20);
    struct sockaddr_alg b = { .salg_family = AF_ALG, .salg_type = "skcipher0123456", .salg_feat = 0x1000, .salg_mask = 3 };
    memset(b.salg_name, 'x', sizeof b.salg_name);
    bind(s, (struct sockaddr *)&b, sizeof b);
    int v = socket(AF_VSOCK, SOCK_STREAM, 0);
    struct sockaddr_vm vm = { .svm_family = AF_VSOCK, .svm_cid = VMADDR_CID_ANY, .svm_port = VMADDR_PORT_ANY };
    bind(v, (struct sockaddr *)&vm, sizeof vm);
    vm.svm_cid = 3; vm.svm_port = 1234; vm.svm_flags = 1; vm.svm_zero[1] = 5;
    connect(v, (struct sockaddr *)&vm, sizeof vm);
    return 0;
}
"#;

#[test]
fn alg_vsock_addresses_like_strace() {
    check_like_strace("net_alg", ALG_VSOCK_C, &[]);
}

/// getifaddrs() and if_nameindex(): rtnetlink link and address dumps.
const IFADDRS_C: &str = r#"
#include <ifaddrs.h>
#include <net/if.h>
#include <stdio.h>
int main(void) {
    struct ifaddrs *ifa;
    if (getifaddrs(&ifa) == 0) freeifaddrs(ifa);
    printf("%u\n", if_nametoindex("lo"));
    struct if_nameindex *n = if_nameindex();
    if (n) if_freenameindex(n);
    return 0;
}
"#;

#[test]
fn getifaddrs_netlink_like_strace() {
    check_like_strace("net_ifaddrs", IFADDRS_C, &[]);
}

#[test]
fn getifaddrs_i386_like_strace() {
    check_like_strace("net_ifaddrs32", IFADDRS_C, &["-m32"]);
}

/// Multicast memberships: group_req and ipv6_mreq, 64 and 32 bit layouts.
const MCAST_C: &str = r#"
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <string.h>
int main(void) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct group_req g; memset(&g, 0, sizeof g);
    g.gr_interface = 1;
    struct sockaddr_in *a = (struct sockaddr_in *)&g.gr_group;
    a->sin_family = AF_INET; a->sin_addr.s_addr = inet_addr("224.0.0.251");
    setsockopt(s, IPPROTO_IP, MCAST_JOIN_GROUP, &g, sizeof g);
    setsockopt(s, IPPROTO_IP, MCAST_LEAVE_GROUP, &g, sizeof g);
    setsockopt(s, IPPROTO_IP, MCAST_JOIN_GROUP, &g, 8);
    int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
    struct sockaddr_in6 *b = (struct sockaddr_in6 *)&g.gr_group;
    memset(&g, 0, sizeof g); g.gr_interface = 1;
    b->sin6_family = AF_INET6; inet_pton(AF_INET6, "ff02::fb", &b->sin6_addr);
    setsockopt(s6, IPPROTO_IPV6, MCAST_JOIN_GROUP, &g, sizeof g);
    struct ipv6_mreq m6; m6.ipv6mr_interface = 1; inet_pton(AF_INET6, "ff02::1:3", &m6.ipv6mr_multiaddr);
    setsockopt(s6, IPPROTO_IPV6, IPV6_ADD_MEMBERSHIP, &m6, sizeof m6);
    return 0;
}
"#;

#[test]
fn multicast_like_strace() {
    check_like_strace("net_mcast", MCAST_C, &[]);
}

#[test]
fn multicast_i386_direct_like_strace() {
    check_like_strace("net_mcast_d32", &direct(MCAST_C), &["-m32"]);
}

/// Socket filter programs: an address by default, the instructions under -v.
const BPF_C: &str = r#"
#include <sys/socket.h>
#include <linux/filter.h>
#include <netinet/in.h>
int main(void) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sock_filter code[] = {
        BPF_STMT(BPF_LD|BPF_H|BPF_ABS, 12), BPF_JUMP(BPF_JMP|BPF_JEQ|BPF_K, 0x800, 0, 1),
        BPF_STMT(BPF_LD|BPF_W|BPF_ABS, SKF_AD_OFF + SKF_AD_PROTOCOL), BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_NET_OFF + 9),
        BPF_STMT(BPF_LDX|BPF_B|BPF_MSH, 14), BPF_STMT(BPF_ALU|BPF_AND|BPF_K, 0xff), BPF_STMT(BPF_MISC|BPF_TAX, 0),
        BPF_STMT(BPF_ST, 1), BPF_STMT(BPF_LD|BPF_MEM, 1), BPF_JUMP(BPF_JMP|BPF_JSET|BPF_X, 0, 1, 0),
        BPF_STMT(BPF_RET|BPF_A, 0), BPF_STMT(BPF_RET|BPF_K, 0xffff), BPF_STMT(BPF_RET|BPF_K, 0) };
    struct sock_fprog p = { sizeof code / sizeof code[0], code };
    setsockopt(s, SOL_SOCKET, SO_ATTACH_FILTER, &p, sizeof p);
    struct sock_filter out[16]; socklen_t l = 16;
    getsockopt(s, SOL_SOCKET, SO_GET_FILTER, out, &l);
    return 0;
}
"#;

#[test]
fn socket_filter_like_strace() {
    check_like_strace("net_bpf", BPF_C, &[]);
}

#[test]
fn socket_filter_verbose_like_strace() {
    check_like_strace_with("net_bpf_v", BPF_C, &[], &["-v"]);
}

#[test]
fn unix_rights_short_strings_like_strace() {
    let src = UNIX_C.replace("trace-net-test", "trace-net-s2x");
    check_like_strace_with("net_unix_s", &src, &[], &["-s", "2", "-x"]);
}

/// Protocol names of the less common families (most fail with EAFNOSUPPORT).
const FAMILIES_C: &str = r#"
#include <sys/socket.h>
int main(void) {
    int f[] = {23, 29, 31, 33, 34, 35, 37, 39, 41, 43, 3};
    for (int i = 0; i < 11; i++) { socket(f[i], SOCK_RAW, 1); socket(f[i], SOCK_DGRAM, 77); }
    return 0;
}
"#;

/// Option names of the less common socket levels.
const LEVELS_C: &str = r#"
#include <sys/socket.h>
#include <netinet/in.h>
int main(void) {
    int s = socket(AF_INET, SOCK_STREAM, 0);
    int v = 1; socklen_t l = 4;
    setsockopt(s, 282, 1, &v, 4);
    setsockopt(s, 279, 1, &v, 4);
    setsockopt(s, 132, 10, &v, 4);
    setsockopt(s, 40, 6, &v, 4);
    setsockopt(s, 274, 99, &v, 4);
    setsockopt(s, 283, 3, &v, 4);
    getsockopt(s, 0, 64, &v, &l);
    setsockopt(s, 0, 64, &v, 4);
    l = 4; getsockopt(s, 41, 64, &v, &l);
    setsockopt(s, 41, 64, &v, 4);
    setsockopt(s, 264, 1, &v, 4);
    return 0;
}
"#;

#[test]
fn families_and_levels_like_strace() {
    check_like_strace("net_families", FAMILIES_C, &[]);
    check_like_strace("net_levels", LEVELS_C, &[]);
}

/// Packet socket options: memberships, rings, statistics (root only; both tracers
/// print the same EPERM lines otherwise).
const PACKET_C: &str = r#"
#include <sys/socket.h>
#include <linux/if_packet.h>
#include <linux/if_ether.h>
#include <arpa/inet.h>
#include <string.h>
int main(void) {
    int s = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
    struct packet_mreq m; memset(&m, 0, sizeof m);
    m.mr_ifindex = 1; m.mr_type = PACKET_MR_PROMISC;
    setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &m, sizeof m);
    m.mr_type = PACKET_MR_MULTICAST; m.mr_alen = 6; memcpy(m.mr_address, "\x01\x00\x5e\x00\x00\x01", 6);
    setsockopt(s, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &m, sizeof m);
    setsockopt(s, SOL_PACKET, PACKET_DROP_MEMBERSHIP, &m, sizeof m);
    struct tpacket_req r = { 4096, 4, 2048, 8 };
    setsockopt(s, SOL_PACKET, PACKET_RX_RING, &r, sizeof r);
    struct tpacket_stats st; socklen_t l = sizeof st;
    getsockopt(s, SOL_PACKET, PACKET_STATISTICS, &st, &l);
    int v = TPACKET_V2;
    setsockopt(s, SOL_PACKET, PACKET_VERSION, &v, sizeof v);
    return 0;
}
"#;

#[test]
fn packet_options_like_strace() {
    check_like_strace("net_packet", PACKET_C, &[]);
}

#[test]
fn tcp_like_strace() {
    check_like_strace("net_tcp", TCP_C, &[]);
}

#[test]
fn unix_rights_like_strace() {
    check_like_strace("net_unix", UNIX_C, &[]);
}

#[test]
fn udp_mmsg_like_strace() {
    check_like_strace("net_udp", UDP_C, &[]);
}

#[test]
fn tcp_i386_like_strace() {
    check_like_strace("net_tcp32", TCP_C, &["-m32"]);
}

#[test]
fn unix_rights_i386_like_strace() {
    // Its own socket names: the 64-bit test may run at the same time.
    let src = UNIX_C.replace("trace-net-test", "trace-net-t32");
    check_like_strace("net_unix32", &src, &["-m32"]);
}

#[test]
fn udp_mmsg_i386_like_strace() {
    check_like_strace("net_udp32", UDP_C, &["-m32"]);
}

#[test]
fn tcp_i386_direct_like_strace() {
    check_like_strace("net_tcp_d32", &direct(TCP_C), &["-m32"]);
}

#[test]
fn unix_rights_i386_direct_like_strace() {
    check_like_strace("net_unix_d32", &direct(UNIX_C), &["-m32"]);
}

#[test]
fn udp_mmsg_i386_direct_like_strace() {
    check_like_strace("net_udp_d32", &direct(UDP_C), &["-m32"]);
}

#[test]
fn failing_connect_exact() {
    let exe = compiled_or_skip!(
        compile(
            "net_refused",
            "#include <sys/socket.h>\n#include <sys/un.h>\n#include <string.h>\n\
             int main(void) { int s = socket(AF_UNIX, SOCK_STREAM, 0);\n\
             struct sockaddr_un u = { .sun_family = AF_UNIX };\n\
             strcpy(u.sun_path, \"/nonexistent/trace.sock\");\n\
             return connect(s, (struct sockaddr *)&u, sizeof u) == 0; }\n",
            &[],
        ),
        e => "cannot compile: {e}"
    );
    let r = run_trace(&[], &[exe.to_str().unwrap()]);
    let lines = net_lines(&r.log);
    assert_eq!(
        lines,
        [
            "socket(AF_UNIX, SOCK_STREAM, 0) = 3",
            "connect(3, {sa_family=AF_UNIX, sun_path=\"/nonexistent/trace.sock\"}, 110) = -1 ENOENT (No such file or directory)",
        ]
    );
}
