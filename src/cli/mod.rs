//! Command-line flags, spelled as strace spells them, parsed with clap ([`Args`], in
//! `args.rs`) and resolved into a validated [`Config`] here.

mod args;
mod stamps;

pub use args::{Args, getopt_split};
use stamps::TimestampSpec;

use crate::config::{ColorChoice, Config, Output};
use crate::filter::touch::FdSet;
use crate::filter::{SignalFilter, SyscallFilter};
use crate::render::summary::{self, SummaryOptions};
use crate::render::text::{Precision, Stamps};
use crate::tracer::Interruptible;

/// A command-line error: strace's one line, and for misuse of the options
/// (`help`) its second line pointing at `-h`.
#[derive(Debug, PartialEq, Eq)]
pub struct CliError {
    pub msg: String,
    pub help: bool,
}

impl From<String> for CliError {
    fn from(msg: String) -> Self {
        CliError { msg, help: false }
    }
}

impl From<&str> for CliError {
    fn from(msg: &str) -> Self {
        CliError::from(msg.to_string())
    }
}

/// An error that strace follows with `Try 'strace -h' for more information.`
fn help(msg: impl Into<String>) -> CliError {
    CliError {
        msg: msg.into(),
        help: true,
    }
}

fn parse_uint(flag: &str, v: &str) -> Result<usize, CliError> {
    v.parse::<usize>()
        .map_err(|_| help(format!("invalid {flag} argument: '{v}'")))
}

/// `-O`: a time, in microseconds unless it ends in s, ms, us or ns (strace's rule).
fn parse_overhead(v: &str) -> Option<std::time::Duration> {
    let (num, scale) = [("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3), ("s", 1.0)]
        .iter()
        .find_map(|(unit, scale)| v.strip_suffix(unit).map(|n| (n, *scale)))
        .unwrap_or((v, 1e-6));
    let x: f64 = num.parse().ok()?;
    let secs = x * scale;
    (num.starts_with(|c: char| c.is_ascii_digit() || c == '.') && secs.is_finite())
        .then(|| std::time::Duration::try_from_secs_f64(secs).ok())
        .flatten()
}

/// strace's `-I` values (number or name).
fn parse_interruptible(v: &str) -> Option<Interruptible> {
    Some(match v {
        "1" | "anywhere" | "always" => Interruptible::Anywhere,
        "2" | "waiting" => Interruptible::Waiting,
        "3" | "never" => Interruptible::Never,
        "4" | "never_tstp" => Interruptible::NeverTstp,
        _ => return None,
    })
}

/// strace's personality designators on x86_64 (`name@64`, `@32`, `@x32`); the
/// filter applies them, any other is strace's error.
fn check_personality(set: &str) -> Result<(), CliError> {
    for word in set.split(',') {
        if let Some((_, pers)) = word.rsplit_once('@')
            && !matches!(pers, "64" | "32" | "x32")
        {
            return Err(help(format!(
                "incorrect personality designator '{pers}' in qualification '{word}'"
            )));
        }
    }
    Ok(())
}

impl TryFrom<Args> for Config {
    type Error = CliError;

    fn try_from(a: Args) -> Result<Config, CliError> {
        let mut pids = Vec::new();
        for list in &a.pids {
            for word in list.split([' ', '\t', '\n', ',']).filter(|w| !w.is_empty()) {
                match word.parse::<i32>() {
                    Ok(p) if p > 0 => pids.push(p),
                    _ => return Err(format!("Invalid process id: '{word}'").into()),
                }
            }
        }
        for sc in &a.detach_on {
            if sc != "execve" {
                return Err(format!("Syscall '{sc}' for -b isn't supported").into());
            }
        }
        if a.follow > 0 && a.follow_forks {
            return Err("-f and --follow-forks cannot be provided simultaneously".into());
        }
        if a.follow >= 2 && a.output_separately {
            return Err("-ff and --output-separately cannot be provided simultaneously".into());
        }
        let follow = a.follow > 0 || a.follow_forks || a.deprecated_f > 0;
        let separately = a.follow >= 2 || a.output_separately;
        if a.hex > 0 && a.strings_in_hex.is_some() {
            return Err("-x and --strings-in-hex cannot be provided simultaneously".into());
        }
        let output = match a.output {
            Some(f) if f.starts_with(['|', '!']) => Output::Pipe(f[1..].to_string()),
            Some(f) => Output::File(f),
            None => Output::Stderr,
        };
        let mut cfg = Config {
            command: a.command,
            pids,
            follow_forks: follow,
            output,
            ..Config::default()
        };
        for (flag, v) in [
            ("-s", &a.string_limit),
            ("--string-limit", &a.string_limit_long),
        ] {
            if let Some(v) = v {
                cfg.decode.string_limit = parse_uint(flag, v)
                    .ok()
                    .filter(|&n| n < 1 << 30)
                    .ok_or_else(|| help(format!("invalid {flag} argument: '{v}'")))?;
            }
        }
        if let Some(s) = a.align {
            cfg.align = parse_uint("-a", &s)?;
        }
        for (flag, v) in [
            ("-I", &a.interruptible),
            ("--interruptible", &a.interruptible_long),
        ] {
            if let Some(v) = v {
                cfg.interruptible = parse_interruptible(v)
                    .map(Some)
                    .ok_or_else(|| help(format!("invalid {flag} argument: '{v}'")))?;
            }
        }
        cfg.detach_on_exec = !a.detach_on.is_empty();
        // -S and -U are checked as they are read, with or without -c.
        let sort = a
            .sort_by
            .as_deref()
            .map(summary::parse_sort)
            .transpose()
            .map_err(help)?;
        let mut columns = a
            .columns
            .as_deref()
            .map(summary::parse_columns)
            .transpose()
            .map_err(help)?;
        let overhead = match &a.overhead {
            Some(o) => {
                parse_overhead(o).ok_or_else(|| help(format!("invalid -O argument: '{o}'")))?
            }
            None => std::time::Duration::ZERO,
        };
        cfg.decode.hex = match (a.hex, a.strings_in_hex.as_deref()) {
            (0, None) => crate::decode::HexStyle::None,
            (1, _) | (_, Some("non-ascii")) => crate::decode::HexStyle::NonAscii,
            (_, None | Some("all")) => crate::decode::HexStyle::All,
            (_, Some("none")) => crate::decode::HexStyle::None,
            (_, Some("non-ascii-chars")) => crate::decode::HexStyle::NonAsciiChars,
            (_, Some(v)) => {
                return Err(help(format!("invalid --strings-in-hex argument: '{v}'")));
            }
        };
        cfg.decode.fd_detail = match a.decode_fds {
            0 => 0,
            1 => crate::decode::FD_PATH,
            _ => crate::decode::FD_ALL,
        };
        // --decode-fds and -e decode-fds= are checked as read; -y with either is an
        // error once all are read.
        let mut decode_fds_given = false;
        if let Some(set) = &a.decode_fds_set {
            cfg.decode.fd_detail = crate::decode::parse_decode_fds(set)?;
            decode_fds_given = true;
        }
        cfg.decode.verbose = a.verbose;
        for (flag, v) in [("-X", &a.xlat), ("--const-print-style", &a.xlat_long)] {
            if let Some(x) = v {
                cfg.decode.xlat = crate::decode::XlatStyle::parse(x)
                    .map_err(|_| help(format!("invalid {flag} argument: '{x}'")))?;
            }
        }
        cfg.json = a.json;
        cfg.seccomp = match (a.seccomp_bpf, a.no_seccomp_bpf) {
            (_, true) => crate::seccomp::Choice::Off,
            (true, false) => crate::seccomp::Choice::On,
            (false, false) => crate::seccomp::Choice::Auto,
        };
        cfg.quiet = crate::config::Quiet::from_count(a.quiet);
        let mut quiet_sets: Vec<&str> = a.quiet_set.iter().map(String::as_str).collect();
        let mut status_sets: Vec<&str> = a.status.iter().map(String::as_str).collect();
        let mut fd_sets: Vec<&str> = a.trace_fds.iter().map(String::as_str).collect();
        if a.successful_only {
            status_sets.insert(0, "successful");
        }
        if a.failed_only {
            status_sets.insert(0, "failed");
        }
        cfg.append = a.append;
        cfg.record = a.record;
        // strace's rule: each trace= replaces the previous one.
        // The long forms (--trace=SET, --raw=SET, ...) are the -e qualifiers by name.
        let long = [
            ("trace", &a.trace),
            ("abbrev", &a.abbrev),
            ("verbose", &a.verbose_set),
            ("raw", &a.raw),
            ("read", &a.read),
            ("write", &a.write),
            ("signal", &a.signal_set),
            ("inject", &a.inject),
            ("fault", &a.fault),
            ("kvm", &a.kvm),
        ];
        let long: Vec<String> = long
            .iter()
            .flat_map(|(q, sets)| sets.iter().map(move |set| format!("{q}={set}")))
            .collect();
        for e in a.exprs.iter().chain(long.iter()).map(String::as_str) {
            let set = match e.split_once('=') {
                None => e,
                Some(("trace" | "t", set)) => set,
                Some(("signal" | "signals" | "s", set)) => {
                    cfg.signals = Some(SignalFilter::parse(set)?);
                    continue;
                }
                Some(("abbrev" | "a", set)) => {
                    cfg.decode.abbrev = Some(SyscallFilter::parse(set)?.into());
                    continue;
                }
                Some(("verbose" | "v", set)) => {
                    cfg.decode.deref = Some(SyscallFilter::parse(set)?.into());
                    continue;
                }
                Some(("decode-fds" | "decode-fd", set)) => {
                    cfg.decode.fd_detail = crate::decode::parse_decode_fds(set)?;
                    decode_fds_given = true;
                    continue;
                }
                Some(("raw" | "x", set)) => {
                    cfg.decode.raw = Some(SyscallFilter::parse(set)?.into());
                    continue;
                }
                Some(("read" | "reads" | "r", set)) => {
                    cfg.decode.read_fds = Some(FdSet::parse(set)?.into());
                    continue;
                }
                Some(("write" | "writes" | "w", set)) => {
                    cfg.decode.write_fds = Some(FdSet::parse(set)?.into());
                    continue;
                }
                Some(("quiet" | "silent" | "silence" | "q", set)) => {
                    quiet_sets.push(set);
                    continue;
                }
                Some(("status", set)) => {
                    status_sets.push(set);
                    continue;
                }
                Some((q @ ("inject" | "fault"), spec)) => {
                    let table = cfg.inject.get_or_insert_with(Default::default);
                    for w in table.add(spec, q == "fault")? {
                        eprintln!("{}: {w}", crate::progname());
                    }
                    continue;
                }
                Some(("trace-fds" | "trace_fds", set)) => {
                    fd_sets.push(set);
                    continue;
                }
                Some(("kvm", "vcpu")) => {
                    return Err("-e kvm=vcpu (KVM exit decoding) is not supported by trace".into());
                }
                Some(("kvm", v)) => return Err(format!("invalid -e kvm= argument: '{v}'").into()),
                // strace reads any other word as a syscall set.
                Some(_) => return Err(format!("invalid system call '{e}'").into()),
            };
            check_personality(set)?;
            cfg.filter = Some(SyscallFilter::parse(set)?);
        }
        // strace tampers only with the calls it traces.
        if let (Some(inject), Some(filter)) = (&mut cfg.inject, &cfg.filter) {
            inject.restrict(filter);
        }
        if decode_fds_given && a.decode_fds > 0 {
            return Err("-y and --decode-fds cannot be provided simultaneously".into());
        }
        // Each set replaces the previous one, as in strace.
        // Each is checked, as strace checks them while reading the options.
        let quiet_given = !a.quiet_set.is_empty();
        for q in &quiet_sets {
            cfg.quiet = crate::config::Quiet::parse(q)?;
        }
        if let Some(st) = status_sets.last() {
            cfg.status = Some(crate::filter::status::StatusSet::parse(st)?);
        }
        let summary = a.summary_only || a.summary;
        if a.summary_only && a.summary {
            return Err(help(
                "-c/--summary-only and -C/--summary are mutually exclusive",
            ));
        }
        cfg.output_separately = separately && matches!(cfg.output, Output::File(_));
        if let Output::File(f) = &cfg.output
            && cfg.output_separately
            && f.len() > libc::PATH_MAX as usize - 1 - 3 * std::mem::size_of::<i32>()
        {
            // strace's check: no room left for the `.PID` suffix.
            return Err(format!("{f}: File name too long").into());
        }
        cfg.stamps = match a.timestamps {
            0 => Stamps::None,
            1 => Stamps::Time(Precision::S),
            2 => Stamps::Time(Precision::Us),
            _ => Stamps::Unix(Precision::Us),
        };
        let long_stamps = [
            ("absolute-timestamps", &a.absolute_timestamps),
            ("timestamps", &a.timestamps_long),
        ];
        if long_stamps.iter().any(|(_, v)| !v.is_empty()) {
            if a.timestamps > 0 {
                return Err(
                    "-t and --absolute-timestamps cannot be provided simultaneously".into(),
                );
            }
            let mut stamps = TimestampSpec::default();
            for (flag, values) in long_stamps {
                for v in values {
                    stamps
                        .add(v)
                        .ok_or_else(|| help(format!("invalid --{flag} argument: '{v}'")))?;
                }
            }
            cfg.stamps = stamps.resolve();
        }
        cfg.relative = a.relative || a.relative_long.is_some();
        if let Some(p) = &a.relative_long {
            cfg.relative_precision = Precision::parse(p)
                .ok_or_else(|| help(format!("invalid --relative-timestamps argument: '{p}'")))?;
        }
        cfg.syscall_times = a.syscall_times || a.syscall_times_long.is_some();
        if let Some(p) = &a.syscall_times_long {
            cfg.syscall_times_precision = Precision::parse(p)
                .ok_or_else(|| help(format!("invalid --syscall-times argument: '{p}'")))?;
        }
        cfg.syscall_number = a.syscall_number;
        // -n shows each thread's latest syscall on its signal and exit lines too, as
        // strace (which stops at every call) does: trace's own choice of a seccomp
        // filter, which would hide the calls left out, gives way.
        if cfg.syscall_number && cfg.seccomp == crate::seccomp::Choice::Auto {
            cfg.seccomp = crate::seccomp::Choice::Off;
        }
        cfg.instruction_pointer = a.instruction_pointer;
        cfg.pidns_translation = a.pidns_translation;
        for set in &a.decode_pids {
            for word in set.split(',') {
                match word {
                    "pidns" => cfg.pidns_translation = true,
                    "none" => cfg.pidns_translation = false,
                    // strace's -Y: not done yet, and said so rather than ignored.
                    "comm" => return Err("--decode-pids=comm is not supported yet".into()),
                    _ => return Err(format!("invalid --decode-pids argument: '{set}'").into()),
                }
            }
        }
        if a.live && !(a.summary_only || a.summary) {
            return Err("--live needs -c or -C".into());
        }
        cfg.live = a.live;
        cfg.cpu_placement = crate::tracer::affinity::CpuPlacement::parse(&a.cpu_placement)?;
        cfg.color = match a.color.as_str() {
            "auto" => ColorChoice::Auto,
            "always" => ColorChoice::Always,
            "never" => ColorChoice::Never,
            other => {
                return Err(
                    format!("invalid --color value: '{other}' (auto, always, never)").into(),
                );
            }
        };
        if a.summary_only || a.summary {
            let mut s = SummaryOptions {
                wall: a.wall_clock,
                ..SummaryOptions::default()
            };
            if let Some(by) = sort {
                s.sort = by;
            }
            if let Some(cols) = columns.take() {
                s.columns = cols;
            }
            s.overhead = overhead;
            cfg.summary = Some(s);
            cfg.log = !a.summary_only || a.summary;
        }
        // Checked last, as strace does: a bad option is reported before this.
        if cfg.command.is_empty() && cfg.pids.is_empty() {
            return Err(help("must have PROG [ARGS] or -p PID"));
        }
        // Then, in strace's order: warnings, and the options that need others.
        let progname = crate::progname();
        if a.deprecated_f > 0 && (a.follow > 0 || a.follow_forks) {
            eprintln!("{progname}: deprecated option -F ignored");
        } else if a.deprecated_f > 0 {
            eprintln!("{progname}: option -F is deprecated, please use -f/--follow-forks instead");
        }
        if a.seccomp_bpf && !a.no_seccomp_bpf {
            let warn = if !a.detach_on.is_empty() {
                Some("--seccomp-bpf is not enabled because it is not compatible with -b")
            } else if !follow {
                Some("--seccomp-bpf cannot be used without -f/--follow-forks, disabling")
            } else {
                None
            };
            if let Some(w) = warn {
                eprintln!("{progname}: {w}");
                cfg.seccomp = crate::seccomp::Choice::Off;
            } else if !cfg.pids.is_empty() {
                eprintln!(
                    "{progname}: --seccomp-bpf is not enabled for processes attached with -p"
                );
            }
        }
        if summary && separately {
            return Err(help(
                "(-c/--summary-only or -C/--summary) and -ff/--output-separately are mutually exclusive",
            ));
        }
        if separately && matches!(cfg.output, Output::Pipe(_)) {
            return Err(help(
                "piping the output and -ff/--output-separately are mutually exclusive",
            ));
        }
        let with_c = "must be given with (-c/--summary-only or -C/--summary)";
        if a.wall_clock && !summary {
            return Err(help(format!("-w/--summary-wall-clock {with_c}")));
        }
        if a.columns.is_some() && !summary {
            return Err(help(format!("-U/--summary-columns {with_c}")));
        }
        let mut touch = crate::filter::touch::TouchFilter::default();
        if let Some(fds) = fd_sets.last() {
            touch.fds = Some(FdSet::parse(fds)?);
        }
        for p in &a.paths {
            if p.is_empty() {
                return Err("-P: empty path".into());
            }
            if let Some(resolved) = touch.add_path(p)
                && !cfg.quiet.path_resolution
            {
                eprintln!(
                    "{}: Requested path \"{p}\" resolved into \"{resolved}\"",
                    crate::progname()
                );
            }
        }
        if !touch.is_empty() {
            cfg.touch = Some(touch);
        }
        if let Some(inject) = &mut cfg.inject {
            inject.set_touch(cfg.touch.clone());
        }
        if a.quiet > 0
            && (quiet_given
                || a.exprs.iter().any(|e| {
                    e.split_once('=')
                        .is_some_and(|(q, _)| matches!(q, "quiet" | "silent" | "silence" | "q"))
                }))
        {
            return Err("-q and -e quiet/--quiet cannot be provided simultaneously".into());
        }
        // strace's warnings for options that do nothing here (run still goes on).
        let progname = crate::progname();
        if a.summary_only && a.decode_fds + u8::from(decode_fds_given) > 0 {
            eprintln!("{progname}: -y/--decode-fds has no effect with -c/--summary-only");
        }
        if cfg.output == Output::Stderr {
            if a.output_separately {
                eprintln!("{progname}: --output-separately has no effect without -o/--output");
            }
            if a.append {
                eprintln!("{progname}: -A/--output-append-mode has no effect without -o/--output");
            }
        }
        if a.sort_by.is_some() && !summary {
            eprintln!(
                "{progname}: -S/--summary-sort-by has no effect without (-c/--summary-only or -C/--summary)"
            );
        }
        if let Some(user) = &a.user {
            if !crate::sys::is_root() {
                return Err("You must be root to use the -u/--username option".into());
            }
            cfg.run_as = Some(
                crate::sys::lookup_user(user)
                    .ok_or_else(|| format!("Cannot find user '{user}'"))?,
            );
        }
        Ok(cfg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn stamps(args: &[&str]) -> Result<Stamps, String> {
        let mut argv = vec!["trace"];
        argv.extend_from_slice(args);
        argv.push("true");
        Config::try_from(Args::try_parse_from(argv).map_err(|e| e.to_string())?)
            .map(|c| c.stamps)
            .map_err(|e| e.msg)
    }

    #[test]
    fn strings_in_hex_values_as_in_strace() {
        use crate::decode::HexStyle;
        let hex = |args: &[&str]| {
            let mut argv = vec!["trace"];
            argv.extend_from_slice(args);
            argv.push("true");
            Config::try_from(Args::try_parse_from(argv).unwrap()).map(|c| c.decode.hex)
        };
        assert_eq!(hex(&["--strings-in-hex"]), Ok(HexStyle::All));
        assert_eq!(hex(&["--strings-in-hex=all"]), Ok(HexStyle::All));
        assert_eq!(hex(&["--strings-in-hex=non-ascii"]), Ok(HexStyle::NonAscii));
        assert_eq!(
            hex(&["--strings-in-hex=non-ascii-chars"]),
            Ok(HexStyle::NonAsciiChars)
        );
        assert_eq!(hex(&["--strings-in-hex=none"]), Ok(HexStyle::None));
        assert!(hex(&["--strings-in-hex=ascii"]).is_err());
    }

    #[test]
    fn syscall_numbers_need_every_syscall_to_stop() {
        let cfg = |args: &[&str]| {
            let mut argv = vec!["trace"];
            argv.extend_from_slice(args);
            argv.push("true");
            Config::try_from(Args::try_parse_from(argv).unwrap()).unwrap()
        };
        use crate::seccomp::Choice;
        assert_eq!(cfg(&["-f", "-n"]).seccomp, Choice::Off);
        assert_eq!(cfg(&["-f"]).seccomp, Choice::Auto);
        assert_eq!(cfg(&["-f", "-n", "--seccomp-bpf"]).seccomp, Choice::On);
    }

    #[test]
    fn timestamp_options_combine_as_in_strace() {
        use Precision::*;
        assert_eq!(stamps(&["-t"]), Ok(Stamps::Time(S)));
        assert_eq!(stamps(&["-ttt"]), Ok(Stamps::Unix(Us)));
        assert_eq!(stamps(&["--timestamps"]), Ok(Stamps::Time(S)));
        assert_eq!(stamps(&["--timestamps=unix,ns"]), Ok(Stamps::Unix(Ns)));
        assert_eq!(stamps(&["--timestamps=MS"]), Ok(Stamps::Time(Ms)));
        assert_eq!(stamps(&["--timestamps=none"]), Ok(Stamps::None));
        // A later option keeps what it does not set.
        assert_eq!(
            stamps(&[
                "--absolute-timestamps=format:unix",
                "--absolute-timestamps=precision:ms"
            ]),
            Ok(Stamps::Unix(Ms))
        );
        assert_eq!(
            stamps(&["--timestamps=us", "--timestamps=none", "--timestamps"]),
            Ok(Stamps::Time(Us))
        );
        assert_eq!(
            stamps(&["--timestamps=precision:unix"]),
            Err("invalid --timestamps argument: 'precision:unix'".into())
        );
        assert_eq!(
            stamps(&["--absolute-timestamps=format:ms"]),
            Err("invalid --absolute-timestamps argument: 'format:ms'".into())
        );
        assert_eq!(
            stamps(&["-t", "--timestamps"]),
            Err("-t and --absolute-timestamps cannot be provided simultaneously".into())
        );
    }
}
