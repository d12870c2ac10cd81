//! Calls of the 32-bit ABIs that pass their values in an older shape: _llseek's split
//! offset and result pointer, i386's old mmap with its argument block, and
//! get_thread_area, whose entry_number is shown as given at entry and as returned.

use super::super::basic::print_uid;
use super::super::fmt;
use super::read_words;
use crate::arch::Arch;
use crate::decode::Ctx;
use crate::decode::bytes::{le, print_dec_at};
use crate::decode::process::print_user_desc_tail;
use crate::table::ArgSpec;
use std::fmt::Write;

/// _llseek's offset: high word in this register, low word in the next.
pub(super) fn print_llseek_off(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let v = (c.arg(a.index) << 32) | (c.arg(a.index + 1) & 0xffff_ffff);
    fmt::dec(o, v as i64);
    true
}

/// A pointer to a 64-bit unsigned result: `[10]`.
pub(super) fn print_loff_ptr(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    print_dec_at(c, c.arg(a.index), a.out, 8, false, o);
    true
}

/// i386's old mmap(2): the six words of its argument block, printed as mmap's
/// arguments, or the block's address when it cannot be read.
pub(super) fn print_old_mmap(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let base = c.arg(a.index);
    let Some(v) = read_words(c.mem, base, c.word(), 6) else {
        fmt::addr(o, base);
        return true;
    };
    fmt::addr(o, v[0]);
    let _ = write!(o, ", {}, ", v[1]);
    super::print_flags(c, "mmap_prot", v[2], "PROT_???", o);
    o.push_str(", ");
    super::super::memory::print_mmap_flags(c, v[3], o);
    let _ = write!(o, ", {}, ", v[4] as u32 as i32);
    fmt::hex(o, v[5]);
    true
}

/// Marks a capture whose pointer could not be read at entry.
const UNREADABLE: u64 = 1 << 63;

/// entry_number as strace's PRINT_VAL_ID: -1 stays -1, anything else unsigned.
fn print_entry_number(o: &mut String, n: u32) {
    print_uid(o, n);
}

/// The `lm` bit exists for callers with 64-bit kernel longs only. Decided by arch here
/// and by kernel long size in process's user_desc; kept apart so neither output moves.
fn has_lm(c: &Ctx) -> bool {
    matches!(c.arch(), Arch::X86_64 | Arch::X32)
}

pub(super) fn capture_entry_number(c: &Ctx, a: &ArgSpec) -> u64 {
    if !c.derefs() {
        return UNREADABLE;
    }
    c.mem.read_uint(c.arg(a.index), 4).unwrap_or(UNREADABLE)
}

/// get_thread_area's argument as strace shows it: entry_number as given at entry, then
/// the fields the kernel filled in, or `, ...}` when the call failed. (set_thread_area
/// and the plain struct are the memory/process group's `user_desc`.)
pub(super) fn print_user_desc_get(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let saved = c.saved.get(a.index).copied().unwrap_or(UNREADABLE);
    if addr == 0 {
        o.push_str("NULL");
        return true;
    }
    if saved == UNREADABLE {
        fmt::addr(o, addr);
        return true;
    }
    o.push_str("{entry_number=");
    print_entry_number(o, saved as u32);
    let mut b = [0u8; 16];
    if !c.exiting() || c.failed() || !c.mem.read_exact(addr, &mut b) {
        o.push_str(", ...}");
        return true;
    }
    let now = le(&b, 0, 4);
    if now != saved {
        o.push_str(" -> ");
        print_entry_number(o, now as u32);
    }
    print_user_desc_tail(o, &b, has_lm(c));
    true
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{A, arg_alone, i386, print, spec};
    use crate::arch::Arch;
    use crate::record::{RecordedMemory, SyscallRecord};

    #[test]
    fn llseek_lines() {
        let m = RecordedMemory::new().with(A, 10u64.to_le_bytes().to_vec());
        assert_eq!(
            i386("_llseek", [3, 0, 10, A, 0, 0], 0, &m),
            "_llseek(3, 10, [10], SEEK_SET) = 0"
        );
        assert_eq!(
            i386("_llseek", [99, 1, 2, A, 1, 0], -9, &m),
            "_llseek(99, 4294967298, 0xffa00000, SEEK_CUR) = -1 EBADF (Bad file descriptor)"
        );
        assert_eq!(
            i386("_llseek", [0, 0, 0, 0, 2, 0], -14, &m),
            "_llseek(0, 0, NULL, SEEK_END) = -1 EFAULT (Bad address)"
        );
    }

    fn user_desc(entry: u32) -> Vec<u8> {
        let mut b = Vec::new();
        b.extend_from_slice(&entry.to_le_bytes());
        b.extend_from_slice(&0xf7f0_0600u32.to_le_bytes());
        b.extend_from_slice(&0xfffffu32.to_le_bytes());
        b.extend_from_slice(&0x51u32.to_le_bytes());
        b
    }

    #[test]
    fn get_thread_area_lines() {
        let m = RecordedMemory::new().with(A, user_desc(12));
        assert_eq!(
            i386("get_thread_area", [A, 0, 0, 0, 0, 0], 0, &m),
            "get_thread_area({entry_number=12, base_addr=0xf7f00600, limit=0x0fffff, \
             seg_32bit=1, contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, \
             useable=1}) = 0"
        );
        // A slot number that changed between entry and exit, on a 64-bit caller.
        let mut rec = SyscallRecord::new(
            Arch::X86_64,
            Arch::X86_64.syscall_number("get_thread_area").unwrap_or(0),
            [A, 0, 0, 0, 0, 0],
        );
        rec.ret = Some(0);
        let saved = [u64::from(u32::MAX), 0, 0, 0, 0, 0];
        let (_, s) = print(&rec, &saved, &spec("user_desc_get", 0, vec![], true), &m);
        assert_eq!(
            s,
            "{entry_number=-1 -> 12, base_addr=0xf7f00600, limit=0x0fffff, seg_32bit=1, \
             contents=0, read_exec_only=0, limit_in_pages=1, seg_not_present=0, useable=1, lm=0}"
        );
        let m99 = RecordedMemory::new().with(A, user_desc(99));
        assert_eq!(
            i386("get_thread_area", [A, 0, 0, 0, 0, 0], -22, &m99),
            "get_thread_area({entry_number=99, ...}) = -1 EINVAL (Invalid argument)"
        );
        assert_eq!(
            i386("get_thread_area", [0, 0, 0, 0, 0, 0], -14, &m99),
            "get_thread_area(NULL) = -1 EFAULT (Bad address)"
        );
    }

    #[test]
    fn mmap2_offset_in_pages() {
        let rec = SyscallRecord::new(Arch::I386, 192, [0, 4096, 1, 2, 99, 0x12345]);
        let mmap_pgoff = spec("mmap_pgoff", 5, vec![], false);
        let (shown, s) = print(&rec, &[0; 6], &mmap_pgoff, &RecordedMemory::new());
        assert!(shown);
        assert_eq!(s, "0x12345000");
    }

    #[test]
    fn old_mmap_block() {
        let mut blk = Vec::new();
        for v in [0u32, 4096, 3, 0x22, u32::MAX, 0] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        for v in [0xf7f0_0000u32, 8192, 5, 0x4000812, 3, 0x1000] {
            blk.extend_from_slice(&v.to_le_bytes());
        }
        let m = RecordedMemory::new().with(A, blk);
        assert_eq!(
            arg_alone("old_mmap_args", [A, 0, 0, 0, 0, 0], None, &m),
            "NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0"
        );
        assert_eq!(
            arg_alone("old_mmap_args", [A + 24, 0, 0, 0, 0, 0], None, &m),
            "0xf7f00000, 8192, PROT_READ|PROT_EXEC, MAP_PRIVATE|MAP_FIXED|MAP_DENYWRITE|1<<MAP_HUGE_SHIFT, 3, 0x1000"
        );
        assert_eq!(
            arg_alone("old_mmap_args", [0x10, 0, 0, 0, 0, 0], None, &m),
            "0x10"
        );
        assert_eq!(
            i386("mmap", [A, 0, 0, 0, 0, 0], 0xf7f0_0000, &m),
            "mmap(NULL, 4096, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0xf7f00000"
        );
        assert_eq!(
            i386("mmap2", [0, 4096, 1, 2, 99, 0x12345], -9, &m),
            "mmap2(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0x12345000) = -1 EBADF (Bad file descriptor)"
        );
    }

    #[test]
    fn raw_legacy_calls() {
        let m = RecordedMemory::new();
        // (`break` itself is named `r#break` by the syscalls crate; see the report.)
        assert_eq!(
            i386("ftime", [0; 6], -38, &m),
            "ftime() = -1 ENOSYS (Function not implemented)"
        );
        assert_eq!(
            i386("ulimit", [1, 0, 0, 0, 0, 0], -38, &m),
            "ulimit(0x1, 0) = -1 ENOSYS (Function not implemented)"
        );
        assert_eq!(
            i386("vm86old", [0; 6], -38, &m),
            "vm86old(0) = -1 ENOSYS (Function not implemented)"
        );
    }
}
