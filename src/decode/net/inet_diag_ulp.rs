//! INET_DIAG_ULP_INFO (the upper layer protocol of a TCP socket: TLS or MPTCP
//! attributes) and INET_DIAG_SK_BPF_STORAGES of inet_diag answers
//! (linux/inet_diag.h, linux/tls.h, linux/mptcp.h).

use super::nla_table::{Nla, NlaTable, nla_row};
use crate::decode::Ctx;

/// The INET_DIAG_* attributes of an answer that fit a table row.
static INET_DIAG: NlaTable = NlaTable {
    set: "inet_diag_attrs",
    dflt: "INET_DIAG_???",
    rows: &[
        ("INET_DIAG_ULP_INFO", Nla::Nested(&ULP_INFO)),
        ("INET_DIAG_SK_BPF_STORAGES", Nla::Nested(&BPF_STORAGES)),
    ],
};

static ULP_INFO: NlaTable = NlaTable {
    set: "inet_diag_ulp_info_attrs",
    dflt: "INET_ULP_INFO_???",
    rows: &[
        ("INET_ULP_INFO_NAME", Nla::Str),
        ("INET_ULP_INFO_TLS", Nla::Nested(&TLS_INFO)),
        ("INET_ULP_INFO_MPTCP", Nla::Nested(&MPTCP_INFO)),
    ],
};

static TLS_INFO: NlaTable = NlaTable {
    set: "inet_diag_ulp_info_tls_attrs",
    dflt: "TLS_INFO_???",
    rows: &[
        (
            "TLS_INFO_VERSION",
            Nla::Enum("tls_info_versions", "TLS_???_VERSION", 2),
        ),
        (
            "TLS_INFO_CIPHER",
            Nla::Enum("tls_info_ciphers", "TLS_CIPHER_???", 2),
        ),
        (
            "TLS_INFO_TXCONF",
            Nla::Enum("tls_info_configs", "TLS_CONF_???", 2),
        ),
        (
            "TLS_INFO_RXCONF",
            Nla::Enum("tls_info_configs", "TLS_CONF_???", 2),
        ),
    ],
};

static MPTCP_INFO: NlaTable = NlaTable {
    set: "inet_diag_ulp_info_mptcp_attrs",
    dflt: "MPTCP_SUBFLOW_ATTR_???",
    rows: &[
        ("MPTCP_SUBFLOW_ATTR_TOKEN_REM", Nla::X(4)),
        ("MPTCP_SUBFLOW_ATTR_TOKEN_LOC", Nla::X(4)),
        ("MPTCP_SUBFLOW_ATTR_RELWRITE_SEQ", Nla::U(4)),
        ("MPTCP_SUBFLOW_ATTR_MAP_SEQ", Nla::U(8)),
        ("MPTCP_SUBFLOW_ATTR_MAP_SFSEQ", Nla::U(4)),
        ("MPTCP_SUBFLOW_ATTR_SSN_OFFSET", Nla::U(4)),
        ("MPTCP_SUBFLOW_ATTR_MAP_DATALEN", Nla::U(2)),
        (
            "MPTCP_SUBFLOW_ATTR_FLAGS",
            Nla::Flags("mptcp_subflow_flags", "MPTCP_SUBFLOW_FLAG_???", 4),
        ),
        ("MPTCP_SUBFLOW_ATTR_ID_REM", Nla::U(1)),
        ("MPTCP_SUBFLOW_ATTR_ID_LOC", Nla::U(1)),
    ],
};

static BPF_STORAGES: NlaTable = NlaTable {
    set: "inet_diag_bpf_storages_attrs",
    dflt: "SK_DIAG_BPF_STORAGE_???",
    rows: &[("SK_DIAG_BPF_STORAGE", Nla::Nested(&BPF_STORAGE))],
};

static BPF_STORAGE: NlaTable = NlaTable {
    set: "inet_diag_bpf_storage_attrs",
    dflt: "SK_DIAG_BPF_STORAGE_???",
    rows: &[
        ("SK_DIAG_BPF_STORAGE_MAP_ID", Nla::U(4)),
        ("SK_DIAG_BPF_STORAGE_MAP_VALUE", Nla::Fn(decode_xint)),
    ],
};

/// A hex integer when the attribute is exactly 1, 2, 4 or 8 bytes.
fn decode_xint(c: &Ctx, a: u64, l: u64, o: &mut String) -> bool {
    match l {
        1 | 2 | 4 | 8 => super::nla_table::print_nla(c, &Nla::X(l as usize), a, l, o),
        _ => false,
    }
}

/// The data of an INET_DIAG_* attribute these tables describe; false for others.
pub(super) fn decode_inet_diag_table_attr(
    c: &Ctx,
    ty: u16,
    a: u64,
    l: u64,
    o: &mut String,
) -> bool {
    nla_row(c, &INET_DIAG, ty, a, l, o)
}
