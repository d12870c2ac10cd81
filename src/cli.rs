//! Command-line flags, spelled as strace spells them, parsed with clap and resolved into
//! a validated [`Config`].

use crate::config::{ColorChoice, Config, Output};
use crate::filter::touch::FdSet;
use crate::filter::{SignalFilter, SyscallFilter};
use crate::render::summary::{self, SummaryOptions};
use crate::render::text::{Precision, Stamps};
use crate::tracer::Interruptible;
use clap::{ArgAction, Parser};

#[derive(Parser, Debug)]
#[command(
    name = "trace",
    version,
    about = "Trace system calls and signals, line-compatible with strace",
    override_usage = "trace [OPTIONS] [--] COMMAND [ARGS...]",
    // strace takes the last of a repeated option (`-a23 ... -a24`).
    args_override_self = true
)]
pub struct Args {
    /// Follow forks, vforks and threads (-ff: one output file per process with -o)
    #[arg(short = 'f', action = ArgAction::Count)]
    pub follow: u8,

    /// Same as -f
    #[arg(long = "follow-forks")]
    pub follow_forks: bool,

    /// With -o FILE: one output file per process, FILE.PID (-ff)
    #[arg(long = "output-separately")]
    pub output_separately: bool,

    /// Deprecated spelling of -f
    #[arg(short = 'F', action = ArgAction::Count, hide = true)]
    pub deprecated_f: u8,

    /// Attach to running process PID (repeatable; also "PID PID" or "PID,PID")
    #[arg(
        short = 'p',
        long = "attach",
        value_name = "PID",
        allow_hyphen_values = true
    )]
    pub pids: Vec<String>,

    /// Write the trace to FILE instead of stderr; '|CMD' or '!CMD' pipes it to CMD
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        allow_hyphen_values = true
    )]
    pub output: Option<String>,

    /// Maximum string size to print (default 32)
    #[arg(short = 's', value_name = "STRSIZE", allow_hyphen_values = true)]
    pub string_limit: Option<String>,
    #[arg(
        long = "string-limit",
        value_name = "STRSIZE",
        allow_hyphen_values = true
    )]
    pub string_limit_long: Option<String>,

    /// Align return values in a specific column (default 40)
    #[arg(
        short = 'a',
        long = "columns",
        value_name = "COLUMN",
        allow_hyphen_values = true
    )]
    pub align: Option<String>,

    /// Print non-ASCII strings in hex (-xx: all strings)
    #[arg(short = 'x', action = ArgAction::Count)]
    pub hex: u8,

    /// Strings in hex: non-ascii (bare), all
    #[arg(long = "strings-in-hex", value_name = "WHICH", num_args = 0..=1, require_equals = true, default_missing_value = "non-ascii")]
    pub strings_in_hex: Option<String>,

    /// Print paths associated with file descriptor arguments (-yy: socket details too)
    #[arg(short = 'y', action = ArgAction::Count)]
    pub decode_fds: u8,

    /// What to print for fds: path, socket, dev, pidfd, all, none (bare: path)
    #[arg(long = "decode-fds", value_name = "SET", num_args = 0..=1, require_equals = true, default_missing_value = "path")]
    pub decode_fds_set: Option<String>,

    /// Prefix each line with the time of day (-tt: with microseconds, -ttt: since the epoch)
    #[arg(short = 't', action = ArgAction::Count)]
    pub timestamps: u8,

    /// Prefix each line with the time of day: FORMAT none, time (default) or unix;
    /// PRECISION s (default), ms, us or ns (also format:F, precision:P)
    #[arg(long = "timestamps", value_name = "FORMAT[,PRECISION]", num_args = 0..=1, require_equals = true, default_missing_value = "format:time", action = ArgAction::Append)]
    pub timestamps_long: Vec<String>,

    /// Same as --timestamps
    #[arg(long = "absolute-timestamps", value_name = "FORMAT[,PRECISION]", num_args = 0..=1, require_equals = true, default_missing_value = "format:time", action = ArgAction::Append)]
    pub absolute_timestamps: Vec<String>,

    /// Prefix each line with the time since the previous one
    #[arg(short = 'r')]
    pub relative: bool,

    /// -r with a PRECISION: s, ms, us (default), ns
    #[arg(long = "relative-timestamps", value_name = "PRECISION", num_args = 0..=1, require_equals = true, default_missing_value = "us")]
    pub relative_long: Option<String>,

    /// Show the time spent in each syscall
    #[arg(short = 'T')]
    pub syscall_times: bool,

    /// -T with a PRECISION: s, ms, us (default), ns
    #[arg(long = "syscall-times", value_name = "PRECISION", num_args = 0..=1, require_equals = true, default_missing_value = "us")]
    pub syscall_times_long: Option<String>,

    /// Print pids also as trace's pid namespace sees them, when the tracee's differs
    #[arg(long = "pidns-translation")]
    pub pidns_translation: bool,

    /// What to print with pids: pidns (same as --pidns-translation)
    #[arg(long = "decode-pids", value_name = "SET")]
    pub decode_pids: Vec<String>,

    /// Print the instruction pointer at the time of each syscall
    #[arg(short = 'i', long = "instruction-pointer")]
    pub instruction_pointer: bool,

    /// Print the syscall number before each line
    #[arg(short = 'n', long = "syscall-number")]
    pub syscall_number: bool,

    /// Named constants as: abbrev (names, default), raw (numbers), verbose (both)
    #[arg(short = 'X', value_name = "FORMAT")]
    pub xlat: Option<String>,
    #[arg(long = "const-print-style", value_name = "FORMAT")]
    pub xlat_long: Option<String>,

    /// When fatal signals may interrupt trace: 1/anywhere, 2/waiting, 3/never,
    /// 4/never_tstp
    #[arg(short = 'I', value_name = "INTERRUPTIBLE")]
    pub interruptible: Option<String>,
    #[arg(long = "interruptible", value_name = "INTERRUPTIBLE")]
    pub interruptible_long: Option<String>,

    /// Detach from a tracee at its execve (other than the command's first): -b execve
    #[arg(short = 'b', long = "detach-on", value_name = "SYSCALL")]
    pub detach_on: Vec<String>,

    /// Run the command with the user ID, group ID and supplementary groups of USER
    #[arg(
        short = 'u',
        long = "user",
        visible_alias = "username",
        value_name = "USER"
    )]
    pub user: Option<String>,

    /// With -c: subtract OVERHEAD (microseconds, or with s, ms, us, ns) from each call
    #[arg(
        short = 'O',
        long = "summary-syscall-overhead",
        value_name = "OVERHEAD",
        allow_hyphen_values = true
    )]
    pub overhead: Option<String>,

    /// A qualifying expression: [trace=]SET (names, %class, /regex, !, ?name)
    #[arg(short = 'e', value_name = "EXPR", allow_hyphen_values = true)]
    pub exprs: Vec<String>,

    /// Same as -e abbrev=SET, -e verbose=SET, -e raw=SET, -e read=SET, -e write=SET
    #[arg(long = "abbrev", value_name = "SET")]
    pub abbrev: Vec<String>,
    #[arg(long = "verbose", value_name = "SET")]
    pub verbose_set: Vec<String>,
    #[arg(long = "raw", value_name = "SET")]
    pub raw: Vec<String>,
    #[arg(long = "read", value_name = "SET")]
    pub read: Vec<String>,
    #[arg(long = "write", value_name = "SET")]
    pub write: Vec<String>,

    /// strace's KVM exit decoding (-e kvm=vcpu); not supported by trace
    #[arg(long = "kvm", value_name = "vcpu", hide = true)]
    pub kvm: Vec<String>,

    /// Trace only the syscalls in SET (same as -e trace=SET)
    #[arg(long = "trace", value_name = "SET")]
    pub trace: Vec<String>,

    /// Tamper with syscalls: SET[:error=E|:retval=V][:signal=SIG][:when=EXPR]...
    /// (same as -e inject=...)
    #[arg(long = "inject", value_name = "SPEC")]
    pub inject: Vec<String>,

    /// Make syscalls fail: SET[:error=E][:when=EXPR] (same as -e fault=...)
    #[arg(long = "fault", value_name = "SPEC")]
    pub fault: Vec<String>,

    /// Suppress attach/detach messages (-qq: also exit lines, -qqq: all)
    #[arg(short = 'q', action = ArgAction::Count)]
    pub quiet: u8,

    /// Suppress the messages in SET: attach, exit, path-resolution, personality,
    /// thread-execve (same as -e quiet=SET)
    #[arg(long = "quiet", visible_aliases = ["silent", "silence"], value_name = "SET",
          num_args = 0..=1, require_equals = true, default_missing_value = "attach,personality")]
    pub quiet_set: Vec<String>,

    /// Show only the signals in SET (same as -e signal=SET)
    #[arg(long = "signal", visible_alias = "signals", value_name = "SET")]
    pub signal_set: Vec<String>,

    /// Print only calls with the return statuses in SET: successful, failed,
    /// unfinished, unavailable, detached (same as -e status=SET)
    #[arg(long = "status", value_name = "SET")]
    pub status: Vec<String>,

    /// Print only syscalls that returned without an error code
    #[arg(short = 'z', long = "successful-only", overrides_with = "failed_only")]
    pub successful_only: bool,

    /// Print only syscalls that returned with an error code
    #[arg(short = 'Z', long = "failed-only", overrides_with = "successful_only")]
    pub failed_only: bool,

    /// Trace only calls that touch PATH: path arguments, or fds open on it (repeatable)
    #[arg(short = 'P', long = "trace-path", value_name = "PATH")]
    pub paths: Vec<String>,

    /// Trace only calls on the fds in SET (same as -e trace-fds=SET)
    #[arg(long = "trace-fds", value_name = "SET")]
    pub trace_fds: Vec<String>,

    /// Append to the -o file instead of truncating it
    #[arg(short = 'A', long = "output-append-mode")]
    pub append: bool,

    /// Print unabbreviated structures
    #[arg(short = 'v', long = "no-abbrev")]
    pub verbose: bool,

    /// Count time, calls and errors per syscall and print a summary (no log)
    #[arg(short = 'c', long = "summary-only")]
    pub summary_only: bool,

    /// Like -c, but print the log too
    #[arg(short = 'C', long = "summary")]
    pub summary: bool,

    /// Summarise wall-clock time from entry to exit instead of system time
    #[arg(short = 'w', long = "summary-wall-clock")]
    pub wall_clock: bool,

    /// Sort the summary by: time (default), calls, errors, name, nothing, ...
    #[arg(short = 'S', long = "summary-sort-by", value_name = "SORTBY")]
    pub sort_by: Option<String>,

    /// Summary columns, e.g. name,calls,errors,time-total (see strace's -U)
    #[arg(short = 'U', long = "summary-columns", value_name = "COLUMNS")]
    pub columns: Option<String>,

    /// Write JSON lines instead of text: one object per event, or per summary row
    #[arg(long = "json")]
    pub json: bool,

    /// With -c: a full-screen view of the top syscalls, refreshed every second
    #[arg(long = "live")]
    pub live: bool,

    /// Colour the log: auto (on a terminal, unless NO_COLOR is set), always, never
    #[arg(long = "color", value_name = "WHEN", default_value = "auto")]
    pub color: String,

    /// Stop the program only at traced syscalls, with a seccomp-bpf filter (the
    /// default with -f and -e trace= when trace may install it without no_new_privs)
    #[arg(long = "seccomp-bpf", overrides_with = "no_seccomp_bpf")]
    pub seccomp_bpf: bool,

    /// Never install a seccomp-bpf filter: every syscall stops the program
    #[arg(long = "no-seccomp-bpf")]
    pub no_seccomp_bpf: bool,

    /// Also write every syscall as a replayable JSON fixture line to FILE
    #[arg(long = "record", value_name = "FILE")]
    pub record: Option<String>,

    /// CPU placement: auto (trace runs on the CPU of the thread it serves, and pins a
    /// lone traced thread there too), tracer (only trace moves), free (as strace)
    #[arg(long = "cpu-placement", value_name = "MODE", default_value = "auto")]
    pub cpu_placement: String,

    /// The program to run, with its arguments
    #[arg(trailing_var_arg = true, value_name = "COMMAND")]
    pub command: Vec<String>,
}

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

/// getopt's reading of `-I=never`: the value of a short option is all that follows
/// it, `=` included (clap would drop the `=`). Such an argument is split in two
/// before clap sees it; nothing after the command is touched.
pub fn getopt_split(args: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    use clap::CommandFactory;
    let cmd = Args::command();
    let short_takes = |c: char| {
        cmd.get_arguments()
            .any(|a| a.get_short() == Some(c) && a.get_action().takes_values())
    };
    let long_takes = |name: &str| {
        cmd.get_arguments().any(|a| {
            a.get_long() == Some(name)
                && a.get_action().takes_values()
                && !a.is_require_equals_set()
        })
    };
    let mut out = Vec::with_capacity(args.len());
    let mut iter = args.into_iter();
    out.extend(iter.next());
    let mut value_next = false;
    while let Some(arg) = iter.next() {
        let Some(s) = arg.to_str().map(str::to_owned) else {
            out.push(arg);
            value_next = false;
            continue;
        };
        if value_next {
            value_next = false;
            out.push(arg);
            continue;
        }
        if s == "--" || !s.starts_with('-') || s == "-" {
            // The command starts here.
            out.push(arg);
            out.extend(iter);
            break;
        }
        if let Some(long) = s.strip_prefix("--") {
            value_next = !long.contains('=') && long_takes(long);
            out.push(arg);
            continue;
        }
        // A cluster of short flags: the first that takes a value ends it.
        let body = &s[1..];
        let mut split = None;
        for (i, c) in body.char_indices() {
            if short_takes(c) {
                let rest = &body[i + c.len_utf8()..];
                if rest.is_empty() {
                    value_next = true;
                } else if rest.starts_with('=') {
                    split = Some(1 + i + c.len_utf8());
                }
                break;
            }
        }
        match split {
            Some(at) => {
                out.push(s[..at].into());
                out.push(s[at..].into());
            }
            None => out.push(arg),
        }
    }
    out
}

/// `--timestamps` arguments as strace reads them: comma-separated tokens, each a format
/// (`none`, `time`, `unix`, or `format:F`) or a precision (`s`, `ms`, `us`, `ns`, or
/// `precision:P`), case-insensitive; later options keep what they do not set.
#[derive(Default)]
struct TimestampSpec {
    /// `None` for format none; unset until a format is given.
    format: Option<Option<bool>>,
    precision: Option<Precision>,
}

impl TimestampSpec {
    fn add(&mut self, arg: &str) -> Option<()> {
        let mut format = None;
        for token in arg.split(',').filter(|t| !t.is_empty()) {
            let token = token.to_ascii_lowercase();
            let (word, may_format, may_precision) = if let Some(w) = token.strip_prefix("format:") {
                (w, true, false)
            } else if let Some(w) = token.strip_prefix("precision:") {
                (w, false, true)
            } else {
                (token.as_str(), true, true)
            };
            // Some(unix?) for a time format, None for `none`.
            let f = match word {
                "none" => Some(None),
                "time" => Some(Some(false)),
                "unix" => Some(Some(true)),
                _ => None,
            };
            if may_format && let Some(f) = f {
                format = Some(f);
            } else if let Some(p) = Precision::parse(word).filter(|_| may_precision) {
                self.precision = Some(p);
            } else {
                return None;
            }
        }
        // An option without a format turns the time of day on, unless one is set.
        self.format = Some(
            format
                .or(self.format.flatten().map(Some))
                .unwrap_or(Some(false)),
        );
        Some(())
    }

    fn resolve(&self) -> Stamps {
        let p = self.precision.unwrap_or(Precision::S);
        match self.format.flatten() {
            None => Stamps::None,
            Some(false) => Stamps::Time(p),
            Some(true) => Stamps::Unix(p),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamps(args: &[&str]) -> Result<Stamps, String> {
        let mut argv = vec!["trace"];
        argv.extend_from_slice(args);
        argv.push("true");
        Config::try_from(Args::try_parse_from(argv).map_err(|e| e.to_string())?)
            .map(|c| c.stamps)
            .map_err(|e| e.msg)
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
