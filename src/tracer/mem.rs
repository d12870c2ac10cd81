//! Tracee memory for decoders: process_vm_readv, with PTRACE_PEEKDATA where the kernel
//! refuses it; fd paths from /proc; `-yy` socket endpoints from NETLINK_SOCK_DIAG
//! (parsed by `netdiag`, remembered per inode as strace does).

use crate::netdiag;
use crate::record::MemoryReader;
use crate::sys::{self, Pid};
use std::sync::Mutex;

/// strace keeps one table of resolved sockets for the whole trace.
static SOCKETS: Mutex<Option<netdiag::Cache>> = Mutex::new(None);

/// A socket's endpoints: the remembered answer, else the kernel's, else
/// `PROTO:[inode]` for a protocol strace knows.
fn socket_detail(pid: Pid, fd: i64, inode: u64) -> Option<String> {
    let mut cache = SOCKETS.lock().unwrap_or_else(|e| e.into_inner());
    let cache = cache.get_or_insert_with(netdiag::Cache::default);
    if let Some(s) = cache.get(inode) {
        return Some(s.to_owned());
    }
    let name = sys::getxattr(&format!("/proc/{pid}/fd/{fd}"), "system.sockprotoname")?;
    let proto = netdiag::proto_by_name(std::str::from_utf8(&name).ok()?)?;
    let netns = std::path::PathBuf::from(format!("/proc/{pid}/ns/net"));
    match netdiag::endpoint(&netns, proto, inode) {
        Some(s) => {
            cache.put(inode, s.clone());
            Some(s)
        }
        None => Some(format!("{}:[{inode}]", proto.name)),
    }
}

pub struct LiveMemory {
    pid: Pid,
    sp: u64,
}

impl LiveMemory {
    pub fn new(pid: Pid, sp: u64) -> Self {
        LiveMemory { pid, sp }
    }

    fn peek_read(&self, addr: u64, buf: &mut [u8]) -> usize {
        let mut done = 0;
        while done < buf.len() {
            let at = addr.wrapping_add(done as u64);
            let aligned = at & !7;
            let Ok(word) = sys::peek(self.pid, aligned) else {
                break;
            };
            let bytes = word.to_le_bytes();
            let skip = (at - aligned) as usize;
            let n = (8 - skip).min(buf.len() - done);
            buf[done..done + n].copy_from_slice(&bytes[skip..skip + n]);
            done += n;
        }
        done
    }
}

impl MemoryReader for LiveMemory {
    fn read(&self, addr: u64, buf: &mut [u8]) -> usize {
        if buf.is_empty() {
            return 0;
        }
        match sys::read_memory(self.pid, addr, buf) {
            Ok(n) => n,
            Err(libc::ENOSYS) | Err(libc::EPERM) => self.peek_read(addr, buf),
            Err(_) => 0,
        }
    }

    fn stack_pointer(&self) -> u64 {
        self.sp
    }

    fn fd_path(&self, fd: i64) -> Option<String> {
        self.fd_path_bytes(fd)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    fn fd_deleted(&self, fd: i64) -> bool {
        use std::os::unix::fs::MetadataExt;
        let fd_link = format!("/proc/{}/fd/{fd}", self.pid);
        let Ok(target) = std::fs::read_link(&fd_link) else {
            return false;
        };
        if !target
            .as_os_str()
            .as_encoded_bytes()
            .ends_with(b" (deleted)")
        {
            return false;
        }
        // A live file whose name really ends in " (deleted)" is the same inode.
        match (std::fs::metadata(&fd_link), std::fs::metadata(&target)) {
            (Ok(open), Ok(named)) => (open.dev(), open.ino()) != (named.dev(), named.ino()),
            _ => true,
        }
    }

    fn fd_socket(&self, fd: i64) -> Option<String> {
        let link = self.fd_path_bytes(fd)?;
        socket_detail(self.pid, fd, netdiag::socket_inode(&link)?)
    }

    fn fd_device(&self, fd: i64) -> Option<String> {
        use std::os::unix::fs::{FileTypeExt, MetadataExt};
        // strace looks at the file the link names (not the open file), as a path.
        let link = self.fd_path(fd)?;
        if !link.starts_with('/') {
            return None;
        }
        let m = std::fs::metadata(&link).ok()?;
        let kind = if m.file_type().is_block_device() {
            "block"
        } else if m.file_type().is_char_device() {
            "char"
        } else {
            return None;
        };
        let rdev = m.rdev();
        Some(format!(
            "{kind} {}:{}",
            libc::major(rdev),
            libc::minor(rdev)
        ))
    }

    fn process(&self, pid: i64) -> Option<Box<dyn MemoryReader + '_>> {
        let pid = Pid::try_from(pid).ok().filter(|&p| p > 0)?;
        Some(Box::new(LiveMemory::new(pid, 0)))
    }

    fn fd_pidfd(&self, fd: i64) -> Option<i64> {
        if self.fd_path_bytes(fd)? != b"anon_inode:[pidfd]" {
            return None;
        }
        let info = std::fs::read_to_string(format!("/proc/{}/fdinfo/{fd}", self.pid)).ok();
        // A pidfd whose process is gone (Pid: -1) prints its link, as strace does.
        info.as_deref()?
            .lines()
            .find_map(|l| l.strip_prefix("Pid:\t"))?
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|&p| p > 0)
    }

    fn fd_path_bytes(&self, fd: i64) -> Option<Vec<u8>> {
        use std::os::unix::ffi::OsStrExt;
        let link = if fd == -100 {
            std::fs::read_link(format!("/proc/{}/cwd", self.pid))
        } else {
            std::fs::read_link(format!("/proc/{}/fd/{fd}", self.pid))
        }
        .ok()?;
        Some(link.as_os_str().as_bytes().to_vec())
    }
}
