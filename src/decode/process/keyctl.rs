//! keyctl: each command's own argument layout (key serials, payload buffers, the
//! Diffie-Hellman and public-key structures, the capability bytes), as strace 6.1
//! prints them. The whole call decodes at exit (see memproc.tsv), so the out buffers
//! of DESCRIBE/READ/DH_COMPUTE/PKEY_* and the entry-time arguments print together.

use crate::decode::array::print_array;
use crate::decode::basic::{print_buf, print_cstr, print_uid};
use crate::decode::bytes::{
    le, print_enum, print_flags, print_str_omit_trailing_nul, read_or_addr, sle,
};
use crate::decode::fdio::print_iovec;
use crate::decode::{Ctx, fmt};
use crate::table::{self, ArgSpec};
use std::fmt::Write;

/// keyctl's commands (include/uapi/linux/keyctl.h).
mod cmd {
    pub const GET_KEYRING_ID: i32 = 0;
    pub const JOIN_SESSION_KEYRING: i32 = 1;
    pub const UPDATE: i32 = 2;
    pub const REVOKE: i32 = 3;
    pub const CHOWN: i32 = 4;
    pub const SETPERM: i32 = 5;
    pub const DESCRIBE: i32 = 6;
    pub const CLEAR: i32 = 7;
    pub const LINK: i32 = 8;
    pub const UNLINK: i32 = 9;
    pub const SEARCH: i32 = 10;
    pub const READ: i32 = 11;
    pub const INSTANTIATE: i32 = 12;
    pub const NEGATE: i32 = 13;
    pub const SET_REQKEY_KEYRING: i32 = 14;
    pub const SET_TIMEOUT: i32 = 15;
    pub const ASSUME_AUTHORITY: i32 = 16;
    pub const GET_SECURITY: i32 = 17;
    pub const SESSION_TO_PARENT: i32 = 18;
    pub const REJECT: i32 = 19;
    pub const INSTANTIATE_IOV: i32 = 20;
    pub const INVALIDATE: i32 = 21;
    pub const GET_PERSISTENT: i32 = 22;
    pub const DH_COMPUTE: i32 = 23;
    pub const PKEY_QUERY: i32 = 24;
    pub const PKEY_ENCRYPT: i32 = 25;
    pub const PKEY_DECRYPT: i32 = 26;
    pub const PKEY_SIGN: i32 = 27;
    pub const PKEY_VERIFY: i32 = 28;
    pub const RESTRICT_KEYRING: i32 = 29;
    pub const MOVE: i32 = 30;
    pub const CAPABILITIES: i32 = 31;
}

/// A key_serial_t: a KEY_SPEC_* name (in the `-X` style), else the signed number.
pub(crate) fn print_key_serial(c: &Ctx, id: i32, o: &mut String) {
    match table::xlat("key_spec") {
        Some(x) => fmt::xlat_enum_dec(o, x, c, i64::from(id), ""),
        None => fmt::dec(o, id),
    }
}

/// keyctl's arguments after the command.
pub(super) fn print_keyctl_rest(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let arg = |i: usize| c.arg(i);
    let key = |o: &mut String, i: usize| print_key_serial(c, c.iarg(i), o);
    let sep = |o: &mut String| o.push_str(", ");
    match c.iarg(0) {
        cmd::SESSION_TO_PARENT => return false,
        cmd::GET_KEYRING_ID => {
            key(o, 1);
            let _ = write!(o, ", {}", c.iarg(2));
        }
        cmd::JOIN_SESSION_KEYRING => print_cstr(c, arg(1), o),
        cmd::UPDATE => {
            key(o, 1);
            sep(o);
            print_buf(c, arg(2), arg(3), o, false, false);
            let _ = write!(o, ", {}", arg(3));
        }
        cmd::REVOKE | cmd::CLEAR | cmd::INVALIDATE | cmd::ASSUME_AUTHORITY => key(o, 1),
        cmd::LINK | cmd::UNLINK => {
            key(o, 1);
            sep(o);
            key(o, 2);
        }
        cmd::DESCRIBE | cmd::READ | cmd::GET_SECURITY => {
            key(o, 1);
            sep(o);
            print_read_buf(c, arg(2), arg(3), c.iarg(0) != cmd::READ, o);
            let _ = write!(o, ", {}", arg(3));
        }
        cmd::SEARCH => {
            key(o, 1);
            sep(o);
            print_cstr(c, arg(2), o);
            sep(o);
            print_cstr(c, arg(3), o);
            sep(o);
            key(o, 4);
        }
        cmd::RESTRICT_KEYRING => {
            key(o, 1);
            sep(o);
            print_cstr(c, arg(2), o);
            sep(o);
            print_cstr(c, arg(3), o);
        }
        cmd::CHOWN => {
            key(o, 1);
            sep(o);
            print_uid(o, arg(2) as u32);
            sep(o);
            print_uid(o, arg(3) as u32);
        }
        cmd::SETPERM => {
            key(o, 1);
            sep(o);
            print_flags(c, "key_perms", arg(2) & 0xffff_ffff, "KEY_???", o);
        }
        cmd::INSTANTIATE | cmd::INSTANTIATE_IOV => {
            key(o, 1);
            sep(o);
            if c.iarg(0) == cmd::INSTANTIATE {
                print_buf(c, arg(2), arg(3), o, false, false);
            } else {
                print_iovec(c, arg(2), arg(3), None, o);
            }
            let _ = write!(o, ", {}, ", arg(3));
            key(o, 4);
        }
        cmd::NEGATE | cmd::SET_TIMEOUT | cmd::REJECT => {
            key(o, 1);
            let _ = write!(o, ", {}", arg(2) as u32);
            if c.iarg(0) == cmd::REJECT {
                sep(o);
                print_error_code(c, arg(3) as u32, o);
            }
            if c.iarg(0) != cmd::SET_TIMEOUT {
                let i = if c.iarg(0) == cmd::REJECT { 4 } else { 3 };
                sep(o);
                key(o, i);
            }
        }
        cmd::SET_REQKEY_KEYRING => match table::xlat("key_reqkeys") {
            Some(x) => fmt::xlat_enum_dec(o, x, c, i64::from(c.iarg(1)), "KEY_REQKEY_DEFL_???"),
            None => fmt::dec(o, c.iarg(1)),
        },
        cmd::GET_PERSISTENT => {
            print_uid(o, arg(1) as u32);
            sep(o);
            key(o, 2);
        }
        cmd::DH_COMPUTE => print_dh_compute(c, o),
        cmd::PKEY_QUERY => {
            key(o, 1);
            o.push_str(", ");
            fmt::hex(o, arg(2));
            sep(o);
            print_cstr(c, arg(3), o);
            sep(o);
            print_pkey_query(c, arg(4), o);
        }
        cmd::PKEY_ENCRYPT | cmd::PKEY_DECRYPT | cmd::PKEY_SIGN => print_pkey_op(c, true, o),
        cmd::PKEY_VERIFY => print_pkey_op(c, false, o),
        cmd::MOVE => {
            for i in 1..4 {
                key(o, i);
                sep(o);
            }
            print_flags(
                c,
                "keyctl_move_flags",
                arg(4) & 0xffff_ffff,
                "KEYCTL_MOVE_???",
                o,
            );
        }
        cmd::CAPABILITIES => {
            if c.failed() {
                fmt::addr(o, arg(1));
            } else {
                let n = arg(2).min(c.ret().unwrap_or(0) as u64);
                let mut pos = 0;
                print_array(c, arg(1), n, 1, o, |o, b| {
                    let v = u64::from(b[0]);
                    match pos {
                        0 => print_flags(c, "keyctl_caps0", v, "KEYCTL_CAPS0_???", o),
                        1 => print_flags(c, "keyctl_caps1", v, "KEYCTL_CAPS1_???", o),
                        _ => fmt::hex(o, v),
                    }
                    pos += 1;
                });
            }
            let _ = write!(o, ", {}", arg(2));
        }
        _ => {
            for i in 1..5 {
                if i > 1 {
                    sep(o);
                }
                fmt::hex(o, arg(i));
            }
        }
    }
    true
}

/// The command itself: an int looked up in keyctl_commands.
pub(super) fn print_keyctl_cmd(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    print_enum(
        c,
        "keyctl_commands",
        c.arg(0) & 0xffff_ffff,
        "KEYCTL_???",
        o,
    );
    true
}

/// An errno value (KEYCTL_REJECT): its name in the `-X` style, else the number.
fn print_error_code(c: &Ctx, e: u32, o: &mut String) {
    match table::errno(u64::from(e)) {
        Some(en) if e != 0 => fmt::named(o, c, &en.name, |o| fmt::dec(o, e)),
        _ => fmt::dec(o, e),
    }
}

/// What DESCRIBE/READ/GET_SECURITY wrote: the address when the call failed, else as
/// many bytes as it returned (at most `len`); key descriptions drop their NUL.
fn print_read_buf(c: &Ctx, addr: u64, len: u64, has_nul: bool, o: &mut String) {
    if c.failed() {
        fmt::addr(o, addr);
        return;
    }
    let ret = c.ret().unwrap_or(0);
    let n = if ret >= 0 && ret as u64 > len {
        len
    } else {
        ret as u64
    };
    if has_nul {
        print_str_omit_trailing_nul(c, addr, n, o);
    } else {
        print_buf(c, addr, n, o, false, false);
    }
}

/// `{private=.., prime=.., base=..}`, then the result buffer, its length and the KDF
/// parameters.
fn print_dh_compute(c: &Ctx, o: &mut String) {
    if let Some(b) = read_or_addr(c, c.arg(1), 12, false, o) {
        for (i, name) in ["private", "prime", "base"].iter().enumerate() {
            let _ = write!(o, "{}{name}=", if i == 0 { "{" } else { ", " });
            print_key_serial(c, sle(&b, i * 4, 4) as i32, o);
        }
        o.push('}');
    }
    o.push_str(", ");
    let (buf, len) = (c.arg(2), c.arg(3));
    if c.failed() {
        fmt::addr(o, buf);
    } else {
        let ret = c.ret().unwrap_or(0);
        let n = if ret >= 0 && ret as u64 > len {
            len
        } else {
            ret as u64
        };
        print_buf(c, buf, n, o, false, false);
    }
    let _ = write!(o, ", {len}, ");
    print_kdf_params(c, c.arg(4), o);
}

/// struct keyctl_kdf_params: two pointers, otherinfolen, `__u32 __spare[8]`.
fn print_kdf_params(c: &Ctx, addr: u64, o: &mut String) {
    let w = c.word();
    let size = if w == 8 { 56 } else { 44 };
    let Some(b) = read_or_addr(c, addr, size, false, o) else {
        return;
    };
    o.push_str("{hashname=");
    print_cstr(c, le(&b, 0, w), o);
    let other = le(&b, w, w);
    let other_len = le(&b, 2 * w, 4);
    o.push_str(", otherinfo=");
    // The kernel does not look at otherinfo when its length is zero.
    if other_len != 0 {
        print_buf(c, other, other_len, o, false, false);
    } else {
        fmt::addr(o, other);
    }
    let _ = write!(o, ", otherinfolen={other_len}");
    print_spare(&b[2 * w + 4..], 8, o);
    o.push('}');
}

/// `, __spare=[..]` of `n` u32s in hex, only when one is non-zero.
fn print_spare(b: &[u8], n: usize, o: &mut String) {
    let vals: Vec<u64> = (0..n).map(|i| le(b, i * 4, 4)).collect();
    if vals.iter().all(|&v| v == 0) {
        return;
    }
    o.push_str(", __spare=[");
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, *v);
    }
    o.push(']');
}

/// struct keyctl_pkey_query, which the kernel fills.
fn print_pkey_query(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 56, true, o) else {
        return;
    };
    o.push_str("{supported_ops=");
    print_flags(c, "keyctl_pkey_ops", le(&b, 0, 4), "KEYCTL_SUPPORTS_???", o);
    let _ = write!(o, ", key_size={}", le(&b, 4, 4));
    for (i, name) in [
        "max_data_size",
        "max_sig_size",
        "max_enc_size",
        "max_dec_size",
    ]
    .iter()
    .enumerate()
    {
        let _ = write!(o, ", {name}={}", le(&b, 8 + 2 * i, 2));
    }
    print_spare(&b[16..], 10, o);
    o.push('}');
}

/// PKEY_ENCRYPT/DECRYPT/SIGN (`out`: op2 is the kernel's output, out_len long) and
/// PKEY_VERIFY (op2 is a second input, in2_len long): the params structure, the info
/// string, then the operands; operands print as addresses when the params are unreadable.
fn print_pkey_op(c: &Ctx, out: bool, o: &mut String) {
    let params = read_or_addr(c, c.arg(1), 40, false, o);
    if let Some(b) = &params {
        o.push_str("{key_id=");
        print_key_serial(c, sle(b, 0, 4) as i32, o);
        let _ = write!(o, ", in_len={}", le(b, 4, 4));
        let _ = write!(
            o,
            ", {}={}",
            if out { "out_len" } else { "in2_len" },
            le(b, 8, 4)
        );
        print_spare(&b[12..], 7, o);
        o.push('}');
    }
    o.push_str(", ");
    print_cstr(c, c.arg(2), o);
    o.push_str(", ");
    let (op1, op2) = (c.arg(3), c.arg(4));
    let Some(b) = params else {
        fmt::addr(o, op1);
        o.push_str(", ");
        fmt::addr(o, op2);
        return;
    };
    print_buf(c, op1, le(&b, 4, 4), o, false, false);
    o.push_str(", ");
    if out && c.failed() {
        fmt::addr(o, op2);
    } else {
        print_buf(c, op2, le(&b, 8, 4), o, false, false);
    }
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::decode::{DecodeOptions, XlatStyle, test_line_opts};
    use crate::record::RecordedMemory;

    const A: u64 = 0x7ffd_0000_1000;
    const B: u64 = 0x7ffd_0000_2000;

    fn k(args: [u64; 6], ret: i64, m: &RecordedMemory, xlat: XlatStyle) -> String {
        let opts = DecodeOptions {
            xlat,
            string_limit: 10,
            ..DecodeOptions::default()
        };
        let l = test_line_opts(Arch::X86_64, "keyctl", args, ret, m, &opts);
        l.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn serials_strings_and_buffers() {
        let m = RecordedMemory::new()
            .with(A, b"keyring;0;0;3f030000;_tid\0".to_vec())
            .with(B, b"shrt type\0".to_vec());
        let a = XlatStyle::Abbrev;
        assert_eq!(
            k([0, u64::MAX, 0xbb40_e64d, 0, 0, 0], 5, &m, a),
            "keyctl(KEYCTL_GET_KEYRING_ID, KEY_SPEC_THREAD_KEYRING, -1153374643) = 5"
        );
        assert_eq!(
            k([0, u64::MAX, 0, 0, 0, 0], 5, &m, XlatStyle::Verbose),
            "keyctl(0 /* KEYCTL_GET_KEYRING_ID */, -1 /* KEY_SPEC_THREAD_KEYRING */, 0) = 5"
        );
        assert_eq!(
            k([6, u64::MAX, A, 256, 0, 0], 26, &m, a),
            r#"keyctl(KEYCTL_DESCRIBE, KEY_SPEC_THREAD_KEYRING, "keyring;0;"..., 256) = 26"#
        );
        assert_eq!(
            k([11, 5, A, 9, 0, 0], -22, &m, a),
            format!("keyctl(KEYCTL_READ, 5, {A:#x}, 9) = -1 EINVAL (Invalid argument)")
        );
        assert_eq!(
            k([10, 0xfffffff8, B, 0, 0xdeadf00d, 0], -14, &m, a),
            r#"keyctl(KEYCTL_SEARCH, KEY_SPEC_REQUESTOR_KEYRING, "shrt type", NULL, -559026163) = -1 EFAULT (Bad address)"#
        );
        assert_eq!(
            k([18, 0, 0, 0, 0, 0], 0, &m, a),
            "keyctl(KEYCTL_SESSION_TO_PARENT) = 0"
        );
        assert_eq!(
            k([0xbadc_0ded_face_feed, 1, 2, 3, 4, 0], -95, &m, a),
            "keyctl(0xfacefeed /* KEYCTL_??? */, 0x1, 0x2, 0x3, 0x4) = -1 EOPNOTSUPP (Operation not supported)"
        );
    }

    #[test]
    fn perms_reject_move_and_reqkey() {
        let m = RecordedMemory::new();
        let a = XlatStyle::Abbrev;
        assert_eq!(
            k([5, 1, 0xc0c0_c0c0, 0, 0, 0], -22, &m, a),
            "keyctl(KEYCTL_SETPERM, 1, 0xc0c0c0c0 /* KEY_??? */) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            k([19, 2, 3, 19, 2, 0], -1, &m, XlatStyle::Verbose),
            "keyctl(0x13 /* KEYCTL_REJECT */, 2, 3, 19 /* ENODEV */, 2) = -1 EPERM (Operation not permitted)"
        );
        assert_eq!(
            k([30, u64::MAX, 7, u64::MAX, 0xffff_ffff, 0], -22, &m, a),
            "keyctl(KEYCTL_MOVE, KEY_SPEC_THREAD_KEYRING, 7, KEY_SPEC_THREAD_KEYRING, KEYCTL_MOVE_EXCL|0xfffffffe) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            k([14, 0xbadc_0ded, 0, 0, 0, 0], -22, &m, a),
            "keyctl(KEYCTL_SET_REQKEY_KEYRING, -1159983635 /* KEY_REQKEY_DEFL_??? */) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            k(
                [4, 0xfffffff8, u64::MAX, 0xffff_ffff, 0, 0],
                0,
                &m,
                XlatStyle::Raw
            ),
            "keyctl(0x4, -8, -1, -1) = 0"
        );
    }

    #[test]
    fn structures() {
        let dh: Vec<u8> = [-6i32, 1234567890, 7]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let mut kdf = vec![0u8; 56];
        kdf[16..20].copy_from_slice(&0xbadc_0dedu32.to_le_bytes());
        kdf[48..52].copy_from_slice(&0xdead_feedu32.to_le_bytes());
        let mut params = vec![0u8; 40];
        params[0..4].copy_from_slice(&(-2i32).to_le_bytes());
        params[4..8].copy_from_slice(&10u32.to_le_bytes());
        params[8..12].copy_from_slice(&10u32.to_le_bytes());
        let m = RecordedMemory::new()
            .with(A, dh)
            .with(B, kdf)
            .with(0x3000, params)
            .with(0x4000, b"AbCdEfGhIj".to_vec())
            .with(0x5000, vec![0xfb, 0x03]);
        let a = XlatStyle::Abbrev;
        assert_eq!(
            k([23, A, 0x6000, u64::MAX, B, 0], -95, &m, a),
            "keyctl(KEYCTL_DH_COMPUTE, {private=KEY_SPEC_GROUP_KEYRING, prime=1234567890, base=7}, 0x6000, 18446744073709551615, {hashname=NULL, otherinfo=NULL, otherinfolen=3134983661, __spare=[0, 0, 0, 0, 0, 0, 0, 0xdeadfeed]}) = -1 EOPNOTSUPP (Operation not supported)"
        );
        assert_eq!(
            k([25, 0x3000, 0, 0x4000, 0x7000, 0], -22, &m, a),
            r#"keyctl(KEYCTL_PKEY_ENCRYPT, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=10, out_len=10}, NULL, "AbCdEfGhIj", 0x7000) = -1 EINVAL (Invalid argument)"#
        );
        assert_eq!(
            k([28, 0x3000, 0, 0x4000, 0x4000, 0], -22, &m, a),
            r#"keyctl(KEYCTL_PKEY_VERIFY, {key_id=KEY_SPEC_PROCESS_KEYRING, in_len=10, in2_len=10}, NULL, "AbCdEfGhIj", "AbCdEfGhIj") = -1 EINVAL (Invalid argument)"#
        );
        assert_eq!(
            k([31, 0x5000, 4, 0, 0, 0], 2, &m, a),
            "keyctl(KEYCTL_CAPABILITIES, [KEYCTL_CAPS0_CAPABILITIES|KEYCTL_CAPS0_PERSISTENT_KEYRINGS|KEYCTL_CAPS0_PUBLIC_KEY|KEYCTL_CAPS0_BIG_KEY|KEYCTL_CAPS0_INVALIDATE|KEYCTL_CAPS0_RESTRICT_KEYRING|KEYCTL_CAPS0_MOVE, KEYCTL_CAPS1_NS_KEYRING_NAME|KEYCTL_CAPS1_NS_KEY_TAG], 4) = 2"
        );
    }
}
