//! `-c --live`: a full-screen view of the top syscalls by time and by count, redrawn
//! about once a second on the terminal while the program runs. The counting is the
//! summary's; a drawing thread reads it under a lock, so a quiet tracee still gets a
//! fresh screen.

use super::summary::{SummaryOptions, SummarySink};
use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use crossterm::{cursor, execute, terminal};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How many syscalls each of the two lists shows.
const TOP: usize = 10;

pub struct LiveSink {
    counts: Arc<Mutex<SummarySink>>,
    stop: Arc<AtomicBool>,
    drawer: Option<JoinHandle<()>>,
}

/// One screen: a heading, then the top syscalls by time and by calls.
fn screen(s: &SummarySink, elapsed: Duration) -> String {
    let (calls, errors) = s.totals();
    let mut out = format!(
        "trace --live: {calls} calls, {errors} errors, {:.1} s (Ctrl-C ends; the full table follows)\n\n",
        elapsed.as_secs_f64()
    );
    for (title, by) in [
        ("Top syscalls by time", "time"),
        ("Top syscalls by calls", "calls"),
    ] {
        out.push_str(title);
        out.push_str(":\n");
        out.push_str(&s.render_top(by, TOP));
        out.push('\n');
    }
    out
}

fn draw(out: &mut impl Write, text: &str) {
    let _ = execute!(
        out,
        cursor::MoveTo(0, 0),
        terminal::Clear(terminal::ClearType::All)
    );
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

impl LiveSink {
    /// Starts the view on stdout, which must be a terminal.
    pub fn start(opts: SummaryOptions) -> Self {
        let counts = Arc::new(Mutex::new(SummarySink::new(opts)));
        let stop = Arc::new(AtomicBool::new(false));
        let (c, s) = (Arc::clone(&counts), Arc::clone(&stop));
        let drawer = std::thread::spawn(move || {
            let started = Instant::now();
            let mut stdout = std::io::stdout();
            while !s.load(Ordering::SeqCst) {
                let text = match c.lock() {
                    Ok(sink) => screen(&sink, started.elapsed()),
                    Err(_) => return,
                };
                draw(&mut stdout, &text);
                // Sleep in small steps so the end is not a second late.
                for _ in 0..10 {
                    if s.load(Ordering::SeqCst) {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            }
        });
        LiveSink {
            counts,
            stop,
            drawer: Some(drawer),
        }
    }

    /// Stops redrawing and leaves the final table on the screen; returns the counts.
    pub fn finish(mut self) -> Option<SummarySink> {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(d) = self.drawer.take() {
            let _ = d.join();
        }
        let sink = Arc::try_unwrap(std::mem::replace(
            &mut self.counts,
            Arc::new(Mutex::new(SummarySink::new(SummaryOptions::default()))),
        ))
        .ok()?
        .into_inner()
        .ok()?;
        draw(&mut std::io::stdout(), &sink.render());
        Some(sink)
    }

    fn with(&self, f: impl FnOnce(&mut SummarySink)) {
        if let Ok(mut s) = self.counts.lock() {
            f(&mut s);
        }
    }
}

impl Sink for LiveSink {
    fn syscall_entry(&mut self, _: Tid, _: &SyscallRecord, _: &dyn MemoryReader) {}

    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        self.with(|s| s.syscall_exit(tid, rec, mem, t));
    }

    fn syscall_never_returns(&mut self, _: Tid) {}
    fn signal(&mut self, _: Tid, _: Arch, _: &[u8; 128]) {}
    fn stopped(&mut self, _: Tid, _: i32) {}
    fn exited(&mut self, _: Tid, _: i32) {}
    fn killed(&mut self, _: Tid, _: i32, _: bool) {}
}
