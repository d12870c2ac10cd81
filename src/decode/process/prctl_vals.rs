//! The composite values of prctl and arch_prctl that no single xlat set spells: vector
//! lengths with flag bits (SVE, SME), the tagged-address control word, the PAC key
//! sets, x86 xfeature masks, and the `(NAMES)` comment strace adds after a returned
//! bit set. Facts from strace 6.1's prctl.c output; the sets live in syscall-tables.

use crate::decode::fmt::{self, XlatStyle};
use crate::decode::{Ctx, DecodeOptions};
use crate::table;
use std::fmt::Write;

/// The low 16 bits of an SVE/SME vector-length word are the length.
const VL_LEN_MASK: u64 = 0xffff;
const PR_TAGGED_ADDR_ENABLE: u64 = 1;
const PR_MTE_TCF_MASK: u64 = 0x6;
const PR_MTE_TAG_SHIFT: u32 = 3;
const PR_MTE_TAG_MASK: u64 = 0xffff << PR_MTE_TAG_SHIFT;

/// Runs `f` with names printed in `style` whatever `-X` says, except that `-X raw`
/// stays raw (strace prints a few sets verbosely by default: xfeatures, pid types).
pub(super) fn verbose_unless_raw<T>(c: &Ctx, f: impl FnOnce(&Ctx) -> T) -> T {
    if c.opts.xlat != XlatStyle::Abbrev {
        return f(c);
    }
    let opts = DecodeOptions {
        xlat: XlatStyle::Verbose,
        ..c.opts.clone()
    };
    f(&Ctx { opts: &opts, ..*c })
}

/// The names of the bits of `v` in `sets`, strace's sprintflags in "auxstr" mode (the
/// text of a return value's comment): `None` under `-X raw`, when `v` is zero and the
/// first set has no zero row, and when no name matched; otherwise the names joined by
/// `|`, the unknown rest in hex. Never verbose.
pub(super) fn aux_flags(c: &Ctx, sets: &[&str], v: u64) -> Option<String> {
    if c.opts.xlat == XlatStyle::Raw {
        return None;
    }
    let first = table::xlat(sets.first()?)?;
    if v == 0 {
        return match first.entries(c.arch()).next() {
            Some((name, 0)) => Some(name.to_string()),
            _ => None,
        };
    }
    let (names, rest) = match_bits(c, sets, v);
    if names.is_empty() {
        return None;
    }
    let mut s = names.join("|");
    if rest != 0 {
        let _ = write!(s, "|{rest:#x}");
    }
    Some(s)
}

/// The names of the bits of `v` over `sets` in table order, and the bits left.
fn match_bits(c: &Ctx, sets: &[&str], v: u64) -> (Vec<&'static str>, u64) {
    let mut rest = v;
    let mut names = Vec::new();
    for x in sets.iter().filter_map(|s| table::xlat(s)) {
        for (name, val) in x.entries(c.arch()) {
            if rest == 0 {
                break;
            }
            if val != 0 && rest & val == val {
                names.push(name);
                rest &= !val;
            }
        }
    }
    (names, rest)
}

/// strace's printflags over several sets (PR_PAC_RESET_KEYS: the enabled keys, then
/// the generic key), in the `-X` style.
pub(super) fn print_flags_multi(c: &Ctx, sets: &[&str], v: u64, dflt: &str, o: &mut String) {
    if c.opts.xlat == XlatStyle::Raw || v == 0 {
        fmt::hex(o, v);
        return;
    }
    let (names, rest) = match_bits(c, sets, v);
    let verbose = c.opts.xlat == XlatStyle::Verbose;
    if names.is_empty() {
        let _ = write!(o, "{v:#x} /* {dflt} */");
        return;
    }
    let mut s = names.join("|");
    if rest != 0 {
        let _ = write!(s, "|{rest:#x}");
    }
    if verbose {
        let _ = write!(o, "{v:#x} /* {s} */");
    } else {
        o.push_str(&s);
    }
}

/// An SVE or SME vector-length word (`set` names its flags) as strace prints it:
/// `FLAGS|0xLEN` (unknown flag bits in hex), the plain number when no flag bit is
/// set. As a return value's comment (`aux`) only when a flag bit is set, and never
/// under `-X raw`; as an argument under `-X verbose`, the number, then that text.
pub(super) fn vl_string(c: &Ctx, set: &str, v: u64, aux: bool) -> Option<String> {
    if c.opts.xlat == XlatStyle::Raw {
        return (!aux).then(|| hex_string(v));
    }
    let len = v & VL_LEN_MASK;
    let flags = v & !VL_LEN_MASK;
    if flags == 0 && aux {
        return None;
    }
    let mut s = String::new();
    if flags != 0 {
        let (names, rest) = match_bits(c, &[set], flags);
        s.push_str(&names.join("|"));
        if rest != 0 {
            if !s.is_empty() {
                s.push('|');
            }
            let _ = write!(s, "{rest:#x}");
        }
        s.push('|');
    }
    fmt::hex(&mut s, len);
    if !aux && flags != 0 && c.opts.xlat == XlatStyle::Verbose {
        s = format!("{v:#x} /* {s} */");
    }
    Some(s)
}

fn hex_string(v: u64) -> String {
    let mut s = String::new();
    fmt::hex(&mut s, v);
    s
}

/// The PR_SET/GET_TAGGED_ADDR_CTRL word: `[!]PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_*`, the
/// tag mask as `0x..<<PR_MTE_TAG_SHIFT`, any other bits in hex. As an argument under
/// `-X raw` only the number and under `-X verbose` the number and the text in a
/// comment; as a return value's comment (`aux`) the text alone, none under `-X raw`.
pub(super) fn tagged_addr_string(c: &Ctx, v: u64, aux: bool) -> Option<String> {
    let style = c.opts.xlat;
    if style == XlatStyle::Raw {
        return (!aux).then(|| hex_string(v));
    }
    let mut s = String::new();
    let enable = v & PR_TAGGED_ADDR_ENABLE;
    let name = |set: &str, val: u64| {
        table::xlat(set)
            .and_then(|x| x.name_of(c.arch(), val))
            .map(str::to_string)
    };
    s.push_str(&name("pr_tagged_addr_enable", enable).unwrap_or_else(|| hex_string(enable)));
    s.push('|');
    let tcf = v & PR_MTE_TCF_MASK;
    s.push_str(&name("pr_tagged_addr_mte_tcf", tcf).unwrap_or_else(|| hex_string(tcf)));
    let tag = v & PR_MTE_TAG_MASK;
    if tag != 0 {
        let _ = write!(s, "|{:#x}<<PR_MTE_TAG_SHIFT", tag >> PR_MTE_TAG_SHIFT);
    }
    let rest = v & !(PR_TAGGED_ADDR_ENABLE | PR_MTE_TCF_MASK | PR_MTE_TAG_MASK);
    if rest != 0 {
        let _ = write!(s, "|{rest:#x}");
    }
    if !aux && style == XlatStyle::Verbose {
        s = format!("{} /* {s} */", hex_string(v));
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::Arch;
    use crate::decode::test_line_opts;
    use crate::record::RecordedMemory;

    fn line(args: [u64; 6], ret: i64, xlat: XlatStyle) -> String {
        let opts = DecodeOptions {
            xlat,
            ..DecodeOptions::default()
        };
        let m = RecordedMemory::new();
        let l = test_line_opts(Arch::X86_64, "prctl", args, ret, &m, &opts);
        match l.rfind(") ") {
            Some(i) => format!("{}) {}", &l[..i], l[i + 2..].trim_start()),
            None => l,
        }
    }

    #[test]
    fn sve_and_sme_lengths_in_each_style() {
        let a = XlatStyle::Abbrev;
        assert_eq!(
            line([50, 0xfacefeed, 1, 2, 3, 0], -22, a),
            "prctl(PR_SVE_SET_VL, PR_SVE_SET_VL_ONEXEC|PR_SVE_VL_INHERIT|0xfac80000|0xfeed) \
             = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([63, 0x10000, 1, 2, 3, 0], -22, a),
            "prctl(PR_SME_SET_VL, 0x10000|0) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([63, 0x2ea57, 1, 2, 3, 0], -22, XlatStyle::Verbose),
            "prctl(0x3f /* PR_SME_SET_VL */, 0x2ea57 /* PR_SME_VL_INHERIT|0xea57 */) \
             = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([63, 0xdead, 1, 2, 3, 0], -22, XlatStyle::Raw),
            "prctl(0x3f, 0xdead) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([51, 1, 2, 3, 4, 0], 0x4ea57, a),
            "prctl(PR_SVE_GET_VL) = 0x4ea57 (PR_SVE_SET_VL_ONEXEC|0xea57)"
        );
        assert_eq!(
            line([64, 0, 0, 0, 0, 0], 0xdead, a),
            "prctl(PR_SME_GET_VL) = 0xdead"
        );
        assert_eq!(line([64, 0, 0, 0, 0, 0], 0, a), "prctl(PR_SME_GET_VL) = 0");
        assert_eq!(
            line([50, 0xde90ded, 0, 0, 0, 0], 0xde90ded, XlatStyle::Raw),
            "prctl(0x32, 0xde90ded) = 0xde90ded"
        );
    }

    #[test]
    fn tagged_addr_words() {
        assert_eq!(
            line([55, 0x57ae57f4, 1, 2, 3, 0], -22, XlatStyle::Abbrev),
            "prctl(PR_SET_TAGGED_ADDR_CTRL, !PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC\
             |0xcafe<<PR_MTE_TAG_SHIFT|0x57a80000, 0x1, 0x2, 0x3) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([55, 0, 1, 2, 3, 0], -22, XlatStyle::Verbose),
            "prctl(0x37 /* PR_SET_TAGGED_ADDR_CTRL */, 0 /* !PR_TAGGED_ADDR_ENABLE\
             |PR_MTE_TCF_NONE */, 0x1, 0x2, 0x3) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([56, 0, 0, 0, 0, 0], 13, XlatStyle::Verbose),
            "prctl(0x38 /* PR_GET_TAGGED_ADDR_CTRL */, 0, 0, 0, 0) = 0xd \
             (PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_ASYNC|0x1<<PR_MTE_TAG_SHIFT)"
        );
        assert_eq!(
            line([56, 0, 0, 0, 0, 0], 0, XlatStyle::Abbrev),
            "prctl(PR_GET_TAGGED_ADDR_CTRL, 0, 0, 0, 0) = 0 \
             (!PR_TAGGED_ADDR_ENABLE|PR_MTE_TCF_NONE)"
        );
        assert_eq!(
            line([56, 0, 0, 0, 0, 0], 0xbeef, XlatStyle::Raw),
            "prctl(0x38, 0, 0, 0, 0) = 0xbeef"
        );
    }

    #[test]
    fn pac_keys() {
        let a = XlatStyle::Abbrev;
        assert_eq!(
            line([54, 0xcafe, 1, 2, 3, 0], -22, a),
            "prctl(PR_PAC_RESET_KEYS, PR_PAC_APIBKEY|PR_PAC_APDAKEY|PR_PAC_APDBKEY\
             |PR_PAC_APGAKEY|0xcae0, 0x1, 0x2, 0x3) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([54, 0x20, 0, 0, 0, 0], -22, a),
            "prctl(PR_PAC_RESET_KEYS, 0x20 /* PR_PAC_??? */, 0, 0, 0) \
             = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([60, 0, 0x7ffffff0, 0, 1, 0], -22, a),
            "prctl(PR_PAC_SET_ENABLED_KEYS, 0, 0x7ffffff0 /* PR_PAC_??? */, 0, 0x1) \
             = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line([61, 0, 0, 0, 0, 0], 0x1e, a),
            "prctl(PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0) = 0x1e \
             (PR_PAC_APIBKEY|PR_PAC_APDAKEY|PR_PAC_APDBKEY|0x10)"
        );
        assert_eq!(
            line([61, 0, 0, 0, 0, 0], 0xbeef0, a),
            "prctl(PR_PAC_GET_ENABLED_KEYS, 0, 0, 0, 0) = 0xbeef0"
        );
    }

    fn arch(args: [u64; 6], ret: i64, m: &RecordedMemory, xlat: XlatStyle) -> String {
        let opts = DecodeOptions {
            xlat,
            ..DecodeOptions::default()
        };
        let l = test_line_opts(Arch::X86_64, "arch_prctl", args, ret, m, &opts);
        match l.rfind(") ") {
            Some(i) => format!("{}) {}", &l[..i], l[i + 2..].trim_start()),
            None => l,
        }
    }

    #[test]
    fn arch_prctl_xfeatures() {
        let m = RecordedMemory::new().with(0x1000, 0xe7u64.to_le_bytes().to_vec());
        let a = XlatStyle::Abbrev;
        assert_eq!(
            arch([0x1021, 0x1000, 0, 0, 0, 0], 0, &m, a),
            "arch_prctl(ARCH_GET_XCOMP_SUPP, [0xe7 /* XFEATURE_MASK_FPSSE|XFEATURE_MASK_YMM\
             |XFEATURE_MASK_AVX512 */]) = 0"
        );
        assert_eq!(
            arch([0x1022, 0x1000, 0, 0, 0, 0], 0, &m, XlatStyle::Raw),
            "arch_prctl(0x1022, [0xe7]) = 0"
        );
        assert_eq!(
            arch([0x1024, 0, 0, 0, 0, 0], -14, &m, a),
            "arch_prctl(ARCH_GET_XCOMP_GUEST_PERM, NULL) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            arch([0x1022, 0x1000, 0, 0, 0, 0], -14, &m, a),
            "arch_prctl(ARCH_GET_XCOMP_PERM, 0x1000) = -1 EFAULT (Bad address)"
        );
        assert_eq!(
            arch([0x1023, 0xb, 0, 0, 0, 0], 0x60003, &m, a),
            "arch_prctl(ARCH_REQ_XCOMP_PERM, 0xb /* XFEATURE_??? */) = 0x60003 \
             (XFEATURE_MASK_FPSSE|XFEATURE_MASK_XTILE)"
        );
        assert_eq!(
            arch([0x1025, 0x11, 0, 0, 0, 0], -22, &m, XlatStyle::Verbose),
            "arch_prctl(0x1025 /* ARCH_REQ_XCOMP_GUEST_PERM */, 0x11 /* XFEATURE_XTILE_CFG */) \
             = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            arch([0x1011, 0, 0, 0, 0, 0], 1, &m, a),
            "arch_prctl(ARCH_GET_CPUID) = 1"
        );
    }

    #[test]
    fn sched_core_dispatch_name_and_ptracer() {
        let a = XlatStyle::Abbrev;
        let m = RecordedMemory::new()
            .with(0x2000, 0xdead_c0de_badc_0dedu64.to_le_bytes().to_vec())
            .with(0x3000, b"123456789abcdefXYZ".to_vec());
        let pl = |args, ret, xlat| {
            let opts = DecodeOptions {
                xlat,
                ..DecodeOptions::default()
            };
            let l = test_line_opts(Arch::X86_64, "prctl", args, ret, &m, &opts);
            l.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        assert_eq!(
            pl([62, 0, 42, 1, 0x2000, 0], 0, a),
            "prctl(PR_SCHED_CORE, PR_SCHED_CORE_GET, 42, 0x1 /* PIDTYPE_TGID */, \
             [0xdeadc0debadc0ded]) = 0"
        );
        assert_eq!(
            pl([62, 4, 0xffff_ffff, 4, 0x2000, 0], -22, XlatStyle::Raw),
            "prctl(0x3e, 0x4, -1, 0x4, 0x2000) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            pl([59, 1, 0xdead_beef_face_feed, 0, 0, 0], -22, a),
            "prctl(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_ON, 0xdeadbeeffacefeed, 0, \
             NULL) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            pl([15, 0x3000, 0, 0, 0, 0], 0, a),
            r#"prctl(PR_SET_NAME, "123456789abcdef"...) = 0"#
        );
        assert_eq!(
            pl(
                [0x5961_6d61, 0xbadc_0ded_ffff_ffff, 0, 0, 0, 0],
                0,
                XlatStyle::Verbose
            ),
            "prctl(0x59616d61 /* PR_SET_PTRACER */, -1 /* PR_SET_PTRACER_ANY */) = 0"
        );
    }

    #[test]
    fn returned_bit_sets_are_never_verbose() {
        let v = XlatStyle::Verbose;
        assert_eq!(
            line([27, 0, 0, 0, 0, 0], 0x1ff, v),
            "prctl(0x1b /* PR_GET_SECUREBITS */) = 0x1ff (SECBIT_NOROOT|SECBIT_NOROOT_LOCKED\
             |SECBIT_NO_SETUID_FIXUP|SECBIT_NO_SETUID_FIXUP_LOCKED|SECBIT_KEEP_CAPS\
             |SECBIT_KEEP_CAPS_LOCKED|SECBIT_NO_CAP_AMBIENT_RAISE\
             |SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED|0x100)"
        );
        assert_eq!(
            line([27, 0, 0, 0, 0, 0], 0x100, XlatStyle::Abbrev),
            "prctl(PR_GET_SECUREBITS) = 0x100"
        );
        assert_eq!(
            line([46, 0, 0, 0, 0, 0], 0x23, XlatStyle::Abbrev),
            "prctl(PR_GET_FP_MODE) = 0x23 (PR_FP_MODE_FR|PR_FP_MODE_FRE|0x20)"
        );
        assert_eq!(
            line([52, 0, 0, 0, 0, 0], 0, XlatStyle::Abbrev),
            "prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_STORE_BYPASS) = 0 (PR_SPEC_NOT_AFFECTED)"
        );
        assert_eq!(
            line([52, 1, 0, 0, 0, 0], 0x20, XlatStyle::Abbrev),
            "prctl(PR_GET_SPECULATION_CTRL, PR_SPEC_INDIRECT_BRANCH) = 0x20"
        );
    }
}
