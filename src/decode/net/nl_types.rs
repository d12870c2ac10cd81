//! The netlink message header's type and flags, which mean different things per netlink
//! protocol: which xlat set names `nlmsg_type`, and which set of request flags
//! (`NLM_F_ROOT`.., `NLM_F_REPLACE`.., `NLM_F_NONREC`..) the high flag bits come from.

use super::netlink::{
    NETLINK_AUDIT, NETLINK_ROUTE, NETLINK_SOCK_DIAG, NLMSG_ERROR, NLMSG_MIN_TYPE,
};
use crate::decode::Ctx;
use crate::decode::bytes::{print_enum_noted, xlat_name};
use crate::decode::fmt;
use std::fmt::Write;

pub(super) const NETLINK_XFRM: u32 = 6;
pub(super) const NETLINK_SELINUX: u32 = 7;
pub(super) const NETLINK_NETFILTER: u32 = 12;
pub(super) const NETLINK_KOBJECT_UEVENT: u32 = 15;
pub(super) const NETLINK_GENERIC: u32 = 16;
pub(super) const NETLINK_CRYPTO: u32 = 21;

/// Per protocol: the xlat set of its message types (>= NLMSG_MIN_TYPE) and the text
/// strace puts after an unknown one (linux/netlink.h numbers the protocols).
const TYPE_SETS: &[(u32, &str, &str)] = &[
    (NETLINK_ROUTE, "nl_route_types", "RTM_???"),
    (NETLINK_SOCK_DIAG, "nl_sock_diag_types", "SOCK_DIAG_???"),
    (NETLINK_XFRM, "nl_xfrm_types", "XFRM_MSG_???"),
    (NETLINK_SELINUX, "nl_selinux_types", "SELNL_MSG_???"),
    (NETLINK_AUDIT, "nl_audit_types", "AUDIT_???"),
    (NETLINK_GENERIC, "genl_families", "GENERIC_FAMILY_???"),
    (NETLINK_CRYPTO, "nl_crypto_types", "CRYPTO_MSG_???"),
];

/// netfilter subsystems (the high byte of the type): the set of their message types
/// (the low byte) and its default, indexed by NFNL_SUBSYS_* (linux/netfilter/nfnetlink.h).
const NF_SUBSYS_TYPES: &[(&str, &str)] = &[
    ("", ""),
    ("nf_ctnetlink_msg_types", "IPCTNL_MSG_CT_???"),
    ("nf_ctnetlink_exp_msg_types", "IPCTNL_MSG_EXP_???"),
    ("nf_queue_msg_types", "NFQNL_MSG_???"),
    ("nf_ulog_msg_types", "NFULNL_MSG_???"),
    ("nf_osf_msg_types", "OSF_MSG_???"),
    ("nf_ipset_msg_types", "IPSET_CMD_???"),
    ("nf_acct_msg_types", "NFNL_MSG_ACCT_???"),
    ("nf_cttimeout_msg_types", "IPCTNL_MSG_TIMEOUT_???"),
    ("nf_cthelper_msg_types", "NFNL_MSG_CTHELPER_???"),
    ("nf_nftables_msg_types", "NFT_MSG_???"),
    ("nf_nft_compat_msg_types", "NFNL_MSG_COMPAT_???"),
    ("nf_hook_msg_types", "NFT_MSG_HOOK_???"),
];

/// What a request does, which picks the meaning of the high flag bits.
#[derive(Clone, Copy)]
enum Kind {
    New,
    Del,
    Get,
}

/// The requests of the protocols whose flag meaning is not a rule over the type:
/// (protocol, type, kind); netfilter types are `subsys << 8 | msg`. Values from
/// linux/xfrm.h, linux/cryptouser.h and the linux/netfilter/nfnetlink_*.h headers.
const FLAG_KINDS: &[(u32, u16, Kind)] = {
    use Kind::{Del, Get, New};
    &[
        // XFRM_MSG_{NEW,DEL,GET}SA, ..POLICY, NEWAE/GETAE, ..SADINFO, ..SPDINFO
        (NETLINK_XFRM, 0x10, New),
        (NETLINK_XFRM, 0x11, Del),
        (NETLINK_XFRM, 0x12, Get),
        (NETLINK_XFRM, 0x13, New),
        (NETLINK_XFRM, 0x14, Del),
        (NETLINK_XFRM, 0x15, Get),
        (NETLINK_XFRM, 0x1e, New),
        (NETLINK_XFRM, 0x1f, Get),
        (NETLINK_XFRM, 0x22, New),
        (NETLINK_XFRM, 0x23, Get),
        (NETLINK_XFRM, 0x24, New),
        (NETLINK_XFRM, 0x25, Get),
        // CRYPTO_MSG_NEWALG, DELALG, GETALG, DELRNG
        (NETLINK_CRYPTO, 0x10, New),
        (NETLINK_CRYPTO, 0x11, Del),
        (NETLINK_CRYPTO, 0x13, Get),
        (NETLINK_CRYPTO, 0x14, Del),
        // ctnetlink: NEW, GET, DELETE, GET_CTRZERO, GET_STATS_CPU, GET_STATS,
        // GET_DYING, GET_UNCONFIRMED
        (NETLINK_NETFILTER, 0x100, New),
        (NETLINK_NETFILTER, 0x101, Get),
        (NETLINK_NETFILTER, 0x102, Del),
        (NETLINK_NETFILTER, 0x103, Get),
        (NETLINK_NETFILTER, 0x104, Get),
        (NETLINK_NETFILTER, 0x105, Get),
        (NETLINK_NETFILTER, 0x106, Get),
        (NETLINK_NETFILTER, 0x107, Get),
        // ctnetlink_exp: NEW, GET, DELETE, GET_STATS_CPU
        (NETLINK_NETFILTER, 0x200, New),
        (NETLINK_NETFILTER, 0x201, Get),
        (NETLINK_NETFILTER, 0x202, Del),
        (NETLINK_NETFILTER, 0x203, Get),
        // acct: NEW, GET, GET_CTRZERO, DEL
        (NETLINK_NETFILTER, 0x700, New),
        (NETLINK_NETFILTER, 0x701, Get),
        (NETLINK_NETFILTER, 0x702, Get),
        (NETLINK_NETFILTER, 0x703, Del),
        // cttimeout: NEW, GET, DELETE
        (NETLINK_NETFILTER, 0x800, New),
        (NETLINK_NETFILTER, 0x801, Get),
        (NETLINK_NETFILTER, 0x802, Del),
        // cthelper: NEW, GET, DEL
        (NETLINK_NETFILTER, 0x900, New),
        (NETLINK_NETFILTER, 0x901, Get),
        (NETLINK_NETFILTER, 0x902, Del),
        // nftables: {NEW,GET,DEL}{TABLE,CHAIN,RULE,SET,SETELEM}, NEWGEN, GETGEN,
        // {NEW,GET,DEL}OBJ, GETOBJ_RESET, {NEW,GET,DEL}FLOWTABLE
        (NETLINK_NETFILTER, 0xa00, New),
        (NETLINK_NETFILTER, 0xa01, Get),
        (NETLINK_NETFILTER, 0xa02, Del),
        (NETLINK_NETFILTER, 0xa03, New),
        (NETLINK_NETFILTER, 0xa04, Get),
        (NETLINK_NETFILTER, 0xa05, Del),
        (NETLINK_NETFILTER, 0xa06, New),
        (NETLINK_NETFILTER, 0xa07, Get),
        (NETLINK_NETFILTER, 0xa08, Del),
        (NETLINK_NETFILTER, 0xa09, New),
        (NETLINK_NETFILTER, 0xa0a, Get),
        (NETLINK_NETFILTER, 0xa0b, Del),
        (NETLINK_NETFILTER, 0xa0c, New),
        (NETLINK_NETFILTER, 0xa0d, Get),
        (NETLINK_NETFILTER, 0xa0e, Del),
        (NETLINK_NETFILTER, 0xa0f, New),
        (NETLINK_NETFILTER, 0xa10, Get),
        (NETLINK_NETFILTER, 0xa12, New),
        (NETLINK_NETFILTER, 0xa13, Get),
        (NETLINK_NETFILTER, 0xa14, Del),
        (NETLINK_NETFILTER, 0xa15, Get),
        (NETLINK_NETFILTER, 0xa16, New),
        (NETLINK_NETFILTER, 0xa17, Get),
        (NETLINK_NETFILTER, 0xa18, Del),
        // nft_compat GET, hook GET
        (NETLINK_NETFILTER, 0xb00, Get),
        (NETLINK_NETFILTER, 0xc00, Get),
    ]
};

/// `nlmsg_type` for a socket of protocol `family` (None: not known).
pub(super) fn print_nlmsg_type(c: &Ctx, family: Option<u32>, ty: u16, o: &mut String) {
    let v = u64::from(ty);
    if ty >= NLMSG_MIN_TYPE {
        if family == Some(NETLINK_NETFILTER) {
            print_nf_type(c, ty, o);
            return;
        }
        if let Some((_, set, dflt)) = TYPE_SETS.iter().find(|t| Some(t.0) == family) {
            print_enum_noted(c, set, v, dflt, o);
            return;
        }
    }
    print_enum_noted(c, "netlink_types", v, "NLMSG_???", o);
}

/// netfilter: the batch control types by name, else `NFNL_SUBSYS_X<<8|MSG`.
fn print_nf_type(c: &Ctx, ty: u16, o: &mut String) {
    if let Some(name) = xlat_name(c, "nl_netfilter_msg_types", u64::from(ty)) {
        o.push_str(name);
        return;
    }
    let (subsys, msg) = (ty >> 8, u64::from(ty & 0xff));
    print_enum_noted(
        c,
        "nl_netfilter_subsys_ids",
        u64::from(subsys),
        "NFNL_SUBSYS_???",
        o,
    );
    o.push_str("<<8|");
    match NF_SUBSYS_TYPES.get(usize::from(subsys)) {
        Some((set, dflt)) if !set.is_empty() => print_enum_noted(c, set, msg, dflt, o),
        _ => fmt::hex(o, msg),
    }
}

/// The xlat set of the high flag bits of a message of type `ty`, if they have one.
pub(super) fn nlmsg_flags_set(family: Option<u32>, ty: u16) -> Option<&'static str> {
    if ty < NLMSG_MIN_TYPE {
        return (ty == NLMSG_ERROR).then_some("netlink_ack_flags");
    }
    let kind = match family? {
        // RTM_DELACTION asks like a get; otherwise the type's low two bits say.
        NETLINK_ROUTE if ty == 49 => Kind::Get,
        NETLINK_ROUTE => match ty & 3 {
            0 => Kind::New,
            1 => Kind::Del,
            2 => Kind::Get,
            _ => return None,
        },
        NETLINK_SOCK_DIAG => Kind::Get,
        f => FLAG_KINDS.iter().find(|k| k.0 == f && k.1 == ty)?.2,
    };
    Some(match kind {
        Kind::New => "netlink_new_flags",
        Kind::Del => "netlink_delete_flags",
        Kind::Get => "netlink_get_flags",
    })
}

/// `htonl(0xfeedcafe)` of a big-endian u32 at `off`.
pub(super) fn print_htonl(o: &mut String, b: &[u8], off: usize) {
    let v = u32::from_be_bytes([b[off], b[off + 1], b[off + 2], b[off + 3]]);
    let _ = write!(o, "htonl({v:#x})");
}
