//! rtnetlink messages about routes, neighbours and rules (rtmsg, ndmsg, fib_rule_hdr)
//! and the dispatch of rtnetlink message types to their header structs.

use super::helpers::print_ifindex;
use super::link::{decode_ifaddrmsg, decode_ifinfomsg, decode_ifla, decode_tcmsg};
use super::netlink::{FamilyMsg, NlMsgHdr, decode_family_msg, print_family_data};
use super::nla_table::{Nla, NlaTable, nla_row};
use super::nlattr::{
    Attrs, print_fields, print_nla_dec, print_nla_inet_addr, print_nla_str, print_nla_u32,
    print_nla_uint, print_u32_fields,
};
use super::route_more::decode_route_more;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_enum_noted, print_flags, read_bytes, u32_at};
use crate::decode::fmt;
use std::fmt::Write;

/// rtnetlink: the family byte picks nothing; the message type picks the header struct.
pub(super) fn decode_route(c: &Ctx, h: &NlMsgHdr, addr: u64, len: u64, o: &mut String) {
    let Some(family) = c.mem.read_uint(addr, 1) else {
        fmt::addr(o, addr);
        return;
    };
    match h.ty {
        // RTM_{NEW,DEL,GET}ADDR, RTM_GETMULTICAST, RTM_GETANYCAST
        20..=22 | 58 | 62 => decode_ifaddrmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET,SET}LINK
        16..=19 => decode_ifinfomsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET}ROUTE
        24..=26 => decode_rtmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL}NEIGH; RTM_GETNEIGH of AF_BRIDGE asks with an ifinfomsg.
        28 | 29 => decode_ndmsg(c, family as u8, addr, len, o),
        30 if family == 7 => decode_ifinfomsg(c, family as u8, addr, len, o),
        30 => decode_ndmsg(c, family as u8, addr, len, o),
        // RTM_{NEW,DEL,GET}RULE
        32..=34 => decode_fib_rule_hdr(c, family as u8, addr, len, o),
        // qdisc, class, filter and chain messages
        36..=38 | 40..=42 | 44..=46 | 100..=102 => decode_tcmsg(c, family as u8, addr, len, o),
        _ if decode_route_more(c, h.ty, family as u8, addr, len, o) => {}
        _ => print_family_data(c, family, addr, len, o),
    }
}

pub(super) fn decode_rtmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "rtm_family",
        size: 12,
        attrs: Some(Attrs {
            set: "rtnl_route_attrs",
            dflt: "RTA_???",
            data: &|c, ty, a, l, o| decode_rta(c, family, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        let _ = write!(o, "rtm_dst_len={}, rtm_src_len={}, rtm_tos=", b[1], b[2]);
        print_flags(
            c,
            "ip_type_of_services",
            u64::from(b[3]),
            "IPTOS_TOS_???",
            o,
        );
        o.push_str(", rtm_table=");
        print_enum_noted(c, "routing_table_ids", u64::from(b[4]), "", o);
        o.push_str(", rtm_protocol=");
        print_enum_noted(c, "routing_protocols", u64::from(b[5]), "RTPROT_???", o);
        o.push_str(", rtm_scope=");
        print_enum_noted(c, "routing_scopes", u64::from(b[6]), "", o);
        o.push_str(", rtm_type=");
        print_enum_noted(c, "routing_types", u64::from(b[7]), "RTN_???", o);
        o.push_str(", rtm_flags=");
        print_flags(c, "routing_flags", u64::from(u32_at(b, 8)), "RTM_F_???", o);
    });
}

/// The RTA_* attributes that fit a table row (linux/rtnetlink.h).
static RTA: NlaTable = NlaTable {
    set: "rtnl_route_attrs",
    dflt: "RTA_???",
    rows: &[
        ("RTA_METRICS", Nla::Nested(&RTAX)),
        ("RTA_MFC_STATS", Nla::Fn(decode_mfc_stats)),
        (
            "RTA_ENCAP_TYPE",
            Nla::EnumN("lwtunnel_encap_types", "LWTUNNEL_ENCAP_???", 2),
        ),
    ],
};

/// RTAX_* route metrics: u32 values but the congestion control algorithm's name.
static RTAX: NlaTable = NlaTable {
    set: "rtnl_rta_metrics_attrs",
    dflt: "RTAX_???",
    rows: &[
        ("RTAX_LOCK", Nla::U(4)),
        ("RTAX_MTU", Nla::U(4)),
        ("RTAX_WINDOW", Nla::U(4)),
        ("RTAX_RTT", Nla::U(4)),
        ("RTAX_RTTVAR", Nla::U(4)),
        ("RTAX_SSTHRESH", Nla::U(4)),
        ("RTAX_CWND", Nla::U(4)),
        ("RTAX_ADVMSS", Nla::U(4)),
        ("RTAX_REORDERING", Nla::U(4)),
        ("RTAX_HOPLIMIT", Nla::U(4)),
        ("RTAX_INITCWND", Nla::U(4)),
        ("RTAX_FEATURES", Nla::U(4)),
        ("RTAX_RTO_MIN", Nla::U(4)),
        ("RTAX_INITRWND", Nla::U(4)),
        ("RTAX_QUICKACK", Nla::U(4)),
        ("RTAX_CC_ALGO", Nla::Str),
    ],
};

/// struct rta_mfc_stats: three u64 counters.
fn decode_mfc_stats(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_fields(
        c,
        a,
        l,
        24,
        &[
            ("mfcs_packets", 0, 8),
            ("mfcs_bytes", 8, 8),
            ("mfcs_wrong_if", 16, 8),
        ],
        o,
    )
}

/// An address of `family` as field `name`: hex when the family has no address format
/// or the data is too short for it (strace's decode_inet_addr).
pub(super) fn print_inet_addr_field(
    c: &Ctx,
    family: u8,
    name: &str,
    a: u64,
    l: u64,
    o: &mut String,
) {
    let size = match u16::from(family) {
        super::sockaddr::AF_INET => 4,
        super::sockaddr::AF_INET6 => 16,
        _ => 0,
    };
    if size == 0 || l < size {
        let _ = write!(o, "{name}=");
        super::helpers::print_hexstr(c, a, l as usize, o);
        return;
    }
    match read_bytes(c, a, size as usize) {
        Some(b) if size == 4 => {
            let _ = write!(o, "{name}=");
            super::sockaddr::print_inet_addr(c, o, &b);
        }
        Some(b) => {
            super::sockaddr::print_inet6_addr(c, o, &b, name);
        }
        None => {
            let _ = write!(o, "{name}=");
            fmt::addr(o, a);
        }
    }
}

/// struct rtvia: a family, then an address of that family.
fn decode_rtvia(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 2 {
        return false;
    }
    let Some(fam) = c.mem.read_uint(a, 2) else {
        fmt::addr(o, a);
        return true;
    };
    o.push_str("{rtvia_family=");
    print_enum_noted(c, "addrfams", fam, "AF_???", o);
    if l > 2 {
        o.push_str(", ");
        print_inet_addr_field(c, fam as u8, "rtvia_addr", a.wrapping_add(2), l - 2, o);
    }
    o.push('}');
    true
}

/// RTA_MULTIPATH: struct rtnexthop records, each followed by its own RTA_* attributes.
fn decode_multipath(c: &Ctx, family: u8, a: u64, l: u64, o: &mut String) -> bool {
    const NH: u64 = 8;
    if l < NH {
        return false;
    }
    let (mut cur, mut left, mut is_array, mut first) = (a, l, false, true);
    loop {
        let Some(b) = read_bytes(c, cur, NH as usize) else {
            fmt::addr(o, cur);
            break;
        };
        let nh_len = le(&b, 0, 2);
        let shown = left.min(nh_len);
        if first && nh_len < l {
            o.push('[');
            is_array = true;
        }
        if !first {
            o.push_str(", ");
        }
        first = false;
        if shown > NH {
            o.push('[');
        }
        let _ = write!(o, "{{rtnh_len={nh_len}, rtnh_flags=");
        print_flags(c, "route_nexthop_flags", u64::from(b[2]), "RTNH_F_???", o);
        let _ = write!(o, ", rtnh_hops={}, rtnh_ifindex=", b[3]);
        print_ifindex(c, o, u32_at(&b, 4));
        o.push('}');
        if shown > NH {
            o.push_str(", ");
            super::nlattr::decode_nlattr(
                c,
                cur.wrapping_add(NH),
                shown - NH,
                "rtnl_route_attrs",
                "RTA_???",
                o,
                &|c, ty, a, l, o| decode_rta(c, family, ty, a, l, o),
            );
            o.push(']');
        }
        let step = (shown + 3) & !3;
        // A zero length would never move on.
        if step >= left || step == 0 {
            break;
        }
        cur = cur.wrapping_add(step);
        left -= step;
    }
    if is_array {
        o.push(']');
    }
    true
}

/// The data of one RTA_* attribute of a route message.
pub(super) fn decode_rta(c: &Ctx, family: u8, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    if nla_row(c, &RTA, ty, a, l, o) {
        return true;
    }
    match ty {
        // RTA_MULTIPATH
        9 => decode_multipath(c, family, a, l, o),
        // RTA_VIA
        18 => decode_rtvia(c, a, l, o),
        // RTA_DST, RTA_SRC, RTA_GATEWAY, RTA_PREFSRC, RTA_NEWDST
        1 | 2 | 5 | 7 | 19 => {
            print_nla_inet_addr(c, family, a, l, o);
            true
        }
        // RTA_IIF, RTA_OIF
        3 | 4 => print_nla_uint(c, a, l, 4, o, |o, v| print_ifindex(c, o, v as u32)),
        // RTA_PRIORITY, RTA_PROTOINFO, RTA_FLOW, RTA_MP_ALGO, RTA_MARK, RTA_UID
        6 | 10 | 11 | 14 | 16 | 25 => print_nla_u32(c, a, l, o),
        // RTA_TABLE
        15 => print_nla_uint(c, a, l, 4, o, |o, v| {
            print_enum_noted(c, "routing_table_ids", v, "", o)
        }),
        // RTA_CACHEINFO
        12 => {
            if l < 32 {
                return false;
            }
            let Some(b) = read_bytes(c, a, 32) else {
                fmt::addr(o, a);
                return true;
            };
            let f = |i: usize| u32_at(&b, i * 4);
            let _ = write!(
                o,
                "{{rta_clntref={}, rta_lastuse={}, rta_expires={}, rta_error={}, rta_used={}, rta_id=",
                f(0),
                f(1),
                f(2),
                f(3),
                f(4)
            );
            fmt::hex(o, u64::from(f(5)));
            let _ = write!(o, ", rta_ts={}, rta_tsage={}}}", f(6), f(7));
            true
        }
        // RTA_PREF, RTA_TTL_PROPAGATE, RTA_IP_PROTO
        20 | 26 | 27 => print_nla_dec(c, a, l, 1, o),
        // RTA_EXPIRES
        23 => print_nla_dec(c, a, l, 8, o),
        // RTA_SPORT, RTA_DPORT
        28 | 29 => print_nla_dec(c, a, l, 2, o),
        _ => false,
    }
}

/// The NDA_* attributes that fit a table row (linux/neighbour.h).
static NEIGH: NlaTable = NlaTable {
    set: "rtnl_neigh_attrs",
    dflt: "NDA_???",
    rows: &[
        ("NDA_VLAN", Nla::U(2)),
        ("NDA_PORT", Nla::Be16),
        (
            "NDA_PROTOCOL",
            Nla::Enum("inet_protocols", "IPPROTO_???", 0),
        ),
        ("NDA_FDB_EXT_ATTRS", Nla::Nested(&NFEA)),
        (
            "NDA_FLAGS_EXT",
            Nla::Flags("neighbor_cache_entry_ext_flags", "NTF_EXT_???", 4),
        ),
        (
            "NDA_NDM_STATE_MASK",
            Nla::Flags("neighbor_cache_entry_states", "NUD_???", 2),
        ),
        (
            "NDA_NDM_FLAGS_MASK",
            Nla::Flags("neighbor_cache_entry_flags", "NTF_???", 1),
        ),
    ],
};

static NFEA: NlaTable = NlaTable {
    set: "rtnl_neigh_fdb_ext_attrs",
    dflt: "NFEA_???",
    rows: &[(
        "NFEA_ACTIVITY_NOTIFY",
        Nla::Flags("fdb_notify_flags", "FDB_NOTIFY_???", 1),
    )],
};

pub(super) fn decode_ndmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "ndm_family",
        size: 12,
        attrs: Some(Attrs {
            set: "rtnl_neigh_attrs",
            dflt: "NDA_???",
            data: &|c, ty, a, l, o| {
                if nla_row(c, &NEIGH, ty, a, l, o) {
                    return true;
                }
                match ty {
                    // NDA_DST
                    1 => {
                        print_nla_inet_addr(c, family, a, l, o);
                        true
                    }
                    // NDA_LLADDR
                    2 => decode_ifla(c, 1, a, l, o),
                    // NDA_CACHEINFO
                    3 => print_u32_fields(
                        c,
                        a,
                        l,
                        &["ndm_confirmed", "ndm_used", "ndm_updated", "ndm_refcnt"],
                        o,
                    ),
                    // NDA_PROBES, NDA_VNI, NDA_LINK_NETNSID, NDA_SRC_VNI, NDA_NH_ID
                    4 | 7 | 10 | 11 | 13 => print_nla_u32(c, a, l, o),
                    // NDA_IFINDEX, NDA_MASTER
                    8 | 9 => print_nla_uint(c, a, l, 4, o, |o, v| print_ifindex(c, o, v as u32)),
                    _ => false,
                }
            },
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        o.push_str("ndm_ifindex=");
        print_ifindex(c, o, u32_at(b, 4));
        o.push_str(", ndm_state=");
        print_flags(c, "neighbor_cache_entry_states", le(b, 8, 2), "NUD_???", o);
        o.push_str(", ndm_flags=");
        print_flags(
            c,
            "neighbor_cache_entry_flags",
            u64::from(b[10]),
            "NTF_???",
            o,
        );
        o.push_str(", ndm_type=");
        print_enum_noted(c, "routing_types", u64::from(b[11]), "RTN_???", o);
    });
}

pub(super) fn decode_fib_rule_hdr(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    let msg = FamilyMsg {
        family_field: "family",
        size: 12,
        attrs: Some(Attrs {
            set: "rtnl_rule_attrs",
            dflt: "FRA_???",
            data: &|c, ty, a, l, o| decode_fra(c, family, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |b, o| {
        let _ = write!(o, "dst_len={}, src_len={}, tos=", b[1], b[2]);
        print_flags(
            c,
            "ip_type_of_services",
            u64::from(b[3]),
            "IPTOS_TOS_???",
            o,
        );
        o.push_str(", table=");
        print_enum_noted(c, "routing_table_ids", u64::from(b[4]), "RT_TABLE_???", o);
        o.push_str(", action=");
        print_enum_noted(c, "fib_rule_actions", u64::from(b[7]), "FR_ACT_???", o);
        o.push_str(", flags=");
        print_flags(
            c,
            "fib_rule_flags",
            u64::from(u32_at(b, 8)),
            "FIB_RULE_???",
            o,
        );
    });
}

/// The data of one FRA_* attribute of a rule message.
pub(super) fn decode_fra(c: &Ctx, family: u8, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
        // FRA_DST, FRA_SRC
        1 | 2 => {
            print_nla_inet_addr(c, family, a, l, o);
            true
        }
        // FRA_IIFNAME, FRA_OIFNAME
        3 | 17 => {
            print_nla_str(c, a, l, o);
            true
        }
        // FRA_GOTO, FRA_PRIORITY, FRA_FWMARK, FRA_FLOW, FRA_SUPPRESS_*, FRA_FWMASK
        4 | 6 | 10 | 11 | 13 | 14 | 16 => print_nla_u32(c, a, l, o),
        // FRA_TUN_ID: big-endian
        12 => print_nla_uint(c, a, l, 8, o, |o, v| {
            let _ = write!(o, "htobe64({})", v.swap_bytes());
        }),
        // FRA_TABLE
        15 => print_nla_uint(c, a, l, 4, o, |o, v| {
            print_enum_noted(c, "routing_table_ids", v, "", o)
        }),
        // FRA_L3MDEV
        19 => print_nla_dec(c, a, l, 1, o),
        // FRA_UID_RANGE
        20 => print_fields(c, a, l, 8, &[("start", 0, 4), ("end", 4, 4)], o),
        // FRA_PROTOCOL, FRA_IP_PROTO
        21 => print_nla_uint(c, a, l, 1, o, |o, v| {
            print_enum_noted(c, "routing_protocols", v, "RTPROT_???", o)
        }),
        22 => print_nla_uint(c, a, l, 1, o, |o, v| {
            print_enum_noted(c, "inet_protocols", v, "IPPROTO_???", o)
        }),
        // FRA_SPORT_RANGE, FRA_DPORT_RANGE
        23 | 24 => print_fields(c, a, l, 4, &[("start", 0, 2), ("end", 2, 2)], o),
        _ => false,
    }
}
