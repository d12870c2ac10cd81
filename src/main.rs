//! The `trace` binary: parse flags, run the tracer, hand on the tracee's exit.

#![forbid(unsafe_code)]

use clap::Parser;
use std::io::IsTerminal;
use std::io::Write;
use std::process::ExitCode;
use trace::cli::Args;
use trace::config::{ColorChoice, Config, Output};
use trace::event::{Both, Sink};
use trace::filter::Filtered;
use trace::filter::status::StatusFiltered;
use trace::fixture::RecordSink;
use trace::render::json::JsonSink;
use trace::render::live::LiveSink;
use trace::render::separate::SeparateFiles;
use trace::render::summary::SummarySink;
use trace::render::text::{PidPrefix, TextOptions, TextSink};
use trace::tracer::{Interruptible, Outcome, Tracer, TracerOptions};

/// The log's renderer: strace's text or JSON lines.
enum Log<W: Write> {
    Text(TextSink<W>),
    Json(JsonSink<W>),
}

/// An io::Error as the C library words it (no " (os error N)").
fn strip_os(e: &std::io::Error) -> String {
    let s = e.to_string();
    s.split(" (os error").next().unwrap_or_default().to_string()
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("{}: {msg}", trace::progname());
    ExitCode::from(1)
}

fn main() -> ExitCode {
    // Run with no argv[0] (argc 0), trace names the binary that ran.
    trace::set_progname(
        std::env::args_os()
            .next()
            .filter(|a| !a.is_empty())
            .or_else(|| std::env::current_exe().ok().map(Into::into)),
    );
    // `trace proc ...` is the /proc inspector; `trace -- proc` traces a program named proc.
    if std::env::args_os().nth(1).is_some_and(|a| a == "proc") {
        return trace::procfs::cli::main(std::env::args_os().skip(1));
    }
    let args = match Args::try_parse_from(trace::cli::getopt_split(std::env::args_os().collect())) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let cfg = match Config::try_from(args) {
        Ok(c) => c,
        Err(e) => {
            let code = fail(&e.msg);
            if e.help {
                eprintln!("Try '{} -h' for more information.", trace::progname());
            }
            return code;
        }
    };
    // `-o '|CMD'`: the log goes into CMD's standard input.
    let mut pipe_child = None;
    // With -ff the log goes to FILE.TID; FILE itself only gets a summary.
    let separate = cfg.output_separately && cfg.log && !cfg.json;
    let out: Box<dyn Write> = match &cfg.output {
        Output::File(_) if separate && cfg.summary.is_none() => Box::new(std::io::sink()),
        Output::Stderr => Box::new(std::io::stderr()),
        Output::Pipe(cmd) => match std::process::Command::new("/bin/sh")
            .arg("-c")
            .arg(cmd)
            .stdin(std::process::Stdio::piped())
            .spawn()
        {
            Ok(mut child) => {
                let stdin = child.stdin.take();
                pipe_child = Some(child);
                match stdin {
                    Some(w) => Box::new(w),
                    None => return fail("Can't open pipe"),
                }
            }
            Err(e) => return fail(format_args!("fork: {e}")),
        },
        Output::File(path) => match std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .append(cfg.append)
            .truncate(!cfg.append)
            .open(path)
        {
            Ok(f) => Box::new(f),
            Err(e) => return fail(format_args!("Can't fopen '{path}': {e}")),
        },
    };
    let record_out = match &cfg.record {
        Some(path) => match std::fs::File::create(path) {
            Ok(f) => Some(std::io::BufWriter::new(f)),
            Err(e) => return fail(format_args!("Can't fopen '{path}': {e}")),
        },
        None => None,
    };
    // strace's rule: a log file gets the pid column with -f, or when more than one
    // process is traced from the start (`-p PID CMD`, `-p A -p B`).
    let initial = cfg.pids.len() + usize::from(!cfg.command.is_empty());
    let prefix = match (&cfg.output, cfg.follow_forks || initial > 1) {
        (Output::File(_) | Output::Pipe(_), true) => PidPrefix::Column,
        (Output::File(_) | Output::Pipe(_), false) => PidPrefix::None,
        (Output::Stderr, _) => PidPrefix::BracketWhenMany,
    };
    let color = match cfg.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // Never a file or pipe; NO_COLOR (any value) turns it off.
        ColorChoice::Auto => {
            cfg.output == Output::Stderr
                && std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let pidns = cfg
        .pidns_translation
        .then(|| std::sync::Arc::new(trace::pidns::Translator::live()));
    let text_options = {
        let cfg = cfg.clone();
        move || TextOptions {
            decode: cfg.decode.clone(),
            prefix,
            align: cfg.align,
            stamps: cfg.stamps,
            relative: cfg.relative,
            syscall_time: cfg.syscall_times,
            relative_precision: cfg.relative_precision,
            syscall_time_precision: cfg.syscall_times_precision,
            syscall_number: cfg.syscall_number,
            instruction_pointer: cfg.instruction_pointer,
            pidns: pidns.clone(),
            show_exits: !cfg.quiet.exit,
            color,
            staged: cfg.status.is_some(),
            // strace notes personality changes on stderr only.
            personality_notes: cfg.output == Output::Stderr && !cfg.quiet.personality,
            show_superseded: !cfg.quiet.thread_execve,
            announce_children: cfg.output == Output::Stderr && !cfg.quiet.attach,
        }
    };
    let writer = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut log = if cfg.json {
        Log::Json(JsonSink::new(writer, cfg.decode.clone()))
    } else {
        Log::Text(TextSink::new(writer, text_options()))
    };
    let mut separate_files = match (&cfg.output, separate) {
        (Output::File(base), true) => Some(SeparateFiles::new(
            base.clone(),
            cfg.append,
            Box::new(text_options),
        )),
        _ => None,
    };
    // The live view needs a terminal to draw on; elsewhere it is the plain table.
    let live_view = cfg.live && std::io::stdout().is_terminal();
    let mut live = cfg
        .summary
        .clone()
        .filter(|_| live_view)
        .map(LiveSink::start);
    let mut summary = cfg
        .summary
        .clone()
        .filter(|_| !live_view)
        .map(SummarySink::new);
    let outcome = {
        let log_sink: &mut dyn Sink = match (&mut separate_files, &mut log) {
            (Some(f), _) => f,
            (None, Log::Text(t)) => t,
            (None, Log::Json(j)) => j,
        };
        // -e status= judges the log's calls only; -c counts them all, as strace does.
        let mut by_status;
        let log_sink: &mut dyn Sink = match cfg.status {
            Some(set) => {
                by_status = StatusFiltered::new(log_sink, set);
                &mut by_status
            }
            None => log_sink,
        };
        let counting: Option<&mut dyn Sink> = match (&mut summary, &mut live) {
            (Some(s), _) => Some(s),
            (None, Some(l)) => Some(l),
            (None, None) => None,
        };
        let sink: &mut dyn Sink = match (counting, cfg.log) {
            (None, _) => log_sink,
            (Some(s), false) => s,
            (Some(s), true) => &mut Both(log_sink, s),
        };
        let mut recording = None;
        let sink: &mut dyn Sink = match record_out {
            Some(f) => recording.insert(RecordSink::new(f, sink, cfg.decode.clone())),
            None => sink,
        };
        let mut filtered;
        let sink: &mut dyn Sink =
            if cfg.filter.is_some() || cfg.signals.is_some() || cfg.touch.is_some() {
                filtered = Filtered::new(
                    sink,
                    cfg.filter.as_ref(),
                    cfg.signals.as_ref(),
                    cfg.touch.as_ref(),
                );
                &mut filtered
            } else {
                sink
            };
        // strace's rule: -b detaches at exec, where a filter would stay behind (an
        // explicit --seccomp-bpf was warned about with the options).
        let seccomp_choice = if cfg.detach_on_exec {
            trace::seccomp::Choice::Off
        } else {
            cfg.seccomp
        };
        let plan = trace::seccomp::plan(
            seccomp_choice,
            cfg.filter.as_ref(),
            cfg.follow_forks,
            !cfg.command.is_empty(),
            trace::tracer::has_cap_sys_admin(),
            trace::arch::Arch::native(),
        );
        if let Some(w) = plan.warning {
            eprintln!("{}: {w}", trace::progname());
        }
        let mut tracer = Tracer::new(
            TracerOptions {
                follow_forks: cfg.follow_forks,
                // strace's rule: fatal signals stop the trace unless a command writes
                // its log to a file; with -p they always detach.
                // An explicit -I2 makes trace interruptible with a log file too.
                interactive: cfg.output == Output::Stderr
                    || !cfg.pids.is_empty()
                    || cfg.interruptible == Some(Interruptible::Waiting),
                flush_when_idle: cfg.output == Output::Stderr || cfg.live,
                announce: !cfg.quiet.attach,
                announce_exits: !cfg.quiet.exit,
                system_time: cfg.summary.as_ref().is_some_and(|s| !s.wall),
                seccomp: plan
                    .program
                    .map(|p| trace::sys::SeccompFilter::new(&p, plan.no_new_privs)),
                cpu_placement: cfg.cpu_placement,
                instruction_pointer: cfg.instruction_pointer,
                inject: cfg.inject.clone(),
                interruptible: cfg.interruptible.unwrap_or_default(),
                detach_on_exec: cfg.detach_on_exec,
                release_stdio: !live_view,
                run_as: cfg.run_as.clone(),
            },
            sink,
        );
        let command = (!cfg.command.is_empty()).then_some(&cfg.command[..]);
        let outcome = tracer.run(command, &cfg.pids);
        drop(tracer);
        if let Some(Err(e)) = recording.map(RecordSink::finish) {
            eprintln!("{}: --record: {e}", trace::progname());
        }
        outcome
    };
    if let Some(e) = separate_files.as_ref().and_then(|f| f.error.clone()) {
        eprintln!("{}: {e}", trace::progname());
    }
    drop(separate_files);
    let mut out = match log {
        Log::Text(t) => t.into_inner(),
        Log::Json(j) => j.into_inner(),
    };
    if let Some(l) = live {
        // The final table stays on the terminal; a log file gets it as well.
        summary = l.finish().filter(|_| cfg.output != Output::Stderr);
    }
    if let Some(s) = &summary {
        let table = if cfg.json {
            s.render_json()
        } else {
            s.render()
        };
        let _ = out.write_all(table.as_bytes());
    }
    // A log that could not be written is reported at the end, as strace does.
    if let (Err(e), Output::File(path) | Output::Pipe(path)) = (out.flush(), &cfg.output) {
        eprintln!("{}: {path}: {}", trace::progname(), strip_os(&e));
    }
    drop(out);
    if let Some(mut child) = pipe_child {
        // The log's reader sees end of file now; trace ends after it.
        let _ = child.wait();
    }
    match outcome {
        Err(e) => fail(e),
        Ok(Outcome::Exited(code)) => ExitCode::from(code as u8),
        Ok(Outcome::Killed { sig, .. }) => trace::sys::die_by_signal(sig),
    }
}
