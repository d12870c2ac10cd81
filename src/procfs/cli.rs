//! `trace proc`'s command line and its run: which processes and sections, then the
//! reports and the audit summary on stdout.
//!
//! Exit status: 0 when nothing was found, 3 when a secret was found (in an environment,
//! on a command line, or `--find`'s literal in an open file), 1 on an error (a PID that
//! is not a running process, bad flags). Unreadable items are not errors: they are
//! shown where they are and counted in the summary.

use super::render::{self, Summary};
use super::{Inspector, Options};
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status when secrets were found.
pub const EXIT_SECRETS: u8 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "trace proc",
    about = "Audit processes through /proc: open fds, secrets in the environment and on the \
             command line, who can read them, and where a literal sits in open files.",
    after_help = "With none of --fds, --env, --find: --fds and --env.\n\
                  Exit status: 0 nothing found, 3 secrets found, 1 error."
)]
pub struct ProcArgs {
    /// Processes to inspect.
    #[arg(
        value_name = "PID",
        required_unless_present = "all",
        conflicts_with = "all"
    )]
    pub pids: Vec<u32>,
    /// Every process visible in /proc.
    #[arg(long)]
    pub all: bool,
    /// Open file descriptors, like lsof -p.
    #[arg(long)]
    pub fds: bool,
    /// Secrets in the environment and on the command line.
    #[arg(long)]
    pub env: bool,
    /// Search the regular files each process holds open for LITERAL and its base64 form.
    #[arg(long, value_name = "LITERAL")]
    pub find: Option<String>,
    /// One JSON object per process, then {"summary": ...}.
    #[arg(long)]
    pub json: bool,
    /// Print secret values instead of redacting them.
    #[arg(long)]
    pub show_secrets: bool,
    /// Read this directory instead of /proc (for tests with fixture trees).
    #[arg(long, hide = true, default_value = "/proc")]
    pub proc_root: PathBuf,
}

/// Runs `trace proc` with `args` (the first is the program name, `proc`).
pub fn main(args: impl IntoIterator<Item = OsString>) -> ExitCode {
    let a = match ProcArgs::try_parse_from(args) {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
    if a.find.as_deref() == Some("") {
        eprintln!(
            "{}: proc: --find needs a non-empty literal",
            crate::progname()
        );
        return ExitCode::from(1);
    }
    let none = !a.fds && !a.env && a.find.is_none();
    let opts = Options {
        fds: a.fds || none,
        env: a.env || none,
        find: a.find.map(String::into_bytes),
        show_secrets: a.show_secrets,
    };
    let mut inspector = Inspector::new(&a.proc_root);
    let mut failed = false;
    let pids = if a.all {
        match inspector.all_pids() {
            Ok(p) => p,
            Err(e) => {
                eprintln!(
                    "{}: proc: {}: {e}",
                    crate::progname(),
                    a.proc_root.display()
                );
                return ExitCode::from(1);
            }
        }
    } else {
        a.pids
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut summary = Summary::new(&opts);
    let mut first = true;
    for pid in pids {
        if !inspector.exists(pid) {
            // With --all a process may end between the listing and now: not an error.
            if !a.all {
                let _ = out.flush();
                match inspector.thread_group(pid) {
                    Some(tgid) if tgid != pid => {
                        eprintln!(
                            "{}: proc: {pid} is a thread of process {tgid}",
                            crate::progname()
                        )
                    }
                    _ => eprintln!(
                        "{}: proc: no such process: {pid}{}",
                        crate::progname(),
                        inspector.hidden_note().unwrap_or_default()
                    ),
                }
                failed = true;
            }
            continue;
        }
        let report = inspector.inspect(pid, &opts);
        summary.add(&report);
        let text = if a.json {
            render::json(&report) + "\n"
        } else {
            let sep = if first { "" } else { "\n" };
            format!("{sep}{}", render::text(&report))
        };
        first = false;
        if out.write_all(text.as_bytes()).is_err() {
            // stdout closed (`| head`): nothing more to say.
            return ExitCode::from(1);
        }
    }
    let tail = if a.json {
        summary.json() + "\n"
    } else {
        format!("\n{}", summary.text())
    };
    let _ = out.write_all(tail.as_bytes());
    let _ = out.flush();
    if failed {
        ExitCode::from(1)
    } else if summary.secrets > 0 {
        ExitCode::from(EXIT_SECRETS)
    } else {
        ExitCode::SUCCESS
    }
}
