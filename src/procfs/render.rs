//! `trace proc`'s output: per process a header of facts, then comfy-table tables (the
//! borderless, dash-ruled style of the `-c` summary) for fds, secrets and `--find`
//! results; or one JSON object per process. The audit summary closes both.

use super::{Item, Options, Report};
use comfy_table::{
    CellAlignment, ContentArrangement, ContentLineStyle, LineStyle, Table, TableStyle,
};
use serde::Serialize;

/// No borders, one space between columns, a dashed rule under the header: the `-c`
/// summary's look, easy to read and to cut with awk.
const STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('-').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));

fn table(header: &[&str], rows: Vec<Vec<String>>, right: &[usize]) -> String {
    let mut t = Table::new();
    t.load_style(STYLE)
        .set_content_arrangement(ContentArrangement::Disabled)
        .set_header(header.to_vec());
    for r in rows {
        t.add_row(r);
    }
    for i in 0..header.len() {
        if let Some(c) = t.column_mut(i) {
            c.set_padding((0, 0));
            if right.contains(&i) {
                c.set_cell_alignment(CellAlignment::Right);
            }
        }
    }
    let mut out = String::new();
    for line in t.lines() {
        out.push_str("  ");
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn item(i: &Item<String>) -> String {
    match i {
        Item::Ok(v) => v.clone(),
        Item::Err { error } => format!("({error})"),
    }
}

fn ids(v: [u32; 4]) -> String {
    if v.iter().all(|&x| x == v[0]) {
        v[0].to_string()
    } else {
        format!(
            "{}/{}/{}/{} (real/effective/saved/fs)",
            v[0], v[1], v[2], v[3]
        )
    }
}

/// The text report of one process.
pub fn text(r: &Report) -> String {
    let mut out = format!("PID {}", r.pid);
    if let Item::Ok(n) = &r.name {
        out.push_str(&format!(" ({n})"));
    }
    if r.exited && r.name.ok().is_none() {
        out.push_str(": process exited\n");
        return out;
    }
    out.push('\n');
    let mut field = |k: &str, v: String| out.push_str(&format!("  {k:<9} {v}\n"));
    match &r.access {
        Item::Ok(a) => {
            let uid = if a.uids.iter().all(|&u| u == a.uids[0]) {
                a.user.clone()
            } else {
                format!("{}, uids {}", a.user, ids(a.uids))
            };
            field("user", format!("{uid}, gid {}", ids(a.gids)));
            field(
                "dumpable",
                match a.dumpable {
                    Some(true) => "yes".into(),
                    Some(false) => "no".into(),
                    None => "unknown (runs as root)".into(),
                },
            );
        }
        Item::Err { error } => field("user", format!("({error})")),
    }
    field("exe", item(&r.exe));
    field("cwd", item(&r.cwd));
    field("root", item(&r.root));
    field("cmdline", item(&r.cmdline));
    if let Item::Ok(a) = &r.access {
        field(
            "readable",
            format!("environment, fds: {}", a.secrets_readable_by),
        );
        field("", format!("command line: {}", a.cmdline_readable_by));
        field("", format!("ptrace attach: {}", a.attach_by));
    }
    if r.exited {
        out.push_str("  (process exited during the scan)\n");
    }
    if let Some(fds) = &r.fds {
        out.push_str("\n  open files:\n");
        match fds {
            Item::Err { error } => out.push_str(&format!("  ({error})\n")),
            Item::Ok(fds) if fds.is_empty() => out.push_str("  none\n"),
            Item::Ok(fds) => {
                let q = |s: &Option<String>| s.clone().unwrap_or_else(|| "?".into());
                let rows = fds
                    .iter()
                    .map(|f| {
                        vec![
                            f.fd.to_string(),
                            q(&f.mode),
                            q(&f.kind),
                            f.pos.map_or("?".into(), |p| p.to_string()),
                            match (&f.target, &f.error) {
                                (Some(t), Some(e)) => format!("{t} ({e})"),
                                (Some(t), None) => t.clone(),
                                (None, Some(e)) => format!("({e})"),
                                (None, None) => "?".into(),
                            },
                        ]
                    })
                    .collect();
                out.push_str(&table(
                    &["FD", "MODE", "TYPE", "POS", "TARGET"],
                    rows,
                    &[0, 3],
                ));
            }
        }
    }
    if r.env_secrets.is_some() || r.cmdline_secrets.is_some() {
        out.push_str("\n  secrets:\n");
        let mut rows = Vec::new();
        for (what, s) in [
            ("environment", &r.env_secrets),
            ("command line", &r.cmdline_secrets),
        ] {
            match s {
                Some(Item::Ok(f)) => rows.extend(f.iter().map(|f| {
                    vec![
                        f.source.to_string(),
                        f.name.clone(),
                        f.rule.clone(),
                        f.shown(),
                    ]
                })),
                Some(Item::Err { error }) => out.push_str(&format!("  {what}: ({error})\n")),
                None => {}
            }
        }
        if rows.is_empty() {
            out.push_str("  none found\n");
        } else {
            out.push_str(&table(&["SOURCE", "NAME", "RULE", "VALUE"], rows, &[]));
        }
    }
    if let Some(found) = &r.find {
        out.push_str("\n  found:\n");
        match found {
            Item::Err { error } => out.push_str(&format!("  ({error})\n")),
            Item::Ok(f) => {
                let mut rows = Vec::new();
                for hit in &f.files {
                    for m in &hit.matches {
                        rows.push(vec![
                            hit.fd.to_string(),
                            hit.path.clone(),
                            m.offset.to_string(),
                            m.form.clone(),
                        ]);
                    }
                    if hit.total > hit.matches.len() {
                        rows.push(vec![
                            hit.fd.to_string(),
                            hit.path.clone(),
                            format!("... {} more", hit.total - hit.matches.len()),
                            String::new(),
                        ]);
                    }
                }
                for e in &f.errors {
                    rows.push(vec![
                        e.fd.to_string(),
                        e.path.clone(),
                        format!("({})", e.error),
                        String::new(),
                    ]);
                }
                if rows.is_empty() {
                    out.push_str("  not in any open regular file\n");
                } else {
                    out.push_str(&table(&["FD", "PATH", "OFFSET", "FORM"], rows, &[0, 2]));
                }
            }
        }
    }
    out
}

/// One line of JSON for one process.
pub fn json(r: &Report) -> String {
    serde_json::to_string(r).unwrap_or_default()
}

/// The audit summary over all processes.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    pub processes: usize,
    pub exited: usize,
    pub processes_with_secrets: usize,
    pub secrets: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_secrets: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cmdline_secrets: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub env_unreadable: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fds_unreadable: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files_with_literal: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub find_unreadable: Option<usize>,
}

impl Summary {
    pub fn new(opts: &Options) -> Summary {
        let on = |b: bool| b.then_some(0);
        Summary {
            env_secrets: on(opts.env),
            cmdline_secrets: on(opts.env),
            env_unreadable: on(opts.env),
            fds_unreadable: on(opts.fds),
            files_with_literal: on(opts.find.is_some()),
            find_unreadable: on(opts.find.is_some()),
            ..Summary::default()
        }
    }

    pub fn add(&mut self, r: &Report) {
        fn bump(c: &mut Option<usize>, n: usize) {
            if let Some(c) = c {
                *c += n;
            }
        }
        self.processes += 1;
        self.exited += r.exited as usize;
        let n = r.secret_count();
        self.secrets += n;
        self.processes_with_secrets += (n > 0) as usize;
        let count = |s: &Option<Item<Vec<_>>>| s.as_ref().and_then(Item::ok).map_or(0, Vec::len);
        bump(&mut self.env_secrets, count(&r.env_secrets));
        bump(&mut self.cmdline_secrets, count(&r.cmdline_secrets));
        let failed = |b: bool| b as usize;
        bump(
            &mut self.env_unreadable,
            failed(matches!(r.env_secrets, Some(Item::Err { .. }))),
        );
        bump(
            &mut self.fds_unreadable,
            failed(matches!(r.fds, Some(Item::Err { .. }))),
        );
        bump(&mut self.files_with_literal, r.found_files());
        bump(
            &mut self.find_unreadable,
            failed(matches!(r.find, Some(Item::Err { .. }))),
        );
    }

    pub fn text(&self) -> String {
        let s =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        let mut out = format!(
            "audit: {} inspected, {} exposing {}",
            s(self.processes, "process", "processes"),
            self.processes_with_secrets,
            s(self.secrets, "secret", "secrets"),
        );
        let mut parts = Vec::new();
        if let (Some(e), Some(c)) = (self.env_secrets, self.cmdline_secrets) {
            parts.push(format!("{e} in environments"));
            parts.push(format!("{c} on command lines"));
        }
        if let Some(f) = self.files_with_literal {
            parts.push(format!(
                "{} holding the literal",
                s(f, "open file", "open files")
            ));
        }
        if !parts.is_empty() {
            out.push_str(&format!(" ({})", parts.join(", ")));
        }
        out.push('\n');
        let mut unreadable = Vec::new();
        for (n, what) in [
            (self.env_unreadable, "environments"),
            (self.fds_unreadable, "fd tables"),
            (self.find_unreadable, "fd tables to search"),
        ] {
            if let Some(n) = n {
                unreadable.push(format!("{n} {what}"));
            }
        }
        if !unreadable.is_empty() {
            out.push_str(&format!("unreadable: {}\n", unreadable.join(", ")));
        }
        if self.exited > 0 {
            out.push_str(&format!("exited during the scan: {}\n", self.exited));
        }
        out
    }

    pub fn json(&self) -> String {
        format!(
            "{{\"summary\":{}}}",
            serde_json::to_string(self).unwrap_or_default()
        )
    }
}
