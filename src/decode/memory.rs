//! Memory-management syscalls (mmap family, locking, advice, protection keys,
//! membarrier) and small helpers the process module shares: a C int as a set's value,
//! a set's flags as a string, and pointer-to-value out arguments.

use super::array::print_array;
use super::bytes::{
    le, out_failed, print_enum, print_enum_of, print_flags, print_flags_of, print_num, word_param,
    xlat_name,
};
use super::fdio::print_iovec_addrs;
use super::fmt;
use super::{ArgType, Ctx, RetType, ty};
use crate::table::{self, ArgSpec};
use std::fmt::Write;

/// `MAP_TYPE`: the low bits of mmap flags hold one sharing type, not flags.
const MAP_TYPE: u64 = 0xf;
const MAP_HUGE_SHIFT: u32 = 26;
const MAP_HUGE_MASK: u64 = 0x3f;

pub static TYPES: &[ArgType] = &[
    // `xenum(SET,LABEL)` / `xflags(SET,LABEL)`: like enum/flags, but with strace's own
    // `/* LABEL */` for unknown values where it is not the set's name prefix.
    // Like `flags`/`enum`, they take a C `unsigned int`: the upper half of the register
    // is not part of the value. `xflags64` is for the few `unsigned long` flag arguments.
    ty("xenum", |c, a, o| {
        let v = u64::from(c.arg(a.index) as u32);
        print_enum_of(c, a.xlat(), v, word_param(a).unwrap_or(""), o);
        true
    }),
    ty("xflags", |c, a, o| {
        let v = u64::from(c.arg(a.index) as u32);
        let mark = o.len();
        print_flags_of(c, a.xlat(), v, word_param(a).unwrap_or(""), o);
        // A set without a default label prints nothing for 0; the argument is `0`.
        if o.len() == mark {
            o.push('0');
        }
        true
    }),
    ty("xflags64", |c, a, o| {
        print_flags_of(c, a.xlat(), c.arg(a.index), word_param(a).unwrap_or(""), o);
        true
    }),
    ty("mmap_prot", |c, a, o| {
        print_flags(c, "mmap_prot", c.arg(a.index), "PROT_???", o);
        true
    }),
    ty("mmap_flags", |c, a, o| {
        print_mmap_flags(c, c.arg(a.index), o);
        true
    }),
    // mremap's new_address exists only when both MAYMOVE and FIXED are set.
    ty("mremap_addr", |c, a, o| {
        if c.arg(3) & 3 != 3 {
            return false;
        }
        fmt::addr(o, c.arg(a.index));
        true
    }),
    ty("mincore_vec", print_mincore_vec),
    ty("membarrier_cmd", |c, a, o| {
        int_enum(c, a, o, "membarrier_cmds", "MEMBARRIER_CMD_???")
    }),
    // The cpu id follows the flags only when MEMBARRIER_CMD_FLAG_CPU is set.
    ty("membarrier_cpu", |c, a, o| {
        if c.iarg(1) & 1 == 0 {
            return false;
        }
        fmt::dec(o, c.iarg(a.index));
        true
    }),
    // An iovec array whose buffers are shown by address only (remote or advice ranges).
    ty("iovec_addr", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0);
        print_iovec_addrs(c, c.arg(a.index), n, o);
        true
    }),
    ty("mpol_mode", |c, a, o| {
        print_mpol_mode(c, c.arg(a.index), o);
        true
    }),
    // set_mempolicy's mode is an `int` (mbind's an `unsigned long`).
    ty("mpol_imode", |c, a, o| {
        print_mpol_mode(c, u64::from(c.arg(a.index) as u32), o);
        true
    }),
    // get_mempolicy's mode out-pointer: `[MPOL_DEFAULT]`.
    ty("mpol_ptr", |c, a, o| {
        print_num(c, a, 4, o, |o, v| {
            print_enum(c, "mpol_modes", u64::from(v as u32), "MPOL_???", o)
        });
        true
    }),
    ty("nodemask", |c, a, o| {
        let addr = c.arg(a.index);
        let maxnodes = c.len_of(a.param(0)).unwrap_or(0);
        let w = c.word();
        let bits = 8 * w as u64;
        let n = maxnodes.saturating_add(bits).saturating_sub(2) / bits;
        if out_failed(c, a) || n < maxnodes / bits || (maxnodes != 0 && n == 0) {
            fmt::addr(o, addr);
        } else {
            print_array(c, addr, n, w, o, |o, b| fmt::hex_pad(o, le(b, 0, w), 2 * w));
        }
        true
    }),
    // move_pages' arrays: page addresses, target nodes, and per-page results.
    ty("page_list", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0);
        let w = c.word();
        print_array(c, c.arg(a.index), n, w, o, |o, b| fmt::addr(o, le(b, 0, w)));
        true
    }),
    ty("node_list", |c, a, o| {
        let n = c.len_of(a.param(0)).unwrap_or(0);
        print_array(c, c.arg(a.index), n, 4, o, |o, b| {
            fmt::dec(o, le(b, 0, 4) as u32 as i32)
        });
        true
    }),
    ty("page_status", |c, a, o| {
        let addr = c.arg(a.index);
        // No pages: strace prints the empty array even when the call failed.
        if c.len_of(a.param(0)) == Some(0) {
            o.push_str("[]");
            return true;
        }
        if out_failed(c, a) {
            fmt::addr(o, addr);
            return true;
        }
        let n = c.len_of(a.param(0)).unwrap_or(0);
        print_array(c, addr, n, 4, o, |o, b| {
            let v = le(b, 0, 4) as u32 as i32;
            // A negative status is an errno: `-EFAULT`.
            match (v < 0)
                .then(|| table::errno(u64::from(v.unsigned_abs())))
                .flatten()
            {
                Some(e) => fmt::named(o, c, &format!("-{}", e.name), |o| fmt::dec(o, v)),
                None => fmt::dec(o, v),
            }
        });
        true
    }),
];

pub static RETS: &[RetType] = &[
    RetType {
        // C's `%#lx`, as strace prints RVAL_HEX: zero is `0`, not `0x0`.
        name: "xret",
        print: |c, o| fmt::hex(o, c.arch().ulong(c.ret().unwrap_or(0) as u64)),
    },
    RetType {
        // MEMBARRIER_CMD_QUERY returns the supported commands as a bit set.
        name: "membarrier_ret",
        print: |c, o| {
            let v = c.ret().unwrap_or(0) as u64 & 0xffff_ffff;
            if c.iarg(0) != 0 || v == 0 {
                fmt::dec(o, c.ret().unwrap_or(0));
                return;
            }
            let _ = write!(o, "{v:#x} (");
            print_flags(c, "membarrier_cmds", v, "", o);
            o.push(')');
        },
    },
];

/// A C `int` argument as a value of set `name`: only the low 32 bits of the register
/// are the caller's.
pub(super) fn int_enum(c: &Ctx, a: &ArgSpec, o: &mut String, name: &str, dflt: &str) -> bool {
    print_enum(c, name, u64::from(c.iarg(a.index) as u32), dflt, o);
    true
}

/// mmap flags: the sharing type by name, then the other flags, then the huge page size
/// (`0x22 /* MAP_PRIVATE|MAP_ANONYMOUS */` under `-X verbose`).
pub fn print_mmap_flags(c: &Ctx, flags: u64, o: &mut String) {
    fmt::styled(
        o,
        c,
        |o| fmt::hex(o, flags),
        |c, o| mmap_flags_text(c, flags, o),
    );
}

fn mmap_flags_text(c: &Ctx, flags: u64, o: &mut String) {
    let kind = flags & MAP_TYPE;
    match xlat_name(c, "mmap_flags", kind) {
        Some(n) => o.push_str(n),
        None => {
            fmt::hex(o, kind);
            o.push_str(" /* MAP_??? */");
        }
    }
    let mask = MAP_HUGE_MASK << MAP_HUGE_SHIFT;
    let huge = flags & mask;
    let rest = flags & !MAP_TYPE & !mask;
    if rest != 0 {
        o.push('|');
        print_flags(c, "mmap_flags", rest, "", o);
    }
    if huge != 0 {
        let _ = write!(o, "|{}<<MAP_HUGE_SHIFT", huge >> MAP_HUGE_SHIFT);
    }
}

/// A memory policy mode with its optional mode flags: `MPOL_BIND|MPOL_F_STATIC_NODES`.
fn print_mpol_mode(c: &Ctx, v: u64, o: &mut String) {
    // MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING
    const FLAGS: u64 = 0x8000 | 0x4000 | 0x2000;
    let (mode, flags) = (v & !FLAGS, v & FLAGS);
    if flags == 0 {
        print_enum(c, "mpol_modes", mode, "MPOL_???", o);
        return;
    }
    // With mode flags, -X styles the whole value: `0x8000 /* MPOL_DEFAULT|MPOL_F_STATIC_NODES */`.
    fmt::styled(
        o,
        c,
        |o| fmt::hex(o, v),
        |c, o| mpol_mode_text(c, v, mode, flags, o),
    );
}

fn mpol_mode_text(c: &Ctx, v: u64, mode: u64, flags: u64, o: &mut String) {
    match xlat_name(c, "mpol_modes", mode) {
        Some(n) => {
            o.push_str(n);
            o.push('|');
            print_flags(c, "mpol_mode_flags", flags, "", o);
        }
        None => {
            print_flags(c, "mpol_mode_flags", v, "MPOL_???", o);
        }
    }
}

/// mincore's vector: one residency bit per page of the range.
fn print_mincore_vec(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    if out_failed(c, a) {
        fmt::addr(o, addr);
        return true;
    }
    const PAGE: u64 = 4096;
    let len = c.arg(1);
    let pages = len / PAGE + u64::from(!len.is_multiple_of(PAGE));
    print_array(c, addr, pages, 1, o, |o, b| {
        fmt::dec(o, b.first().copied().unwrap_or(0) & 1);
    });
    true
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::record::RecordedMemory;
    use crate::render::text::render_named;

    fn line(name: &str, args: [u64; 6], ret: i64) -> String {
        line_in(&RecordedMemory::new(), name, args, ret)
    }

    fn line_in(mem: &RecordedMemory, name: &str, args: [u64; 6], ret: i64) -> String {
        render_named(Arch::X86_64, name, args, Some(ret), mem)
    }

    fn line_styled(
        mem: &RecordedMemory,
        name: &str,
        args: [u64; 6],
        ret: i64,
        xlat: crate::decode::XlatStyle,
    ) -> String {
        crate::decode::test_line_styled(Arch::X86_64, name, args, ret, mem, xlat)
    }

    #[test]
    fn mmap_lines() {
        assert_eq!(
            line("mmap", [0, 8192, 3, 0x22, u64::MAX, 0], 0x7f00a090e000),
            "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f00a090e000"
        );
        assert_eq!(
            line(
                "mmap",
                [0x7f00a0748000, 1400832, 5, 0x812, 3, 0x26000],
                0x7f00a0748000
            ),
            "mmap(0x7f00a0748000, 1400832, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE, 3, 0x26000) = 0x7f00a0748000"
        );
        assert_eq!(
            line("mmap", [0, 4096, 0, 0x40022 | (21 << 26), u64::MAX, 0], -12),
            "mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE|MAP_ANONYMOUS|MAP_HUGETLB|21<<MAP_HUGE_SHIFT, -1, 0) = -1 ENOMEM (Cannot allocate memory)"
        );
        assert_eq!(
            line("mmap", [0, 4096, 0x10, 0, u64::MAX, 0], -22),
            "mmap(NULL, 4096, 0x10 /* PROT_??? */, MAP_FILE, -1, 0) = -1 EINVAL (Invalid argument)"
        );
    }

    #[test]
    fn brk_munmap_mprotect() {
        assert_eq!(
            line("brk", [0; 6], 0x556a3820c000),
            "brk(NULL)                               = 0x556a3820c000"
        );
        assert_eq!(
            line("munmap", [0x7f00a0904000, 37043, 0, 0, 0, 0], 0),
            "munmap(0x7f00a0904000, 37043)           = 0"
        );
        assert_eq!(
            line("mprotect", [0x7f00a08f1000, 16384, 1, 0, 0, 0], 0),
            "mprotect(0x7f00a08f1000, 16384, PROT_READ) = 0"
        );
    }

    #[test]
    fn mremap_madvise_msync() {
        assert_eq!(
            line(
                "mremap",
                [0x7f0000000000, 4096, 8192, 1, 0, 0],
                0x7f0000100000
            ),
            "mremap(0x7f0000000000, 4096, 8192, MREMAP_MAYMOVE) = 0x7f0000100000"
        );
        assert_eq!(
            line(
                "mremap",
                [0x7f0000000000, 4096, 8192, 3, 0x7f0000200000, 0],
                0x7f0000200000
            ),
            "mremap(0x7f0000000000, 4096, 8192, MREMAP_MAYMOVE|MREMAP_FIXED, 0x7f0000200000) = 0x7f0000200000"
        );
        assert_eq!(
            line("madvise", [0x7f0000000000, 4096, 4, 0, 0, 0], 0),
            "madvise(0x7f0000000000, 4096, MADV_DONTNEED) = 0"
        );
        assert_eq!(
            line("madvise", [0x7f0000000000, 4096, 77, 0, 0, 0], -22),
            "madvise(0x7f0000000000, 4096, 0x4d /* MADV_??? */) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            line("msync", [0x7f0000000000, 4096, 4 | 2, 0, 0, 0], 0),
            "msync(0x7f0000000000, 4096, MS_SYNC|MS_INVALIDATE) = 0"
        );
        assert_eq!(
            line("mlockall", [3, 0, 0, 0, 0, 0], 0),
            "mlockall(MCL_CURRENT|MCL_FUTURE)        = 0"
        );
    }

    #[test]
    fn mincore_vector() {
        let mem = RecordedMemory::new().with(0x1000, vec![1u8, 0, 3]);
        assert_eq!(
            line_in(
                &mem,
                "mincore",
                [0x7f0000000000, 3 * 4096 - 1, 0x1000, 0, 0, 0],
                0
            ),
            "mincore(0x7f0000000000, 12287, [1, 0, 1]) = 0"
        );
        assert_eq!(
            line_in(
                &mem,
                "mincore",
                [0x7f0000000000, 4096, 0x1000, 0, 0, 0],
                -12
            ),
            "mincore(0x7f0000000000, 4096, 0x1000)   = -1 ENOMEM (Cannot allocate memory)"
        );
    }

    #[test]
    fn membarrier_query() {
        assert_eq!(
            line("membarrier", [0, 0, 0, 0, 0, 0], 0x19),
            "membarrier(MEMBARRIER_CMD_QUERY, 0)     = 0x19 (MEMBARRIER_CMD_GLOBAL|MEMBARRIER_CMD_PRIVATE_EXPEDITED|MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED)"
        );
        assert_eq!(
            line("pkey_mprotect", [0x7f0000000000, 4096, 3, 1, 0, 0], 0),
            "pkey_mprotect(0x7f0000000000, 4096, PROT_READ|PROT_WRITE, 1) = 0"
        );
        assert_eq!(
            line("pkey_alloc", [0, 1, 0, 0, 0, 0], 1),
            "pkey_alloc(0, PKEY_DISABLE_ACCESS)      = 1"
        );
    }

    #[test]
    fn mempolicy_nodemasks() {
        let mut mask = vec![0u8; 16 * 8];
        mask[0] = 1;
        let mem = RecordedMemory::new()
            .with(0x1000, mask)
            .with(0x2000, 0u32.to_le_bytes().to_vec());
        let l = line_in(&mem, "set_mempolicy", [5, 0x1000, 1024, 0, 0, 0], 0);
        let zeros = ", 0000000000000000".repeat(15);
        assert_eq!(
            l,
            format!("set_mempolicy(MPOL_PREFERRED_MANY, [0x00000000000001{zeros}], 1024) = 0")
        );
        let l = line_in(&mem, "get_mempolicy", [0x2000, 0, 0, 0, 0, 0], 0);
        assert_eq!(l, "get_mempolicy([MPOL_DEFAULT], NULL, 0, NULL, 0) = 0");
        let l = line_in(
            &mem,
            "mbind",
            [0x7f0000000000, 4096, 2 | 0x8000, 0, 0, 1],
            -22,
        );
        assert_eq!(
            l,
            "mbind(0x7f0000000000, 4096, MPOL_BIND|MPOL_F_STATIC_NODES, NULL, 0, MPOL_MF_STRICT) = -1 EINVAL (Invalid argument)"
        );
    }

    /// `-X raw|verbose` style the mode with its flags as one number, and move_pages'
    /// per-page errno statuses (mbind-Xverbose, move_pages-Xraw in strace's suite).
    #[test]
    fn mempolicy_x_styles() {
        use crate::decode::fmt::XlatStyle::{Raw, Verbose};
        let mem = RecordedMemory::new();
        let args = [0x7f0000000000, 4096, 2 | 0x8000, 0, 0, 0];
        assert_eq!(
            line_styled(&mem, "mbind", args, 0, Raw),
            "mbind(0x7f0000000000, 4096, 0x8002, NULL, 0, 0) = 0"
        );
        assert_eq!(
            line_styled(&mem, "mbind", args, 0, Verbose),
            "mbind(0x7f0000000000, 4096, 0x8002 /* MPOL_BIND|MPOL_F_STATIC_NODES */, NULL, 0, 0) = 0"
        );
        let mem = RecordedMemory::new()
            .with(0x1000, 0x7f0000000000u64.to_le_bytes().to_vec())
            .with(0x2000, (-14i32).to_le_bytes().to_vec());
        let args = [1, 1, 0x1000, 0, 0x2000, 2];
        assert_eq!(
            line_styled(&mem, "move_pages", args, 0, Raw),
            "move_pages(1, 1, [0x7f0000000000], NULL, [-14], 0x2) = 0"
        );
        assert_eq!(
            line_styled(&mem, "move_pages", args, 0, Verbose),
            "move_pages(1, 1, [0x7f0000000000], NULL, [-14 /* -EFAULT */], 0x2 /* MPOL_MF_MOVE */) = 0"
        );
    }

    #[test]
    fn i386_mprotect_truncates() {
        let l = render_named(
            Arch::I386,
            "mprotect",
            [0xf7f00000, 4096, 1, 0, 0, 0],
            Some(0),
            &RecordedMemory::new(),
        );
        assert_eq!(l, "mprotect(0xf7f00000, 4096, PROT_READ)   = 0");
    }
}
