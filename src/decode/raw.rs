//! `-e raw=SET`: the calls printed undecoded, as strace's printargs prints them: as
//! many argument words as strace's tables give the call, in hex, and the result in hex.

use super::{ArgSpec, DecodeOptions, Signature, arg_type, ret_type};
use crate::arch::Arch;
use crate::record::SyscallRecord;

/// How many arguments strace's printargs shows where a row decodes another number
/// (strace 6.1's syscallent tables: calls whose rows print fewer words, the sigreturns
/// that read a frame, and i386's 64-bit values split over two registers).
const RAW_ARG_COUNTS: &[(Option<Arch>, &str, usize)] = &[
    (None, "futex", 6),
    (None, "prctl", 5),
    (None, "ptrace", 4),
    (None, "restart_syscall", 0),
    (None, "rt_sigreturn", 0),
    (None, "sigreturn", 0),
    (Some(Arch::X86_64), "lookup_dcookie", 3),
    (Some(Arch::I386), "fadvise64", 5),
    (Some(Arch::I386), "fadvise64_64", 6),
    (Some(Arch::I386), "fallocate", 6),
    (Some(Arch::I386), "fanotify_mark", 6),
    (Some(Arch::I386), "ftruncate64", 3),
    (Some(Arch::I386), "pread64", 5),
    (Some(Arch::I386), "preadv", 5),
    (Some(Arch::I386), "pwrite64", 5),
    (Some(Arch::I386), "pwritev", 5),
    (Some(Arch::I386), "readahead", 4),
    (Some(Arch::I386), "sync_file_range", 6),
    (Some(Arch::I386), "truncate64", 3),
];

/// The signature a call prints with, every argument of `sig` (six without
/// one) as a hex word and the return value in hex, as strace's printargs. Built once
/// per syscall and kept for the life of the trace.
pub fn raw_signature(
    opts: &DecodeOptions,
    rec: &SyscallRecord,
    sig: Option<&'static Signature>,
) -> Option<&'static Signature> {
    use std::collections::HashMap;
    use std::sync::Mutex;
    // Keyed by row and personality: rows are shared, argument counts are not.
    static RAW: Mutex<Option<HashMap<(usize, Arch), &'static Signature>>> = Mutex::new(None);
    let (Some(set), Some(sig)) = (&opts.raw, sig) else {
        return sig;
    };
    if !set.traced(rec.arch, rec.nr) {
        return Some(sig);
    }
    let mut raw = RAW.lock().unwrap_or_else(|e| e.into_inner());
    let raw = raw.get_or_insert_with(HashMap::new);
    let key = (sig as *const Signature as usize, rec.arch);
    let made = raw.entry(key).or_insert_with(|| {
        let hex = arg_type("hex").expect("the hex type is registered");
        let n = RAW_ARG_COUNTS
            .iter()
            .find(|(a, name, _)| a.is_none_or(|a| a == rec.arch) && *name == sig.name)
            .map(|&(_, _, n)| n)
            .unwrap_or_else(|| sig.args.iter().map(|a| a.index + 1).max().unwrap_or(0));
        Box::leak(Box::new(Signature {
            name: sig.name.clone(),
            classes: sig.classes,
            ret: ret_type("hex").expect("the hex return type is registered"),
            args: (0..n)
                .map(|index| ArgSpec {
                    ty: hex,
                    params: Vec::new(),
                    out: false,
                    index,
                })
                .collect(),
        }))
    });
    Some(*made)
}

#[cfg(test)]
mod tests {
    use crate::arch::Arch;
    use crate::decode::DecodeOptions;
    use crate::filter::SyscallFilter;
    use crate::record::{RecordedMemory, SyscallRecord};
    use crate::render::text::render_one;

    fn raw(arch: Arch, name: &str, args: [u64; 6], ret: i64) -> String {
        let opts = DecodeOptions {
            raw: Some(SyscallFilter::parse(name).unwrap().into()),
            ..DecodeOptions::default()
        };
        let rec = SyscallRecord {
            arch,
            nr: arch.syscall_number(name).unwrap(),
            args,
            ret: Some(ret),
        };
        render_one(&rec, &RecordedMemory::new(), &opts)
    }

    /// strace's printargs: as many words as its tables give the call, the result in
    /// hex, errors as usual.
    #[test]
    fn raw_calls_print_strace_argument_counts() {
        assert_eq!(
            raw(Arch::X86_64, "futex", [0x1000, 0x81, 1, 0, 0, 0], 0),
            "futex(0x1000, 0x81, 0x1, 0, 0, 0)       = 0"
        );
        assert_eq!(
            raw(
                Arch::X86_64,
                "openat",
                [(-100i64) as u64, 0x2000, 0x80000, 0, 0, 0],
                3
            ),
            "openat(0xffffffffffffff9c, 0x2000, 0x80000, 0) = 0x3"
        );
        assert_eq!(
            raw(Arch::X86_64, "close", [99, 0, 0, 0, 0, 0], -9),
            "close(0x63)                             = -1 EBADF (Bad file descriptor)"
        );
        assert_eq!(
            raw(Arch::I386, "pread64", [3, 0x2000, 16, 0, 0, 0], 16),
            "pread64(0x3, 0x2000, 0x10, 0, 0)        = 0x10"
        );
        // The same row, another personality: its own count.
        assert_eq!(
            raw(Arch::X86_64, "pread64", [3, 0x2000, 16, 0, 0, 0], 16),
            "pread64(0x3, 0x2000, 0x10, 0)           = 0x10"
        );
    }
}
