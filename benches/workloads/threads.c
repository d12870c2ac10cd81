/* A multi-threaded CPU + syscall program: T threads each run R rounds of a fixed
 * CPU burst followed by a few cheap syscalls, so both the parallel speed-up and the
 * per-stop cost show. usage: threads T R */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long rounds;
static volatile unsigned long sink;

static void *work(void *arg)
{
    unsigned long x = (unsigned long)arg + 1;
    for (long r = 0; r < rounds; r++) {
        for (int i = 0; i < 200000; i++)
            x = x * 6364136223846793005UL + 1442695040888963407UL;
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts); /* vDSO: no stop */
        syscall(SYS_getppid);
        syscall(SYS_getppid);
        sched_yield();
    }
    sink += x;
    return NULL;
}

int main(int argc, char **argv)
{
    int t = argc > 1 ? atoi(argv[1]) : 2;
    rounds = argc > 2 ? atol(argv[2]) : 200;
    pthread_t th[64];
    if (t < 1 || t > 64)
        return 2;
    for (int i = 0; i < t; i++)
        pthread_create(&th[i], NULL, work, (void *)(long)i);
    for (int i = 0; i < t; i++)
        pthread_join(th[i], NULL);
    return 0;
}
