//! What the submodules' unit tests share: rendering a whole i386 line, and printing one
//! argument through its registered type with a hand-made record.

use crate::arch::Arch;
use crate::decode::{Ctx, DecodeOptions};
use crate::record::{MemoryReader, RecordedMemory, SyscallRecord};
use crate::render::text::render_named;
use crate::table::{ArgSpec, Param};

/// A typical i386 stack address, so that expectations show 32-bit pointers.
pub const A: u64 = 0xffa0_0000;

/// A rendered line with the alignment padding before `=` squashed to one space,
/// so expectations need not count columns.
fn squash(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find(") ") {
        out.push_str(&rest[..i + 2]);
        let after = rest[i + 2..].trim_start_matches(' ');
        if after.starts_with("= ") {
            out.push_str(after);
            return out;
        }
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

pub fn i386(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    squash(&render_named(Arch::I386, name, args, Some(ret), mem))
}

/// The `-v` line of an i386 call, as rendered (padding kept).
pub fn i386_verbose(name: &str, args: [u64; 6], ret: i64, mem: &RecordedMemory) -> String {
    let rec = SyscallRecord {
        arch: Arch::I386,
        nr: Arch::I386.syscall_number(name).unwrap_or(0),
        args,
        ret: Some(ret),
    };
    let opts = DecodeOptions {
        verbose: true,
        ..DecodeOptions::default()
    };
    crate::render::text::render_one(&rec, mem, &opts)
}

/// The spec of argument `index` with the registered type `name`.
pub fn spec(name: &str, index: usize, params: Vec<Param>, out: bool) -> ArgSpec {
    ArgSpec {
        ty: crate::decode::arg_type(name).unwrap_or(&super::TYPES[0]),
        params,
        out,
        index,
    }
}

/// Prints `spec`'s argument of `rec` with the entry captures `saved`; also returns
/// whether the type printed anything.
pub fn print(
    rec: &SyscallRecord,
    saved: &[u64; 6],
    spec: &ArgSpec,
    m: &dyn MemoryReader,
) -> (bool, String) {
    let opts = DecodeOptions::default();
    let saved = crate::decode::Saved::from(*saved);
    let ctx = Ctx {
        rec,
        mem: m,
        opts: &opts,
        saved: &saved,
    };
    let mut s = String::new();
    let shown = (spec.ty.print)(&ctx, spec, &mut s);
    (shown, s)
}

/// Prints one argument of type `name` at index 0 of an i386 record.
pub fn arg_alone(name: &str, args: [u64; 6], ret: Option<i64>, m: &RecordedMemory) -> String {
    let mut rec = SyscallRecord::new(Arch::I386, 90, args);
    rec.ret = ret;
    print(&rec, &[0; 6], &spec(name, 0, vec![], false), m).1
}

/// Prints argument `index` of type `name` for a record of `arch`.
pub fn arg_on(
    arch: Arch,
    name: &str,
    index: usize,
    params: Vec<Param>,
    args: [u64; 6],
    ret: i64,
    m: &RecordedMemory,
) -> String {
    let rec = SyscallRecord {
        arch,
        nr: 0,
        args,
        ret: Some(ret),
    };
    print(&rec, &[0; 6], &spec(name, index, params, true), m).1
}
