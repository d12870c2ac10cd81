//! Socket endpoints for `-yy` from NETLINK_SOCK_DIAG, as pure code: the request bytes
//! for inet_diag, unix_diag and netlink_diag, and the parsing of the kernel's replies
//! into strace 6.1's spelling (`TCP:[127.0.0.1:80->127.0.0.1:5000]`,
//! `UNIX-STREAM:[12->13,"/run/sock"]`, `NETLINK:[ROUTE:1234]`). The socket I/O itself is
//! in `sys` (`sys::sock_diag`); [`endpoint`] is the one exchange that joins them, used by
//! the tracer's memory view and by `trace proc`.

use crate::decode::fmt::{self, HexStyle, Quote};

/// `SOCK_DIAG_BY_FAMILY`, the message type of both requests and replies.
const SOCK_DIAG_BY_FAMILY: u16 = 20;
const NLM_F_REQUEST: u16 = 1;
const NLM_F_DUMP: u16 = 0x300;
const NLMSG_HDRLEN: usize = 16;

const AF_UNIX: u8 = 1;
const AF_INET: u8 = 2;
const AF_INET6: u8 = 10;
const AF_NETLINK: u8 = 16;

/// How the kernel is asked about one protocol.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Query {
    /// inet_diag dump of one family and IP protocol.
    Inet { family: u8, protocol: u8 },
    /// unix_diag for one inode.
    Unix,
    /// netlink_diag dump of every netlink protocol.
    Netlink,
}

/// A protocol as the kernel names it in the `system.sockprotoname` xattr of a socket.
#[derive(Clone, Copy, Debug)]
pub struct Proto {
    pub name: &'static str,
    pub query: Query,
}

const fn inet(name: &'static str, family: u8, protocol: u8) -> Proto {
    Proto {
        name,
        query: Query::Inet { family, protocol },
    }
}

/// The protocols strace 6.1 resolves (its order, which matters only for unknown names).
pub static PROTOCOLS: &[Proto] = &[
    Proto {
        name: "UNIX",
        query: Query::Unix,
    },
    Proto {
        name: "UNIX-STREAM",
        query: Query::Unix,
    },
    inet("TCP", AF_INET, 6),
    inet("UDP", AF_INET, 17),
    inet("UDPLITE", AF_INET, 136),
    inet("DCCP", AF_INET, 33),
    inet("SCTP", AF_INET, 132),
    inet("L2TP/IP", AF_INET, 115),
    inet("PING", AF_INET, 1),
    inet("RAW", AF_INET, 255),
    inet("TCPv6", AF_INET6, 6),
    inet("UDPv6", AF_INET6, 17),
    inet("UDPLITEv6", AF_INET6, 136),
    inet("DCCPv6", AF_INET6, 33),
    inet("SCTPv6", AF_INET6, 132),
    inet("L2TP/IPv6", AF_INET6, 115),
    inet("PINGv6", AF_INET6, 1),
    inet("RAWv6", AF_INET6, 255),
    Proto {
        name: "NETLINK",
        query: Query::Netlink,
    },
];

pub fn proto_by_name(name: &str) -> Option<&'static Proto> {
    PROTOCOLS.iter().find(|p| p.name == name)
}

/// The inode of a `socket:[N]` fd link.
pub fn socket_inode(link: &[u8]) -> Option<u64> {
    let digits = link.strip_prefix(b"socket:[")?.strip_suffix(b"]")?;
    let n: u64 = std::str::from_utf8(digits).ok()?.parse().ok()?;
    (n != 0 && digits[0] != b'+').then_some(n)
}

fn nlmsghdr(out: &mut Vec<u8>, len: usize, flags: u16) {
    out.extend_from_slice(&(len as u32).to_ne_bytes());
    out.extend_from_slice(&SOCK_DIAG_BY_FAMILY.to_ne_bytes());
    out.extend_from_slice(&flags.to_ne_bytes());
    out.extend_from_slice(&[0; 8]); // seq, pid
}

/// The request datagram for `q` about socket `inode`.
pub fn request(q: Query, inode: u64) -> Vec<u8> {
    let mut r = Vec::with_capacity(NLMSG_HDRLEN + 56);
    match q {
        Query::Inet { family, protocol } => {
            // struct inet_diag_req_v2: family, protocol, ext, pad, states, then a
            // 48-byte inet_diag_sockid of zeros (dump everything, match by inode).
            nlmsghdr(&mut r, NLMSG_HDRLEN + 56, NLM_F_REQUEST | NLM_F_DUMP);
            r.extend_from_slice(&[family, protocol, 0, 0]);
            r.extend_from_slice(&u32::MAX.to_ne_bytes());
            r.extend_from_slice(&[0; 48]);
        }
        Query::Unix => {
            // struct unix_diag_req: family, protocol, pad, states, ino, show, cookie.
            nlmsghdr(&mut r, NLMSG_HDRLEN + 24, NLM_F_REQUEST);
            r.extend_from_slice(&[AF_UNIX, 0, 0, 0]);
            r.extend_from_slice(&u32::MAX.to_ne_bytes());
            r.extend_from_slice(&(inode as u32).to_ne_bytes());
            // UDIAG_SHOW_NAME | UDIAG_SHOW_PEER
            r.extend_from_slice(&(1u32 | 4).to_ne_bytes());
            r.extend_from_slice(&[0xff; 8]);
        }
        Query::Netlink => {
            // struct netlink_diag_req: family, protocol (NDIAG_PROTO_ALL), pad, ino,
            // show, cookie.
            nlmsghdr(&mut r, NLMSG_HDRLEN + 20, NLM_F_REQUEST | NLM_F_DUMP);
            r.extend_from_slice(&[AF_NETLINK, 255, 0, 0]);
            r.extend_from_slice(&[0; 16]);
        }
    }
    r
}

/// What one reply datagram says about the inode asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// The socket's endpoint text.
    Found(String),
    /// Not in this datagram; read the next one.
    More,
    /// The dump ended (or was malformed) without it.
    Missing,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_ne_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_ne_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// Asks the kernel for socket `inode` of `proto`, in the network namespace `netns` (the
/// `/proc/PID/ns/net` of a process holding it): its endpoint text, or `None` when the
/// kernel does not name it.
pub fn endpoint(netns: &std::path::Path, proto: &Proto, inode: u64) -> Option<String> {
    let mut found = None;
    crate::sys::sock_diag(
        Some(netns),
        &request(proto.query, inode),
        |reply| match parse_reply(reply, proto, inode) {
            Step::Found(s) => {
                found = Some(s);
                Some(true)
            }
            Step::More => None,
            Step::Missing => Some(false),
        },
    );
    found
}

/// The peer inode in a UNIX endpoint text (`UNIX-STREAM:[12->13,"/run/sock"]` -> 13).
pub fn unix_peer(text: &str) -> Option<u64> {
    let rest = &text[text.find("->")? + 2..];
    let end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    rest[..end].parse().ok().filter(|&p| p != 0)
}

/// Parses one reply datagram as strace's receive loop does: every message must be a
/// SOCK_DIAG_BY_FAMILY reply (NLMSG_DONE or an error ends the search), and the first
/// one about `inode` gives the answer.
pub fn parse_reply(buf: &[u8], proto: &Proto, inode: u64) -> Step {
    let mut at = 0;
    let mut first = true;
    loop {
        let Some(len) = u32_at(buf, at).map(|l| l as usize) else {
            return if first { Step::Missing } else { Step::More };
        };
        if len < NLMSG_HDRLEN || at + len > buf.len() {
            return if first { Step::Missing } else { Step::More };
        }
        first = false;
        if u16_at(buf, at + 4) != Some(SOCK_DIAG_BY_FAMILY) {
            return Step::Missing;
        }
        let data = &buf[at + NLMSG_HDRLEN..at + len];
        let parsed = match proto.query {
            Query::Inet { .. } => parse_inet(data, proto.name, inode),
            Query::Unix => parse_unix(data, proto.name, inode),
            Query::Netlink => parse_netlink(data, proto.name, inode),
        };
        match parsed {
            Some(Some(text)) => return Step::Found(text),
            Some(None) => {}
            None => return Step::Missing,
        }
        at += (len + 3) & !3;
    }
}

/// `Some(Some(text))`: this is the socket; `Some(None)`: another socket; `None`: an
/// answer that ends the search (strace's parser returning -1).
type Parsed = Option<Option<String>>;

fn parse_inet(d: &[u8], name: &str, inode: u64) -> Parsed {
    // struct inet_diag_msg: family, state, timer, retrans, id (sport, dport: be16,
    // src[16], dst[16], if, cookie[2]) at 4, expires, rqueue, wqueue, uid, inode at 68.
    if d.len() < 72 {
        return None;
    }
    if u64::from(u32_at(d, 68)?) != inode {
        return Some(None);
    }
    let family = d[0];
    let (alen, v6) = match family {
        AF_INET => (4, false),
        AF_INET6 => (16, true),
        _ => return None,
    };
    let sport = u16::from_be_bytes([d[4], d[5]]);
    let dport = u16::from_be_bytes([d[6], d[7]]);
    let src = &d[8..8 + alen];
    let dst = &d[24..24 + alen];
    let addr = |a: &[u8]| -> String {
        if v6 {
            let b: [u8; 16] = a.try_into().unwrap_or([0; 16]);
            format!("[{}]", std::net::Ipv6Addr::from(b))
        } else {
            std::net::Ipv4Addr::new(a[0], a[1], a[2], a[3]).to_string()
        }
    };
    Some(Some(if dport != 0 || dst.iter().any(|&b| b != 0) {
        format!("{name}:[{}:{sport}->{}:{dport}]", addr(src), addr(dst))
    } else {
        format!("{name}:[{}:{sport}]", addr(src))
    }))
}

fn parse_unix(d: &[u8], name: &str, inode: u64) -> Parsed {
    // struct unix_diag_msg: family, type, state, pad, ino at 4, cookie[2]; then rtattrs.
    const MSG: usize = 16;
    if d.len() < MSG {
        return None;
    }
    if u64::from(u32_at(d, 4)?) != inode {
        return Some(None);
    }
    if d[0] != AF_UNIX {
        return None;
    }
    let mut peer = 0u32;
    let mut path: Option<&[u8]> = None;
    let mut at = MSG;
    while let (Some(len), Some(ty)) = (u16_at(d, at), u16_at(d, at + 2)) {
        let len = usize::from(len);
        if len < 4 || at + len > d.len() {
            break;
        }
        let payload = &d[at + 4..at + len];
        match ty {
            // UNIX_DIAG_NAME: the first one counts, at most UNIX_PATH_MAX bytes.
            0 if path.is_none() && !payload.is_empty() => {
                path = Some(&payload[..payload.len().min(108)]);
            }
            // UNIX_DIAG_PEER
            2 if payload.len() >= 4 => peer = u32_at(payload, 0)?,
            _ => {}
        }
        at += (len + 3) & !3;
    }
    if peer == 0 && path.is_none() {
        return None;
    }
    let mut s = format!("{name}:[{inode}");
    if peer != 0 {
        s.push_str(&format!("->{peer}"));
    }
    if let Some(p) = path {
        s.push(',');
        // An abstract name starts with NUL: strace shows it as `@"name"`.
        let p = match p.split_first() {
            Some((0, rest)) => {
                s.push('@');
                rest
            }
            _ => p,
        };
        let q = Quote {
            nul_terminated: true,
            ..Quote::default()
        };
        fmt::quote_into(&mut s, p, q, HexStyle::None);
    }
    s.push(']');
    Some(Some(s))
}

fn parse_netlink(d: &[u8], name: &str, inode: u64) -> Parsed {
    // struct netlink_diag_msg: family, type, protocol, state, portid at 4,
    // dst_portid, dst_group, ino at 16, cookie[2].
    if d.len() < 28 {
        return None;
    }
    if u64::from(u32_at(d, 16)?) != inode {
        return Some(None);
    }
    if d[0] != AF_NETLINK {
        return None;
    }
    let protocol = d[2];
    let portid = u32_at(d, 4)?;
    let known = crate::table::xlat("netlink_protocols")
        .and_then(|x| x.name_of(crate::arch::Arch::X86_64, u64::from(protocol)));
    Some(Some(match known {
        Some(p) => format!(
            "{name}:[{}:{portid}]",
            p.strip_prefix("NETLINK_").unwrap_or(p)
        ),
        None => format!("{name}:[{protocol}]"),
    }))
}

/// strace's remembered answers: one slot per `inode % 1024`, filled by every socket
/// it resolved and consulted before asking the kernel again (so an endpoint, once
/// shown, is shown the same way for the life of the trace, as strace does).
#[derive(Clone, Debug)]
pub struct Cache {
    slots: Vec<Option<(u64, String)>>,
}

impl Default for Cache {
    fn default() -> Self {
        Cache {
            slots: vec![None; 1024],
        }
    }
}

impl Cache {
    pub fn get(&self, inode: u64) -> Option<&str> {
        match &self.slots[(inode & 1023) as usize] {
            Some((i, s)) if *i == inode => Some(s),
            _ => None,
        }
    }

    pub fn put(&mut self, inode: u64, text: String) {
        self.slots[(inode & 1023) as usize] = Some((inode, text));
    }
}

#[cfg(test)]
mod peer_tests {
    #[test]
    fn unix_peers_from_endpoint_texts() {
        assert_eq!(
            super::unix_peer("UNIX-STREAM:[12->13,\"/run/sock\"]"),
            Some(13)
        );
        assert_eq!(super::unix_peer("UNIX-STREAM:[12->13]"), Some(13));
        assert_eq!(super::unix_peer("UNIX-STREAM:[12,\"/run/sock\"]"), None);
        assert_eq!(super::unix_peer("UNIX:[12->0]"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(payload: &[u8]) -> Vec<u8> {
        let mut m = Vec::new();
        nlmsghdr(&mut m, NLMSG_HDRLEN + payload.len(), 2);
        m.extend_from_slice(payload);
        while m.len() % 4 != 0 {
            m.push(0);
        }
        m
    }

    fn inet_msg(family: u8, sport: u16, dport: u16, src: &[u8], dst: &[u8], ino: u32) -> Vec<u8> {
        let mut d = vec![family, 10, 0, 0];
        d.extend_from_slice(&sport.to_be_bytes());
        d.extend_from_slice(&dport.to_be_bytes());
        let mut a = [0u8; 16];
        a[..src.len()].copy_from_slice(src);
        d.extend_from_slice(&a);
        let mut a = [0u8; 16];
        a[..dst.len()].copy_from_slice(dst);
        d.extend_from_slice(&a);
        d.extend_from_slice(&[0; 12]); // if, cookie
        d.extend_from_slice(&[0; 16]); // expires, rqueue, wqueue, uid
        d.extend_from_slice(&ino.to_ne_bytes());
        msg(&d)
    }

    #[test]
    fn inode_of_socket_links() {
        assert_eq!(socket_inode(b"socket:[799172]"), Some(799172));
        assert_eq!(socket_inode(b"socket:[0]"), None);
        assert_eq!(socket_inode(b"pipe:[12]"), None);
        assert_eq!(socket_inode(b"socket:[12"), None);
    }

    #[test]
    fn inet_connected_listening_and_v6() {
        let tcp = proto_by_name("TCP").unwrap();
        let mut buf = inet_msg(AF_INET, 1, 2, &[10, 0, 0, 1], &[10, 0, 0, 2], 7);
        buf.extend(inet_msg(
            AF_INET,
            45753,
            60788,
            &[127, 0, 0, 1],
            &[127, 0, 0, 1],
            99,
        ));
        assert_eq!(
            parse_reply(&buf, tcp, 99),
            Step::Found("TCP:[127.0.0.1:45753->127.0.0.1:60788]".into())
        );
        assert_eq!(parse_reply(&buf, tcp, 5), Step::More);
        let listen = inet_msg(AF_INET, 45753, 0, &[127, 0, 0, 1], &[], 8);
        assert_eq!(
            parse_reply(&listen, tcp, 8),
            Step::Found("TCP:[127.0.0.1:45753]".into())
        );
        let mut lo6 = [0u8; 16];
        lo6[15] = 1;
        let v6 = inet_msg(AF_INET6, 44193, 0, &lo6, &[], 9);
        assert_eq!(
            parse_reply(&v6, proto_by_name("TCPv6").unwrap(), 9),
            Step::Found("TCPv6:[[::1]:44193]".into())
        );
    }

    #[test]
    fn done_message_ends_the_search() {
        let mut done = Vec::new();
        nlmsghdr(&mut done, NLMSG_HDRLEN + 4, 2);
        done[4..6].copy_from_slice(&3u16.to_ne_bytes()); // NLMSG_DONE
        done.extend_from_slice(&[0; 4]);
        assert_eq!(
            parse_reply(&done, proto_by_name("UDP").unwrap(), 1),
            Step::Missing
        );
        assert_eq!(
            parse_reply(&[1, 2], proto_by_name("UDP").unwrap(), 1),
            Step::Missing
        );
    }

    fn unix_msg(ino: u32, peer: u32, name: Option<&[u8]>) -> Vec<u8> {
        let mut d = vec![AF_UNIX, 1, 1, 0];
        d.extend_from_slice(&ino.to_ne_bytes());
        d.extend_from_slice(&[0; 8]);
        if let Some(n) = name {
            d.extend_from_slice(&((4 + n.len()) as u16).to_ne_bytes());
            d.extend_from_slice(&0u16.to_ne_bytes());
            d.extend_from_slice(n);
            while d.len() % 4 != 0 {
                d.push(0);
            }
        }
        if peer != 0 {
            d.extend_from_slice(&8u16.to_ne_bytes());
            d.extend_from_slice(&2u16.to_ne_bytes());
            d.extend_from_slice(&peer.to_ne_bytes());
        }
        msg(&d)
    }

    #[test]
    fn unix_peer_path_and_abstract() {
        let p = proto_by_name("UNIX-STREAM").unwrap();
        assert_eq!(
            parse_reply(&unix_msg(5, 6, None), p, 5),
            Step::Found("UNIX-STREAM:[5->6]".into())
        );
        assert_eq!(
            parse_reply(&unix_msg(5, 6, Some(b"/tmp/s\"ock\0")), p, 5),
            Step::Found("UNIX-STREAM:[5->6,\"/tmp/s\\\"ock\"]".into())
        );
        assert_eq!(
            parse_reply(
                &unix_msg(5, 0, Some(b"\0abs")),
                proto_by_name("UNIX").unwrap(),
                5
            ),
            Step::Found("UNIX:[5,@\"abs\"]".into())
        );
        // Neither peer nor name: strace falls back to `UNIX-STREAM:[5]`.
        assert_eq!(parse_reply(&unix_msg(5, 0, None), p, 5), Step::Missing);
    }

    #[test]
    fn netlink_protocol_and_port() {
        let mut d = vec![AF_NETLINK, 3, 0, 7];
        d.extend_from_slice(&679u32.to_ne_bytes());
        d.extend_from_slice(&[0; 8]);
        d.extend_from_slice(&42u32.to_ne_bytes());
        d.extend_from_slice(&[0; 8]);
        let p = proto_by_name("NETLINK").unwrap();
        assert_eq!(
            parse_reply(&msg(&d), p, 42),
            Step::Found("NETLINK:[ROUTE:679]".into())
        );
        d[2] = 200;
        assert_eq!(
            parse_reply(&msg(&d), p, 42),
            Step::Found("NETLINK:[200]".into())
        );
    }

    #[test]
    fn requests_have_their_sizes() {
        let r = request(
            Query::Inet {
                family: 2,
                protocol: 6,
            },
            1,
        );
        assert_eq!(r.len(), 72);
        assert_eq!(u32_at(&r, 0), Some(72));
        let r = request(Query::Unix, 0x1234);
        assert_eq!(r.len(), 40);
        assert_eq!(u32_at(&r, 24), Some(0x1234));
        assert_eq!(request(Query::Netlink, 0).len(), 36);
    }

    #[test]
    fn cache_slots_by_inode() {
        let mut c = Cache::default();
        c.put(5, "a".into());
        assert_eq!(c.get(5), Some("a"));
        c.put(5 + 1024, "b".into());
        assert_eq!(c.get(5), None);
        assert_eq!(c.get(1029), Some("b"));
    }
}
