//! Tracee memory for decoders: process_vm_readv, with PTRACE_PEEKDATA where the kernel
//! refuses it; fd paths from /proc.

use crate::record::MemoryReader;
use crate::sys::{self, Pid};

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
