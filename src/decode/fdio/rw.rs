//! Data moving between fds: 64-bit file offsets split over registers (pread64,
//! preadv, readahead), iovec arrays (readv/writev, also used by the msghdr and AIO
//! decoders), pipe's fd pair, sendfile's in/out offset, and memfd_create's flags.

use super::super::Ctx;
use super::super::basic::print_fd;
use super::super::fmt;
use crate::arch::Arch;
use crate::decode::array::print_array;
use crate::decode::bytes::{le, print_flags, print_strn, read_or_addr, reg_pair, sle};
use crate::table::ArgSpec;
use std::fmt::Write;

/// Where a 64-bit argument that a row lists at position `i` lives: its first register
/// and the register after it. 32-bit personalities split it over two registers, and
/// arm EABI starts such a pair on an even register.
pub(super) fn lld_regs(c: &Ctx, i: usize, aligned: bool) -> (usize, usize) {
    match c.arch() {
        _ if c.word() == 8 => (i, i + 1),
        Arch::Arm if aligned && i % 2 == 1 => (i + 1, i + 3),
        _ => (i, i + 2),
    }
}

/// The 64-bit value at row position `i` (low word first on 32-bit personalities). Kept
/// apart from file's `split_arg`, which x32 rows read from one register.
pub(super) fn lld(c: &Ctx, i: usize, aligned: bool) -> i64 {
    let (lo, _) = lld_regs(c, i, aligned);
    if c.word() == 4 {
        reg_pair(c, lo) as i64
    } else {
        c.arg(lo) as i64
    }
}

// ---------------------------------------------------------------------------
// iovec arrays.

/// An iovec array of `n` elements as strace prints it, the data of all elements
/// together limited to `data_limit` bytes (a read's return value). Shared with the
/// msghdr decoder.
pub fn print_iovec(c: &Ctx, addr: u64, n: u64, data_limit: Option<u64>, o: &mut String) {
    let w = c.word();
    let mut left = data_limit.unwrap_or(u64::MAX);
    print_array(c, addr, n, 2 * w, o, |o, b| {
        let base = le(b, 0, w);
        let len = le(b, w, w);
        let shown = len.min(left);
        if left != u64::MAX {
            left -= shown;
        }
        o.push_str("{iov_base=");
        print_strn(c, base, shown, true, o);
        let _ = write!(o, ", iov_len={len}}}");
    });
}

/// An iovec array with buffer addresses only (a failed read).
pub fn print_iovec_addrs(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    let w = c.word();
    print_array(c, addr, n, 2 * w, o, |o, b| {
        o.push_str("{iov_base=");
        fmt::addr(o, le(b, 0, w));
        let _ = write!(o, ", iov_len={}}}", le(b, w, w));
    });
}

// ---------------------------------------------------------------------------
// pipe, sendfile.

pub(super) fn print_fd_pair(c: &Ctx, addr: u64, o: &mut String) {
    if let Some(b) = read_or_addr(c, addr, 8, true, o) {
        o.push('[');
        print_fd(c, sle(&b, 0, 4), o);
        o.push_str(", ");
        print_fd(c, sle(&b, 4, 4), o);
        o.push(']');
    }
}

/// Bytes of the offset behind a `sendfile_off` (a long) or `sendfile64_off` row.
fn off_size(c: &Ctx, a: &ArgSpec) -> usize {
    if a.ty.name == "sendfile64_off" {
        8
    } else {
        c.word()
    }
}

pub(super) fn capture_off(c: &Ctx, a: &ArgSpec) -> u64 {
    c.fetch_uint(c.arg(a.index), off_size(c, a)).unwrap_or(0)
}

/// sendfile's offset: `[before]`, and ` => [after]` when data moved.
pub(super) fn print_off_inout(c: &Ctx, a: &ArgSpec, o: &mut String) -> bool {
    let addr = c.arg(a.index);
    let size = off_size(c, a);
    if addr == 0 {
        o.push_str("NULL");
    } else if c.fetch_uint(addr, size).is_none() {
        fmt::addr(o, addr);
    } else {
        let _ = write!(o, "[{}]", c.saved[a.index]);
        // sendfile (not sendfile64) with a zero count is complete at entry in strace.
        let decoded_at_entry = size != 8 && c.arg(a.index + 1) == 0;
        if c.rec.succeeded()
            && c.ret() != Some(0)
            && !decoded_at_entry
            && let Some(v) = c.fetch_uint(addr, size)
        {
            let _ = write!(o, " => [{v}]");
        }
    }
    true
}

// ---------------------------------------------------------------------------
// memfd.

const MFD_HUGE_SHIFT: u32 = 26;
const MFD_HUGE_MASK: u32 = 0x3f << MFD_HUGE_SHIFT;

pub(super) fn print_memfd_flags(c: &Ctx, flags: u32, o: &mut String) {
    if flags == 0 {
        o.push('0');
        return;
    }
    fmt::styled(
        o,
        c,
        |o| fmt::hex(o, flags.into()),
        |c, o| memfd_flags_text(c, flags, o),
    );
}

fn memfd_flags_text(c: &Ctx, flags: u32, o: &mut String) {
    if flags == 0 {
        o.push('0');
        return;
    }
    let huge = flags & MFD_HUGE_MASK;
    let rest = flags & !MFD_HUGE_MASK;
    if rest != 0 || huge == 0 {
        print_flags(c, "memfd_create_flags", rest.into(), "MFD_???", o);
    }
    if huge != 0 {
        if rest != 0 {
            o.push('|');
        }
        let _ = write!(o, "{}<<MFD_HUGE_SHIFT", huge >> MFD_HUGE_SHIFT);
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_util::*;

    #[test]
    fn pipe2_pair_and_failure() {
        let m = RecordedMemory::new().with(0x1000, i32s(&[3, 4]));
        assert_eq!(
            x64("pipe2", [0x1000, 0o2000000, 0, 0, 0, 0], 0, &m),
            line("pipe2([3, 4], O_CLOEXEC)", "0")
        );
        assert_eq!(
            x64("pipe2", [0x1000, 0o4000 | 0o2000000, 0, 0, 0, 0], -24, &m),
            line(
                "pipe2(0x1000, O_NONBLOCK|O_CLOEXEC)",
                "-1 EMFILE (Too many open files)"
            )
        );
        assert_eq!(
            x64("pipe", [0x1000, 0, 0, 0, 0, 0], 0, &m),
            line("pipe([3, 4])", "0")
        );
    }

    #[test]
    fn dup3_and_lseek() {
        let m = RecordedMemory::new();
        assert_eq!(
            x64("dup3", [4, 11, 0o2000000, 0, 0, 0], 11, &m),
            line("dup3(4, 11, O_CLOEXEC)", "11")
        );
        assert_eq!(
            x64("lseek", [7, (-3i64) as u64, 2, 0, 0, 0], 9, &m),
            line("lseek(7, -3, SEEK_END)", "9")
        );
        assert_eq!(
            x64("lseek", [7, 1, 77, 0, 0, 0], -22, &m),
            line(
                "lseek(7, 1, 0x4d /* SEEK_??? */)",
                "-1 EINVAL (Invalid argument)"
            )
        );
    }

    #[test]
    fn readv_limits_data_by_return_value() {
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 4, 0x3000, 100]))
            .with(0x2000, b"hell".to_vec())
            .with(0x3000, b"o world\n".to_vec());
        assert_eq!(
            x64("readv", [7, 0x1000, 2, 0, 0, 0], 12, &m),
            line(
                "readv(7, [{iov_base=\"hell\", iov_len=4}, {iov_base=\"o world\\n\", iov_len=100}], 2)",
                "12"
            )
        );
        assert_eq!(
            x64("readv", [7, 0x1000, 2, 0, 0, 0], -9, &m),
            line(
                "readv(7, [{iov_base=0x2000, iov_len=4}, {iov_base=0x3000, iov_len=100}], 2)",
                "-1 EBADF (Bad file descriptor)"
            )
        );
        // Unreadable array: its address.
        assert_eq!(
            x64("readv", [7, 0x9000, 2, 0, 0, 0], 0, &m),
            line("readv(7, 0x9000, 2)", "0")
        );
    }

    #[test]
    fn writev_i386_layout_and_lookahead() {
        let mut arr = i32s(&[0x2000, 3, 0x3000, 2]);
        arr.truncate(16);
        let m = RecordedMemory::new()
            .with(0x1000, arr)
            .with(0x2000, b"abc".to_vec())
            .with(0x3000, b"\x011".to_vec());
        assert_eq!(
            render_named(Arch::I386, "writev", [1, 0x1000, 2, 0, 0, 0], Some(5), &m),
            line(
                "writev(1, [{iov_base=\"abc\", iov_len=3}, {iov_base=\"\\0011\", iov_len=2}], 2)",
                "5"
            )
        );
        // Escapes never look past the -s limit, even when an octal digit follows.
        let mut data = vec![b'a'; 31];
        data.extend_from_slice(b"\x01234");
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 35]))
            .with(0x2000, data);
        let want = format!(
            "writev(1, [{{iov_base=\"{}\\1\"..., iov_len=35}}], 1)",
            "a".repeat(31)
        );
        assert_eq!(
            x64("writev", [1, 0x1000, 1, 0, 0, 0], 35, &m),
            line(&want, "35")
        );
    }

    #[test]
    fn iovec_array_abbreviated_after_s_elements() {
        let mut arr = Vec::new();
        for _ in 0..40 {
            arr.extend(u64s(&[0x2000, 1]));
        }
        let m = RecordedMemory::new()
            .with(0x1000, arr)
            .with(0x2000, b"x".to_vec());
        let got = x64("writev", [1, 0x1000, 40, 0, 0, 0], 40, &m);
        let elems = vec!["{iov_base=\"x\", iov_len=1}"; 32].join(", ");
        assert_eq!(got, line(&format!("writev(1, [{elems}, ...], 40)"), "40"));
    }

    #[test]
    fn preadv2_flags_after_split_offset() {
        let m = RecordedMemory::new()
            .with(0x1000, u64s(&[0x2000, 4]))
            .with(0x2000, b"hell".to_vec());
        assert_eq!(
            x64("preadv2", [7, 0x1000, 1, 0, 0, 8], 4, &m),
            line(
                "preadv2(7, [{iov_base=\"hell\", iov_len=4}], 1, 0, RWF_NOWAIT)",
                "4"
            )
        );
        assert_eq!(
            render_named(Arch::I386, "pwrite64", [7, 0x2000, 2, 1, 1, 0], Some(2), &m),
            line("pwrite64(7, \"he\", 2, 4294967297)", "2")
        );
    }

    #[test]
    fn memfd_eventfd_sendfile() {
        let m = RecordedMemory::new()
            .with(0x1000, b"mytest\0".to_vec())
            .with(0x2000, 2u64.to_le_bytes().to_vec());
        assert_eq!(
            x64("memfd_create", [0x1000, 3, 0, 0, 0, 0], 14, &m),
            line(
                "memfd_create(\"mytest\", MFD_CLOEXEC|MFD_ALLOW_SEALING)",
                "14"
            )
        );
        assert_eq!(
            x64("memfd_create", [0x1000, 4 | (21 << 26), 0, 0, 0, 0], 15, &m),
            line(
                "memfd_create(\"mytest\", MFD_HUGETLB|21<<MFD_HUGE_SHIFT)",
                "15"
            )
        );
        assert_eq!(
            x64("eventfd2", [0, 0x80801, 0, 0, 0, 0], 13, &m),
            line("eventfd2(0, EFD_SEMAPHORE|EFD_CLOEXEC|EFD_NONBLOCK)", "13")
        );
        assert_eq!(
            x64("sendfile", [16, 7, 0x2000, 5, 0, 0], 5, &m),
            line("sendfile(16, 7, [2] => [2], 5)", "5")
        );
        assert_eq!(
            x64("sendfile", [16, 7, 0, 5, 0, 0], 0, &m),
            line("sendfile(16, 7, NULL, 5)", "0")
        );
        assert_eq!(
            x64("splice", [3, 0, 16, 0x2000, 3, 1], 3, &m),
            line("splice(3, NULL, 16, [2], 3, SPLICE_F_MOVE)", "3")
        );
    }

    #[test]
    fn split_offsets_per_personality() {
        let m = RecordedMemory::new().with(0x2000, b"hello".to_vec());
        assert_eq!(
            render_named(Arch::Arm, "pwrite64", [7, 0x2000, 2, 0, 1, 1], Some(2), &m),
            line("pwrite64(7, \"he\", 2, 4294967297)", "2")
        );
        assert_eq!(
            render_named(Arch::I386, "readahead", [7, 5, 0, 4096, 0, 0], Some(0), &m),
            line("readahead(7, 5, 4096)", "0")
        );
        assert_eq!(
            render_named(Arch::Arm, "readahead", [7, 0, 5, 0, 4096, 0], Some(0), &m),
            line("readahead(7, 5, 4096)", "0")
        );
        assert_eq!(
            x64("readahead", [7, 5, 4096, 0, 0, 0], 0, &m),
            line("readahead(7, 5, 4096)", "0")
        );
        // preadv's halves are explicit arguments: no realignment on arm.
        let v = RecordedMemory::new()
            .with(0x1000, i32s(&[0x2000, 5]))
            .with(0x2000, b"hello".to_vec());
        assert_eq!(
            render_named(Arch::Arm, "pwritev", [7, 0x1000, 1, 3, 0, 0], Some(5), &v),
            line("pwritev(7, [{iov_base=\"hello\", iov_len=5}], 1, 3)", "5")
        );
    }
}
