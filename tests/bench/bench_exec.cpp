// Runs a command and reports what the kernel measured for it:
//   bench_exec CMD [ARGS...]   ->  stderr line "EXEC <wall seconds> <peak RSS KiB> <exit code>"
// The command's own output goes where bench_exec's goes.
#include <chrono>
#include <cstdio>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_exec CMD [ARGS...]\n");
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    const pid_t child = fork();
    if (child < 0) {
        std::perror("bench_exec: fork");
        return 1;
    }
    if (child == 0) {
        execvp(argv[1], argv + 1);
        std::perror("bench_exec: exec");
        _exit(127);
    }
    int status = 0;
    rusage usage {};
    if (wait4(child, &status, 0, &usage) < 0) {
        std::perror("bench_exec: wait4");
        return 1;
    }
    const double wall
        = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::fprintf(stderr, "EXEC %.6f %ld %d\n", wall, usage.ru_maxrss, code);
    return 0;
}
