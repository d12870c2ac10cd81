//! Decoders for 32-bit personalities (i386 on x86_64, arm): calls and layouts that
//! exist only there (old mmap, mmap2, _llseek, stat64 and the old stat, readdir's old
//! dirent), get_thread_area's entry/exit form, and the socketcall/ipc multiplexers. Split 64-bit
//! offsets, old signal calls and *_time64 calls are decoded by the file and
//! signal/time groups.
//!
//! This file owns the registries and the argument-block helpers the submodules share
//! (field reads are `bytes`'); the decoders live by topic: `legacy` (old mmap, _llseek, get_thread_area), `fs`
//! (stat64, the old stat, the old dirent), `ipc` (SysV IPC arguments), `ipc_ctl` (the
//! ctl commands' buffers) and `multiplex` (socketcall, ipc and old select).

mod fs;
mod ipc;
mod ipc_ctl;
mod legacy;
mod multiplex;
#[cfg(test)]
mod test_support;

pub use multiplex::{Subcall, demux};

use super::fmt;
use super::{ArgType, RetType, ty};
use crate::record::MemoryReader;
use std::fmt::Write;

pub static TYPES: &[ArgType] = &[
    ty("llseek_off", legacy::print_llseek_off),
    ty("loff_ptr", legacy::print_loff_ptr),
    // mmap2's offset, given in 4096-byte units whatever the page size.
    ty("mmap_pgoff", |c, a, o| {
        fmt::hex(o, c.arg(a.index).wrapping_mul(4096));
        true
    }),
    ty("old_mmap_args", legacy::print_old_mmap),
    ty("stat64", |c, a, o| {
        fs::print_stat64(c, c.arg(a.index), o);
        true
    }),
    ty("old_stat", |c, a, o| {
        fs::print_old_stat(c, c.arg(a.index), o);
        true
    }),
    ArgType {
        name: "user_desc_get",
        print: legacy::print_user_desc_get,
        capture: Some(legacy::capture_entry_number),
    },
    ty("old_dirent", fs::print_old_dirent),
    ty("readdir_count", fs::print_readdir_count),
    ty("socketcall_call", multiplex::print_socketcall_call),
    ty("ipc_call", multiplex::print_ipc_call),
    // SysV IPC (direct calls and the ipc(2) sub-calls). Generic over personalities;
    // they live here because the ipc multiplexer is this group's.
    ty("ipc_key", ipc::print_ipc_key),
    ty("ipc_get_flags", ipc::print_ipc_get_flags),
    ty("shmget_flags", ipc::print_shmget_flags),
    ty("ipc_cmd", ipc::print_ipc_cmd),
    ty("semun", ipc_ctl::print_semun),
    ty("ipc_buf", ipc_ctl::print_ipc_buf),
    ty("msgtyp", ipc::print_msgtyp),
    ty("sembuf", ipc::print_sembuf_array),
    ty("msgbuf", ipc::print_msgbuf),
];

pub static RETS: &[RetType] = &[RetType {
    name: "shmat_ret",
    print: ipc::print_shmat_ret,
}];

use crate::decode::bytes::{print_flags, word_param};

/// `n` (at most six) tracee words of an argument block at `base`, or `None` when any
/// of them is unreadable.
fn read_words(mem: &dyn MemoryReader, base: u64, word: usize, n: usize) -> Option<[u64; 6]> {
    let mut v = [0u64; 6];
    for (i, slot) in v.iter_mut().enumerate().take(n) {
        *slot = mem.read_uint(base.wrapping_add((i * word) as u64), word)?;
    }
    Some(v)
}

/// `{a=1, b=2}` from a table of field names and each field's value by position.
fn print_fields<T: std::fmt::Display>(o: &mut String, names: &[&str], value: impl Fn(usize) -> T) {
    o.push('{');
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            o.push_str(", ");
        }
        let _ = write!(o, "{name}={}", value(i));
    }
    o.push('}');
}

#[cfg(test)]
mod tests {
    use super::test_support::A;
    use super::*;
    use crate::arch::Arch;
    use crate::decode::{Ctx, DecodeOptions};
    use crate::record::{RecordedMemory, SyscallRecord};
    use crate::table::{ArgSpec, Param};

    #[test]
    fn never_panics_on_garbage() {
        let m = RecordedMemory::new().with(A, vec![0xffu8; 7]);
        for (nr, _) in Arch::I386.syscalls() {
            for args in [[u64::MAX; 6], [A; 6], [0; 6]] {
                let mut rec = SyscallRecord::new(Arch::I386, nr, args);
                for ret in [None, Some(0), Some(-14), Some(i64::MAX)] {
                    rec.ret = ret;
                    let _ = crate::render::text::render_one(&rec, &m, &DecodeOptions::default());
                    let _ = demux(&rec, &m);
                }
            }
        }
        // Every type of this module at every position, on every personality.
        let verbose = DecodeOptions {
            verbose: true,
            ..DecodeOptions::default()
        };
        for arch in Arch::ALL {
            for args in [[u64::MAX; 6], [A; 6], [0; 6]] {
                for ret in [None, Some(0), Some(-14), Some(i64::MAX)] {
                    let rec = SyscallRecord {
                        arch,
                        nr: 0,
                        args,
                        ret,
                    };
                    for opts in [&DecodeOptions::default(), &verbose] {
                        for saved in [[0u64; 6], [u64::MAX; 6]].map(crate::decode::Saved::from) {
                            let ctx = Ctx {
                                rec: &rec,
                                mem: &m,
                                opts,
                                saved: &saved,
                            };
                            for t in TYPES {
                                for index in 0..6 {
                                    let spec = ArgSpec {
                                        ty: t,
                                        params: vec![Param::Arg(2)],
                                        out: index % 2 == 0,
                                        index,
                                    };
                                    let mut s = String::new();
                                    (t.print)(&ctx, &spec, &mut s);
                                    if let Some(c) = t.capture {
                                        let _ = c(&ctx, &spec);
                                    }
                                }
                            }
                            for r in RETS {
                                let mut s = String::new();
                                (r.print)(&ctx, &mut s);
                            }
                        }
                    }
                }
            }
        }
    }
}
