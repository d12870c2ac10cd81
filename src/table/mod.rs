//! The data of `syscall-tables/`, compiled in and parsed once: named-constant sets
//! (xlat), errno names, and per-syscall signatures indexed by (arch, number).
//! Everything here is plain data; the decoders that give argument types meaning live in
//! `decode`.

mod signatures;
mod xlat;

pub use signatures::{ArgSpec, Classes, Param, Signature};
pub use xlat::{Errno, Xlat, XlatKind};

use crate::arch::Arch;
use std::collections::HashMap;
use std::sync::OnceLock;

mod files {
    include!(concat!(env!("OUT_DIR"), "/table_files.rs"));
}

/// A problem found while parsing a table file, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.msg)
    }
}

/// Sets are parsed on first use: a run touches a few dozen of the 200-odd files.
static XLAT_CELLS: OnceLock<Vec<OnceLock<Option<Xlat>>>> = OnceLock::new();

/// The named set, if the tables define it.
pub fn xlat(name: &str) -> Option<&'static Xlat> {
    let i = files::XLAT_FILES
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()?;
    let cells =
        XLAT_CELLS.get_or_init(|| files::XLAT_FILES.iter().map(|_| OnceLock::new()).collect());
    cells[i]
        .get_or_init(
            || match xlat::parse_file(name, files::XLAT_FILES[i].1, &mut Vec::new()) {
                xlat::Parsed::Set(x) => Some(x),
                _ => None,
            },
        )
        .as_ref()
}

static ERRNOS: OnceLock<Vec<Errno>> = OnceLock::new();

/// (name, message) of an errno number.
pub fn errno(n: u64) -> Option<&'static Errno> {
    ERRNOS
        .get_or_init(|| {
            files::XLAT_FILES
                .iter()
                .find(|(n, _)| *n == "errno")
                .map(
                    |(n, text)| match xlat::parse_file(n, text, &mut Vec::new()) {
                        xlat::Parsed::Errnos(e) => e,
                        _ => Vec::new(),
                    },
                )
                .unwrap_or_default()
        })
        .iter()
        .find(|e| e.number == n)
}

/// Every problem in every xlat file (parses them all; for tests).
pub fn xlat_errors() -> Vec<TableError> {
    let mut errors = Vec::new();
    for (name, text) in files::XLAT_FILES {
        xlat::parse_file(name, text, &mut errors);
    }
    errors
}

pub struct SignatureTables {
    /// Base rows, then per-arch rows.
    pub base: HashMap<String, Signature>,
    pub per_arch: HashMap<(Arch, String), Signature>,
    pub errors: Vec<TableError>,
}

static SIGNATURES: OnceLock<SignatureTables> = OnceLock::new();

pub fn signatures() -> &'static SignatureTables {
    SIGNATURES.get_or_init(|| signatures::load(files::SIGNATURE_FILES, files::ARCH_FILES))
}

/// The signature of syscall `name` as decoded on `arch`.
pub fn signature_by_name(arch: Arch, name: &str) -> Option<&'static Signature> {
    let t = signatures();
    t.per_arch
        .get(&(arch, name.to_string()))
        .or_else(|| t.base.get(name))
}

/// Index of one personality: number -> (name, signature).
pub struct ArchIndex {
    pub by_nr: Vec<Option<(&'static str, Option<&'static Signature>)>>,
}

static INDEXES: [OnceLock<ArchIndex>; 6] = [const { OnceLock::new() }; 6];

fn index(arch: Arch) -> &'static ArchIndex {
    let slot = Arch::ALL.iter().position(|&a| a == arch).unwrap_or(0);
    INDEXES[slot].get_or_init(|| {
        let mut by_nr = Vec::new();
        for (nr, name) in arch.syscalls() {
            let i = (nr & !crate::arch::X32_SYSCALL_BIT) as usize;
            if by_nr.len() <= i {
                by_nr.resize(i + 1, None);
            }
            by_nr[i] = Some((name, signature_by_name(arch, name)));
        }
        ArchIndex { by_nr }
    })
}

/// Name and signature of syscall `nr` on `arch`; `None` for numbers the arch lacks.
pub fn lookup(arch: Arch, nr: u64) -> Option<(&'static str, Option<&'static Signature>)> {
    let i = if arch == Arch::X32 {
        nr & !crate::arch::X32_SYSCALL_BIT
    } else {
        nr
    };
    let i = usize::try_from(i).ok()?;
    index(arch).by_nr.get(i).copied().flatten().or_else(|| {
        // arm's private calls (0xf000N) are too far out for the per-number index.
        let name = arch.extra_syscall_name(nr)?;
        Some((name, signature_by_name(arch, name)))
    })
}

#[cfg(test)]
mod tests;
