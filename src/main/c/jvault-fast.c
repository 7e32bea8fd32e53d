/*
 * jvault-fast: the native client in front of jvault's agent (docs/agent.md).
 *
 * bin/jvault execs it first for `exec` and `export`. It holds no AWS or config logic: it
 * checks that the agent's socket is the user's own, sends the agent its working folder, its
 * command line and its environment, and the agent (warm, and running the same target stage
 * as every other path) answers RUN (names to unset, variables to set, the program found on
 * PATH and its words), PRINT (export's output) or NONE. On RUN it execs the program with its
 * own environment changed exactly so; on PRINT it writes the output. On anything else (no
 * agent, a foreign or unsafe socket, NONE, a timeout, an answer that is not exactly well
 * formed, an exec that fails) it execs the Java launcher next to it with the same words and
 * the environment it was given, plus JVAULT_FAST_CLIENT=tried, which the launcher removes:
 * as if it had never run. It never prints anything of its own.
 *
 * POSIX and the C standard library only.
 */
#if defined(__linux__)
#define _GNU_SOURCE /* SO_PEERCRED and struct ucred */
#else
#define _DARWIN_C_SOURCE /* getpeereid on macOS */
#define _BSD_SOURCE
#endif

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* The agent's protocol (dev.jvault.agent.AgentWire): version 2, operation ANSWER_COMMAND. */
enum { PROTOCOL_VERSION = 2, OP_ANSWER_COMMAND = 8 };
enum { ANSWER_RUN = 5, ANSWER_PRINT = 6 };
/* The agent reads requests up to 128 KiB; its answers to this client are far smaller. */
enum { MAX_REQUEST = 128 * 1024, MAX_ANSWER = 64 * 1024 };
enum { DEADLINE_MS = 2000 };

/* ---- falling back: the Java launcher, as if this client had never run ---- */

static char launcher[PATH_MAX];
static char **given_argv;

/* A path for the terminal: control characters as \xNN, as jvault shows every string it did not write itself. */
static void show(const char *text) {
    for (const unsigned char *c = (const unsigned char *) text; *c != '\0'; c++) {
        if (*c < 0x20 || *c == 0x7f) {
            fprintf(stderr, "\\x%02x", *c);
        } else {
            fputc(*c, stderr);
        }
    }
}

static void fall_back(void) {
    if (launcher[0] == '\0') {
        fputs("jvault: jvault-fast cannot find its launcher: run bin/jvault, not jvault-fast\n", stderr);
        exit(125);
    }
    if (setenv("JVAULT_FAST_CLIENT", "tried", 1) == 0) {
        given_argv[0] = launcher;
        execv(launcher, given_argv);
    }
    const char *why = strerror(errno);
    fputs("jvault: cannot run ", stderr);
    show(launcher);
    fprintf(stderr, ": %s; reinstall jvault\n", why);
    exit(125);
}

/* Zeroes memory that held secrets; a plain memset before free may be optimised away. */
static void wipe(void *memory, size_t size) {
    volatile unsigned char *bytes = memory;
    while (size-- > 0) {
        *bytes++ = 0;
    }
}

/* ---- where the agent is, and whether it can be trusted ---- */

/* A real folder (no link) of this user's, closed to everyone else: as AgentPaths decides. */
static int own_private_folder(const char *path) {
    struct stat info;
    return lstat(path, &info) == 0 && S_ISDIR(info.st_mode) && info.st_uid == geteuid()
            && (info.st_mode & 077) == 0;
}

static const char *variable(const char *name) {
    const char *value = getenv(name);
    return value != NULL && value[strspn(value, " \t\r\n")] != '\0' ? value : NULL;
}

static int agent_socket(struct sockaddr_un *address) {
    char folder[PATH_MAX];
    const char *runtime = variable("XDG_RUNTIME_DIR");
    const char *home = variable("HOME");
    int written;
    if (runtime != NULL && runtime[0] == '/' && own_private_folder(runtime)) {
        written = snprintf(folder, sizeof folder, "%s/jvault", runtime);
    } else if (home != NULL && home[0] == '/') {
        written = snprintf(folder, sizeof folder, "%s/.jvault/agent", home);
    } else {
        return -1;
    }
    if (written < 0 || (size_t) written >= sizeof folder || !own_private_folder(folder)) {
        return -1;
    }
    memset(address, 0, sizeof *address);
    address->sun_family = AF_UNIX;
    written = snprintf(address->sun_path, sizeof address->sun_path, "%s/agent.sock", folder);
    return written < 0 || (size_t) written >= sizeof address->sun_path ? -1 : 0;
}

/* The process at the other end runs as this user: whatever else listens there gets nothing. */
static int peer_is_this_user(int fd) {
#if defined(__linux__)
    struct ucred peer;
    socklen_t size = sizeof peer;
    return getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &size) == 0 && size == sizeof peer
            && peer.uid == geteuid();
#else
    uid_t uid;
    gid_t gid;
    return getpeereid(fd, &uid, &gid) == 0 && uid == geteuid();
#endif
}

/* ---- the request ---- */

struct buffer {
    unsigned char *bytes;
    size_t size;
    size_t capacity;
    int overflow;
};

static void put(struct buffer *buffer, const void *bytes, size_t size) {
    if (buffer->overflow || size > buffer->capacity - buffer->size) {
        buffer->overflow = 1;
        return;
    }
    memcpy(buffer->bytes + buffer->size, bytes, size);
    buffer->size += size;
}

/* Big-endian, as Java's DataOutputStream writes an int. */
static void encode_u32(unsigned char *bytes, uint32_t value) {
    for (int i = 3; i >= 0; i--) {
        bytes[i] = (unsigned char) (value & 0xff);
        value >>= 8;
    }
}

static void put_u32(struct buffer *buffer, uint32_t value) {
    unsigned char bytes[4];
    encode_u32(bytes, value);
    put(buffer, bytes, sizeof bytes);
}

static void put_text(struct buffer *buffer, const char *text) {
    size_t size = strlen(text);
    if (size > UINT32_MAX) {
        buffer->overflow = 1;
        return;
    }
    put_u32(buffer, (uint32_t) size);
    put(buffer, text, size);
}

/* Which build of jvault the launcher next to this client runs, as BuildIdentity says it: "jar SIZE@MILLIS". */
static int build_identity(const char *bin, char *identity, size_t size) {
    static const char *const jars[] = {"/../lib/jvault.jar", "/../target/lib/jvault.jar"};
    char jar[PATH_MAX];
    struct stat info;
    for (size_t i = 0; i < sizeof jars / sizeof jars[0]; i++) {
        int written = snprintf(jar, sizeof jar, "%s%s", bin, jars[i]);
        if (written > 0 && (size_t) written < sizeof jar && stat(jar, &info) == 0 && S_ISREG(info.st_mode)) {
#if defined(__APPLE__)
            long long millis = (long long) info.st_mtimespec.tv_sec * 1000 + info.st_mtimespec.tv_nsec / 1000000;
#else
            long long millis = (long long) info.st_mtim.tv_sec * 1000 + info.st_mtim.tv_nsec / 1000000;
#endif
            written = snprintf(identity, size, "jar %lld@%lld", (long long) info.st_size, millis);
            return written > 0 && (size_t) written < size ? 0 : -1;
        }
    }
    return -1;
}

static int build_request(struct buffer *request, const char *bin, int argc, char **argv) {
    char identity[128];
    char folder[PATH_MAX];
    size_t identity_size;
    int count = 0;
    if (build_identity(bin, identity, sizeof identity) != 0 || getcwd(folder, sizeof folder) == NULL) {
        return -1;
    }
    put_u32(request, 0); /* the frame's length, filled in below */
    put(request, (unsigned char[]) {PROTOCOL_VERSION, OP_ANSWER_COMMAND}, 2);
    identity_size = strlen(identity);
    put(request, (unsigned char[]) {0, (unsigned char) identity_size}, 2); /* Java's writeUTF: 2-byte length, ASCII */
    put(request, identity, identity_size);
    put_text(request, folder);
    put_u32(request, (uint32_t) (argc - 1));
    for (int i = 1; i < argc; i++) {
        put_text(request, argv[i]);
    }
    for (char **entry = environ; *entry != NULL; entry++) {
        count++;
    }
    put_u32(request, (uint32_t) count);
    for (char **entry = environ; *entry != NULL; entry++) {
        put_text(request, *entry);
    }
    if (request->overflow) {
        return -1; /* more than the agent reads: the Java path answers */
    }
    encode_u32(request->bytes, (uint32_t) (request->size - 4));
    return 0;
}

/* ---- the exchange, within one deadline ---- */

static long long now_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (long long) now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static int await(int fd, short events, long long deadline) {
    struct pollfd poll_fd = {.fd = fd, .events = events};
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            return -1;
        }
        int ready = poll(&poll_fd, 1, (int) left);
        if (ready > 0) {
            return 0;
        }
        if (ready < 0 && errno != EINTR) {
            return -1;
        }
    }
}

/* Sends (POLLOUT) or receives (POLLIN) exactly `size` bytes before the deadline; -1 on a hang-up or error. */
static int transfer(int fd, unsigned char *bytes, size_t size, short direction, long long deadline) {
    while (size > 0) {
        ssize_t done = direction == POLLOUT ? send(fd, bytes, size, 0) : recv(fd, bytes, size, 0);
        if (done > 0) {
            bytes += done;
            size -= (size_t) done;
        } else if (done < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
            if (await(fd, direction, deadline) != 0) {
                return -1;
            }
        } else {
            return -1; /* the agent hung up early */
        }
    }
    return 0;
}

/* The answer's body, at most MAX_ANSWER bytes, or NULL. */
static unsigned char *ask_agent(const struct buffer *request, size_t *answer_size) {
    struct sockaddr_un address;
    unsigned char length[4];
    unsigned char *answer = NULL;
    long long deadline = now_ms() + DEADLINE_MS;
    if (agent_socket(&address) != 0) {
        return NULL;
    }
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    if (fd < 0) {
        return NULL;
    }
    fcntl(fd, F_SETFD, FD_CLOEXEC);
#if defined(SO_NOSIGPIPE)
    setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &(int) {1}, sizeof(int));
#endif
    if (fcntl(fd, F_SETFL, O_NONBLOCK) != 0
            || connect(fd, (struct sockaddr *) &address, sizeof address) != 0 /* a full backlog is no agent */
            || !peer_is_this_user(fd)
            || transfer(fd, request->bytes, request->size, POLLOUT, deadline) != 0
            || transfer(fd, length, sizeof length, POLLIN, deadline) != 0) {
        close(fd);
        return NULL;
    }
    uint32_t size = (uint32_t) length[0] << 24 | (uint32_t) length[1] << 16 | (uint32_t) length[2] << 8 | length[3];
    if (size == 0 || size > MAX_ANSWER || (answer = malloc(size)) == NULL
            || transfer(fd, answer, size, POLLIN, deadline) != 0) {
        if (answer != NULL) {
            wipe(answer, size);
            free(answer);
        }
        close(fd);
        return NULL;
    }
    close(fd);
    *answer_size = size;
    return answer;
}

/* ---- reading the answer: every field checked against what is left ---- */

struct reader {
    unsigned char *next;
    size_t left;
    int bad;
};

static uint32_t take_u32(struct reader *in) {
    if (in->bad || in->left < 4) {
        in->bad = 1;
        return 0;
    }
    uint32_t value = (uint32_t) in->next[0] << 24 | (uint32_t) in->next[1] << 16 | (uint32_t) in->next[2] << 8
            | in->next[3];
    in->next += 4;
    in->left -= 4;
    return value;
}

/* A field as a C string of its own; a NUL inside it is a malformed answer. */
static char *take_text(struct reader *in) {
    uint32_t size = take_u32(in);
    if (in->bad || size > in->left || memchr(in->next, '\0', size) != NULL) {
        in->bad = 1;
        return NULL;
    }
    char *text = malloc((size_t) size + 1);
    if (text == NULL) {
        in->bad = 1;
        return NULL;
    }
    memcpy(text, in->next, size);
    text[size] = '\0';
    in->next += size;
    in->left -= size;
    return text;
}

/* A count of fields, each at least 4 bytes: no larger than what is left can hold. */
static uint32_t take_count(struct reader *in) {
    uint32_t count = take_u32(in);
    if (!in->bad && count > in->left / 4) {
        in->bad = 1;
    }
    return in->bad ? 0 : count;
}

/* `count` texts into a NULL-terminated array; names must be environment names. */
static char **take_texts(struct reader *in, uint32_t count, int names) {
    char **texts = calloc((size_t) count + 1, sizeof *texts);
    if (texts == NULL) {
        in->bad = 1;
        return NULL;
    }
    for (uint32_t i = 0; i < count && !in->bad; i++) {
        texts[i] = take_text(in);
        if (texts[i] != NULL && names && (texts[i][0] == '\0' || strchr(texts[i], '=') != NULL)) {
            in->bad = 1;
        }
    }
    return texts;
}

static void free_texts(char **texts) {
    if (texts != NULL) {
        for (char **text = texts; *text != NULL; text++) {
            wipe(*text, strlen(*text));
            free(*text);
        }
        free(texts);
    }
}

/* Whether the variable of `entry` (NAME=VALUE) is among `names` (each NAME, or NAME=VALUE). */
static int names_variable(char *const *names, const char *entry) {
    size_t length = strcspn(entry, "=");
    for (; names != NULL && *names != NULL; names++) {
        if (strcspn(*names, "=") == length && strncmp(*names, entry, length) == 0) {
            return 1;
        }
    }
    return 0;
}

/* PRINT: export's output on stdout; 0 once written (as the Java paths, whatever became of stdout), -1 when malformed. */
static int print(struct reader *in) {
    char *output = take_text(in);
    if (in->bad || in->left != 0) {
        free(output);
        return -1;
    }
    size_t size = strlen(output);
    for (size_t done = 0; done < size;) {
        ssize_t written = write(STDOUT_FILENO, output + done, size - done);
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            break;
        }
        done += (size_t) written;
    }
    wipe(output, size);
    free(output);
    return 0;
}

/* RUN: the environment as given, less the names to unset, plus the variables to set; then the program. */
static void run(struct reader *in, struct sigaction *original_sigpipe) {
    char *program = take_text(in);
    char **words = take_texts(in, take_count(in), 0);
    char **unset = take_texts(in, take_count(in), 1);
    char **set = NULL;
    char **child_environment = NULL;
    uint32_t set_count = take_count(in);
    size_t given = 0;
    if (!in->bad && (set = calloc((size_t) set_count + 1, sizeof *set)) == NULL) {
        in->bad = 1;
    }
    for (uint32_t i = 0; i < set_count && !in->bad; i++) {
        char *name = take_text(in);
        char *value = take_text(in);
        if (!in->bad && (name[0] == '\0' || strchr(name, '=') != NULL
                || (set[i] = malloc(strlen(name) + strlen(value) + 2)) == NULL)) {
            in->bad = 1;
        }
        if (!in->bad) {
            snprintf(set[i], strlen(name) + strlen(value) + 2, "%s=%s", name, value);
        }
        free(name);
        if (value != NULL) {
            wipe(value, strlen(value));
        }
        free(value);
    }
    if (!in->bad && (in->left != 0 || program == NULL || program[0] == '\0' || words == NULL || words[0] == NULL)) {
        in->bad = 1;
    }
    for (char **entry = environ; *entry != NULL; entry++) {
        given++;
    }
    if (!in->bad && (child_environment = calloc(given + set_count + 1, sizeof *child_environment)) == NULL) {
        in->bad = 1;
    }
    if (!in->bad) {
        size_t size = 0;
        for (char **entry = environ; *entry != NULL; entry++) {
            if (!names_variable(unset, *entry) && !names_variable(set, *entry)) {
                child_environment[size++] = *entry;
            }
        }
        for (uint32_t i = 0; i < set_count; i++) {
            child_environment[size++] = set[i];
        }
        sigaction(SIGPIPE, original_sigpipe, NULL);
        execve(program, words, child_environment);
        if (errno == ENOEXEC) { /* a script without #!: the shell runs it, as execvp and the JDK do */
            size_t count = 0;
            while (words[count] != NULL) {
                count++;
            }
            char **shell_words = calloc(count + 2, sizeof *shell_words);
            if (shell_words != NULL) {
                shell_words[0] = "/bin/sh";
                shell_words[1] = program;
                memcpy(shell_words + 2, words + 1, (count - 1) * sizeof *words);
                execve("/bin/sh", shell_words, child_environment);
                free(shell_words);
            }
        }
        signal(SIGPIPE, SIG_IGN);
    }
    /* Not run: nothing of the answer stays behind, and the launcher gets the environment as given. */
    free(child_environment);
    free_texts(set);
    free_texts(unset);
    free_texts(words);
    free(program);
}

int main(int argc, char **argv) {
    char self[PATH_MAX];
    struct buffer request = {0};
    struct sigaction original_sigpipe;
    struct sigaction ignore = {0};
    given_argv = argv;
    if (argc < 1 || argv[0] == NULL || strchr(argv[0], '/') == NULL || realpath(argv[0], self) == NULL) {
        fall_back();
    }
    char *slash = strrchr(self, '/');
    *slash = '\0'; /* self is now the folder of the client and the launcher */
    if (snprintf(launcher, sizeof launcher, "%s/jvault", self) >= (int) sizeof launcher) {
        launcher[0] = '\0';
        fall_back();
    }
    const char *agent = variable("JVAULT_AGENT");
    if (argc < 2 || (strcmp(argv[1], "exec") != 0 && strcmp(argv[1], "export") != 0)
            || (agent != NULL && strcasecmp(agent, "off") == 0) || variable("JVAULT") != NULL) {
        fall_back(); /* not ours to answer; nested: the full path says so */
    }
    /* A closed socket or stdout must not kill the client before it can fall back or finish. */
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGPIPE, &ignore, &original_sigpipe);

    request.capacity = MAX_REQUEST + 4;
    request.bytes = malloc(request.capacity);
    unsigned char *answer = NULL;
    size_t answer_size = 0;
    if (request.bytes != NULL && build_request(&request, self, argc, argv) == 0) {
        answer = ask_agent(&request, &answer_size);
    }
    if (request.bytes != NULL) {
        wipe(request.bytes, request.capacity); /* the environment may hold secrets of its own */
        free(request.bytes);
    }
    if (answer != NULL) {
        struct reader in = {.next = answer + 1, .left = answer_size - 1};
        int printed = answer[0] == ANSWER_PRINT ? print(&in) : -1;
        if (answer[0] == ANSWER_RUN) {
            run(&in, &original_sigpipe); /* returns only when it ran nothing */
        }
        wipe(answer, answer_size);
        free(answer);
        if (printed == 0) {
            return 0;
        }
    }
    sigaction(SIGPIPE, &original_sigpipe, NULL);
    fall_back();
    return 125;
}
