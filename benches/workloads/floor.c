/* The ptrace floor: the least a ptrace syscall tracer can do. It runs a command
 * under PTRACE_SYSCALL and, at every stop, only resumes it (one waitpid and one
 * PTRACE_SYSCALL per stop; with -f it follows forks and threads the same way).
 *
 * usage: floor [-f] [-i] [-p tracer|both] COMMAND [ARGS...]
 *   -i: also fetch PTRACE_GET_SYSCALL_INFO at each syscall stop, the one call any
 *       decoding tracer needs (the floor of a tracer that knows what it traces)
 *   -p tracer: pin this loop to the CPU it starts on (the tracee stays free)
 *   -p both:   pin this loop and the command to that CPU (like `taskset -c N`)
 * Exits with the command's status. Part of trace's benchmark harness (benches/). */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int follow = 0, info = 0, i = 1;
    const char *pin = NULL;
    while (i < argc && argv[i][0] == '-') {
        if (!strcmp(argv[i], "-f")) {
            follow = 1;
            i++;
        } else if (!strcmp(argv[i], "-i")) {
            info = 1;
            i++;
        } else if (!strcmp(argv[i], "-p") && i + 1 < argc) {
            pin = argv[i + 1];
            i += 2;
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: floor [-f] [-i] [-p tracer|both] COMMAND [ARGS...]\n");
        return 2;
    }
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(sched_getcpu(), &one);
    if (pin && !strcmp(pin, "both"))
        sched_setaffinity(0, sizeof one, &one);
    pid_t child = fork();
    if (child == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        raise(SIGSTOP);
        execvp(argv[i], argv + i);
        _exit(127);
    }
    if (pin && !strcmp(pin, "tracer"))
        sched_setaffinity(0, sizeof one, &one);
    int status;
    waitpid(child, &status, 0);
    long opts = PTRACE_O_TRACESYSGOOD | PTRACE_O_TRACEEXEC | PTRACE_O_EXITKILL;
    if (follow)
        opts |= PTRACE_O_TRACECLONE | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK;
    ptrace(PTRACE_SETOPTIONS, child, 0, opts);
    ptrace(PTRACE_SYSCALL, child, 0, 0);
    int code = 0;
    for (;;) {
        pid_t pid = waitpid(-1, &status, __WALL);
        if (pid < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (WIFEXITED(status) || WIFSIGNALED(status)) {
            if (pid == child)
                code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            continue;
        }
        int sig = WSTOPSIG(status);
        if (info && sig == (SIGTRAP | 0x80)) {
            /* struct ptrace_syscall_info is 88 bytes; a larger buffer is fine. */
            unsigned long long buf[16];
            ptrace(0x420e /* PTRACE_GET_SYSCALL_INFO */, pid, sizeof buf, buf);
        }
        /* Syscall stops, ptrace events and the new children's first SIGSTOP are
         * swallowed; real signals are delivered. */
        if (sig == (SIGTRAP | 0x80) || (status >> 16) != 0 || sig == SIGSTOP)
            sig = 0;
        ptrace(PTRACE_SYSCALL, pid, 0, sig);
    }
    return code;
}
