//! The flags as clap reads them, spelled as strace spells them ([`Args`]), and getopt's
//! way with glued short-option values, applied before clap sees the arguments.

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
    #[arg(long = "strings-in-hex", value_name = "WHICH", num_args = 0..=1, require_equals = true, default_missing_value = "all")]
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
