//! bpf: the command by name and, for BPF_PROG_LOAD, its union bpf_attr member field by
//! field up to the size the caller passed (older kernels' shorter layouts stop early,
//! as strace's do). The other commands' attributes print as their address for now.

use crate::decode::basic::{print_cstr, print_cstr_bounded, print_fd};
use crate::decode::bytes::{le, print_enum, print_flags, read_bytes};
use crate::decode::fmt::{self, HexStyle, Quote, XlatStyle};
use crate::decode::{Ctx, net};
use crate::table::ArgSpec;
use std::fmt::Write;

const BPF_PROG_LOAD: u32 = 5;
/// sizeof(struct BPF_PROG_LOAD_struct) as strace 6.1 knows it.
const PROG_LOAD_SIZE: usize = 128;
/// strace reads at most a page of attributes.
const PAGE: u64 = 4096;

/// bpf's `attr` argument (the command and size are arguments 0 and 2).
pub(super) fn print_bpf_attr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = u64::from(c.arg(2) as u32);
    let cmd = c.arg(0) as u32;
    if cmd != BPF_PROG_LOAD || size == 0 || size > PAGE || !c.derefs() {
        fmt::addr(o, addr);
        return true;
    }
    // The attributes print whatever the call returned.
    let Some(data) = read_bytes(c, addr, size as usize).filter(|_| addr != 0) else {
        fmt::addr(o, addr);
        return true;
    };
    let mut attr = vec![0u8; PROG_LOAD_SIZE];
    let len = data.len().min(PROG_LOAD_SIZE);
    attr[..len].copy_from_slice(&data[..len]);
    o.push('{');
    print_prog_load(c, &attr, len, o);
    print_extra_data(c, &data, PROG_LOAD_SIZE, o);
    o.push('}');
    true
}

/// The BPF_PROG_LOAD fields that fit in `len` bytes.
fn print_prog_load(c: &Ctx, b: &[u8], len: usize, o: &mut String) {
    let u32_at = |off: usize| le(b, off, 4);
    let u64_at = |off: usize| le(b, off, 8);
    o.push_str("prog_type=");
    print_enum(c, "bpf_prog_types", u32_at(0), "BPF_PROG_TYPE_???", o);
    let _ = write!(o, ", insn_cnt={}, insns=", u32_at(4));
    // strace prints the instructions only under -v; this decoder not yet.
    fmt::addr(o, u64_at(8));
    o.push_str(", license=");
    print_cstr(c, u64_at(16), o);
    // Each group of fields came with a kernel release; a shorter attr stops before it.
    if len <= 24 {
        return;
    }
    let log_size = u32_at(28);
    let _ = write!(
        o,
        ", log_level={}, log_size={log_size}, log_buf=",
        u32_at(24)
    );
    print_cstr_bounded(c, u64_at(32), c.opts.string_limit, log_size as usize, o);
    if len <= 40 {
        return;
    }
    o.push_str(", kern_version=");
    print_kernel_version(c, u32_at(40), o);
    if len <= 44 {
        return;
    }
    o.push_str(", prog_flags=");
    print_flags(c, "bpf_prog_flags", u32_at(44), "BPF_F_???", o);
    if len <= 48 {
        return;
    }
    o.push_str(", prog_name=");
    let name = &b[48..48 + 16.min(len - 48)];
    // A name without its NUL shows one byte less, the NUL's place, and `...`.
    match name.iter().position(|&x| x == 0) {
        Some(end) => {
            fmt::quote_into(o, &name[..end], Quote::default(), c.opts.hex);
        }
        None => {
            let shown = &name[..name.len().saturating_sub(1)];
            fmt::quote_into(o, shown, Quote::default(), c.opts.hex);
            o.push_str("...");
        }
    };
    if len <= 64 {
        return;
    }
    o.push_str(", prog_ifindex=");
    net::print_ifindex(c, o, u32_at(64) as u32);
    if len <= 68 {
        return;
    }
    o.push_str(", expected_attach_type=");
    print_enum(c, "bpf_attach_type", u32_at(68), "BPF_???", o);
    if len <= 72 {
        return;
    }
    o.push_str(", prog_btf_fd=");
    print_fd(c, i64::from(u32_at(72) as u32 as i32), o);
    let _ = write!(o, ", func_info_rec_size={}, func_info=", u32_at(76));
    fmt::addr(o, u64_at(80));
    let _ = write!(o, ", func_info_cnt={}", u32_at(88));
    let _ = write!(o, ", line_info_rec_size={}, line_info=", u32_at(92));
    fmt::addr(o, u64_at(96));
    let _ = write!(o, ", line_info_cnt={}", u32_at(104));
    if len <= 108 {
        return;
    }
    let _ = write!(o, ", attach_btf_id={}", u32_at(108));
    if len <= 112 {
        return;
    }
    o.push_str(", attach_prog_fd=");
    print_fd(c, i64::from(u32_at(112) as u32 as i32), o);
    if len <= 120 {
        return;
    }
    o.push_str(", fd_array=");
    fmt::addr(o, u64_at(120));
}

/// `KERNEL_VERSION(4, 19, 0)`; the number under `-X raw`, both under `-X verbose`.
fn print_kernel_version(c: &Ctx, v: u64, o: &mut String) {
    let text = format!(
        "KERNEL_VERSION({}, {}, {})",
        v >> 16,
        (v >> 8) & 0xff,
        v & 0xff
    );
    match c.opts.xlat {
        XlatStyle::Abbrev => o.push_str(&text),
        XlatStyle::Raw => fmt::hex(o, v),
        XlatStyle::Verbose => {
            fmt::hex(o, v);
            let _ = write!(o, " /* {text} */");
        }
    }
}

/// Bytes past the structure strace knows: `, ...` when any is non-zero (`-v`: all of
/// them in hex, with their offsets).
fn print_extra_data(c: &Ctx, data: &[u8], known: usize, o: &mut String) {
    let Some(extra) = data.get(known..).filter(|e| e.iter().any(|&x| x != 0)) else {
        return;
    };
    if !c.unabbreviated() {
        o.push_str(", ...");
        return;
    }
    o.push_str(", extra_data=");
    let q = Quote {
        force_hex: true,
        ..Quote::default()
    };
    fmt::quote_into(o, extra, q, HexStyle::All);
    let _ = write!(o, " /* bytes {known}..{} */", data.len() - 1);
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::decode::{DecodeOptions, XlatStyle, test_line_opts};
    use crate::record::RecordedMemory;

    const A: u64 = 0x7ffd_0000_1000;

    fn attr() -> Vec<u8> {
        let mut b = vec![0u8; 128];
        b[0..4].copy_from_slice(&0x20u32.to_le_bytes());
        b[4..8].copy_from_slice(&0xbadc_0dedu32.to_le_bytes());
        b[24..28].copy_from_slice(&24u32.to_le_bytes());
        b[28..32].copy_from_slice(&0xbb40_e64du32.to_le_bytes());
        b[40..44].copy_from_slice(&0xcafe_f00du32.to_le_bytes());
        b
    }

    #[test]
    fn prog_name_without_nul() {
        let mut b = attr();
        b[48..64].copy_from_slice(b"0123456789abcdef");
        let m = RecordedMemory::new().with(A, b);
        let l = line(&m, 64, XlatStyle::Abbrev, false);
        assert!(
            l.ends_with("prog_flags=0, prog_name=\"0123456789abcde\"...}, 64) = -1 E2BIG (Argument list too long)"),
            "{l}"
        );
    }

    fn line(m: &RecordedMemory, size: u64, xlat: XlatStyle, verbose: bool) -> String {
        let opts = DecodeOptions {
            xlat,
            verbose,
            ..DecodeOptions::default()
        };
        let l = test_line_opts(Arch::X86_64, "bpf", [5, A, size, 0, 0, 0], -7, m, &opts);
        l.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn prog_load_fields_by_size_and_style() {
        let m = RecordedMemory::new().with(A, attr());
        assert_eq!(
            line(&m, 128, XlatStyle::Abbrev, true),
            "bpf(BPF_PROG_LOAD, {prog_type=0x20 /* BPF_PROG_TYPE_??? */, insn_cnt=3134983661, \
             insns=NULL, license=NULL, log_level=24, log_size=3141592653, log_buf=NULL, \
             kern_version=KERNEL_VERSION(51966, 240, 13), prog_flags=0, prog_name=\"\", \
             prog_ifindex=0, expected_attach_type=BPF_CGROUP_INET_INGRESS, prog_btf_fd=0, \
             func_info_rec_size=0, func_info=NULL, func_info_cnt=0, line_info_rec_size=0, \
             line_info=NULL, line_info_cnt=0, attach_btf_id=0, attach_prog_fd=0, \
             fd_array=NULL}, 128) = -1 E2BIG (Argument list too long)"
        );
        assert_eq!(
            line(&m, 44, XlatStyle::Verbose, false),
            "bpf(0x5 /* BPF_PROG_LOAD */, {prog_type=0x20 /* BPF_PROG_TYPE_??? */, \
             insn_cnt=3134983661, insns=NULL, license=NULL, log_level=24, \
             log_size=3141592653, log_buf=NULL, kern_version=0xcafef00d /* \
             KERNEL_VERSION(51966, 240, 13) */}, 44) = -1 E2BIG (Argument list too long)"
        );
        let mut long = attr();
        long.extend([0, 0xab]);
        let m = RecordedMemory::new().with(A, long);
        assert!(line(&m, 130, XlatStyle::Raw, false).ends_with(
            "kern_version=0xcafef00d, prog_flags=0, prog_name=\"\", prog_ifindex=0, \
             expected_attach_type=0, prog_btf_fd=0, func_info_rec_size=0, func_info=NULL, \
             func_info_cnt=0, line_info_rec_size=0, line_info=NULL, line_info_cnt=0, \
             attach_btf_id=0, attach_prog_fd=0, fd_array=NULL, ...}, 130) \
             = -1 E2BIG (Argument list too long)"
        ));
        assert_eq!(
            line(&m, 0, XlatStyle::Abbrev, false),
            format!("bpf(BPF_PROG_LOAD, {A:#x}, 0) = -1 E2BIG (Argument list too long)")
        );
    }
}
