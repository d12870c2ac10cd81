use super::*;

/// A made-up /proc: each process with its namespaces (innermost first, up to the root)
/// and its ids (outermost first, from /proc's namespace down).
struct FakeProc {
    /// trace's /proc pid and namespace.
    me: i32,
    our_ns: u64,
    procs: Vec<(i32, Vec<u64>, Vec<i32>)>,
    /// Process groups, where they differ from the pid: /proc pid to ids.
    pgids: Vec<(i32, Vec<i32>)>,
}

impl FakeProc {
    fn get(&self, p: Option<i32>) -> Option<&(i32, Vec<u64>, Vec<i32>)> {
        let p = p.unwrap_or(self.me);
        self.procs.iter().find(|e| e.0 == p)
    }
}

impl ProcView for FakeProc {
    fn entries(&self, task_of: Option<i32>) -> Vec<i32> {
        match task_of {
            None => self.procs.iter().map(|e| e.0).collect(),
            Some(_) => Vec::new(),
        }
    }
    fn ids(&self, p: Option<i32>, kind: PidKind) -> Option<Vec<i32>> {
        let pid = p.unwrap_or(self.me);
        if kind == PidKind::Pgid
            && let Some((_, ids)) = self.pgids.iter().find(|e| e.0 == pid)
        {
            return Some(ids.clone());
        }
        self.get(p).map(|e| e.2.clone())
    }
    fn ns_chain(&self, p: Option<i32>, max: usize) -> Vec<u64> {
        let Some(e) = self.get(p) else {
            return Vec::new();
        };
        let mut chain = Vec::new();
        for &ns in &e.1 {
            chain.push(ns);
            if ns == self.our_ns || chain.len() == max {
                break;
            }
        }
        chain
    }
}

/// trace (pid 10) in the root namespace 1, whose /proc it reads; a tracee (100) in
/// namespace 2, where it is 1; its child 101 (2 there) and, in namespace 3 under 2, a
/// grandchild 102 (3 in namespace 2, 1 in 3); in namespace 4, a sibling of 2, 103 (2
/// there).
fn root_view() -> Translator {
    Translator::new(Box::new(FakeProc {
        me: 10,
        our_ns: 1,
        procs: vec![
            (10, vec![1], vec![10]),
            (50, vec![1], vec![50]),
            (100, vec![2, 1], vec![100, 1]),
            (101, vec![2, 1], vec![101, 2]),
            (102, vec![3, 2, 1], vec![102, 3, 1]),
            (103, vec![4, 1], vec![103, 2]),
        ],
        pgids: vec![(101, vec![100, 1])],
    }))
}

#[test]
fn ids_from_a_child_namespace_are_found_in_trace_s() {
    let t = root_view();
    assert_eq!(t.translate(100, 1, PidKind::Tgid), Some(100));
    // 2 in namespace 2 is 101, not the 2 of sibling namespace 4.
    assert_eq!(t.translate(100, 2, PidKind::Tid), Some(101));
    assert_eq!(t.translate(100, 3, PidKind::Tid), Some(102));
    assert_eq!(t.translate(101, 1, PidKind::Pgid), Some(100));
    assert_eq!(t.translate(102, 1, PidKind::Tid), Some(102));
    assert_eq!(t.translate(103, 2, PidKind::Tid), Some(103));
    // Nothing is 9 in namespace 2; 0 and negative numbers are not pids.
    assert_eq!(t.translate(100, 9, PidKind::Tid), None);
    assert_eq!(t.translate(100, 0, PidKind::Tid), None);
    assert_eq!(t.translate(100, -1, PidKind::Tid), None);
    // Remembered, and still right.
    assert_eq!(t.translate(100, 2, PidKind::Tid), Some(101));
}

#[test]
fn a_tracee_in_trace_s_namespace_keeps_its_ids() {
    let t = root_view();
    assert_eq!(t.translate(50, 7, PidKind::Tid), Some(7));
    assert_eq!(t.translate(50, 123456, PidKind::Sid), Some(123456));
}

/// `unshare -pf trace ...` without a new /proc: trace is 1 in namespace 2 (500 to
/// /proc), the tracee 5 to trace and 1 in its own namespace 3 (600 to /proc).
#[test]
fn proc_of_an_outer_namespace_is_read_through_the_ids() {
    let t = Translator::new(Box::new(FakeProc {
        me: 500,
        our_ns: 2,
        procs: vec![
            (500, vec![2, 1], vec![500, 1]),
            (600, vec![3, 2, 1], vec![600, 5, 1]),
            (601, vec![3, 2, 1], vec![601, 6, 2]),
            (700, vec![1], vec![5]),
        ],
        pgids: vec![],
    }));
    assert_eq!(t.translate(5, 1, PidKind::Tid), Some(5));
    assert_eq!(t.translate(5, 2, PidKind::Tid), Some(6));
    // A thread trace does not know.
    assert_eq!(t.translate(77, 1, PidKind::Tid), None);
}

#[test]
fn status_lines_parse_or_are_none() {
    let status = "Name:\tx\nNStgid:\t4242\t1\nNSpid:\t4243\t2\nNSpgid:\t1\nNSsid:\t\n";
    assert_eq!(parse_status_ids(status, "NSpid:"), Some(vec![4243, 2]));
    assert_eq!(parse_status_ids(status, "NStgid:"), Some(vec![4242, 1]));
    assert_eq!(parse_status_ids(status, "NSpgid:"), Some(vec![1]));
    assert_eq!(parse_status_ids(status, "NSsid:"), None);
    assert_eq!(parse_status_ids("NSpid:\t1\tx\n", "NSpid:"), None);
    assert_eq!(parse_status_ids("", "NSpid:"), None);
}

struct Mem(Translator);
impl MemoryReader for Mem {
    fn read(&self, _: u64, _: &mut [u8]) -> usize {
        0
    }
    fn translate_pid(&self, pid: i64, kind: PidKind) -> Option<i64> {
        self.0.translate(100, pid, kind)
    }
}

#[test]
fn printed_with_trace_s_view_in_a_comment_when_it_differs() {
    let mem = Mem(root_view());
    let print = |pid, kind| {
        let mut s = String::new();
        print_pid(&mem, &mut s, pid, kind);
        s
    };
    assert_eq!(print(2, PidKind::Tid), "2 /* 101 in strace's PID NS */");
    assert_eq!(print(9, PidKind::Tid), "9");
    assert_eq!(print(-1, PidKind::Tgid), "-1");
    let t = root_view();
    let same = TranslatingMemory {
        inner: &mem,
        tid: 50,
        translator: &t,
    };
    let mut s = String::new();
    print_pid(&same, &mut s, 7, PidKind::Tgid);
    assert_eq!(s, "7");
}

/// The real /proc: trace's own ids end with the pid it knows itself by, and an id of
/// its own namespace translates to itself.
#[test]
fn live_proc_reads_this_process() {
    let me = std::process::id() as i32;
    let ids = LiveProc
        .ids(None, PidKind::Tgid)
        .expect("NStgid in /proc/self/status");
    assert_eq!(ids.last(), Some(&me));
    assert!(!LiveProc.ns_chain(None, MAX_DEPTH).is_empty());
    assert!(
        LiveProc.entries(Some(me)).contains(&me),
        "task list holds the main thread"
    );
    let t = Translator::live();
    assert_eq!(
        t.translate(me, i64::from(me), PidKind::Tgid),
        Some(i64::from(me))
    );
}
