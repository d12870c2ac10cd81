//! NETLINK_SOCK_DIAG messages: requests and answers about inet, unix and netlink
//! sockets (what `ss` asks).

use super::helpers::{print_ifindex, print_u32_array, u16_be};
use super::inet_diag_bc::decode_inet_diag_req_attr;
use super::inet_diag_ulp::decode_inet_diag_table_attr;
use super::netlink::{FamilyMsg, NlMsgHdr, decode_family_msg, print_family_data};
use super::nlattr::{
    Attrs, print_nla_array, print_nla_dec, print_nla_str, print_nla_u32, print_nla_uint,
    print_u32_fields,
};
use super::packet_diag::{decode_packet_diag_msg, decode_packet_diag_req};
use super::smc_diag::{decode_smc_diag_msg, decode_smc_diag_req};
use super::sockaddr::{AF_INET, AF_INET6, AF_NETLINK, AF_UNIX, print_inet_addr, print_inet6_addr};
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at};
use crate::decode::fmt::{self, Quote};
use std::fmt::Write;

/// AF_PACKET (linux/socket.h).
const AF_PACKET: u16 = 17;
/// AF_SMC (linux/socket.h).
const AF_SMC: u16 = 43;

/// sock_diag: requests and answers about sockets (what `ss` asks); inet families only.
pub(super) fn decode_sock_diag(c: &Ctx, h: &NlMsgHdr, addr: u64, len: u64, o: &mut String) {
    let Some(family) = c.mem.read_uint(addr, 1) else {
        fmt::addr(o, addr);
        return;
    };
    let family = family as u8;
    let inet = matches!(u16::from(family), AF_INET | AF_INET6);
    if u16::from(family) == AF_NETLINK && len > 1 {
        if h.flags & 1 != 0 {
            decode_netlink_diag_req(c, family, addr, len, o);
        } else {
            decode_netlink_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    if u16::from(family) == AF_SMC && len > 1 {
        if h.flags & 1 != 0 {
            decode_smc_diag_req(c, family, addr, len, o);
        } else {
            decode_smc_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    if u16::from(family) == AF_PACKET && len > 1 {
        if h.flags & 1 != 0 {
            decode_packet_diag_req(c, family, addr, len, o);
        } else {
            decode_packet_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    if u16::from(family) == AF_UNIX && len > 1 {
        if h.flags & 1 != 0 {
            decode_unix_diag_req(c, family, addr, len, o);
        } else {
            decode_unix_diag_msg(c, family, addr, len, o);
        }
        return;
    }
    // The compat requests (TCPDIAG_GETSOCK, DCCPDIAG_GETSOCK) have another layout.
    if inet && len > 1 && h.flags & 1 != 0 && (h.ty == 18 || h.ty == 19) {
        decode_inet_diag_req_compat(c, family, addr, len, o);
    } else if inet && len > 1 && h.flags & 1 != 0 {
        decode_inet_diag_req(c, family, addr, len, o);
    } else if inet && len > 1 && h.flags & 1 == 0 {
        decode_inet_diag_msg(c, family, addr, len, o);
    } else {
        print_family_data(c, u64::from(family), addr, len, o);
    }
}

/// struct inet_diag_sockid (48 bytes at `b`).
pub(super) fn print_inet_diag_sockid(c: &Ctx, family: u8, b: &[u8], o: &mut String) {
    let _ = write!(
        o,
        "{{idiag_sport=htons({}), idiag_dport=htons({}), ",
        u16_be(b, 0),
        u16_be(b, 2)
    );
    for (name, off) in [("idiag_src", 4), ("idiag_dst", 20)] {
        let a = b.get(off..off + 16).unwrap_or(&[]);
        match u16::from(family) {
            AF_INET => {
                let _ = write!(o, "{name}=");
                print_inet_addr(c, o, a.get(..4).unwrap_or(&[]));
            }
            AF_INET6 => print_inet6_addr(c, o, a, name),
            _ => {
                let _ = write!(o, "{name}=");
                fmt::quote_into(
                    o,
                    a,
                    Quote {
                        force_hex: true,
                        ..Quote::default()
                    },
                    c.opts.hex,
                );
            }
        }
        o.push_str(", ");
    }
    o.push_str("idiag_if=");
    print_ifindex(c, o, u32_at(b, 36));
    let _ = write!(o, ", idiag_cookie=[{}, {}]}}", u32_at(b, 40), u32_at(b, 44));
}

/// struct inet_diag_req of the compat requests: the extension and state masks around
/// the socket id, then the same attributes as a v2 request.
fn decode_inet_diag_req_compat(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "idiag_family",
        size: 60,
        attrs: Some(Attrs {
            set: "inet_diag_req_attrs",
            dflt: "INET_DIAG_REQ_???",
            data: &decode_inet_diag_req_attr,
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        let _ = write!(
            o,
            "idiag_src_len={}, idiag_dst_len={}, idiag_ext=",
            b[1], b[2]
        );
        print_flags(
            c,
            "inet_diag_extended_flags",
            u64::from(b[3]),
            "1<<INET_DIAG_???-1",
            o,
        );
        o.push_str(", id=");
        print_inet_diag_sockid(c, family, &b[4..52], o);
        o.push_str(", idiag_states=");
        print_flags(
            c,
            "tcp_state_flags",
            u64::from(u32_at(b, 52)),
            "1<<TCP_???",
            o,
        );
        let _ = write!(o, ", idiag_dbs={}", u32_at(b, 56));
    });
}

pub(super) fn decode_inet_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "sdiag_family",
        size: 56,
        attrs: Some(Attrs {
            set: "inet_diag_req_attrs",
            dflt: "INET_DIAG_REQ_???",
            data: &decode_inet_diag_req_attr,
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("sdiag_protocol=");
        print_enum_noted(c, "inet_protocols", u64::from(b[1]), "IPPROTO_???", o);
        o.push_str(", idiag_ext=");
        print_flags(
            c,
            "inet_diag_extended_flags",
            u64::from(b[2]),
            "1<<INET_DIAG_???-1",
            o,
        );
        o.push_str(", idiag_states=");
        print_flags(
            c,
            "tcp_state_flags",
            u64::from(u32_at(b, 4)),
            "1<<TCP_???",
            o,
        );
        o.push_str(", id=");
        print_inet_diag_sockid(c, family, &b[8..56], o);
    });
}

pub(super) fn decode_inet_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "idiag_family",
        size: 72,
        attrs: Some(Attrs {
            set: "inet_diag_attrs",
            dflt: "INET_DIAG_???",
            data: &decode_inet_diag_attr,
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("idiag_state=");
        print_enum_noted(c, "tcp_states", u64::from(b[1]), "TCP_???", o);
        let _ = write!(o, ", idiag_timer={}, idiag_retrans={}, id=", b[2], b[3]);
        print_inet_diag_sockid(c, family, &b[4..52], o);
        let _ = write!(
            o,
            ", idiag_expires={}, idiag_rqueue={}, idiag_wqueue={}, idiag_uid={}, idiag_inode={}",
            u32_at(b, 52),
            u32_at(b, 56),
            u32_at(b, 60),
            u32_at(b, 64),
            u32_at(b, 68)
        );
    });
}

/// The data of one INET_DIAG_* attribute of an answer.
pub(super) fn decode_inet_diag_attr(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    if decode_inet_diag_table_attr(c, ty, a, l, o) {
        return true;
    }
    match ty {
        // INET_DIAG_MEMINFO
        1 => print_u32_fields(
            c,
            a,
            l,
            &["idiag_rmem", "idiag_wmem", "idiag_fmem", "idiag_tmem"],
            o,
        ),
        // INET_DIAG_CONG
        4 => {
            print_nla_str(c, a, l, o);
            true
        }
        // INET_DIAG_SKMEMINFO
        7 => print_sk_meminfo(c, a, l, o),
        // INET_DIAG_TOS, INET_DIAG_TCLASS, INET_DIAG_SKV6ONLY
        5 | 6 | 11 => print_nla_dec(c, a, l, 1, o),
        // INET_DIAG_SHUTDOWN: strace shows the number with the names as a comment.
        8 => {
            if l < 1 {
                return false;
            }
            match c.mem.read_uint(a, 1) {
                Some(0) => o.push('0'),
                Some(v) => {
                    // The names (or the default) go in the comment, once.
                    let mut names = String::new();
                    print_flags(c, "inet_diag_shutdown_flags", v, "", &mut names);
                    if names.starts_with("0x") {
                        names = "???_SHUTDOWN".to_string();
                    }
                    let _ = write!(o, "{v:#x} /* {names} */");
                }
                None => fmt::addr(o, a),
            }
            true
        }
        // INET_DIAG_PROTOCOL
        10 => print_nla_uint(c, a, l, 1, o, |o, v| {
            print_enum_noted(c, "inet_protocols", v, "IPPROTO_???", o)
        }),
        // INET_DIAG_MARK, INET_DIAG_CLASS_ID
        15 | 17 => print_nla_dec(c, a, l, 4, o),
        // INET_DIAG_CGROUP_ID
        21 => print_nla_dec(c, a, l, 8, o),
        // INET_DIAG_SOCKOPT: one-bit fields; the abbreviated form shows the set ones.
        22 => {
            if l < 2 {
                return false;
            }
            let Some(v) = c.mem.read_uint(a, 2) else {
                fmt::addr(o, a);
                return true;
            };
            const BITS: [&str; 11] = [
                "recverr",
                "is_icsk",
                "freebind",
                "hdrincl",
                "mc_loop",
                "transparent",
                "mc_all",
                "nodefrag",
                "bind_address_no_port",
                "recverr_rfc4884",
                "defer_connect",
            ];
            o.push('{');
            let mut first = true;
            for (i, name) in BITS.iter().enumerate() {
                let bit = (v >> i) & 1;
                if c.unabbreviated() || bit != 0 {
                    let _ = write!(o, "{}{name}={bit}", if first { "" } else { ", " });
                    first = false;
                }
            }
            let unused = v >> 11;
            if c.unabbreviated() || unused != 0 {
                let _ = write!(o, "{}unused=", if first { "" } else { ", " });
                fmt::hex(o, unused);
                o.push_str(" /* bits 3..8 */");
            }
            o.push('}');
            true
        }
        _ => false,
    }
}

/// u32 counters indexed by SK_MEMINFO_*: `[[SK_MEMINFO_RMEM_ALLOC]=0, ...]`.
pub(super) fn print_sk_meminfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const NAMES: [&str; 9] = [
        "RMEM_ALLOC",
        "RCVBUF",
        "WMEM_ALLOC",
        "SNDBUF",
        "FWD_ALLOC",
        "WMEM_QUEUED",
        "OPTMEM",
        "BACKLOG",
        "DROPS",
    ];
    print_nla_array(c, a, l, 4, o, |o, i, v| {
        match NAMES.get(i) {
            Some(name) => {
                let _ = write!(o, "[SK_MEMINFO_{name}]=");
            }
            None => {
                let _ = write!(o, "[{i} /* SK_MEMINFO_??? */]=");
            }
        }
        fmt::dec(o, u32_at(v, 0));
    })
}

pub(super) fn decode_unix_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "sdiag_family",
        size: 24,
        attrs: None,
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        let _ = write!(o, "sdiag_protocol={}, udiag_states=", b[1]);
        print_flags(
            c,
            "tcp_state_flags",
            u64::from(u32_at(b, 4)),
            "1<<TCP_???",
            o,
        );
        let _ = write!(o, ", udiag_ino={}, udiag_show=", u32_at(b, 8));
        print_flags(
            c,
            "unix_diag_show",
            u64::from(u32_at(b, 12)),
            "UDIAG_SHOW_???",
            o,
        );
        let _ = write!(o, ", udiag_cookie=[{}, {}]", u32_at(b, 16), u32_at(b, 20));
    });
}

pub(super) fn decode_unix_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "udiag_family",
        size: 16,
        attrs: Some(Attrs {
            set: "unix_diag_attrs",
            dflt: "UNIX_DIAG_???",
            data: &decode_unix_diag_attr,
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("udiag_type=");
        print_enum_noted(c, "socktypes", u64::from(b[1]), "SOCK_???", o);
        o.push_str(", udiag_state=");
        print_enum_noted(c, "tcp_states", u64::from(b[2]), "TCP_???", o);
        let _ = write!(
            o,
            ", udiag_ino={}, udiag_cookie=[{}, {}]",
            u32_at(b, 4),
            u32_at(b, 8),
            u32_at(b, 12)
        );
    });
}

pub(super) fn decode_unix_diag_attr(c: &Ctx, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // UNIX_DIAG_NAME
        0 => {
            print_nla_str(c, a, l, o);
            true
        }
        // UNIX_DIAG_VFS: {dev, ino}
        1 => {
            if l < 8 {
                return false;
            }
            let Some(b) = read_bytes(c, a, 8) else {
                fmt::addr(o, a);
                return true;
            };
            // struct unix_diag_vfs {ino, dev}; strace prints dev first.
            let dev = u32_at(&b, 4);
            let (major, minor) = ((dev & 0xfff00) >> 8, (dev & 0xff) | ((dev >> 12) & 0xfff00));
            o.push_str("{udiag_vfs_dev=makedev(");
            fmt::hex(o, u64::from(major));
            o.push_str(", ");
            fmt::hex(o, u64::from(minor));
            let _ = write!(o, "), udiag_vfs_ino={}}}", u32_at(&b, 0));
            true
        }
        // UNIX_DIAG_PEER
        2 => print_nla_u32(c, a, l, o),
        // UNIX_DIAG_ICONS: inode numbers
        3 => {
            let n = (l / 4) as usize;
            if n == 0 {
                return false;
            }
            print_u32_array(c, a, n, o);
            true
        }
        // UNIX_DIAG_RQLEN
        4 => print_u32_fields(c, a, l, &["udiag_rqueue", "udiag_wqueue"], o),
        // UNIX_DIAG_MEMINFO
        5 => print_sk_meminfo(c, a, l, o),
        // UNIX_DIAG_SHUTDOWN
        6 => print_nla_dec(c, a, l, 1, o),
        // UNIX_DIAG_UID
        7 => print_nla_uint(c, a, l, 4, o, |o, v| {
            crate::decode::basic::print_uid(o, v as u32)
        }),
        _ => false,
    }
}

pub(super) fn decode_netlink_diag_req(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "sdiag_family",
        size: 20,
        attrs: None,
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("sdiag_protocol=");
        if b[1] == 255 {
            o.push_str("NDIAG_PROTO_ALL");
        } else {
            print_enum_noted(c, "netlink_protocols", u64::from(b[1]), "NETLINK_???", o);
        }
        let _ = write!(o, ", ndiag_ino={}, ndiag_show=", u32_at(b, 4));
        print_flags(
            c,
            "netlink_diag_show",
            u64::from(u32_at(b, 8)),
            "NDIAG_SHOW_???",
            o,
        );
        let _ = write!(o, ", ndiag_cookie=[{}, {}]", u32_at(b, 12), u32_at(b, 16));
    });
}

pub(super) fn decode_netlink_diag_msg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "ndiag_family",
        size: 28,
        attrs: Some(Attrs {
            set: "netlink_diag_attrs",
            dflt: "NETLINK_DIAG_???",
            data: &|c, ty, a, l, o| {
                match ty {
                    0 => print_sk_meminfo(c, a, l, o),
                    // NETLINK_DIAG_GROUPS: a bitmap of longs
                    1 => {
                        let w = c.word();
                        print_nla_array(c, a, l, w, o, |o, _, v| {
                            fmt::hex_pad(o, le(v, 0, w), 2 * w)
                        })
                    }
                    // NETLINK_DIAG_RX_RING, NETLINK_DIAG_TX_RING
                    2 | 3 => print_u32_fields(
                        c,
                        a,
                        l,
                        &[
                            "ndr_block_size",
                            "ndr_block_nr",
                            "ndr_frame_size",
                            "ndr_frame_nr",
                        ],
                        o,
                    ),
                    // NETLINK_DIAG_FLAGS
                    4 => print_nla_uint(c, a, l, 4, o, |o, v| {
                        print_flags(c, "netlink_socket_flags", v, "NDIAG_FLAG_???", o)
                    }),
                    _ => false,
                }
            },
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("ndiag_type=");
        print_enum_noted(c, "socktypes", u64::from(b[1]), "SOCK_???", o);
        o.push_str(", ndiag_protocol=");
        print_enum_noted(c, "netlink_protocols", u64::from(b[2]), "NETLINK_???", o);
        o.push_str(", ndiag_state=");
        print_enum_noted(c, "netlink_states", u64::from(b[3]), "NETLINK_???", o);
        let _ = write!(
            o,
            ", ndiag_portid={}, ndiag_dst_portid={}, ndiag_dst_group={}, ndiag_ino={}, ndiag_cookie=[{}, {}]",
            u32_at(b, 4),
            u32_at(b, 8),
            u32_at(b, 12),
            u32_at(b, 16),
            u32_at(b, 20),
            u32_at(b, 24)
        );
    });
}
