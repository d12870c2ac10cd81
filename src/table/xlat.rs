//! Named-constant sets (`syscall-tables/xlat/*.txt`) and the errno table.

use super::TableError;
use crate::arch::Arch;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum XlatKind {
    Flags,
    Enum,
}

/// One named-constant set; rows keep file order, which is strace's print order.
#[derive(Debug)]
pub struct Xlat {
    pub name: String,
    pub kind: XlatKind,
    rows: Vec<Row>,
}

#[derive(Debug)]
struct Row {
    name: String,
    value: u64,
    /// Bit per `Arch::ALL` index; all bits set when the row has no arch column.
    arches: u8,
}

fn arch_bit(arch: Arch) -> u8 {
    1 << Arch::ALL.iter().position(|&a| a == arch).unwrap_or(0)
}

impl Xlat {
    /// (name, value) rows that apply to `arch`, in print order.
    pub fn entries(&self, arch: Arch) -> impl Iterator<Item = (&str, u64)> {
        let bit = arch_bit(arch);
        self.rows
            .iter()
            .filter(move |r| r.arches & bit != 0)
            .map(|r| (r.name.as_str(), r.value))
    }

    pub fn name_of(&self, arch: Arch, v: u64) -> Option<&str> {
        self.entries(arch)
            .find(|&(_, val)| val == v)
            .map(|(n, _)| n)
    }

    pub fn value_of(&self, arch: Arch, name: &str) -> Option<u64> {
        self.entries(arch).find(|&(n, _)| n == name).map(|(_, v)| v)
    }

    /// The prefix strace puts in `/* PREFIX_??? */`: the first row's name up to and
    /// including its first `_` after position 0.
    pub fn prefix(&self) -> Option<&str> {
        let first = &self.rows.first()?.name;
        let start = first.bytes().take_while(|&b| b == b'_').count();
        let cut = first[start..].find('_')? + start + 1;
        Some(&first[..cut])
    }
}

#[derive(Debug, Clone)]
pub struct Errno {
    pub name: String,
    pub number: u64,
    pub message: String,
}

/// Parses a C integer literal: decimal (maybe negative), 0x hex, or 0-prefixed octal.
pub fn parse_c_int(s: &str) -> Option<u64> {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let v = if let Some(h) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()?
    } else if body.len() > 1 && body.starts_with('0') {
        u64::from_str_radix(&body[1..], 8).ok()?
    } else {
        body.parse::<u64>().ok()?
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

fn parse_arches(s: &str) -> Result<u8, String> {
    let mut bits = 0;
    for a in s.split(',') {
        let arch = Arch::from_name(a.trim()).ok_or_else(|| format!("unknown arch {a:?}"))?;
        bits |= arch_bit(arch);
    }
    Ok(bits)
}

/// What one xlat file holds: a set, or the errno table.
pub enum Parsed {
    Set(Xlat),
    Errnos(Vec<Errno>),
    Nothing,
}

/// Parses one file of `syscall-tables/xlat/`; problems go to `errors`.
pub fn parse_file(set: &str, text: &str, errors: &mut Vec<TableError>) -> Parsed {
    let file = format!("xlat/{set}.txt");
    let mut kind = None;
    let mut rows = Vec::new();
    let mut errnos = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let err = |msg: String| TableError {
            file: file.clone(),
            line: i + 1,
            msg,
        };
        let line = line.trim_end();
        if let Some(k) = line.strip_prefix("#kind ") {
            kind = match k.trim() {
                "flags" => Some(Some(XlatKind::Flags)),
                "enum" => Some(Some(XlatKind::Enum)),
                "errno" => Some(None),
                other => {
                    errors.push(err(format!("unknown kind {other:?}")));
                    None
                }
            };
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if kind == Some(None) {
            match (
                cols.first(),
                cols.get(1).and_then(|v| parse_c_int(v)),
                cols.get(2),
            ) {
                (Some(n), Some(v), Some(m)) if cols.len() == 3 => errnos.push(Errno {
                    name: n.to_string(),
                    number: v,
                    message: m.to_string(),
                }),
                _ => errors.push(err(format!("bad errno row {line:?}"))),
            }
            continue;
        }
        if cols.len() < 2 || cols.len() > 3 {
            errors.push(err(format!(
                "expected NAME<TAB>VALUE[<TAB>ARCHES], got {line:?}"
            )));
            continue;
        }
        let Some(value) = parse_c_int(cols[1].trim()) else {
            errors.push(err(format!("bad value {:?}", cols[1])));
            continue;
        };
        let arches = match cols.get(2) {
            Some(a) => match parse_arches(a) {
                Ok(b) => b,
                Err(e) => {
                    errors.push(err(e));
                    continue;
                }
            },
            None => u8::MAX,
        };
        rows.push(Row {
            name: cols[0].trim().to_string(),
            value,
            arches,
        });
    }
    match kind {
        Some(Some(kind)) => Parsed::Set(Xlat {
            name: set.to_string(),
            kind,
            rows,
        }),
        Some(None) => Parsed::Errnos(errnos),
        None => {
            errors.push(TableError {
                file,
                line: 0,
                msg: "missing #kind line".into(),
            });
            Parsed::Nothing
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c_ints() {
        assert_eq!(parse_c_int("0x10"), Some(16));
        assert_eq!(parse_c_int("0100"), Some(64));
        assert_eq!(parse_c_int("0"), Some(0));
        assert_eq!(parse_c_int("-100"), Some((-100i64) as u64));
        assert_eq!(parse_c_int("x"), None);
    }

    #[test]
    fn per_arch_rows_and_prefix() {
        let mut errors = Vec::new();
        let Parsed::Set(x) = parse_file(
            "o",
            "#kind flags\nO_DIRECTORY\t0200000\tx86_64,i386\nO_DIRECTORY\t040000\tarm,aarch64\nO_X\t1\n",
            &mut errors,
        ) else {
            panic!("not a set")
        };
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(x.value_of(Arch::X86_64, "O_DIRECTORY"), Some(0o200000));
        assert_eq!(x.value_of(Arch::Arm, "O_DIRECTORY"), Some(0o40000));
        assert_eq!(x.value_of(Arch::Riscv64, "O_DIRECTORY"), None);
        assert_eq!(x.prefix(), Some("O_"));
    }
}
