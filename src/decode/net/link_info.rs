//! IFLA_LINKINFO: the kind of a link (IFLA_INFO_KIND) picks how IFLA_INFO_DATA reads
//! (bridge and tun attributes) and IFLA_INFO_XSTATS (a CAN device's counters), and the
//! slave kind picks IFLA_INFO_SLAVE_DATA (a
//! bridge port's attributes).

use super::link_attrs::{BRPORT, decode_bridge_id};
use super::nla_table::{Nla, NlaTable, decode_nla_table, nla_row};
use super::nlattr::decode_nlattr;
use crate::decode::Ctx;
use crate::decode::bytes::{print_flags, read_bytes, u32_at, xlat_name};
use crate::decode::fmt;
use std::cell::RefCell;

/// IFLA_BR_* (linux/if_link.h): a bridge's IFLA_INFO_DATA.
static BRIDGE: NlaTable = NlaTable {
    set: "rtnl_ifla_info_data_bridge_attrs",
    dflt: "IFLA_BR_???",
    rows: &[
        ("IFLA_BR_FORWARD_DELAY", Nla::ClockT),
        ("IFLA_BR_HELLO_TIME", Nla::ClockT),
        ("IFLA_BR_MAX_AGE", Nla::ClockT),
        ("IFLA_BR_AGEING_TIME", Nla::ClockT),
        ("IFLA_BR_STP_STATE", Nla::U(4)),
        ("IFLA_BR_PRIORITY", Nla::U(2)),
        ("IFLA_BR_VLAN_FILTERING", Nla::U(1)),
        ("IFLA_BR_VLAN_PROTOCOL", Nla::Fn(decode_ether_proto)),
        ("IFLA_BR_GROUP_FWD_MASK", Nla::X(2)),
        ("IFLA_BR_ROOT_ID", Nla::Fn(decode_bridge_id)),
        ("IFLA_BR_BRIDGE_ID", Nla::Fn(decode_bridge_id)),
        ("IFLA_BR_ROOT_PORT", Nla::U(2)),
        ("IFLA_BR_ROOT_PATH_COST", Nla::U(4)),
        ("IFLA_BR_TOPOLOGY_CHANGE", Nla::U(1)),
        ("IFLA_BR_TOPOLOGY_CHANGE_DETECTED", Nla::U(1)),
        ("IFLA_BR_HELLO_TIMER", Nla::ClockT),
        ("IFLA_BR_TCN_TIMER", Nla::ClockT),
        ("IFLA_BR_TOPOLOGY_CHANGE_TIMER", Nla::ClockT),
        ("IFLA_BR_GC_TIMER", Nla::ClockT),
        ("IFLA_BR_GROUP_ADDR", Nla::Fn(decode_hwaddr)),
        ("IFLA_BR_MCAST_ROUTER", Nla::U(1)),
        ("IFLA_BR_MCAST_SNOOPING", Nla::U(1)),
        ("IFLA_BR_MCAST_QUERY_USE_IFADDR", Nla::U(1)),
        ("IFLA_BR_MCAST_QUERIER", Nla::U(1)),
        ("IFLA_BR_MCAST_HASH_ELASTICITY", Nla::U(4)),
        ("IFLA_BR_MCAST_HASH_MAX", Nla::U(4)),
        ("IFLA_BR_MCAST_LAST_MEMBER_CNT", Nla::U(4)),
        ("IFLA_BR_MCAST_STARTUP_QUERY_CNT", Nla::U(4)),
        ("IFLA_BR_MCAST_LAST_MEMBER_INTVL", Nla::ClockT),
        ("IFLA_BR_MCAST_MEMBERSHIP_INTVL", Nla::ClockT),
        ("IFLA_BR_MCAST_QUERIER_INTVL", Nla::ClockT),
        ("IFLA_BR_MCAST_QUERY_INTVL", Nla::ClockT),
        ("IFLA_BR_MCAST_QUERY_RESPONSE_INTVL", Nla::ClockT),
        ("IFLA_BR_MCAST_STARTUP_QUERY_INTVL", Nla::ClockT),
        ("IFLA_BR_NF_CALL_IPTABLES", Nla::U(1)),
        ("IFLA_BR_NF_CALL_IP6TABLES", Nla::U(1)),
        ("IFLA_BR_NF_CALL_ARPTABLES", Nla::U(1)),
        ("IFLA_BR_VLAN_DEFAULT_PVID", Nla::U(2)),
        ("IFLA_BR_VLAN_STATS_ENABLED", Nla::U(1)),
        ("IFLA_BR_MCAST_STATS_ENABLED", Nla::U(1)),
        ("IFLA_BR_MCAST_IGMP_VERSION", Nla::U(1)),
        ("IFLA_BR_MCAST_MLD_VERSION", Nla::U(1)),
        ("IFLA_BR_VLAN_STATS_PER_PORT", Nla::U(1)),
        ("IFLA_BR_MULTI_BOOLOPT", Nla::Fn(decode_boolopt)),
        ("IFLA_BR_MCAST_QUERIER_STATE", Nla::Nested(&QUERIER)),
    ],
};

static QUERIER: NlaTable = NlaTable {
    set: "rtnl_ifla_br_mcast_querier_attrs",
    dflt: "BRIDGE_QUERIER_???",
    rows: &[
        ("BRIDGE_QUERIER_IP_ADDRESS", Nla::InAddr),
        ("BRIDGE_QUERIER_IP_PORT", Nla::Ifindex),
        ("BRIDGE_QUERIER_IP_OTHER_TIMER", Nla::ClockT),
        ("BRIDGE_QUERIER_IPV6_ADDRESS", Nla::In6Addr),
        ("BRIDGE_QUERIER_IPV6_PORT", Nla::Ifindex),
        ("BRIDGE_QUERIER_IPV6_OTHER_TIMER", Nla::ClockT),
    ],
};

/// IFLA_TUN_* (linux/if_link.h): a tun device's IFLA_INFO_DATA.
static TUN: NlaTable = NlaTable {
    set: "rtnl_ifla_info_data_tun_attrs",
    dflt: "IFLA_TUN_???",
    rows: &[
        ("IFLA_TUN_OWNER", Nla::Fn(decode_id)),
        ("IFLA_TUN_GROUP", Nla::Fn(decode_id)),
        ("IFLA_TUN_TYPE", Nla::Enum("tun_device_types", "IFF_???", 1)),
        ("IFLA_TUN_PI", Nla::U(1)),
        ("IFLA_TUN_VNET_HDR", Nla::U(1)),
        ("IFLA_TUN_PERSIST", Nla::U(1)),
        ("IFLA_TUN_MULTI_QUEUE", Nla::U(1)),
        ("IFLA_TUN_NUM_QUEUES", Nla::U(4)),
        ("IFLA_TUN_NUM_DISABLED_QUEUES", Nla::U(4)),
    ],
};

/// The kind strings seen so far in one IFLA_LINKINFO list.
#[derive(Default)]
struct Kinds {
    kind: String,
    slave_kind: String,
}

/// strace keeps a kind string only when it fits its 16-byte buffer and ends in NUL
/// within the attribute.
fn kind_of(c: &Ctx, a: u64, l: u64) -> String {
    if l >= 16 {
        return String::new();
    }
    match read_bytes(c, a, l as usize) {
        Some(b) => match b.iter().position(|&x| x == 0) {
            Some(end) => String::from_utf8_lossy(&b[..end]).into_owned(),
            None => String::new(),
        },
        None => String::new(),
    }
}

/// IFLA_LINKINFO's nested IFLA_INFO_* attributes.
pub(super) fn decode_linkinfo(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    let kinds = RefCell::new(Kinds::default());
    decode_nlattr(
        c,
        a,
        l,
        "rtnl_ifla_info_attrs",
        "IFLA_INFO_???",
        o,
        &|c, ty, a, l, o| {
            let name = xlat_name(c, "rtnl_ifla_info_attrs", u64::from(ty)).unwrap_or("");
            match name {
                "IFLA_INFO_KIND" => {
                    kinds.borrow_mut().kind = kind_of(c, a, l);
                    nla_row(c, &KIND_ONLY, 1, a, l, o)
                }
                "IFLA_INFO_SLAVE_KIND" => {
                    kinds.borrow_mut().slave_kind = kind_of(c, a, l);
                    nla_row(c, &KIND_ONLY, 1, a, l, o)
                }
                "IFLA_INFO_DATA" => {
                    let t = match kinds.borrow().kind.as_str() {
                        "bridge" => &BRIDGE,
                        "tun" => &TUN,
                        _ => return false,
                    };
                    decode_nla_table(c, t, a, l, o);
                    true
                }
                // struct can_device_stats: six u32 counters.
                "IFLA_INFO_XSTATS" if kinds.borrow().kind == "can" => {
                    super::nlattr::print_u32_fields(
                        c,
                        a,
                        l,
                        &[
                            "bus_error",
                            "error_warning",
                            "error_passive",
                            "bus_off",
                            "arbitration_lost",
                            "restarts",
                        ],
                        o,
                    )
                }
                "IFLA_INFO_SLAVE_DATA" if kinds.borrow().slave_kind == "bridge" => {
                    decode_nla_table(c, &BRPORT, a, l, o);
                    true
                }
                _ => false,
            }
        },
    );
    true
}

/// A one-row table to print a kind string like any string attribute.
static KIND_ONLY: NlaTable = NlaTable {
    set: "rtnl_ifla_info_attrs",
    dflt: "IFLA_INFO_???",
    rows: &[("IFLA_INFO_KIND", Nla::Str)],
};

/// A big-endian ethernet protocol: `htons(ETH_P_8021Q)`.
fn decode_ether_proto(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if !(2..=8).contains(&l) {
        return false;
    }
    match c.mem.read_uint(a, 2) {
        Some(v) => {
            o.push_str("htons(");
            let p = u64::from((v as u16).swap_bytes());
            crate::decode::bytes::print_enum_noted(c, "ethernet_protocols", p, "ETH_P_???", o);
            o.push(')');
        }
        None => fmt::addr(o, a),
    }
    true
}

/// A hardware address of any length up to 32 bytes: `01:80:c2:00:00:00`.
fn decode_hwaddr(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l > 32 {
        return false;
    }
    super::link::decode_ifla(c, 1, a, l, o)
}

/// struct br_boolopt_multi {u32 optval, optmask}.
fn decode_boolopt(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 8 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 8) else {
        fmt::addr(o, a);
        return true;
    };
    for (i, name) in ["optval", "optmask"].iter().enumerate() {
        o.push_str(if i > 0 { ", " } else { "{" });
        o.push_str(name);
        o.push('=');
        print_flags(
            c,
            "rtnl_ifla_br_boolopt_flags",
            u64::from(u32_at(&b, 4 * i)),
            "1<<BR_BOOLOPT_???",
            o,
        );
    }
    o.push('}');
    true
}

/// A uid or gid: -1 for the all-ones value.
fn decode_id(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 4 {
        return false;
    }
    match c.mem.read_uint(a, 4) {
        Some(0xffff_ffff) => o.push_str("-1"),
        Some(v) => fmt::dec(o, v),
        None => fmt::addr(o, a),
    }
    true
}
