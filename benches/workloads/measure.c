/* Runs one command with stdin, stdout and stderr on /dev/null and prints, on its own
 * stdout, "WALL_NS MAXRSS_KB STATUS": the wall time from fork to reaping, the peak
 * resident set of the command's process tree as wait4 reports it (the largest of the
 * command and every descendant it reaped: for a tracer, the tracer or a tracee), and
 * the raw wait status. Part of trace's benchmark harness (benches/overhead.rs).
 * usage: measure COMMAND [ARGS...] */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: measure COMMAND [ARGS...]\n");
        return 2;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    if (pid < 0)
        return 1;
    int status = 0;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return 1;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long long ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    printf("%lld %ld %d\n", ns, ru.ru_maxrss, status);
    return 0;
}
