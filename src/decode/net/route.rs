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

/// The data of one RTA_* attribute of a route message.
pub(super) fn decode_rta(c: &Ctx, family: u8, ty: u16, a: u64, l: u64, o: &mut String) -> bool {
    match ty {
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
