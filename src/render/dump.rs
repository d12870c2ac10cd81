//! `-e read=FDS` / `-e write=FDS`: strace's hex and ASCII dump of the data a call
//! read from or wrote to one of those fds, printed under the call's line. Which calls
//! dump and which buffers they dump follows strace 6.1's dumpio: plain buffers, iovec
//! arrays (`* N bytes in buffer I`), msghdr and mmsghdr vectors.

use crate::decode::Ctx;
use std::fmt::Write;

/// The bytes fetched at once, as strace does (a run it cannot read ends the dump).
const CHUNK: u64 = 1 << 16;

/// Appends the dump lines of the finished call `name` (its line already ended).
pub fn dump_io(c: &Ctx, name: &str, pid: i32, out: &mut String) {
    let fd = c.iarg(0);
    if fd < 0 {
        return;
    }
    let fd = i64::from(fd);
    if c.opts.write_fds.as_ref().is_some_and(|s| s.contains(fd)) {
        match name {
            "write" | "pwrite64" | "send" | "sendto" | "mq_timedsend" | "mq_timedsend_time64" => {
                dump_str(c, c.arg(1), c.arg(2), pid, out)
            }
            "writev" | "pwritev" | "pwritev2" | "vmsplice" => {
                dump_iov(c, c.arg(2), c.arg(1), u64::MAX, pid, out)
            }
            "sendmsg" => dump_msghdr(c, c.arg(1), u64::MAX, pid, out),
            "sendmmsg" => dump_mmsghdr(c, c.arg(1), pid, out),
            _ => {}
        }
    }
    if c.failed() {
        return;
    }
    if c.opts.read_fds.as_ref().is_some_and(|s| s.contains(fd)) {
        let ret = c.ret().unwrap_or(0) as u64;
        match name {
            "read"
            | "pread64"
            | "recv"
            | "recvfrom"
            | "mq_timedreceive"
            | "mq_timedreceive_time64" => dump_str(c, c.arg(1), ret, pid, out),
            "readv" | "preadv" | "preadv2" => dump_iov(c, c.arg(2), c.arg(1), ret, pid, out),
            "recvmsg" => dump_msghdr(c, c.arg(1), ret, pid, out),
            "recvmmsg" | "recvmmsg_time64" => dump_mmsghdr(c, c.arg(1), pid, out),
            _ => {}
        }
    }
}

/// `iovcnt` iovecs at `addr`, dumped buffer by buffer until `size` bytes are shown.
fn dump_iov(c: &Ctx, iovcnt: u64, addr: u64, mut size: u64, pid: i32, out: &mut String) {
    let w = c.word() as u64;
    // strace takes the count as an int: a negative one dumps nothing.
    let Ok(cnt) = u64::try_from(iovcnt as u32 as i32) else {
        return;
    };
    // strace reads the whole array first: an unreadable array dumps nothing.
    let Some(bytes) = cnt.checked_mul(2 * w).and_then(|n| usize::try_from(n).ok()) else {
        return;
    };
    if bytes > 1 << 24 {
        return;
    }
    let mut arr = vec![0u8; bytes];
    if !c.mem.read_exact(addr, &mut arr) {
        return;
    }
    let word = |b: &[u8]| {
        let mut v = [0u8; 8];
        v[..b.len()].copy_from_slice(b);
        u64::from_le_bytes(v)
    };
    for (i, iov) in arr.chunks_exact(2 * w as usize).enumerate() {
        let base = word(&iov[..w as usize]);
        let len = word(&iov[w as usize..]).min(size);
        if len == 0 {
            break;
        }
        size -= len;
        let _ = writeln!(out, " * {len} bytes in buffer {i}");
        dump_str(c, base, len, pid, out);
    }
}

/// The iovecs of the msghdr at `addr`.
fn dump_msghdr(c: &Ctx, addr: u64, size: u64, pid: i32, out: &mut String) {
    let w = c.word() as u64;
    // struct msghdr: name, namelen (padded to a word), iov, iovlen, ...
    let (Some(iov), Some(iovlen)) = (
        c.read_word(addr.wrapping_add(2 * w)),
        c.read_word(addr.wrapping_add(3 * w)),
    ) else {
        return;
    };
    dump_iov(c, iovlen, iov, size, pid, out);
}

/// The first `ret` mmsghdrs at `addr`, each with its own received/sent length.
fn dump_mmsghdr(c: &Ctx, mut addr: u64, pid: i32, out: &mut String) {
    if c.failed() {
        return;
    }
    let w = c.word() as u64;
    // struct mmsghdr: a 7-word msghdr, then unsigned msg_len, padded to a word.
    let size = 7 * w + w.max(4);
    for i in 0..c.ret().unwrap_or(0).max(0) as u64 {
        let (Some(iov), Some(iovlen), Some(len)) = (
            c.read_word(addr.wrapping_add(2 * w)),
            c.read_word(addr.wrapping_add(3 * w)),
            c.mem.read_uint(addr.wrapping_add(7 * w), 4),
        ) else {
            return;
        };
        let _ = writeln!(out, " = {iovlen} buffers in vector {i}");
        dump_iov(c, iovlen, iov, len, pid, out);
        addr = addr.wrapping_add(size);
    }
}

/// `len` bytes at `addr` as strace's dumpstr: 16 per line, offset, hex in two groups
/// of 8, then the printable ASCII.
pub fn dump_str(c: &Ctx, addr: u64, len: u64, pid: i32, out: &mut String) {
    if len.checked_add(16).is_none() || addr.checked_add(len).is_none() {
        return;
    }
    let width = if len > 1 << 20 {
        1 + (63 - (len - 1).leading_zeros() as usize) / 4
    } else {
        5
    };
    let mut buf = Vec::new();
    let mut at = 0u64;
    while at < len {
        let n = (len - at).min(CHUNK);
        buf.resize(n as usize, 0);
        if !c.mem.read_exact(addr + at, &mut buf) {
            if at > 0 {
                let _ = writeln!(
                    out,
                    " | <Cannot fetch {n} byte{} from pid {} @{:#x}>",
                    if n == 1 { "" } else { "s" },
                    pid,
                    addr + at
                );
            }
            return;
        }
        for (k, line) in buf.chunks(16).enumerate() {
            dump_line(out, at + 16 * k as u64, width, line);
        }
        at += n;
    }
}

fn dump_line(out: &mut String, offset: u64, width: usize, line: &[u8]) {
    let _ = write!(out, " | {offset:0width$x}  ");
    for i in 0..16 {
        match line.get(i) {
            Some(b) => {
                let _ = write!(out, "{b:02x} ");
            }
            None => out.push_str("   "),
        }
        if i == 7 || i == 15 {
            out.push(' ');
        }
    }
    for i in 0..16 {
        out.push(match line.get(i) {
            Some(&b) if (b' '..0x7f).contains(&b) => b as char,
            Some(_) => '.',
            None => ' ',
        });
    }
    out.push_str(" |\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::arch::Arch;
    use crate::decode::DecodeOptions;
    use crate::filter::touch::FdSet;
    use crate::record::{RecordedMemory, SyscallRecord};

    fn dump(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory, arch: Arch) -> String {
        let rec = SyscallRecord {
            arch,
            nr: 0,
            args,
            ret: Some(ret),
        };
        let opts = DecodeOptions {
            read_fds: Some(FdSet::parse("3").unwrap().into()),
            write_fds: Some(FdSet::parse("all").unwrap().into()),
            ..Default::default()
        };
        let ctx = Ctx {
            rec: &rec,
            mem,
            opts: &opts,
            saved: &crate::decode::Saved::default(),
        };
        let mut s = String::new();
        dump_io(&ctx, name, 1, &mut s);
        s
    }

    #[test]
    fn lines_like_dumpstr() {
        let data = b"hello world, this is a longer line of text\n\x01\x02\xff";
        let m = RecordedMemory::new().with(0x1000, data.to_vec());
        let want = concat!(
            " | 00000  68 65 6c 6c 6f 20 77 6f  72 6c 64 2c 20 74 68 69  hello world, thi |\n",
            " | 00010  73 20 69 73 20 61 20 6c  6f 6e 67 65 72 20 6c 69  s is a longer li |\n",
            " | 00020  6e 65 20 6f 66 20 74 65  78 74 0a 01 02 ff        ne of text....   |\n",
        );
        assert_eq!(
            dump("read", [3, 0x1000, 64, 0, 0, 0], 46, &m, Arch::X86_64),
            want
        );
        // Not in the read set; a failed read dumps nothing.
        assert_eq!(
            dump("read", [4, 0x1000, 64, 0, 0, 0], 46, &m, Arch::X86_64),
            ""
        );
        assert_eq!(
            dump("read", [3, 0x1000, 64, 0, 0, 0], -9, &m, Arch::X86_64),
            ""
        );
        // A write dumps its whole length, even when it failed.
        assert_eq!(
            dump("pwrite64", [4, 0x1000, 1, 0, 0, 0], -29, &m, Arch::X86_64),
            " | 00000  68                                                h                |\n"
        );
        // Unreadable from the start: nothing.
        assert_eq!(
            dump("write", [4, 0x9000, 3, 0, 0, 0], 3, &m, Arch::X86_64),
            ""
        );
    }

    #[test]
    fn iovecs_up_to_the_returned_size() {
        let mut iov = Vec::new();
        for (base, len) in [(0x2000u64, 4u64), (0x3000, 8)] {
            iov.extend_from_slice(&base.to_le_bytes());
            iov.extend_from_slice(&len.to_le_bytes());
        }
        let m = RecordedMemory::new()
            .with(0x1000, iov)
            .with(0x2000, b"abcd".to_vec())
            .with(0x3000, b"efghijkl".to_vec());
        assert_eq!(
            dump("readv", [3, 0x1000, 2, 0, 0, 0], 6, &m, Arch::X86_64),
            concat!(
                " * 4 bytes in buffer 0\n",
                " | 00000  61 62 63 64                                       abcd             |\n",
                " * 2 bytes in buffer 1\n",
                " | 00000  65 66                                             ef               |\n",
            )
        );
        // i386: 4-byte words in the iovec.
        let mut iov32 = Vec::new();
        iov32.extend_from_slice(&0x2000u32.to_le_bytes());
        iov32.extend_from_slice(&2u32.to_le_bytes());
        let m = m.with(0x1000, iov32);
        assert_eq!(
            dump("writev", [5, 0x1000, 1, 0, 0, 0], 2, &m, Arch::I386),
            concat!(
                " * 2 bytes in buffer 0\n",
                " | 00000  61 62                                             ab               |\n",
            )
        );
    }

    #[test]
    fn wide_offsets_for_big_buffers() {
        let mut s = String::new();
        dump_line(&mut s, 0x100000, 6, b"a");
        assert!(s.starts_with(" | 100000  61 "), "{s}");
    }
}
