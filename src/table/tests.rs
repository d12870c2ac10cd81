//! Consistency of the compiled-in tables: every file parses, rows name real syscalls,
//! and every architecture's numbers agree with the `syscalls` crate, the kernel headers
//! installed here and `syscall-tables/numbers.tsv`.

use super::*;

#[test]
fn every_table_file_parses() {
    let errs: Vec<String> = xlat_errors()
        .iter()
        .chain(signatures().errors.iter())
        .map(|e| e.to_string())
        .collect();
    assert!(errs.is_empty(), "table errors:\n{}", errs.join("\n"));
}

#[test]
fn signature_rows_are_sorted_and_name_real_syscalls() {
    for &(file, text) in files::SIGNATURE_FILES.iter().chain(files::ARCH_FILES) {
        let names: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{file}.tsv is not sorted by name");
        let arches: Vec<Arch> = match Arch::from_name(file) {
            Some(a) => vec![a],
            None => Arch::ALL.to_vec(),
        };
        for n in names {
            assert!(
                arches.iter().any(|a| a.syscall_number(n).is_some()),
                "{file}.tsv: {n} is no syscall of {arches:?}"
            );
        }
    }
}

/// The `__NR_name` numbers a kernel header defines, if it is installed: plain numbers,
/// `(__X32_SYSCALL_BIT + N)`, and names defined as another define (asm-generic's
/// `__NR_newfstatat __NR3264_fstatat`).
fn header_numbers(path: &str) -> Option<Vec<(String, u64)>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut defs: std::collections::HashMap<String, String> = Default::default();
    let mut order = Vec::new();
    for l in text.lines() {
        let Some(rest) = l.trim_start().strip_prefix("#define ") else {
            continue;
        };
        let mut w = rest.splitn(2, char::is_whitespace);
        let (Some(name), Some(value)) = (w.next(), w.next()) else {
            continue;
        };
        if name.starts_with("__NR") {
            defs.insert(name.to_string(), value.trim().to_string());
            order.push(name.to_string());
        }
    }
    fn resolve(
        defs: &std::collections::HashMap<String, String>,
        v: &str,
        depth: u8,
    ) -> Option<u64> {
        if let Some(n) = v
            .strip_prefix("(__X32_SYSCALL_BIT + ")
            .and_then(|r| r.strip_suffix(')'))
        {
            return n.trim().parse::<u64>().ok().map(|n| n | X32_SYSCALL_BIT);
        }
        match v.parse() {
            Ok(n) => Some(n),
            Err(_) if depth < 4 => resolve(defs, defs.get(v)?, depth + 1),
            Err(_) => None,
        }
    }
    Some(
        order
            .iter()
            .filter_map(|n| {
                let name = n.strip_prefix("__NR_")?;
                Some((name.to_string(), resolve(&defs, &defs[n], 0)?))
            })
            .collect(),
    )
}

use crate::arch::X32_SYSCALL_BIT;

#[test]
fn numbers_agree_with_kernel_headers() {
    // asm-generic/unistd.h is the table of aarch64 and riscv64 (both also pick some
    // optional calls; only the names the crate gives them are compared).
    for (arch, path, min) in [
        (
            Arch::X86_64,
            "/usr/include/x86_64-linux-gnu/asm/unistd_64.h",
            300,
        ),
        (
            Arch::I386,
            "/usr/include/x86_64-linux-gnu/asm/unistd_32.h",
            300,
        ),
        (
            Arch::X32,
            "/usr/include/x86_64-linux-gnu/asm/unistd_x32.h",
            300,
        ),
        (Arch::Aarch64, "/usr/include/asm-generic/unistd.h", 250),
        (Arch::Riscv64, "/usr/include/asm-generic/unistd.h", 250),
    ] {
        let Some(defs) = header_numbers(path) else {
            eprintln!("SKIPPED: {path} not installed (linux-libc-dev)");
            continue;
        };
        let mut compared = 0;
        for (name, nr) in &defs {
            // Headers may be newer than the crate: only names the crate knows.
            if let Some(crate_nr) = arch.syscall_number(name) {
                // asm-generic numbers sync_file_range2 and the 32-bit names too; the
                // crate has the ones each 64-bit arch uses.
                assert_eq!(crate_nr, *nr, "{arch:?} {name} ({path})");
                assert_eq!(lookup(arch, *nr).map(|(n, _)| n), Some(name.as_str()));
                compared += 1;
            }
        }
        assert!(compared > min, "{arch:?}: only {compared} numbers compared");
    }
}

/// Each personality's table is the crate's, number for number, under the names strace
/// prints (names.tsv), plus the calls of numbers.tsv; `Sysno::new` is the only way in.
#[test]
fn every_arch_matches_the_syscalls_crate() {
    fn crate_table<T: Copy>(
        all: impl Iterator<Item = T>,
        id: impl Fn(T) -> i32,
        name: impl Fn(T) -> &'static str,
    ) -> Vec<(u64, &'static str)> {
        all.map(|s| (id(s) as u64, name(s).trim_start_matches("r#")))
            .collect()
    }
    for arch in Arch::ALL {
        let table = match arch {
            Arch::X86_64 | Arch::X32 => {
                crate_table(syscalls::x86_64::Sysno::iter(), |s| s.id(), |s| s.name())
            }
            Arch::I386 => crate_table(syscalls::x86::Sysno::iter(), |s| s.id(), |s| s.name()),
            Arch::Aarch64 => {
                crate_table(syscalls::aarch64::Sysno::iter(), |s| s.id(), |s| s.name())
            }
            Arch::Riscv64 => {
                crate_table(syscalls::riscv64::Sysno::iter(), |s| s.id(), |s| s.name())
            }
            Arch::Arm => crate_table(syscalls::arm::Sysno::iter(), |s| s.id(), |s| s.name()),
        };
        assert!(table.len() > 250, "{arch:?}: {} syscalls", table.len());
        let mut renamed = 0;
        for (nr, crate_name) in table {
            let nr = if arch == Arch::X32 {
                nr | X32_SYSCALL_BIT
            } else {
                nr
            };
            let printed = arch.syscall_name(nr).expect("named by the crate");
            let (name, _) = lookup(arch, nr).expect("indexed");
            assert_eq!(name, printed, "{arch:?} {nr}");
            if printed != crate_name {
                renamed += 1;
            }
            // x32's own numbers (numbers.tsv) replace some x86_64 ones.
            let back = arch.syscall_number(printed);
            let x32_own =
                arch == Arch::X32 && back.and_then(|b| arch.extra_syscall_name(b)) == Some(printed);
            assert!(
                back == Some(nr) || x32_own,
                "{arch:?} {printed}: {back:?} != {nr}"
            );
        }
        // Only names.tsv renames: aarch64 fstatat, arm's two arm_* calls.
        let want = match arch {
            Arch::Aarch64 => 1,
            Arch::Arm => 2,
            _ => 0,
        };
        assert_eq!(renamed, want, "{arch:?} renames");
        for (nr, name) in arch.extra_syscalls() {
            assert_eq!(arch.syscall_name(nr), Some(name), "{arch:?} {nr:#x}");
            assert_eq!(arch.syscall_number(name), Some(nr), "{arch:?} {name}");
            assert_eq!(lookup(arch, nr).map(|(n, _)| n), Some(name));
            assert!(
                lookup(arch, nr).and_then(|(_, s)| s).is_some(),
                "{arch:?} {name} has no signature row"
            );
        }
    }
    // Spot checks that tie the arch tables to the kernel's numbers.
    for (arch, name, nr) in [
        (Arch::Aarch64, "openat", 56),
        (Arch::Riscv64, "openat", 56),
        (Arch::Aarch64, "clone", 220),
        (Arch::Arm, "clone", 120),
        (Arch::Arm, "mmap2", 192),
        (Arch::Arm, "sync_file_range2", 341),
        (Arch::Arm, "fadvise64_64", 270),
        (Arch::Arm, "set_tls", 0xf0005),
        (Arch::I386, "socketcall", 102),
        (Arch::I386, "ipc", 117),
        (Arch::Riscv64, "riscv_flush_icache", 259),
        (Arch::X32, "execve", 0x4000_0208),
    ] {
        assert_eq!(arch.syscall_number(name), Some(nr), "{arch:?} {name}");
    }
    // Legacy calls exist only where the kernel keeps them.
    for name in ["open", "stat", "fork", "access", "pipe", "select"] {
        assert!(Arch::X86_64.syscall_number(name).is_some(), "x86_64 {name}");
        assert!(
            Arch::Aarch64.syscall_number(name).is_none(),
            "aarch64 {name}"
        );
        assert!(
            Arch::Riscv64.syscall_number(name).is_none(),
            "riscv64 {name}"
        );
    }
    assert!(
        Arch::Arm.syscall_number("socketcall").is_none(),
        "EABI has no socketcall"
    );
    assert!(Arch::Riscv64.syscall_number("renameat").is_none());
    assert!(Arch::Aarch64.syscall_number("renameat").is_some());
}

#[test]
fn unknown_numbers_have_no_entry() {
    assert!(lookup(Arch::X86_64, 0x1ff).is_none());
    assert!(lookup(Arch::X86_64, u64::MAX).is_none());
    assert!(lookup(Arch::I386, 1 << 40).is_none());
}

/// Every syscall of every architecture has a signature row: decoded, or an explicit
/// raw row (hex arguments, strace's argument count) for the rare ones.
#[test]
fn every_syscall_has_a_row() {
    let mut missing = Vec::new();
    for arch in Arch::ALL {
        for (nr, name) in arch.syscalls() {
            if lookup(arch, nr).and_then(|(_, s)| s).is_none() {
                missing.push(format!("{} {name}", arch.name()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "no signature row:\n{}",
        missing.join("\n")
    );
}
