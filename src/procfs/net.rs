//! Socket tables of a network namespace: pure parsers of `/proc/PID/net/{tcp,tcp6,udp,
//! udp6,raw,raw6,unix,netlink}` text, and the inode -> endpoint map the fd view uses
//! to turn `socket:[INODE]` into "TCP 127.0.0.1:80 (LISTEN)".

use crate::arch::Arch;
use serde::Serialize;
use std::collections::HashMap;
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};

/// One row of `tcp`, `udp`, `raw` or their `6` twins.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct InetSocket {
    /// "TCP", "UDP" or "RAW".
    pub proto: &'static str,
    pub local: SocketAddr,
    pub remote: SocketAddr,
    /// The kernel's state number (`TCP_LISTEN` is 10); UDP reuses the TCP numbers.
    pub state: u8,
    pub inode: u64,
}

/// One row of `unix`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct UnixSocket {
    /// `SOCK_STREAM` is 1, `SOCK_DGRAM` 2, `SOCK_SEQPACKET` 5.
    pub sock_type: u16,
    /// `SS_UNCONNECTED` 1 .. `SS_DISCONNECTING` 4.
    pub state: u8,
    /// `__SO_ACCEPTCON` in the flags: the socket listens.
    pub listening: bool,
    pub inode: u64,
    /// Bound path; abstract names start with `@` (the kernel prints their NUL so).
    pub path: Option<String>,
}

/// One row of `netlink`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NetlinkSocket {
    pub protocol: u32,
    /// The port id (`nl_pid`) the socket is bound to.
    pub port: u32,
    pub inode: u64,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Socket {
    Inet(InetSocket),
    Unix(UnixSocket),
    Netlink(NetlinkSocket),
}

/// `ADDR:PORT` as the kernel prints it: the address as %08X words of the in-memory
/// (network order) address read as native u32s, the port as %04X in host order.
pub fn parse_hex_addr(s: &str) -> Option<SocketAddr> {
    let (addr, port) = s.split_once(':')?;
    let port = u16::from_str_radix(port, 16).ok()?;
    let word = |i: usize| -> Option<[u8; 4]> {
        let w = u32::from_str_radix(addr.get(i * 8..i * 8 + 8)?, 16).ok()?;
        Some(w.to_ne_bytes())
    };
    match addr.len() {
        8 => Some(SocketAddr::new(Ipv4Addr::from(word(0)?).into(), port)),
        32 => {
            let mut b = [0u8; 16];
            for i in 0..4 {
                b[i * 4..i * 4 + 4].copy_from_slice(&word(i)?);
            }
            Some(SocketAddr::new(Ipv6Addr::from(b).into(), port))
        }
        _ => None,
    }
}

/// Rows of a `tcp`/`udp`/`raw` table (v4 or v6: the address width tells). Lines that
/// do not parse (the header, a truncated read) are skipped.
pub fn parse_inet(text: &str, proto: &'static str) -> Vec<InetSocket> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 10 || !f[0].ends_with(':') {
                return None;
            }
            Some(InetSocket {
                proto,
                local: parse_hex_addr(f[1])?,
                remote: parse_hex_addr(f[2])?,
                state: u8::from_str_radix(f[3], 16).ok()?,
                inode: f[9].parse().ok()?,
            })
        })
        .collect()
}

/// Rows of `unix`: `Num RefCount Protocol Flags Type St Inode [Path]`.
pub fn parse_unix(text: &str) -> Vec<UnixSocket> {
    text.lines()
        .filter_map(|line| {
            let mut rest = line;
            let mut f = Vec::with_capacity(7);
            for _ in 0..7 {
                rest = rest.trim_start_matches(' ');
                let end = rest.find(' ').unwrap_or(rest.len());
                f.push(&rest[..end]);
                rest = &rest[end..];
            }
            if !f[0].ends_with(':') {
                return None;
            }
            // The path is the rest of the line, spaces included.
            let path = rest.strip_prefix(' ').unwrap_or(rest);
            Some(UnixSocket {
                sock_type: u16::from_str_radix(f[4], 16).ok()?,
                state: u8::from_str_radix(f[5], 16).ok()?,
                listening: u32::from_str_radix(f[3], 16).ok()? & 0x10000 != 0,
                inode: f[6].parse().ok()?,
                path: (!path.is_empty()).then(|| path.to_string()),
            })
        })
        .collect()
}

/// Rows of `netlink`: `sk Eth Pid Groups Rmem Wmem Dump Locks Drops Inode`.
pub fn parse_netlink(text: &str) -> Vec<NetlinkSocket> {
    text.lines()
        .filter_map(|line| {
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 10 || f[0] == "sk" {
                return None;
            }
            Some(NetlinkSocket {
                protocol: f[1].parse().ok()?,
                port: f[2].parse().ok()?,
                inode: f[9].parse().ok()?,
            })
        })
        .collect()
}

/// A name from a `syscall-tables/xlat` set without its prefix: 10 -> "LISTEN".
fn xlat_name(set: &str, prefix: &str, v: u64) -> Option<String> {
    let name = crate::table::xlat(set)?.name_of(Arch::native(), v)?;
    Some(name.strip_prefix(prefix).unwrap_or(name).to_string())
}

pub fn tcp_state_name(state: u8) -> String {
    xlat_name("tcp_states", "TCP_", state.into()).unwrap_or_else(|| format!("state {state}"))
}

pub fn netlink_protocol_name(protocol: u32) -> String {
    xlat_name("netlink_protocols", "NETLINK_", protocol.into())
        .unwrap_or_else(|| format!("protocol {protocol}"))
}

fn unix_type_name(t: u16) -> String {
    xlat_name("socktypes", "SOCK_", t.into()).unwrap_or_else(|| format!("type {t}"))
}

fn unix_state_name(s: u8) -> &'static str {
    match s {
        1 => "UNCONNECTED",
        2 => "CONNECTING",
        3 => "CONNECTED",
        4 => "DISCONNECTING",
        _ => "?",
    }
}

impl Socket {
    /// lsof's TYPE column: IPv4, IPv6, unix, netlink.
    pub fn kind(&self) -> &'static str {
        match self {
            Socket::Inet(s) if s.local.is_ipv4() => "IPv4",
            Socket::Inet(_) => "IPv6",
            Socket::Unix(_) => "unix",
            Socket::Netlink(_) => "netlink",
        }
    }

    /// The endpoint in words: "TCP 127.0.0.1:80 (LISTEN)", "TCP a:1->b:2 (ESTABLISHED)",
    /// "UDP 0.0.0.0:68", "/run/x.sock type=STREAM (LISTEN)", "ROUTE port 1234".
    pub fn describe(&self) -> String {
        match self {
            Socket::Inet(s) => {
                let mut out = format!("{} {}", s.proto, s.local);
                if s.remote.port() != 0 || !s.remote.ip().is_unspecified() {
                    out.push_str(&format!("->{}", s.remote));
                }
                // A UDP or raw socket has no connection state worth printing.
                if s.proto == "TCP" {
                    out.push_str(&format!(" ({})", tcp_state_name(s.state)));
                }
                out
            }
            Socket::Unix(u) => {
                let state = if u.listening {
                    "LISTEN"
                } else {
                    unix_state_name(u.state)
                };
                format!(
                    "{} type={} ({state})",
                    u.path.as_deref().unwrap_or("(unnamed)"),
                    unix_type_name(u.sock_type)
                )
            }
            Socket::Netlink(n) => {
                format!("{} port {}", netlink_protocol_name(n.protocol), n.port)
            }
        }
    }
}

/// Every socket of one network namespace, by inode.
#[derive(Debug, Default)]
pub struct Sockets {
    pub by_inode: HashMap<u64, Socket>,
}

/// The table files of a namespace and how to read them.
pub const INET_TABLES: [(&str, &str); 6] = [
    ("tcp", "TCP"),
    ("tcp6", "TCP"),
    ("udp", "UDP"),
    ("udp6", "UDP"),
    ("raw", "RAW"),
    ("raw6", "RAW"),
];

impl Sockets {
    /// Builds the map from the files' texts, as `(file name, text)`; missing files
    /// (no IPv6, a kernel without raw tables) are simply absent.
    pub fn from_tables<'a>(files: impl IntoIterator<Item = (&'a str, String)>) -> Sockets {
        let mut by_inode = HashMap::new();
        for (name, text) in files {
            if let Some((_, proto)) = INET_TABLES.iter().find(|(n, _)| *n == name) {
                for s in parse_inet(&text, proto) {
                    by_inode.insert(s.inode, Socket::Inet(s));
                }
            } else if name == "unix" {
                for s in parse_unix(&text) {
                    by_inode.insert(s.inode, Socket::Unix(s));
                }
            } else if name == "netlink" {
                for s in parse_netlink(&text) {
                    by_inode.insert(s.inode, Socket::Netlink(s));
                }
            }
        }
        // Inode 0 marks TIME_WAIT rows and the like: no fd can point at them.
        by_inode.remove(&0);
        Sockets { by_inode }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // /proc prints addresses in the host's byte order; these fixtures are from x86_64.
    #[cfg(target_endian = "little")]
    #[test]
    fn tcp4_rows_give_addresses_ports_states_inodes() {
        let text = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4242 1 000000007b6bb0ae 100 0 0 10 0\n   1: 0100007F:B2B9 0A00000A:01BB 01 00000000:00000000 03:0000002A 00000000  1000        0 777 3 00000000aa7986cf\n";
        let rows = parse_inet(text, "TCP");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].local.to_string(), "127.0.0.1:8080");
        assert_eq!(rows[0].state, 10);
        assert_eq!(rows[0].inode, 4242);
        assert_eq!(
            Socket::Inet(rows[0].clone()).describe(),
            "TCP 127.0.0.1:8080 (LISTEN)"
        );
        assert_eq!(
            Socket::Inet(rows[1].clone()).describe(),
            "TCP 127.0.0.1:45753->10.0.0.10:443 (ESTABLISHED)"
        );
        assert_eq!(Socket::Inet(rows[1].clone()).kind(), "IPv4");
    }

    #[cfg(target_endian = "little")]
    #[test]
    fn tcp6_and_udp6_addresses() {
        let text = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n   0: 00000000000000000000000001000000:0016 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 100 1 0000000000000000 100 0 0 10 0\n   1: 0000000000000000FFFF00000100007F:1F90 0000000000000000FFFF00000100007F:C000 06 00000000:00000000 03:00000000 00000000     0        0 101 1 0000000000000000\n   2: B80D0120000000000000000001000000:0035 00000000000000000000000000000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 102 2 0000000000000000 0\n";
        let rows = parse_inet(text, "TCP");
        assert_eq!(rows[0].local.to_string(), "[::1]:22");
        assert_eq!(
            Socket::Inet(rows[0].clone()).describe(),
            "TCP [::1]:22 (LISTEN)"
        );
        assert_eq!(Socket::Inet(rows[0].clone()).kind(), "IPv6");
        assert_eq!(rows[1].local.to_string(), "[::ffff:127.0.0.1]:8080");
        assert_eq!(tcp_state_name(rows[1].state), "TIME_WAIT");
        let udp = parse_inet(text, "UDP");
        assert_eq!(
            Socket::Inet(udp[2].clone()).describe(),
            "UDP [2001:db8::1]:53"
        );
    }

    #[test]
    fn every_tcp_state_has_a_name() {
        let names: Vec<String> = (1..=12).map(tcp_state_name).collect();
        assert_eq!(
            names,
            [
                "ESTABLISHED",
                "SYN_SENT",
                "SYN_RECV",
                "FIN_WAIT1",
                "FIN_WAIT2",
                "TIME_WAIT",
                "CLOSE",
                "CLOSE_WAIT",
                "LAST_ACK",
                "LISTEN",
                "CLOSING",
                "NEW_SYN_RECV"
            ]
        );
        assert_eq!(tcp_state_name(99), "state 99");
    }

    #[test]
    fn bad_addresses_are_none() {
        assert_eq!(parse_hex_addr("0100007F"), None);
        assert_eq!(parse_hex_addr("0100007:0050"), None);
        assert_eq!(parse_hex_addr("zz00007F:0050"), None);
        assert_eq!(parse_hex_addr("0100007F:10000"), None);
    }

    #[test]
    fn unix_rows_with_paths_abstract_names_and_none() {
        let text = "Num       RefCount Protocol Flags    Type St Inode Path\n0000000002fadcd4: 00000002 00000000 00010000 0001 01 5001 /run/my sock\n000000003bc7aac9: 00000003 00000000 00000000 0001 03 5002\n000000003bc7aac0: 00000002 00000000 00000000 0002 01 5003 @trace-abstract\n000000003bc7aac1: 00000002 00000000 00000000 0005 03 5004 @\n";
        let rows = parse_unix(text);
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].path.as_deref(), Some("/run/my sock"));
        assert!(rows[0].listening);
        assert_eq!(rows[1].path, None);
        let d: Vec<String> = rows
            .into_iter()
            .map(|r| Socket::Unix(r).describe())
            .collect();
        assert_eq!(
            d,
            [
                "/run/my sock type=STREAM (LISTEN)",
                "(unnamed) type=STREAM (CONNECTED)",
                "@trace-abstract type=DGRAM (UNCONNECTED)",
                "@ type=SEQPACKET (CONNECTED)",
            ]
        );
    }

    #[test]
    fn netlink_rows() {
        let text = "sk               Eth Pid        Groups   Rmem     Wmem     Dump  Locks    Drops    Inode\n000000008b6d53a4 0   1234       00000000 0        0        0     2        0        4\n00000000d63cda71 4   0          00000000 0        0        0     2        0        560\n";
        let rows = parse_netlink(text);
        assert_eq!(rows.len(), 2);
        assert_eq!(
            Socket::Netlink(rows[0].clone()).describe(),
            "ROUTE port 1234"
        );
        assert_eq!(
            Socket::Netlink(rows[1].clone()).describe(),
            "SOCK_DIAG port 0"
        );
        assert_eq!(Socket::Netlink(rows[1].clone()).kind(), "netlink");
    }

    #[test]
    fn tables_merge_by_inode_and_drop_inode_zero() {
        let s = Sockets::from_tables([
            ("unix", "Num x\n0000000000000000: 00000002 00000000 00000000 0001 01 7 /a\n".to_string()),
            ("tcp", "   0: 0100007F:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 0 1\n".to_string()),
            ("bogus", "x".to_string()),
        ]);
        assert_eq!(s.by_inode.len(), 1);
        assert!(matches!(s.by_inode.get(&7), Some(Socket::Unix(_))));
    }
}
