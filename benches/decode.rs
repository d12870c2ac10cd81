//! Micro-benchmarks of the pure side (issue 7): nanoseconds to decode and format one
//! syscall, entry and exit, with the text renderer as the tracer drives it (one
//! long-lived sink writing to io::sink), and to count one in `-c` mode. The tracee's
//! memory is a RecordedMemory, so no ptrace is involved.
//!
//! `cargo bench --bench decode` (criterion; `-- --quick` for a short run).

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use trace::arch::Arch;
use trace::decode::DecodeOptions;
use trace::event::{Sink, Timing};
use trace::record::{RecordedMemory, SyscallRecord};
use trace::render::summary::{SummaryOptions, SummarySink};
use trace::render::text::{TextOptions, TextSink, render_one};

fn rec(name: &str, args: [u64; 6], ret: i64) -> SyscallRecord {
    let arch = Arch::X86_64;
    SyscallRecord {
        arch,
        nr: arch.syscall_number(name).expect("x86_64 syscall"),
        args,
        ret: Some(ret),
    }
}

/// A 144-byte x86_64 `struct stat` of a 0644 regular file of 2,220 bytes.
fn stat_bytes() -> Vec<u8> {
    let mut b = vec![0u8; 144];
    b[24..28].copy_from_slice(&0o100644u32.to_le_bytes());
    b[48..56].copy_from_slice(&2220u64.to_le_bytes());
    b
}

/// The representative calls: (label, record, memory, what its line starts with).
fn cases() -> Vec<(&'static str, SyscallRecord, RecordedMemory, &'static str)> {
    let elf: Vec<u8> = b"\x7fELF\x02\x01\x01\0"
        .iter()
        .copied()
        .chain((0..824).map(|i| i as u8))
        .collect();
    vec![
        (
            "openat",
            rec("openat", [-100i64 as u64, 0x1000, 0x80000, 0, 0, 0], 3),
            RecordedMemory::new().with(0x1000, b"/etc/ld.so.cache\0".to_vec()),
            "openat(AT_FDCWD, \"/etc/ld.so.cache\", O_RDONLY|O_CLOEXEC) = 3",
        ),
        (
            "read",
            rec("read", [3, 0x2000, 832, 0, 0, 0], 832),
            RecordedMemory::new().with(0x2000, elf),
            "read(3, \"\\177ELF\\2\\1\\1\\0",
        ),
        (
            "mmap",
            rec("mmap", [0, 8192, 3, 0x22, u64::MAX, 0], 0x7f12_3456_7000),
            RecordedMemory::new(),
            "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x7f1234567000",
        ),
        (
            "fstat",
            rec("fstat", [3, 0x3000, 0, 0, 0, 0], 0),
            RecordedMemory::new().with(0x3000, stat_bytes()),
            "fstat(3, {st_mode=S_IFREG|0644, st_size=2220, ...}) = 0",
        ),
    ]
}

fn text_options() -> TextOptions {
    TextOptions::plain(DecodeOptions::default())
}

fn benches(c: &mut Criterion) {
    let cases = cases();
    for (label, r, mem, expect) in &cases {
        // Measure the real line, not an error path.
        let line = render_one(r, mem, &DecodeOptions::default());
        assert!(line.starts_with(expect), "{label}: {line}");
    }

    // The tracer's view: one sink for the whole trace, entry then exit per call.
    let mut g = c.benchmark_group("text sink (entry + exit)");
    for (label, r, mem, _) in &cases {
        let mut sink = TextSink::new(std::io::sink(), text_options());
        let mut entry = r.clone();
        entry.ret = None;
        let timing = Timing::default();
        g.bench_function(*label, |b| {
            b.iter(|| {
                sink.syscall_entry(1, black_box(&entry), mem);
                sink.syscall_exit(1, black_box(r), mem, &timing);
            })
        });
    }
    g.finish();

    // render_one: the same plus a fresh sink and the returned String per call.
    let mut g = c.benchmark_group("render_one");
    for (label, r, mem, _) in &cases {
        let opts = DecodeOptions::default();
        g.bench_function(*label, |b| b.iter(|| render_one(black_box(r), mem, &opts)));
    }
    g.finish();

    // -c: counting an exit reads no memory and formats nothing.
    let mut summary = SummarySink::new(SummaryOptions::default());
    let mem = RecordedMemory::new();
    let (_, read, _, _) = &cases[1];
    let timing = Timing::default();
    c.bench_function("-c count one exit (read)", |b| {
        b.iter(|| summary.syscall_exit(1, black_box(read), &mem, &timing))
    });
}

criterion_group!(decode, benches);
criterion_main!(decode);
