//! The net decoders' unit tests: rows rendered from recorded memory, and netlink
//! messages decoded directly.

use super::netlink::decode_netlink;
use super::sockaddr::inet6_ntop;
use crate::arch::Arch;
use crate::decode::Ctx;
use crate::record::RecordedMemory;
use crate::render::text::render_named;
use crate::table;

const A: u64 = 0x7ffd_0000_1000;
const B: u64 = 0x7ffd_0000_2000;
const C: u64 = 0x7ffd_0000_3000;
const D: u64 = 0x7ffd_0000_4000;

/// The line with strace's alignment padding collapsed.
fn r(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    unpad(render_named(Arch::X86_64, name, args, Some(ret), mem))
}

fn unpad(line: String) -> String {
    match line.rfind(") ") {
        Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
        None => line,
    }
}

fn sin(port: u16, ip: [u8; 4]) -> Vec<u8> {
    let mut v = vec![2, 0];
    v.extend_from_slice(&port.to_be_bytes());
    v.extend_from_slice(&ip);
    v.extend_from_slice(&[0; 8]);
    v
}

#[test]
fn socket_types_and_protocols() {
    let m = RecordedMemory::new();
    assert_eq!(
        r("socket", [2, 1 | 0o2000000, 0, 0, 0, 0], 3, &m),
        "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_IP) = 3"
    );
    assert_eq!(
        r("socket", [16, 3, 0, 0, 0, 0], 3, &m),
        "socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE) = 3"
    );
    assert_eq!(
        r("socket", [17, 3, 0x0300, 0, 0, 0], 3, &m),
        "socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL)) = 3"
    );
    assert_eq!(
        r("socket", [1, 2 | 0o4000, 0, 0, 0, 0], 3, &m),
        "socket(AF_UNIX, SOCK_DGRAM|SOCK_NONBLOCK, 0) = 3"
    );
    assert_eq!(
        r("socket", [99, 0xf, 0, 0, 0, 0], -97, &m),
        "socket(0x63 /* AF_??? */, 0xf /* SOCK_??? */, 0) = -1 (errno 97)".replace(
            "(errno 97)",
            &table::errno(97).map_or("(errno 97)".to_string(), |e| format!(
                "{} ({})",
                e.name, e.message
            ))
        )
    );
}

#[test]
fn connect_unix_inet_inet6() {
    let mut un = vec![1u8, 0];
    un.extend_from_slice(b"/var/run/nscd/socket\0");
    un.resize(110, 0);
    let mut in6 = vec![10u8, 0, 0, 80, 0, 0, 0, 0];
    in6.extend_from_slice(&[0; 15]);
    in6.push(1);
    in6.extend_from_slice(&[0; 4]);
    let mut abs = vec![1u8, 0, 0];
    abs.extend_from_slice(b"abc");
    let m = RecordedMemory::new()
        .with(A, un)
        .with(B, sin(8080, [127, 0, 0, 1]))
        .with(C, in6)
        .with(D, abs);
    assert_eq!(
        r("connect", [3, A, 110, 0, 0, 0], 0, &m),
        "connect(3, {sa_family=AF_UNIX, sun_path=\"/var/run/nscd/socket\"}, 110) = 0"
    );
    assert_eq!(
        r("bind", [3, B, 16, 0, 0, 0], 0, &m),
        "bind(3, {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr(\"127.0.0.1\")}, 16) = 0"
    );
    assert_eq!(
        r("connect", [3, C, 28, 0, 0, 0], 0, &m),
        "connect(3, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), \
         inet_pton(AF_INET6, \"::1\", &sin6_addr), sin6_scope_id=0}, 28) = 0"
    );
    assert_eq!(
        r("bind", [3, D, 6, 0, 0, 0], 0, &m),
        "bind(3, {sa_family=AF_UNIX, sun_path=@\"abc\"}, 6) = 0"
    );
    assert_eq!(
        r("bind", [3, D, 2, 0, 0, 0], 0, &m),
        "bind(3, {sa_family=AF_UNIX}, 2) = 0"
    );
    assert_eq!(
        r("bind", [3, 0x1234, 16, 0, 0, 0], 0, &m),
        "bind(3, 0x1234, 16) = 0"
    );
    assert_eq!(
        r("bind", [3, B, 1, 0, 0, 0], 0, &m),
        format!("bind(3, {B:#x}, 1) = 0")
    );
}

#[test]
fn netlink_and_raw_families() {
    let nl = [16u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let raw = [99u8, 0, b'a', 0];
    let m = RecordedMemory::new()
        .with(A, nl.to_vec())
        .with(B, raw.to_vec());
    assert_eq!(
        r("bind", [3, A, 12, 0, 0, 0], 0, &m),
        "bind(3, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 0"
    );
    assert_eq!(
        r("bind", [3, B, 4, 0, 0, 0], 0, &m),
        "bind(3, {sa_family=0x63 /* AF_??? */, sa_data=\"a\\0\"}, 4) = 0"
    );
}

#[test]
fn ipv6_text_forms() {
    let p = |s: &str| inet6_ntop(&s.parse::<std::net::Ipv6Addr>().unwrap().octets());
    assert_eq!(p("::"), "::");
    assert_eq!(p("::1"), "::1");
    assert_eq!(p("fe80::1:2"), "fe80::1:2");
    assert_eq!(p("::ffff:1.2.3.4"), "::ffff:1.2.3.4");
    assert_eq!(p("::1.2.3.4"), "::1.2.3.4");
    assert_eq!(p("1:0:0:2:0:0:0:3"), "1:0:0:2::3");
    assert_eq!(p("1:0:2:3:4:5:6:7"), "1:0:2:3:4:5:6:7");
    assert_eq!(p("2001:db8::"), "2001:db8::");
}

#[test]
fn accept_lengths() {
    let m = RecordedMemory::new()
        .with(A, sin(40000, [127, 0, 0, 1]))
        .with(B, 16u32.to_le_bytes().to_vec());
    // The length was 16 before and after.
    assert_eq!(
        r("accept", [3, A, B, 0, 0, 0], 4, &m),
        "accept(3, {sa_family=AF_INET, sin_port=htons(40000), sin_addr=inet_addr(\"127.0.0.1\")}, [16]) = 4"
    );
    assert_eq!(
        r("accept4", [3, 0, 0, 0o2000000, 0, 0], 4, &m),
        "accept4(3, NULL, NULL, SOCK_CLOEXEC) = 4"
    );
    assert_eq!(
        r("getsockname", [3, A, B, 0, 0, 0], -9, &m)
            .split(" = ")
            .next()
            .unwrap(),
        format!("getsockname(3, {A:#x}, [16])")
    );
}

#[test]
fn socklen_changed_by_kernel() {
    // Memory shows the kernel's value; the entry value is captured separately.
    let rec = crate::record::SyscallRecord {
        arch: Arch::X86_64,
        nr: Arch::X86_64.syscall_number("getpeername").unwrap(),
        args: [3, A, B, 0, 0, 0],
        ret: Some(0),
    };
    let before = RecordedMemory::new().with(B, 128u32.to_le_bytes().to_vec());
    let after = RecordedMemory::new()
        .with(A, vec![1, 0])
        .with(B, 2u32.to_le_bytes().to_vec());
    let opts = crate::decode::DecodeOptions::default();
    let sig = crate::table::signature_by_name(Arch::X86_64, "getpeername");
    let zero = crate::decode::Saved::default();
    let saved = crate::decode::capture(
        &Ctx {
            rec: &rec,
            mem: &before,
            opts: &opts,
            saved: &zero,
        },
        sig,
    );
    let ctx = Ctx {
        rec: &rec,
        mem: &after,
        opts: &opts,
        saved: &saved,
    };
    let mut o = String::new();
    crate::decode::print_args(&ctx, sig, 1, 3, &mut o, false);
    assert_eq!(o, "{sa_family=AF_UNIX}, [128 => 2]");
}

#[test]
fn sockopts() {
    let m = RecordedMemory::new()
        .with(A, 1u32.to_le_bytes().to_vec())
        .with(B, 4u32.to_le_bytes().to_vec())
        .with(C, [1u8, 0, 0, 0, 5, 0, 0, 0].to_vec())
        .with(D, 111u32.to_le_bytes().to_vec());
    assert_eq!(
        r("setsockopt", [3, 1, 2, A, 4, 0], 0, &m),
        "setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0"
    );
    assert_eq!(
        r("setsockopt", [3, 1, 13, C, 8, 0], 0, &m),
        "setsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger=5}, 8) = 0"
    );
    assert_eq!(
        r("setsockopt", [3, 6, 1, A, 4, 0], 0, &m),
        "setsockopt(3, SOL_TCP, TCP_NODELAY, [1], 4) = 0"
    );
    assert_eq!(
        r("getsockopt", [3, 1, 3, A, B, 0], 0, &m),
        "getsockopt(3, SOL_SOCKET, SO_TYPE, [1], [4]) = 0"
    );
    assert_eq!(
        r("getsockopt", [3, 1, 4, D, B, 0], 0, &m),
        format!(
            "getsockopt(3, SOL_SOCKET, SO_ERROR, [{}], [4]) = 0",
            table::errno(111).map_or("111".to_string(), |e| e.name.clone())
        )
    );
    assert_eq!(
        r("setsockopt", [3, 999, 5, A, 4, 0], 0, &m),
        "setsockopt(3, 0x3e7 /* SOL_?? */, 5, [1], 4) = 0"
    );
}

fn msghdr64(name: u64, namelen: u32, iov: u64, iovlen: u64, ctl: u64, ctllen: u64) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&name.to_le_bytes());
    v.extend_from_slice(&u64::from(namelen).to_le_bytes());
    v.extend_from_slice(&iov.to_le_bytes());
    v.extend_from_slice(&iovlen.to_le_bytes());
    v.extend_from_slice(&ctl.to_le_bytes());
    v.extend_from_slice(&ctllen.to_le_bytes());
    v.extend_from_slice(&0u64.to_le_bytes());
    v
}

#[test]
fn sendmsg_with_rights() {
    let mut iov = Vec::new();
    iov.extend_from_slice(&C.to_le_bytes());
    iov.extend_from_slice(&2u64.to_le_bytes());
    let mut cmsg = Vec::new();
    cmsg.extend_from_slice(&20u64.to_le_bytes());
    cmsg.extend_from_slice(&1u32.to_le_bytes());
    cmsg.extend_from_slice(&1u32.to_le_bytes());
    cmsg.extend_from_slice(&5u32.to_le_bytes());
    cmsg.extend_from_slice(&[0; 4]);
    let m = RecordedMemory::new()
        .with(A, msghdr64(0, 0, B, 1, D, 24))
        .with(B, iov)
        .with(C, b"hi".to_vec())
        .with(D, cmsg);
    assert_eq!(
        r("sendmsg", [3, A, 0, 0, 0, 0], 2, &m),
        "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"hi\", iov_len=2}], msg_iovlen=1, \
         msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], \
         msg_controllen=24, msg_flags=0}, 0) = 2"
    );
    assert_eq!(
        r("recvmsg", [3, A, 0x40, 0, 0, 0], 1, &m),
        "recvmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"h\", iov_len=2}], msg_iovlen=1, \
         msg_control=[{cmsg_len=20, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=[5]}], \
         msg_controllen=24, msg_flags=0}, MSG_DONTWAIT) = 1"
    );
}

#[test]
fn msghdr_i386_layout() {
    let mut msg = Vec::new();
    for v in [0u32, 0, 0x2000, 1, 0, 0, 0] {
        msg.extend_from_slice(&v.to_le_bytes());
    }
    let mut iov = Vec::new();
    iov.extend_from_slice(&0x3000u32.to_le_bytes());
    iov.extend_from_slice(&3u32.to_le_bytes());
    let m = RecordedMemory::new()
        .with(0x1000, msg)
        .with(0x2000, iov)
        .with(0x3000, b"abc".to_vec());
    assert_eq!(
        unpad(render_named(
            Arch::I386,
            "sendmsg",
            [3, 0x1000, 0x4000, 0, 0, 0],
            Some(3),
            &m
        )),
        "sendmsg(3, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base=\"abc\", iov_len=3}], msg_iovlen=1, \
         msg_controllen=0, msg_flags=0}, MSG_NOSIGNAL) = 3"
    );
}

#[test]
fn socketpair_and_sendto() {
    let mut pair = 3u32.to_le_bytes().to_vec();
    pair.extend_from_slice(&4u32.to_le_bytes());
    let m = RecordedMemory::new()
        .with(A, pair)
        .with(B, b"ping".to_vec());
    assert_eq!(
        r("socketpair", [1, 1, 0, A, 0, 0], 0, &m),
        "socketpair(AF_UNIX, SOCK_STREAM, 0, [3, 4]) = 0"
    );
    assert_eq!(
        r("sendto", [3, B, 4, 0, 0, 0], 4, &m),
        "sendto(3, \"ping\", 4, 0, NULL, 0) = 4"
    );
    assert_eq!(
        r("shutdown", [3, 2, 0, 0, 0, 0], 0, &m),
        "shutdown(3, SHUT_RDWR) = 0"
    );
    assert_eq!(
        r("listen", [3, 128, 0, 0, 0, 0], 0, &m),
        "listen(3, 128) = 0"
    );
}

#[test]
fn recvmsg_netlink_done() {
    let nl = [16u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut iov = Vec::new();
    iov.extend_from_slice(&C.to_le_bytes());
    iov.extend_from_slice(&4096u64.to_le_bytes());
    let mut done = Vec::new();
    for v in [20u32, 3 | 2 << 16, 7, 42, 0] {
        done.extend_from_slice(&v.to_le_bytes());
    }
    let m = RecordedMemory::new()
        .with(A, msghdr64(D, 12, B, 1, 0, 0))
        .with(B, iov)
        .with(C, done)
        .with(D, nl.to_vec());
    assert_eq!(
        r("recvmsg", [3, A, 0, 0, 0, 0], 20, &m),
        "recvmsg(3, {msg_name={sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, msg_namelen=12, \
         msg_iov=[{iov_base=[{nlmsg_len=20, nlmsg_type=NLMSG_DONE, nlmsg_flags=NLM_F_MULTI, nlmsg_seq=7, \
         nlmsg_pid=42}, 0], iov_len=4096}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 20"
    );
}

fn nl(mem: &RecordedMemory, proto: Option<u32>, addr: u64, len: u64) -> String {
    let rec = crate::record::SyscallRecord::new(Arch::X86_64, 44, [3, addr, len, 0, 0, 0]);
    let opts = crate::decode::DecodeOptions::default();
    let saved = crate::decode::Saved::default();
    let ctx = Ctx {
        rec: &rec,
        mem,
        opts: &opts,
        saved: &saved,
    };
    let mut o = String::new();
    decode_netlink(&ctx, proto, addr, len, &mut o);
    o
}

fn nlmsg(len: u32, ty: u16, flags: u16, seq: u32, pid: u32, payload: &[u8]) -> Vec<u8> {
    let mut v = Vec::new();
    v.extend_from_slice(&len.to_le_bytes());
    v.extend_from_slice(&ty.to_le_bytes());
    v.extend_from_slice(&flags.to_le_bytes());
    v.extend_from_slice(&seq.to_le_bytes());
    v.extend_from_slice(&pid.to_le_bytes());
    v.extend_from_slice(payload);
    v
}

#[test]
fn netlink_route_request_and_ack() {
    let req = nlmsg(20, 22, 0x301, 7, 0, &[0, 0, 0, 0]);
    let inner = nlmsg(20, 22, 0x301, 7, 0, &[]);
    let mut err = (-2i32).to_le_bytes().to_vec();
    err.extend_from_slice(&inner);
    let ack = nlmsg(36, 2, 0x100, 7, 42, &err);
    let m = RecordedMemory::new().with(A, req).with(B, ack);
    assert_eq!(
        nl(&m, Some(0), A, 20),
        "[{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, \
         nlmsg_pid=0}, {ifa_family=AF_UNSPEC, ...}]"
    );
    let enoent = table::errno(2).map_or("-2".to_string(), |e| format!("-{}", e.name));
    assert_eq!(
        nl(&m, Some(0), B, 36),
        format!(
            "[{{nlmsg_len=36, nlmsg_type=NLMSG_ERROR, nlmsg_flags=NLM_F_CAPPED, nlmsg_seq=7, nlmsg_pid=42}}, \
             {{error={enoent}, msg={{nlmsg_len=20, nlmsg_type=RTM_GETADDR, \
             nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=7, nlmsg_pid=0}}}}]"
        )
    );
    // Unknown protocol: generic types, the payload in hex.
    assert_eq!(
        nl(&m, None, A, 20),
        "[{nlmsg_len=20, nlmsg_type=0x16 /* NLMSG_??? */, nlmsg_flags=NLM_F_REQUEST|0x300, nlmsg_seq=7, \
         nlmsg_pid=0}, \"\\x00\\x00\\x00\\x00\"]"
    );
    // Too short for a header.
    assert_eq!(nl(&m, Some(0), A, 3), "\"\\x14\\x00\\x00\"");
}

#[test]
fn inet_diag_request() {
    let mut p = vec![2u8, 6, 0, 0];
    p.extend_from_slice(&((1u32 << 7) | (1 << 10)).to_le_bytes());
    p.extend_from_slice(&[0; 48]);
    let req = nlmsg(72, 20, 0x301, 123456, 0, &p);
    let m = RecordedMemory::new().with(A, req);
    assert_eq!(
        nl(&m, Some(4), A, 72),
        "[{nlmsg_len=72, nlmsg_type=SOCK_DIAG_BY_FAMILY, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, \
         nlmsg_seq=123456, nlmsg_pid=0}, {sdiag_family=AF_INET, sdiag_protocol=IPPROTO_TCP, idiag_ext=0, \
         idiag_states=1<<TCP_CLOSE|1<<TCP_LISTEN, id={idiag_sport=htons(0), idiag_dport=htons(0), \
         idiag_src=inet_addr(\"0.0.0.0\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, \
         idiag_cookie=[0, 0]}}]"
    );
}

/// Every row of the group over odd register values and random memory: no panics.
#[test]
fn never_panics_on_garbage() {
    let names = [
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
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let vals = [
        0u64,
        1,
        2,
        10,
        16,
        17,
        0x1000,
        0x1010,
        0xfff,
        u64::MAX,
        1 << 63,
        0xffff_ffff,
    ];
    for round in 0..300 {
        let bytes: Vec<u8> = (0..8192).map(|_| next() as u8).collect();
        let mut small: Vec<u8> = (0..64).map(|_| (next() % 24) as u8).collect();
        small[0] = (round % 48) as u8;
        let m = RecordedMemory::new().with(0x1000, bytes).with(0x10, small);
        // Netlink messages with plausible headers and random bodies.
        let mut msg: Vec<u8> = (0..512).map(|_| next() as u8).collect();
        let total = (next() % 512) as u32;
        msg[0..4].copy_from_slice(&(total.min(40 + (next() % 200) as u32)).to_le_bytes());
        msg[4..6].copy_from_slice(&((next() % 100) as u16).to_le_bytes());
        msg[16] = [2u8, 10, 1, 16, 7][(next() % 5) as usize];
        let nm = RecordedMemory::new().with(0x1000, msg);
        for proto in [Some(0), Some(4), None] {
            let _ = nl(&nm, proto, 0x1000, u64::from(total));
        }
        for arch in [Arch::X86_64, Arch::I386] {
            for name in names {
                if arch.syscall_number(name).is_none() {
                    continue;
                }
                let args = [0; 6].map(|_: u64| vals[(next() % vals.len() as u64) as usize]);
                let ret = [0i64, 1, 16, -14, 100_000][(next() % 5) as usize];
                let _ = render_named(arch, name, args, Some(ret), &m);
            }
        }
    }
}

/// Socket option values strace 6.1 shows beyond plain ints (so_linger.gen.test,
/// so_peercred.gen.test, sockopt-sol_socket.gen.test).
#[test]
fn sockopt_short_fields_and_txrehash() {
    let m = RecordedMemory::new()
        .with(A, [1u8, 0, 0, 0, 0xdf, 0x4f, 0x8d, 0].to_vec())
        .with(B, 3u32.to_le_bytes().to_vec())
        .with(C, 7u32.to_le_bytes().to_vec())
        .with(D, 255u32.to_le_bytes().to_vec());
    assert_eq!(
        r("getsockopt", [3, 1, 13, A, B, 0], 0, &m),
        r#"getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff="\x01\x00\x00"}, [3]) = 0"#
    );
    assert_eq!(
        r("getsockopt", [3, 1, 13, A, C, 0], 0, &m),
        r#"getsockopt(3, SOL_SOCKET, SO_LINGER, {l_onoff=1, l_linger="\xdf\x4f\x8d"}, [7]) = 0"#
    );
    assert_eq!(
        r("setsockopt", [3, 1, 74, D, 4, 0], -95, &m),
        "setsockopt(3, SOL_SOCKET, SO_TXREHASH, [SOCK_TXREHASH_DEFAULT], 4) = -1 EOPNOTSUPP (Operation not supported)"
    );
    assert_eq!(
        r("setsockopt", [3, 1, 74, A, 4, 0], -95, &m),
        "setsockopt(3, SOL_SOCKET, SO_TXREHASH, [SOCK_TXREHASH_ENABLED], 4) = -1 EOPNOTSUPP (Operation not supported)"
    );
    assert_eq!(
        r("setsockopt", [3, 1, 74, A, 3, 0], -22, &m),
        format!("setsockopt(3, SOL_SOCKET, SO_TXREHASH, {A:#x}, 3) = -1 EINVAL (Invalid argument)")
    );
}

/// IPX and X.25 addresses (net-sockaddr.gen.test).
#[test]
fn connect_ipx_x25() {
    let mut ipx = vec![4u8, 0, 0x30, 0x39, 0xfa, 0xce, 0xfe, 0xed];
    ipx.extend_from_slice(b"ABCDEF");
    ipx.extend_from_slice(&[0xff, 0x42]);
    let mut x25 = vec![9u8, 0];
    x25.extend_from_slice(b"0123456789abcdef");
    let m = RecordedMemory::new().with(A, ipx).with(B, x25);
    assert_eq!(
        r("connect", [u64::MAX, A, 16, 0, 0, 0], -9, &m),
        "connect(-1, {sa_family=AF_IPX, sipx_port=htons(12345), sipx_network=htonl(0xfacefeed), sipx_node=[0x41, 0x42, 0x43, 0x44, 0x45, 0x46], sipx_type=0xff, sipx_zero=0x42}, 16) = -1 EBADF (Bad file descriptor)"
    );
    assert_eq!(
        r("connect", [u64::MAX, B, 18, 0, 0, 0], -9, &m),
        r#"connect(-1, {sa_family=AF_X25, sx25_addr={x25_addr="0123456789abcde"...}}, 18) = -1 EBADF (Bad file descriptor)"#
    );
}

/// A timestamp control message too short for its structure is `???`; SCM_SECURITY
/// names the SOL_IP type 3 (msg_control.gen.test).
#[test]
fn cmsg_short_timestamp_and_scm_security() {
    // cmsghdr: len 24 (8 data bytes), SOL_SOCKET, SO_TIMESTAMP_OLD.
    let mut cm = Vec::new();
    cm.extend_from_slice(&24u64.to_le_bytes());
    cm.extend_from_slice(&1u32.to_le_bytes());
    cm.extend_from_slice(&29u32.to_le_bytes());
    cm.extend_from_slice(&[0x11; 8]);
    let mut sec = Vec::new();
    sec.extend_from_slice(&16u64.to_le_bytes());
    sec.extend_from_slice(&0u32.to_le_bytes());
    sec.extend_from_slice(&3u32.to_le_bytes());
    let m = RecordedMemory::new()
        .with(A, msghdr64(0, 0, 0, 0, B, 24))
        .with(B, cm)
        .with(C, msghdr64(0, 0, 0, 0, D, 16))
        .with(D, sec);
    assert_eq!(
        r("sendmsg", [u64::MAX, A, 0, 0, 0, 0], -9, &m),
        "sendmsg(-1, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SO_TIMESTAMP_OLD, cmsg_data=???}], msg_controllen=24, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)"
    );
    assert_eq!(
        r("sendmsg", [u64::MAX, C, 0, 0, 0, 0], -9, &m),
        "sendmsg(-1, {msg_name=NULL, msg_namelen=0, msg_iov=NULL, msg_iovlen=0, msg_control=[{cmsg_len=16, cmsg_level=SOL_IP, cmsg_type=SCM_SECURITY}], msg_controllen=16, msg_flags=0}, 0) = -1 EBADF (Bad file descriptor)"
    );
}

/// recvmmsg's timeout: tv_nsec zero-extended (recvmmsg-timeout.gen.test).
#[test]
fn recvmmsg_timeout_nsec_unsigned() {
    let mut ts = Vec::new();
    ts.extend_from_slice(&(-3819351491602432273i64).to_le_bytes());
    ts.extend_from_slice(&0xbadc_0ded_face_feedu64.to_le_bytes());
    let m = RecordedMemory::new().with(A, ts);
    assert_eq!(
        r("recvmmsg", [3, B, 1, 0, A, 0], -22, &m),
        format!(
            "recvmmsg(3, {B:#x}, 1, 0, {{tv_sec=-3819351491602432273, tv_nsec=13464652301697220333}}) = -1 EINVAL (Invalid argument)"
        )
    );
}

/// recvmmsg keeps every message's msg_namelen from entry, not only the first few
/// (mmsg_name.gen.test sends IOV_MAX + 1 of them).
#[test]
fn recvmmsg_namelens_of_many_messages() {
    const N: u64 = 9;
    let hdr = |i: u64, namelen: u32| {
        let mut b = vec![0u8; 64];
        b[0..8].copy_from_slice(&(C + i * 16).to_le_bytes());
        b[8..12].copy_from_slice(&namelen.to_le_bytes());
        b
    };
    let mut before = RecordedMemory::new();
    let mut after = RecordedMemory::new();
    for i in 0..N {
        before = before.with(B + i * 64, hdr(i, i as u32 + 1));
        let mut h = hdr(i, 2);
        h[56..60].copy_from_slice(&0u32.to_le_bytes());
        after = after.with(B + i * 64, h).with(C + i * 16, vec![1, 0]);
    }
    let rec = crate::record::SyscallRecord {
        arch: Arch::X86_64,
        nr: Arch::X86_64.syscall_number("recvmmsg").unwrap(),
        args: [3, B, N, 0, 0, 0],
        ret: Some(N as i64),
    };
    let opts = crate::decode::DecodeOptions::default();
    let sig = crate::table::signature_by_name(Arch::X86_64, "recvmmsg");
    let zero = crate::decode::Saved::default();
    let at_entry = Ctx {
        rec: &rec,
        mem: &before,
        opts: &opts,
        saved: &zero,
    };
    let saved = crate::decode::capture(&at_entry, sig);
    assert_eq!(saved.list, (1..=N).collect::<Vec<_>>());
    let ctx = Ctx {
        rec: &rec,
        mem: &after,
        opts: &opts,
        saved: &saved,
    };
    let mut o = String::new();
    crate::decode::print_args(&ctx, sig, 1, 2, &mut o, false);
    // A name shorter than sa_family shows as an address; an unchanged length once.
    let elem = |i: u64| {
        let name = match i {
            0 => format!("{C:#x}"),
            _ => "{sa_family=AF_UNIX}".to_string(),
        };
        let len = match i {
            1 => "2".to_string(),
            _ => format!("{} => 2", i + 1),
        };
        format!(
            "{{msg_hdr={{msg_name={name}, msg_namelen={len}, msg_iov=NULL, msg_iovlen=0, \
             msg_controllen=0, msg_flags=0}}, msg_len=0}}"
        )
    };
    let want: Vec<String> = (0..N).map(elem).collect();
    assert_eq!(o, format!("[{}]", want.join(", ")));
}
