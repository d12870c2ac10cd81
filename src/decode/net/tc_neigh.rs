//! rtnetlink traffic-control actions (tcamsg, TCA_ACT_*), qdisc size tables
//! (TCA_STAB), and neighbour tables (ndtmsg, NDTA_*).

use super::link::decode_tca;
use super::netlink::{FamilyMsg, decode_family_msg};
use super::nla_table::{Nla, NlaTable, nla_row};
use super::nlattr::{Attrs, print_nla_array};
use crate::decode::Ctx;
use crate::decode::bytes::{le, read_bytes, u32_at};
use crate::decode::fmt;
use std::fmt::Write;

/// TCA_ACT_* (linux/pkt_cls.h).
static TCA_ACT: NlaTable = NlaTable {
    set: "rtnl_tc_action_attrs",
    dflt: "TCA_ACT_???",
    rows: &[
        ("TCA_ACT_KIND", Nla::Str),
        ("TCA_ACT_INDEX", Nla::U(4)),
        ("TCA_ACT_STATS", Nla::Fn(decode_tc_stats2)),
        (
            "TCA_ACT_FLAGS",
            Nla::Flags("rtnl_tca_act_flags", "TCA_ACT_FLAGS_???", 4),
        ),
        (
            "TCA_ACT_HW_STATS",
            Nla::Flags("rtnl_tca_act_hw_stats", "TCA_ACT_HW_STATS_???", 4),
        ),
        (
            "TCA_ACT_USED_HW_STATS",
            Nla::Flags("rtnl_tca_act_hw_stats", "TCA_ACT_HW_STATS_???", 4),
        ),
        ("TCA_ACT_IN_HW_COUNT", Nla::U(4)),
    ],
};

/// TCA_STAB_* (linux/pkt_sched.h).
pub(super) static TCA_STAB: NlaTable = NlaTable {
    set: "rtnl_tca_stab_attrs",
    dflt: "TCA_STAB_???",
    rows: &[
        ("TCA_STAB_BASE", Nla::Fn(decode_sizespec)),
        ("TCA_STAB_DATA", Nla::Fn(decode_stab_data)),
    ],
};

/// NDTA_* (linux/neighbour.h).
static NDTA: NlaTable = NlaTable {
    set: "rtnl_neightbl_attrs",
    dflt: "NDTA_???",
    rows: &[
        ("NDTA_NAME", Nla::Str),
        ("NDTA_THRESH1", Nla::U(4)),
        ("NDTA_THRESH2", Nla::U(4)),
        ("NDTA_THRESH3", Nla::U(4)),
        ("NDTA_CONFIG", Nla::Fn(decode_ndt_config)),
        ("NDTA_PARMS", Nla::Nested(&NDTPA)),
        ("NDTA_STATS", Nla::Fn(decode_ndt_stats)),
        ("NDTA_GC_INTERVAL", Nla::U(8)),
    ],
};

static NDTPA: NlaTable = NlaTable {
    set: "rtnl_neightbl_parms_attrs",
    dflt: "NDTPA_???",
    rows: &[
        ("NDTPA_IFINDEX", Nla::Ifindex),
        ("NDTPA_REFCNT", Nla::U(4)),
        ("NDTPA_REACHABLE_TIME", Nla::U(8)),
        ("NDTPA_BASE_REACHABLE_TIME", Nla::U(8)),
        ("NDTPA_RETRANS_TIME", Nla::U(8)),
        ("NDTPA_GC_STALETIME", Nla::U(8)),
        ("NDTPA_DELAY_PROBE_TIME", Nla::U(8)),
        ("NDTPA_QUEUE_LEN", Nla::U(4)),
        ("NDTPA_APP_PROBES", Nla::U(4)),
        ("NDTPA_UCAST_PROBES", Nla::U(4)),
        ("NDTPA_MCAST_PROBES", Nla::U(4)),
        ("NDTPA_ANYCAST_DELAY", Nla::U(8)),
        ("NDTPA_PROXY_DELAY", Nla::U(8)),
        ("NDTPA_PROXY_QLEN", Nla::U(4)),
        ("NDTPA_LOCKTIME", Nla::U(8)),
        ("NDTPA_QUEUE_LENBYTES", Nla::U(4)),
        ("NDTPA_MCAST_REPROBES", Nla::U(4)),
        ("NDTPA_INTERVAL_PROBE_TIME_MS", Nla::U(8)),
    ],
};

/// A struct of only the family byte, then the attributes of table `t` at offset 4.
fn family_only(
    c: &Ctx,
    family: u8,
    addr: u64,
    len: u64,
    field: &str,
    t: &NlaTable,
    o: &mut String,
) {
    let msg = FamilyMsg {
        family_field: field,
        size: 1,
        attrs: Some(Attrs {
            set: t.set,
            dflt: t.dflt,
            data: &|c, ty, a, l, o| nla_row(c, t, ty, a, l, o),
        }),
    };
    decode_family_msg(c, family, addr, len, &msg, o, |_, _| {});
}

/// RTM_*ACTION: struct tcamsg.
pub(super) fn decode_tcamsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    family_only(c, family, addr, len, "tca_family", &TCA_ACT, o);
}

/// RTM_*NEIGHTBL: struct ndtmsg.
pub(super) fn decode_ndtmsg(c: &Ctx, family: u8, addr: u64, len: u64, o: &mut String) {
    family_only(c, family, addr, len, "ndtm_family", &NDTA, o);
}

/// The nested TCA_STATS_* list (as TCA_STATS2 of a qdisc).
fn decode_tc_stats2(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    decode_tca(c, 7, a, l, o)
}

/// struct tc_sizespec (24 bytes).
fn decode_sizespec(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 24 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 24) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{cell_log={}, size_log={}, cell_align={}, overhead={}, linklayer={}, mpu={}, mtu={}, \
         tsize={}}}",
        b[0],
        b[1],
        le(&b, 2, 2) as u16 as i16,
        u32_at(&b, 4) as i32,
        u32_at(&b, 8),
        u32_at(&b, 12),
        u32_at(&b, 16),
        u32_at(&b, 20)
    );
    true
}

/// TCA_STAB_DATA: u16 values.
fn decode_stab_data(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    print_nla_array(c, a, l, 2, o, |o, _, b| fmt::dec(o, le(b, 0, 2)))
}

/// struct ndt_config (32 bytes).
fn decode_ndt_config(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    if l < 32 {
        return false;
    }
    let Some(b) = read_bytes(c, a, 32) else {
        fmt::addr(o, a);
        return true;
    };
    let _ = write!(
        o,
        "{{ndtc_key_len={}, ndtc_entry_size={}, ndtc_entries={}, ndtc_last_flush={}, \
         ndtc_last_rand={}, ndtc_hash_rnd={}, ndtc_hash_mask=",
        le(&b, 0, 2),
        le(&b, 2, 2),
        u32_at(&b, 4),
        u32_at(&b, 8),
        u32_at(&b, 12),
        u32_at(&b, 16)
    );
    fmt::hex_pad(o, u64::from(u32_at(&b, 20)), 8);
    let _ = write!(
        o,
        ", ndtc_hash_chain_gc={}, ndtc_proxy_qlen={}}}",
        u32_at(&b, 24),
        u32_at(&b, 28)
    );
    true
}

/// struct ndt_stats: 11 u64 counters (10 in older kernels).
fn decode_ndt_stats(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    const NAMES: [&str; 11] = [
        "ndts_allocs",
        "ndts_destroys",
        "ndts_hash_grows",
        "ndts_res_failed",
        "ndts_lookups",
        "ndts_hits",
        "ndts_rcv_probes_mcast",
        "ndts_rcv_probes_ucast",
        "ndts_periodic_gc_runs",
        "ndts_forced_gc_runs",
        "ndts_table_fulls",
    ];
    let n = if l >= 88 {
        11
    } else if l == 80 {
        10
    } else {
        return false;
    };
    let Some(b) = read_bytes(c, a, n * 8) else {
        fmt::addr(o, a);
        return true;
    };
    o.push('{');
    for (i, name) in NAMES.iter().take(n).enumerate() {
        let _ = write!(
            o,
            "{}{name}={}",
            if i > 0 { ", " } else { "" },
            le(&b, 8 * i, 8)
        );
    }
    o.push('}');
    true
}
