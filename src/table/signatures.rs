//! Per-syscall signatures (`syscall-tables/signatures/*.tsv`, overrides in
//! `syscall-tables/arch/<arch>.tsv`). A row is
//! `name classes ret arg...` separated by whitespace, where an arg is
//! `[>]type[(param,...)]`: `>` marks an argument the kernel fills in (decoded at exit),
//! a param is `argN` (0-based argument), `ret`, a number, or the name of an xlat set.

use super::{TableError, Xlat};
use crate::arch::Arch;
use crate::decode::{ArgType, RetType};
use std::collections::HashMap;

/// strace's syscall classes, as used by `-e trace=%class`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Classes(pub u32);

impl Classes {
    pub const NAMES: [&'static str; 16] = [
        "file",
        "ipc",
        "network",
        "process",
        "signal",
        "desc",
        "memory",
        "stat",
        "lstat",
        "fstat",
        "statfs",
        "fstatfs",
        "pure",
        "clock",
        "creds",
        "never_fails",
    ];

    pub fn parse(s: &str) -> Result<Classes, String> {
        let mut bits = 0;
        if s == "-" {
            return Ok(Classes(0));
        }
        for c in s.split(',') {
            let i = Self::NAMES
                .iter()
                .position(|&n| n == c)
                .ok_or_else(|| format!("unknown class {c:?}"))?;
            bits |= 1 << i;
        }
        Ok(Classes(bits))
    }

    pub fn has(self, name: &str) -> bool {
        Self::NAMES
            .iter()
            .position(|&n| n == name)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }
}

#[derive(Debug, Clone)]
pub enum Param {
    Arg(usize),
    Ret,
    Num(u64),
    Xlat(&'static Xlat),
    Word(String),
}

#[derive(Debug)]
pub struct ArgSpec {
    pub ty: &'static ArgType,
    pub params: Vec<Param>,
    /// Filled in by the kernel: decoded at exit.
    pub out: bool,
    /// Position of this argument (0-based).
    pub index: usize,
}

impl ArgSpec {
    pub fn param(&self, i: usize) -> Option<&Param> {
        self.params.get(i)
    }

    /// The first xlat param, for flag and enum types.
    pub fn xlat(&self) -> Option<&'static Xlat> {
        self.params.iter().find_map(|p| match p {
            Param::Xlat(x) => Some(*x),
            _ => None,
        })
    }
}

#[derive(Debug)]
pub struct Signature {
    pub name: String,
    pub classes: Classes,
    pub ret: &'static RetType,
    pub args: Vec<ArgSpec>,
}

impl Signature {
    /// Number of leading args printed at entry: those before the first out arg.
    pub fn entry_args(&self) -> usize {
        self.args
            .iter()
            .position(|a| a.out)
            .unwrap_or(self.args.len())
    }
}

fn parse_param(p: &str) -> Result<Param, String> {
    if p == "ret" {
        return Ok(Param::Ret);
    }
    if let Some(n) = p.strip_prefix("arg").and_then(|n| n.parse::<usize>().ok()) {
        if n >= 6 {
            return Err(format!("argument {p} out of range"));
        }
        return Ok(Param::Arg(n));
    }
    if let Some(v) = super::xlat::parse_c_int(p) {
        return Ok(Param::Num(v));
    }
    if let Some(x) = super::xlat(p) {
        return Ok(Param::Xlat(x));
    }
    Ok(Param::Word(p.to_string()))
}

fn parse_arg(text: &str, index: usize) -> Result<ArgSpec, String> {
    let (out, body) = match text.strip_prefix('>') {
        Some(b) => (true, b),
        None => (false, text),
    };
    let (ty, params) = match body.find('(') {
        Some(open) => {
            let inner = body[open + 1..]
                .strip_suffix(')')
                .ok_or_else(|| format!("unclosed '(' in {text:?}"))?;
            let ps = inner
                .split(',')
                .map(|p| parse_param(p.trim()))
                .collect::<Result<Vec<_>, _>>()?;
            (&body[..open], ps)
        }
        None => (body, Vec::new()),
    };
    let ty = crate::decode::arg_type(ty).ok_or_else(|| format!("unknown argument type {ty:?}"))?;
    Ok(ArgSpec {
        ty,
        params,
        out,
        index,
    })
}

/// Parses one row; `None` for blank and comment lines.
pub fn parse_row(line: &str) -> Option<Result<Signature, String>> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let mut cols = line.split_whitespace();
    let name = cols.next()?.to_string();
    let row = (|| {
        let classes = Classes::parse(cols.next().ok_or("missing classes column")?)?;
        let ret_name = cols.next().ok_or("missing return column")?;
        let ret = crate::decode::ret_type(ret_name)
            .ok_or_else(|| format!("unknown return type {ret_name:?}"))?;
        let args = cols
            .enumerate()
            .map(|(i, a)| parse_arg(a, i))
            .collect::<Result<Vec<_>, _>>()?;
        if args.len() > 6 {
            return Err("more than 6 arguments".to_string());
        }
        Ok(Signature {
            name,
            classes,
            ret,
            args,
        })
    })();
    Some(row)
}

/// Parses every row of `files` into `put`, which says whether the row was new.
fn load_rows(
    dir: &str,
    files: &[(&str, &str)],
    errors: &mut Vec<TableError>,
    mut put: impl FnMut(&str, Signature) -> bool,
) {
    for &(file, text) in files {
        for (i, line) in text.lines().enumerate() {
            let err = |msg: String| TableError {
                file: format!("{dir}/{file}.tsv"),
                line: i + 1,
                msg,
            };
            match parse_row(line) {
                None => {}
                Some(Err(e)) => errors.push(err(e)),
                Some(Ok(sig)) => {
                    let name = sig.name.clone();
                    if !put(file, sig) {
                        errors.push(err(format!("duplicate row for {name}")));
                    }
                }
            }
        }
    }
}

pub fn load(base_files: &[(&str, &str)], arch_files: &[(&str, &str)]) -> super::SignatureTables {
    let mut base = HashMap::new();
    let mut per_arch = HashMap::new();
    let mut errors = Vec::new();
    load_rows("signatures", base_files, &mut errors, |_, sig| {
        base.insert(sig.name.clone(), sig).is_none()
    });
    load_rows(
        "arch",
        arch_files,
        &mut errors,
        |file, sig| match Arch::from_name(file) {
            Some(a) => per_arch.insert((a, sig.name.clone()), sig).is_none(),
            None => false,
        },
    );
    super::SignatureTables {
        base,
        per_arch,
        errors,
    }
}
