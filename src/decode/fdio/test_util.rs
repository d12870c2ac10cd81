//! Helpers for the unit tests of the fd decoders: strace-formatted lines and
//! rendering of hand-made records.

pub use crate::arch::Arch;
pub use crate::decode::{Ctx, DecodeOptions};
pub use crate::record::{RecordedMemory, SyscallRecord};
pub use crate::render::text::{render_named, render_one};

/// strace's line: the call, padding to column 40, the result.
pub fn line(call: &str, ret: &str) -> String {
    format!("{:<39} = {ret}", call)
}

pub fn x64(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    render_named(Arch::X86_64, name, args, Some(ret), mem)
}

pub fn i32s(v: &[i32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub fn u64s(v: &[u64]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// What `f` prints for a `name` call that returned `ret`, default options.
pub fn ret_with(
    arch: Arch,
    name: &str,
    args: [u64; 6],
    ret: i64,
    m: &RecordedMemory,
    f: fn(&Ctx, &mut String),
) -> String {
    print_with(arch, name, args, Some(ret), m, f)
}

/// What `f` prints for a `name` call (`ret` None: still at entry), default options
/// and nothing captured at entry.
pub fn print_with(
    arch: Arch,
    name: &str,
    args: [u64; 6],
    ret: Option<i64>,
    m: &RecordedMemory,
    f: fn(&Ctx, &mut String),
) -> String {
    let rec = SyscallRecord {
        arch,
        nr: arch.syscall_number(name).unwrap(),
        args,
        ret,
    };
    let opts = DecodeOptions::default();
    let saved = crate::decode::Saved::default();
    let ctx = Ctx {
        rec: &rec,
        mem: m,
        opts: &opts,
        saved: &saved,
    };
    let mut o = String::new();
    f(&ctx, &mut o);
    o
}
