//! The net decoders under `-X raw` and `-X verbose`: lines strace 6.1's
//! sockaddr_xlat-X*, net-packet_mreq-X* and sock_filter-v-X* tests expect.

use crate::arch::Arch;
use crate::decode::{DecodeOptions, XlatStyle};
use crate::record::RecordedMemory;

const A: u64 = 0x7ffd_0000_1000;
const B: u64 = 0x7ffd_0000_2000;

fn x(name: &str, args: [u64; 6], ret: i64, m: &RecordedMemory, xlat: XlatStyle) -> String {
    let opts = DecodeOptions {
        xlat,
        verbose: true,
        ..DecodeOptions::default()
    };
    let line = crate::decode::test_line_opts(Arch::X86_64, name, args, ret, m, &opts);
    match line.rfind(") ") {
        Some(i) => format!("{}) {}", &line[..i], line[i + 2..].trim_start()),
        None => line,
    }
}

#[test]
fn packet_mreq_styles() {
    let mut b = vec![0u8; 16];
    b[4..6].copy_from_slice(&0xffffu16.to_le_bytes());
    b[6] = 8;
    b[8..16].fill(0xff);
    let m = RecordedMemory::new().with(A, b);
    let args = [u64::MAX, 263, 1, A, 16, 0];
    assert_eq!(
        x("setsockopt", args, -9, &m, XlatStyle::Raw),
        r#"setsockopt(-1, 0x107, 0x1, {mr_ifindex=0, mr_type=0xffff, mr_alen=8, mr_address="\xff\xff\xff\xff\xff\xff\xff\xff"}, 16) = -1 EBADF (Bad file descriptor)"#
    );
    assert_eq!(
        x("setsockopt", args, -9, &m, XlatStyle::Verbose),
        r#"setsockopt(-1, 0x107 /* SOL_PACKET */, 0x1 /* PACKET_ADD_MEMBERSHIP */, {mr_ifindex=0, mr_type=0xffff /* PACKET_MR_??? */, mr_alen=8, mr_address="\xff\xff\xff\xff\xff\xff\xff\xff" /* ff:ff:ff:ff:ff:ff:ff:ff */}, 16) = -1 EBADF (Bad file descriptor)"#
    );
}

#[test]
fn sockaddr_ll_protocol_styles() {
    // An ifindex no host has, so the line does not depend on this machine's links.
    let mut b = vec![17u8, 0, 0, 3, 0xed, 0xfe, 0xce, 0xfa, 1, 0, 0, 0];
    b.extend_from_slice(&[0; 8]);
    let m = RecordedMemory::new().with(A, b);
    let args = [u64::MAX, A, 20, 0, 0, 0];
    assert_eq!(
        x("connect", args, -9, &m, XlatStyle::Raw),
        r#"connect(-1, {sa_family=0x11, sll_protocol="\x00\x03", sll_ifindex=4207869677, sll_hatype=0x1, sll_pkttype=0, sll_halen=0}, 20) = -1 EBADF (Bad file descriptor)"#
    );
    assert_eq!(
        x("connect", args, -9, &m, XlatStyle::Verbose),
        r#"connect(-1, {sa_family=0x11 /* AF_PACKET */, sll_protocol="\x00\x03" /* htons(ETH_P_ALL) */, sll_ifindex=4207869677, sll_hatype=0x1 /* ARPHRD_ETHER */, sll_pkttype=0 /* PACKET_HOST */, sll_halen=0}, 20) = -1 EBADF (Bad file descriptor)"#
    );
}

#[test]
fn sock_filter_styles() {
    // BPF_STMT(BPF_LD|BPF_B|BPF_ABS, SKF_AD_OFF+SKF_AD_PROTOCOL), BPF_STMT(BPF_RET|BPF_K, 0)
    let mut prog = vec![0x30u8, 0, 0, 0];
    prog.extend_from_slice(&0xffff_f000u32.to_le_bytes());
    prog.extend_from_slice(&[6, 0, 0, 0, 0, 0, 0, 0]);
    let mut fprog = 2u64.to_le_bytes().to_vec();
    fprog.extend_from_slice(&B.to_le_bytes());
    let m = RecordedMemory::new().with(A, fprog).with(B, prog);
    let args = [3, 1, 26, A, 16, 0];
    assert_eq!(
        x("setsockopt", args, 0, &m, XlatStyle::Raw),
        "setsockopt(3, 0x1, 0x1a, {len=2, filter=[BPF_STMT(0|0x10|0x20, 0xfffff000+0), BPF_STMT(0x6|0, 0)]}, 16) = 0"
    );
    assert_eq!(
        x("setsockopt", args, 0, &m, XlatStyle::Verbose),
        "setsockopt(3, 0x1 /* SOL_SOCKET */, 0x1a /* SO_ATTACH_FILTER */, {len=2, filter=[BPF_STMT(0 /* BPF_LD */|0x10 /* BPF_B */|0x20 /* BPF_ABS */, 0xfffff000 /* SKF_AD_OFF */+0 /* SKF_AD_PROTOCOL */), BPF_STMT(0x6 /* BPF_RET */|0 /* BPF_K */, 0)]}, 16) = 0"
    );
}
