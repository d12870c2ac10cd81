//! `-e inject=SET:...` and `-e fault=SET:...` (strace's syscall tampering): parsing the
//! specs into rules, and the per-thread counters that decide, at each syscall entry,
//! whether a rule fires (`when=FIRST[..LAST][+[STEP]]`). Pure: the tracer asks
//! [`InjectTable::on_entry`] and does the register and memory writes itself.
//!
//! Facts from strace 6.1 (man strace, "Tampering", and its behaviour): a later spec
//! replaces an earlier one for the syscalls they share; counting is per thread and per
//! syscall, and only counts calls that are traced; `fault=` takes only `error=` and
//! `when=` and defaults to ENOSYS; `inject=` needs an action.

use super::SyscallFilter;
use crate::arch::Arch;
use crate::record::{MemoryReader, SyscallRecord};
use std::collections::HashMap;
use std::time::Duration;

/// strace's `last` when no `..LAST` is given: never runs out.
const LAST_INF: u16 = u16::MAX;
/// The largest errno `error=` takes.
const MAX_ERRNO: u64 = 4095;

/// What the return register gets at the exit of a tampered call.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InjectRet {
    /// `error=E`: the call fails with errno E.
    Error(u16),
    /// `retval=V`: the call returns V (shown as a success even in the errno range).
    Value(u64),
}

/// `poke_enter=@argN=HEX,...`: bytes written where argument N points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poke {
    /// 1..=7, as strace numbers them.
    pub arg: u8,
    pub data: Vec<u8>,
}

/// What a firing rule does.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InjectAction {
    pub ret: Option<InjectRet>,
    /// `signal=SIG`: delivered to the thread as it leaves the syscall.
    pub signal: Option<i32>,
    /// `syscall=NAME`: a pure syscall run instead of skipping the call, per personality.
    pub syscall: Vec<(Arch, u64)>,
    pub delay_enter: Option<Duration>,
    pub delay_exit: Option<Duration>,
    pub poke_enter: Vec<Poke>,
    pub poke_exit: Vec<Poke>,
}

impl InjectAction {
    /// The number the tracer writes at entry when the result is replaced: -1 (an
    /// invalid number, so the kernel runs nothing) or the `syscall=` substitute.
    pub fn entry_number(&self, arch: Arch) -> Option<u64> {
        self.ret?;
        Some(
            self.syscall
                .iter()
                .find(|(a, _)| *a == arch)
                .map_or(u64::MAX, |(_, nr)| *nr),
        )
    }

    /// The return register's new value at exit, for a tracee of `arch`.
    pub fn exit_value(&self, arch: Arch) -> Option<i64> {
        Some(match self.ret? {
            InjectRet::Error(e) => -i64::from(e),
            InjectRet::Value(v) => arch.long(v),
        })
    }
}

/// `when=`: strace's first/last/step counters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct When {
    pub first: u16,
    pub last: u16,
    pub step: u16,
}

impl Default for When {
    /// Every call.
    fn default() -> Self {
        When {
            first: 1,
            last: LAST_INF,
            step: 1,
        }
    }
}

impl When {
    /// `FIRST`, `FIRST+`, `FIRST+STEP`, `FIRST..LAST`, `FIRST..LAST+[STEP]`; numbers up
    /// to 65535, FIRST at least 1, LAST at least FIRST and below 65535.
    pub fn parse(s: &str) -> Option<When> {
        let num = |t: &str| -> Option<u16> {
            if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            t.parse::<u64>().ok().and_then(|n| u16::try_from(n).ok())
        };
        let (range, step) = match s.split_once('+') {
            Some((r, st)) => (r, Some(st)),
            None => (s, None),
        };
        let (first, last) = match range.split_once("..") {
            Some((f, l)) => {
                let first = num(f).filter(|&f| f >= 1)?;
                let last = num(l).filter(|&l| l >= first && l != LAST_INF)?;
                (first, Some(last))
            }
            None => (num(range).filter(|&f| f >= 1)?, None),
        };
        let step = match step {
            Some("") => 1,
            Some(st) => num(st).filter(|&n| n >= 1)?,
            // `F` alone fires once; `F..L` every call in the range.
            None if last.is_none() => 0,
            None => 1,
        };
        Some(When {
            first,
            last: last.unwrap_or(LAST_INF),
            step,
        })
    }
}

/// One `inject=`/`fault=` spec: the syscalls it covers and what it does.
#[derive(Clone, Debug)]
struct Rule {
    set: SyscallFilter,
    when: When,
    action: InjectAction,
}

/// Every spec given, in order (a later one wins for the syscalls it covers).
#[derive(Clone, Debug, Default)]
pub struct InjectTable {
    rules: Vec<Rule>,
    /// `-P` / `-e trace-fds=`: calls that touch none of these are not shown, so not
    /// tampered with (nor counted).
    touch: Option<super::touch::TouchFilter>,
}

/// A thread's counters, one per (personality, syscall) that a rule covers; a new
/// thread starts from the specs' values (strace copies them per thread).
#[derive(Clone, Debug, Default)]
pub struct InjectCounters(HashMap<(Arch, u64), (u16, u16)>);

impl InjectTable {
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Adds `-e inject=SPEC` (`fault` false) or `-e fault=SPEC`. Returns strace's
    /// warnings for `retval=` values that read as errors; errors are strace's:
    /// `invalid inject argument 'SPEC'`, `invalid system call 'x'`.
    pub fn add(&mut self, spec: &str, fault: bool) -> Result<Vec<String>, String> {
        let what = if fault { "fault" } else { "inject" };
        let bad = || format!("invalid {what} argument '{spec}'");
        let mut parts = spec.split(':');
        let name = parts.next().unwrap_or_default();
        let mut when = When::default();
        let mut action = InjectAction::default();
        let mut warnings = Vec::new();
        let mut seen_syscall = false;
        if spec.is_empty() || spec.starts_with(':') {
            return Err("invalid system call ''".into());
        }
        // strace parses the tokens first, then the set.
        for token in parts.filter(|t| !t.is_empty()) {
            let (key, val) = token.split_once('=').ok_or_else(bad)?;
            match key {
                "when" => when = When::parse(val).ok_or_else(bad)?,
                "error" => {
                    if action.ret.is_some() {
                        return Err(bad());
                    }
                    action.ret = Some(InjectRet::Error(parse_errno(val).ok_or_else(bad)?));
                }
                "syscall" if !seen_syscall => {
                    action.syscall = substitute(val).ok_or_else(bad)?;
                    seen_syscall = true;
                }
                "retval" if !fault => {
                    if action.ret.is_some() {
                        return Err(bad());
                    }
                    let v = parse_ull(val).ok_or_else(bad)?;
                    warnings.extend(retval_warning(v, Arch::native().word_bytes() == 8));
                    action.ret = Some(InjectRet::Value(v));
                }
                "signal" if !fault && action.signal.is_none() => {
                    action.signal = Some(parse_signal(val).ok_or_else(bad)?);
                }
                "delay_enter" if !fault && action.delay_enter.is_none() => {
                    action.delay_enter = Some(parse_delay(val).ok_or_else(bad)?);
                }
                "delay_exit" if !fault && action.delay_exit.is_none() => {
                    action.delay_exit = Some(parse_delay(val).ok_or_else(bad)?);
                }
                "poke_enter" if !fault && action.poke_enter.is_empty() => {
                    action.poke_enter = parse_pokes(val).ok_or_else(bad)?;
                }
                "poke_exit" if !fault && action.poke_exit.is_empty() => {
                    action.poke_exit = parse_pokes(val).ok_or_else(bad)?;
                }
                _ => return Err(bad()),
            }
        }
        let set = SyscallFilter::parse(name)?;
        let acts = action.ret.is_some()
            || action.signal.is_some()
            || action.delay_enter.is_some()
            || action.delay_exit.is_some()
            || !action.poke_enter.is_empty()
            || !action.poke_exit.is_empty();
        if !acts {
            if !fault {
                return Err(bad());
            }
            action.ret = Some(InjectRet::Error(libc::ENOSYS as u16));
        }
        self.rules.push(Rule { set, when, action });
        Ok(warnings)
    }

    /// Drops what `-e trace=` does not trace: strace tampers only with traced calls.
    pub fn restrict(&mut self, traced: &SyscallFilter) {
        for rule in &mut self.rules {
            rule.set = rule.set.and(traced);
        }
    }

    /// Tampers only with calls that touch these paths or fds (`-P`, `trace-fds=`).
    pub fn set_touch(&mut self, touch: Option<super::touch::TouchFilter>) {
        self.touch = touch;
    }

    /// Whether a call passes `-P` / `trace-fds=` (always without them); asked before
    /// [`InjectTable::on_entry`] counts it.
    pub fn touched(&self, rec: &SyscallRecord, mem: &dyn MemoryReader) -> bool {
        self.touch.as_ref().is_none_or(|t| t.matches(rec, mem))
    }

    /// The rule covering syscall `nr` of `arch`: the last spec naming it.
    fn rule(&self, arch: Arch, nr: u64) -> Option<&Rule> {
        let i = usize::try_from(nr & !crate::arch::X32_SYSCALL_BIT).ok()?;
        self.rules
            .iter()
            .rev()
            .find(|r| r.set.bits(arch).get(i).copied().unwrap_or(false))
    }

    /// Counts one traced entry of `nr` in a thread and returns the action when its
    /// rule fires now (strace's first/last/step arithmetic).
    pub fn on_entry(
        &self,
        counters: &mut InjectCounters,
        arch: Arch,
        nr: u64,
    ) -> Option<&InjectAction> {
        let rule = self.rule(arch, nr)?;
        let (first, last) = counters
            .0
            .entry((arch, nr))
            .or_insert((rule.when.first, rule.when.last));
        if *first == 0 || *last == 0 {
            return None;
        }
        if *last != LAST_INF {
            *last -= 1;
        }
        *first -= 1;
        if *first != 0 {
            return None;
        }
        *first = rule.when.step;
        Some(&rule.action)
    }
}

/// strace's warnings for a `retval=` that a tracee may read as an error, or that a
/// 32-bit tracee gets cut (`compat`: the host also runs 32-bit programs).
fn retval_warning(v: u64, compat: bool) -> Option<String> {
    let errno_range = |x: i64| x < 0 && x >= -(MAX_ERRNO as i64);
    if errno_range(v as i64) {
        Some(format!(
            "Inadvertent injection of error {} is possible for retval={v}",
            -(v as i64)
        ))
    } else if compat && errno_range(i64::from(v as i32)) {
        Some(format!(
            "Inadvertent injection of error {} is possible in compat personality for retval={v}",
            -(v as i32)
        ))
    } else if compat && v > u64::from(u32::MAX) {
        Some(format!(
            "Injected return value {v} will be clipped to {} in compat personality",
            v as u32
        ))
    } else {
        None
    }
}

/// A number (1..=4095) or a name (`ENOENT`, any case).
fn parse_errno(s: &str) -> Option<u16> {
    let n = if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse::<u64>().ok().filter(|&n| n <= MAX_ERRNO)?
    } else {
        (1..=MAX_ERRNO)
            .find(|&n| crate::table::errno(n).is_some_and(|e| e.name.eq_ignore_ascii_case(s)))?
    };
    u16::try_from(n).ok().filter(|&n| n >= 1)
}

/// strtoull with base 0 (decimal, `0x` hex, `0` octal; a leading `-` wraps).
fn parse_ull(s: &str) -> Option<u64> {
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let v = if let Some(h) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        u64::from_str_radix(h, 16).ok()?
    } else if s.len() > 1 && s.starts_with('0') {
        u64::from_str_radix(&s[1..], 8).ok()?
    } else {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse::<u64>().ok()?
    };
    Some(if neg { v.wrapping_neg() } else { v })
}

/// A signal name (with or without `SIG`, any case) or number, 1..=128.
fn parse_signal(s: &str) -> Option<i32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        return s.parse::<i32>().ok().filter(|n| (1..=128).contains(n));
    }
    let up = s.to_ascii_uppercase();
    let name = if up.starts_with("SIG") {
        up
    } else {
        format!("SIG{up}")
    };
    (1..=128).find(|&n| {
        let mut t = String::new();
        crate::decode::signal::print_signame(&mut t, n);
        t == name
    })
}

/// strace's time syntax: an integer or float with an optional `s`, `ms`, `us`, `ns`
/// suffix; microseconds when none.
fn parse_delay(s: &str) -> Option<Duration> {
    let end = s
        .find(|c: char| !(c.is_ascii_digit() || "eE.-+".contains(c)))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(end);
    let nanos_per: f64 = match unit {
        "" | "us" => 1e3,
        "s" => 1e9,
        "ms" => 1e6,
        "ns" => 1.0,
        _ => return None,
    };
    let v: f64 = num.parse().ok()?;
    (v >= 0.0 && v.is_finite()).then(|| Duration::from_nanos((v * nanos_per) as u64))
}

/// `@argN=HEX[,@argM=HEX...]`: N in 1..=7, an even number (2..=2048) of hex digits.
fn parse_pokes(s: &str) -> Option<Vec<Poke>> {
    if s.is_empty() {
        return None;
    }
    let pokes = s
        .split(',')
        .map(|p| {
            let rest = p.strip_prefix("@arg")?;
            let (n, hex) = rest.split_once('=')?;
            let arg = n
                .parse::<u8>()
                .ok()
                .filter(|a| (1..=7).contains(a) && n.len() == 1)?;
            if hex.is_empty() || hex.len() % 2 != 0 || hex.len() > 2048 {
                return None;
            }
            let data = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
                .collect::<Option<Vec<u8>>>()?;
            Some(Poke { arg, data })
        })
        .collect::<Option<Vec<Poke>>>()?;
    // One poke per argument.
    let mut args: Vec<u8> = pokes.iter().map(|p| p.arg).collect();
    args.sort_unstable();
    args.dedup();
    (args.len() == pokes.len()).then_some(pokes)
}

/// `syscall=NAME`: its number in each personality that has it; strace takes only pure
/// syscalls (no side effects), and the name must exist natively.
fn substitute(name: &str) -> Option<Vec<(Arch, u64)>> {
    let native = Arch::native();
    let pure =
        |a: Arch| crate::table::signature_by_name(a, name).is_some_and(|s| s.classes.has("pure"));
    if !pure(native) {
        return None;
    }
    let found: Vec<(Arch, u64)> = Arch::ALL
        .iter()
        .filter_map(|&a| {
            let nr = a.syscalls().into_iter().find(|(_, n)| *n == name)?.0;
            pure(a).then_some((a, nr))
        })
        .collect();
    (!found.is_empty()).then_some(found)
}

#[cfg(test)]
mod tests;
