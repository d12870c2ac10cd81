//! `--json`: every event as one JSON object per line (schema in the README), decoded
//! the same way as the text log; and the `-c` summary as one object per row.

use crate::arch::Arch;
use crate::decode::{self, Ctx, DecodeOptions};
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use crate::table::Signature;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::Write;
use std::time::{SystemTime, UNIX_EPOCH};

struct Pending {
    rec: SyscallRecord,
    name: String,
    sig: Option<&'static Signature>,
    saved: decode::Saved,
    /// Texts of the arguments decoded at entry.
    args: Vec<(usize, String)>,
    time: f64,
}

pub struct JsonSink<W: Write> {
    out: W,
    decode: DecodeOptions,
    pending: HashMap<Tid, Pending>,
    /// Output failed (e.g. EPIPE): stop writing.
    pub broken: bool,
}

/// Seconds since the epoch, as a float (the `time` field).
fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

fn signame(sig: i32) -> String {
    let mut s = String::new();
    decode::signal::print_signame(&mut s, sig);
    s
}

impl<W: Write> JsonSink<W> {
    pub fn new(out: W, decode: DecodeOptions) -> Self {
        JsonSink {
            out,
            decode,
            pending: HashMap::new(),
            broken: false,
        }
    }

    pub fn into_inner(self) -> W {
        self.out
    }

    fn emit(&mut self, v: Value) {
        if self.broken {
            return;
        }
        let mut line = v.to_string();
        line.push('\n');
        if self.out.write_all(line.as_bytes()).is_err() {
            self.broken = true;
        }
    }

    /// The object of a syscall; `timing` is `None` when it never returned.
    fn syscall_object(
        &self,
        tid: Tid,
        p: &Pending,
        mem: &dyn MemoryReader,
        timing: Option<&Timing>,
    ) -> Value {
        let (at_entry, total) = decode::arg_split(p.sig);
        let mut args = p.args.clone();
        if p.rec.ret.is_some() {
            let ctx = Ctx {
                rec: &p.rec,
                mem,
                opts: &self.decode,
                saved: &p.saved,
            };
            args.extend(decode::arg_texts(&ctx, p.sig, at_entry, total));
        }
        let shown: Vec<Value> = args
            .iter()
            .map(|(i, text)| json!({"value": p.rec.arch.ulong(p.rec.args[*i]), "text": text}))
            .collect();
        let texts: Vec<&str> = args.iter().map(|(_, t)| t.as_str()).collect();
        let mut text = format!("{}({})", p.name, texts.join(", "));
        let ctx = Ctx {
            rec: &p.rec,
            mem,
            opts: &self.decode,
            saved: &p.saved,
        };
        let mut ret_text = String::new();
        decode::print_return(&ctx, p.sig, &mut ret_text);
        text.push(' ');
        text.push_str(&ret_text);
        let note = timing.map_or("", |t| t.tampered.note());
        text.push_str(note);
        let errno = p.rec.errno();
        let mut obj = json!({
            "type": "syscall",
            "pid": tid,
            "time": p.time,
            "arch": p.rec.arch.name(),
            "nr": p.rec.nr,
            "name": p.name,
            "args": shown,
            "ret": if errno.is_some() { Value::from(-1) } else { json!(p.rec.ret) },
            "errno": errno.and_then(|e| crate::table::errno(e).map(|e| e.name.clone())),
            "duration": timing.map(|t| t.wall.as_secs_f64()),
            "text": text,
        });
        // `-e inject=`: only on tampered calls, the log's note ("(INJECTED)", ...).
        if !note.is_empty() {
            obj["injected"] = Value::from(note.trim());
        }
        obj
    }
}

impl<W: Write> Sink for JsonSink<W> {
    fn syscall_entry(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader) {
        let (name, sig) = decode::describe(rec.arch, rec.nr);
        let zero = decode::Saved::default();
        let ctx = Ctx {
            rec,
            mem,
            opts: &self.decode,
            saved: &zero,
        };
        let saved = decode::capture(&ctx, sig);
        let (at_entry, _) = decode::arg_split(sig);
        let args = decode::arg_texts(&ctx, sig, 0, at_entry);
        self.pending.insert(
            tid,
            Pending {
                rec: rec.clone(),
                name: name.into_owned(),
                sig,
                saved,
                args,
                time: now(),
            },
        );
    }

    fn syscall_exit(&mut self, tid: Tid, rec: &SyscallRecord, mem: &dyn MemoryReader, t: &Timing) {
        let Some(mut p) = self.pending.remove(&tid) else {
            return;
        };
        p.rec.ret = rec.ret;
        let v = self.syscall_object(tid, &p, mem, Some(t));
        self.emit(v);
    }

    fn syscall_discard(&mut self, tid: Tid) {
        self.pending.remove(&tid);
    }

    fn syscall_never_returns(&mut self, tid: Tid) {
        struct NoMemory;
        impl MemoryReader for NoMemory {
            fn read(&self, _: u64, _: &mut [u8]) -> usize {
                0
            }
        }
        if let Some(p) = self.pending.remove(&tid) {
            let v = self.syscall_object(tid, &p, &NoMemory, None);
            self.emit(v);
        }
    }

    fn signal(&mut self, tid: Tid, arch: Arch, siginfo: &[u8; 128]) {
        let mut text = String::new();
        decode::signal::print_siginfo_event(&mut text, arch, siginfo);
        let signo = i32::from_le_bytes([siginfo[0], siginfo[1], siginfo[2], siginfo[3]]);
        self.emit(json!({
            "type": "signal", "pid": tid, "time": now(),
            "signal": signame(signo), "text": format!("--- {text} ---"),
        }));
    }

    fn stopped(&mut self, tid: Tid, sig: i32) {
        self.emit(json!({"type": "stopped", "pid": tid, "time": now(), "signal": signame(sig)}));
    }

    fn exec_switched(&mut self, pid: Tid, old: Tid) {
        if let Some(p) = self.pending.remove(&old) {
            self.pending.insert(pid, p);
        }
    }

    fn detached(&mut self, tid: Tid) {
        self.pending.remove(&tid);
        self.emit(json!({"type": "detached", "pid": tid, "time": now()}));
    }

    fn exited(&mut self, tid: Tid, code: i32) {
        self.pending.remove(&tid);
        self.emit(json!({"type": "exited", "pid": tid, "time": now(), "code": code}));
    }

    fn killed(&mut self, tid: Tid, sig: i32, core: bool) {
        self.pending.remove(&tid);
        self.emit(json!({
            "type": "killed", "pid": tid, "time": now(), "signal": signame(sig), "core_dumped": core,
        }));
    }

    fn flush(&mut self) {
        if !self.broken && self.out.flush().is_err() {
            self.broken = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordedMemory;

    #[test]
    fn syscall_object() {
        let mut s = JsonSink::new(Vec::new(), DecodeOptions::default());
        let arch = Arch::X86_64;
        let mem = RecordedMemory::new().with(0x1000, b"/etc/passwd\0".to_vec());
        let mut rec = SyscallRecord::new(arch, 257, [(-100i64) as u64, 0x1000, 0o2000000, 0, 0, 0]);
        s.syscall_entry(7, &rec, &mem);
        rec.ret = Some(-2);
        s.syscall_exit(7, &rec, &mem, &Timing::default());
        let out = String::from_utf8(s.into_inner()).unwrap();
        let v: Value = serde_json::from_str(out.trim_end()).unwrap();
        assert_eq!(v["type"], "syscall");
        assert_eq!(v["pid"], 7);
        assert_eq!(v["name"], "openat");
        assert_eq!(v["ret"], -1);
        assert_eq!(v["errno"], "ENOENT");
        assert_eq!(v["args"][0]["text"], "AT_FDCWD");
        assert_eq!(v["args"][0]["value"], 0xffff_ffff_ffff_ff9c_u64);
        assert_eq!(v["args"][1]["text"], "\"/etc/passwd\"");
        assert_eq!(v["args"][2]["text"], "O_RDONLY|O_CLOEXEC");
        assert_eq!(v["args"].as_array().unwrap().len(), 3);
        assert_eq!(
            v["text"],
            "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)"
        );
    }
}
