//! io_uring_register's argument, one layout per opcode: fd arrays, iovecs, the probe,
//! restrictions, resource (un)registration and updates, io-wq affinity and worker
//! limits, ring fds and provided-buffer rings; as strace 6.1 prints them. The argument
//! decodes at exit; worker limits the kernel rewrites are captured at entry (see
//! decode::LIST_CAPTURES) to print `[old] => [new]`.

use crate::decode::array::{abbrev_limit, print_array, print_elems};
use crate::decode::basic::print_fd;
use crate::decode::bytes::{le, print_enum, print_flags, read_bytes, read_or_addr, sle};
use crate::decode::fmt::{self, HexStyle, Quote};
use crate::decode::{Ctx, process};
use crate::table::{self, ArgSpec};
use std::fmt::Write;

/// The opcodes with a layout of their own (include/uapi/linux/io_uring.h).
mod op {
    pub const REGISTER_BUFFERS: u32 = 0;
    pub const REGISTER_FILES: u32 = 2;
    pub const REGISTER_EVENTFD: u32 = 4;
    pub const REGISTER_FILES_UPDATE: u32 = 6;
    pub const REGISTER_EVENTFD_ASYNC: u32 = 7;
    pub const REGISTER_PROBE: u32 = 8;
    pub const REGISTER_RESTRICTIONS: u32 = 11;
    pub const REGISTER_FILES2: u32 = 13;
    pub const REGISTER_FILES_UPDATE2: u32 = 14;
    pub const REGISTER_BUFFERS2: u32 = 15;
    pub const REGISTER_BUFFERS_UPDATE: u32 = 16;
    pub const REGISTER_IOWQ_AFF: u32 = 17;
    pub const REGISTER_IOWQ_MAX_WORKERS: u32 = 19;
    pub const REGISTER_RING_FDS: u32 = 20;
    pub const UNREGISTER_RING_FDS: u32 = 21;
    pub const REGISTER_PBUF_RING: u32 = 22;
    pub const UNREGISTER_PBUF_RING: u32 = 23;
}

/// struct io_uring_probe is 16 bytes, then 8 per op; strace reads at most 256 ops.
const PROBE_HDR: usize = 16;
const PROBE_MAX_OPS: u64 = 256;
/// struct io_uring_rsrc_register and io_uring_rsrc_update2.
const RSRC_SIZE: usize = 32;
/// strace shows extra bytes of a larger structure up to a page.
const PAGE: u64 = 4096;

fn opcode(c: &Ctx) -> u32 {
    c.arg(1) as u32
}

fn nargs(c: &Ctx) -> u64 {
    u64::from(c.arg(3) as u32)
}

/// At entry, the io-wq worker limits IORING_REGISTER_IOWQ_MAX_WORKERS passes (the
/// kernel writes the old ones back); empty for the other opcodes or when unreadable.
pub(crate) fn capture_uring_register_list(c: &Ctx, _: &ArgSpec) -> Vec<u64> {
    if opcode(c) != op::REGISTER_IOWQ_MAX_WORKERS {
        return Vec::new();
    }
    let (addr, n) = (c.arg(2), nargs(c).min(abbrev_limit(c)));
    if addr == 0 {
        return Vec::new();
    }
    let vals: Option<Vec<u64>> = (0..n)
        .map(|i| c.mem.read_uint(addr.wrapping_add(i * 4), 4))
        .collect();
    vals.unwrap_or_default()
}

pub(super) fn print_uring_register_arg(c: &Ctx, _: &ArgSpec, o: &mut String) -> bool {
    let (addr, n) = (c.arg(2), nargs(c));
    match opcode(c) {
        op::REGISTER_BUFFERS => print_iovec_addrs_only(c, addr, n, o),
        op::REGISTER_FILES | op::REGISTER_EVENTFD | op::REGISTER_EVENTFD_ASYNC => {
            print_fd_array(c, addr, n, false, o)
        }
        op::REGISTER_FILES_UPDATE => print_files_update(c, addr, n, o),
        op::REGISTER_PROBE => print_probe(c, addr, n, o),
        op::REGISTER_RESTRICTIONS => {
            print_array(c, addr, n, 16, o, |o, b| print_restriction(c, b, o))
        }
        op::REGISTER_FILES2 | op::REGISTER_BUFFERS2 => print_rsrc(c, addr, n, false, o),
        op::REGISTER_FILES_UPDATE2 | op::REGISTER_BUFFERS_UPDATE => print_rsrc(c, addr, n, true, o),
        // strace prints the mask at entry, whatever the call then does.
        op::REGISTER_IOWQ_AFF => {
            if !c.derefs() {
                fmt::addr(o, addr);
            } else {
                process::print_cpu_list(c, addr, n, o);
            }
        }
        op::REGISTER_IOWQ_MAX_WORKERS => print_max_workers(c, addr, n, o),
        op::REGISTER_RING_FDS | op::UNREGISTER_RING_FDS => {
            let register = opcode(c) == op::REGISTER_RING_FDS;
            print_array(c, addr, n, 16, o, |o, b| print_ring_fd(c, b, register, o))
        }
        op::REGISTER_PBUF_RING | op::UNREGISTER_PBUF_RING => print_buf_reg(c, addr, o),
        _ => fmt::addr(o, addr),
    }
    true
}

/// An iovec array with the buffers' addresses, not their contents.
fn print_iovec_addrs_only(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    let w = c.word();
    print_array(c, addr, n, 2 * w, o, |o, b| {
        o.push_str("{iov_base=");
        fmt::addr(o, le(b, 0, w));
        let _ = write!(o, ", iov_len={}}}", le(b, w, w));
    });
}

/// An int array of fds; `skip` names IORING_REGISTER_FILES_SKIP (and prints the other
/// negative values as numbers) as the update calls do.
fn print_fd_array(c: &Ctx, addr: u64, n: u64, skip: bool, o: &mut String) {
    print_array(c, addr, n, 4, o, |o, b| {
        print_update_fd(c, sle(b, 0, 4), skip, o)
    });
}

fn print_update_fd(c: &Ctx, fd: i64, skip: bool, o: &mut String) {
    match table::xlat("uring_files_update_fds") {
        Some(x) if skip && fd < -1 => fmt::xlat_enum_dec(o, x, c, fd, ""),
        _ => print_fd(c, fd, o),
    }
}

/// A 64-bit user address inside a structure, as an address.
fn addr64(b: &[u8], off: usize) -> u64 {
    le(b, off, 8)
}

/// struct io_uring_files_update: offset, resv, then the fd array.
fn print_files_update(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 16, false, o) else {
        return;
    };
    let _ = write!(o, "{{offset={}", le(&b, 0, 4));
    if le(&b, 4, 4) != 0 {
        let _ = write!(o, ", resv={:#x}", le(&b, 4, 4));
    }
    o.push_str(", fds=");
    print_fd_array(c, addr64(&b, 8), n, true, o);
    o.push('}');
}

/// struct io_uring_probe and its ops. Before the call it must be zeroed, so strace
/// prints it only when it is not (then the kernel fails the call), else the address.
fn print_probe(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    if n > PROBE_MAX_OPS {
        fmt::addr(o, addr);
        return;
    }
    let size = PROBE_HDR + 8 * n as usize;
    let Some(b) = read_or_addr(c, addr, size, false, o) else {
        return;
    };
    if c.failed() && b.iter().all(|&x| x == 0) {
        fmt::addr(o, addr);
        return;
    }
    let ops_len = le(&b, 1, 1);
    o.push_str("{last_op=");
    print_op(c, le(&b, 0, 1), o);
    let _ = write!(o, ", ops_len={ops_len}");
    if le(&b, 2, 2) != 0 {
        let _ = write!(o, ", resv={:#x}", le(&b, 2, 2));
    }
    print_hex_array(&b[4..16], 4, ", resv2=", o);
    o.push_str(", ops=");
    let shown = if c.failed() { n } else { n.min(ops_len) };
    o.push('[');
    let limit = abbrev_limit(c);
    for i in 0..shown {
        if i > 0 {
            o.push_str(", ");
        }
        if i >= limit {
            o.push_str("...");
            break;
        }
        let e = &b[PROBE_HDR + 8 * i as usize..];
        o.push_str("{op=");
        print_op(c, le(e, 0, 1), o);
        if le(e, 1, 1) != 0 {
            let _ = write!(o, ", resv={:#x}", le(e, 1, 1));
        }
        o.push_str(", flags=");
        print_flags(c, "uring_op_flags", le(e, 2, 2), "IO_URING_OP_???", o);
        if le(e, 4, 4) != 0 {
            let _ = write!(o, ", resv2={:#x}", le(e, 4, 4));
        }
        o.push('}');
    }
    if !c.failed() && n < ops_len && shown < limit {
        o.push_str(if shown > 0 { ", ..." } else { "..." });
    }
    o.push(']');
    o.push('}');
}

/// An io_uring op number: its name, else the number in decimal.
fn print_op(c: &Ctx, v: u64, o: &mut String) {
    match table::xlat("uring_ops") {
        Some(x) => fmt::xlat_enum_dec(o, x, c, v as i64, "IORING_OP_???"),
        None => fmt::dec(o, v),
    }
}

/// `{prefix}[0x.., ..]` of `size`-byte values, only when one of them is non-zero.
fn print_hex_array(b: &[u8], size: usize, prefix: &str, o: &mut String) {
    let vals: Vec<u64> = b.chunks(size).map(|ch| le(ch, 0, size)).collect();
    if vals.iter().all(|&v| v == 0) {
        return;
    }
    o.push_str(prefix);
    o.push('[');
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        fmt::hex(o, *v);
    }
    o.push(']');
}

/// struct io_uring_restriction: the opcode, then what it restricts.
fn print_restriction(c: &Ctx, b: &[u8], o: &mut String) {
    let opcode = le(b, 0, 2);
    let arg = le(b, 2, 1);
    o.push_str("{opcode=");
    print_enum(
        c,
        "uring_restriction_opcodes",
        opcode,
        "IORING_RESTRICTION_???",
        o,
    );
    match opcode {
        0 => {
            o.push_str(", register_op=");
            print_enum(c, "uring_register_opcodes", arg, "IORING_REGISTER_???", o);
        }
        1 => {
            o.push_str(", sqe_op=");
            print_enum(c, "uring_ops", arg, "IORING_OP_???", o);
        }
        2 | 3 => {
            o.push_str(", sqe_flags=");
            print_flags(c, "uring_sqe_flags", arg, "IOSQE_???", o);
        }
        _ => {
            o.push_str(" /* op: ");
            fmt::hex(o, arg);
            o.push_str(" */");
        }
    }
    if le(b, 3, 1) != 0 {
        let _ = write!(o, ", resv={:#x}", le(b, 3, 1));
    }
    print_hex_array(&b[4..16], 4, ", resv2=", o);
    o.push('}');
}

/// struct io_uring_rsrc_register (`update` false: nr, flags, resv2, data, tags) or
/// io_uring_rsrc_update2 (offset, resv, data, tags, nr, resv2); `size` is nr_args.
fn print_rsrc(c: &Ctx, addr: u64, size: u64, update: bool, o: &mut String) {
    if size < RSRC_SIZE as u64 {
        fmt::addr(o, addr);
        return;
    }
    let Some(b) = read_or_addr(c, addr, RSRC_SIZE, false, o) else {
        return;
    };
    let (nr, data, tags) = if update {
        let _ = write!(o, "{{offset={}", le(&b, 0, 4));
        if le(&b, 4, 4) != 0 {
            let _ = write!(o, ", resv={:#x}", le(&b, 4, 4));
        }
        (le(&b, 24, 4), addr64(&b, 8), addr64(&b, 16))
    } else {
        let _ = write!(o, "{{nr={}, flags=", le(&b, 0, 4));
        print_flags(
            c,
            "uring_register_rsrc_flags",
            le(&b, 4, 4),
            "IORING_RSRC_REGISTER_???",
            o,
        );
        if addr64(&b, 8) != 0 {
            let _ = write!(o, ", resv2={:#x}", addr64(&b, 8));
        }
        (le(&b, 0, 4), addr64(&b, 16), addr64(&b, 24))
    };
    o.push_str(", data=");
    match opcode(c) {
        op::REGISTER_FILES2 => print_fd_array(c, data, nr, false, o),
        op::REGISTER_FILES_UPDATE2 => print_fd_array(c, data, nr, true, o),
        _ => print_iovec_addrs_only(c, data, nr, o),
    }
    o.push_str(", tags=");
    print_array(c, tags, nr, 8, o, |o, e| fmt::hex(o, le(e, 0, 8)));
    if update {
        let _ = write!(o, ", nr={nr}");
        if le(&b, 28, 4) != 0 {
            let _ = write!(o, ", resv2={:#x}", le(&b, 28, 4));
        }
    }
    if size > RSRC_SIZE as u64 {
        print_nonzero_tail(c, addr, RSRC_SIZE as u64, size.min(PAGE), o);
    }
    o.push('}');
}

/// strace's print_nonzero_bytes: `, /* bytes S..E */ "\x.."` when the bytes of the
/// structure past what it knows are not all zero, `, ???` when they are unreadable.
fn print_nonzero_tail(c: &Ctx, addr: u64, start: u64, end: u64, o: &mut String) {
    let len = (end - start) as usize;
    let Some(b) = read_bytes(c, addr.wrapping_add(start), len) else {
        o.push_str(", ???");
        return;
    };
    if b.iter().all(|&x| x == 0) {
        return;
    }
    let _ = write!(o, ", /* bytes {start}..{} */ ", end - 1);
    let shown = len.min(c.opts.string_limit);
    let q = Quote {
        force_hex: true,
        ..Quote::default()
    };
    fmt::quote_into(o, &b[..shown], q, HexStyle::All);
    if shown < len {
        o.push_str("...");
    }
}

/// The io-wq worker limits by accounting class, `[[IO_WQ_BOUND]=N, ...]`: before the
/// call, then ` => ` what the kernel wrote back (the address when it failed).
fn print_max_workers(c: &Ctx, addr: u64, n: u64, o: &mut String) {
    let before = &c.saved.list;
    let entry_ok = addr != 0 && n != 0 && before.len() as u64 == n.min(abbrev_limit(c));
    if c.failed() || !entry_ok {
        // Memory still holds what was passed: print it as at entry.
        let complete = print_worker_array(c, addr, n, o);
        if complete && c.failed() {
            o.push_str(" => ");
            fmt::addr(o, addr);
        }
        return;
    }
    print_worker_values(c, before, n, o);
    o.push_str(" => ");
    print_worker_array(c, addr, n, o);
}

/// The array read from memory; whether every element was readable.
fn print_worker_array(c: &Ctx, addr: u64, n: u64, o: &mut String) -> bool {
    if addr == 0 || n == 0 {
        o.push_str(if addr == 0 { "NULL" } else { "[]" });
        return false;
    }
    let mut complete = true;
    let limit = abbrev_limit(c);
    let mut read = 0;
    print_elems(c, addr, n, 4, limit, o, |o, i, b| {
        print_worker(c, i, le(b, 0, 4), o);
        read = i + 1;
    });
    if read < n.min(limit) {
        complete = false;
    }
    complete
}

fn print_worker_values(c: &Ctx, vals: &[u64], n: u64, o: &mut String) {
    o.push('[');
    for (i, v) in vals.iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        print_worker(c, i as u64, *v, o);
    }
    if (vals.len() as u64) < n {
        o.push_str(", ...");
    }
    o.push(']');
}

/// `[IO_WQ_BOUND]=3`: the index by its class name, then the limit.
fn print_worker(c: &Ctx, i: u64, v: u64, o: &mut String) {
    o.push('[');
    match table::xlat("uring_iowq_acct") {
        Some(x) => fmt::xlat_enum_dec(o, x, c, i as i64, "IO_WQ_???"),
        None => fmt::dec(o, i),
    }
    let _ = write!(o, "]={v}");
}

/// struct io_uring_rsrc_update of IORING_(UN)REGISTER_RING_FDS.
fn print_ring_fd(c: &Ctx, b: &[u8], register: bool, o: &mut String) {
    let offset = le(b, 0, 4);
    if register && offset == u64::from(u32::MAX) {
        o.push_str("{offset=-1");
    } else {
        let _ = write!(o, "{{offset={offset}");
    }
    if le(b, 4, 4) != 0 {
        let _ = write!(o, ", resv={:#x}", le(b, 4, 4));
    }
    let data = le(b, 8, 8);
    if register {
        o.push_str(", data=");
        print_fd(c, i64::from(data as u32 as i32), o);
    } else if data != 0 {
        let _ = write!(o, ", data={data:#x}");
    }
    o.push('}');
}

/// struct io_uring_buf_reg of IORING_(UN)REGISTER_PBUF_RING.
fn print_buf_reg(c: &Ctx, addr: u64, o: &mut String) {
    let Some(b) = read_or_addr(c, addr, 40, false, o) else {
        return;
    };
    o.push_str("{ring_addr=");
    fmt::addr(o, addr64(&b, 0));
    let _ = write!(o, ", ring_entries={}, bgid={}", le(&b, 8, 4), le(&b, 12, 2));
    if le(&b, 14, 2) != 0 {
        let _ = write!(o, ", pad={:#x}", le(&b, 14, 2));
    }
    print_hex_array(&b[16..40], 8, ", resv=", o);
    o.push('}');
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::decode::{Ctx, DecodeOptions, Saved, capture, print_args};
    use crate::record::{RecordedMemory, SyscallRecord};

    const A: u64 = 0x7ffd_0000_1000;
    const B: u64 = 0x7ffd_0000_2000;

    /// The arguments of io_uring_register(0, op, A, n) whose entry memory was `before`
    /// and exit memory `after`, returning `ret`.
    fn args(op: u64, n: u64, ret: i64, before: &RecordedMemory, after: &RecordedMemory) -> String {
        let rec = SyscallRecord {
            arch: Arch::X86_64,
            nr: Arch::X86_64.syscall_number("io_uring_register").unwrap(),
            args: [0, op, A, n, 0, 0],
            ret: Some(ret),
        };
        let opts = DecodeOptions::default();
        let sig = crate::table::signature_by_name(Arch::X86_64, "io_uring_register");
        let zero = Saved::default();
        let entry = Ctx {
            rec: &rec,
            mem: before,
            opts: &opts,
            saved: &zero,
        };
        let saved = capture(&entry, sig);
        let exit = Ctx {
            rec: &rec,
            mem: after,
            opts: &opts,
            saved: &saved,
        };
        let mut o = String::new();
        print_args(&exit, sig, 0, 4, &mut o, false);
        o
    }

    fn u32s(v: &[u32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    #[test]
    fn max_workers_before_and_after() {
        let before = RecordedMemory::new().with(A, u32s(&[0, 1, 7]));
        let after = RecordedMemory::new().with(A, u32s(&[4, 8, 7]));
        assert_eq!(
            args(19, 3, 0, &before, &after),
            "0, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=1, \
             [2 /* IO_WQ_??? */]=7] => [[IO_WQ_BOUND]=4, [IO_WQ_UNBOUND]=8, \
             [2 /* IO_WQ_??? */]=7], 3"
        );
        assert_eq!(
            args(19, 2, -95, &before, &before),
            format!(
                "0, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=0, [IO_WQ_UNBOUND]=1] \
                 => {A:#x}, 2"
            )
        );
        let short = RecordedMemory::new().with(A, u32s(&[5]));
        assert_eq!(
            args(19, 2, -95, &short, &short),
            format!(
                "0, IORING_REGISTER_IOWQ_MAX_WORKERS, [[IO_WQ_BOUND]=5, ... /* {:#x} */], 2",
                A + 4
            )
        );
    }

    #[test]
    fn files_update_probe_and_restrictions() {
        let mut upd = u32s(&[7, 0]);
        upd.extend(B.to_le_bytes());
        let m = RecordedMemory::new()
            .with(A, upd)
            .with(B, u32s(&[0xffff_ffff, 0xffff_fffe, 0xffff_fffd]));
        assert_eq!(
            args(6, 3, -95, &m, &m),
            "0, IORING_REGISTER_FILES_UPDATE, {offset=7, fds=[-1, IORING_REGISTER_FILES_SKIP, \
             -3]}, 3"
        );
        let zeroed = RecordedMemory::new().with(A, vec![0u8; 16 + 8]);
        assert_eq!(
            args(8, 1, -95, &zeroed, &zeroed),
            format!("0, IORING_REGISTER_PROBE, {A:#x}, 1")
        );
        let mut probe = vec![0u8; 16 + 8];
        probe[0] = 1;
        probe[1] = 0xff;
        probe[16] = 46;
        probe[18] = 1;
        let m = RecordedMemory::new().with(A, probe);
        assert_eq!(
            args(8, 1, -95, &m, &m),
            "0, IORING_REGISTER_PROBE, {last_op=IORING_OP_READV, ops_len=255, \
             ops=[{op=IORING_OP_URING_CMD, flags=IO_URING_OP_SUPPORTED}]}, 1"
        );
        let mut r = vec![0u8; 32];
        r[0] = 1;
        r[2] = 0xff;
        r[16] = 2;
        r[18] = 0x41;
        let m = RecordedMemory::new().with(A, r);
        assert_eq!(
            args(11, 2, -95, &m, &m),
            "0, IORING_REGISTER_RESTRICTIONS, [{opcode=IORING_RESTRICTION_SQE_OP, \
             sqe_op=0xff /* IORING_OP_??? */}, {opcode=IORING_RESTRICTION_SQE_FLAGS_ALLOWED, \
             sqe_flags=IOSQE_FIXED_FILE|IOSQE_CQE_SKIP_SUCCESS}], 2"
        );
    }

    #[test]
    fn resource_registration_tail_bytes_and_buffer_rings() {
        let mut reg = u32s(&[0, 1]);
        reg.extend(0u64.to_le_bytes());
        reg.extend(0u64.to_le_bytes());
        reg.extend(0u64.to_le_bytes());
        reg.extend([0xa0, 0xa1, 0, 0, 0, 0, 0, 0]);
        let m = RecordedMemory::new().with(A, reg);
        assert_eq!(
            args(15, 40, -95, &m, &m),
            "0, IORING_REGISTER_BUFFERS2, {nr=0, flags=IORING_RSRC_REGISTER_SPARSE, \
             data=NULL, tags=NULL, /* bytes 32..39 */ \"\\xa0\\xa1\\x00\\x00\\x00\\x00\\x00\\x00\"}, 40"
        );
        assert_eq!(
            args(13, 48, -95, &m, &m),
            "0, IORING_REGISTER_FILES2, {nr=0, flags=IORING_RSRC_REGISTER_SPARSE, \
             data=NULL, tags=NULL, ???}, 48"
        );
        let mut ring = 0u64.to_le_bytes().to_vec();
        ring.extend(u32s(&[8]));
        ring.extend(42u16.to_le_bytes());
        ring.extend(0u16.to_le_bytes());
        ring.extend([0u8; 8]);
        ring.extend(0xdead_u64.to_le_bytes());
        ring.extend([0u8; 8]);
        let m = RecordedMemory::new().with(A, ring);
        assert_eq!(
            args(22, 1, -95, &m, &m),
            "0, IORING_REGISTER_PBUF_RING, {ring_addr=NULL, ring_entries=8, bgid=42, \
             resv=[0, 0xdead, 0]}, 1"
        );
    }
}
