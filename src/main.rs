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
use trace::render::json::JsonSink;
use trace::render::live::LiveSink;
use trace::render::summary::SummarySink;
use trace::render::text::{PidPrefix, TextOptions, TextSink};
use trace::tracer::{Outcome, Tracer, TracerOptions};

/// The log's renderer: strace's text or JSON lines.
enum Log<W: Write> {
    Text(TextSink<W>),
    Json(JsonSink<W>),
}

fn fail(msg: impl std::fmt::Display) -> ExitCode {
    eprintln!("trace: {msg}");
    ExitCode::from(1)
}

fn main() -> ExitCode {
    // `trace proc ...` is the /proc inspector; `trace -- proc` traces a program named proc.
    if std::env::args_os().nth(1).is_some_and(|a| a == "proc") {
        return trace::procfs::cli::main(std::env::args_os().skip(1));
    }
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 1 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    let cfg = match Config::try_from(args) {
        Ok(c) => c,
        Err(e) => return fail(e),
    };
    let out: Box<dyn Write> = match &cfg.output {
        Output::Stderr => Box::new(std::io::stderr()),
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
    let prefix = match (&cfg.output, cfg.follow_forks) {
        (Output::File(_), true) => PidPrefix::Column,
        (Output::File(_), false) => PidPrefix::None,
        (Output::Stderr, _) => PidPrefix::BracketWhenMany,
    };
    let writer = std::io::BufWriter::with_capacity(64 * 1024, out);
    let mut log = if cfg.json {
        Log::Json(JsonSink::new(writer, cfg.decode.clone()))
    } else {
        Log::Text(TextSink::new(
            writer,
            TextOptions {
                decode: cfg.decode.clone(),
                prefix,
                align: cfg.align,
                stamps: cfg.stamps,
                relative: cfg.relative,
                syscall_time: cfg.syscall_times,
                show_exits: cfg.quiet < 2,
                color: match cfg.color {
                    ColorChoice::Always => true,
                    ColorChoice::Never => false,
                    // Never a file or pipe; NO_COLOR (any value) turns it off.
                    ColorChoice::Auto => {
                        cfg.output == Output::Stderr
                            && std::io::stderr().is_terminal()
                            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    }
                },
            },
        ))
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
        let log_sink: &mut dyn Sink = match &mut log {
            Log::Text(t) => t,
            Log::Json(j) => j,
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
        let mut filtered;
        let sink: &mut dyn Sink = if cfg.filter.is_some() || cfg.signals.is_some() {
            filtered = Filtered::new(sink, cfg.filter.as_ref(), cfg.signals.as_ref());
            &mut filtered
        } else {
            sink
        };
        let mut tracer = Tracer::new(
            TracerOptions {
                follow_forks: cfg.follow_forks,
                // strace's rule: fatal signals stop the trace unless a command writes
                // its log to a file; with -p they always detach.
                interactive: cfg.output == Output::Stderr || !cfg.pids.is_empty(),
                flush_when_idle: cfg.output == Output::Stderr || cfg.live,
                announce: cfg.quiet == 0,
                system_time: cfg.summary.as_ref().is_some_and(|s| !s.wall),
            },
            sink,
        );
        let command = (!cfg.command.is_empty()).then_some(&cfg.command[..]);
        tracer.run(command, &cfg.pids)
    };
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
    let _ = out.flush();
    match outcome {
        Err(e) => fail(e),
        Ok(Outcome::Exited(code)) => ExitCode::from(code as u8),
        Ok(Outcome::Killed { sig, .. }) => trace::sys::die_by_signal(sig),
    }
}
