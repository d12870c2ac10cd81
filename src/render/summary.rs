//! The `-c` summary: per-syscall counts, errors and time, aggregated from exit events
//! (nothing is decoded), and the table strace prints at the end, one per personality.

use crate::arch::Arch;
use crate::event::{Sink, Tid, Timing};
use crate::record::{MemoryReader, SyscallRecord};
use comfy_table::{
    CellAlignment, ColumnConstraint, ContentArrangement, ContentLineStyle, LineStyle, Table,
    TableStyle, Width,
};
use std::collections::BTreeMap;
use std::time::Duration;

/// A column of the table, as `-U` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    TimePercent,
    Seconds,
    Shortest,
    Longest,
    UsecsPerCall,
    Calls,
    Errors,
    Name,
}

/// strace's `-U` names (and the `-S` sort keys, which share them).
const COLUMN_NAMES: &[(&str, Option<Column>)] = &[
    ("time", Some(Column::TimePercent)),
    ("time_percent", Some(Column::TimePercent)),
    ("time-percent", Some(Column::TimePercent)),
    ("time_total", Some(Column::Seconds)),
    ("time-total", Some(Column::Seconds)),
    ("total_time", Some(Column::Seconds)),
    ("total-time", Some(Column::Seconds)),
    ("min_time", Some(Column::Shortest)),
    ("min-time", Some(Column::Shortest)),
    ("shortest", Some(Column::Shortest)),
    ("time_min", Some(Column::Shortest)),
    ("time-min", Some(Column::Shortest)),
    ("longest", Some(Column::Longest)),
    ("max_time", Some(Column::Longest)),
    ("max-time", Some(Column::Longest)),
    ("time_max", Some(Column::Longest)),
    ("time-max", Some(Column::Longest)),
    ("avg_time", Some(Column::UsecsPerCall)),
    ("avg-time", Some(Column::UsecsPerCall)),
    ("time_avg", Some(Column::UsecsPerCall)),
    ("time-avg", Some(Column::UsecsPerCall)),
    ("calls", Some(Column::Calls)),
    ("count", Some(Column::Calls)),
    ("error", Some(Column::Errors)),
    ("errors", Some(Column::Errors)),
    ("name", Some(Column::Name)),
    ("syscall", Some(Column::Name)),
    ("syscall_name", Some(Column::Name)),
    ("syscall-name", Some(Column::Name)),
    ("none", None),
    ("nothing", None),
];

pub const DEFAULT_COLUMNS: [Column; 6] = [
    Column::TimePercent,
    Column::Seconds,
    Column::UsecsPerCall,
    Column::Calls,
    Column::Errors,
    Column::Name,
];

/// `-S`: the column rows are sorted by (descending, names ascending), or none.
pub fn parse_sort(s: &str) -> Result<Option<Column>, String> {
    COLUMN_NAMES
        .iter()
        .find(|(n, _)| *n == s)
        .map(|(_, c)| *c)
        .ok_or_else(|| format!("invalid sortby: '{s}'"))
}

/// `-U`: a comma list of columns; the name column is always shown.
pub fn parse_columns(s: &str) -> Result<Vec<Column>, String> {
    let mut cols = Vec::new();
    let mut at = 0;
    for word in s.split(',') {
        // strace names what is left of the list, from the repeated column on.
        let residual = &s[at..];
        at += word.len() + 1;
        match COLUMN_NAMES.iter().find(|(n, _)| *n == word) {
            Some((_, Some(c))) if cols.contains(c) => {
                return Err(format!(
                    "call summary column has been provided more than once: '{word}' \
                     (-U option residual: '{residual}')"
                ));
            }
            Some((_, Some(c))) => cols.push(*c),
            _ => return Err(format!("unknown column name: '{word}'")),
        }
    }
    if !cols.contains(&Column::Name) {
        cols.push(Column::Name);
    }
    Ok(cols)
}

#[derive(Clone, Debug)]
pub struct SummaryOptions {
    /// Wall-clock time from entry to exit (`-w`) instead of system CPU time.
    pub wall: bool,
    pub sort: Option<Column>,
    pub columns: Vec<Column>,
    /// `-O`: taken off each call's time (strace's tracing overhead).
    pub overhead: std::time::Duration,
}

impl Default for SummaryOptions {
    fn default() -> Self {
        SummaryOptions {
            wall: false,
            sort: Some(Column::TimePercent),
            columns: DEFAULT_COLUMNS.to_vec(),
            overhead: std::time::Duration::ZERO,
        }
    }
}

#[derive(Clone, Copy, Debug)]
struct Counts {
    calls: u64,
    errors: u64,
    time: Duration,
    min: Duration,
    max: Duration,
}

impl Default for Counts {
    fn default() -> Self {
        Counts {
            calls: 0,
            errors: 0,
            time: Duration::ZERO,
            min: Duration::MAX,
            max: Duration::ZERO,
        }
    }
}

/// Mean time per call.
fn avg(c: &Counts) -> Duration {
    c.time / u32::try_from(c.calls).unwrap_or(u32::MAX).max(1)
}

/// Aggregates exits; renders the table with [`SummarySink::render`].
pub struct SummarySink {
    opts: SummaryOptions,
    /// Personality (native first) -> syscall number -> counts.
    counts: BTreeMap<(u8, Arch), BTreeMap<u64, Counts>>,
}

/// strace's personality order: the native one, then 32-bit, then x32.
fn personality(arch: Arch) -> (u8, Option<&'static str>) {
    match arch {
        Arch::I386 | Arch::Arm => (1, Some("32 bit")),
        Arch::X32 => (2, Some("x32")),
        _ => (0, None),
    }
}

impl SummarySink {
    pub fn new(opts: SummaryOptions) -> Self {
        SummarySink {
            opts,
            counts: BTreeMap::new(),
        }
    }

    /// Every personality's table, as strace prints them at the end.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for ((_, arch), calls) in &self.counts {
            if let (_, Some(mode)) = personality(*arch) {
                out.push_str(&format!("System call usage summary for {mode} mode:\n"));
            }
            out.push_str(&self.render_one(*arch, calls, usize::MAX));
        }
        out
    }

    /// The summary as JSON lines: one object per syscall, then a `total` row, for each
    /// personality (`arch` tells them apart).
    pub fn render_json(&self) -> String {
        let mut out = String::new();
        for ((_, arch), calls) in &self.counts {
            let rows = self.sorted_rows(*arch, calls);
            let total_time: Duration = rows.iter().map(|r| r.1.time).sum();
            let total = Counts {
                calls: rows.iter().map(|r| r.1.calls).sum(),
                errors: rows.iter().map(|r| r.1.errors).sum(),
                time: total_time,
                ..Counts::default()
            };
            let object = |name: &str, c: &Counts| {
                let secs = c.time.as_secs_f64();
                let percent = if secs == 0.0 {
                    0.0
                } else {
                    100.0 * secs / total_time.as_secs_f64()
                };
                serde_json::json!({
                    "arch": arch.name(),
                    "syscall": name,
                    "calls": c.calls,
                    "errors": c.errors,
                    "seconds": secs,
                    "usecs_per_call": (secs / c.calls.max(1) as f64 * 1e6) as u64,
                    "percent": percent,
                })
            };
            let total_row = ("total".to_string(), total);
            for (name, c) in rows.iter().chain(std::iter::once(&total_row)) {
                out.push_str(&object(name, c).to_string());
                out.push('\n');
            }
        }
        out
    }

    /// Rows named and in `-S` order; ties keep syscall-number order (a stable sort).
    fn sorted_rows(&self, arch: Arch, calls: &BTreeMap<u64, Counts>) -> Vec<(String, Counts)> {
        let name_of = |nr: u64| crate::decode::describe(arch, nr).0.into_owned();
        let mut rows: Vec<(String, Counts)> =
            calls.iter().map(|(nr, c)| (name_of(*nr), *c)).collect();
        if let Some(key) = self.opts.sort {
            use std::cmp::Reverse;
            match key {
                Column::Name => rows.sort_by(|a, b| a.0.cmp(&b.0)),
                Column::Calls => rows.sort_by_key(|r| Reverse(r.1.calls)),
                Column::Errors => rows.sort_by_key(|r| Reverse(r.1.errors)),
                Column::Shortest => rows.sort_by_key(|r| Reverse(r.1.min)),
                Column::Longest => rows.sort_by_key(|r| Reverse(r.1.max)),
                Column::UsecsPerCall => rows.sort_by_key(|r| Reverse(avg(&r.1))),
                Column::TimePercent | Column::Seconds => rows.sort_by_key(|r| Reverse(r.1.time)),
            }
        }
        rows
    }

    /// Calls and errors counted so far, over every personality.
    pub fn totals(&self) -> (u64, u64) {
        self.counts
            .values()
            .flat_map(|m| m.values())
            .fold((0, 0), |(c, e), n| (c + n.calls, e + n.errors))
    }

    /// The first `n` rows of each table sorted by `by` (an `-S` key), with the true
    /// totals: the live view.
    pub fn render_top(&self, by: &str, n: usize) -> String {
        let view = SummarySink {
            opts: SummaryOptions {
                sort: parse_sort(by).unwrap_or(self.opts.sort),
                ..self.opts.clone()
            },
            counts: BTreeMap::new(),
        };
        self.counts
            .iter()
            .map(|((_, arch), calls)| view.render_one(*arch, calls, n))
            .collect()
    }

    /// One personality's table, showing at most `limit` rows (totals count them all).
    fn render_one(&self, arch: Arch, calls: &BTreeMap<u64, Counts>, limit: usize) -> String {
        let mut rows = self.sorted_rows(arch, calls);
        let total_time: Duration = rows.iter().map(|r| r.1.time).sum();
        let total_calls: u64 = rows.iter().map(|r| r.1.calls).sum();
        let total_errors: u64 = rows.iter().map(|r| r.1.errors).sum();
        let min = rows.iter().map(|r| r.1.min).min().unwrap_or(Duration::ZERO);
        let max = rows.iter().map(|r| r.1.max).max().unwrap_or(Duration::ZERO);
        let max_min = rows.iter().map(|r| r.1.min).max().unwrap_or(Duration::ZERO);
        let max_avg = rows
            .iter()
            .map(|r| avg(&r.1))
            .max()
            .unwrap_or(Duration::ZERO);
        rows.truncate(limit);
        let secs = |d: Duration| format!("{:.6}", d.as_secs_f64());
        let usecs = |secs: f64| format!("{}", (secs * 1e6) as u64);

        // strace's widths: at least the historical size, wider when the totals are.
        let width = |col: Column| -> usize {
            match col {
                Column::TimePercent => 6,
                Column::Seconds => secs(total_time).len().max(11),
                Column::Shortest => format!("{}.000000", max_min.as_secs()).len().max(8),
                Column::Longest => format!("{}.000000", max.as_secs()).len().max(7),
                Column::UsecsPerCall => usecs(max_avg.as_secs_f64()).len().max(11),
                Column::Calls => total_calls.to_string().len().max(9),
                Column::Errors => total_errors.to_string().len().max(9),
                Column::Name => rows
                    .iter()
                    .map(|r| r.0.len() + 1)
                    .max()
                    .unwrap_or(0)
                    .max(16),
            }
        };
        let cell = |col: Column, c: &Counts, name: &str| -> String {
            match col {
                Column::TimePercent => {
                    let t = c.time.as_secs_f64();
                    let pct = if t == 0.0 {
                        0.0
                    } else {
                        100.0 * t / total_time.as_secs_f64()
                    };
                    format!("{pct:.2}")
                }
                Column::Seconds => secs(c.time),
                Column::Shortest => secs(c.min),
                Column::Longest => secs(c.max),
                Column::UsecsPerCall => usecs(avg(c).as_secs_f64()),
                Column::Calls => c.calls.to_string(),
                // strace's `%.0u`: zero prints nothing.
                Column::Errors if c.errors == 0 => String::new(),
                Column::Errors => c.errors.to_string(),
                Column::Name => name.to_string(),
            }
        };
        let header = |col: Column| match col {
            Column::TimePercent => "% time",
            Column::Seconds => "seconds",
            Column::Shortest => "shortest",
            Column::Longest => "longest",
            Column::UsecsPerCall => "usecs/call",
            Column::Calls => "calls",
            Column::Errors => "errors",
            Column::Name => "syscall",
        };
        let cols = &self.opts.columns;
        let mut table = Table::new();
        table
            .load_style(STRACE_STYLE)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(cols.iter().map(|c| header(*c)).collect::<Vec<_>>());
        for (name, c) in &rows {
            table.add_row(
                cols.iter()
                    .map(|col| cell(*col, c, name))
                    .collect::<Vec<_>>(),
            );
        }
        // The rule above the total row is a row of its own: comfy-table draws lines
        // only under the header.
        table.add_row(
            cols.iter()
                .map(|c| "-".repeat(width(*c)))
                .collect::<Vec<_>>(),
        );
        let total = Counts {
            calls: total_calls,
            errors: total_errors,
            time: total_time,
            min: if rows.is_empty() { Duration::ZERO } else { min },
            max,
        };
        table.add_row(
            cols.iter()
                .map(|col| match col {
                    Column::TimePercent => "100.00".to_string(),
                    Column::UsecsPerCall => {
                        usecs(total_time.as_secs_f64() / total_calls.max(1) as f64)
                    }
                    _ => cell(*col, &total, "total"),
                })
                .collect::<Vec<_>>(),
        );
        for (i, col) in cols.iter().enumerate() {
            if let Some(column) = table.column_mut(i) {
                column.set_padding((0, 0));
                column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    width(*col) as u16
                )));
                column.set_cell_alignment(if *col == Column::Name {
                    CellAlignment::Left
                } else {
                    CellAlignment::Right
                });
            }
        }
        // The last column is not padded on the right, as in strace.
        let mut out = String::new();
        for line in table.lines() {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}

/// No borders; columns separated by one space; a dashed rule under the header, with
/// spaces where columns meet: strace's table, so `awk` scripts find the columns.
const STRACE_STYLE: TableStyle = TableStyle::new()
    .header_lines(ContentLineStyle::none().junction(' '))
    .header_separator(LineStyle::none().fill('-').junction(' '))
    .content_lines(ContentLineStyle::none().junction(' '));

impl Sink for SummarySink {
    fn syscall_entry(&mut self, _: Tid, _: &SyscallRecord, _: &dyn MemoryReader) {}

    fn syscall_exit(&mut self, _: Tid, rec: &SyscallRecord, _: &dyn MemoryReader, t: &Timing) {
        let (order, _) = personality(rec.arch);
        let c = self
            .counts
            .entry((order, rec.arch))
            .or_default()
            .entry(rec.nr)
            .or_default();
        let time = if self.opts.wall { t.wall } else { t.system };
        let time = time.saturating_sub(self.opts.overhead);
        c.calls += 1;
        if rec.errno().is_some() {
            c.errors += 1;
        }
        c.time += time;
        c.min = c.min.min(time);
        c.max = c.max.max(time);
    }

    fn syscall_never_returns(&mut self, _: Tid) {}
    fn signal(&mut self, _: Tid, _: Arch, _: &[u8; 128]) {}
    fn stopped(&mut self, _: Tid, _: i32) {}
    fn exited(&mut self, _: Tid, _: i32) {}
    fn killed(&mut self, _: Tid, _: i32, _: bool) {}
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordedMemory;

    fn exit(s: &mut SummarySink, arch: Arch, name: &str, ret: i64, usecs: u64) {
        let rec = SyscallRecord {
            arch,
            nr: arch.syscall_number(name).unwrap(),
            args: [0; 6],
            ret: Some(ret),
        };
        let t = Timing {
            wall: Duration::from_micros(usecs),
            system: Duration::from_micros(usecs),
            ..Timing::default()
        };
        s.syscall_exit(1, &rec, &RecordedMemory::new(), &t);
    }

    #[test]
    fn table_like_strace() {
        let mut s = SummarySink::new(SummaryOptions::default());
        for _ in 0..3 {
            exit(&mut s, Arch::X86_64, "read", 10, 20);
        }
        exit(&mut s, Arch::X86_64, "openat", -2, 100);
        exit(&mut s, Arch::X86_64, "close", 0, 0);
        assert_eq!(
            s.render(),
            "\
% time     seconds  usecs/call     calls    errors syscall
------ ----------- ----------- --------- --------- ----------------
 62.50    0.000100         100         1         1 openat
 37.50    0.000060          20         3           read
  0.00    0.000000           0         1           close
------ ----------- ----------- --------- --------- ----------------
100.00    0.000160          32         5         1 total
"
        );
    }

    #[test]
    fn sort_and_columns() {
        let mut s = SummarySink::new(SummaryOptions {
            wall: true,
            sort: parse_sort("calls").unwrap(),
            columns: parse_columns("calls,errors,time-total").unwrap(),
            overhead: std::time::Duration::ZERO,
        });
        exit(&mut s, Arch::X86_64, "openat", -2, 100);
        exit(&mut s, Arch::X86_64, "read", 1, 1);
        exit(&mut s, Arch::X86_64, "read", 1, 1);
        assert_eq!(
            s.render(),
            concat!(
                "    calls    errors     seconds syscall\n",
                "--------- --------- ----------- ----------------\n",
                "        2              0.000002 read\n",
                "        1         1    0.000100 openat\n",
                "--------- --------- ----------- ----------------\n",
                "        3         1    0.000102 total\n",
            )
        );
    }

    #[test]
    fn personalities_get_their_own_tables() {
        let mut s = SummarySink::new(SummaryOptions::default());
        exit(&mut s, Arch::X86_64, "execve", 0, 5);
        exit(&mut s, Arch::I386, "mmap2", 0x1000, 5);
        let out = s.render();
        let header = out
            .find("System call usage summary for 32 bit mode:\n")
            .unwrap();
        assert!(out[..header].contains(" execve\n"), "{out}");
        assert!(out[header..].contains(" mmap2\n"), "{out}");
    }

    #[test]
    fn bad_column_names_are_errors() {
        assert_eq!(
            parse_columns("calls,bogus"),
            Err("unknown column name: 'bogus'".into())
        );
        assert!(parse_columns("calls,count").is_err());
        assert_eq!(parse_sort("bogus"), Err("invalid sortby: 'bogus'".into()));
        assert_eq!(parse_sort("nothing"), Ok(None));
    }
}
